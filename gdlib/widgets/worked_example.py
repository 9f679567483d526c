"""The slider figure of notebook 02: learning rate and iterations over the worked example."""

from __future__ import annotations

import ipywidgets

from gdlib.curvature import critical_learning_rate
from gdlib.data import load_worked_example, load_worked_example_start
from gdlib.plots.worked_example import MAX_ITERATIONS, worked_example_view
from gdlib.widgets import SliderFigure, int_slider, log_slider

#: Slider defaults: fast enough that the fit settles on the targets well within the run, slow
#: enough that the cost curve shows both the quick first drop and the long straight decline.
DEFAULT_LEARNING_RATE = 0.05
DEFAULT_ITERATIONS = 1500


def worked_example_explorer() -> SliderFigure:
    """Sliders for the learning rate (log scale, 0.001 to 0.12) and the number of iterations (0 to 5000).

    Each change re-runs gradient descent from the worked example's start (alpha = 0,
    beta = [0.5, 0.5]) and redraws the cost curve and the fitted values. The critical learning
    rate is shown above the sliders; the upper end of the learning-rate slider lies beyond it.
    Returns a SliderFigure (call .show() in a notebook).
    """
    X, Y = load_worked_example()
    alpha, beta, _ = load_worked_example_start()
    critical = critical_learning_rate(X)
    figure, update = worked_example_view(X, Y, alpha=alpha, beta=beta, max_iterations=MAX_ITERATIONS)
    header = ipywidgets.HTML(
        f"Critical learning rate 2/λ<sub>max</sub> = <b>{critical:.4f}</b>: below it gradient descent "
        "converges; above it the cost blows up."
    )
    controls = {
        "learning_rate": log_slider("learning rate", DEFAULT_LEARNING_RATE, 1e-3, 0.12),
        "iterations": int_slider("iterations", DEFAULT_ITERATIONS, 0, MAX_ITERATIONS, step=50),
    }
    return SliderFigure(figure, update, controls, header=header)
