"""gdlib.unit_vectors: the loss and its gradient written out here, the documented defaults, and
each refusal in full.

Written for the survivors of `make mutants`.
"""

import math

import numpy as np
import pytest
from refusals import refusal

from gdlib import unit_vectors as uv

ANGLES = np.array([0.0, 1.0, 2.5])
PHI = np.column_stack([np.cos(ANGLES), np.sin(ANGLES)])
U = np.array([[1.0, 0.1], [0.4, 0.8], [-0.9, 0.5]])
W = np.array([[0.9, -0.2], [0.1, 1.1]])



def _loss_by_hand(W, gamma):
    total_data = total_penalty = 0.0
    for phi, u in zip(PHI, U, strict=True):
        f = [W[0][0] * phi[0] + W[0][1] * phi[1], W[1][0] * phi[0] + W[1][1] * phi[1]]  # f = W phi
        total_data += (f[0] - u[0]) ** 2 + (f[1] - u[1]) ** 2
        total_penalty += (f[0] ** 2 + f[1] ** 2 - 1) ** 2
    return total_data / 3 + gamma * total_penalty / 3


def test_features_predictions_and_the_loss_by_hand():
    np.testing.assert_allclose(uv.angle_features(ANGLES), [[math.cos(a), math.sin(a)] for a in ANGLES], rtol=1e-15)
    np.testing.assert_allclose(uv.unit_vector_predict(PHI, W), PHI @ W.T, rtol=1e-15)
    for gamma in (0.0, 0.5, 3.0):
        assert uv.unit_vector_loss(PHI, U, W, gamma) == pytest.approx(_loss_by_hand(W, gamma), rel=1e-13)
    assert uv.data_term(PHI, U, W) == pytest.approx(_loss_by_hand(W, 0.0), rel=1e-13)
    assert uv.penalty_term(PHI, W) == pytest.approx(_loss_by_hand(W, 1.0) - _loss_by_hand(W, 0.0), rel=1e-12)


@pytest.mark.parametrize("gamma", [0.0, 0.5, 3.0])
def test_the_gradient_is_the_central_difference_of_the_loss_by_hand(gamma):
    gradient = uv.unit_vector_gradient(PHI, U, W, gamma)
    h = 1e-6
    for i in range(2):
        for j in range(2):
            up, down = W.copy(), W.copy()
            up[i, j] += h
            down[i, j] -= h
            assert gradient[i, j] == pytest.approx((_loss_by_hand(up, gamma) - _loss_by_hand(down, gamma)) / (2 * h),
                                                   rel=1e-6, abs=1e-9)


def test_fits_use_the_documented_defaults_and_stack_penalties():
    default = uv.fit_unit_vectors(PHI, U, 1.0)
    spelled = uv.fit_unit_vectors(PHI, U, 1.0, momentum=0.8, iterations=5000, tolerance=1e-10)
    np.testing.assert_array_equal(default, spelled)
    assert default.shape == (2, 2)
    stacked = uv.fit_unit_vectors(PHI, U, [0.0, 1.0])
    assert stacked.shape == (2, 2, 2)
    np.testing.assert_allclose(stacked[1], default, atol=1e-8)
    gradient = uv.unit_vector_gradient(PHI, U, default, 1.0)
    assert np.abs(gradient).max() <= 1e-9  # the tolerance 1e-10 is on the scaled steps


def test_too_few_iterations_say_so():
    assert refusal(lambda: uv.fit_unit_vectors(PHI, U, 1.0, iterations=3), RuntimeError) == (
        "fit_unit_vectors did not reach the tolerance 1e-10 in 3 iterations; raise iterations."
    )


REFUSALS = [
    (lambda: uv.unit_vector_loss(np.ones((3, 3)), U, W, 1.0), ValueError,
     "Phi must have shape (m, 2) with m = m >= 1 (one 2-D vector per row), got a 2-D array of shape (3, 3)."),
    (lambda: uv.unit_vector_loss(PHI, U[:2], W, 1.0), ValueError,
     "U must have shape (m, 2) with m = 3 (one 2-D vector per row), got a 2-D array of shape (2, 2)."),
    (lambda: uv.unit_vector_loss(np.ones((0, 2)), U, W, 1.0), ValueError,
     "Phi must have shape (m, 2) with m = m >= 1 (one 2-D vector per row), got a 2-D array of shape (0, 2)."),
    (lambda: uv.unit_vector_loss(PHI, [[np.nan, 0.0]] * 3, W, 1.0), ValueError,
     "U must contain only finite numbers, got 3 NaN or infinite value(s), the first at index (0, 0): nan."),
    (lambda: uv.unit_vector_gradient(PHI, U, np.eye(3), 1.0), ValueError,
     "W must have shape (2, 2), got a 2-D array of shape (3, 3)."),
    (lambda: uv.unit_vector_gradient(PHI, U, [[np.inf, 0.0], [0.0, 1.0]], 1.0), ValueError,
     "W must contain only finite numbers, got 1 NaN or infinite value(s), the first at index (0, 0): inf."),
    (lambda: uv.unit_vector_gradient("Phi", U, W, 1.0), TypeError,
     "Phi must contain real numbers, got a string: 'Phi'."),
    (lambda: uv.unit_vector_gradient(PHI, U, "W", 1.0), TypeError, "W must contain real numbers, got a string: 'W'."),
    (lambda: uv.unit_vector_loss(PHI, U, W, -1.0), ValueError,
     "penalty (gamma) must be a finite number >= 0, got -1.0."),
    (lambda: uv.unit_vector_loss(PHI, U, W, True), TypeError,
     "penalty (gamma) must be a real number >= 0, got bool True."),
    (lambda: uv.angle_features(np.zeros((2, 2))), ValueError,
     "angles must have shape (m, 1) or (m,), got a 2-D array of shape (2, 2)."),
    (lambda: uv.fit_unit_vectors(PHI, U, [[1.0]]), ValueError,
     "penalties must be a number >= 0 or a 1-D array of them, got [[1.0]]."),
    (lambda: uv.fit_unit_vectors(PHI, U, [-1.0]), ValueError,
     "penalties must be a number >= 0 or a 1-D array of them, got [-1.0]."),
    (lambda: uv.fit_unit_vectors(PHI, U, []), ValueError,
     "penalties must be a number >= 0 or a 1-D array of them, got []."),
    (lambda: uv.fit_unit_vectors(PHI, U, [np.inf]), ValueError,
     "penalties must be a number >= 0 or a 1-D array of them, got [inf]."),
    (lambda: uv.fit_unit_vectors(PHI, U, 1.0, tolerance=0.0), ValueError,
     "tolerance must be a finite number greater than 0, got 0.0."),
    (lambda: uv.fit_unit_vectors(PHI, U, 1.0, iterations=-1), ValueError, "iterations must be >= 0, got -1."),
]


@pytest.mark.parametrize(("call", "error", "message"), REFUSALS)
def test_each_refusal_in_full(call, error, message):
    assert refusal(call, error) == message


def _gradient_by_hand(W, gamma):
    """dJ/dW = (2/m)(F - U)^T Phi + gamma (4/m)((||f||^2 - 1) F)^T Phi, entry by entry."""
    m = len(PHI)
    G = [[0.0, 0.0], [0.0, 0.0]]
    for phi, u in zip(PHI, U, strict=True):
        f = [W[0][0] * phi[0] + W[0][1] * phi[1], W[1][0] * phi[0] + W[1][1] * phi[1]]
        excess = f[0] ** 2 + f[1] ** 2 - 1.0
        for i in range(2):
            d_f = 2.0 / m * (f[i] - u[i]) + 4.0 / m * gamma * excess * f[i]
            for j in range(2):
                G[i][j] += d_f * phi[j]
    return G


@pytest.mark.parametrize("gamma", [0.0, 2.0])
def test_the_fit_is_the_documented_heavy_ball_run_replayed_here(gamma):
    # From W = 0: steps of 1 / (2 + 8 gamma), momentum 0.8, until every entry of step * gradient is at
    # most 1e-10 * step.
    step, W, V = 1.0 / (2.0 + 8.0 * gamma), [[0.0, 0.0], [0.0, 0.0]], [[0.0, 0.0], [0.0, 0.0]]
    for _ in range(5000):
        scaled = [[step * g for g in row] for row in _gradient_by_hand(W, gamma)]
        if max(abs(g) for row in scaled for g in row) <= 1e-10 * step:
            break
        V = [[0.8 * v - g for v, g in zip(vr, gr, strict=True)] for vr, gr in zip(V, scaled, strict=True)]
        W = [[w + v for w, v in zip(wr, vr, strict=True)] for wr, vr in zip(W, V, strict=True)]
    np.testing.assert_allclose(uv.fit_unit_vectors(PHI, U, gamma), W, rtol=0, atol=1e-13)


def test_fits_name_phi_and_u_when_refusing_them():
    assert refusal(lambda: uv.fit_unit_vectors(np.ones((3, 3)), U, 1.0)) == (
        "Phi must have shape (m, 2) with m = m >= 1 (one 2-D vector per row), got a 2-D array of shape (3, 3)."
    )
    assert refusal(lambda: uv.fit_unit_vectors(PHI, U[:2], 1.0)) == (
        "U must have shape (m, 2) with m = 3 (one 2-D vector per row), got a 2-D array of shape (2, 2)."
    )
    assert refusal(lambda: uv.unit_vector_gradient(PHI, U[:2], W, 1.0)) == (
        "U must have shape (m, 2) with m = 3 (one 2-D vector per row), got a 2-D array of shape (2, 2)."
    )


def test_the_default_cap_is_5000_iterations():
    # a tolerance far below the rounding of the gradient is never reached: the run uses its whole cap
    assert refusal(lambda: uv.fit_unit_vectors(PHI, U, 1.0, tolerance=1e-300), RuntimeError) == (
        "fit_unit_vectors did not reach the tolerance 1e-300 in 5000 iterations; raise iterations."
    )
