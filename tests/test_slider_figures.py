"""Every slider figure of the course, found the way the benchmarks find them, at every extreme.

Each must be sharp (PNG at twice its CSS size), readable (no text under 13 CSS px), unclipped,
free of text on text, and a function of its values alone: the picture at a setting is the
picture a new figure set there directly shows, byte for byte.
"""

import pytest
from slider_checks import check_slider_figure

from benchmarks.widget_updates import discover_builders

DISCOVERY = discover_builders()


def test_every_widget_module_imports_and_offers_a_builder():
    assert not DISCOVERY.broken_modules
    assert not DISCOVERY.skipped
    assert len(DISCOVERY.builders) >= 14


@pytest.mark.parametrize("builder", DISCOVERY.builders, ids=lambda builder: builder.label)
def test_the_slider_figure_is_sharp_readable_and_a_function_of_its_values(builder):
    check_slider_figure(builder.function(), rebuild=builder.function)
