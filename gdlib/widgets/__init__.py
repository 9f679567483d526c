"""Sliders that redraw a figure in place, the same way in JupyterLab, Voila and a static export.

The figure is a plain matplotlib Figure (not managed by pyplot, so the inline backend never
shows a stray copy). It is drawn once with the sliders' default values and displayed as an
ordinary PNG output, so a notebook saved with outputs shows the most instructive picture even
where widgets cannot run. Moving a slider calls the same `update` function and replaces that
PNG in place through its display id. Voila renders outputs on its server and never applies such
display updates, so in a Voila app the figure is an Image widget instead, redrawn through the
widget's own channel.

The `update(**values)` functions live in gdlib.plots and are plain functions: tests call
them directly at every slider's extremes.
"""

from __future__ import annotations

import io
import math
import os
import warnings
from collections.abc import Callable

import ipywidgets
import matplotlib
from IPython.display import Image, display
from matplotlib.figure import Figure

__all__ = [
    "SliderFigure",
    "figure_png",
    "float_slider",
    "int_slider",
    "log_slider",
    "selection_slider",
    "show_with_sliders",
    "toggle",
    "values_at_extremes",
]

#: Slider layout shared by every notebook: wide enough to read the value, narrow enough for a laptop.
_STYLE = {"description_width": "9em"}
_LAYOUT = ipywidgets.Layout(width="32em")


def figure_png(figure: Figure, dpi: float | None = None) -> bytes:
    """Render a matplotlib Figure to PNG bytes with the Agg renderer (what the inline backend does)."""
    buffer = io.BytesIO()
    with warnings.catch_warnings():
        # A warning of matplotlib's while drawing (a layout that does not fit, a missing glyph) is
        # a bug of the figure: let tests see it. Deprecation notices of the libraries below
        # (pyparsing's, under matplotlib 3.8) are not the figure's and stay as Python shows them.
        warnings.simplefilter("error", UserWarning)
        warnings.simplefilter("error", RuntimeWarning)
        figure.savefig(buffer, format="png", dpi=dpi if dpi is not None else figure.dpi)
    return buffer.getvalue()


def log_slider(description: str, value: float, low: float, high: float, *, steps: int = 60,
               continuous_update: bool = False) -> ipywidgets.FloatLogSlider:
    """A slider over [low, high] on a log scale (learning rates, scale factors), starting at value.

    About `steps` equal steps in log10 cover [low, high]. The grid of steps is placed so that
    the default value is on it, so a learner who steps away with the arrow keys can step back to
    exactly the default; the ends then reach at most one step beyond low and high.
    """
    if not 0 < low <= value <= high:
        raise ValueError(f"log_slider needs 0 < low <= value <= high, got low={low!r}, value={value!r}, high={high!r}.")
    step = (math.log10(high) - math.log10(low)) / steps
    exponent = math.log10(value)
    below = math.ceil((exponent - math.log10(low)) / step - 1e-9)
    above = math.ceil((math.log10(high) - exponent) / step - 1e-9)
    return ipywidgets.FloatLogSlider(
        value=value, base=10, min=exponent - below * step, max=exponent + above * step,
        step=step, description=description, readout_format=".3g",
        continuous_update=continuous_update, style=_STYLE, layout=_LAYOUT,
    )


def int_slider(description: str, value: int, low: int, high: int, *, step: int = 1,
               continuous_update: bool = False) -> ipywidgets.IntSlider:
    """A slider over the whole numbers low..high (iterations, sizes), starting at value."""
    return ipywidgets.IntSlider(
        value=value, min=low, max=high, step=step, description=description,
        continuous_update=continuous_update, style=_STYLE, layout=_LAYOUT,
    )


def float_slider(description: str, value: float, low: float, high: float, *, step: float,
                 continuous_update: bool = False) -> ipywidgets.FloatSlider:
    """A slider over [low, high] on a linear scale, starting at value."""
    return ipywidgets.FloatSlider(
        value=value, min=low, max=high, step=step, description=description, readout_format=".3g",
        continuous_update=continuous_update, style=_STYLE, layout=_LAYOUT,
    )


def selection_slider(description: str, options, value, *, continuous_update: bool = False
                     ) -> ipywidgets.SelectionSlider:
    """A slider over a fixed list of options (e.g. batch sizes 1, 5, 20, ...), starting at value.

    options: a sequence of values, or of (label, value) pairs when a value needs a nicer label.
    """
    return ipywidgets.SelectionSlider(
        options=options, value=value, description=description, continuous_update=continuous_update,
        style=_STYLE, layout=_LAYOUT,
    )


def toggle(description: str, value: bool = False) -> ipywidgets.Checkbox:
    """An on/off switch (for example 'standardize')."""
    return ipywidgets.Checkbox(value=value, description=description, style=_STYLE, layout=_LAYOUT)


class SliderFigure:
    """A figure redrawn by `update(**values)` whenever one of the named controls changes.

    figure: a matplotlib Figure that `update` draws into.
    update: a function taking one keyword argument per control; it changes the figure.
    controls: name -> ipywidgets value widget; the names are update's keyword arguments.
    After construction the figure shows the controls' current values.
    """

    def __init__(self, figure: Figure, update: Callable[..., object], controls: dict[str, ipywidgets.ValueWidget],
                 *, header: ipywidgets.Widget | None = None):
        if not controls:
            raise ValueError("controls must name at least one widget, got none.")
        self.figure = figure
        self.update = update
        self.controls = dict(controls)
        self.header = header
        self._handle = None
        self._image: ipywidgets.Image | None = None
        self._png = self.redraw()
        # Keep the layout computed for the first drawing: re-solving it on every slider move
        # would cost more than drawing the figure. No engine at all (None), not "none": "none"
        # leaves a placeholder engine, and savefig then draws the figure twice on every move.
        with matplotlib.rc_context({"figure.autolayout": False, "figure.constrained_layout.use": False}):
            self.figure.set_layout_engine(None)
        for control in self.controls.values():
            control.observe(self._on_change, names="value")

    def values(self) -> dict[str, object]:
        """The controls' current values, by name."""
        return {name: control.value for name, control in self.controls.items()}

    def redraw(self) -> bytes:
        """Call update with the current values and render the figure; returns the PNG bytes."""
        self.update(**self.values())
        self._png = figure_png(self.figure)
        return self._png

    def _on_change(self, _change) -> None:
        png = self.redraw()
        if self._image is not None:
            self._image.value = png
        elif self._handle is not None:
            self._handle.update(Image(data=png, format="png"))

    def show(self) -> None:
        """Display the controls, then the figure as a PNG output that later redraws replace.

        The figure shown is the last one redraw() made (at construction or a control change), so
        change the controls' values, not the figure, before calling show().
        """
        widgets = ([self.header] if self.header is not None else []) + list(self.controls.values())
        display(ipywidgets.VBox(widgets))
        png = self._png
        if _in_voila():
            self._image = ipywidgets.Image(value=png, format="png")
            display(self._image)
        else:
            self._handle = display(Image(data=png, format="png"), display_id=True)


def _in_voila() -> bool:
    """Whether this kernel runs a Voila app (Voila sets these variables for its kernels)."""
    return "VOILA_KERNEL_ID" in os.environ or "VOILA_SERVER_URL" in os.environ


def show_with_sliders(figure: Figure, update: Callable[..., object], *, header: ipywidgets.Widget | None = None,
                      **controls: ipywidgets.ValueWidget) -> SliderFigure:
    """Draw `figure` with update(**defaults), show the sliders above it, and redraw on every change.

    Returns the SliderFigure, so a notebook can read or set its values.
    """
    slider_figure = SliderFigure(figure, update, controls, header=header)
    slider_figure.show()
    return slider_figure


def _extremes(control: ipywidgets.ValueWidget) -> list[object]:
    """The smallest and largest value a control can take."""
    if isinstance(control, ipywidgets.FloatLogSlider):
        return [control.base ** control.min, control.base ** control.max]
    if hasattr(control, "min") and hasattr(control, "max"):
        return [control.min, control.max]
    if isinstance(control.value, bool):
        return [False, True]
    options = [option[1] if isinstance(option, tuple) else option for option in getattr(control, "options", ())]
    return [options[0], options[-1]] if options else [control.value]


def values_at_extremes(controls: dict[str, ipywidgets.ValueWidget]) -> list[dict[str, object]]:
    """Settings to test a slider figure at: the defaults, each control alone at its minimum and
    maximum, then every control at its minimum together and at its maximum together.

    controls: name -> widget. Returns a list of {name: value} dictionaries.
    """
    defaults = {name: control.value for name, control in controls.items()}
    extremes = {name: _extremes(control) for name, control in controls.items()}
    settings = [defaults]
    for name, (low, high) in ((name, (values[0], values[-1])) for name, values in extremes.items()):
        settings += [{**defaults, name: low}, {**defaults, name: high}]
    settings.append({name: values[0] for name, values in extremes.items()})
    settings.append({name: values[-1] for name, values in extremes.items()})
    return settings
