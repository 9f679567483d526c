"""Sliders for notebook 12: how the reason targets go missing decides whether a masked fit is biased."""

from __future__ import annotations

from gdlib.plots.tailoring_mse import missing_targets_view
from gdlib.widgets import SliderFigure, float_slider, selection_slider


def missing_targets_explorer() -> SliderFigure:
    """Strength of the dependence of missingness on y or on x (0 = MCAR), the share of missing
    targets, and which of y and x the chance of being missing depends on.

    Returns a SliderFigure (call .show()). The default, strength 2 on y, shows a clearly biased
    slope; on x, the slopes stay centred on the truth.
    """
    figure, update = missing_targets_view()
    controls = {
        "strength": float_slider("strength", 2.0, 0.0, 4.0, step=0.25),
        "missing_share": float_slider("missing share", 0.4, 0.1, 0.8, step=0.05),
        "depends_on": selection_slider("depends on", [("y", "y"), ("x", "x")], "y"),
    }
    return SliderFigure(figure, update, controls)
