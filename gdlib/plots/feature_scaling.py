"""Figures of notebook 06: how a feature's scale changes the gradient, the bowl and the descent.

The valley pictures use centred data (each feature and the target minus its mean). Then the best
bias is 0 for every choice of weights, a run started at alpha = 0 keeps alpha = 0, and J over the
two weights (beta_1, beta_2) is the exact picture of the whole problem:

    J(beta) = J* + (beta - beta*) H (beta - beta*)^T / 2,   H = (2/m) X^T X   (2 x 2, centred X)
"""

from __future__ import annotations

import matplotlib as mpl
import numpy as np
from matplotlib.transforms import Affine2D

from gdlib.curvature import critical_learning_rate
from gdlib.descent import gradient_descent
from gdlib.lessons.feature_scaling import log_log_slope, scale_feature
from gdlib.plots import (
    COLORS,
    LABEL_PT,
    animate,
    new_figure,
    plain_log_axis,
    set_text,
    warn_on_axes,
)
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
    figure, (left, right) = new_figure(2, height=4.2, width=10.0)
    for ax, series, title in ((left, gradient_sizes, "gradient for the lot-size weight"),
                              (right, curvatures, "curvature and the largest safe step")):
        drawn = []
        for (label, values), color, marker in zip(series.items(), COLORS, "os^v", strict=False):
            values = np.abs(np.asarray(values, dtype=float))
            drawn.append(values)
            ax.loglog(factors, values, marker=marker, color=color, markersize=5,
                      label=f"{label}: slope {log_log_slope(factors, values):.3f}")
        # Room above the lines for the legend: the top third of the panel holds no data.
        low, high = np.log10(np.min(drawn)), np.log10(np.max(drawn))
        span = max(high - low, 1.0)
        ax.set_ylim(10 ** (low - 0.05 * span), 10 ** (high + 0.5 * span))
        plain_log_axis(ax.xaxis, numticks=5)
        plain_log_axis(ax.yaxis, numticks=6)
        ax.set_xlabel("conversion factor c of the lot size")
        ax.set_title(title)
        ax.legend(loc="upper left")
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


def _number(value: float) -> str:
    """A weight in a note: 3 significant digits, a true minus sign."""
    return f"{value:.3g}".replace("-", "−")


def _level_colors() -> np.ndarray:
    """The level sets' colours, outermost last: dark to green, none of viridis' faint yellows."""
    return mpl.colormaps["viridis"](np.linspace(0.0, 0.72, LEVEL_FRACTIONS.size))


#: Where a valley's note may go: (anchor in axes fractions, ha, va). Its box is estimated from its
#: text (12 pt characters are about 7.3 CSS px wide, lines 16 px high, in a panel about 260 px square),
#: not measured: the estimate is the same before and after the layout is solved.
_NOTE_CORNERS = (((0.97, 0.03), "right", "bottom"), ((0.03, 0.97), "left", "top"))
_CHARACTER_WIDTH, _LINE_HEIGHT = 0.029, 0.064


def _note_box(anchor: tuple[float, float], ha: str, va: str, text: str) -> tuple[float, float, float, float]:
    """The note's box (x0, y0, x1, y1) in axes fractions, about, anchored at anchor."""
    lines = text.split("\n")
    width = _CHARACTER_WIDTH * max(len(line) for line in lines) + 0.02
    height = _LINE_HEIGHT * len(lines) + 0.02
    x0 = anchor[0] - width if ha == "right" else anchor[0]
    y0 = anchor[1] if va == "bottom" else anchor[1] - height
    return x0, y0, x0 + width, y0 + height


class _Valley:
    """One panel: the level sets of J over (beta_1, beta_2), equal scales on both axes, and a path.

    The axes box is square and the two spans are equal, so a round bowl looks round and a
    stretched one looks stretched. J is quadratic, so each level set {J = J* + c} is the ellipse
    beta* + sqrt(2 c) H^(-1/2) (cos t, sin t): drawn exactly, however narrow, and updated in place.
    The start is a hollow square under the path, so even a path that hardly moves shows; a note
    in the lower right or upper left corner (whichever hides less) gives the last beta and beta*.

    moving: for a slider figure. The artists are animated and the axes limits stay [-1, 1]: the
    window around the start and the minimum is a transform (the same scale on both axes), so
    moving it redraws nothing else. The axes then carry no ticks: their numbers would change at
    every move; the note gives the weights instead. The lines' data stay in beta units.
    """

    def __init__(self, ax, *, moving: bool = False):
        self.ax = ax
        self.moving = moving
        ax.set_box_aspect(1)
        ax.set_xlabel("β₁ (bedrooms)")
        ax.set_ylabel("β₂ (lot size)")
        self.levels = [ax.plot([], [], color=color, linewidth=1.5)[0] for color in _level_colors()]
        # Drawn in this order (zorder): level sets, start, path, minimum. Created path first: tests
        # read the path as lines[9], after the nine level sets.
        (self.path,) = ax.plot([], [], "-o", color=COLORS[3], markersize=3.5, linewidth=1.5, label="descent",
                               zorder=3)
        (self.best,) = ax.plot([], [], "*", color=COLORS[7], markersize=14, label="minimum β*", zorder=3.5)
        (self.start,) = ax.plot([], [], "s", color=COLORS[0], markersize=9, markerfacecolor="none",
                                markeredgewidth=2, label="start", zorder=2.5)
        self.note = ax.text(0.97, 0.03, "", transform=ax.transAxes, ha="right", va="bottom", zorder=4,
                            bbox={"facecolor": "white", "alpha": 0.85, "edgecolor": "none", "pad": 2})
        self.warning = warn_on_axes(ax, "")
        self.warning.set_fontsize(LABEL_PT)
        self.warning.set_visible(False)
        self.view = Affine2D()
        if moving:
            for line in (*self.levels, self.start, self.path, self.best):
                line.set_transform(self.view + ax.transData)
            animate(*self.levels, self.start, self.path, self.best, self.note, self.warning)
            ax.set_xlim(-1.0, 1.0)
            ax.set_ylim(-1.0, 1.0)
            ax.set_xticks([])
            ax.set_yticks([])
            ax.grid(False)

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
        (x0, x1), (y0, y1) = _square_window(np.vstack([start, best]))
        if self.moving:
            half = (x1 - x0) / 2
            self.view.clear().translate(-(x0 + x1) / 2, -(y0 + y1) / 2).scale(1.0 / half)
        else:
            self.ax.set_xlim(x0, x1)
            self.ax.set_ylim(y0, y1)
        last = betas[-1]
        steps = betas.shape[0] - 1
        self._place_note(f"after {steps} step{'s' if steps != 1 else ''}:\n"
                         f"β = ({_number(last[0])}, {_number(last[1])})\n"
                         f"β* = ({_number(best[0])}, {_number(best[1])})",
                         np.vstack([betas, best, start]), [line.get_xydata() for line in self.levels])
        self.note.set_visible(not diverged)
        set_text(self.warning, message if diverged else "")
        self.warning.set_visible(diverged)

    def _place_note(self, text: str, marks: np.ndarray, levels: list[np.ndarray]) -> None:
        """Write text in the corner (lower right or upper left) where it hides least.

        marks: (k, 2) the path, the minimum and the start, in beta units; levels: the level sets' points.
        """
        def in_axes(points):
            (x0, x1), (y0, y1) = ((-1.0, 1.0),) * 2 if self.moving else (self.ax.get_xlim(), self.ax.get_ylim())
            with np.errstate(all="ignore"):  # a diverged path holds huge or infinite values
                points = self.view.transform(points) if self.moving else points
                return (points - [x0, y0]) / [x1 - x0, y1 - y0]

        def inside(points, box) -> int:
            with np.errstate(invalid="ignore"):
                return int(np.sum((points[:, 0] >= box[0]) & (points[:, 0] <= box[2])
                                  & (points[:, 1] >= box[1]) & (points[:, 1] <= box[3])))

        marks, contour = in_axes(marks), in_axes(np.vstack(levels))
        hidden = [100 * inside(marks, _note_box(*corner, text)) + inside(contour, _note_box(*corner, text))
                  for corner in _NOTE_CORNERS]
        (x, y), ha, va = _NOTE_CORNERS[int(np.argmin(hidden))]
        set_text(self.note, text)
        self.note.set_position((x, y))
        self.note.set_horizontalalignment(ha)
        self.note.set_verticalalignment(va)


def _descend(X, Y, fraction_of_critical: float, iterations: int):
    """Gradient descent from zero on centred X, Y at fraction_of_critical * 2 / lambda_max."""
    learning_rate = fraction_of_critical * critical_learning_rate(X)
    return gradient_descent(X, Y, learning_rate, iterations)


def _point_at_a_short_path(ax, betas: np.ndarray, best: np.ndarray) -> None:
    """Say where a path (k + 1, 2) too short to see at ax's scale is, with an arrow to its start."""
    steps = betas.shape[0] - 1
    progress = betas[-1, 0] / best[0] if best[0] != 0 else float("nan")
    ax.annotate(f"the {steps} steps zigzag\nacross the valley here,\nβ₁ {progress:.1%} of the way",
                xy=tuple(betas[0]), xytext=(0.05, 0.95), textcoords="axes fraction", ha="left", va="top",
                arrowprops={"arrowstyle": "->", "color": COLORS[7], "shrinkB": 8},
                bbox={"facecolor": "white", "alpha": 0.85, "edgecolor": "none", "pad": 2})


def valley_figure(X, Y, scales, titles, *, iterations: int = 40):
    """One panel per conversion factor: level sets of J over (beta_1, beta_2) and a descent path from zero.

    X: (m, 2) [bedrooms, lot size]; Y: (m, 1); scales: conversion factors c of the lot size; titles: one
    per panel.
    Each run starts at beta = 0 with the best constant learning rate for its own bowl,
    2 / (lambda_min + lambda_max) of the Hessian over the two weights. A path that stays within
    a 25th of its panel's width is pointed at by an arrow. Returns a Figure.
    """
    X = as_X(X)
    Y = as_Y(Y, X.shape[0])
    figure, axes = new_figure(len(scales), height=4.4, width=min(11.0, 3.7 * len(scales)))
    handles = None
    for ax, s, title in zip(axes, scales, titles, strict=True):
        Xc, Yc = _centred(scale_feature(X, s), Y)
        eigenvalues = np.linalg.eigvalsh(_bowl(Xc, Yc)[1])
        result = gradient_descent(Xc, Yc, 2.0 / (eigenvalues[0] + eigenvalues[-1]), iterations)
        valley = _Valley(ax)
        valley.draw(Xc, Yc, result.betas, result.diverged)
        handles = handles or [valley.path, valley.best, valley.start]
        ax.set_title(f"{title}\nκ = {eigenvalues[-1] / eigenvalues[0]:.3g}")
        if np.ptp(result.betas, axis=0).max() < np.diff(ax.get_xlim())[0] / 25:
            _point_at_a_short_path(ax, result.betas, _bowl(Xc, Yc)[0])
    figure.legend(handles=handles, loc="outside lower center", ncols=3)
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
    learning rate: each run takes the same share of what its own problem can bear). Its iteration
    axis is fixed at 0..iteration_limit, so a slider move redraws only the moving artists (only
    the standardize switch, which renames the valley's axes, redraws everything).
    """
    X = as_X(X)
    Y = as_Y(Y, X.shape[0])
    figure, (left, right) = new_figure(2, height=4.6, width=10.0)
    valley = _Valley(left, moving=True)
    animate(left.title)
    (curve,) = right.semilogy([], [], color=COLORS[3], label="this run")
    (reference,) = right.semilogy([], [], color=COLORS[0], linestyle="--", label="standardized, same fraction")
    animate(curve, reference)
    right.set_xlim(0, iteration_limit)
    right.set_ylim(1e-12, 1e4)
    plain_log_axis(right.yaxis, numticks=5)
    right.set_xlabel("iteration k")
    right.set_ylabel("(Jₖ − J*) / (J₀ − J*)")
    right.set_title("distance to the least squares cost")
    # One legend for both panels, below them: nothing that moves can cross it.
    figure.legend(handles=[valley.path, valley.best, valley.start, reference],
                  labels=["this run", "minimum β*", "start", "standardized, same fraction"],
                  loc="outside lower center", ncols=4)
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
                    f"diverged at iteration {result.iterations_run}:\n"
                    f"η is {fraction_of_critical:.2f} × the critical rate")
        features = "standardized features" if standardize else f"lot size × {scale:.3g}"
        unit = "standardized " if standardize else ""
        for label, axis_label, set_label in ((f"β₁ ({unit}bedrooms)", left.get_xlabel, left.set_xlabel),
                                             (f"β₂ ({unit}lot size)", left.get_ylabel, left.set_ylabel)):
            if axis_label() != label:
                set_label(label)  # only at the standardize switch: a full redraw
        set_text(left.title, f"{features}: κ = {eigenvalues[-1] / eigenvalues[0]:.3g}\n"
                             f"η = {result.learning_rate:.3g} = {fraction_of_critical:.2f} × 2/λmax")
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

    return figure, update
