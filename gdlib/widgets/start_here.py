"""The small slider demo of notebook 00: learning rate and iterations on the worked example."""

from __future__ import annotations

from gdlib.data import load_worked_example, load_worked_example_start
from gdlib.plots.start_here import cost_curve_view
from gdlib.widgets import SliderFigure, int_slider, log_slider


def cost_curve_explorer() -> SliderFigure:
    """Sliders for the learning rate (log scale) and iterations over the worked example's cost curve.

    Returns a SliderFigure (call .show() in a notebook). Defaults: the worked example's start
    and learning rate 0.05, a rate that converges visibly within the default 200 iterations.
    """
    X, Y = load_worked_example()
    alpha, beta, _ = load_worked_example_start()
    figure, update = cost_curve_view(X, Y, alpha=alpha, beta=beta)
    controls = {
        "learning_rate": log_slider("learning rate", 0.05, 1e-3, 0.2),
        "iterations": int_slider("iterations", 200, 0, 1000, step=10),
    }
    return SliderFigure(figure, update, controls)
