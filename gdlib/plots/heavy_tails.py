"""Figures of notebook 05 (heavy tails): how Student t noise spreads the MSE, MAE and Huber slopes.

Colours: MSE blue, MAE orange, Huber green, the true line black (as in notebook 04).
"""

from __future__ import annotations

import numpy as np
from matplotlib.ticker import FormatStrFormatter, NullFormatter

from gdlib.losses import huber, mae, mse
from gdlib.plots import COLORS, animate, new_figure, set_text
from gdlib.plots.robust_losses import LOSS_COLORS, POINT_COLOR, TRUE_COLOR
from gdlib.robust import SlopeMonteCarlo, fit_lines


def _color(loss_name: str) -> str:
    return LOSS_COLORS[loss_name.split("(")[0]]


def _name(loss_name: str) -> str:
    """A loss as the notebook writes it: 'mse' -> 'MSE', 'huber(delta=1.345)' -> 'Huber δ = 1.345'."""
    base, _, rest = loss_name.partition("(")
    if base == "huber":
        delta = rest.rstrip(")").partition("=")[2]
        return f"Huber δ = {delta}" if delta else "Huber"
    return base.upper()


def _df_label(df: float) -> str:
    return "∞" if np.isinf(df) else f"{df:g}"


def noisy_lines_figure(x, data_sets: dict, *, true_alpha: float, true_beta: float, delta: float):
    """One panel per data set: its points, the true line and the MSE, MAE and Huber lines.

    x: (m,) shared by every data set; data_sets: {title: y (m,)}; true_alpha, true_beta: the line
    the data were drawn around; delta: Huber's threshold. Each panel's legend gives the three
    fitted slopes; the points and the true line are named once, above the panels. Returns the Figure.
    """
    x = np.asarray(x, dtype=float)
    figure, axes = new_figure(len(data_sets), height=4.0)
    line_x = np.array([x.min() - 0.5, x.max() + 0.5])
    for ax, (title, y) in zip(axes, data_sets.items(), strict=True):
        y = np.asarray(y, dtype=float)
        ax.plot(line_x, true_alpha + true_beta * line_x, "--", color=TRUE_COLOR, linewidth=1.2,
                label=f"true line, slope {true_beta:g}")
        ax.plot(x, y, "o", color=POINT_COLOR, label="data")
        fits = []
        for name, loss in (("mse", mse), ("mae", mae), ("huber", huber(delta))):
            alpha, beta = fit_lines(x, y, loss)
            (line,) = ax.plot(line_x, alpha[0] + beta[0] * line_x, color=LOSS_COLORS[name], linewidth=2,
                              label=f"{name.upper() if name != 'huber' else 'Huber'}: slope {beta[0]:.2f}")
            fits.append(line)
        ax.set_title(title)
        ax.set_xlabel("x")
        ax.set_ylabel("y")
        ax.legend(handles=fits, loc="best")
    shared = axes[0].get_lines()[:2]
    figure.legend(handles=shared, loc="outside upper center", ncols=2)
    return figure


def heavy_tails_view(monte_carlo: SlopeMonteCarlo, *, half_width: float = 1.0, bins: int = 60):
    """Histograms of the fitted slopes for one noise law, beside their spread for every law.

    monte_carlo: a SlopeMonteCarlo. The histograms cover the true slope +- half_width; the slopes
    beyond are counted in the texts at the histograms' top left (one per loss, in its colour). Returns
    (figure, update) where update(df) shows the histograms of that df (one of monte_carlo.dfs) and
    rings its points on the spread panel. Only animated artists change (see gdlib.widgets).
    """
    dfs = list(monte_carlo.dfs)
    trials = monte_carlo.slopes.shape[2]
    edges = np.linspace(monte_carlo.beta - half_width, monte_carlo.beta + half_width, bins + 1)
    counts = np.array([[np.histogram(slopes, edges)[0] for slopes in per_df] for per_df in monte_carlo.slopes])
    outside = trials - counts.sum(axis=2)
    spread, quartiles = monte_carlo.standard_deviation(), monte_carlo.interquartile_range()
    names = [_name(name) for name in monte_carlo.loss_names]
    figure, (hist_ax, spread_ax) = new_figure(2, height=4.0, width=10.0)
    steps = animate([hist_ax.stairs(counts[0, j], edges, color=_color(name), linewidth=1.8)
                     for j, name in enumerate(monte_carlo.loss_names)])
    # The dashed true slope stops below the texts, so it never crosses them.
    hist_ax.axvline(monte_carlo.beta, ymax=0.7, color=TRUE_COLOR, linestyle="--", linewidth=1.2)
    hist_ax.set_xlim(edges[0], edges[-1])
    hist_ax.set_ylim(0, counts.max() * 1.45)  # the top quarter is for the texts
    hist_ax.set_xlabel("fitted slope β (true slope dashed)")
    hist_ax.set_ylabel("number of data sets")
    # In place of a legend (which must not change at a slider move): one text per loss, in its colour.
    notes = animate([hist_ax.text(0.02, 0.98 - 0.085 * j, "", transform=hist_ax.transAxes, ha="left", va="top",
                                  color=_color(name), fontweight="bold")
                     for j, name in enumerate(monte_carlo.loss_names)])
    animate(hist_ax.title)

    positions = np.arange(len(dfs))
    labels = [_df_label(df) for df in dfs]
    for j, name in enumerate(monte_carlo.loss_names):
        spread_ax.plot(positions, spread[:, j], "o-", color=_color(name), label=names[j])
    (rings,) = spread_ax.plot([], [], "o", markersize=15, markerfacecolor="none", markeredgecolor=TRUE_COLOR,
                              markeredgewidth=1.8, label="ν of the histograms")
    animate(rings)
    spread_ax.set_yscale("log")
    spread_ax.yaxis.set_major_formatter(FormatStrFormatter("%g"))  # plain numbers: cheaper to draw than 10^k
    spread_ax.yaxis.set_minor_formatter(NullFormatter())
    spread_ax.set_xticks(positions, labels)
    spread_ax.axvspan(-0.5, labels.index("2") + 0.5 if "2" in labels else -0.5, color=COLORS[3], alpha=0.08,
                      label="ν ≤ 2: no finite variance")
    spread_ax.set_xlim(-0.5, len(dfs) - 0.5)
    low, high = spread.min(), spread.max()
    spread_ax.set_ylim(low / 1.6, high * 1.6)
    spread_ax.set_xlabel("degrees of freedom ν of the noise (∞: Gaussian)")
    spread_ax.set_ylabel("standard deviation of β")
    spread_ax.set_title(f"spread over {trials} data sets")
    spread_ax.legend(loc="upper right")

    def update(df: float) -> None:
        d = dfs.index(df)
        for j, name in enumerate(names):
            steps[j].set_data(counts[d, j])
            set_text(notes[j], f"{name}: IQR {quartiles[d, j]:.3f}, {outside[d, j]} off the plot")
        rings.set_data([d] * len(names), spread[d])
        set_text(hist_ax.title, f"slopes of {trials} data sets, t noise, ν = {labels[d]}")

    return figure, update


def spread_growth_figure(monte_carlo: SlopeMonteCarlo, dfs, batches):
    """The typical standard deviation of b slopes against the batch size b (log-log), one panel per df.

    monte_carlo: a SlopeMonteCarlo; dfs: the degrees of freedom to show (some of monte_carlo.dfs);
    batches: the batch sizes b to show. Returns the Figure.
    """
    batches = np.asarray(batches)
    typical = np.stack([monte_carlo.typical_standard_deviation(int(n)) for n in batches], axis=2)  # (D, L, k)
    figure, axes = new_figure(len(dfs), height=3.4)
    low, high = typical[[monte_carlo.dfs.index(df) for df in dfs]].min(), typical.max()
    for ax, df in zip(axes, dfs, strict=True):
        for j, name in enumerate(monte_carlo.loss_names):
            ax.plot(batches, typical[monte_carlo.dfs.index(df), j], "o-", color=_color(name), label=_name(name),
                    markersize=5)
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_ylim(low / 1.5, high * 1.5)
        for axis in (ax.xaxis, ax.yaxis):
            axis.set_major_formatter(FormatStrFormatter("%g"))
            axis.set_minor_formatter(NullFormatter())
        ax.set_xlabel("b slopes per batch")
        ax.set_title(f"t noise, ν = {_df_label(df)}")
    axes[0].set_ylabel("median std of b slopes")
    axes[-1].legend(loc="upper right")
    return figure
