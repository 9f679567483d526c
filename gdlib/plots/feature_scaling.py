"""Figures of notebook 06: how a feature's scale changes the gradient, the bowl and the descent.

The valley pictures use centred data (each feature and the target minus its mean). Then the best
bias is 0 for every choice of weights, a run started at alpha = 0 keeps alpha = 0, and J over the
two weights (beta_1, beta_2) is the exact picture of the whole problem:

    J(beta) = J* + (beta - beta*) H (beta - beta*)^T / 2,   H = (2/m) X^T X   (2 x 2, centred X)
"""

from __future__ import annotations

import matplotlib as mpl
import numpy as np

from gdlib.curvature import critical_learning_rate
from gdlib.descent import gradient_descent
from gdlib.lessons.feature_scaling import log_log_slope, scale_feature
from gdlib.plots import COLORS, new_figure, plain_log_axis, warn_on_axes
from gdlib.scaling import standardize as standardized
from gdlib.validation import as_X, as_Y

#: Angles at which each level set (an ellipse) is drawn.
_ANGLES = np.linspace(0.0, 2.0 * np.pi, 181)

#: Contour levels: J* + (J(start) - J*) times these fractions.
LEVEL_FRACTIONS = np.geomspace(1e-4, 1.0, 9)


def scaling_laws_figure(factors, gradient_sizes: dict[str, np.ndarray], curvatures: dict[str, np.ndarray]):
    """Two log-log panels over the conversion factor c, each line labelled with its fitted slope.

    factors: (k,) conversion factors c of the lot size; gradient_sizes: label -> (k,) sizes of dJ/dbeta_2 (left panel);
    curvatures: label -> (k,) values such as the Hessian entry and the critical learning rate (right).
    Returns a Figure.
    """
    factors = np.asarray(factors, dtype=float)
    figure, (left, right) = new_figure(2, height=3.6)
    for ax, series, title in ((left, gradient_sizes, "gradient for the lot-size weight"),
                              (right, curvatures, "curvature and the largest safe step")):
        for (label, values), color, marker in zip(series.items(), COLORS, "os^v", strict=False):
            values = np.abs(np.asarray(values, dtype=float))
            ax.loglog(factors, values, marker=marker, color=color, markersize=4,
                      label=f"{label}: slope {log_log_slope(factors, values):.3f}")
        plain_log_axis(ax.xaxis, numticks=5)
        plain_log_axis(ax.yaxis, numticks=6)
        ax.set_xlabel("conversion factor c of the lot size")
        ax.set_title(title)
        ax.legend()
    left.set_ylabel("|∂J/∂β₂| at a fixed point")
    right.set_ylabel("H₂₂ and 2/λmax")
    return figure


def _centred(X, Y) -> tuple[np.ndarray, np.ndarray]:
    """X (m, 2) and Y (m, 1) minus their column means."""
    return X - X.mean(axis=0, keepdims=True), Y - Y.mean()


def _bowl(X: np.ndarray, Y: np.ndarray) -> tuple[np.ndarray, np.ndarray, float]:
    """For centred X (m, 2), Y (m, 1): the best weights (2,), the Hessian over beta (2, 2) and J*."""
    m = X.shape[0]
    best = np.linalg.solve(X.T @ X, X.T @ Y[:, 0])
    residual = Y[:, 0] - X @ best
    return best, (2.0 / m) * (X.T @ X), float(residual @ residual) / m


def _square_window(points: np.ndarray, margin: float = 0.12) -> tuple[tuple[float, float], tuple[float, float]]:
    """Limits of a square window (equal spans in x and y) around points (k, 2), with a margin."""
    low, high = points.min(axis=0), points.max(axis=0)
    centre, half = (low + high) / 2, (1 + 2 * margin) * (high - low).max() / 2
    half = half if half > 0 else 1.0
    return (centre[0] - half, centre[0] + half), (centre[1] - half, centre[1] + half)


class _Valley:
    """One panel: the level sets of J over (beta_1, beta_2), equal scales on both axes, and a path.

    The axes box is square and the two spans are equal, so a round bowl looks round and a
    stretched one looks stretched. J is quadratic, so each level set {J = J* + c} is the ellipse
    beta* + sqrt(2 c) H^(-1/2) (cos t, sin t): drawn exactly, however narrow, and updated in place.
    """

    def __init__(self, ax):
        self.ax = ax
        ax.set_box_aspect(1)
        ax.set_xlabel("β₁ (bedrooms)")
        ax.set_ylabel("β₂ (lot size)")
        colors = mpl.colormaps["viridis"](np.linspace(0.0, 0.8, LEVEL_FRACTIONS.size))
        self.levels = [ax.plot([], [], color=color, linewidth=0.9)[0] for color in colors]
        (self.path,) = ax.plot([], [], "-o", color=COLORS[3], markersize=2.5, linewidth=1.2, label="descent")
        (self.best,) = ax.plot([], [], "*", color=COLORS[7], markersize=11, label="minimum")
        (self.start,) = ax.plot([], [], "s", color=COLORS[0], markersize=6, label="start")
        self.warning = None

    def draw(self, X, Y, betas: np.ndarray, diverged: bool, message: str = "") -> None:
        """Level sets for centred X (m, 2), Y (m, 1), and the path betas (k + 1, 2) from betas[0]."""
        best, hessian, _ = _bowl(X, Y)
        start = betas[0]
        eigenvalues, eigenvectors = np.linalg.eigh(hessian)
        inverse_root = eigenvectors @ np.diag(eigenvalues**-0.5) @ eigenvectors.T
        start_excess = (start - best) @ hessian @ (start - best) / 2
        circle = np.vstack([np.cos(_ANGLES), np.sin(_ANGLES)])  # (2, points)
        for line, fraction in zip(self.levels, LEVEL_FRACTIONS, strict=True):
            ellipse = best[:, None] + np.sqrt(2 * start_excess * fraction) * (inverse_root @ circle)
            line.set_data(ellipse[0], ellipse[1])
        self.path.set_data(betas[:, 0], betas[:, 1])
        self.best.set_data([best[0]], [best[1]])
        self.start.set_data([start[0]], [start[1]])
        xlim, ylim = _square_window(np.vstack([start, best]))
        self.ax.set_xlim(*xlim)
        self.ax.set_ylim(*ylim)
        if self.warning is not None:
            self.warning.remove()
            self.warning = None
        if diverged:
            self.warning = warn_on_axes(self.ax, message)


def _descend(X, Y, fraction_of_critical: float, iterations: int):
    """Gradient descent from zero on centred X, Y at fraction_of_critical * 2 / lambda_max."""
    learning_rate = fraction_of_critical * critical_learning_rate(X)
    return gradient_descent(X, Y, learning_rate, iterations)


def valley_figure(X, Y, scales, titles, *, iterations: int = 40):
    """One panel per conversion factor: level sets of J over (beta_1, beta_2) and a descent path from zero.

    X: (m, 2) [bedrooms, lot size]; Y: (m, 1); scales: conversion factors c of the lot size; titles: one
    per panel.
    Each run starts at beta = 0 with the best constant learning rate for its own bowl,
    2 / (lambda_min + lambda_max) of the Hessian over the two weights. Returns a Figure.
    """
    X = as_X(X)
    Y = as_Y(Y, X.shape[0])
    figure, axes = new_figure(len(scales), height=3.4)
    for ax, s, title in zip(axes, scales, titles, strict=True):
        Xc, Yc = _centred(scale_feature(X, s), Y)
        eigenvalues = np.linalg.eigvalsh(_bowl(Xc, Yc)[1])
        result = gradient_descent(Xc, Yc, 2.0 / (eigenvalues[0] + eigenvalues[-1]), iterations)
        _Valley(ax).draw(Xc, Yc, result.betas, result.diverged)
        ax.set_title(f"{title}: κ = {eigenvalues[-1] / eigenvalues[0]:.3g}")
    axes[-1].legend(loc="lower right")
    return figure


def scaling_descent_view(X, Y, *, iteration_limit: int = 500):
    """Sliders' figure: the valley with the descent path (left) and the excess cost per iteration (right).

    X: (m, 2) [bedrooms, lot size in sq ft]; Y: (m, 1). The data are centred (see the module
    docstring). Returns (figure, update) where
    update(scale, fraction_of_critical, iterations, standardize) multiplies the lot size by
    scale, optionally standardizes both features, runs gradient descent from beta = 0 at
    fraction_of_critical * 2 / lambda_max for iterations steps (at most iteration_limit), and
    redraws. The right panel shows (J - J*) / (J_0 - J*) of that run and, dashed, of the run on
    standardized features at the same fraction_of_critical of their own critical rate (a different
    learning rate: each run takes the same share of what its own problem can bear).
    """
    X = as_X(X)
    Y = as_Y(Y, X.shape[0])
    figure, (left, right) = new_figure(2, height=4.0)
    valley = _Valley(left)
    left.legend(loc="upper left")
    (curve,) = right.semilogy([], [], color=COLORS[3], label="this run")
    (reference,) = right.semilogy([], [], color=COLORS[0], linestyle="--", label="standardized, same fraction")
    right.set_ylim(1e-12, 1e4)
    plain_log_axis(right.yaxis, numticks=5)
    right.set_xlabel("iteration k")
    right.set_ylabel("(Jₖ − J*) / (J₀ − J*)")
    right.set_title("distance to the least squares cost")
    right.legend(loc="upper right")
    Zc, Yc = _centred(standardized(X)[0], Y)  # standardizing removes any scale: computed once
    standardized_runs: dict[tuple[float, int], np.ndarray] = {}

    def relative_excess(costs: np.ndarray, best_cost: float) -> np.ndarray:
        with np.errstate(invalid="ignore"):
            excess = (costs - best_cost) / (costs[0] - best_cost)
        return np.where(excess > 0, excess, np.nan)  # 0 or below: reached J* to rounding, nothing to draw

    def update(scale: float, fraction_of_critical: float, iterations: int, standardize: bool) -> None:
        iterations = min(int(iterations), iteration_limit)
        Xc, _ = _centred(scale_feature(X, scale), Y)
        data = Zc if standardize else Xc
        result = _descend(data, Yc, fraction_of_critical, iterations)
        _, hessian, best_cost = _bowl(data, Yc)
        eigenvalues = np.linalg.eigvalsh(hessian)
        valley.draw(data, Yc, result.betas, result.diverged,
                    f"diverged after {result.iterations_run} iterations:\n"
                    f"the learning rate is {fraction_of_critical:.2f} × the critical rate")
        features = "standardized features" if standardize else f"lot size × {scale:.3g}"
        unit = "standardized " if standardize else ""
        left.set_xlabel(f"β₁ ({unit}bedrooms)")
        left.set_ylabel(f"β₂ ({unit}lot size)")
        left.set_title(f"{features}: κ = λmax/λmin = {eigenvalues[-1] / eigenvalues[0]:.3g}\n"
                       f"learning rate {result.learning_rate:.3g} = {fraction_of_critical:.2f} × 2/λmax")
        curve.set_data(np.arange(result.costs.size), relative_excess(result.costs, best_cost))
        key = (round(float(fraction_of_critical), 12), iterations)
        if key not in standardized_runs:
            if len(standardized_runs) >= 64:
                standardized_runs.clear()
            costs = _descend(Zc, Yc, fraction_of_critical, iterations).costs
            standardized_runs[key] = relative_excess(costs, _bowl(Zc, Yc)[2])
        reference_costs = standardized_runs[key]
        reference.set_data(np.arange(reference_costs.size), reference_costs)
        reference.set_visible(not standardize)
        right.set_xlim(0, max(iterations, 1))

    return figure, update
