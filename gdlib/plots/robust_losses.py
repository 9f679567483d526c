"""Figures of notebook 04: what one outlier and heavy-tailed noise do to MSE, MAE and Huber fits.

Colours: MSE blue, MAE orange, Huber green, the outlier vermillion, the true line black.
"""

from __future__ import annotations

import numpy as np
from matplotlib.ticker import FormatStrFormatter, MaxNLocator, NullFormatter

from gdlib.losses import huber, mae, mse
from gdlib.plots import COLORS, new_figure
from gdlib.robust import SlopeMonteCarlo, fit_line, pulls

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
    titles = {"mse": "MSE pull -2e, unbounded", "mae": "MAE pull -sign(e), at most 1"}

    def update(outlier_size: float, delta: float) -> None:
        Y = Y_clean.copy()
        Y[outlier_index, 0] += outlier_size
        outlier_marker.set_data([x[outlier_index]], [Y[outlier_index, 0]])
        titles["huber"] = f"Huber pull -clip(e, ±δ), at most δ = {delta:.2g}"
        for ax, (name, loss) in zip(pull_axes, {"mse": mse, "mae": mae, "huber": huber(delta)}.items(), strict=True):
            alpha, beta = fit_line(X, Y, loss)
            fit_lines[name].set_data(line_x, alpha[0, 0] + beta[0, 0] * line_x)
            fit_labels[name].set_text(f"{loss!r}: {alpha[0, 0]:.2f} + {beta[0, 0]:.3f} x")
            Y_hat = alpha + X @ beta.T
            Y_hat = np.where(np.isclose(Y_hat, Y, rtol=1e-12, atol=1e-12), Y, Y_hat)  # on the line: e = 0
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


def heavy_tails_view(monte_carlo: SlopeMonteCarlo, *, half_width: float = 1.0, bins: int = 60):
    """Histograms of the fitted slopes for one noise law, beside their spread for every law.

    monte_carlo: a SlopeMonteCarlo. The histograms cover the true slope +- half_width; slopes
    beyond are counted in the legend. Returns (figure, update) where update(df) shows the
    histograms of that df (one of monte_carlo.dfs) and marks it on the spread panel.
    """
    dfs = list(monte_carlo.dfs)
    edges = np.linspace(monte_carlo.beta - half_width, monte_carlo.beta + half_width, bins + 1)
    counts = np.array([[np.histogram(slopes, edges)[0] for slopes in per_df] for per_df in monte_carlo.slopes])
    outside = monte_carlo.slopes.shape[2] - counts.sum(axis=2)
    spread, quartiles = monte_carlo.standard_deviation(), monte_carlo.interquartile_range()
    figure, (hist_ax, spread_ax) = new_figure(2, height=3.6)
    steps = [hist_ax.stairs(counts[0, j], edges, color=_color(name), linewidth=1.6, label=name)
             for j, name in enumerate(monte_carlo.loss_names)]
    hist_ax.axvline(monte_carlo.beta, color=TRUE_COLOR, linestyle="--", linewidth=1)
    hist_ax.set_xlim(edges[0], edges[-1])
    hist_ax.set_ylim(0, counts.max() * 1.1)
    hist_ax.set_xlabel("fitted slope β (true slope dashed)")
    hist_ax.set_ylabel("number of data sets")
    legend = hist_ax.legend(loc="upper left", fontsize=8)

    positions = np.arange(len(dfs))
    labels = ["∞" if np.isinf(df) else f"{df:g}" for df in dfs]
    for j, name in enumerate(monte_carlo.loss_names):
        spread_ax.plot(positions, spread[:, j], "o-", color=_color(name), label=name)
    spread_ax.set_yscale("log")
    spread_ax.yaxis.set_major_formatter(FormatStrFormatter("%g"))  # plain numbers: cheaper to draw than 10^k
    spread_ax.yaxis.set_minor_formatter(NullFormatter())
    spread_ax.set_xticks(positions, labels)
    spread_ax.axvspan(-0.5, labels.index("2") + 0.5 if "2" in labels else -0.5, color=COLORS[3], alpha=0.08,
                      label="df ≤ 2: infinite variance")
    spread_ax.set_xlim(-0.5, len(dfs) - 0.5)
    spread_ax.set_xlabel("degrees of freedom of the noise (∞: Gaussian)")
    spread_ax.set_ylabel("standard deviation of β")
    spread_ax.set_title(f"spread over {monte_carlo.slopes.shape[2]} data sets", y=1.0)
    spread_ax.legend(loc="upper right", fontsize=8)
    marker = spread_ax.axvline(0, color=TRUE_COLOR, linewidth=1)

    def update(df: float) -> None:
        d = dfs.index(df)
        for j, name in enumerate(monte_carlo.loss_names):
            steps[j].set_data(counts[d, j])
            legend.get_texts()[j].set_text(f"{name}: IQR {quartiles[d, j]:.3f}, "
                                           f"{outside[d, j]} outside")
        marker.set_xdata([d, d])
        hist_ax.set_title(f"slopes fitted to {monte_carlo.slopes.shape[2]} data sets, noise t with df = {labels[d]}",
                          y=1.0)

    return figure, update


def spread_growth_figure(monte_carlo: SlopeMonteCarlo, dfs, batches):
    """The typical standard deviation of N slopes against N (log-log), one panel per df.

    monte_carlo: a SlopeMonteCarlo; dfs: the degrees of freedom to show (some of monte_carlo.dfs);
    batches: (k,) values of N. Returns the Figure.
    """
    batches = np.asarray(batches)
    typical = np.stack([monte_carlo.typical_standard_deviation(int(n)) for n in batches], axis=2)  # (D, L, k)
    figure, axes = new_figure(len(dfs), height=3.0)
    low, high = typical[[monte_carlo.dfs.index(df) for df in dfs]].min(), typical.max()
    for ax, df in zip(axes, dfs, strict=True):
        for j, name in enumerate(monte_carlo.loss_names):
            ax.plot(batches, typical[monte_carlo.dfs.index(df), j], "o-", color=_color(name), label=name, markersize=4)
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_ylim(low / 1.5, high * 1.5)
        for axis in (ax.xaxis, ax.yaxis):
            axis.set_major_formatter(FormatStrFormatter("%g"))
            axis.set_minor_formatter(NullFormatter())
        ax.set_xlabel("N slopes per batch")
        ax.set_title(f"noise t with df = {'∞' if np.isinf(df) else f'{df:g}'}")
    axes[0].set_ylabel("median std of N slopes")
    axes[-1].legend(loc="upper right", fontsize=8)
    return figure
