"""Figures of notebook 14: shift alignment, the tied autoencoder's training, and the energy-based
model's samples."""

from __future__ import annotations

import numpy as np

from gdlib.plots import COLORS, new_figure

BLUE, ORANGE, GREEN, VERMILLION, PURPLE, SKY, YELLOW, BLACK = COLORS
GREY = "#999999"


def alignment_figure(t, y, signal, fitted_shift: float, taus, costs, starts, ends, valley: tuple[float, float]):
    """The recording with the aligned signal, and J(tau) with where each descent started and ended.

    t, y: (m,) the recording; signal: a TwoToneSignal; fitted_shift: the shift found.
    taus, costs: (g,) J on a grid of shifts; starts, ends: (k,) where each run began and finished
    (drawn on the curve by interpolating costs); valley: (left, right) edges of the true shift's valley.
    Returns the Figure.
    """
    taus, costs = np.asarray(taus, dtype=float), np.asarray(costs, dtype=float)
    starts, ends = np.asarray(starts, dtype=float), np.asarray(ends, dtype=float)
    figure, (signal_ax, cost_ax) = new_figure(2, height=3.8)
    fine = np.linspace(t.min(), t.max(), 400)
    signal_ax.plot(t, y, ".", color=GREY, ms=4, label="recording y")
    signal_ax.plot(fine, signal.value(fine), color=ORANGE, lw=1, label="s(t), not shifted")
    signal_ax.plot(fine, signal.value(fine - fitted_shift), color=BLUE, label=f"s(t − τ), τ = {fitted_shift:.3f} s")
    signal_ax.set_ylim(-2.3, 2.6)
    signal_ax.set_xlabel("time t (s)")
    signal_ax.set_ylabel("amplitude")
    signal_ax.set_title("the recording and the aligned signal")
    signal_ax.legend(loc="upper center", ncol=3, fontsize=7, handlelength=1.2)

    cost_ax.plot(taus, costs, color=BLACK, lw=1.2)
    cost_ax.axvspan(*valley, color=GREEN, alpha=0.12, label="valley of the true shift")
    inside = (starts > valley[0]) & (starts < valley[1])
    for good, color, label in ((True, GREEN, "reaches the true shift"), (False, VERMILLION, "stops elsewhere")):
        chosen = inside == good
        cost_ax.plot(starts[chosen], np.interp(starts[chosen], taus, costs), "o", mfc="white", mec=color, ms=6,
                     label=f"start that {label}")
        cost_ax.plot(ends[chosen], np.interp(ends[chosen], taus, costs), "o", color=color, ms=6)
    cost_ax.set_ylim(-0.1, 3.6)
    cost_ax.set_xlabel("shift τ (s)")
    cost_ax.set_ylabel("J(τ)")
    cost_ax.set_title("J(τ): starts (hollow) and where they end (filled)")
    cost_ax.legend(loc="upper center", ncol=2, fontsize=7, handlelength=1.2)
    return figure


def autoencoder_figure(costs, angles, pca_error: float):
    """Training of the tied autoencoder: J minus PCA's error, and the principal angles, per iteration.

    costs: (k + 1,) J along the run; angles: (k + 1, q) principal angles (degrees) to PCA's subspace;
    pca_error: the reconstruction error of PCA with the same code size. Returns the Figure.
    """
    costs, angles = np.asarray(costs, dtype=float), np.asarray(angles, dtype=float)
    iterations = np.arange(costs.size)
    figure, (cost_ax, angle_ax) = new_figure(2, height=3.4)
    cost_ax.semilogy(iterations, np.maximum(costs - pca_error, 1e-17), color=BLUE)
    cost_ax.set_xlabel("iteration k")
    cost_ax.set_ylabel("J − J_PCA")
    cost_ax.set_title(f"reconstruction error above PCA's ({pca_error:.4f})")
    for j in range(angles.shape[1]):
        angle_ax.semilogy(iterations, np.maximum(angles[:, j], 1e-15), color=COLORS[j + 1], label=f"angle {j + 1}")
    angle_ax.set_xlabel("iteration k")
    angle_ax.set_ylabel("principal angle (degrees)")
    angle_ax.set_title("angles between span(W) and PCA's subspace")
    angle_ax.legend()
    return figure


def energy_model_figure(data, samples, grid, density, energies):
    """Histograms of the data and of the Langevin samples with the model's density, and the energy.

    data: (n,); samples: (c,); grid: (g,); density, energies: (g,) p(x) and E(x) on the grid.
    Returns the Figure.
    """
    figure, (histogram_ax, energy_ax) = new_figure(2, height=3.4)
    bins = np.linspace(grid.min(), grid.max(), 41)
    histogram_ax.hist(data, bins=bins, density=True, histtype="step", color=BLUE, lw=1.5, label="data")
    histogram_ax.hist(samples, bins=bins, density=True, histtype="step", color=ORANGE, lw=1.5,
                      label="Langevin samples")
    histogram_ax.plot(grid, density, color=BLACK, lw=1, label="model exp(−E) / Z, averaged θ")
    histogram_ax.set_xlabel("x")
    histogram_ax.set_ylabel("density")
    histogram_ax.set_title("data and samples")
    histogram_ax.set_ylim(0, 1.5 * max(density.max(), 0.1))
    histogram_ax.legend(loc="upper right", fontsize=8)
    energy_ax.plot(grid, energies, color=BLUE)
    energy_ax.set_ylim(energies.min() - 1, energies.min() + 12)
    energy_ax.set_xlabel("x")
    energy_ax.set_ylabel("E(x)")
    energy_ax.set_title("the learned energy: low where the data are")
    return figure
