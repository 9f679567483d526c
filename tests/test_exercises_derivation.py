"""Notebook 01's checkers: each passes the reference and names every classic mistake, each written
here as a small mutant of a correct learner's function."""

import numpy as np
import pytest

import gdlib
from gdlib.exercises import check_mse_gradients, check_numerical_gradient


def right_gradients(X, Y, alpha, beta):
    m = X.shape[0]
    errors = Y - (alpha + X @ beta.T)
    return -(2 / m) * errors.sum(axis=0, keepdims=True), -(2 / m) * errors.T @ X


def flipped_sign(X, Y, alpha, beta):
    m = X.shape[0]
    errors = Y - (alpha + X @ beta.T)
    return (2 / m) * errors.sum(axis=0, keepdims=True), (2 / m) * errors.T @ X


def no_factor_two(X, Y, alpha, beta):
    m = X.shape[0]
    errors = Y - (alpha + X @ beta.T)
    return -(1 / m) * errors.sum(axis=0, keepdims=True), -(1 / m) * errors.T @ X


def sum_for_mean(X, Y, alpha, beta):
    errors = Y - (alpha + X @ beta.T)
    return -2 * errors.sum(axis=0, keepdims=True), -2 * errors.T @ X


def divides_by_n(X, Y, alpha, beta):
    n = X.shape[1]
    errors = Y - (alpha + X @ beta.T)
    return -(2 / n) * errors.sum(axis=0, keepdims=True), -(2 / n) * errors.T @ X


def mean_and_one_over_m(X, Y, alpha, beta):
    m = X.shape[0]
    errors = Y - (alpha + X @ beta.T)
    return -(2 / m) * np.mean(errors, axis=0, keepdims=True), -(2 / m) * np.mean(errors * X, axis=0, keepdims=True)


def summed_over_features(X, Y, alpha, beta):
    m = X.shape[0]
    errors = Y - (alpha + X @ beta.T)
    return -(2 / m) * errors.sum(axis=0, keepdims=True), -(2 / m) * np.sum(errors * X)


def transposed(X, Y, alpha, beta):
    m = X.shape[0]
    errors = Y - (alpha + X @ beta.T)
    return -(2 / m) * errors.sum(axis=0, keepdims=True), -(2 / m) * X.T @ errors


def flattened(X, Y, alpha, beta):
    m = X.shape[0]
    errors = Y - (alpha + X @ beta.T)
    return -(2 / m) * errors.sum(axis=0, keepdims=True), -(2 / m) * (errors.T @ X)[0]


def broadcast(X, Y, alpha, beta):
    m = X.shape[0]
    errors = Y.ravel() - (alpha + X @ beta.T)  # (m,) against (m, 1): an (m, m) table
    return -(2 / m) * errors.sum(), -(2 / m) * errors.T @ X


def broadcast_predictions(X, Y, alpha, beta):
    m = X.shape[0]
    errors = Y - (alpha + X @ beta[0])  # (m, 1) against (m,)
    return -(2 / m) * np.sum(errors).reshape(1, 1), -(2 / m) * errors.T @ X


def no_bias(X, Y, alpha, beta):
    m = X.shape[0]
    errors = Y - X @ beta.T
    return -(2 / m) * errors.sum(axis=0, keepdims=True), -(2 / m) * errors.T @ X


def in_place(X, Y, alpha, beta):
    m = X.shape[0]
    Y -= alpha + X @ beta.T
    return -(2 / m) * Y.sum(axis=0, keepdims=True), -(2 / m) * Y.T @ X


def raises(X, Y, alpha, beta):
    m = X.shape[0]
    errors = Y - (alpha + X @ beta)
    return -(2 / m) * errors.sum(axis=0, keepdims=True), -(2 / m) * errors.T @ X


def one_output(X, Y, alpha, beta):
    m = X.shape[0]
    return -(2 / m) * (Y - (alpha + X @ beta.T)).T @ X


def forgot_return(X, Y, alpha, beta):
    m = X.shape[0]
    -(2 / m) * (Y - (alpha + X @ beta.T)).T @ X


def starter(X, Y, alpha, beta):
    """The starter cell's body."""
    ...


def test_the_reference_and_a_learners_right_answer_pass():
    assert check_mse_gradients(gdlib.mse_gradients).passed
    result = check_mse_gradients(right_gradients)
    assert result.passed and "correct" in result.message


@pytest.mark.parametrize(("mutant", "diagnosis"), [
    (flipped_sign, "`d_alpha` and `d_beta` look like the sign is flipped"),
    (no_factor_two, "factor 2 is missing"),
    (sum_for_mean, "a sum where the mean belongs"),
    (divides_by_n, "number of features n instead of the number of examples m"),
    (mean_and_one_over_m, "`d_alpha` and `d_beta` look like it divides by m twice"),
    (summed_over_features, "`d_alpha` is right. `d_beta` looks like it sums over the features too"),
    (transposed, "`d_alpha` is right. `d_beta` has the right numbers but is transposed: shape (3, 1), where (1, 3)"),
    (flattened, "`d_beta` has the right numbers but lost a dimension: shape (1,), where (1, 1)"),
    (broadcast, "broadcasts into an (m, m) table"),
    (broadcast_predictions, "broadcasts into an (m, m) table"),
    (no_bias, "leaves out the bias"),
    (in_place, "changed the caller's `Y` in place"),
    (raises, "raised ValueError"),
    (one_output, "should return 2 things, (d_alpha, d_beta)"),
    (forgot_return, "returned None"),
    (starter, "not written yet"),
])
def test_each_classic_mistake_is_named(mutant, diagnosis):
    result = check_mse_gradients(mutant)
    assert not result.passed
    assert diagnosis in result.message, result.message


def test_an_exception_names_the_line_in_the_learners_function():
    message = check_mse_gradients(raises).message
    assert "line 3 of `raises`: `errors = Y - (alpha + X @ beta)`" in message
    assert "X of shape (1, 3)" in message  # the first case whose shapes break it
    assert "gdlib" not in message


def test_a_starter_is_not_a_wrong_answer():
    result = check_mse_gradients(starter)
    assert not result.passed and not result.written
    assert repr(result).startswith("… mse_gradients: not written yet")
    assert result._repr_markdown_().startswith("… **mse_gradients:** not written yet")


def test_an_unmatched_mistake_shows_the_first_case_that_differs_not_the_code():
    def off_by_a_little(X, Y, alpha, beta):
        d_alpha, d_beta = right_gradients(X, Y, alpha, beta)
        return d_alpha + 0.5, d_beta

    message = check_mse_gradients(off_by_a_little).message
    assert "`d_beta` is right" in message
    assert "`d_alpha` differs from the expected value on a case with X of shape (1, 1)" in message
    assert "expected [[" in message and "got [[" in message


def test_the_cases_cover_one_example_one_feature_and_more_features_than_examples():
    from gdlib.exercises.derivation import mse_gradients_exercise

    shapes = [case.args[0].shape for case in mse_gradients_exercise().cases]
    assert any(m == 1 for m, _ in shapes) and any(n == 1 for _, n in shapes)
    assert any(n > m for m, n in shapes)
    scales = [np.abs(case.args[0]).max() for case in mse_gradients_exercise().cases]
    assert max(scales) > 50 and min(scales) < 0.1
    assert all(np.all(case.args[2] != 0) and np.all(case.args[3] != 0) for case in mse_gradients_exercise().cases)


def central(f, x, eps=1e-6):
    gradient = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        up, down = x.copy(), x.copy()
        up[i] += eps
        down[i] -= eps
        gradient[i] = (f(up) - f(down)) / (2 * eps)
    return gradient


def forward(f, x, eps=1e-6):
    gradient = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        up = x.copy()
        up[i] += eps
        gradient[i] = (f(up) - f(x)) / eps
    return gradient


def over_eps(f, x, eps=1e-6):
    gradient = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        up, down = x.copy(), x.copy()
        up[i] += eps
        down[i] -= eps
        gradient[i] = (f(up) - f(down)) / eps
    return gradient


def all_at_once(f, x, eps=1e-6):
    return np.full_like(x, (f(x + eps) - f(x - eps)) / (2 * eps))


def no_reset(f, x, eps=1e-6):
    x = x.copy()
    gradient = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        x[i] += eps
        up = f(x)
        x[i] -= eps
        gradient[i] = (up - f(x)) / (2 * eps)
    return gradient


def moves_callers_x(f, x, eps=1e-6):
    gradient = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        x[i] += eps
        up = f(x)
        x[i] -= 2 * eps
        gradient[i] = (up - f(x)) / (2 * eps)
    return gradient


def row_at_a_time(f, x, eps=1e-6):
    gradient = np.zeros_like(x)
    for i in range(len(x)):
        up, down = x.copy(), x.copy()
        up[i] += eps
        down[i] -= eps
        gradient[i] = (f(up) - f(down)) / (2 * eps)
    return gradient


def fixed_step(f, x, eps=1e-6):
    gradient = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        up, down = x.copy(), x.copy()
        up[i] += 1e-6
        down[i] -= 1e-6
        gradient[i] = (f(up) - f(down)) / (2 * 1e-6)
    return gradient


def flat_gradient(f, x, eps=1e-6):
    return central(f, x, eps).ravel()


def test_central_differences_pass():
    assert check_numerical_gradient(gdlib.numerical_gradient).passed
    assert check_numerical_gradient(central).passed


@pytest.mark.parametrize(("mutant", "diagnosis"), [
    (forward, "a forward difference (f(x + h) − f(x)) / h"),
    (over_eps, "divides by h instead of 2h"),
    (all_at_once, "every entry of x moved at once"),
    (no_reset, "the step down starts from x + h eᵢ"),
    (moves_callers_x, "changed the caller's `x` in place"),
    (flat_gradient, "lost a dimension"),
    (row_at_a_time, "the loop runs over the rows of x"),
    (fixed_step, "always steps by 1e-6, whatever eps"),
    (all_at_once, "move one entry at a time"),
])
def test_each_central_difference_mistake_is_named(mutant, diagnosis):
    result = check_numerical_gradient(mutant)
    assert not result.passed
    assert diagnosis in result.message, result.message


def test_the_summed_d_beta_is_told_its_shape_too():
    message = check_mse_gradients(summed_over_features).message
    assert "the sum runs over the examples i only" in message
    assert "`d_beta` has shape () where (1, 1) is expected" in message


def test_the_numerical_cases_cover_a_point_with_several_rows_and_steps_other_than_the_default():
    from gdlib.exercises.derivation import numerical_gradient_exercise

    cases = numerical_gradient_exercise().cases
    assert any(case.args[1].shape[0] > 1 and case.args[1].shape[1] > 1 for case in cases)
    assert {case.args[2] for case in cases} >= {1e-6, 1e-3, 1e-2}


def test_a_diagnosis_prefers_the_mistake_that_explains_every_output():
    # The broadcast table's d_alpha equals "a sum where the mean belongs"; its d_beta only the broadcast
    # explains. One mistake explaining both is the likelier story, so both are named after it.
    message = check_mse_gradients(broadcast).message
    assert message.startswith("`d_alpha` and `d_beta` look like a 1-D array (m,) subtracted from a column")
    assert "a sum where the mean belongs" not in message


def test_the_central_difference_messages_call_the_step_h_as_the_notebook_does():
    """The notation calls the finite-difference step h (ε is a noise term); the code's argument is eps."""
    from gdlib.exercises.derivation import NUMERICAL_MISTAKES

    for mistake in NUMERICAL_MISTAKES:
        assert "ε" not in mistake.says + mistake.look_at
    message = check_numerical_gradient(fixed_step).message
    assert "(f(x + h eᵢ) − f(x − h eᵢ)) / (2h): use the argument `eps` as h" in message
