"""gdlib.unit_vectors: the length penalty beside its gradient, and fits from plain MSE to the circle."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import gdlib
from gdlib.lessons.knowledge_in_the_loss import READING_NOISE, direction_readings
from gdlib.unit_vectors import (
    angle_features,
    data_term,
    fit_unit_vectors,
    penalty_term,
    unit_vector_gradient,
    unit_vector_loss,
    unit_vector_predict,
)

THETA, READINGS = direction_readings()
PHI, U = angle_features(READINGS), angle_features(THETA)


def test_loss_by_hand_on_two_examples():
    Phi = np.array([[1.0, 0.0], [0.0, 1.0]])
    U = np.array([[1.0, 0.0], [0.0, 1.0]])
    W = np.array([[0.5, 0.0], [0.0, 2.0]])  # predictions (0.5, 0) and (0, 2)
    assert data_term(Phi, U, W) == pytest.approx((0.25 + 1.0) / 2)
    assert penalty_term(Phi, W) == pytest.approx(((0.25 - 1) ** 2 + (4 - 1) ** 2) / 2)
    assert unit_vector_loss(Phi, U, W, 3.0) == pytest.approx(0.625 + 3 * (0.5625 + 9) / 2)


def test_gradient_by_hand_for_one_example():
    # One example phi = (1, 0), u = (1, 0), W = diag(2, 1): f = (2, 0), ||f||^2 - 1 = 3.
    # dD/dW = 2 (f - u) phi^T = [[2, 0], [0, 0]]; dP/dW = 4 * 3 * f phi^T = [[24, 0], [0, 0]].
    gradient = unit_vector_gradient([[1.0, 0.0]], [[1.0, 0.0]], np.diag([2.0, 1.0]), 0.5)
    np.testing.assert_allclose(gradient, [[2.0 + 0.5 * 24.0, 0.0], [0.0, 0.0]])


@given(st.lists(st.floats(-1.5, 1.5), min_size=4, max_size=4), st.floats(0.0, 10.0))
def test_gradient_matches_finite_differences(entries, penalty):
    W = np.array(entries).reshape(2, 2)
    numeric = gdlib.numerical_gradient(lambda V: unit_vector_loss(PHI, U, V, penalty), W)
    np.testing.assert_allclose(unit_vector_gradient(PHI, U, W, penalty), numeric, atol=1e-6)


def test_without_the_penalty_the_fit_is_least_squares():
    W = fit_unit_vectors(PHI, U, 0.0)
    np.testing.assert_allclose(W, np.linalg.lstsq(PHI, U, rcond=None)[0].T, atol=1e-10)


def test_the_least_squares_length_is_the_mean_cosine_of_the_noise():
    # With many readings the shrinkage factor exp(-sigma^2 / 2) shows up to sampling error.
    theta, readings = direction_readings(m=40_000, seed=11)
    W = fit_unit_vectors(angle_features(readings), angle_features(theta), 0.0)
    np.testing.assert_allclose(W, np.exp(-READING_NOISE**2 / 2) * np.eye(2), atol=0.01)


def test_stacked_fits_equal_separate_fits_and_are_stationary():
    penalties = np.array([0.0, 0.1, 1.0, 10.0])
    stacked = fit_unit_vectors(PHI, U, penalties)
    assert stacked.shape == (4, 2, 2)
    for penalty, W in zip(penalties, stacked, strict=True):
        np.testing.assert_allclose(W, fit_unit_vectors(PHI, U, float(penalty)), atol=1e-9)
        assert np.abs(unit_vector_gradient(PHI, U, W, float(penalty))).max() < 1e-9


def test_the_trade_off_lengths_grow_to_one_while_the_data_term_grows():
    penalties = np.logspace(-2, 1, 13)
    fits = fit_unit_vectors(PHI, U, penalties)
    lengths = np.array([np.linalg.norm(unit_vector_predict(PHI, W), axis=1).mean() for W in fits])
    data_terms = np.array([data_term(PHI, U, W) for W in fits])
    penalty_terms = np.array([penalty_term(PHI, W) for W in fits])
    assert np.all(np.diff(lengths) > 0) and np.all(np.diff(data_terms) > 0) and np.all(np.diff(penalty_terms) < 0)
    assert lengths[0] < 0.75 and np.linalg.norm(unit_vector_predict(PHI, fits[-1]), axis=1).min() > 0.99


def test_angle_features_are_unit_vectors():
    features = angle_features(np.array([0.0, np.pi / 2, np.pi]))
    np.testing.assert_allclose(features, [[1, 0], [0, 1], [-1, 0]], atol=1e-15)


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda: data_term(PHI, U[:5], np.eye(2)), ValueError, r"U must have shape \(m, 2\) with m = 200"),
        (lambda: unit_vector_predict(PHI[:, :1], np.eye(2)), ValueError, r"Phi must have shape \(m, 2\)"),
        (lambda: unit_vector_predict(PHI, np.eye(3)), ValueError, r"W must have shape \(2, 2\)"),
        (lambda: unit_vector_loss(PHI, U, np.eye(2), -1.0), ValueError, "penalty .* must be a finite number >= 0"),
        (lambda: unit_vector_loss(PHI, U, np.eye(2), "big"), TypeError, "penalty .* must be a real number"),
        (lambda: fit_unit_vectors(PHI, U, [[1.0]]), ValueError, "penalties must be a number >= 0"),
        (lambda: fit_unit_vectors(PHI, U, 10.0, iterations=3), RuntimeError, "did not reach the tolerance"),
    ],
)
def test_bad_arguments_are_explained(call, error, message):
    with pytest.raises(error, match=message):
        call()
