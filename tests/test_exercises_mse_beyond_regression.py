"""Notebook 14's checker: it passes the reference and names every classic mistake, each written here
as a small mutant of a correct learner's function."""

import numpy as np
import pytest

from gdlib.autoencoder import reconstruction_gradient
from gdlib.exercises import check_reconstruction_gradient
from gdlib.exercises.mse_beyond_regression import reconstruction_gradient_exercise


def right_gradient(X, W):
    m = X.shape[0]
    R = X - X @ W @ W.T
    return -2 / m * (X.T @ R @ W + R.T @ X @ W)


def encoder_only(X, W):
    m = X.shape[0]
    R = X - X @ W @ W.T
    return -2 / m * X.T @ R @ W


def decoder_only(X, W):
    m = X.shape[0]
    R = X - X @ W @ W.T
    return -2 / m * R.T @ X @ W


def encoder_twice(X, W):
    m = X.shape[0]
    R = X - X @ W @ W.T
    return -4 / m * X.T @ R @ W


def decoder_twice(X, W):
    m = X.shape[0]
    R = X - X @ W @ W.T
    return -4 / m * R.T @ X @ W


def residual_the_other_way(X, W):
    m = X.shape[0]
    R = X @ W @ W.T - X
    return -2 / m * (X.T @ R @ W + R.T @ X @ W)


def factor_two_missing(X, W):
    m = X.shape[0]
    R = X - X @ W @ W.T
    return -1 / m * (X.T @ R @ W + R.T @ X @ W)


def sum_for_mean(X, W):
    R = X - X @ W @ W.T
    return -2 * (X.T @ R @ W + R.T @ X @ W)


def mean_over_entries(X, W):
    R = X - X @ W @ W.T
    return -2 / X.size * (X.T @ R @ W + R.T @ X @ W)


def transposed(X, W):
    m = X.shape[0]
    R = X - X @ W @ W.T
    return -2 / m * (W.T @ R.T @ X + W.T @ X.T @ R)


def decoder_on_the_left(X, W):
    m = X.shape[0]
    R = X - W @ W.T @ X  # (n, n) times (m, n): fails unless m = n
    return -2 / m * (X.T @ R @ W + R.T @ X @ W)


def in_place(X, W):
    m = X.shape[0]
    R = X
    R -= X @ W @ W.T
    return -2 / m * (X.T @ R @ W + R.T @ X @ W)


def forgot_return(X, W):
    m = X.shape[0]
    R = X - X @ W @ W.T
    -2 / m * (X.T @ R @ W + R.T @ X @ W)


def starter(X, W):
    """The starter cell's body."""
    ...


def test_the_right_answer_written_here_is_the_gradient_of_the_cost():
    # Central differences of J written out, so that the mutants below are mutants of the right thing.
    rng = np.random.default_rng(0)
    X, W = rng.normal(size=(7, 4)), rng.normal(size=(4, 2))

    def cost(W):
        return np.sum((X - X @ W @ W.T) ** 2) / 7

    numeric = np.zeros_like(W)
    for index in np.ndindex(*W.shape):
        step = np.zeros_like(W)
        step[index] = 1e-6
        numeric[index] = (cost(W + step) - cost(W - step)) / 2e-6
    np.testing.assert_allclose(right_gradient(X, W), numeric, rtol=1e-6)


def test_the_reference_and_a_learners_right_answer_pass():
    assert check_reconstruction_gradient(reconstruction_gradient).passed
    result = check_reconstruction_gradient(right_gradient)
    assert result.passed and "correct on all 6 held-out cases" in result.message


@pytest.mark.parametrize(("mutant", "diagnosis"), [
    (encoder_only, "only the encoder's term"),
    (decoder_only, "only the decoder's term"),
    (encoder_twice, "one term counted twice: 2 XᵀR W"),
    (decoder_twice, "one term counted twice: 2 RᵀX W"),
    (residual_the_other_way, "the sign is flipped"),
    (factor_two_missing, "the factor 2 is missing"),
    (sum_for_mean, "a sum where the mean belongs"),
    (mean_over_entries, "divides by the m n entries of X"),
    (transposed, "transposed"),
    (decoder_on_the_left, "raised ValueError"),
    (in_place, "changed the caller's `X` in place"),
    (forgot_return, "returned None"),
    (starter, "not written yet"),
])
def test_each_classic_mistake_is_named(mutant, diagnosis):
    result = check_reconstruction_gradient(mutant)
    assert not result.passed
    assert diagnosis in result.message, result.message


def test_the_cases_make_every_mistake_visible():
    cases = [case.args for case in reconstruction_gradient_exercise().cases]
    rows = [X.shape[0] for X, _ in cases]
    assert 1 in rows and max(rows) > 2  # a sum and a mean differ only when m > 1
    assert any(X.shape[1] > X.shape[0] for X, _ in cases)  # more features than examples
    codes = [W.shape[1] for _, W in cases]
    assert 1 in codes and any(W.shape[0] == W.shape[1] for _, W in cases)  # a transpose keeps a square shape
    assert max(np.abs(X).max() for X, _ in cases) > 10  # values far from 1
    for X, W in cases:  # the two terms differ, so one of them alone, or twice, shows
        R = X - X @ W @ W.T
        assert not np.allclose(X.T @ R @ W, R.T @ X @ W)
