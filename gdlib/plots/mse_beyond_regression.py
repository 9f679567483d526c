"""Figures of notebook 14: shift alignment, the tied autoencoder's training, and the energy-based
model's samples."""

from __future__ import annotations

import numpy as np

from gdlib.plots import COLORS, new_figure

BLUE, ORANGE, GREEN, VERMILLION, PURPLE, SKY, YELLOW, BLACK = COLORS
GREY = "#999999"

#: The differences J - J_PCA below this many units in the last place of J_PCA are rounding
#: (the cost is a mean of m * n squares, each rounded): the autoencoder figure draws them at it.
ROUNDING_FLOOR_ULPS = 32


def alignment_figure(t, y, signal, fitted_shift: float, taus, costs, starts, ends, valley: tuple[float, float]):
    """The recording with the aligned signal, and J(tau) with where each descent started and ended.

    t, y: (m,) the recording; signal: a TwoToneSignal; fitted_shift: the shift found.
    taus, costs: (g,) J on a grid of shifts; starts, ends: (k,) where each run began and finished
    (drawn on the curve by interpolating costs); valley: (left, right) edges of the true shift's valley.
    Returns the Figure.
    """
    taus, costs = np.asarray(taus, dtype=float), np.asarray(costs, dtype=float)
    starts, ends = np.asarray(starts, dtype=float), np.asarray(ends, dtype=float)
    figure, (signal_ax, cost_ax) = new_figure(2, height=4.2, width=11.0)
    fine = np.linspace(t.min(), t.max(), 400)
    signal_ax.plot(t, y, ".", color=GREY, ms=5, label="recording y")
    signal_ax.plot(fine, signal.value(fine), color=ORANGE, lw=1.2, label="s(t), not shifted")
    signal_ax.plot(fine, signal.value(fine - fitted_shift), color=BLUE, label=f"s(t − τ), τ = {fitted_shift:.3f} s")
    top = max(float(np.max(y)), 1.0)
    signal_ax.set_ylim(-2.3, top + 1.7)  # a band above the data for the legend
    signal_ax.set_xlabel("time t (s)")
    signal_ax.set_ylabel("amplitude")
    signal_ax.set_title("the recording and the aligned signal")
    signal_ax.legend(loc="upper center", ncol=2, handlelength=1.5, columnspacing=1.2, markerscale=1.5)

    highest = float(np.max(costs))
    bottom, top = -0.1, 1.55 * highest  # a band above the curve for the legend
    cost_ax.plot(taus, costs, color=BLACK, lw=1.2)
    # The valley's shading stops below the legend's band.
    cost_ax.axvspan(*valley, ymax=(1.1 * highest - bottom) / (top - bottom), color=GREEN, alpha=0.12,
                    label="valley of the true shift")
    inside = (starts > valley[0]) & (starts < valley[1])
    for good, color, label in ((True, GREEN, "reaches it"), (False, VERMILLION, "stops elsewhere")):
        chosen = inside == good
        cost_ax.plot(starts[chosen], np.interp(starts[chosen], taus, costs), "o", mfc="white", mec=color, ms=7,
                     mew=1.5, label=f"start that {label}")
        cost_ax.plot(ends[chosen], np.interp(ends[chosen], taus, costs), "o", color=color, ms=7)
    cost_ax.set_ylim(bottom, top)
    cost_ax.set_xlabel("shift τ (s)")
    cost_ax.set_ylabel("J(τ)")
    cost_ax.set_title("J(τ): starts (hollow), ends (filled)")
    cost_ax.legend(loc="upper center", ncol=2, handlelength=1.5, columnspacing=1.0)
    return figure


def autoencoder_figure(costs, angles, pca_error: float):
    """Training of the tied autoencoder: J minus PCA's error, and the principal angles, per iteration.

    costs: (k + 1,) J along the run; angles: (k + 1, q) principal angles (degrees) to PCA's subspace;
    pca_error: the reconstruction error of PCA with the same code size. Returns the Figure.
    |J - J_PCA| is drawn down to the rounding floor of J (ROUNDING_FLOOR_ULPS units in the last
    place of pca_error), shaded grey; smaller differences, of either sign, are drawn on the floor.
    """
    costs, angles = np.asarray(costs, dtype=float), np.asarray(angles, dtype=float)
    iterations = np.arange(costs.size)
    floor = ROUNDING_FLOOR_ULPS * float(np.spacing(pca_error))
    figure, (cost_ax, angle_ax) = new_figure(2, height=3.8, width=10.0)
    cost_ax.semilogy(iterations, np.maximum(np.abs(costs - pca_error), floor), color=BLUE)
    bottom = floor / 30
    cost_ax.axhspan(bottom, floor, color=GREY, alpha=0.25, lw=0, label="rounding floor of J")
    cost_ax.set_ylim(bottom, None)
    cost_ax.set_xlabel("iteration k")
    cost_ax.set_ylabel("J − J_PCA")
    cost_ax.set_title(f"error above PCA's ({pca_error:.4f})")
    cost_ax.legend(loc="upper right")
    for j in range(angles.shape[1]):
        angle_ax.semilogy(iterations, np.maximum(angles[:, j], 1e-15), color=COLORS[j + 1], label=f"angle {j + 1}")
    angle_ax.set_xlabel("iteration k")
    angle_ax.set_ylabel("principal angle (degrees)")
    angle_ax.set_title("principal angles to PCA's plane")
    angle_ax.legend(loc="upper right")
    return figure


def energy_model_figure(data, samples, grid, density, energies):
    """Histograms of the data and of the Langevin samples with the model's density, and the energy.

    data: (n,); samples: (c,); grid: (g,); density, energies: (g,) p(x) and E(x) on the grid.
    The energy panel marks each data point with a tick at its bottom. Returns the Figure.
    """
    data, samples, grid = (np.asarray(a, dtype=float) for a in (data, samples, grid))
    density, energies = np.asarray(density, dtype=float), np.asarray(energies, dtype=float)
    figure, (histogram_ax, energy_ax) = new_figure(2, height=3.9, width=10.0)
    bins = np.linspace(grid.min(), grid.max(), 41)
    histogram_ax.hist(data, bins=bins, density=True, histtype="step", color=BLUE, lw=1.8, label="data")
    histogram_ax.hist(samples, bins=bins, density=True, histtype="step", color=ORANGE, lw=1.8,
                      label="Langevin samples")
    histogram_ax.plot(grid, density, color=BLACK, lw=1.2, label="model exp(−E) / Z, averaged θ")
    histogram_ax.set_xlabel("x")
    histogram_ax.set_ylabel("density")
    histogram_ax.set_title("data and samples")
    tallest = max(np.histogram(points, bins=bins, density=True)[0].max() for points in (data, samples))
    histogram_ax.set_ylim(0, 1.75 * max(tallest, density.max(), 0.1))  # a band above for the legend
    histogram_ax.legend(loc="upper center")
    energy_ax.plot(grid, energies, color=BLUE, label="E(x)")
    low = energies.min() - 1.5
    energy_ax.plot(data, np.full(data.shape, low), "|", color=BLACK, ms=12, alpha=0.3, label="data")
    energy_ax.set_ylim(low - 0.5, energies.min() + 12)
    energy_ax.set_xlabel("x")
    energy_ax.set_ylabel("E(x)")
    energy_ax.set_title("the learned energy: low at the data")
    energy_ax.legend(loc="upper center")
    for ax in (histogram_ax, energy_ax):
        ax.set_xlim(grid.min(), grid.max())
    return figure
