"""The slider figure of notebook 08: how skew pulls the mean away from the median."""

from __future__ import annotations

import numpy as np

from gdlib.lessons.why_squares import standard_normal_draws
from gdlib.plots.why_squares import best_constant_view
from gdlib.widgets import SliderFigure, float_slider


def skew_explorer() -> SliderFigure:
    """A slider for the spread of a lognormal sample (the sd of its log) over the best constants.

    Returns a SliderFigure (call .show() in a notebook). Default spread 0.8: skewed enough that
    the mean (best under squared loss) and the median (best under absolute loss) sit clearly apart.
    """
    slider = float_slider("spread of log y", 0.8, 0.05, 1.5, step=0.05)
    spreads = np.arange(slider.min, slider.max + slider.step / 2, slider.step)
    figure, update = best_constant_view(standard_normal_draws(), spreads)
    return SliderFigure(figure, update, {"spread": slider})
