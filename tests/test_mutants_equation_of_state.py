"""gdlib.equation_of_state: every refusal names its argument, and the Vinet form for any B0' > 1.

Written for the survivors of `make mutants`: the other tests used only the lesson's B0' = 4.5 and
checked that bad input raised, not which argument the message blamed.
"""

import math

import numpy as np
import pytest
from refusals import refusal

from gdlib import equation_of_state as eos

V = np.array([14.0, 15.0, 16.0, 17.0, 18.0])
E = np.array([-3.9, -4.0, -4.05, -4.0, -3.95])
BETA = np.array([[0.1, 0.2, 0.3]])
GOOD = {"V0": 16.0, "B0": 0.6, "lam_p": 1.0, "lam_b": 2.0}



REFUSALS = [
    (lambda: eos.vinet_energy(V, -1.0, 0.6, 4.5, 0.0), "V0 must be a finite number greater than 0, got -1.0."),
    (lambda: eos.vinet_energy(V, 16.0, 0.0, 4.5, 0.0), "B0 must be a finite number greater than 0, got 0.0."),
    (lambda: eos.vinet_energy(V, 16.0, 0.6, 1.0, 0.0), "B0_prime must be a number > 1 for the Vinet form, got 1.0."),
    (lambda: eos.vinet_energy([15.0, 0.0], 16.0, 0.6, 4.5, 0.0),
     "V must hold volumes > 0 (Å^3 per atom), got a smallest value of 0."),
    (lambda: eos.vinet_pressure(V, -2.0, 0.6, 4.5), "V0 must be a finite number greater than 0, got -2.0."),
    (lambda: eos.vinet_pressure(V, 16.0, -0.5, 4.5), "B0 must be a finite number greater than 0, got -0.5."),
    (lambda: eos.strain(V, 0.0), "V0 must be a finite number greater than 0, got 0.0."),
    (lambda: eos.model_pressure(V, -3.0, BETA), "V0 must be a finite number greater than 0, got -3.0."),
    (lambda: eos.constraint_rows(-4.0), "V0 must be a finite number greater than 0, got -4.0."),
    (lambda: eos.physics_loss(V, E[:4], 0.0, BETA, **GOOD),
     "E must have one row per example of V: expected 5 rows, got 4 (shape (4, 1)). "
     "If E is right, V must have 4 rows instead."),
    (lambda: eos.physics_loss(V, E, 0.0, BETA, **{**GOOD, "V0": -1.0}),
     "V0 must be a finite number greater than 0, got -1.0."),
    (lambda: eos.physics_loss(V, E, 0.0, BETA, **{**GOOD, "B0": -1.0}),
     "B0 must be a finite number greater than 0, got -1.0."),
    (lambda: eos.physics_loss(V, E, 0.0, BETA, **{**GOOD, "lam_p": -1.0}),
     "lam_p must be a finite number >= 0 (in Å^6), got -1.0."),
    (lambda: eos.physics_gradients(V, E, 0.0, BETA, **{**GOOD, "lam_b": np.inf}),
     "lam_b must be a finite number >= 0 (in Å^6), got inf."),
    (lambda: eos.physics_loss(V, E, 0.0, BETA, **{**GOOD, "lam_p": True}),
     "lam_p must be a finite number >= 0 (in Å^6), got True."),
    (lambda: eos.physics_hessian(V, V0=-1.0, lam_p=1.0, lam_b=1.0),
     "V0 must be a finite number greater than 0, got -1.0."),
    (lambda: eos.physics_hessian(V, V0=16.0, lam_p=-1.0, lam_b=1.0),
     "lam_p must be a finite number >= 0 (in Å^6), got -1.0."),
    (lambda: eos.physics_hessian(V, V0=16.0, lam_p=1.0, lam_b=-2.0),
     "lam_b must be a finite number >= 0 (in Å^6), got -2.0."),
    (lambda: eos.heavy_ball_settings([[1.0, 0.0], [0.0, 0.0]]),
     "hessian must be positive definite, got a smallest eigenvalue of 0."),
    (lambda: eos.physics_informed_fit(V, E, **GOOD, learning_rate=0.0, iterations=3),
     "learning_rate must be a finite number greater than 0, got 0.0."),
    (lambda: eos.physics_informed_fit(V, E, **GOOD, learning_rate=0.1, iterations=-1),
     "iterations must be >= 0, got -1."),
    (lambda: eos.physics_informed_solution(V, E, **{**GOOD, "lam_b": -1.0}),
     "lam_b must be a finite number >= 0 (in Å^6), got -1.0."),
]


@pytest.mark.parametrize(("call", "message"), REFUSALS)
def test_each_refusal_names_the_argument_and_what_it_got(call, message):
    assert refusal(call) == message


@pytest.mark.parametrize("B0_prime", [1.2, 1.5, 2.0, 4.5])
def test_the_vinet_energy_is_e0_at_v0_and_its_slope_is_minus_the_pressure_for_any_b0_prime(B0_prime):
    V0, B0, E0 = 16.0, 0.6, -4.0
    assert eos.vinet_energy([V0], V0, B0, B0_prime, E0)[0] == pytest.approx(E0, abs=1e-12)
    h = 1e-4
    volumes = np.array([13.0, 15.5, 19.0])
    slope = (eos.vinet_energy(volumes + h, V0, B0, B0_prime, E0) - eos.vinet_energy(volumes - h, V0, B0, B0_prime, E0))
    np.testing.assert_allclose(-slope / (2 * h), eos.vinet_pressure(volumes, V0, B0, B0_prime), rtol=1e-7)


def test_heavy_ball_settings_in_double_precision_from_any_input():
    # eigenvalues 1 and 9: learning rate 4 / (3 + 1)^2 = 1/4, momentum ((3 - 1) / (3 + 1))^2 = 1/4
    for hessian in ([[9, 0], [0, 1]], np.array([[5.0, 4.0], [4.0, 5.0]], dtype=np.float32)):
        rate, momentum = eos.heavy_ball_settings(hessian)
        assert rate == pytest.approx(0.25, rel=1e-13) and momentum == pytest.approx(0.25, rel=1e-13)
        assert isinstance(rate, float)


def test_the_fit_records_the_physics_loss_written_out_by_hand_and_never_stops_early_by_default():
    V0, B0, lam_p, lam_b = 16.0, 0.6, 3.0, 5.0
    alpha, beta, run = eos.physics_informed_fit(V, E, V0=V0, B0=B0, lam_p=lam_p, lam_b=lam_b, learning_rate=1e-3,
                                                iterations=4)
    assert run.iterations_run == 4 and not run.converged
    S = eos.STRAIN_SCALE
    z = [S * ((V0 / v) ** (2 / 3) - 1) for v in V]
    z1, z2 = -2 * S / (3 * V0), 10 * S / (9 * V0**2)  # z'(V0) and z''(V0)
    for theta, cost in zip(run.path, run.costs, strict=True):
        a, b1, b2, b3 = theta
        mse = sum((e - (a + b1 * zi + b2 * zi**2 + b3 * zi**3)) ** 2 for e, zi in zip(E, z, strict=True)) / len(V)
        slope = b1 * z1  # E'(V0)
        bulk = V0 * (b1 * z2 + 2 * b2 * z1**2)  # V0 E''(V0)
        assert cost == pytest.approx(mse + lam_p * slope**2 + lam_b * (bulk - B0) ** 2, rel=1e-12)
    np.testing.assert_array_equal(alpha, [[run.x[0]]])
    np.testing.assert_array_equal(beta, [run.x[1:]])


def test_the_fit_never_stops_early_unless_asked():
    # Energies near 0: the gradient at the start is below 1 in every entry, so any tolerance of that size
    # would stop at once; the default tolerance 0 runs every iteration.
    _, _, run = eos.physics_informed_fit(V, 0.01 * E, V0=16.0, B0=0.6, lam_p=0.0, lam_b=0.0, learning_rate=1e-3,
                                         iterations=7)
    assert run.iterations_run == 7 and not run.converged
    _, _, stopped = eos.physics_informed_fit(V, 0.01 * E, V0=16.0, B0=0.6, lam_p=0.0, lam_b=0.0,
                                             learning_rate=1e-3, iterations=7, tolerance=1.0)
    assert stopped.iterations_run == 0 and stopped.converged


def test_volumes_below_one_cubic_angstrom_are_volumes_too():
    np.testing.assert_allclose(eos.strain([0.5], 1.0), [eos.STRAIN_SCALE * (2 ** (2 / 3) - 1)], rtol=1e-14)
    assert refusal(lambda: eos.strain(np.zeros((2, 2)), 1.0)) == (
        "V must have shape (m, 1) or (m,), got a 2-D array of shape (2, 2)."
    )


def test_heavy_ball_settings_of_a_float32_hessian_use_its_eigenvalues_to_double_precision():
    hessian32 = np.array([[1.3, 0.7], [0.7, 2.9]], dtype=np.float32)
    a, b, d = (float(hessian32[0, 0]), float(hessian32[0, 1]), float(hessian32[1, 1]))
    # the eigenvalues of a symmetric 2 x 2 matrix: (a + d) / 2 -+ sqrt(((a - d) / 2)^2 + b^2)
    half_gap = math.sqrt(((a - d) / 2) ** 2 + b**2)
    low, high = math.sqrt((a + d) / 2 - half_gap), math.sqrt((a + d) / 2 + half_gap)
    rate, momentum = eos.heavy_ball_settings(hessian32)
    assert rate == pytest.approx(4 / (high + low) ** 2, rel=1e-13)
    assert momentum == pytest.approx(((high - low) / (high + low)) ** 2, rel=1e-12)
