"""The slider figure of notebook 04: one outlier against the MSE, the MAE and the Huber loss."""

from __future__ import annotations

from gdlib.lessons.robust_losses import OUTLIER_INDEX, TRUE_ALPHA, TRUE_BETA, line_with_outlier
from gdlib.plots.robust_losses import outlier_view
from gdlib.widgets import SliderFigure, float_slider, log_slider

#: The outlier slider runs from -LARGEST_OUTLIER to +LARGEST_OUTLIER.
LARGEST_OUTLIER = 15.0


def outlier_explorer() -> SliderFigure:
    """Sliders for the outlier's size and Huber's delta over the three fitted lines and their pulls.

    Returns a SliderFigure (call .show() in a notebook). Defaults: an outlier 10 above its place,
    which drags the MSE line visibly while the MAE line stays with the clean points, and delta = 1.
    """
    X, Y_clean = line_with_outlier(0.0)
    figure, update = outlier_view(X, Y_clean, OUTLIER_INDEX, true_alpha=TRUE_ALPHA, true_beta=TRUE_BETA,
                                  max_outlier_size=LARGEST_OUTLIER)
    controls = {
        "outlier_size": float_slider("outlier size", 10.0, -LARGEST_OUTLIER, LARGEST_OUTLIER, step=0.5),
        "delta": log_slider("Huber δ", 1.0, 0.1, 10.0, steps=40),
    }
    return SliderFigure(figure, update, controls)
