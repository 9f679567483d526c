"""The slider figure of notebook 10: batch gradient descent with heavy-ball momentum in a narrow
valley (learning rate, momentum, iterations)."""

from __future__ import annotations

from gdlib.lessons.momentum import VALLEY_FEATURES, heavy_ball_theory, valley_houses
from gdlib.plots.momentum import momentum_view
from gdlib.widgets import SliderFigure, float_slider, int_slider, log_slider

#: The most iterations offered in the valley: plain gradient descent needs about 250 there.
MAX_MOMENTUM_ITERATIONS = 300


def momentum_explorer() -> SliderFigure:
    """Sliders for the learning rate (log scale), the momentum and the iterations of batch gradient
    descent with heavy-ball momentum in the bedrooms-and-lot-size valley of notebook 10 (features
    centred, not scaled), beside plain gradient descent at its best rate (dashed).

    Returns a SliderFigure (call .show() in a notebook). Defaults: the theory's best learning rate
    and momentum (rounded to the sliders' steps) and 100 iterations, where momentum reaches the
    tolerance and plain gradient descent is still far from it.
    """
    X, Y = valley_houses()
    X = X - X.mean(axis=0)
    theory = heavy_ball_theory(X)
    learning_rate = round(theory["momentum_learning_rate"], 3)
    momentum = round(theory["momentum"] * 20) / 20
    figure, update = momentum_view(X, Y, feature_names=VALLEY_FEATURES,
                                   reference_learning_rate=theory["gd_learning_rate"],
                                   default_learning_rate=learning_rate, default_momentum=momentum,
                                   max_iterations=MAX_MOMENTUM_ITERATIONS)
    controls = {
        "learning_rate": log_slider("learning rate", learning_rate, 1e-3, 0.05),
        "momentum": float_slider("momentum μ", momentum, 0.0, 0.95, step=0.05),
        "iterations": int_slider("iterations", 100, 10, MAX_MOMENTUM_ITERATIONS, step=10),
    }
    return SliderFigure(figure, update, controls)
