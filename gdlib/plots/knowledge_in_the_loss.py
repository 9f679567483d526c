"""Figures of notebook 13: predicted directions and the circle, and energy against volume, each
with a penalty weight gamma (called `penalty` in the update functions)."""

from __future__ import annotations

import numpy as np
from matplotlib.ticker import FormatStrFormatter, NullFormatter

from gdlib.equation_of_state import (
    EV_PER_CUBIC_ANGSTROM_IN_GPA,
    model_energy,
    model_pressure,
    physics_informed_solution,
)
from gdlib.plots import COLORS, new_figure

BLUE, ORANGE, GREEN, VERMILLION, PURPLE, SKY, YELLOW, BLACK = COLORS
GREY = "#999999"


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

    figure, (circle_ax, trade_ax) = new_figure(2, height=3.9)
    angles = np.linspace(0, 2 * np.pi, 200)
    circle_ax.plot(np.cos(angles), np.sin(angles), color=BLACK, lw=1, ls="--", label="unit circle")
    circle_ax.plot(U[:, 0], U[:, 1], ".", ms=4, color=GREY, label="targets u")
    circle_ax.plot(plain[:, 0], plain[:, 1], ".", ms=4, color=ORANGE, label="γ = 0 (plain MSE)")
    (penalised,) = circle_ax.plot(plain[:, 0], plain[:, 1], ".", ms=4, color=BLUE, label="with the penalty")
    circle_ax.set_aspect("equal")
    circle_ax.set_xlim(-1.25, 1.25)
    circle_ax.set_ylim(-1.25, 1.25)
    circle_ax.set_xlabel("first component")
    circle_ax.set_ylabel("second component")
    circle_ax.legend(loc="center", fontsize=8)

    trade_ax.semilogx(penalties, lengths, color=BLUE, label="mean length ‖f‖")
    trade_ax.semilogx(penalties, data_terms, color=ORANGE, label="data term D (MSE)")
    trade_ax.axhline(1.0, color=BLACK, lw=1, ls=":")
    (length_marker,) = trade_ax.plot([], [], "o", color=BLUE)
    (data_marker,) = trade_ax.plot([], [], "o", color=ORANGE)
    trade_ax.xaxis.set_major_formatter(FormatStrFormatter("%g"))  # plain numbers: no mathtext on every redraw
    trade_ax.xaxis.set_minor_formatter(NullFormatter())
    trade_ax.set_ylim(0.4, 1.05)
    trade_ax.set_xlabel("penalty weight γ")
    trade_ax.set_ylabel("value")
    trade_ax.set_title("the trade-off as γ grows")
    trade_ax.legend(loc="center right")

    def update(penalty: float) -> None:
        i = int(np.argmin(np.abs(np.log(penalties) - np.log(penalty))))
        penalised.set_data(predictions[i, :, 0], predictions[i, :, 1])
        length_marker.set_data([penalties[i]], [lengths[i]])
        data_marker.set_data([penalties[i]], [data_terms[i]])
        circle_ax.set_title(f"γ = {penalties[i]:.3g}: mean length {lengths[i]:.3f}, D = {data_terms[i]:.3f}")

    return figure, update


def equation_of_state_view(V, E, grid, true_energies, true_pressures, *, V0: float, B0: float):
    """Energy and pressure against volume: truth, data, plain fit and physics-informed fit.

    V, E: (m,) the data (Å^3, eV). grid: (g,) volumes to draw at; true_energies, true_pressures:
    (g,) the reference there (eV, eV/Å^3). The physics fit uses gamma_p = gamma_b = penalty (Å^6;
    lam_p and lam_b in gdlib), solved exactly (physics_informed_solution), so a redraw costs one
    small least-squares solve.
    Returns (figure, update) where update(penalty) redraws the physics-informed curves.
    """
    V, E, grid = (np.asarray(a, dtype=float) for a in (V, E, grid))
    ratio = grid / V0
    gpa = EV_PER_CUBIC_ANGSTROM_IN_GPA
    plain_alpha, plain_beta = physics_informed_solution(V, E, V0=V0, B0=B0, lam_p=0.0, lam_b=0.0)

    figure, (energy_ax, pressure_ax) = new_figure(2, height=3.9)
    energy_ax.plot(ratio, true_energies, color=BLACK, ls="--", lw=1.2, label="truth (Vinet)", zorder=3)
    energy_ax.plot(ratio, model_energy(grid, V0, plain_alpha, plain_beta), color=ORANGE, label="plain MSE fit")
    (energy_line,) = energy_ax.plot(ratio, true_energies, color=BLUE, label="physics-informed fit")
    energy_ax.plot(V / V0, E, "o", color=BLACK, ms=5, label="data", zorder=4)
    low, high = true_energies.min(), true_energies.max()
    energy_ax.set_ylim(low - 0.15 * (high - low), high + 0.25 * (high - low))
    energy_ax.set_xlabel("V / V₀")
    energy_ax.set_ylabel("E (eV per atom)")
    energy_ax.legend(loc="upper center")

    pressure_ax.plot(ratio, gpa * true_pressures, color=BLACK, ls="--", lw=1.2, label="truth (Vinet)", zorder=3)
    pressure_ax.plot(ratio, gpa * model_pressure(grid, V0, plain_beta), color=ORANGE, label="plain MSE fit")
    (pressure_line,) = pressure_ax.plot(ratio, gpa * true_pressures, color=BLUE, label="physics-informed fit")
    pressure_ax.axhline(0.0, color=GREY, lw=1)
    pressure_ax.axvline(1.0, color=GREY, lw=1)
    low, high = gpa * true_pressures.min(), gpa * true_pressures.max()
    pressure_ax.set_ylim(low - 0.3 * (high - low), high + 0.3 * (high - low))
    pressure_ax.set_xlabel("V / V₀")
    pressure_ax.set_ylabel("P = −dE/dV (GPa)")
    pressure_ax.legend(loc="upper right")

    def update(penalty: float) -> None:
        alpha, beta = physics_informed_solution(V, E, V0=V0, B0=B0, lam_p=penalty, lam_b=penalty)
        energy_line.set_ydata(model_energy(grid, V0, alpha, beta))
        pressure_line.set_ydata(gpa * model_pressure(grid, V0, beta))
        pressure_at_v0 = gpa * model_pressure([V0], V0, beta)[0]
        energy_ax.set_title(f"energy, with both penalty weights γ = {penalty:.3g} Å⁶")
        pressure_ax.set_title(f"pressure: the fit has P(V₀) = {pressure_at_v0:.2f} GPa (truth 0)")

    return figure, update
