"""Notebook 03's checker: it passes the reference and right answers written in other ways, and names
every classic mistake, each written here as a small mutant of a correct learner's function."""

import numpy as np
import pytest

import gdlib
from gdlib.exercises import check_critical_learning_rate
from gdlib.exercises.learning_rate import critical_learning_rate_exercise


def right(X):
    m = X.shape[0]
    A = np.hstack([np.ones((m, 1)), X])
    H = (2 / m) * A.T @ A
    return float(2 / np.linalg.eigvalsh(H)[-1])


def right_as_a_1_by_1_array(X):
    m = X.shape[0]
    A = np.hstack([np.ones((m, 1)), X])
    largest = np.linalg.eigvalsh((2 / m) * A.T @ A)[-1]
    return np.array([[2 / largest]])


def right_by_singular_values(X):
    m = X.shape[0]
    A = np.hstack([np.ones((m, 1)), X])
    largest_singular_value = np.linalg.svd(A, compute_uv=False)[0]
    return 2 / ((2 / m) * largest_singular_value**2)


def right_from_the_m_by_m_matrix(X):
    # A Aᵀ (m, m) and Aᵀ A (n + 1, n + 1) share their non-zero eigenvalues: not a mistake.
    m = X.shape[0]
    A = np.hstack([np.ones((m, 1)), X])
    return 2 / np.max(np.linalg.eigvals((2 / m) * A @ A.T).real)


def no_bias_column(X):
    m = X.shape[0]
    H = (2 / m) * X.T @ X
    return 2 / np.linalg.eigvalsh(H)[-1]


def no_bias_m_by_m(X):
    m = X.shape[0]
    return 2 / np.linalg.eigvalsh((2 / m) * X @ X.T)[-1]


def one_over_largest(X):
    m = X.shape[0]
    A = np.hstack([np.ones((m, 1)), X])
    return 1 / np.linalg.eigvalsh((2 / m) * A.T @ A)[-1]


def over_smallest(X):
    m = X.shape[0]
    A = np.hstack([np.ones((m, 1)), X])
    return 2 / np.linalg.eigvalsh((2 / m) * A.T @ A)[0]


def hessian_without_two(X):
    m = X.shape[0]
    A = np.hstack([np.ones((m, 1)), X])
    return 2 / np.linalg.eigvalsh(A.T @ A / m)[-1]


def hessian_without_one_over_m(X):
    A = np.hstack([np.ones((X.shape[0], 1)), X])
    return 2 / np.linalg.eigvalsh(2 * A.T @ A)[-1]


def largest_entry(X):
    m = X.shape[0]
    A = np.hstack([np.ones((m, 1)), X])
    return 2 / np.max((2 / m) * A.T @ A)


def every_eigenvalue(X):
    m = X.shape[0]
    A = np.hstack([np.ones((m, 1)), X])
    return 2 / np.linalg.eigvalsh((2 / m) * A.T @ A)


def in_place(X):
    m = X.shape[0]
    X *= np.sqrt(2 / m)  # scales the caller's X
    A = np.hstack([np.full((m, 1), np.sqrt(2 / m)), X])
    return 2 / np.linalg.eigvalsh(A.T @ A)[-1]


def raises(X):
    m = X.shape[0]
    A = np.hstack([np.ones(m), X])
    return 2 / np.linalg.eigvalsh((2 / m) * A.T @ A)[-1]


def forgot_return(X):
    m = X.shape[0]
    A = np.hstack([np.ones((m, 1)), X])
    2 / np.linalg.eigvalsh((2 / m) * A.T @ A)[-1]


def starter(X):
    """The starter cell's body."""
    ...


@pytest.mark.parametrize("function", [gdlib.critical_learning_rate, right, right_as_a_1_by_1_array,
                                      right_by_singular_values, right_from_the_m_by_m_matrix])
def test_the_reference_and_right_answers_in_any_form_pass(function):
    result = check_critical_learning_rate(function)
    assert result.passed and "correct on all 8 held-out cases" in result.message, result.message


@pytest.mark.parametrize(("mutant", "diagnosis"), [
    (no_bias_column, "the column of ones for α is missing"),
    (no_bias_m_by_m, "the column of ones for α is missing"),
    (one_over_largest, "1/λmax: the 2 of 2/λmax is missing"),
    (over_smallest, "2 divided by the smallest eigenvalue of H"),
    (hessian_without_two, "the Hessian is missing its factor 2"),
    (hessian_without_one_over_m, "a sum where the mean belongs"),
    (largest_entry, "the largest entry of H"),
    (every_eigenvalue, "2 divided by every eigenvalue of H"),
    (in_place, "changed the caller's `X` in place"),
    (raises, "raised ValueError"),
    (forgot_return, "returned None"),
    (starter, "not written yet"),
])
def test_each_classic_mistake_is_named(mutant, diagnosis):
    result = check_critical_learning_rate(mutant)
    assert not result.passed
    assert diagnosis in result.message, result.message


def test_a_diagnosis_points_at_the_formula():
    message = check_critical_learning_rate(hessian_without_two).message
    assert message.startswith("`critical_rate` looks like the Hessian is missing its factor 2")
    assert "Look at H = (2/m) AᵀA with A = [1 | X]" in message
    message = check_critical_learning_rate(every_eigenvalue).message
    assert "should be one number, but it has shape (2,)" in message  # the first invertible input has n = 1


def test_an_exception_names_the_line_in_the_learners_function():
    message = check_critical_learning_rate(raises).message
    assert "line 3 of `raises`: `A = np.hstack([np.ones(m), X])`" in message
    assert "X of shape (1, 1)" in message and "gdlib" not in message


def test_a_starter_is_not_a_wrong_answer():
    result = check_critical_learning_rate(starter)
    assert not result.passed and not result.written
    assert repr(result).startswith("… critical_learning_rate: not written yet")


def test_an_unmatched_mistake_shows_the_first_case_that_differs():
    def a_little_off(X):
        return 1.01 * right(X)

    message = check_critical_learning_rate(a_little_off).message
    assert "`critical_rate` differs from the expected value on a case with X of shape (1, 1)" in message
    assert "looks like" not in message


def test_the_cases_cover_awkward_shapes_and_scales():
    cases = critical_learning_rate_exercise().cases
    shapes = [case.args[0].shape for case in cases]
    assert any(m == 1 for m, _ in shapes) and any(n == 1 for _, n in shapes) and any(n > m for m, n in shapes)
    sizes = [np.abs(case.args[0]).max() for case in cases]
    assert max(sizes) > 50 and min(sizes) < 0.1
    invertible = [case for case in cases if case.args[0].shape[0] > case.args[0].shape[1]]
    assert len(invertible) >= 3  # where the mistakes with λmin can be recognised


def test_every_mistake_changes_the_answer_on_some_case():
    # Hand-made inputs with known answers: x = (1, 2, 3, 6) gives H = [[2, 6], [6, 25]] (see notebook 03's
    # exercise), so λ = (27 ± √673) / 2; each mutant must move the answer away from 4 / (27 + √673).
    X = np.array([[1.0], [2.0], [3.0], [6.0]])
    expected = 4 / (27 + np.sqrt(673))
    assert np.isclose(right(X), expected)
    for mutant in (no_bias_column, one_over_largest, over_smallest, hessian_without_two,
                   hessian_without_one_over_m, largest_entry):
        assert not np.isclose(mutant(X.copy()), expected), mutant.__name__
