"""Figures of notebook 05 (heavy tails): how Student t noise spreads the MSE, MAE and Huber slopes.

Colours: MSE blue, MAE orange, Huber green, the true line black (as in notebook 04).
"""

from __future__ import annotations

import numpy as np
from matplotlib.ticker import FormatStrFormatter, NullFormatter

from gdlib.losses import huber, mae, mse
from gdlib.plots import COLORS, new_figure
from gdlib.plots.robust_losses import LOSS_COLORS, POINT_COLOR, TRUE_COLOR
from gdlib.robust import SlopeMonteCarlo, fit_lines


def _color(loss_name: str) -> str:
    return LOSS_COLORS[loss_name.split("(")[0]]


def _df_label(df: float) -> str:
    return "∞" if np.isinf(df) else f"{df:g}"


def noisy_lines_figure(x, data_sets: dict, *, true_alpha: float, true_beta: float, delta: float):
    """One panel per data set: its points, the true line and the MSE, MAE and Huber lines.

    x: (m,) shared by every data set; data_sets: {title: y (m,)}; true_alpha, true_beta: the line
    the data were drawn around; delta: Huber's threshold. Returns the Figure.
    """
    x = np.asarray(x, dtype=float)
    figure, axes = new_figure(len(data_sets), height=3.4)
    line_x = np.array([x.min() - 0.5, x.max() + 0.5])
    for ax, (title, y) in zip(axes, data_sets.items(), strict=True):
        y = np.asarray(y, dtype=float)
        ax.plot(line_x, true_alpha + true_beta * line_x, "--", color=TRUE_COLOR, linewidth=1,
                label=f"true line, slope {true_beta:g}")
        ax.plot(x, y, "o", color=POINT_COLOR, label="data")
        for name, loss in (("mse", mse), ("mae", mae), ("huber", huber(delta))):
            alpha, beta = fit_lines(x, y, loss)
            ax.plot(line_x, alpha[0] + beta[0] * line_x, color=LOSS_COLORS[name], linewidth=2,
                    label=f"{name.upper() if name != 'huber' else 'Huber'}: slope {beta[0]:.2f}")
        ax.set_title(title, fontsize=10)
        ax.set_xlabel("x")
        ax.set_ylabel("y")
        ax.legend(loc="best", fontsize=8)
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
    labels = [_df_label(df) for df in dfs]
    for j, name in enumerate(monte_carlo.loss_names):
        spread_ax.plot(positions, spread[:, j], "o-", color=_color(name), label=name)
    spread_ax.set_yscale("log")
    spread_ax.yaxis.set_major_formatter(FormatStrFormatter("%g"))  # plain numbers: cheaper to draw than 10^k
    spread_ax.yaxis.set_minor_formatter(NullFormatter())
    spread_ax.set_xticks(positions, labels)
    spread_ax.axvspan(-0.5, labels.index("2") + 0.5 if "2" in labels else -0.5, color=COLORS[3], alpha=0.08,
                      label="ν ≤ 2: no finite variance")
    spread_ax.set_xlim(-0.5, len(dfs) - 0.5)
    spread_ax.set_xlabel("degrees of freedom ν of the noise (∞: Gaussian)")
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
        hist_ax.set_title(f"slopes of {monte_carlo.slopes.shape[2]} data sets, t noise, ν = {labels[d]}",
                          y=1.0)

    return figure, update


def spread_growth_figure(monte_carlo: SlopeMonteCarlo, dfs, batches):
    """The typical standard deviation of b slopes against the batch size b (log-log), one panel per df.

    monte_carlo: a SlopeMonteCarlo; dfs: the degrees of freedom to show (some of monte_carlo.dfs);
    batches: the batch sizes b to show. Returns the Figure.
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
        ax.set_xlabel("b slopes per batch")
        ax.set_title(f"t noise, ν = {_df_label(df)}")
    axes[0].set_ylabel("median std of b slopes")
    axes[-1].legend(loc="upper right", fontsize=8)
    return figure
