"""The slider figures of notebook 04: one outlier against three losses, and heavy-tailed noise."""

from __future__ import annotations

import numpy as np

from gdlib.lessons.robust_losses import OUTLIER_INDEX, TRUE_ALPHA, TRUE_BETA, line_with_outlier
from gdlib.losses import huber, mae, mse
from gdlib.plots.robust_losses import heavy_tails_view, outlier_view
from gdlib.robust import SlopeMonteCarlo, slope_monte_carlo
from gdlib.widgets import SliderFigure, float_slider, log_slider, selection_slider

#: The noise laws of the heavy-tails figure: Student t degrees of freedom, inf for Gaussian noise.
HEAVY_TAIL_DFS = (1.0, 1.5, 2.0, 3.0, 5.0, 10.0, np.inf)
#: Huber's delta in the Monte Carlo: 1.345 keeps 95% of the MSE's precision under Gaussian noise of scale 1.
MONTE_CARLO_DELTA = 1.345


def outlier_explorer() -> SliderFigure:
    """Sliders for the outlier's size and Huber's delta over the three fitted lines and their pulls.

    Returns a SliderFigure (call .show() in a notebook). Defaults: an outlier 10 above its place,
    which drags the MSE line visibly while the MAE line stays with the clean points, and delta = 1.
    """
    X, Y_clean = line_with_outlier(0.0)
    figure, update = outlier_view(X, Y_clean, OUTLIER_INDEX, true_alpha=TRUE_ALPHA, true_beta=TRUE_BETA)
    controls = {
        "outlier_size": float_slider("outlier size", 10.0, -15.0, 15.0, step=0.5),
        "delta": log_slider("Huber δ", 1.0, 0.1, 10.0, steps=40),
    }
    return SliderFigure(figure, update, controls)


def heavy_tails_monte_carlo(trials: int = 2000, seed: int = 4) -> SlopeMonteCarlo:
    """The Monte Carlo behind heavy_tails_explorer: slopes of the MSE, MAE and Huber lines fitted to
    `trials` data sets of 11 points on 1 + 0.5 x plus Student t noise, for each of HEAVY_TAIL_DFS."""
    x, _ = line_with_outlier(0.0)
    return slope_monte_carlo(x[:, 0], HEAVY_TAIL_DFS, trials, (mse, mae, huber(MONTE_CARLO_DELTA)),
                             alpha=TRUE_ALPHA, beta=TRUE_BETA, seed=seed)


def heavy_tails_explorer(monte_carlo: SlopeMonteCarlo | None = None) -> SliderFigure:
    """A slider over the noise's degrees of freedom: histograms of the fitted slopes, and their spread.

    monte_carlo: the result of heavy_tails_monte_carlo() (computed here when None), so the slider
    only redraws. Returns a SliderFigure; default df = 1 (Cauchy noise), where the MSE's slopes
    scatter most while the MAE's and Huber's hardly change.
    """
    monte_carlo = heavy_tails_monte_carlo() if monte_carlo is None else monte_carlo
    figure, update = heavy_tails_view(monte_carlo)
    options = [("∞" if np.isinf(df) else f"{df:g}", df) for df in monte_carlo.dfs]
    default = 1.0 if 1.0 in monte_carlo.dfs else monte_carlo.dfs[0]
    slider = selection_slider("degrees of freedom", options, default)
    return SliderFigure(figure, update, {"df": slider})
