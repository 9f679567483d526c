"""The slider figure of notebook 07: MSE and cross-entropy trained from a confidently wrong start."""

from __future__ import annotations

from gdlib.lessons.vanishing_gradients import two_classes
from gdlib.plots.vanishing_gradients import training_view
from gdlib.widgets import SliderFigure, float_slider, int_slider, log_slider


def vanishing_explorer() -> SliderFigure:
    """Sliders for the starting logit (how confidently wrong the start is), the learning rate and
    the iterations, over the two-class data of notebook 07.

    Returns a SliderFigure (call .show() in a notebook). Defaults: starting logit -7, learning
    rate 2 and 500 iterations, where cross-entropy learns within a few iterations while MSE
    sits on a plateau for hundreds.
    """
    X, Y = two_classes()
    most = 1000
    figure, update = training_view(X, Y, iteration_limit=most)  # its iteration axes end at the slider's end
    controls = {
        "starting_logit": float_slider("starting logit", -7.0, -20.0, 2.0, step=0.5),
        "learning_rate": log_slider("learning rate", 2.0, 0.1, 10.0, steps=40),
        "iterations": int_slider("iterations", 500, 10, most, step=10),
    }
    return SliderFigure(figure, update, controls)
