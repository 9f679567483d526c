"""Notebook 09's checker: one mini-batch epoch. The reference agrees with
gdlib.stochastic.minibatch_gradient_descent, a learner's right answer passes, and every classic
mistake, written here as a small mutant of a correct learner's function, is named."""

import numpy as np
import pytest

import gdlib
from gdlib.exercises import check_minibatch_epoch
from gdlib.exercises.minibatch_descent import minibatch_epoch, minibatch_epoch_exercise
from gdlib.stochastic import epoch_batches, minibatch_gradient_descent

# --- one mini-batch epoch ------------------------------------------------------------------


def right_epoch(X, Y, alpha, beta, learning_rate, batch_size, order):
    m = X.shape[0]
    for start in range(0, m, batch_size):
        rows = order[start:start + batch_size]
        b = len(rows)
        errors = Y[rows] - (alpha + X[rows] @ beta.T)
        d_alpha = -(2 / b) * errors.sum(axis=0, keepdims=True)
        d_beta = -(2 / b) * errors.T @ X[rows]
        alpha = alpha - learning_rate * d_alpha
        beta = beta - learning_rate * d_beta
    return alpha, beta


def epoch_with_mse_gradients(X, Y, alpha, beta, learning_rate, batch_size, order):
    for start in range(0, X.shape[0], batch_size):
        rows = order[start:start + batch_size]
        d_alpha, d_beta = gdlib.mse_gradients(X[rows], Y[rows], alpha, beta)
        alpha, beta = alpha - learning_rate * d_alpha, beta - learning_rate * d_beta
    return alpha, beta


def uphill(X, Y, alpha, beta, learning_rate, batch_size, order):
    for start in range(0, X.shape[0], batch_size):
        rows = order[start:start + batch_size]
        d_alpha, d_beta = gdlib.mse_gradients(X[rows], Y[rows], alpha, beta)
        alpha, beta = alpha + learning_rate * d_alpha, beta + learning_rate * d_beta
    return alpha, beta


def order_ignored(X, Y, alpha, beta, learning_rate, batch_size, order):
    for start in range(0, X.shape[0], batch_size):
        rows = np.arange(start, min(start + batch_size, X.shape[0]))
        d_alpha, d_beta = gdlib.mse_gradients(X[rows], Y[rows], alpha, beta)
        alpha, beta = alpha - learning_rate * d_alpha, beta - learning_rate * d_beta
    return alpha, beta


def update_outside_the_loop(X, Y, alpha, beta, learning_rate, batch_size, order):
    for start in range(0, X.shape[0], batch_size):
        rows = order[start:start + batch_size]
        d_alpha, d_beta = gdlib.mse_gradients(X[rows], Y[rows], alpha, beta)
    alpha, beta = alpha - learning_rate * d_alpha, beta - learning_rate * d_beta
    return alpha, beta


def gradients_added_up(X, Y, alpha, beta, learning_rate, batch_size, order):
    total_alpha, total_beta = 0.0, 0.0
    for start in range(0, X.shape[0], batch_size):
        rows = order[start:start + batch_size]
        d_alpha, d_beta = gdlib.mse_gradients(X[rows], Y[rows], alpha, beta)
        total_alpha, total_beta = total_alpha + d_alpha, total_beta + d_beta
    return alpha - learning_rate * total_alpha, beta - learning_rate * total_beta


def whole_data_gradient(X, Y, alpha, beta, learning_rate, batch_size, order):
    for _ in range(0, X.shape[0], batch_size):
        d_alpha, d_beta = gdlib.mse_gradients(X, Y, alpha, beta)
        alpha, beta = alpha - learning_rate * d_alpha, beta - learning_rate * d_beta
    return alpha, beta


def last_batch_over_batch_size(X, Y, alpha, beta, learning_rate, batch_size, order):
    for start in range(0, X.shape[0], batch_size):
        rows = order[start:start + batch_size]
        errors = Y[rows] - (alpha + X[rows] @ beta.T)
        d_alpha = -(2 / batch_size) * errors.sum(axis=0, keepdims=True)
        d_beta = -(2 / batch_size) * errors.T @ X[rows]
        alpha, beta = alpha - learning_rate * d_alpha, beta - learning_rate * d_beta
    return alpha, beta


def over_m(X, Y, alpha, beta, learning_rate, batch_size, order):
    m = X.shape[0]
    for start in range(0, m, batch_size):
        rows = order[start:start + batch_size]
        errors = Y[rows] - (alpha + X[rows] @ beta.T)
        d_alpha = -(2 / m) * errors.sum(axis=0, keepdims=True)
        d_beta = -(2 / m) * errors.T @ X[rows]
        alpha, beta = alpha - learning_rate * d_alpha, beta - learning_rate * d_beta
    return alpha, beta


def last_batch_skipped(X, Y, alpha, beta, learning_rate, batch_size, order):
    for k in range(X.shape[0] // batch_size):
        rows = order[k * batch_size:(k + 1) * batch_size]
        d_alpha, d_beta = gdlib.mse_gradients(X[rows], Y[rows], alpha, beta)
        alpha, beta = alpha - learning_rate * d_alpha, beta - learning_rate * d_beta
    return alpha, beta


def batch_sum(X, Y, alpha, beta, learning_rate, batch_size, order):
    for start in range(0, X.shape[0], batch_size):
        rows = order[start:start + batch_size]
        errors = Y[rows] - (alpha + X[rows] @ beta.T)
        alpha = alpha - learning_rate * -2 * errors.sum(axis=0, keepdims=True)
        beta = beta - learning_rate * -2 * errors.T @ X[rows]
    return alpha, beta


def no_factor_two(X, Y, alpha, beta, learning_rate, batch_size, order):
    for start in range(0, X.shape[0], batch_size):
        rows = order[start:start + batch_size]
        d_alpha, d_beta = gdlib.mse_gradients(X[rows], Y[rows], alpha, beta)
        alpha, beta = alpha - learning_rate * d_alpha / 2, beta - learning_rate * d_beta / 2
    return alpha, beta


def no_bias(X, Y, alpha, beta, learning_rate, batch_size, order):
    for start in range(0, X.shape[0], batch_size):
        rows = order[start:start + batch_size]
        errors = Y[rows] - X[rows] @ beta.T
        b = len(rows)
        alpha = alpha - learning_rate * -(2 / b) * errors.sum(axis=0, keepdims=True)
        beta = beta - learning_rate * -(2 / b) * errors.T @ X[rows]
    return alpha, beta


def epoch_in_place(X, Y, alpha, beta, learning_rate, batch_size, order):
    for start in range(0, X.shape[0], batch_size):
        rows = order[start:start + batch_size]
        d_alpha, d_beta = gdlib.mse_gradients(X[rows], Y[rows], alpha, beta)
        alpha -= learning_rate * d_alpha
        beta -= learning_rate * d_beta
    return alpha, beta


def epoch_starter(X, Y, alpha, beta, learning_rate, batch_size, order):
    """The starter cell's body."""
    ...


def test_the_epoch_reference_is_gdlibs_run_in_the_given_order():
    # Written out by hand: 5 examples, batches of 2 (2, 2 and a last one of 1), visited in `order`.
    X = np.array([[1.0, 0.0], [2.0, 1.0], [0.0, -1.0], [3.0, 2.0], [-1.0, 1.0]])
    Y = np.array([[1.0], [3.0], [-1.0], [6.0], [0.5]])
    alpha, beta = np.array([[0.5]]), np.array([[0.2, -0.1]])
    order = np.array([3, 0, 4, 2, 1])
    a, b = 0.5, np.array([0.2, -0.1])
    for rows in ([3, 0], [4, 2], [1]):
        errors = [Y[i, 0] - (a + X[i] @ b) for i in rows]
        a = a + 0.05 * (2 / len(rows)) * sum(errors)
        b = b + 0.05 * (2 / len(rows)) * sum(e * X[i] for e, i in zip(errors, rows, strict=True))
    got_alpha, got_beta = minibatch_epoch(X, Y, alpha, beta, 0.05, 2, order)
    assert got_alpha.shape == (1, 1) and got_beta.shape == (1, 2)
    np.testing.assert_allclose(got_alpha[0, 0], a, rtol=1e-14)
    np.testing.assert_allclose(got_beta[0], b, rtol=1e-14)


def test_the_epoch_reference_with_gdlibs_own_shuffle_is_one_epoch_of_gdlib():
    rng = np.random.default_rng(4)
    X, Y = rng.normal(size=(23, 3)), rng.normal(size=(23, 1))
    for batch_size in (1, 5, 23):
        order = np.concatenate(epoch_batches(23, batch_size, np.random.default_rng(11)))
        run = minibatch_gradient_descent(X, Y, 0.05, 1, batch_size, rng=np.random.default_rng(11),
                                         alpha=0.3, beta=[0.1, 0.2, -0.4])
        alpha, beta = minibatch_epoch(X, Y, np.array([[0.3]]), np.array([[0.1, 0.2, -0.4]]), 0.05, batch_size, order)
        np.testing.assert_array_equal(alpha, run.alpha)
        np.testing.assert_array_equal(beta, run.beta)


def test_gdlib_shuffles_an_epoch_with_the_generators_permutation():
    # Notebook 09 writes the epoch in the open with rng.permutation(m): that is gdlib's shuffle.
    for m, batch_size in ((200, 48), (7, 3), (5, 1)):
        order = np.random.default_rng(3).permutation(m)
        batches = epoch_batches(m, batch_size, np.random.default_rng(3))
        expected = [order[start:start + batch_size] for start in range(0, m, batch_size)]
        assert len(batches) == len(expected)
        for got, want in zip(batches, expected, strict=True):
            np.testing.assert_array_equal(got, want)


def test_the_epochs_right_answers_pass():
    assert check_minibatch_epoch(minibatch_epoch).passed
    result = check_minibatch_epoch(right_epoch)
    assert result.passed and "correct on all 9 held-out cases" in result.message
    assert check_minibatch_epoch(epoch_with_mse_gradients).passed


@pytest.mark.parametrize(("mutant", "diagnosis"), [
    (uphill, "the sign is flipped"),
    (order_ignored, "in their original order, ignoring `order`"),
    (update_outside_the_loop, "only one step per epoch, from the last batch's gradient"),
    (gradients_added_up, "computed at the starting parameters and the sum is applied in one step"),
    (whole_data_gradient, "the gradient of all m examples instead of the batch's"),
    (last_batch_over_batch_size, "the last, shorter batch is divided by batch_size instead of its own size"),
    (over_m, "divided by m, the number of all examples"),
    (last_batch_skipped, "the last, shorter batch is skipped"),
    (batch_sum, "a sum where the batch's mean belongs"),
    (no_factor_two, "the factor 2 is missing"),
    (no_bias, "leaves out the bias"),
    (epoch_in_place, "changed the caller's `alpha` and `beta` in place"),
    (epoch_starter, "not written yet"),
])
def test_each_epoch_mistake_is_named(mutant, diagnosis):
    result = check_minibatch_epoch(mutant)
    assert not result.passed
    assert diagnosis in result.message, result.message


def test_the_epoch_cases_are_awkward_and_stay_below_gdlibs_blow_up_guard():
    cases = minibatch_epoch_exercise().cases
    shapes = [case.args[0].shape for case in cases]
    assert any(m == 1 for m, _ in shapes) and any(n == 1 for _, n in shapes) and any(n > m for m, n in shapes)
    batch_sizes = [(case.args[0].shape[0], case.args[5]) for case in cases]
    assert any(m % b for m, b in batch_sizes), "a last batch shorter than batch_size"
    assert any(b == 1 < m for m, b in batch_sizes) and any(b == m > 1 for m, b in batch_sizes)
    for case in cases:
        X, Y, alpha, beta, learning_rate, batch_size, order = case.args
        assert np.all(alpha != 0) and np.all(beta != 0)
        assert sorted(order.tolist()) == list(range(X.shape[0]))
        assert X.shape[0] == 1 or not np.array_equal(order, np.arange(X.shape[0]))
        minibatch_epoch(*case.args)  # raises if gdlib's run blew up
