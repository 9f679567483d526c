"""gdlib.autoencoder: the tied linear autoencoder's cost and gradient, and the PCA it converges to."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import gdlib
from gdlib.autoencoder import (
    pca_subspace,
    principal_angles,
    reconstruct,
    reconstruction_cost,
    reconstruction_gradient,
    train_autoencoder,
)
from gdlib.lessons.mse_beyond_regression import autoencoder_data

X = autoencoder_data()


def _independent_pca(X, k):
    """Top-k right singular vectors of X and the error left: the sum of the other squared singular values / m."""
    _, singular, Vt = np.linalg.svd(X, full_matrices=False)
    return Vt[:k].T, np.sum(singular[k:] ** 2) / X.shape[0]


def test_cost_by_hand():
    X = np.array([[1.0, 2.0, 3.0], [-1.0, 0.0, 1.0]])
    W = np.array([[1.0], [0.0], [0.0]])  # keeps the first coordinate only
    np.testing.assert_allclose(reconstruct(X, W), [[1.0, 0.0, 0.0], [-1.0, 0.0, 0.0]])
    assert reconstruction_cost(X, W) == pytest.approx((4 + 9 + 0 + 1) / 2)


@given(st.integers(0, 10_000), st.integers(1, 5))
def test_gradient_matches_finite_differences(seed, k):
    W = np.random.default_rng(seed).normal(size=(5, k))
    numeric = gdlib.numerical_gradient(lambda V: reconstruction_cost(X, V), W)
    np.testing.assert_allclose(reconstruction_gradient(X, W), numeric, rtol=1e-5, atol=1e-5)


def test_the_pca_basis_is_a_stationary_point_with_the_pca_error_and_any_rotation_does_as_well():
    U, error = _independent_pca(X, 2)
    assert reconstruction_cost(X, U) == pytest.approx(error, rel=1e-12)
    np.testing.assert_allclose(reconstruction_gradient(X, U), 0.0, atol=1e-12)
    rotation = np.array([[np.cos(1.0), -np.sin(1.0)], [np.sin(1.0), np.cos(1.0)]])
    assert reconstruction_cost(X, U @ rotation) == pytest.approx(error, rel=1e-12)


def test_pca_subspace_agrees_with_the_singular_value_decomposition():
    U, variances = pca_subspace(X, 2)
    U_svd, error = _independent_pca(X, 2)
    assert variances[2:].sum() == pytest.approx(error, rel=1e-12)
    np.testing.assert_allclose(np.abs(U.T @ U_svd), np.eye(2), atol=1e-10)


@pytest.mark.parametrize("k", [1, 2, 3])
def test_training_reaches_pca_and_orthonormal_weights(k):
    run = train_autoencoder(X, k, learning_rate=0.05, iterations=800, seed=3)
    U, error = _independent_pca(X, k)
    assert run.costs[-1] == pytest.approx(error, rel=1e-9)
    np.testing.assert_allclose(principal_angles(run.x, U), 0.0, atol=1e-6)
    np.testing.assert_allclose(run.x.T @ run.x, np.eye(k), atol=1e-8)


def test_the_fast_formulas_in_training_equal_the_plain_ones():
    run = train_autoencoder(X, 2, learning_rate=0.05, iterations=5, seed=0)
    for W, cost in zip(run.path, run.costs, strict=True):
        assert cost == pytest.approx(reconstruction_cost(X, W), rel=1e-12)
    W0, W1 = run.path[0], run.path[1]
    np.testing.assert_allclose(W1, W0 - 0.05 * reconstruction_gradient(X, W0), rtol=1e-12)


def test_principal_angles_by_hand_including_tiny_ones():
    e1, e2, e3 = np.eye(3)
    for angle in (0.3, 1e-9):
        turned = np.cos(angle) * e2 + np.sin(angle) * e3
        angles = principal_angles(np.column_stack([e1, e2]), np.column_stack([e1, turned]))
        np.testing.assert_allclose(angles, np.degrees([0.0, angle]), rtol=1e-6, atol=1e-12)
    np.testing.assert_allclose(principal_angles(e1[:, None], e2[:, None]), [90.0])


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: reconstruction_cost(X, np.ones((4, 2))), r"W must have shape \(d, k\) with d = 5"),
        (lambda: train_autoencoder(X, 6, 0.05, 10), "k must be between 1 and the number of features"),
        (lambda: principal_angles(np.ones((3, 1)), np.ones((3, 2))), "A and B must be 2-D arrays of the same shape"),
    ],
)
def test_bad_arguments_are_explained(call, message):
    with pytest.raises(ValueError, match=message):
        call()
