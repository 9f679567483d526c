"""Notebook 02's checker: it passes the reference and names every classic mistake of the loop, each
written here as a small mutant of a correct learner's function."""

import numpy as np
import pytest

import gdlib
from gdlib.exercises import check_gradient_descent


def reference(X, Y, learning_rate, iterations, alpha, beta):
    result = gdlib.gradient_descent(X, Y, learning_rate, iterations, alpha, beta)
    return result.alpha, result.beta


def right_loop(X, Y, learning_rate, iterations, alpha, beta):
    m = X.shape[0]
    for _ in range(iterations):
        errors = Y - (alpha + X @ beta.T)
        d_alpha = -(2 / m) * errors.sum(axis=0, keepdims=True)
        d_beta = -(2 / m) * errors.T @ X
        alpha = alpha - learning_rate * d_alpha
        beta = beta - learning_rate * d_beta
    return alpha, beta


def right_on_copies(X, Y, learning_rate, iterations, alpha, beta):
    alpha, beta = alpha.copy(), beta.copy()
    m = X.shape[0]
    k = 0
    while k < iterations:
        errors = Y - (alpha + X @ beta.T)
        alpha -= learning_rate * (-2 / m) * np.sum(errors)
        beta -= learning_rate * (-2 / m) * (errors.T @ X)
        k += 1
    return alpha, beta


def ascent(X, Y, learning_rate, iterations, alpha, beta):
    m = X.shape[0]
    for _ in range(iterations):
        errors = Y - (alpha + X @ beta.T)
        d_alpha = -(2 / m) * errors.sum(axis=0, keepdims=True)
        d_beta = -(2 / m) * errors.T @ X
        alpha = alpha + learning_rate * d_alpha
        beta = beta + learning_rate * d_beta
    return alpha, beta


def no_factor_two(X, Y, learning_rate, iterations, alpha, beta):
    m = X.shape[0]
    for _ in range(iterations):
        errors = Y - (alpha + X @ beta.T)
        alpha = alpha - learning_rate * -(1 / m) * errors.sum(axis=0, keepdims=True)
        beta = beta - learning_rate * -(1 / m) * errors.T @ X
    return alpha, beta


def sum_for_mean(X, Y, learning_rate, iterations, alpha, beta):
    for _ in range(iterations):
        errors = Y - (alpha + X @ beta.T)
        alpha = alpha - learning_rate * -2 * errors.sum(axis=0, keepdims=True)
        beta = beta - learning_rate * -2 * errors.T @ X
    return alpha, beta


def one_too_many(X, Y, learning_rate, iterations, alpha, beta):
    m = X.shape[0]
    for _ in range(iterations + 1):
        errors = Y - (alpha + X @ beta.T)
        alpha = alpha - learning_rate * -(2 / m) * errors.sum(axis=0, keepdims=True)
        beta = beta - learning_rate * -(2 / m) * errors.T @ X
    return alpha, beta


def one_too_many_while(X, Y, learning_rate, iterations, alpha, beta):
    m = X.shape[0]
    k = 0
    while k <= iterations:
        errors = Y - (alpha + X @ beta.T)
        alpha = alpha - learning_rate * -(2 / m) * errors.sum(axis=0, keepdims=True)
        beta = beta - learning_rate * -(2 / m) * errors.T @ X
        k += 1
    return alpha, beta


def one_too_few(X, Y, learning_rate, iterations, alpha, beta):
    m = X.shape[0]
    for _ in range(1, iterations):
        errors = Y - (alpha + X @ beta.T)
        alpha = alpha - learning_rate * -(2 / m) * errors.sum(axis=0, keepdims=True)
        beta = beta - learning_rate * -(2 / m) * errors.T @ X
    return alpha, beta


def alpha_first(X, Y, learning_rate, iterations, alpha, beta):
    m = X.shape[0]
    for _ in range(iterations):
        errors = Y - (alpha + X @ beta.T)
        alpha = alpha - learning_rate * -(2 / m) * errors.sum(axis=0, keepdims=True)
        errors = Y - (alpha + X @ beta.T)  # recomputed with the new alpha
        beta = beta - learning_rate * -(2 / m) * errors.T @ X
    return alpha, beta


def beta_first(X, Y, learning_rate, iterations, alpha, beta):
    m = X.shape[0]
    for _ in range(iterations):
        beta = beta - learning_rate * -(2 / m) * (Y - (alpha + X @ beta.T)).T @ X
        alpha = alpha - learning_rate * -(2 / m) * np.sum(Y - (alpha + X @ beta.T), keepdims=True)
    return alpha, beta


def no_bias(X, Y, learning_rate, iterations, alpha, beta):
    m = X.shape[0]
    for _ in range(iterations):
        errors = Y - X @ beta.T
        alpha = alpha - learning_rate * -(2 / m) * errors.sum(axis=0, keepdims=True)
        beta = beta - learning_rate * -(2 / m) * errors.T @ X
    return alpha, beta


def gradient_once(X, Y, learning_rate, iterations, alpha, beta):
    m = X.shape[0]
    errors = Y - (alpha + X @ beta.T)
    d_alpha = -(2 / m) * errors.sum(axis=0, keepdims=True)
    d_beta = -(2 / m) * errors.T @ X
    for _ in range(iterations):
        alpha = alpha - learning_rate * d_alpha
        beta = beta - learning_rate * d_beta
    return alpha, beta


def no_learning_rate(X, Y, learning_rate, iterations, alpha, beta):
    m = X.shape[0]
    for _ in range(iterations):
        errors = Y - (alpha + X @ beta.T)
        alpha = alpha - -(2 / m) * errors.sum(axis=0, keepdims=True)
        beta = beta - -(2 / m) * errors.T @ X
    return alpha, beta


def in_place(X, Y, learning_rate, iterations, alpha, beta):
    m = X.shape[0]
    for _ in range(iterations):
        errors = Y - (alpha + X @ beta.T)
        alpha -= learning_rate * -(2 / m) * errors.sum(axis=0, keepdims=True)
        beta -= learning_rate * -(2 / m) * errors.T @ X
    return alpha, beta


def in_place_alpha_only(X, Y, learning_rate, iterations, alpha, beta):
    m = X.shape[0]
    for _ in range(iterations):
        errors = Y - (alpha + X @ beta.T)
        alpha -= learning_rate * -(2 / m) * errors.sum(axis=0, keepdims=True)
        beta = beta - learning_rate * -(2 / m) * errors.T @ X
    return alpha, beta


def beta_transposed(X, Y, learning_rate, iterations, alpha, beta):
    alpha, beta = right_loop(X, Y, learning_rate, iterations, alpha, beta)
    return alpha, beta.T


def beta_flattened(X, Y, learning_rate, iterations, alpha, beta):
    alpha, beta = right_loop(X, Y, learning_rate, iterations, alpha, beta)
    return alpha, beta.ravel()


def alpha_as_number(X, Y, learning_rate, iterations, alpha, beta):
    alpha, beta = right_loop(X, Y, learning_rate, iterations, alpha, beta)
    return float(alpha[0, 0]), beta


def returns_the_result(X, Y, learning_rate, iterations, alpha, beta):
    return gdlib.gradient_descent(X, Y, learning_rate, iterations, alpha, beta)


def raises(X, Y, learning_rate, iterations, alpha, beta):
    m = X.shape[0]
    for _ in range(iterations):
        errors = Y - (alpha + X @ beta)
        alpha = alpha - learning_rate * -(2 / m) * errors.sum(axis=0, keepdims=True)
        beta = beta - learning_rate * -(2 / m) * errors.T @ X
    return alpha, beta


def forgot_return(X, Y, learning_rate, iterations, alpha, beta):
    right_loop(X, Y, learning_rate, iterations, alpha, beta)


def starter(X, Y, learning_rate, iterations, alpha, beta):
    """The starter cell's body."""
    ...


def test_the_reference_and_a_learners_right_answers_pass():
    assert check_gradient_descent(reference).passed
    result = check_gradient_descent(right_loop)
    assert result.passed and "correct on all 7 held-out cases" in result.message
    assert check_gradient_descent(right_on_copies).passed


@pytest.mark.parametrize(("mutant", "diagnosis"), [
    (ascent, "`alpha` and `beta` look like the sign is flipped, so each step goes uphill"),
    (no_factor_two, "the factor 2 is missing"),
    (sum_for_mean, "a sum where the mean belongs"),
    (one_too_many, "look like one update too many"),
    (one_too_many_while, "look like one update too many"),
    (one_too_few, "look like one update too few"),
    (alpha_first, "α is updated before β's gradient is computed, so β's step uses the new α"),
    (beta_first, "β is updated before α's gradient is computed"),
    (no_bias, "the prediction leaves out the bias"),
    (gradient_once, "the gradients are computed once, before the loop"),
    (no_learning_rate, "the learning rate is missing"),
    (in_place, "changed the caller's `alpha` and `beta` in place"),
    (in_place_alpha_only, "changed the caller's `alpha` in place"),
    (beta_transposed, "`alpha` is right. `beta` has the right numbers but is transposed: shape (3, 1), where (1, 3)"),
    (beta_flattened, "`beta` has the right numbers but lost a dimension: shape (1,), where (1, 1)"),
    (alpha_as_number, "`alpha` has the right numbers but lost a dimension: shape (), where (1, 1)"),
    (returns_the_result, "should return 2 things, (alpha, beta), but returned one DescentResult"),
    (raises, "raised ValueError"),
    (forgot_return, "returned None"),
    (starter, "not written yet"),
])
def test_each_classic_mistake_is_named(mutant, diagnosis):
    result = check_gradient_descent(mutant)
    assert not result.passed
    assert diagnosis in result.message, result.message


def test_the_off_by_one_mistakes_point_at_the_loop():
    message = check_gradient_descent(one_too_few).message
    assert "makes exactly `iterations` updates" in message


def test_an_exception_names_the_line_in_the_learners_function():
    message = check_gradient_descent(raises).message
    assert "line 4 of `raises`: `errors = Y - (alpha + X @ beta)`" in message
    assert "X of shape (1, 3)" in message  # the first case whose shapes break it: (1, 1) still broadcasts
    assert "gdlib" not in message


def test_a_starter_is_not_a_wrong_answer():
    result = check_gradient_descent(starter)
    assert not result.passed and not result.written
    assert repr(result).startswith("… gradient_descent: not written yet")


def test_an_unmatched_mistake_shows_the_first_case_that_differs_not_the_code():
    def half_step_for_alpha(X, Y, learning_rate, iterations, alpha, beta):
        m = X.shape[0]
        for _ in range(iterations):
            errors = Y - (alpha + X @ beta.T)
            alpha = alpha - 0.5 * learning_rate * -(2 / m) * errors.sum(axis=0, keepdims=True)
            beta = beta - learning_rate * -(2 / m) * errors.T @ X
        return alpha, beta

    message = check_gradient_descent(half_step_for_alpha).message
    assert "differs from the expected value on a case with X of shape (1, 3)" in message
    assert "iterations = 1" in message
    assert "expected [[" in message and "got [[" in message


def _cases():
    from gdlib.exercises.worked_example import gradient_descent_exercise

    return gradient_descent_exercise().cases


def test_the_cases_cover_awkward_shapes_and_0_1_and_more_iterations():
    shapes = [case.args[0].shape for case in _cases()]
    assert any(m == 1 for m, _ in shapes) and any(n == 1 for _, n in shapes)
    assert any(n > m for m, n in shapes)
    iterations = [case.args[3] for case in _cases()]
    assert {0, 1} <= set(iterations) and max(iterations) >= 5
    assert all(np.all(case.args[4] != 0) and np.all(case.args[5] != 0) for case in _cases())


def _critical_by_numpy(X):
    A = np.hstack([np.ones((X.shape[0], 1)), X])
    return 2.0 / np.linalg.eigvalsh(2.0 / X.shape[0] * A.T @ A).max()


def test_every_learning_rate_is_between_0_3_and_0_9_of_the_critical_rate():
    for case in _cases():
        X, _, learning_rate, *_ = case.args
        assert 0.29 <= learning_rate / _critical_by_numpy(X) <= 0.91


def test_the_reference_makes_every_update_and_no_mistake_overflows():
    from gdlib.exercises.worked_example import LOOP_MISTAKES

    for case in _cases():
        result = gdlib.gradient_descent(*case.args)
        assert result.iterations_run == case.args[3] and not result.diverged
        for mistake in LOOP_MISTAKES:
            with np.errstate(all="raise"):
                alpha, beta = mistake.gives(*case.args)
            assert np.all(np.isfinite(alpha)) and np.all(np.isfinite(beta))


def test_each_mistake_changes_the_answer_on_some_case():
    from gdlib.exercises.worked_example import LOOP_MISTAKES

    for mistake in LOOP_MISTAKES:
        differs = False
        for case in _cases():
            want = right_loop(*case.args)
            got = mistake.gives(*case.args)
            differs |= not all(np.allclose(g, w, rtol=1e-3) for g, w in zip(got, want, strict=True))
        assert differs, mistake.says
