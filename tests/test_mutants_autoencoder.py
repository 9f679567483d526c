"""gdlib.autoencoder's edges against closed forms: principal angles known by construction, the
documented random start, every argument named in its refusal.

Written for the survivors of `make mutants`.
"""

import math
import warnings

import numpy as np
import pytest
from refusals import refusal

from gdlib import autoencoder


@pytest.mark.parametrize("degrees", [30.0, 60.0, 80.0, 89.99999, 90.0 - 1e-6])
def test_the_angle_between_two_lines_is_the_one_they_were_drawn_at(degrees):
    t = math.radians(degrees)
    A = np.array([[2.0], [0.0]])  # the x axis (any length)
    B = np.array([[math.cos(t)], [math.sin(t)]])
    np.testing.assert_allclose(autoencoder.principal_angles(A, B), [degrees], rtol=0, atol=1e-9)


def test_orthogonal_spans_are_90_degrees_apart_without_a_warning():
    # The sines of such angles are 1 up to rounding, a hair above 1 for some spans: arcsin must
    # never see that (it warns and returns nan).
    rng = np.random.default_rng(0)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for _ in range(40):
            d = int(rng.integers(2, 7))
            k = int(rng.integers(1, d // 2 + 1))
            Q = np.linalg.qr(rng.normal(size=(d, d)))[0]
            A, B = Q[:, :k] @ rng.normal(size=(k, k)), Q[:, k:2 * k] @ rng.normal(size=(k, k))
            np.testing.assert_allclose(autoencoder.principal_angles(A, B), np.full(k, 90.0), atol=1e-9)


def test_principal_angles_name_the_argument_they_refuse():
    good = np.eye(3)[:, :2]
    assert refusal(lambda: autoencoder.principal_angles("a", good), TypeError).startswith("A must contain real")
    assert refusal(lambda: autoencoder.principal_angles(good, "b"), TypeError).startswith("B must contain real")
    with_nan = good.copy()
    with_nan[0, 0] = np.nan
    assert refusal(lambda: autoencoder.principal_angles(with_nan, good)).startswith("A must contain only finite")
    assert refusal(lambda: autoencoder.principal_angles(good, with_nan)).startswith("B must contain only finite")
    assert refusal(lambda: autoencoder.principal_angles(good, np.eye(3))) == (
        "A and B must be 2-D arrays of the same shape (d, k), got (3, 2) and (3, 3)."
    )


def test_training_starts_from_the_documented_seeded_random_w():
    X = np.array([[1.0, 0.0, 2.0], [-1.0, 1.0, 0.0], [0.0, -1.0, -2.0]])
    start = 0.1 * np.random.default_rng(0).standard_normal((3, 2))  # scale 0.1, seed 0 by default
    run = autoencoder.train_autoencoder(X, 2, 0.01, 3)
    np.testing.assert_array_equal(run.path[0], start)
    other = autoencoder.train_autoencoder(X, 2, 0.01, 3, seed=5, scale=2.0)
    np.testing.assert_array_equal(other.path[0], 2.0 * np.random.default_rng(5).standard_normal((3, 2)))


def test_training_takes_any_k_from_1_to_d_and_names_k_when_refusing():
    X = np.array([[1.0, 0.0], [0.0, 1.0], [-1.0, -1.0]])
    assert autoencoder.train_autoencoder(X, 2, 0.01, 1).x.shape == (2, 2)  # k = d is allowed
    assert autoencoder.train_autoencoder(X, 1, 0.01, 1).x.shape == (2, 1)
    assert refusal(lambda: autoencoder.train_autoencoder(X, 3, 0.01, 1)) == (
        "k must be between 1 and the number of features d = 2, got 3."
    )
    assert refusal(lambda: autoencoder.train_autoencoder(X, 0, 0.01, 1)) == (
        "k must be between 1 and the number of features d = 2, got 0."
    )
    assert refusal(lambda: autoencoder.train_autoencoder(X, -1, 0.01, 1)) == "k must be >= 0, got -1."
    assert refusal(lambda: autoencoder.train_autoencoder(X, 1.0, 0.01, 1), TypeError) == (
        "k must be a whole number (int) >= 0, got float 1.0."
    )


def test_the_weights_are_named_when_refused():
    X = np.eye(3)
    assert refusal(lambda: autoencoder.reconstruct(X, "W"), TypeError).startswith("W must contain real numbers")
    assert refusal(lambda: autoencoder.reconstruction_gradient(X, [[np.inf], [0.0], [0.0]])) == (
        "W must contain only finite numbers, got 1 NaN or infinite value(s), the first at index (0, 0): inf."
    )
    assert refusal(lambda: autoencoder.reconstruct(X, np.ones((2, 1)))) == (
        "W must have shape (d, k) with d = 3 (one row per feature of X) and 1 <= k <= d, "
        "got a 2-D array of shape (2, 1)."
    )
