"""Figures of notebook 08: the best constant under squared and absolute loss, and the Gaussian likelihood."""

from __future__ import annotations

import numpy as np

from gdlib.lessons.why_squares import sample_expected_losses
from gdlib.likelihood import gaussian_nll
from gdlib.mse import least_squares, mse_cost
from gdlib.plots import COLORS, new_figure

_MEAN, _MEDIAN, _MODE = COLORS[0], COLORS[1], COLORS[2]


def _loss_panel(ax, constants, squared, absolute):
    """Both expected losses divided by their own minimum, with their minimisers marked; returns the artists."""
    (line_squared,) = ax.plot(constants, squared / squared.min(), color=_MEAN, label="squared loss")
    (line_absolute,) = ax.plot(constants, absolute / absolute.min(), color=_MEDIAN, label="absolute loss")
    (dot_squared,) = ax.plot([constants[np.argmin(squared)]], [1.0], "o", color=_MEAN)
    (dot_absolute,) = ax.plot([constants[np.argmin(absolute)]], [1.0], "o", color=_MEDIAN)
    ax.set_ylim(0.95, 2.0)
    ax.set_xlabel("constant prediction a")
    ax.set_ylabel("expected loss ÷ its minimum")
    ax.set_title("expected loss of predicting a")
    ax.legend(loc="upper center")
    return line_squared, line_absolute, dot_squared, dot_absolute


def best_constant_view(draws):
    """A skewed sample with its mean and median, and the expected losses of every constant.

    draws: (m,) standard normal values; the sample is exp(spread * draws).
    Returns (figure, update) where update(spread) redraws the histogram, the mean and median
    lines, and the two loss curves (each divided by its minimum, minimisers marked).
    """
    draws = np.asarray(draws, dtype=float)
    figure, (ax_values, ax_losses) = new_figure(2, height=3.6)
    stairs = ax_values.stairs(np.zeros(40), np.linspace(0.0, 1.0, 41), fill=True, color=COLORS[5], alpha=0.6,
                              label="sample")
    mean_line = ax_values.axvline(0.0, color=_MEAN, lw=2, label="mean")
    median_line = ax_values.axvline(0.0, color=_MEDIAN, lw=2, ls="--", label="median")
    ax_values.set_xlabel("value y")
    ax_values.set_ylabel("count")
    ax_values.legend(loc="upper right")
    grid = np.linspace(0.0, 1.0, 401)
    artists = _loss_panel(ax_losses, grid, 1.0 + grid, 1.0 + grid)
    mean_loss_line = ax_losses.axvline(0.0, color=_MEAN, lw=0.8, alpha=0.6)
    median_loss_line = ax_losses.axvline(0.0, color=_MEDIAN, lw=0.8, ls="--", alpha=0.6)

    def update(spread: float) -> None:
        sample = np.exp(spread * draws)
        mean, median = float(sample.mean()), float(np.median(sample))
        top = float(np.quantile(sample, 0.98))
        counts, edges = np.histogram(sample, bins=40, range=(0.0, top))
        stairs.set_data(counts, edges)
        ax_values.set_xlim(0.0, top)
        ax_values.set_ylim(0.0, counts.max() * 1.15)
        constants = np.linspace(0.0, max(2.0 * mean, top / 2), 401)
        squared, absolute = sample_expected_losses(sample, constants)
        line_squared, line_absolute, dot_squared, dot_absolute = artists
        line_squared.set_data(constants, squared / squared.min())
        line_absolute.set_data(constants, absolute / absolute.min())
        dot_squared.set_data([constants[np.argmin(squared)]], [1.0])
        dot_absolute.set_data([constants[np.argmin(absolute)]], [1.0])
        ax_losses.set_xlim(constants[0], constants[-1])
        for line, x in ((mean_line, mean), (median_line, median), (mean_loss_line, mean), (median_loss_line, median)):
            line.set_xdata([x, x])
        ax_values.set_title(f"lognormal sample, spread {spread:.2f}: mean {mean:.3f}, median {median:.3f}")

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
    ax_losses.axvline(mode, color=_MODE, ls=":", lw=1)
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
    figure, (ax_weight, ax_sigma) = new_figure(2, height=3.6)
    weights = beta_star[0, feature] + np.linspace(-1.0, 1.0, 121)
    for color, sigma in zip(COLORS, sigmas, strict=False):
        values = []
        for weight in weights:
            beta = beta_star.copy()
            beta[0, feature] = weight
            values.append(gaussian_nll(X, Y, alpha_star, beta, np.log(sigma)))
        values = np.array(values)
        ax_weight.plot(weights, values, color=color, label=f"σ = {sigma:g}")
        ax_weight.plot(weights[np.argmin(values)], values.min(), "o", color=color)
    ax_weight.axvline(beta_star[0, feature], color=COLORS[7], lw=0.8, ls="--", label="least squares")
    ax_weight.set_xlabel(f"weight β{chr(0x2081 + feature)} (the others at the least-squares fit)")
    ax_weight.set_ylabel("−log L / m")
    ax_weight.set_title("for every fixed σ, the same best weight")
    ax_weight.legend(loc="upper center", ncols=2)
    sigma_grid = np.geomspace(0.2, 2.0, 200)
    values = np.array([gaussian_nll(X, Y, alpha_star, beta_star, np.log(s)) for s in sigma_grid])
    ax_sigma.plot(sigma_grid, values, color=COLORS[0])
    ax_sigma.axvline(np.sqrt(J_star), color=COLORS[3], ls="--", label=f"σ = √J* = {np.sqrt(J_star):.4f}")
    ax_sigma.set_xlabel("noise sd σ")
    ax_sigma.set_ylabel("−log L / m at the least-squares fit")
    ax_sigma.set_title("the best σ² is the MSE at the optimum")
    ax_sigma.legend(loc="upper right")
    return figure
