"""Sliders for notebook 10: how the reason targets go missing decides whether a masked fit is biased."""

from __future__ import annotations

from gdlib.plots.tailoring_mse import missing_targets_view
from gdlib.widgets import SliderFigure, float_slider


def missing_targets_explorer() -> SliderFigure:
    """Strength of the dependence of missingness on y (0 = MCAR) and the share of missing targets.

    Returns a SliderFigure (call .show()). The default, strength 2, shows a clearly biased slope.
    """
    figure, update = missing_targets_view()
    controls = {
        "strength": float_slider("MNAR strength", 2.0, 0.0, 4.0, step=0.25),
        "missing_share": float_slider("missing share", 0.4, 0.1, 0.8, step=0.05),
    }
    return SliderFigure(figure, update, controls)
