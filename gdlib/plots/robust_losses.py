"""Figures of notebook 04 (robust losses): what one outlier does to MSE, MAE and Huber fits.

Colours: MSE blue, MAE orange, Huber green, the outlier vermillion, the true line black.
"""

from __future__ import annotations

import numpy as np
from matplotlib.ticker import MaxNLocator

from gdlib.losses import huber, mae, mse
from gdlib.plots import COLORS, new_figure
from gdlib.robust import fit_line, pulls

LOSS_COLORS = {"mse": COLORS[0], "mae": COLORS[1], "huber": COLORS[2]}
OUTLIER_COLOR, TRUE_COLOR, POINT_COLOR = COLORS[3], COLORS[7], "#555555"


def _color(loss_name: str) -> str:
    return LOSS_COLORS[loss_name.split("(")[0]]


def mean_median_figure(Y, candidates, mse_curve, mae_curve):
    """J(c) of one constant prediction c for the MSE (left) and the MAE (right), minima marked.

    Y: (m, 1) the sample; candidates: (k,) the values of c; mse_curve, mae_curve: (k,) J at each c.
    Returns the Figure.
    """
    sample = np.asarray(Y, dtype=float).ravel()
    candidates = np.asarray(candidates, dtype=float)
    figure, axes = new_figure(2, height=3.2)
    curves = [("MSE", mse_curve, sample.mean(), "mean", LOSS_COLORS["mse"]),
              ("MAE", mae_curve, np.median(sample), "median", LOSS_COLORS["mae"])]
    for ax, (name, curve, centre, centre_name, color) in zip(axes, curves, strict=True):
        curve = np.asarray(curve, dtype=float)
        best = int(np.argmin(curve))
        ax.plot(candidates, curve, color=color, label=f"{name} of the constant c")
        ax.plot(candidates[best], curve[best], "o", color=color, label=f"grid minimum c = {candidates[best]:.2f}")
        ax.axvline(centre, color=TRUE_COLOR, linestyle="--", linewidth=1, label=f"sample {centre_name} = {centre:.2f}")
        ax.plot(sample, np.full(sample.shape, curve.min()), "|", color=POINT_COLOR, markersize=14,
                label="the sample")
        ax.set_xlabel("constant prediction c")
        ax.set_ylabel(f"{name}  J(c)")
        ax.set_title(f"the {name} is smallest at the {centre_name}")
        ax.legend(loc="upper center")
    return figure


def outlier_view(X, Y_clean, outlier_index: int, *, true_alpha: float, true_beta: float):
    """The MSE, MAE and Huber lines through a clean line plus one outlier, and each point's pull.

    X: (m, 1); Y_clean: (m, 1) the targets before the outlier moves; outlier_index: the moving point.
    Returns (figure, update) where update(outlier_size, delta) moves the outlier by outlier_size,
    fits the three lines and draws, for each loss, the pulls m * loss.gradient at its own line.
    """
    X = np.asarray(X, dtype=float)
    Y_clean = np.asarray(Y_clean, dtype=float)
    x = X[:, 0]
    others = np.arange(x.size) != outlier_index
    figure, axes = new_figure(2, nrows=3, height=5.6)
    grid = axes[0].get_gridspec()
    for ax in axes[0::2]:
        ax.remove()
    data_ax = figure.add_subplot(grid[:, 0])
    pull_axes = axes[1::2]

    line_x = np.array([x.min() - 0.5, x.max() + 0.5])
    data_ax.plot(line_x, true_alpha + true_beta * line_x, "--", color=TRUE_COLOR, linewidth=1,
                 label=f"true line {true_alpha:g} + {true_beta:g} x")
    data_ax.plot(x[others], Y_clean[others, 0], "o", color=POINT_COLOR, label="clean points")
    (outlier_marker,) = data_ax.plot([], [], "o", color=OUTLIER_COLOR, markersize=9, label="the outlier")
    fit_lines = {name: data_ax.plot([], [], color=LOSS_COLORS[name], linewidth=2, label=name)[0]
                 for name in LOSS_COLORS}
    data_ax.set_xlim(line_x)
    data_ax.set_ylim(-11, 21)
    data_ax.set_xlabel("x")
    data_ax.set_ylabel("y")
    fit_labels = dict(zip(LOSS_COLORS, data_ax.legend(loc="upper left").get_texts()[-3:], strict=True))

    bars = {}
    for ax, name in zip(pull_axes, LOSS_COLORS, strict=True):
        colors = [OUTLIER_COLOR if i == outlier_index else LOSS_COLORS[name] for i in range(x.size)]
        bars[name] = ax.bar(x, np.zeros(x.size), width=0.6, color=colors)
        ax.axhline(0, color=TRUE_COLOR, linewidth=0.8)
        ax.set_xlim(line_x)
        ax.yaxis.set_major_locator(MaxNLocator(nbins=2, steps=[1, 2, 5, 10], symmetric=True))
        ax.set_ylabel("pull")
    for ax in pull_axes[:-1]:
        ax.tick_params(labelbottom=False)
    bound_lines = {name: [pull_axes[k].axhline(sign, color=LOSS_COLORS[name], linestyle=":", linewidth=1.2)
                          for sign in (-1, 1)] for k, name in enumerate(LOSS_COLORS) if name != "mse"}
    pull_axes[-1].set_xlabel("x of the point")
    titles = {"mse": "MSE pull -2r, unbounded", "mae": "MAE pull -sign(r), at most 1"}

    def update(outlier_size: float, delta: float) -> None:
        Y = Y_clean.copy()
        Y[outlier_index, 0] += outlier_size
        outlier_marker.set_data([x[outlier_index]], [Y[outlier_index, 0]])
        titles["huber"] = f"Huber pull -clip(r, ±δ), at most δ = {delta:.2g}"
        for ax, (name, loss) in zip(pull_axes, {"mse": mse, "mae": mae, "huber": huber(delta)}.items(), strict=True):
            alpha, beta = fit_line(X, Y, loss)
            fit_lines[name].set_data(line_x, alpha[0, 0] + beta[0, 0] * line_x)
            fit_labels[name].set_text(f"{loss!r}: {alpha[0, 0]:.2f} + {beta[0, 0]:.3f} x")
            Y_hat = alpha + X @ beta.T
            Y_hat = np.where(np.isclose(Y_hat, Y, rtol=1e-12, atol=1e-12), Y, Y_hat)  # on the line: r = 0
            pull = pulls(loss, Y, Y_hat)[:, 0]
            for rectangle, height in zip(bars[name], pull, strict=True):
                rectangle.set_height(height)
            bound = {"mse": 0.0, "mae": 1.0, "huber": delta}[name]
            top = max(np.abs(pull).max(), bound) * 1.25
            ax.set_ylim(-top, top)
            ax.set_title(f"{titles[name]}: outlier {pull[outlier_index]:+.2f}", fontsize=10, y=1.0)
            if name in bound_lines:
                for line, sign in zip(bound_lines[name], (-1, 1), strict=True):
                    line.set_ydata([sign * bound, sign * bound])
        data_ax.set_title(f"the point at x = {x[outlier_index]:g} moved by {outlier_size:+.1f}", y=1.0)

    return figure, update


def anscombe_figure(data_sets, fits):
    """Anscombe's four data sets, each with its fitted lines (one legend, in the first panel).

    data_sets: {name: (X (11, 1), Y (11, 1))}; fits: {name: {loss name: (alpha (1, 1), beta (1, 1))}}.
    Returns the Figure (2 x 2 panels).
    """
    figure, axes = new_figure(2, nrows=2, height=6.0)
    line_x = np.array([2.0, 20.0])
    for ax, (name, (X, Y)) in zip(axes, data_sets.items(), strict=True):
        ax.plot(X[:, 0], Y[:, 0], "o", color=POINT_COLOR, label="data")
        for loss_name, (alpha, beta) in fits[name].items():
            ax.plot(line_x, alpha[0, 0] + beta[0, 0] * line_x, color=_color(loss_name), linewidth=1.8,
                    label=f"{loss_name} line")
        ax.set_xlim(line_x)
        ax.set_ylim(2, 14)
        ax.set_title(f"set {name}")
        ax.set_xlabel("x")
        ax.set_ylabel("y")
    axes[0].legend(loc="upper left", fontsize=8)
    figure.suptitle("Anscombe's quartet: one least-squares line for four different pictures", fontsize=11)
    return figure


def losses_and_pulls_figure(delta: float = 1.0, half_width: float = 3.0):
    """Each loss of one residual r (left) and its pull, the derivative with respect to y_hat (right).

    delta: Huber's threshold; half_width: r runs over [-half_width, half_width].
    The values and pulls come from gdlib.losses (one example at a time). Returns the Figure.
    """
    residuals = np.linspace(-half_width, half_width, 601)
    zeros = np.zeros((1, 1))
    figure, (loss_ax, pull_ax) = new_figure(2, height=3.2)
    for name, loss in (("mse", mse), ("mae", mae), ("huber", huber(delta))):
        values = [loss.value(np.array([[r]]), zeros) for r in residuals]
        pull = pulls(loss, residuals.reshape(-1, 1), np.zeros((residuals.size, 1)))[:, 0]
        label = f"Huber, δ = {delta:g}" if name == "huber" else name.upper()
        loss_ax.plot(residuals, values, color=LOSS_COLORS[name], linewidth=2, label=label)
        pull_ax.plot(residuals, pull, color=LOSS_COLORS[name], linewidth=2, label=label)
    for ax in (loss_ax, pull_ax):
        ax.axhline(0, color=TRUE_COLOR, linewidth=0.8)
        ax.axvline(0, color=TRUE_COLOR, linewidth=0.8)
        ax.set_xlabel("residual r = y − ŷ")
    for edge in (-delta, delta):
        loss_ax.axvline(edge, color=LOSS_COLORS["huber"], linestyle=":", linewidth=1.2)
    loss_ax.set_ylim(-0.3, half_width**2 / 2)
    loss_ax.set_ylabel("loss of one example")
    loss_ax.set_title("the penalty of one residual")
    loss_ax.legend(loc="upper center")
    pull_ax.set_ylabel("pull")
    pull_ax.set_title("its pull: MSE unbounded, MAE ±1, Huber ±δ")
    return figure
