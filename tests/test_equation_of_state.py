"""gdlib.equation_of_state: the Vinet reference, the strain polynomial and the physics-informed loss."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import gdlib
from gdlib.equation_of_state import (
    EV_PER_CUBIC_ANGSTROM_IN_GPA,
    constraint_rows,
    heavy_ball_settings,
    model_energy,
    model_pressure,
    physics_gradients,
    physics_hessian,
    physics_informed_fit,
    physics_informed_solution,
    physics_loss,
    strain,
    strain_features,
    vinet_energy,
    vinet_pressure,
)
from gdlib.lessons.knowledge_in_the_loss import B0, B0_PRIME, E0, V0, energy_samples, true_energy

V_DATA, E_DATA = energy_samples()
betas = st.lists(st.floats(-1.0, 1.0), min_size=3, max_size=3)


def _derivatives(f, x, h):
    """Central first and second differences of a scalar function f at x."""
    return (f(x + h) - f(x - h)) / (2 * h), (f(x + h) - 2 * f(x) + f(x - h)) / h**2


def test_the_unit_conversion():
    assert EV_PER_CUBIC_ANGSTROM_IN_GPA == pytest.approx(160.2176634, rel=1e-12)


def test_vinet_has_no_pressure_at_v0_and_the_stated_bulk_modulus_and_its_derivative():
    energy = lambda v: vinet_energy([v], V0, B0, B0_PRIME, E0)[0]
    slope, curvature = _derivatives(energy, V0, 1e-3)  # truncation errors of order h^2 = 1e-6
    assert abs(slope) < 1e-8 and V0 * curvature == pytest.approx(B0, rel=1e-6)
    assert energy(V0) == pytest.approx(E0, abs=1e-15)
    # B(V) = -V dP/dV, and B0' = dB/dP at V0 = (dB/dV) / (dP/dV).
    pressure = lambda v: vinet_pressure([v], V0, B0, B0_PRIME)[0]
    bulk = lambda v: -v * _derivatives(pressure, v, 1e-4)[0]
    h = 1e-2
    dB_dV = (bulk(V0 + h) - bulk(V0 - h)) / (2 * h)
    dP_dV = (pressure(V0 + h) - pressure(V0 - h)) / (2 * h)
    assert dB_dV / dP_dV == pytest.approx(B0_PRIME, rel=1e-5)


def test_vinet_pressure_is_minus_the_slope_of_the_energy():
    V = np.linspace(0.7, 1.4, 15) * V0
    h = 1e-4
    slope = (vinet_energy(V + h, V0, B0, B0_PRIME, E0) - vinet_energy(V - h, V0, B0, B0_PRIME, E0)) / (2 * h)
    np.testing.assert_allclose(vinet_pressure(V, V0, B0, B0_PRIME), -slope, atol=1e-9)


def test_strain_by_hand():
    # (V0 / V)^(2/3) = 4 when V = V0 / 8, so z = 10 * 3 = 30.
    np.testing.assert_allclose(strain([V0, V0 / 8], V0), [0.0, 30.0], atol=1e-12)
    np.testing.assert_allclose(strain_features([V0 / 8], V0), [[30.0, 900.0, 27000.0]], rtol=1e-12)


@given(betas)
def test_the_constraint_rows_give_the_model_slope_and_stiffness_at_v0(beta):
    beta = np.array([beta])
    energy = lambda v: model_energy([v], V0, -3.7, beta)[0]
    slope, curvature = _derivatives(energy, V0, 1e-3)  # truncation errors of order h^2 = 1e-6
    a_p, a_b = constraint_rows(V0)
    assert a_p @ beta[0] == pytest.approx(slope, abs=1e-6)
    assert a_b @ beta[0] == pytest.approx(V0 * curvature, abs=2e-5)


@given(betas)
def test_model_pressure_is_minus_the_slope_of_the_model_energy(beta):
    V = np.linspace(0.8, 1.3, 7) * V0
    h = 1e-5
    slope = (model_energy(V + h, V0, 0.0, beta) - model_energy(V - h, V0, 0.0, beta)) / (2 * h)
    np.testing.assert_allclose(model_pressure(V, V0, beta), -slope, atol=1e-8)


@given(st.lists(st.floats(-4.0, 4.0), min_size=4, max_size=4), st.floats(0.0, 10.0), st.floats(0.0, 10.0))
def test_gradient_matches_finite_differences(theta, lam_p, lam_b):
    theta = np.array(theta)
    settings = {"V0": V0, "B0": B0, "lam_p": lam_p, "lam_b": lam_b}
    d_alpha, d_beta = physics_gradients(V_DATA, E_DATA, theta[0], theta[1:], **settings)
    assert d_alpha.shape == (1, 1) and d_beta.shape == (1, 3)
    numeric = gdlib.numerical_gradient(lambda t: physics_loss(V_DATA, E_DATA, t[0], t[1:], **settings), theta)
    np.testing.assert_allclose(np.concatenate([d_alpha.ravel(), d_beta.ravel()]), numeric, atol=2e-6)


def test_loss_by_hand_at_zero_parameters():
    # alpha = beta = 0: the MSE is mean(E^2), E'(V0) = 0, and the bulk penalty is lam_b * B0^2.
    loss = physics_loss(V_DATA, E_DATA, 0.0, [0.0, 0.0, 0.0], V0=V0, B0=B0, lam_p=5.0, lam_b=2.0)
    assert loss == pytest.approx(np.mean(E_DATA**2) + 2.0 * B0**2, rel=1e-14)


def test_hessian_matches_finite_differences_of_the_gradient():
    def gradient(theta):
        d_alpha, d_beta = physics_gradients(V_DATA, E_DATA, theta[0], theta[1:], V0=V0, B0=B0, lam_p=3.0, lam_b=0.5)
        return np.concatenate([d_alpha.ravel(), d_beta.ravel()])

    rows = [gdlib.numerical_gradient(lambda t, i=i: gradient(t)[i], np.array([0.3, -0.2, 0.5, 1.0])) for i in range(4)]
    np.testing.assert_allclose(physics_hessian(V_DATA, V0=V0, lam_p=3.0, lam_b=0.5), np.array(rows), atol=1e-6)


@pytest.mark.parametrize("lam", [0.0, 1e-3, 1.0, 100.0])
def test_the_exact_solution_solves_the_normal_equations(lam):
    # The loss is quadratic: gradient(theta) = H theta + gradient(0), so the minimiser is -H^-1 gradient(0).
    d_alpha, d_beta = physics_gradients(V_DATA, E_DATA, 0.0, np.zeros(3), V0=V0, B0=B0, lam_p=lam, lam_b=lam)
    hessian = physics_hessian(V_DATA, V0=V0, lam_p=lam, lam_b=lam)
    expected = -np.linalg.solve(hessian, np.concatenate([d_alpha.ravel(), d_beta.ravel()]))
    alpha, beta = physics_informed_solution(V_DATA, E_DATA, V0=V0, B0=B0, lam_p=lam, lam_b=lam)
    np.testing.assert_allclose(np.concatenate([alpha.ravel(), beta.ravel()]), expected, rtol=1e-6, atol=1e-9)


@pytest.mark.parametrize("lam", [0.0, 1.0])
def test_heavy_ball_descent_reaches_the_exact_solution(lam):
    learning_rate, momentum = heavy_ball_settings(physics_hessian(V_DATA, V0=V0, lam_p=lam, lam_b=lam))
    alpha, beta, run = physics_informed_fit(V_DATA, E_DATA, V0=V0, B0=B0, lam_p=lam, lam_b=lam,
                                            learning_rate=learning_rate, iterations=20_000, momentum=momentum,
                                            tolerance=1e-12)
    exact_alpha, exact_beta = physics_informed_solution(V_DATA, E_DATA, V0=V0, B0=B0, lam_p=lam, lam_b=lam)
    assert run.converged and run.path.shape[1] == 4 and np.all(np.diff(run.costs[-50:]) <= 1e-15)
    np.testing.assert_allclose(alpha, exact_alpha, atol=1e-9)
    np.testing.assert_allclose(beta, exact_beta, atol=1e-9)


def test_plain_descent_without_momentum_moves_downhill():
    _, _, run = physics_informed_fit(V_DATA, E_DATA, V0=V0, B0=B0, lam_p=1.0, lam_b=1.0, learning_rate=0.01,
                                     iterations=200)
    assert np.all(np.diff(run.costs) < 0)


def test_the_penalties_impose_the_physics_and_fix_the_extrapolation():
    grid = np.linspace(0.8, 1.25, 200) * V0
    a_p, a_b = constraint_rows(V0)
    errors = {}
    for lam in (0.0, 100.0):
        alpha, beta = physics_informed_solution(V_DATA, E_DATA, V0=V0, B0=B0, lam_p=lam, lam_b=lam)
        errors[lam] = np.abs(model_energy(grid, V0, alpha, beta) - true_energy(grid)).max()
    assert abs(a_p @ beta[0]) < 1e-6 and a_b @ beta[0] == pytest.approx(B0, rel=1e-6)
    assert errors[100.0] < 0.005 and errors[0.0] > 0.1


def test_heavy_ball_settings_by_hand():
    learning_rate, momentum = heavy_ball_settings(np.diag([1.0, 9.0]))  # sqrt: 1 and 3
    assert learning_rate == pytest.approx(4 / 16) and momentum == pytest.approx((2 / 4) ** 2)
    with pytest.raises(ValueError, match="positive definite"):
        heavy_ball_settings(np.diag([0.0, 1.0]))


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: strain([-1.0], V0), "V must hold volumes > 0"),
        (lambda: physics_loss(V_DATA, E_DATA[:3], 0.0, np.zeros(3), V0=V0, B0=B0, lam_p=1.0, lam_b=1.0),
         "E must have one row per example"),
        (lambda: physics_loss(V_DATA, E_DATA, 0.0, np.zeros(3), V0=V0, B0=B0, lam_p=-1.0, lam_b=1.0),
         "lam_p must be a finite number >= 0"),
        (lambda: vinet_energy(V_DATA, V0, B0, 1.0, E0), "B0_prime must be a number > 1"),
        (lambda: model_pressure(V_DATA, V0, np.zeros(4)), r"beta must have shape \(1, n\)"),
        (lambda: constraint_rows(0.0), "V0 must be a finite number greater than 0"),
    ],
)
def test_bad_arguments_are_explained(call, message):
    with pytest.raises(ValueError, match=message):
        call()
