"""The sliders of notebook 13: the penalty weight gamma for the unit-vector fit and for the physics fit."""

from __future__ import annotations

import numpy as np

from gdlib.equation_of_state import vinet_pressure
from gdlib.lessons.knowledge_in_the_loss import (
    B0,
    B0_PRIME,
    V0,
    direction_readings,
    energy_samples,
    true_energy,
)
from gdlib.plots.knowledge_in_the_loss import equation_of_state_view, unit_vector_view
from gdlib.unit_vectors import angle_features, fit_unit_vectors
from gdlib.widgets import SliderFigure, log_slider

#: The unit-vector slider's range and steps (one fit per position, all computed up front).
UNIT_PENALTY_RANGE, UNIT_PENALTY_STEPS = (0.01, 10.0), 30


def unit_vector_explorer() -> SliderFigure:
    """A log slider for gamma over the unit-vector fits of the notebook's readings.

    All 31 slider positions are fitted at once when the explorer is built, so a move only
    redraws. Default gamma = 1, where the predictions have moved most of the way to the circle.
    Returns a SliderFigure (call .show()).
    """
    angles, readings = direction_readings()
    Phi, U = angle_features(readings), angle_features(angles)
    low, high = UNIT_PENALTY_RANGE
    penalties = np.logspace(np.log10(low), np.log10(high), UNIT_PENALTY_STEPS + 1)
    weights = fit_unit_vectors(Phi, U, penalties)
    figure, update = unit_vector_view(Phi, U, fit_unit_vectors(Phi, U, 0.0), penalties, weights)
    controls = {"penalty": log_slider("penalty γ", 1.0, low, high, steps=UNIT_PENALTY_STEPS)}
    return SliderFigure(figure, update, controls)


def equation_of_state_explorer() -> SliderFigure:
    """A log slider for gamma = gamma_p = gamma_b (Å^6; lam_p, lam_b in gdlib) over the physics-informed fit.

    From 1e-6 (almost the plain fit) to 100 (the physics holds to many digits). Default gamma = 1.
    Returns a SliderFigure (call .show()).
    """
    V, E = energy_samples()
    grid = np.linspace(0.78, 1.3, 120) * V0
    figure, update = equation_of_state_view(V, E, grid, true_energy(grid), vinet_pressure(grid, V0, B0, B0_PRIME),
                                            V0=V0, B0=B0)
    controls = {"penalty": log_slider("penalty γ (Å⁶)", 1.0, 1e-6, 100.0, steps=40)}
    return SliderFigure(figure, update, controls)
