"""A shared check for every slider figure of the course, used by the notebook-specific tests."""

from __future__ import annotations

import warnings

from gdlib.widgets import SliderFigure, figure_png, values_at_extremes

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def check_slider_figure(slider_figure: SliderFigure) -> dict[str, bytes]:
    """Move every control of slider_figure to its extremes, the way a learner would.

    Each setting goes through the widgets themselves (so the observers run, as in the browser),
    must raise no exception and no warning, and must produce a PNG. Every control must change
    the picture at one of its extremes at least. Returns {description of setting: PNG bytes}.
    """
    controls = slider_figure.controls
    defaults = slider_figure.values()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        default_png = figure_png(slider_figure.figure)
        pictures = {"defaults": default_png}
        for setting in values_at_extremes(controls):
            for name, value in setting.items():
                controls[name].value = value
            assert slider_figure.values() == setting or _close(slider_figure.values(), setting), setting
            png = figure_png(slider_figure.figure)
            assert png.startswith(PNG_SIGNATURE)
            pictures[repr(setting)] = png
        for name, value in defaults.items():
            controls[name].value = value
    for name in controls:
        changed = [png != default_png for key, png in pictures.items() if f"'{name}'" in key and key != repr(defaults)]
        assert any(changed), f"moving the control {name!r} to its extremes never changed the figure"
    return pictures


def _close(actual: dict, expected: dict) -> bool:
    """Slider values equal up to the rounding a widget applies to its steps."""
    return all(abs(float(actual[k]) - float(expected[k])) <= 1e-9 * max(1.0, abs(float(expected[k]))) for k in expected)
