"""The small slider demo of notebook 00: learning rate and iterations on the worked example."""

from __future__ import annotations

from gdlib.data import load_worked_example, load_worked_example_start
from gdlib.plots.start_here import cost_curve_view
from gdlib.widgets import SliderFigure, int_slider, log_slider

#: The iterations slider's range (the figure's iteration axis is fixed to it) and the defaults.
MAX_ITERATIONS = 1000
DEFAULT_ITERATIONS = 500
DEFAULT_LEARNING_RATE = 0.05


def cost_curve_explorer() -> SliderFigure:
    """Sliders for the learning rate (log scale) and iterations over the worked example's cost curve.

    Returns a SliderFigure (call .show() in a notebook). Defaults: the worked example's start
    and learning rate 0.05, at which the cost falls from 29.4 to about 4e-6 in the default 500
    iterations; the iteration axis is fixed at 0 to 1,000, the slider's range.
    """
    X, Y = load_worked_example()
    alpha, beta, _ = load_worked_example_start()
    figure, update = cost_curve_view(X, Y, alpha=alpha, beta=beta, max_iterations=MAX_ITERATIONS)
    controls = {
        "learning_rate": log_slider("learning rate", DEFAULT_LEARNING_RATE, 1e-3, 0.2),
        "iterations": int_slider("iterations", DEFAULT_ITERATIONS, 0, MAX_ITERATIONS, step=10),
    }
    return SliderFigure(figure, update, controls)
