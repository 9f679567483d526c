"""The slider figure of notebook 05: the slopes fitted under noise of each degrees of freedom ν."""

from __future__ import annotations

import numpy as np

from gdlib.lessons.heavy_tails import heavy_tails_monte_carlo
from gdlib.plots.heavy_tails import heavy_tails_view
from gdlib.robust import SlopeMonteCarlo
from gdlib.widgets import SliderFigure, selection_slider


def heavy_tails_explorer(monte_carlo: SlopeMonteCarlo | None = None) -> SliderFigure:
    """A slider over the noise's degrees of freedom: histograms of the fitted slopes, and their spread.

    monte_carlo: the result of heavy_tails_monte_carlo() (computed here when None), so the slider
    only redraws. Returns a SliderFigure; default ν = 1 (Cauchy noise), where the MSE's slopes
    scatter most while the MAE's and Huber's hardly change.
    """
    monte_carlo = heavy_tails_monte_carlo() if monte_carlo is None else monte_carlo
    figure, update = heavy_tails_view(monte_carlo)
    options = [("∞" if np.isinf(df) else f"{df:g}", df) for df in monte_carlo.dfs]
    default = 1.0 if 1.0 in monte_carlo.dfs else monte_carlo.dfs[0]
    slider = selection_slider("degrees of freedom ν", options, default)
    return SliderFigure(figure, update, {"df": slider})
