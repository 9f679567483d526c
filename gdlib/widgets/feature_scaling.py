"""The slider figure of notebook 06: change the lot size's unit and watch the valley and the descent."""

from __future__ import annotations

from gdlib.lessons.feature_scaling import house_prices
from gdlib.plots.feature_scaling import scaling_descent_view
from gdlib.widgets import SliderFigure, int_slider, log_slider, toggle


def scaling_explorer() -> SliderFigure:
    """Sliders for the lot size's conversion factor c, the learning rate (as a fraction of the critical
    rate 2/λmax), the iterations, and a standardize switch, over the house data of notebook 06.

    Returns a SliderFigure (call .show() in a notebook). Defaults: lot size in thousands of
    square feet (c = 0.001), 0.9 of the critical rate and 100 iterations, where the path zigzags
    across a narrow valley and then crawls along it while standardized features are long done.
    """
    X, Y = house_prices()
    most = 500
    figure, update = scaling_descent_view(X, Y, iteration_limit=most)  # its cost axis ends at the slider's end
    controls = {
        "scale": log_slider("factor c of lot size", 1e-3, 1e-5, 1.0, steps=50),
        "fraction_of_critical": log_slider("learning rate / critical", 0.9, 0.01, 1.2, steps=40),
        "iterations": int_slider("iterations", 100, 0, most, step=10),
        "standardize": toggle("standardize", False),
    }
    return SliderFigure(figure, update, controls)
