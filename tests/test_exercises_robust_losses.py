"""Notebook 04's checker: it passes the reference and names every classic mistake, each written here
as a small mutant of a correct learner's huber_gradients. Expected values come from plain loops,
finite differences of gdlib's Huber loss and hand arithmetic, never from the checker's reference."""

import numpy as np
import pytest

import gdlib
from gdlib import losses
from gdlib.exercises import check_huber_gradients
from gdlib.exercises.robust_losses import huber_gradients, huber_gradients_cases


def right_gradients(X, Y, alpha, beta, delta):
    m = X.shape[0]
    errors = Y - (alpha + X @ beta.T)
    pulls = -np.clip(errors, -delta, delta)
    return pulls.sum(axis=0, keepdims=True) / m, pulls.T @ X / m


def right_with_where(X, Y, alpha, beta, delta):
    m = X.shape[0]
    errors = Y - gdlib.predict(X, alpha, beta)
    pulls = np.where(np.abs(errors) <= delta, -errors, -delta * np.sign(errors))
    return np.mean(pulls, keepdims=True), pulls.T @ X / m


def flipped_sign(X, Y, alpha, beta, delta):
    m = X.shape[0]
    pulls = np.clip(Y - (alpha + X @ beta.T), -delta, delta)
    return pulls.sum(axis=0, keepdims=True) / m, pulls.T @ X / m


def mse_gradient(X, Y, alpha, beta, delta):
    m = X.shape[0]
    errors = Y - (alpha + X @ beta.T)
    return -(2 / m) * errors.sum(axis=0, keepdims=True), -(2 / m) * errors.T @ X


def not_clipped(X, Y, alpha, beta, delta):
    m = X.shape[0]
    errors = Y - (alpha + X @ beta.T)
    return -errors.sum(axis=0, keepdims=True) / m, -errors.T @ X / m


def clipped_to_one(X, Y, alpha, beta, delta):
    m = X.shape[0]
    pulls = -np.clip(Y - (alpha + X @ beta.T), -1, 1)
    return pulls.sum(axis=0, keepdims=True) / m, pulls.T @ X / m


def outside_pulls_one(X, Y, alpha, beta, delta):
    m = X.shape[0]
    errors = Y - (alpha + X @ beta.T)
    pulls = np.where(np.abs(errors) <= delta, -errors, -np.sign(errors))
    return pulls.sum(axis=0, keepdims=True) / m, pulls.T @ X / m


def mae_gradient(X, Y, alpha, beta, delta):
    m = X.shape[0]
    pulls = -np.sign(Y - (alpha + X @ beta.T))
    return pulls.sum(axis=0, keepdims=True) / m, pulls.T @ X / m


def swapped_cases(X, Y, alpha, beta, delta):
    m = X.shape[0]
    errors = Y - (alpha + X @ beta.T)
    pulls = np.where(np.abs(errors) > delta, -errors, -delta * np.sign(errors))
    return pulls.sum(axis=0, keepdims=True) / m, pulls.T @ X / m


def lost_the_sign(X, Y, alpha, beta, delta):
    m = X.shape[0]
    pulls = -np.minimum(np.abs(Y - (alpha + X @ beta.T)), delta)
    return pulls.sum(axis=0, keepdims=True) / m, pulls.T @ X / m


def clipped_the_gradient(X, Y, alpha, beta, delta):
    m = X.shape[0]
    errors = Y - (alpha + X @ beta.T)
    d_alpha, d_beta = -errors.sum(axis=0, keepdims=True) / m, -errors.T @ X / m
    return np.clip(d_alpha, -delta, delta), np.clip(d_beta, -delta, delta)


def factor_two(X, Y, alpha, beta, delta):
    m = X.shape[0]
    pulls = -np.clip(Y - (alpha + X @ beta.T), -delta, delta)
    return (2 / m) * pulls.sum(axis=0, keepdims=True), (2 / m) * pulls.T @ X


def sum_for_mean(X, Y, alpha, beta, delta):
    pulls = -np.clip(Y - (alpha + X @ beta.T), -delta, delta)
    return pulls.sum(axis=0, keepdims=True), pulls.T @ X


def divides_by_n(X, Y, alpha, beta, delta):
    n = X.shape[1]
    pulls = -np.clip(Y - (alpha + X @ beta.T), -delta, delta)
    return pulls.sum(axis=0, keepdims=True) / n, pulls.T @ X / n


def no_bias(X, Y, alpha, beta, delta):
    m = X.shape[0]
    pulls = -np.clip(Y - X @ beta.T, -delta, delta)
    return pulls.sum(axis=0, keepdims=True) / m, pulls.T @ X / m


def broadcast(X, Y, alpha, beta, delta):
    m = X.shape[0]
    pulls = -np.clip(Y.ravel() - (alpha + X @ beta.T), -delta, delta)  # (m,) against (m, 1)
    return np.sum(pulls).reshape(1, 1) / m, pulls.T @ X / m


def broadcast_unsummed(X, Y, alpha, beta, delta):
    m = X.shape[0]
    pulls = -np.clip(Y.ravel() - (alpha + X @ beta.T), -delta, delta)
    return pulls.sum(axis=0, keepdims=True) / m, pulls.T @ X / m


def transposed(X, Y, alpha, beta, delta):
    m = X.shape[0]
    pulls = -np.clip(Y - (alpha + X @ beta.T), -delta, delta)
    return pulls.sum(axis=0, keepdims=True) / m, X.T @ pulls / m


def flattened(X, Y, alpha, beta, delta):
    m = X.shape[0]
    pulls = -np.clip(Y - (alpha + X @ beta.T), -delta, delta)
    return pulls.sum() / m, (pulls.T @ X / m)[0]


def in_place(X, Y, alpha, beta, delta):
    m = X.shape[0]
    Y -= alpha + X @ beta.T
    np.clip(Y, -delta, delta, out=Y)
    return -Y.sum(axis=0, keepdims=True) / m, -Y.T @ X / m


def raises(X, Y, alpha, beta, delta):
    m = X.shape[0]
    errors = Y - (alpha + X @ beta)
    pulls = -np.clip(errors, -delta, delta)
    return pulls.sum(axis=0, keepdims=True) / m, pulls.T @ X / m


def one_output(X, Y, alpha, beta, delta):
    m = X.shape[0]
    return -np.clip(Y - (alpha + X @ beta.T), -delta, delta).T @ X / m


def starter(X, Y, alpha, beta, delta):
    """The starter cell's body."""
    ...


def _loop_gradients(X, Y, alpha, beta, delta):
    """The Huber gradients by plain loops over the examples, from the pull -clip(e, -delta, delta)."""
    m, n = X.shape
    d_alpha, d_beta = 0.0, np.zeros(n)
    for i in range(m):
        error = Y[i, 0] - (alpha[0, 0] + sum(X[i, j] * beta[0, j] for j in range(n)))
        pull = -max(-delta, min(delta, error))
        d_alpha += pull / m
        d_beta += pull * X[i] / m
    return d_alpha, d_beta


def test_the_reference_is_the_derivative_of_gdlibs_huber_loss():
    for case in huber_gradients_cases():
        X, Y, alpha, beta, delta = case.args
        d_alpha, d_beta = huber_gradients(*case.args)
        assert d_alpha.shape == (1, 1) and d_beta.shape == beta.shape
        by_loops = _loop_gradients(*case.args)
        np.testing.assert_allclose(d_alpha[0, 0], by_loops[0], rtol=1e-12, atol=1e-14 * delta)
        np.testing.assert_allclose(d_beta[0], by_loops[1], rtol=1e-12, atol=1e-12 * delta * np.abs(X).max())
        loss = losses.huber(delta)

        def cost(a, X=X, Y=Y, beta=beta, loss=loss):
            return loss.value(Y, a + X @ beta.T)

        numeric = gdlib.numerical_gradient(cost, alpha, 1e-6 * delta)
        np.testing.assert_allclose(d_alpha, numeric, rtol=1e-5, atol=1e-7 * delta)


def test_the_reference_and_learners_right_answers_pass():
    for function in (huber_gradients, right_gradients, right_with_where):
        result = check_huber_gradients(function)
        assert result.passed and "correct on all 9 held-out cases" in result.message, result.message


@pytest.mark.parametrize(("mutant", "diagnosis"), [
    (flipped_sign, "`d_alpha` and `d_beta` look like the sign is flipped"),
    (mse_gradient, "look like the gradient of the MSE: nothing is clipped"),
    (not_clipped, "look like nothing is clipped (this is the gradient of half the MSE"),
    (clipped_to_one, "residuals are clipped to [−1, 1] instead of [−δ, δ]"),
    (outside_pulls_one, "residuals beyond δ pull with ±1 instead of ±δ"),
    (mae_gradient, "look like the gradient of the MAE"),
    (swapped_cases, "the two cases are swapped"),
    (lost_the_sign, "the sign of each residual is lost"),
    (clipped_the_gradient, "clipped after averaging"),
    (factor_two, "an extra factor 2"),
    (sum_for_mean, "a sum where the mean belongs"),
    (divides_by_n, "number of features n instead of the number of examples m"),
    (no_bias, "leaves out the bias"),
    (broadcast, "broadcasts into an (m, m) table"),
    (broadcast_unsummed, "`d_beta` looks like a 1-D array (m,) subtracted from a column (m, 1)"),
    (transposed, "`d_alpha` is right. `d_beta` has the right numbers but is transposed: shape (3, 1), where (1, 3)"),
    (flattened, "`d_alpha` has the right numbers but lost a dimension: shape (), where (1, 1)"),
    (in_place, "changed the caller's `Y` in place"),
    (raises, "raised ValueError"),
    (one_output, "should return 2 things, (d_alpha, d_beta)"),
    (starter, "not written yet"),
])
def test_each_classic_mistake_is_named(mutant, diagnosis):
    result = check_huber_gradients(mutant)
    assert not result.passed
    assert diagnosis in result.message, result.message


def test_a_diagnosis_points_at_the_formula():
    message = check_huber_gradients(clipped_to_one).message
    assert "Look at the bounds of the clip in ∂J/∂α = −(1/m) Σ clip(yᵢ − ŷᵢ, −δ, δ)" in message


def test_an_exception_names_the_line_in_the_learners_function():
    message = check_huber_gradients(raises).message
    assert "line 3 of `raises`: `errors = Y - (alpha + X @ beta)`" in message
    assert "X of shape (1, 3)" in message and "delta = 10.9" in message
    assert "gdlib" not in message


def test_an_unmatched_mistake_shows_the_first_case_that_differs_not_the_code():
    def off_by_a_little(X, Y, alpha, beta, delta):
        d_alpha, d_beta = right_gradients(X, Y, alpha, beta, delta)
        return d_alpha, d_beta + 0.5

    message = check_huber_gradients(off_by_a_little).message
    assert "`d_alpha` is right" in message
    assert "`d_beta` differs from the expected value on a case with X of shape (1, 1)" in message
    assert "np.clip" not in message


def test_the_cases_put_some_errors_inside_and_some_outside_delta():
    cases = huber_gradients_cases()
    shapes = [case.args[0].shape for case in cases]
    assert any(m == 1 for m, _ in shapes) and any(n == 1 for _, n in shapes) and any(n > m for m, n in shapes)
    single = []
    for case in cases:
        X, Y, alpha, beta, delta = case.args
        sizes = np.abs(Y - (alpha + X @ beta.T))
        inside = int(np.sum(sizes <= delta))
        assert delta > 0 and abs(delta - 1.0) > 0.05
        if X.shape[0] == 1:
            single.append(inside)
        else:
            assert 0 < inside < X.shape[0], (X.shape, delta)
        assert np.all(alpha != 0) and np.all(beta != 0)
    assert sorted(single) == [0, 1]  # one single example clipped, one not
    deltas = [case.args[4] for case in cases]
    assert max(deltas) > 50 and min(deltas) < 0.1
