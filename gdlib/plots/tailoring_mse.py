"""Figures of notebook 12: what a mask on missing targets does to a fit, and a masked heatmap."""

from __future__ import annotations

import numpy as np

from gdlib.lessons.tailoring_mse import TRUE_ALPHA, TRUE_BETA, line_data
from gdlib.plots import COLORS, new_figure
from gdlib.tailoring import observed_mask, weighted_line_fits

#: How many simulated data sets the histogram of slopes is made of.
REPLICATIONS = 400


def missing_targets_view(m: int = 100, seed: int = 10):
    """One data set with some targets missing, its masked-MSE fit, and the slopes of many such fits.

    m: examples per data set. Returns (figure, update) where update(strength, missing_share,
    depends_on) redraws both panels: depends_on "y" hides the larger targets more often the larger
    strength is (MNAR), "x" the targets at larger x (MAR); strength 0 is MCAR either way.
    The data sets are fixed (seeded); only which targets are missing changes with the sliders.
    """
    x, Y = line_data(REPLICATIONS, m, seed)
    uniforms = np.random.default_rng(seed + 1).uniform(size=Y.shape)  # the same draws for every setting
    figure, (scatter, histogram) = new_figure(2, height=3.8)
    line_x = np.array([0.0, 10.0])
    scatter.plot(line_x, TRUE_ALPHA + TRUE_BETA * line_x, color=COLORS[7], linestyle="--", label="true line")
    (fit_line,) = scatter.plot([], [], color=COLORS[3], linewidth=2, label="masked-MSE fit")
    (observed,) = scatter.plot([], [], "o", color=COLORS[0], markersize=4, label="observed")
    (missing,) = scatter.plot([], [], "o", markerfacecolor="none", color=COLORS[5], markersize=4, label="missing")
    scatter.set(xlabel="x", ylabel="y", xlim=(0, 10), ylim=(Y[0].min() - 0.5, Y[0].max() + 0.5))
    scatter.legend(loc="upper left", fontsize=8)
    bins = np.linspace(0.25, 0.65, 41)
    histogram.set(xlabel="fitted slope", ylabel="data sets", xlim=(bins[0], bins[-1]))
    histogram.axvline(TRUE_BETA, color=COLORS[7], linestyle="--", label=f"true slope {TRUE_BETA}")
    bars = histogram.stairs(np.zeros(bins.size - 1), bins, fill=True, color=COLORS[0], alpha=0.8, label="fitted slopes")
    histogram.set_ylim(0, REPLICATIONS * 0.15)
    histogram.legend(loc="upper left", fontsize=8)

    def update(strength: float, missing_share: float, depends_on: str = "y") -> None:
        mask = observed_mask(Y if depends_on == "y" else x, strength, missing_share, uniforms)
        intercepts, slopes = weighted_line_fits(x, Y, mask.astype(float))
        observed.set_data(x[0, mask[0]], Y[0, mask[0]])
        missing.set_data(x[0, ~mask[0]], Y[0, ~mask[0]])
        fit_line.set_data(line_x, intercepts[0] + slopes[0] * line_x)
        kind = "MCAR" if strength == 0 else {"y": "MNAR", "x": "MAR on x"}[depends_on]
        scatter.set_title(f"{kind}: {np.mean(~mask):.0%} of targets missing")
        bars.set_data(np.histogram(np.clip(slopes, bins[0], bins[-1]), bins=bins)[0])
        histogram.set_title(f"{REPLICATIONS} data sets: mean slope {slopes.mean():.3f} "
                            f"(bias {slopes.mean() - TRUE_BETA:+.3f})")

    return figure, update


def heatmap_fits_figure(target, visibility, plain_center, masked_center, true_center):
    """Target heatmap with the occluder outlined and the centres found with and without the mask.

    target, visibility: (size, size); the centres: (2,) (column, row). Returns a Figure.
    """
    figure, (image_ax, mask_ax) = new_figure(2, height=3.6, width=7.5)
    image_ax.imshow(target, cmap="viridis", origin="upper")
    image_ax.contour(visibility, levels=[0.5], colors="white", linewidths=1.5)
    image_ax.plot(*true_center, marker="X", markersize=10, color=COLORS[7], linestyle="none", label="true joint",
                  markeredgecolor="white")
    image_ax.plot(*plain_center, marker="X", markersize=10, color=COLORS[3], linestyle="none", label="plain MSE fit",
                  markeredgecolor="white")
    image_ax.plot(*masked_center, marker="o", markersize=16, markerfacecolor="none", markeredgewidth=2,
                  color=COLORS[1], linestyle="none", label="masked MSE fit")
    image_ax.set_title("target heatmap (occluder outlined)")
    image_ax.legend(loc="lower left", fontsize=8, frameon=True)
    mask_ax.imshow(visibility, cmap="gray", origin="upper", vmin=0, vmax=1)
    mask_ax.set_title("visibility mask (black = ignored)")
    for ax in (image_ax, mask_ax):
        ax.set(xlabel="column", ylabel="row")
        ax.grid(False)
    return figure
