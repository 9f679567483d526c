"""Notebook 13 (knowledge in the loss): every claim its prose makes, computed with gdlib at the
lesson's settings and compared with the number written in the text; its data sets, exercises,
figures and sliders."""

import numpy as np
import pytest
from slider_checks import check_slider_figure

import gdlib
from gdlib.equation_of_state import (
    EV_PER_CUBIC_ANGSTROM_IN_GPA,
    constraint_rows,
    heavy_ball_settings,
    model_energy,
    physics_gradients,
    physics_hessian,
    physics_informed_fit,
    physics_informed_solution,
    physics_loss,
    strain,
)
from gdlib.lessons.knowledge_in_the_loss import (
    B0,
    B0_GPA,
    E0,
    ENERGY_NOISE,
    READING_NOISE,
    SAMPLE_VOLUME_RATIOS,
    V0,
    direction_readings,
    energy_samples,
    exercises,
    largest_error,
    rms_angle_error,
    true_energy,
)
from gdlib.unit_vectors import (
    angle_features,
    data_term,
    fit_unit_vectors,
    unit_vector_gradient,
    unit_vector_loss,
    unit_vector_predict,
)
from gdlib.widgets.knowledge_in_the_loss import equation_of_state_explorer, unit_vector_explorer

CHECKS = exercises()
GPA = EV_PER_CUBIC_ANGSTROM_IN_GPA
ANGLES, READINGS = direction_readings()
U, PHI = angle_features(ANGLES), angle_features(READINGS)
V, E = energy_samples()
GRID = np.linspace(0.8, 1.25, 451) * V0


def _fit(gamma):
    return fit_unit_vectors(PHI, U, gamma)


def _lengths(W):
    return np.linalg.norm(unit_vector_predict(PHI, W), axis=1)


def _physics(gamma, volumes=V, energies=E):
    return physics_informed_solution(volumes, energies, V0=V0, B0=B0, lam_p=gamma, lam_b=gamma)


def _pressure_at_v0(beta):
    return -constraint_rows(V0)[0] @ beta[0] * GPA


# --- Part 1: directions ------------------------------------------------------------------------------
def test_the_picture_two_unit_vectors_at_right_angles_average_to_length_071():
    assert np.linalg.norm((np.array([1.0, 0.0]) + np.array([0.0, 1.0])) / 2) == pytest.approx(0.71, abs=0.005)


def test_the_readings_are_200_angles_spread_evenly_with_noise_08():
    assert ANGLES.shape == READINGS.shape == (200,) and READING_NOISE == 0.8
    assert 0 <= ANGLES.min() and ANGLES.max() < 2 * np.pi
    # spread evenly: every quarter of the circle holds about a quarter of the angles
    counts = np.histogram(ANGLES, bins=4, range=(0, 2 * np.pi))[0]
    assert counts.min() > 35
    np.testing.assert_array_equal(direction_readings()[1], READINGS)


def test_the_mean_cosine_of_the_noise_is_exp_minus_sigma_squared_over_two_about_073():
    nodes, weights = np.polynomial.hermite_e.hermegauss(40)  # integrates against exp(-e^2 / 2)
    mean_cosine = weights @ np.cos(READING_NOISE * nodes) / np.sqrt(2 * np.pi)
    assert mean_cosine == pytest.approx(np.exp(-0.32), rel=1e-12)
    assert np.exp(-0.32) == pytest.approx(0.73, abs=0.005)


def test_the_plain_fit_is_least_squares_close_to_073_times_the_identity_and_never_reaches_the_circle():
    W = _fit(0.0)
    np.testing.assert_allclose(W, np.linalg.lstsq(PHI, U, rcond=None)[0].T, atol=1e-9)
    assert np.diag(W) == pytest.approx([0.73, 0.73], abs=0.015)
    assert np.abs(W - np.diag(np.diag(W))).max() < 0.11  # the off-diagonal entries: sampling noise
    assert _lengths(W).max() < 1  # not one of the 200 predictions reaches the circle
    assert _lengths(W).mean() == pytest.approx(np.exp(-READING_NOISE**2 / 2), abs=0.005)


def test_the_gradient_formula_agrees_with_finite_differences_at_the_lessons_point():
    W_test, gamma = np.array([[0.9, -0.3], [0.2, 1.1]]), 1.0
    m = PHI.shape[0]
    F = PHI @ W_test.T
    excess = np.sum(F**2, axis=1, keepdims=True) - 1
    by_formula = 2 / m * (F - U).T @ PHI + gamma * 4 / m * (excess * F).T @ PHI
    np.testing.assert_allclose(by_formula, unit_vector_gradient(PHI, U, W_test, gamma), rtol=1e-12)
    numeric = gdlib.numerical_gradient(lambda W: unit_vector_loss(PHI, U, W, gamma), W_test)
    np.testing.assert_allclose(by_formula, numeric, atol=1e-7)


def test_the_penalty_lifts_the_length_to_094_costs_data_error_and_barely_moves_the_directions():
    plain, penalised = _fit(0.0), _fit(1.0)
    assert np.abs(unit_vector_gradient(PHI, U, penalised, 1.0)).max() < 1e-9  # the fit is a minimum
    assert _lengths(penalised).mean() == pytest.approx(0.94, abs=0.005)
    assert data_term(PHI, U, penalised) > data_term(PHI, U, plain)
    plain_error = rms_angle_error(unit_vector_predict(PHI, plain), ANGLES)
    penalised_error = rms_angle_error(unit_vector_predict(PHI, penalised), ANGLES)
    assert abs(penalised_error - plain_error) < 1e-3  # barely move
    assert plain_error > 0.7  # set by the noise of the readings (sigma = 0.8)


def test_the_slider_trade_off_numbers():
    assert _lengths(_fit(0.01)).mean() == pytest.approx(0.73, abs=0.005)  # hardly moved
    assert _lengths(_fit(0.1)).mean() == pytest.approx(0.79, abs=0.005)
    assert _lengths(_fit(1.0)).mean() == pytest.approx(0.94, abs=0.005)
    assert np.abs(_lengths(_fit(10.0)) - 1).max() < 0.01  # every prediction within 1 % of 1
    data_terms = [data_term(PHI, U, _fit(gamma)) for gamma in (0.0, 0.01, 0.1, 1.0, 10.0)]
    assert np.all(np.diff(data_terms) > 0)  # every gain in length costs data error


def test_dividing_the_plain_predictions_by_their_length_keeps_their_directions_and_costs_about_gamma_10():
    F = unit_vector_predict(PHI, _fit(0.0))
    normalised = F / np.linalg.norm(F, axis=1, keepdims=True)
    assert rms_angle_error(normalised, ANGLES) == pytest.approx(rms_angle_error(F, ANGLES), rel=1e-12)
    assert np.mean(np.sum((normalised - U) ** 2, axis=1)) == pytest.approx(0.544, abs=5e-4)
    assert data_term(PHI, U, _fit(10.0)) == pytest.approx(0.542, abs=5e-4)


# --- Part 2: energy against volume --------------------------------------------------------------------
def test_the_data_are_five_compressed_points_with_3_mev_noise_and_the_stated_constants():
    assert V.shape == E.shape == (5,) and V.max() < V0
    np.testing.assert_allclose(V / V0, SAMPLE_VOLUME_RATIOS)
    assert (V0, B0_GPA, E0, ENERGY_NOISE) == (16.5, 76.0, -3.74, 0.003)
    assert B0 * 1.602176634e-19 / 1e-30 / 1e9 == pytest.approx(B0_GPA)
    assert np.abs(E - true_energy(V)).max() < 3 * ENERGY_NOISE


def test_the_truth_has_no_pressure_at_v0_and_the_stated_bulk_modulus():
    h = 1e-3
    slope = (true_energy([V0 + h])[0] - true_energy([V0 - h])[0]) / (2 * h)
    curvature = (true_energy([V0 + h])[0] - 2 * true_energy([V0])[0] + true_energy([V0 - h])[0]) / h**2
    assert abs(slope) < 1e-8
    assert V0 * curvature * GPA == pytest.approx(76.0, rel=1e-5)


def test_the_strain_is_zero_at_v0_and_between_03_and_14_on_the_data():
    assert strain([V0], V0)[0] == 0
    z = strain(V, V0)
    assert 0.3 < z.min() < z.max() < 1.42


def test_the_constraint_rows_are_the_slope_and_stiffness_with_the_stated_derivatives_of_z():
    a_p, a_b = constraint_rows(V0)
    h = 1e-4
    z = lambda volume: strain([volume], V0)[0]
    assert (z(V0 + h) - z(V0 - h)) / (2 * h) == pytest.approx(-20 / (3 * V0), rel=1e-7)
    assert (z(V0 + h) - 2 * z(V0) + z(V0 - h)) / h**2 == pytest.approx(100 / (9 * V0**2), rel=1e-4)
    alpha, beta = np.array([[-3.7]]), np.array([[0.1, 0.4, -0.2]])
    energy = lambda volume: model_energy([volume], V0, alpha, beta)[0]
    assert a_p @ beta[0] == pytest.approx((energy(V0 + h) - energy(V0 - h)) / (2 * h), rel=1e-6)
    stiffness = V0 * (energy(V0 + h) - 2 * energy(V0) + energy(V0 - h)) / h**2
    assert a_b @ beta[0] == pytest.approx(stiffness, rel=1e-4)


def test_with_gamma_1_a_pressure_error_of_001_costs_as_much_as_001_ev_at_every_point():
    assert 0.01 * GPA == pytest.approx(1.6, abs=0.005)
    # Choose beta with E'(V0) = 0.01 eV/Å^3 and the right bulk modulus, and an alpha-only model whose
    # energies are 0.01 eV off at every point: the two losses are equal.
    a_p, a_b = constraint_rows(V0)
    beta = np.linalg.solve(np.array([a_p[:2], a_b[:2]]), [0.01, B0])
    beta = np.array([[beta[0], beta[1], 0.0]])
    settings = dict(V0=V0, B0=B0, lam_p=1.0, lam_b=1.0)
    energies = model_energy(V, V0, np.zeros((1, 1)), beta)
    pressure_cost = physics_loss(V, energies, np.zeros((1, 1)), beta, **settings)
    a_b_only = np.array([[0.0, B0 / a_b[1], 0.0]])  # zero pressure, right stiffness
    shifted = model_energy(V, V0, np.zeros((1, 1)), a_b_only) + 0.01
    energy_cost = physics_loss(V, shifted, np.zeros((1, 1)), a_b_only, **settings)
    assert pressure_cost == pytest.approx(1e-4, rel=1e-9) and energy_cost == pytest.approx(1e-4, rel=1e-9)


def test_the_physics_gradient_agrees_with_finite_differences_at_the_lessons_point():
    settings = dict(V0=V0, B0=B0, lam_p=1.0, lam_b=1.0)
    theta = np.array([-3.7, 0.1, 0.4, -0.2])
    d_alpha, d_beta = physics_gradients(V, E, theta[0], theta[1:], **settings)
    numeric = gdlib.numerical_gradient(lambda th: physics_loss(V, E, th[0], th[1:], **settings), theta)
    np.testing.assert_allclose(np.append(d_alpha, d_beta), numeric, atol=1e-7)


def test_the_two_descents_converge_to_the_exact_minimisers_and_the_penalties_shrink_kappa():
    kappas = {}
    for gamma in (0.0, 1.0):
        H = physics_hessian(V, V0=V0, lam_p=gamma, lam_b=gamma)
        learning_rate, momentum = heavy_ball_settings(H)
        alpha, beta, run = physics_informed_fit(V, E, V0=V0, B0=B0, lam_p=gamma, lam_b=gamma,
                                                learning_rate=learning_rate, momentum=momentum,
                                                iterations=20000, tolerance=1e-12)
        exact_alpha, exact_beta = _physics(gamma)
        assert run.converged
        np.testing.assert_allclose(alpha, exact_alpha, atol=1e-9)
        np.testing.assert_allclose(beta, exact_beta, atol=1e-9)
        eigenvalues = np.linalg.eigvalsh(H)
        kappas[gamma] = eigenvalues[-1] / eigenvalues[0]
        assert np.linalg.cond(H) == pytest.approx(kappas[gamma], rel=1e-6)  # what the cell prints
    assert f"{kappas[0.0]:.2g}" == "6e+04" and f"{kappas[1.0]:.2g}" == "2.4e+02"


def test_the_plain_fit_is_wrong_away_from_the_data_and_the_physics_fit_is_right():
    a_p, a_b = constraint_rows(V0)
    _, plain_beta = _physics(0.0)
    plain_alpha, _ = _physics(0.0)
    assert _pressure_at_v0(plain_beta) == pytest.approx(-9.0, abs=0.5)  # about -9 GPa
    assert 2.5 < a_b @ plain_beta[0] * GPA / B0_GPA < 3.0  # almost three times too large
    assert largest_error(GRID, plain_alpha, plain_beta) > 0.5
    # its minimum is in the wrong place
    assert GRID[np.argmin(true_energy(GRID))] == pytest.approx(V0, rel=1e-3)
    assert abs(GRID[np.argmin(model_energy(GRID, V0, plain_alpha, plain_beta))] / V0 - 1) > 0.04
    # the data are followed closely: within three times the noise
    assert np.abs(model_energy(V, V0, plain_alpha, plain_beta) - E).max() < 3 * ENERGY_NOISE
    alpha, beta = _physics(1.0)
    assert largest_error(GRID, alpha, beta) < 0.003  # within 3 meV
    assert abs(_pressure_at_v0(beta)) < 0.05 and a_b @ beta[0] * GPA == pytest.approx(76.0, abs=0.01)


def test_the_equation_of_state_slider_numbers():
    _, beta = _physics(1e-6)
    assert _pressure_at_v0(beta) == pytest.approx(-7.9, abs=0.05)  # still close to the plain -9.2
    assert _pressure_at_v0(_physics(0.0)[1]) == pytest.approx(-9.2, abs=0.05)
    assert abs(_pressure_at_v0(_physics(1e-4)[1])) < 1.0  # within 1 GPa of zero
    moved = [np.abs(model_energy(GRID, V0, *_physics(gamma)) - model_energy(GRID, V0, *_physics(0.1))).max()
             for gamma in (0.3, 1.0, 10.0, 100.0)]
    assert max(moved) < 0.002  # from 0.1 on the curves move by less than 2 meV


def test_three_points_with_physics_do_about_as_well_as_twenty_without():
    three = largest_error(GRID, *physics_informed_solution(V[:3], E[:3], V0=V0, B0=B0, lam_p=1.0, lam_b=1.0))
    V_wide, E_wide = energy_samples(np.linspace(0.82, 1.2, 20), seed=3)
    assert V_wide.min() < V0 < V_wide.max()  # both sides
    twenty = largest_error(GRID, *_physics(0.0, V_wide, E_wide))
    assert 1000 * three == pytest.approx(4.6, abs=0.05) and 1000 * twenty == pytest.approx(3.9, abs=0.05)


# --- Exercises -----------------------------------------------------------------------------------------
def _shrunken_length():
    nodes, weights = np.polynomial.hermite_e.hermegauss(60)  # E[cos(0.5 e)], e standard normal
    return weights @ np.cos(0.5 * nodes) / np.sqrt(2 * np.pi)


def _pressure_in_gpa():
    z = lambda volume: 10 * ((V0 / volume) ** (2 / 3) - 1)
    A = np.column_stack([np.ones(5), z(V), z(V) ** 2, z(V) ** 3])
    # Rows for E'(V0) and V0 E''(V0) by finite differences of the basis functions, weights sqrt(gamma) = 1.
    h = 1e-4
    basis = lambda volume: np.array([1.0, z(volume), z(volume) ** 2, z(volume) ** 3])
    slope_row = (basis(V0 + h) - basis(V0 - h)) / (2 * h)
    stiffness_row = V0 * (basis(V0 + h) - 2 * basis(V0) + basis(V0 - h)) / h**2
    M = np.vstack([A / np.sqrt(5), slope_row, stiffness_row])
    c = np.linalg.lstsq(M, np.concatenate([E / np.sqrt(5), [0.0, B0]]), rcond=None)[0]
    energy = lambda volume: basis(volume) @ c
    volume = 0.9 * V0
    return -(energy(volume + h) - energy(volume - h)) / (2 * h) * 160.2176634


@pytest.mark.parametrize(
    ("name", "right", "wrong"),
    [
        ("shrunken length", _shrunken_length, lambda: 1.0),
        ("pressure", _pressure_in_gpa, lambda: -_pressure_in_gpa()),
    ],
)
def test_each_exercise_accepts_the_right_answer_and_refuses_a_wrong_one(name, right, wrong):
    assert CHECKS[name].feedback(right())[0], name
    assert not CHECKS[name].feedback(wrong())[0], name
    assert not CHECKS[name].feedback(None)[0]


def test_the_pressure_answer_is_positive_under_compression():
    assert 5 < _pressure_in_gpa() < 20


def test_the_shrunken_length_for_08_is_the_one_printed_not_the_answer_for_05():
    assert not CHECKS["shrunken length"].feedback(round(float(np.exp(-0.32)), 4))[0]


# --- Sliders -------------------------------------------------------------------------------------------
@pytest.mark.parametrize("builder", [unit_vector_explorer, equation_of_state_explorer])
def test_slider_figures_at_every_extreme(builder):
    check_slider_figure(builder())


@pytest.mark.parametrize("builder", [unit_vector_explorer, equation_of_state_explorer])
def test_the_sliders_say_gamma_not_lambda(builder):
    slider_figure = builder()
    descriptions = [control.description for control in slider_figure.controls.values()]
    assert all("γ" in text and "λ" not in text for text in descriptions)
    texts = [ax.get_title() + ax.get_xlabel() for ax in slider_figure.figure.axes]
    texts += [text.get_text() for ax in slider_figure.figure.axes for text in ax.get_legend().get_texts()]
    assert not any("λ" in text for text in texts)


def test_a_unit_vector_slider_move_shows_a_fit_made_up_front_and_fits_nothing(monkeypatch):
    # All 31 fits are made when the explorer is built; a move picks the one nearest in log gamma.
    import gdlib.unit_vectors
    import gdlib.widgets.knowledge_in_the_loss as widgets

    fits = []

    def recording_fit(Phi, U, penalties, **settings):
        weights = fit_unit_vectors(Phi, U, penalties, **settings)
        fits.append((np.atleast_1d(np.asarray(penalties, dtype=float)), weights))
        return weights

    monkeypatch.setattr(widgets, "fit_unit_vectors", recording_fit)
    slider_figure = unit_vector_explorer()
    ((penalties, weights),) = [(p, w) for p, w in fits if p.size > 1]
    assert penalties.size == 31 and penalties[0] == pytest.approx(0.01) and penalties[-1] == pytest.approx(10.0)

    def no_fitting(*arguments, **settings):
        raise AssertionError("a slider move must not fit")

    for module, name in ((widgets, "fit_unit_vectors"), (gdlib.unit_vectors, "fit_unit_vectors"),
                         (gdlib.unit_vectors, "minimize"), (np.linalg, "lstsq"), (np.linalg, "solve")):
        monkeypatch.setattr(module, name, no_fitting)
    circle_ax = slider_figure.figure.axes[0]
    (penalised,) = [line for line in circle_ax.lines if line.get_label() == "with the penalty"]
    for value in (0.05, 0.5, 5.0):
        slider_figure.update(penalty=value)
        nearest = min(range(penalties.size), key=lambda i: abs(np.log(penalties[i]) - np.log(value)))
        np.testing.assert_allclose(np.column_stack(penalised.get_data()), PHI @ weights[nearest].T, rtol=1e-12)


def test_an_equation_of_state_slider_move_is_one_small_least_squares_solve(monkeypatch):
    # A move solves the (m + 2) x 4 system of the m data rows and the two constraint rows, once.
    slider_figure = equation_of_state_explorer()
    solves = []
    real_lstsq = np.linalg.lstsq

    def counting_lstsq(M, t, **settings):
        solves.append(np.shape(M))
        return real_lstsq(M, t, **settings)

    monkeypatch.setattr(np.linalg, "lstsq", counting_lstsq)
    for value in (0.05, 0.5, 5.0):
        solves.clear()
        slider_figure.update(penalty=value)
        assert solves == [(V.size + 2, 4)], value
