"""Figures of notebook 08: the best constant under squared and absolute loss, and the Gaussian likelihood."""

from __future__ import annotations

import numpy as np

from gdlib.lessons.why_squares import sample_expected_losses
from gdlib.likelihood import gaussian_nll
from gdlib.mse import least_squares, mse_cost
from gdlib.plots import COLORS, animate, new_figure

_MEAN, _MEDIAN, _MODE = COLORS[0], COLORS[1], COLORS[2]


def _loss_panel(ax, constants, squared, absolute):
    """Both expected losses divided by their own minimum, with their minimisers marked; returns the artists.

    constants, squared, absolute: (k,). The legend is left to the caller.
    """
    (line_squared,) = ax.plot(constants, squared / squared.min(), color=_MEAN, label="squared loss")
    (line_absolute,) = ax.plot(constants, absolute / absolute.min(), color=_MEDIAN, label="absolute loss")
    # White edges: the two minimisers may sit closer than a marker's width and stay both visible.
    (dot_squared,) = ax.plot([constants[np.argmin(squared)]], [1.0], "o", color=_MEAN, mec="white")
    (dot_absolute,) = ax.plot([constants[np.argmin(absolute)]], [1.0], "o", color=_MEDIAN, mec="white")
    ax.set_ylim(0.95, 2.0)
    ax.set_xlabel("constant prediction a")
    ax.set_ylabel("expected loss ÷ its minimum")
    ax.set_title("expected loss of predicting a")
    return line_squared, line_absolute, dot_squared, dot_absolute


#: The value axis of the slider figure ends here, whatever the spread: the picture stays put
#: while the slider moves, and the values beyond are counted on the plot.
SKEW_AXIS_END = 6.0
#: Bars of the histogram: equal bins from the smallest value to the largest one on the axis.
SKEW_BINS = 40


def _skew_histogram(sample: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Counts (SKEW_BINS,) and edges (SKEW_BINS + 1,) of the values of sample (m,) up to SKEW_AXIS_END."""
    low = float(sample.min())
    high = max(min(float(sample.max()), SKEW_AXIS_END), low + 1e-6)
    return np.histogram(sample, bins=SKEW_BINS, range=(low, high))


def best_constant_view(draws, spreads):
    """A skewed sample with its mean and median, and the expected losses of every constant.

    draws: (m,) standard normal values; the sample is exp(spread * draws).
    spreads: every spread the slider offers; the count axis is fixed to fit the tallest bar
        of all of them, so no axis moves while the slider is dragged.
    Returns (figure, update) where update(spread) redraws the histogram (bins from the smallest
    value to the largest one below SKEW_AXIS_END, the values beyond counted in a note), the mean
    and median lines, and the two loss curves over a in [0, SKEW_AXIS_END] (each divided by its
    minimum, minimisers marked). Only these moving artists are drawn again at each move.
    """
    draws = np.asarray(draws, dtype=float)
    tallest = max(int(_skew_histogram(np.exp(spread * draws))[0].max()) for spread in spreads)
    figure, (ax_values, ax_losses) = new_figure(2, height=4.0)
    stairs = ax_values.stairs(np.zeros(SKEW_BINS), np.linspace(0.0, 1.0, SKEW_BINS + 1), fill=True,
                              color=COLORS[5], alpha=0.6, label="sample")
    mean_line = ax_values.axvline(0.0, color=_MEAN, lw=2, label="mean")
    median_line = ax_values.axvline(0.0, color=_MEDIAN, lw=2, ls="--", label="median")
    beyond = ax_values.text(0.98, 0.5, "", transform=ax_values.transAxes, ha="right", va="center")
    ax_values.set_ylim(0.0, 1.1 * tallest)
    ax_values.set_xlabel("value y")
    ax_values.set_ylabel("count")
    ax_values.set_title("the sample")
    constants = np.linspace(0.0, SKEW_AXIS_END, 1201)  # 0.005 apart: the narrowest curves stay smooth
    artists = _loss_panel(ax_losses, constants, 1.0 + constants, 1.0 + constants)
    mean_loss_line = ax_losses.axvline(0.0, color=_MEAN, lw=0.8, alpha=0.6)
    median_loss_line = ax_losses.axvline(0.0, color=_MEDIAN, lw=0.8, ls="--", alpha=0.6)
    for ax in (ax_values, ax_losses):
        ax.set_xlim(0.0, SKEW_AXIS_END)
        ax.set_xticks(np.arange(0.0, SKEW_AXIS_END + 0.5))
    # One legend for both panels, below them: the moving curves never cross it.
    figure.legend(handles=[stairs, mean_line, median_line, *artists[:2]], loc="outside lower center", ncols=5)
    title = figure.suptitle("")
    animate(stairs, mean_line, median_line, beyond, *artists, mean_loss_line, median_loss_line, title)

    def update(spread: float) -> None:
        sample = np.exp(spread * draws)
        mean, median = float(sample.mean()), float(np.median(sample))
        stairs.set_data(*_skew_histogram(sample))
        above = int(np.sum(sample > SKEW_AXIS_END))
        beyond.set_text(f"{above} values above {SKEW_AXIS_END:g} →" if above else "")
        squared, absolute = sample_expected_losses(sample, constants)
        line_squared, line_absolute, dot_squared, dot_absolute = artists
        line_squared.set_ydata(squared / squared.min())
        line_absolute.set_ydata(absolute / absolute.min())
        dot_squared.set_data([constants[np.argmin(squared)]], [1.0])
        dot_absolute.set_data([constants[np.argmin(absolute)]], [1.0])
        for line, x in ((mean_line, mean), (median_line, median), (mean_loss_line, mean), (median_loss_line, median)):
            line.set_xdata([x, x])
        title.set_text(f"lognormal sample, spread of log y {spread:.2f}: mean {mean:.3f}, median {median:.3f}")

    return figure, update


def posterior_figure(p, density, constants, squared, absolute, *, mean: float, median: float, mode: float,
                     name: str):
    """A density with its mean, median and mode, and the expected losses of every constant.

    p, density: (g,) the grid and the density on it; constants, squared, absolute: (k,)
    the candidate predictions and their expected losses; name: the distribution, for the title.
    Returns the Figure.
    """
    figure, (ax_density, ax_losses) = new_figure(2, height=3.6)
    ax_density.fill_between(p, density, color=COLORS[5], alpha=0.5, lw=0)
    ax_density.plot(p, density, color=COLORS[5])
    for value, color, style, label in ((mean, _MEAN, "-", "mean"), (median, _MEDIAN, "--", "median"),
                                       (mode, _MODE, ":", "mode")):
        ax_density.axvline(value, color=color, ls=style, lw=2, label=f"{label} {value:.4f}")
    ax_density.set_xlabel("success probability p")
    ax_density.set_ylabel("posterior density f(p)")
    ax_density.set_title(f"{name} posterior")
    ax_density.legend(loc="upper right")
    _loss_panel(ax_losses, np.asarray(constants), np.asarray(squared), np.asarray(absolute))
    ax_losses.axvline(mode, color=_MODE, ls=":", lw=1.5)
    # The curves leave through the top: the lower right stays clear (short handles keep it narrow).
    ax_losses.legend(loc="lower right", handlelength=1.5)
    ax_losses.set_xlim(constants[0], constants[-1])
    return figure


def likelihood_figure(X, Y, sigmas, *, feature: int = 0):
    """The Gaussian negative log-likelihood per example: against one weight for several fixed
    sigma (left), and against sigma at the least-squares fit (right).

    X: (m, n); Y: (m, 1); sigmas: the fixed noise levels of the left panel; feature: which
    weight to vary (the others stay at the least-squares fit). Returns the Figure.
    """
    alpha_star, beta_star = least_squares(X, Y)
    J_star = mse_cost(X, Y, alpha_star, beta_star)
    figure, (ax_weight, ax_sigma) = new_figure(2, height=3.8, width=10.0)
    weights = beta_star[0, feature] + np.linspace(-1.0, 1.0, 121)
    curves = []
    for color, sigma in zip(COLORS, sigmas, strict=False):
        values = []
        for weight in weights:
            beta = beta_star.copy()
            beta[0, feature] = weight
            values.append(gaussian_nll(X, Y, alpha_star, beta, np.log(sigma)))
        curves.append((color, sigma, np.array(values)))
        ax_weight.plot(weights, curves[-1][2], color=color, label=f"σ = {sigma:g}")
    # The minima share one weight and some nearly one height: rings of decreasing size, so that
    # each shows around the next.
    for k, (color, _, values) in enumerate(curves):
        ax_weight.plot(weights[np.argmin(values)], values.min(), "o", color=color, mfc="none", mew=2,
                       markersize=max(15 - 3 * k, 5), zorder=3)
    low = min(values.min() for _, _, values in curves)
    high = max(values.max() for _, _, values in curves)
    ax_weight.plot([beta_star[0, feature]] * 2, [low - 0.05 * (high - low), high], color=COLORS[7], lw=1,
                   ls="--", label="least squares")
    # Room above the curves for the legend (three rows of two).
    ax_weight.set_ylim(low - 0.05 * (high - low), high + 0.5 * (high - low))
    ax_weight.set_xlabel(f"weight β{chr(0x2081 + feature)} (the others at the least-squares fit)")
    ax_weight.set_ylabel("−log L / m")
    ax_weight.set_title("for every fixed σ, the same best weight")
    ax_weight.legend(loc="upper center", ncols=2)
    sigma_grid = np.geomspace(0.2, 2.0, 200)
    values = np.array([gaussian_nll(X, Y, alpha_star, beta_star, np.log(s)) for s in sigma_grid])
    ax_sigma.plot(sigma_grid, values, color=COLORS[0])
    ax_sigma.axvline(np.sqrt(J_star), color=COLORS[3], ls="--", label=f"σ = √J* = {np.sqrt(J_star):.4f}")
    ax_sigma.set_xlabel("noise sd σ (α, β at the least-squares fit)")
    ax_sigma.set_ylabel("−log L / m")
    ax_sigma.set_title("the best σ² is the MSE at the optimum")
    ax_sigma.legend(loc="upper right")
    return figure
