"""Sliders for notebook 11: where gradient descent goes on the tiny network's landscape."""

from __future__ import annotations

from gdlib.lessons.loss_landscapes import network_data
from gdlib.plots.loss_landscapes import WEIGHT_RANGE, network_landscape_view
from gdlib.widgets import SliderFigure, float_slider, int_slider, log_slider

#: The most iterations the slider offers (the cost panel's x axis ends there).
MAX_ITERATIONS = 400


def network_landscape_explorer() -> SliderFigure:
    """Start point (w1, w2), learning rate and iterations of gradient descent on the tiny network.

    Returns a SliderFigure (call .show()). From the default start, (0.9, -1.2), descent runs
    almost straight into the saddle, waits there, then escapes into a valley: the saved picture
    shows the plateau that saddles cause.
    """
    x, Y = network_data()
    figure, update = network_landscape_view(x, Y, max_iterations=MAX_ITERATIONS)
    controls = {
        "start_w1": float_slider("start w1", 0.9, *WEIGHT_RANGE, step=0.05),
        "start_w2": float_slider("start w2", -1.2, *WEIGHT_RANGE, step=0.05),
        "learning_rate": log_slider("learning rate", 0.05, 0.01, 1.0),
        "iterations": int_slider("iterations", 300, 0, MAX_ITERATIONS, step=10),
    }
    return SliderFigure(figure, update, controls)
