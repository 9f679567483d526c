"""The slider figure of notebook 03: a descent path on the contours of J, and its cost curve."""

from __future__ import annotations

import ipywidgets

from gdlib.curvature import critical_learning_rate
from gdlib.lessons.learning_rate import (
    ALPHA_LIMITS,
    BETA_LIMITS,
    START_ALPHA,
    START_BETA,
    hessian_eigen,
    one_feature_data,
)
from gdlib.plots.learning_rate import landscape_view
from gdlib.widgets import SliderFigure, float_slider, int_slider, log_slider

#: The default learning rate: 0.89 of the critical one for the notebook's data, so the path zigzags
#: across the valley while it shrinks, and the flat direction still converges within the iterations.
DEFAULT_LEARNING_RATE = 0.25


def learning_rate_explorer() -> SliderFigure:
    """Sliders for the learning rate (log scale), iterations and the start (alpha, beta).

    The data is the notebook's one-feature set (gdlib.lessons.learning_rate.one_feature_data).
    The learning rate spans 0.002 (a crawl) to 0.4 (diverging, 1.4 times the critical rate).
    Returns a SliderFigure (call .show() in a notebook).
    """
    X, Y = one_feature_data()
    eigenvalues, _ = hessian_eigen(X)
    figure, update = landscape_view(X, Y, ALPHA_LIMITS, BETA_LIMITS, max_iterations=300)
    controls = {
        "learning_rate": log_slider("learning rate η", DEFAULT_LEARNING_RATE, 0.002, 0.4),
        "iterations": int_slider("iterations", 50, 0, 300, step=5),
        "start_alpha": float_slider("start α", START_ALPHA, ALPHA_LIMITS[0], ALPHA_LIMITS[1], step=0.1),
        "start_beta": float_slider("start β", START_BETA, BETA_LIMITS[0], BETA_LIMITS[1], step=0.1),
    }
    header = ipywidgets.HTML(
        f"λmin = {eigenvalues[0]:.4f}, λmax = {eigenvalues[-1]:.4f}: "
        f"η = 1/λmax = {1 / eigenvalues[-1]:.4f} starts the zigzag, "
        f"η = 2/λmax = {critical_learning_rate(X):.4f} is critical."
    )
    return SliderFigure(figure, update, controls, header=header)
