"""Figures of notebook 12: what a mask on missing targets does to a fit, and a masked heatmap."""

from __future__ import annotations

import numpy as np

from gdlib.lessons.tailoring_mse import TRUE_ALPHA, TRUE_BETA, line_data
from gdlib.plots import COLORS, SMALLEST_TEXT_PT, animate, new_figure
from gdlib.tailoring import observed_mask, weighted_line_fits

#: How many simulated data sets the histogram of slopes is made of.
REPLICATIONS = 400
#: The histogram's bins: they cover every slope any setting of the sliders fits (0.08 to 0.92),
#: so no fit is left out or piled into an end bin.
SLOPE_BINS = np.linspace(0.0, 1.0, 41)
#: The histogram's fixed height: above its tallest bar at any setting (113 data sets).
HISTOGRAM_TOP = 125


def missing_targets_view(m: int = 100, seed: int = 10):
    """One data set with some targets missing, its masked-MSE fit, and the slopes of many such fits.

    m: examples per data set. Returns (figure, update) where update(strength, missing_share,
    depends_on) redraws both panels: depends_on "y" hides the larger targets more often the larger
    strength is (MNAR), "x" the targets at larger x (MAR); strength 0 is MCAR either way.
    The data sets are fixed (seeded); only which targets are missing changes with the sliders.
    The axes, and the legend below them, are drawn once; the points, the fits, the histogram,
    the reference lines above it and the titles move.
    """
    x, Y = line_data(REPLICATIONS, m, seed)
    uniforms = np.random.default_rng(seed + 1).uniform(size=Y.shape)  # the same draws for every setting
    figure, (scatter, histogram) = new_figure(2, height=4.4, width=9.5)
    line_x = np.array([0.0, 10.0])
    # Everything that moves is animated, and drawn above the background: the true line and slope
    # too (zorder 3), so that the fits and the bars never hide them.
    true_style = {"color": COLORS[7], "linestyle": "--", "linewidth": 2, "zorder": 3}
    (true_line,) = scatter.plot(line_x, TRUE_ALPHA + TRUE_BETA * line_x, **true_style,
                                label=f"truth: y = {TRUE_ALPHA:g} + {TRUE_BETA:g} x (slope {TRUE_BETA:g})")
    (fit_line,) = scatter.plot([], [], color=COLORS[3], linewidth=2.5, label="masked-MSE fit")
    (observed,) = scatter.plot([], [], "o", color=COLORS[0], markersize=5, label="observed target")
    (missing,) = scatter.plot([], [], "o", markerfacecolor="none", color=COLORS[5], markersize=5,
                              label="missing target")
    scatter.set(xlabel="x", ylabel="y", xlim=(0, 10), ylim=(Y[0].min() - 0.5, Y[0].max() + 0.5))
    bars = histogram.stairs(np.zeros(SLOPE_BINS.size - 1), SLOPE_BINS, fill=True, color=COLORS[0], alpha=0.6,
                            label=f"fitted slopes of {REPLICATIONS} data sets")
    true_slope = histogram.axvline(TRUE_BETA, **true_style)
    mean_slope = histogram.axvline(TRUE_BETA, color=COLORS[3], linewidth=2.5, zorder=2.5, label="mean fitted slope")
    histogram.set(xlabel="fitted slope", ylabel="data sets", xlim=(SLOPE_BINS[0], SLOPE_BINS[-1]),
                  ylim=(0, HISTOGRAM_TOP), xticks=np.linspace(0.0, 1.0, 5))
    animate(true_line, fit_line, observed, missing, bars, true_slope, mean_slope, scatter.title, histogram.title)
    handles = [true_line, fit_line, observed, missing, bars, mean_slope]
    figure.legend(handles=handles, loc="outside lower center", ncols=3, fontsize=SMALLEST_TEXT_PT)

    def update(strength: float, missing_share: float, depends_on: str = "y") -> None:
        mask = observed_mask(Y if depends_on == "y" else x, strength, missing_share, uniforms)
        intercepts, slopes = weighted_line_fits(x, Y, mask.astype(float))
        observed.set_data(x[0, mask[0]], Y[0, mask[0]])
        missing.set_data(x[0, ~mask[0]], Y[0, ~mask[0]])
        fit_line.set_data(line_x, intercepts[0] + slopes[0] * line_x)
        kind = "MCAR" if strength == 0 else {"y": "MNAR", "x": "MAR on x"}[depends_on]
        # the title is about the data set shown; the histogram's, about all of them
        scatter.title.set_text(f"{kind}: {np.sum(~mask[0])} of {m} targets missing")
        bars.set_data(np.histogram(slopes, bins=SLOPE_BINS)[0])
        mean = float(slopes.mean())
        mean_slope.set_xdata([mean, mean])
        histogram.title.set_text(f"mean slope {mean:.3f}, bias {mean - TRUE_BETA:+.3f}".replace("-", "−"))

    return figure, update


def heatmap_fits_figure(target, visibility, plain_center, masked_center, true_center):
    """Target heatmap with the occluder outlined and the centres found with and without the mask.

    target, visibility: (size, size); the centres: (2,) (column, row). Returns a Figure.
    """
    figure, (image_ax, mask_ax) = new_figure(2, height=4.2, width=8.5)
    image_ax.imshow(target, cmap="viridis", origin="upper")
    image_ax.contour(visibility, levels=[0.5], colors="white", linewidths=2)
    image_ax.plot(*true_center, marker="X", markersize=11, color=COLORS[7], linestyle="none", label="true joint",
                  markeredgecolor="white")
    image_ax.plot(*plain_center, marker="X", markersize=11, color=COLORS[3], linestyle="none", label="plain MSE fit",
                  markeredgecolor="white")
    image_ax.plot(*masked_center, marker="o", markersize=18, markerfacecolor="none", markeredgewidth=2.5,
                  color=COLORS[1], linestyle="none", label="masked MSE fit")
    image_ax.set_title("target heatmap (occluder outlined)")
    mask_ax.imshow(visibility, cmap="gray", origin="upper", vmin=0, vmax=1)
    mask_ax.set_title("visibility mask (black = ignored)")
    for ax in (image_ax, mask_ax):
        ax.set(xlabel="column", ylabel="row")
        ax.grid(False)
        ax.spines[["top", "right"]].set_visible(True)  # the white of the mask is part of the picture
    figure.legend(*image_ax.get_legend_handles_labels(), loc="outside lower center", ncols=3,
                  fontsize=SMALLEST_TEXT_PT)
    return figure
