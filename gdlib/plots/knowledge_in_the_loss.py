"""Figures of notebook 13: predicted directions and the circle, and energy against volume, each
with a penalty weight gamma (called `penalty` in the update functions).

Both are slider figures (gdlib.widgets): what a move changes is animated, everything else (axes,
ticks, legends, the fixed curves) is drawn once, and the axis limits cover every slider value.
"""

from __future__ import annotations

import numpy as np
from matplotlib.ticker import FixedLocator, FormatStrFormatter, MultipleLocator, NullFormatter

from gdlib.equation_of_state import (
    EV_PER_CUBIC_ANGSTROM_IN_GPA,
    constraint_rows,
    model_energy,
    model_pressure,
    physics_informed_solution,
)
from gdlib.plots import COLORS, animate, new_figure, set_text

BLUE, ORANGE, GREEN, VERMILLION, PURPLE, SKY, YELLOW, BLACK = COLORS
GREY = "#999999"

#: The ticks of the volume axis: V/V0 = 1, the equilibrium the lesson is about, is one of them.
VOLUME_TICKS = (0.8, 0.9, 1.0, 1.1, 1.2, 1.3)
#: The ticks of the trade-off panel: the length the penalty aims at, 1, is one of them.
TRADE_TICKS = (0.5, 0.6, 0.7, 0.8, 0.9, 1.0)


#: The entries of the equation-of-state legends, in this order (the curves are drawn in another).
LEGEND_ORDER = ("truth (Vinet)", "plain MSE fit", "physics-informed fit")


def _legend(ax, labels, **options):
    """A legend on ax of the artists with these labels, in this order."""
    handles = dict(zip(*reversed(ax.get_legend_handles_labels()), strict=True))
    return ax.legend([handles[label] for label in labels], list(labels), **options)


def _signed(value: float, digits: int) -> str:
    """value with `digits` decimals and a typographic minus; never "-0.00"."""
    text = f"{value:.{digits}f}"
    if float(text) == 0.0:
        text = f"{0.0:.{digits}f}"
    return text.replace("-", "−")


def unit_vector_view(Phi, U, plain_weights, penalties, weights):
    """Predicted directions for a penalty weight gamma beside the trade-off over all penalties.

    Phi, U: (m, 2) features of the readings and target unit vectors.
    plain_weights: (2, 2) the fit with gamma = 0. penalties: (L,) increasing, > 0.
    weights: (L, 2, 2) the fit for each penalty (gdlib.unit_vectors.fit_unit_vectors).
    Returns (figure, update) where update(penalty) shows the fit of the penalty nearest (in log scale).
    """
    Phi, U = np.asarray(Phi, dtype=float), np.asarray(U, dtype=float)
    penalties = np.asarray(penalties, dtype=float)
    predictions = np.einsum("mi,lji->lmj", Phi, np.asarray(weights, dtype=float))  # (L, m, 2)
    lengths = np.linalg.norm(predictions, axis=2).mean(axis=1)
    data_terms = np.sum((predictions - U) ** 2, axis=2).mean(axis=1)
    plain = Phi @ np.asarray(plain_weights, dtype=float).T

    figure, (circle_ax, trade_ax) = new_figure(2, height=4.2, width=11.0)
    circle_ax.get_gridspec().set_width_ratios([0.74, 1.0])  # the circle and its legend beside it
    angles = np.linspace(0, 2 * np.pi, 200)
    circle_ax.plot(np.cos(angles), np.sin(angles), color=BLACK, lw=1, ls="--", label="unit circle")
    circle_ax.plot(U[:, 0], U[:, 1], ".", ms=5, color=GREY, label="targets u")
    circle_ax.plot(plain[:, 0], plain[:, 1], ".", ms=5, color=ORANGE, label="plain MSE, γ = 0")
    (penalised,) = animate(circle_ax.plot(plain[:, 0], plain[:, 1], ".", ms=5, color=BLUE,
                                          label="with the penalty"))
    circle_ax.set_aspect("equal")
    circle_ax.set_xlim(-1.2, 1.2)
    circle_ax.set_ylim(-1.2, 1.2)
    for axis in (circle_ax.xaxis, circle_ax.yaxis):
        axis.set_major_locator(FixedLocator([-1.0, -0.5, 0.0, 0.5, 1.0]))
    circle_ax.set_xlabel("first component")
    circle_ax.set_ylabel("second component")
    # Beside the circle, where no point goes (the blue points are drawn over anything inside).
    circle_ax.legend(loc="center left", bbox_to_anchor=(1.0, 0.5), markerscale=2.0, handlelength=1.5)
    animate(circle_ax.title)

    trade_ax.semilogx(penalties, lengths, color=BLUE, label="mean length ‖f‖")
    trade_ax.semilogx(penalties, data_terms, color=ORANGE, label="data term D (MSE)")
    trade_ax.axhline(1.0, color=BLACK, lw=1, ls=":")
    length_marker, data_marker = animate(trade_ax.plot([], [], "o", color=BLUE, ms=9),
                                         trade_ax.plot([], [], "o", color=ORANGE, ms=9))
    trade_ax.xaxis.set_major_formatter(FormatStrFormatter("%g"))  # plain numbers: no mathtext
    trade_ax.xaxis.set_minor_formatter(NullFormatter())
    trade_ax.yaxis.set_major_locator(FixedLocator(TRADE_TICKS))
    trade_ax.set_xlim(penalties[0] / 1.25, penalties[-1] * 1.25)
    trade_ax.set_ylim(0.42, 1.04)
    trade_ax.set_xlabel("penalty weight γ")
    trade_ax.set_ylabel("value")
    trade_ax.set_title("the trade-off as γ grows")
    trade_ax.legend(loc="center right")

    def update(penalty: float) -> None:
        i = int(np.argmin(np.abs(np.log(penalties) - np.log(penalty))))
        penalised.set_data(predictions[i, :, 0], predictions[i, :, 1])
        length_marker.set_data([penalties[i]], [lengths[i]])
        data_marker.set_data([penalties[i]], [data_terms[i]])
        set_text(circle_ax.title, f"mean length {lengths[i]:.3f}, D = {data_terms[i]:.3f}")

    return figure, update


def equation_of_state_view(V, E, grid, true_energies, true_pressures, *, V0: float, B0: float):
    """Energy and pressure against volume: truth, data, plain fit and physics-informed fit.

    V, E: (m,) the data (Å^3, eV). grid: (g,) volumes to draw at; true_energies, true_pressures:
    (g,) the reference there (eV, eV/Å^3). The physics fit uses gamma_p = gamma_b = penalty (Å^6;
    lam_p and lam_b in gdlib), solved exactly (physics_informed_solution), so a redraw costs one
    small least-squares solve. The titles give the fit's pressure P(V0) and bulk modulus
    V0 E''(V0) in GPa, the two facts the penalties carry.
    Returns (figure, update) where update(penalty) redraws the physics-informed curves.
    """
    V, E, grid = (np.asarray(a, dtype=float) for a in (V, E, grid))
    true_energies, true_pressures = np.asarray(true_energies, float), np.asarray(true_pressures, float)
    ratio = grid / V0
    gpa = EV_PER_CUBIC_ANGSTROM_IN_GPA
    a_p, a_b = constraint_rows(V0)
    plain_alpha, plain_beta = physics_informed_solution(V, E, V0=V0, B0=B0, lam_p=0.0, lam_b=0.0)

    figure, (energy_ax, pressure_ax) = new_figure(2, height=4.2, width=11.0)
    # The moving blue curves are drawn over everything else; the truth and the data are animated
    # too, with higher zorders, so they stay visible on top of the blue curves.
    energy_ax.plot(ratio, model_energy(grid, V0, plain_alpha, plain_beta), color=ORANGE, label="plain MSE fit")
    (energy_line,) = animate(energy_ax.plot(ratio, true_energies, color=BLUE, label="physics-informed fit"))
    animate(energy_ax.plot(ratio, true_energies, color=BLACK, ls="--", lw=1.2, label="truth (Vinet)", zorder=3),
            energy_ax.plot(V / V0, E, "o", color=BLACK, ms=6, label="data", zorder=4))
    low, high = true_energies.min(), true_energies.max()
    energy_ax.set_ylim(low - 0.15 * (high - low), high + 0.55 * (high - low))
    energy_ax.yaxis.set_major_locator(MultipleLocator(0.1))  # eV: -3.7, -3.6, ...
    energy_ax.set_ylabel("E (eV per atom)")
    # The upper middle: above every fit at every gamma (the plain fit leaves the panel further right).
    _legend(energy_ax, LEGEND_ORDER + ("data",), loc="upper center", bbox_to_anchor=(0.42, 1.0), handlelength=1.5)

    pressure_ax.axhline(0.0, color=GREY, lw=1)
    pressure_ax.axvline(1.0, color=GREY, lw=1)
    pressure_ax.plot(ratio, gpa * model_pressure(grid, V0, plain_beta), color=ORANGE, label="plain MSE fit")
    (pressure_line,) = animate(pressure_ax.plot(ratio, gpa * true_pressures, color=BLUE,
                                                label="physics-informed fit"))
    animate(pressure_ax.plot(ratio, gpa * true_pressures, color=BLACK, ls="--", lw=1.2, label="truth (Vinet)",
                             zorder=3))
    (pressure_marker,) = animate(pressure_ax.plot([], [], "o", color=BLUE, ms=8, zorder=4))
    low, high = gpa * true_pressures.min(), gpa * true_pressures.max()
    pressure_ax.set_ylim(low - 0.3 * (high - low), high + 0.3 * (high - low))
    pressure_ax.set_ylabel("P = −dE/dV (GPa)")
    # Upper right: for V > V0 every fit has P < 0 there, far below the legend.
    _legend(pressure_ax, LEGEND_ORDER, loc="upper right")

    for ax in (energy_ax, pressure_ax):
        ax.set_xlim(ratio.min() - 0.01, ratio.max() + 0.01)
        ax.xaxis.set_major_locator(FixedLocator(VOLUME_TICKS))
        ax.xaxis.set_major_formatter(FormatStrFormatter("%.1f"))
        ax.set_xlabel("V / V₀")
        animate(ax.title)

    def update(penalty: float) -> None:
        alpha, beta = physics_informed_solution(V, E, V0=V0, B0=B0, lam_p=penalty, lam_b=penalty)
        energy_line.set_ydata(model_energy(grid, V0, alpha, beta))
        pressure_line.set_ydata(gpa * model_pressure(grid, V0, beta))
        pressure_at_v0 = -gpa * float(a_p @ beta[0])
        stiffness = gpa * float(a_b @ beta[0])
        pressure_marker.set_data([1.0], [pressure_at_v0])
        set_text(energy_ax.title, f"energy: V₀E″(V₀) = {stiffness:.0f} GPa (truth {gpa * B0:.0f})")
        set_text(pressure_ax.title, f"pressure: P(V₀) = {_signed(pressure_at_v0, 2)} GPa (truth 0)")

    return figure, update
