"""A shared check for every slider figure of the course, used by the notebook-specific tests."""

from __future__ import annotations

import warnings

from figure_checks import text_problems

from gdlib.widgets import PIXEL_RATIO, SliderFigure, values_at_extremes

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def check_slider_figure(slider_figure: SliderFigure, *, rebuild=None) -> dict[str, bytes]:
    """Move every control of slider_figure to its extremes, the way a learner would.

    Each setting goes through the widgets themselves (so the observers run, as in the browser),
    must raise no exception and no warning, and must produce a PNG of PIXEL_RATIO times the
    figure's CSS size whose text is readable, unclipped and not on top of other text. Every
    control must change the picture at one of its extremes at least. The picture depends only on
    the values: back at the defaults it is the picture of the start, byte for byte, and (given
    rebuild, the builder) every setting's picture is that of a new figure built and set there
    directly. Returns {description of setting: PNG bytes}.
    """
    controls = slider_figure.controls
    defaults = slider_figure.values()
    problems = []
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        default_png = slider_figure.png
        _check_size(slider_figure, default_png)
        pictures = {"defaults": default_png}
        problems += [f"at the defaults: {problem}" for problem in text_problems(slider_figure.figure)]
        for setting in values_at_extremes(controls):
            for name, value in setting.items():
                controls[name].value = value
            assert slider_figure.values() == setting or _close(slider_figure.values(), setting), setting
            png = slider_figure.png
            assert png.startswith(PNG_SIGNATURE)
            pictures[repr(setting)] = png
            problems += [f"at {setting}: {problem}" for problem in text_problems(slider_figure.figure)]
            if rebuild is not None:
                fresh = rebuild()
                for name, value in setting.items():
                    fresh.controls[name].value = value
                assert fresh.png == png, f"at {setting}, the picture depends on the way there"
        for name, value in defaults.items():
            controls[name].value = value
        assert slider_figure.png == default_png, "back at the defaults, the picture is not the first one"
    assert not problems, "the figure's text breaks the rules:\n" + "\n".join(dict.fromkeys(problems))
    for name in controls:
        changed = [png != default_png for key, png in pictures.items() if f"'{name}'" in key and key != repr(defaults)]
        assert any(changed), f"moving the control {name!r} to its extremes never changed the figure"
    return pictures


def _check_size(slider_figure: SliderFigure, png: bytes) -> None:
    width = int.from_bytes(png[16:20], "big")
    height = int.from_bytes(png[20:24], "big")
    css_width, css_height = slider_figure.css_size
    assert (width, height) == (css_width * PIXEL_RATIO, css_height * PIXEL_RATIO), (
        f"the PNG is {width} x {height} px for a figure shown at {css_width} x {css_height} CSS px")


def _close(actual: dict, expected: dict) -> bool:
    """Slider values equal up to the rounding a widget applies to its steps."""
    return all(abs(float(actual[k]) - float(expected[k])) <= 1e-9 * max(1.0, abs(float(expected[k]))) for k in expected)
