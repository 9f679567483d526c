"""Figures of notebook 04 (robust losses): what one outlier does to MSE, MAE and Huber fits.

Colours: MSE blue, MAE orange, Huber green, the outlier vermillion, the true line black.
"""

from __future__ import annotations

import numpy as np
from matplotlib.ticker import MaxNLocator

from gdlib.losses import huber, mae, mse
from gdlib.plots import COLORS, LABEL_PT, SMALLEST_TEXT_PT, animate, new_figure
from gdlib.robust import fit_line, pulls

LOSS_COLORS = {"mse": COLORS[0], "mae": COLORS[1], "huber": COLORS[2]}
OUTLIER_COLOR, TRUE_COLOR, POINT_COLOR = COLORS[3], COLORS[7], "#555555"


def _color(loss_name: str) -> str:
    return LOSS_COLORS[loss_name.split("(")[0]]


def _label(loss_name: str) -> str:
    """A loss's repr as a learner reads it: "huber(delta=1)" -> "Huber (δ = 1)", "mse" -> "MSE"."""
    name, _, arguments = loss_name.partition("(")
    label = _NAMES[name]
    if arguments.startswith("delta="):
        label += f" (δ = {arguments[len('delta='):].rstrip(')')})"
    return label


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
        # The lower half only: the legend above it stays uncrossed.
        ax.axvline(centre, ymax=0.5, color=TRUE_COLOR, linestyle="--", linewidth=1,
                   label=f"sample {centre_name} = {centre:.2f}")
        ax.plot(sample, np.full(sample.shape, curve.min()), "|", color=POINT_COLOR, markersize=14,
                label="the sample")
        ax.set_xlabel("constant prediction c")
        ax.set_ylabel(f"{name}  J(c)")
        ax.set_title(f"the {name} is smallest at the {centre_name}")
        # Upper left, over headroom above the curve: the curves rise to the right, past the legend.
        ax.set_ylim(top=curve.max() + 0.3 * (curve.max() - curve.min()))
        ax.legend(loc="upper left", fontsize=SMALLEST_TEXT_PT)
    return figure


def outlier_view(X, Y_clean, outlier_index: int, *, true_alpha: float, true_beta: float,
                 max_outlier_size: float = 15.0):
    """The MSE, MAE and Huber lines through a clean line plus one outlier, and each point's pull.

    X: (m, 1); Y_clean: (m, 1) the targets before the outlier moves; outlier_index: the moving point.
    max_outlier_size: the largest |outlier_size| update is called with; the axes are fixed to
    show every setting up to it, so they do not jump while a slider is dragged.
    Returns (figure, update) where update(outlier_size, delta) moves the outlier by outlier_size,
    fits the three lines and draws, for each loss, the pulls m * loss.gradient at its own line.
    The MSE panel's axis covers the largest pull of any setting; the MAE's runs from -1 to 1;
    the Huber panel's is in units of delta (ticks -δ, 0, δ), so its bars keep their size when
    delta changes and the bound is always the dotted line. Only the moving artists (the outlier,
    the lines, their equations and the bars) are drawn again at each update.
    """
    X = np.asarray(X, dtype=float)
    Y_clean = np.asarray(Y_clean, dtype=float)
    x = X[:, 0]
    others = np.arange(x.size) != outlier_index
    figure, axes = new_figure(2, nrows=3, height=5.6, width=10.0)
    grid = axes[0].get_gridspec()
    grid.set_width_ratios([1.1, 1.0])
    for ax in axes[0::2]:
        ax.remove()
    data_ax = figure.add_subplot(grid[:, 0])
    pull_axes = axes[1::2]
    names = list(LOSS_COLORS)

    line_x = np.array([x.min() - 0.5, x.max() + 0.5])
    data_ax.plot(line_x, true_alpha + true_beta * line_x, "--", color=TRUE_COLOR, linewidth=1,
                 label=f"true line {true_alpha:g} + {true_beta:g} x")
    data_ax.plot(x[others], Y_clean[others, 0], "o", color=POINT_COLOR, label="clean points")
    (outlier_marker,) = animate(*data_ax.plot([], [], "o", color=OUTLIER_COLOR, markersize=9, label="the outlier"))
    fit_lines = {name: animate(*data_ax.plot([], [], color=LOSS_COLORS[name], linewidth=2, label=f"{_NAMES[name]}:"))[0]
                 for name in names}
    lowest = min(Y_clean.min(), Y_clean[outlier_index, 0] - max_outlier_size)
    highest = max(Y_clean.max(), Y_clean[outlier_index, 0] + max_outlier_size)
    data_ax.set_xlim(line_x)
    data_ax.set_ylim(lowest - 1.5, highest + 1.5)
    data_ax.set_xlabel("x")
    data_ax.set_ylabel("y")
    # Upper left: the fitted lines stay near the clean points there, and the outlier moves at the
    # right. Each line's equation is written after its legend entry (it follows the entry's
    # place as drawn, so it is right at any size of the figure).
    legend = data_ax.legend(loc="upper left", fontsize=SMALLEST_TEXT_PT)
    equations = {name: animate(data_ax.annotate("", xy=(1.0, 0.5), xycoords=text, xytext=(4, 0),
                                                textcoords="offset points", ha="left", va="center",
                                                fontsize=SMALLEST_TEXT_PT))[0]
                 for name, text in zip(names, legend.get_texts()[-3:], strict=True)}
    for equation in equations.values():
        equation.set_in_layout(False)  # before the first drawing the legend has no place yet
    data_ax.set_title(f"the outlier is the point at x = {x[outlier_index]:g}")

    # The MSE's pulls -2r are linear in the outlier's size, so their largest size over the
    # slider's range (a convex function of it) is reached at one of its two ends.
    reach = 0.0
    for size in (-max_outlier_size, max_outlier_size):
        Y = _moved(Y_clean, outlier_index, size)
        alpha, beta = fit_line(X, Y, mse)
        reach = max(reach, float(np.abs(pulls(mse, Y, alpha + X @ beta.T)).max()))
    limits = {"mse": 1.15 * reach, "mae": 1.3, "huber": 1.3}
    bars = {}
    for ax, name in zip(pull_axes, names, strict=True):
        colors = [OUTLIER_COLOR if i == outlier_index else LOSS_COLORS[name] for i in range(x.size)]
        bars[name] = animate(*ax.bar(x, np.zeros(x.size), width=0.6, color=colors))
        ax.axhline(0, color=TRUE_COLOR, linewidth=0.8)
        ax.set_xlim(line_x)
        ax.xaxis.set_major_locator(MaxNLocator(nbins=5, steps=[1, 2, 5, 10], integer=True))  # as the data panel
        ax.set_ylim(-limits[name], limits[name])
        ax.set_ylabel("pull")
        ax.set_title(_PULL_TITLES[name], fontsize=LABEL_PT)
        if name != "mse":
            for sign in (-1, 1):
                ax.axhline(sign, color=LOSS_COLORS[name], linestyle=":", linewidth=1.2)
    pull_axes[0].yaxis.set_major_locator(MaxNLocator(nbins=2, steps=[1, 2, 5, 10], symmetric=True))
    pull_axes[1].set_yticks([-1, 0, 1])
    pull_axes[2].set_yticks([-1, 0, 1], ["−δ", "0", "δ"])
    for ax in pull_axes[:-1]:
        ax.tick_params(labelbottom=False)
    pull_axes[-1].set_xlabel("x of the point")

    def update(outlier_size: float, delta: float) -> None:
        Y = _moved(Y_clean, outlier_index, outlier_size)
        outlier_marker.set_data([x[outlier_index]], [Y[outlier_index, 0]])
        for name, loss in (("mse", mse), ("mae", mae), ("huber", huber(delta))):
            alpha, beta = fit_line(X, Y, loss)
            fit_lines[name].set_data(line_x, alpha[0, 0] + beta[0, 0] * line_x)
            equations[name].set_text(_line_equation(alpha[0, 0], beta[0, 0]))
            Y_hat = alpha + X @ beta.T
            Y_hat = np.where(np.isclose(Y_hat, Y, rtol=1e-12, atol=1e-12), Y, Y_hat)  # on the line: r = 0
            pull = pulls(loss, Y, Y_hat)[:, 0]
            unit = delta if name == "huber" else 1.0
            for rectangle, height in zip(bars[name], pull / unit, strict=True):
                rectangle.set_height(height)

    return figure, update


#: How the figures name each loss.
_NAMES = {"mse": "MSE", "mae": "MAE", "huber": "Huber"}
#: The pull panels' titles: each loss's pull and its bound. They do not change (the slider shows
#: δ, and the bars the outlier's pull), so they are drawn once with the background.
_PULL_TITLES = {"mse": "MSE pull −2r: unbounded", "mae": "MAE pull −sign(r): at most 1",
                "huber": "Huber pull −clip(r, ±δ): at most δ"}


def _moved(Y_clean, index: int, size: float) -> np.ndarray:
    """A copy of Y_clean (m, 1) with the point `index` moved up by size."""
    Y = Y_clean.copy()
    Y[index, 0] += size
    return Y


def _line_equation(alpha: float, beta: float) -> str:
    """'alpha + beta x' with 2 and 3 decimals, a negative slope written '1.07 − 0.500 x'."""
    slope = _number(beta, 3, sign=True)
    return f"{_number(alpha, 2)} {slope[0]} {slope[1:]} x"


def _number(value: float, decimals: int, *, sign: bool = False) -> str:
    """value with the given decimals, written with a true minus sign (and + if sign)."""
    text = f"{value:+.{decimals}f}" if sign else f"{value:.{decimals}f}"
    if text.lstrip("+-") == f"{0:.{decimals}f}":  # no "−0.00"
        text = text.lstrip("+-") if not sign else "+" + text.lstrip("+-")
    return text.replace("-", "−")


def anscombe_figure(data_sets, fits):
    """Anscombe's four data sets, each with its fitted lines (one legend, under the panels).

    data_sets: {name: (X (11, 1), Y (11, 1))}; fits: {name: {loss name: (alpha (1, 1), beta (1, 1))}}.
    Returns the Figure (2 x 2 panels).
    """
    figure, axes = new_figure(2, nrows=2, height=6.6)
    line_x = np.array([2.0, 20.0])
    for ax, (name, (X, Y)) in zip(axes, data_sets.items(), strict=True):
        ax.plot(X[:, 0], Y[:, 0], "o", color=POINT_COLOR, label="data", zorder=3)  # above the lines
        # Where the lines coincide (set IV, nearly sets I and II) each later one is thinner, so the
        # earlier ones still show along its edges.
        for (loss_name, (alpha, beta)), width in zip(fits[name].items(), (3.4, 2.3, 1.4), strict=False):
            ax.plot(line_x, alpha[0, 0] + beta[0, 0] * line_x, color=_color(loss_name), linewidth=width,
                    label=f"{_label(loss_name)} line")
        ax.set_xlim(line_x)
        ax.set_ylim(2, 14)
        ax.set_title(f"set {name}")
        ax.set_xlabel("x")
        ax.set_ylabel("y")
    # Under the panels: inside one, the legend would cover some of its points.
    figure.legend(*axes[0].get_legend_handles_labels(), loc="outside lower center", ncols=4,
                  fontsize=SMALLEST_TEXT_PT)
    figure.suptitle("Anscombe's quartet: one least-squares line for four different pictures")
    return figure


def losses_and_pulls_figure(delta: float = 1.0, half_width: float = 3.0):
    """Each loss of one residual r (left) and its pull, the derivative with respect to y_hat (right).

    delta: Huber's threshold; half_width: r runs over [-half_width, half_width].
    The values and pulls come from gdlib.losses (one example at a time). Returns the Figure.
    """
    residuals = np.linspace(-half_width, half_width, 601)
    zeros = np.zeros((1, 1))
    figure, (loss_ax, pull_ax) = new_figure(2, height=3.4, width=10.0)
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
    pull_ax.set_ylabel("pull")
    # Upper right of the pulls: no curve goes there (for r > 0 every pull is negative). In the
    # left panel the legend would be crossed by the lines r = 0 and r = ±δ.
    pull_ax.legend(loc="upper right", fontsize=SMALLEST_TEXT_PT)
    pull_ax.set_title("its pull: MSE unbounded, MAE ±1, Huber ±δ")
    return figure
