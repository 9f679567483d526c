"""gdlib.exercises.worked_example: the gradient-descent checker's held-out cases (the seeded
regression problems, their iterations, and learning rates that are the documented fractions of each
problem's critical rate, computed here from an SVD), and the feedback a learner reads, word for word.

Written for the survivors of `make mutants`.
"""

import numpy as np
import pytest

from gdlib.exercises import check_gradient_descent
from gdlib.exercises.cases import regression_problems
from gdlib.exercises.worked_example import gradient_descent_exercise

#: (iterations, fraction of the critical learning rate), one per problem, as documented in the module.
RUNS = ((0, 0.5), (1, 0.8), (3, 0.6), (2, 0.9), (5, 0.4), (4, 0.7), (6, 0.3))


def _critical_rate(X):
    """2 / λmax of H = (2/m) AᵀA, A = [1 | X]: λmax = (2/m) σmax(A)², from the singular values."""
    m = X.shape[0]
    A = np.hstack([np.ones((m, 1)), X])
    return m / np.linalg.svd(A, compute_uv=False)[0] ** 2


def test_the_cases_are_the_seeded_problems_with_their_iterations_and_rates_every_time():
    cases, again = gradient_descent_exercise().cases, gradient_descent_exercise().cases
    problems = regression_problems(3)  # seed 3, the exercise's default
    assert len(cases) == len(problems) == len(RUNS)
    for case, other, (X, Y, alpha, beta), (iterations, fraction) in zip(cases, again, problems, RUNS, strict=True):
        assert case.names == ("X", "Y", "learning_rate", "iterations", "alpha", "beta")
        got_X, got_Y, rate, got_iterations, got_alpha, got_beta = case.args
        for got, want in ((got_X, X), (got_Y, Y), (got_alpha, alpha), (got_beta, beta)):
            np.testing.assert_array_equal(got, want)
        assert got_iterations == iterations
        assert rate == pytest.approx(fraction * _critical_rate(X), rel=5e-3)  # rounded to 3 digits
        assert float(f"{rate:.3g}") == rate
        for got, want in zip(case.args, other.args, strict=True):
            np.testing.assert_array_equal(got, want)


def test_a_value_or_a_starter_is_named_with_the_functions_name():
    assert repr(check_gradient_descent(0.1)) == (
        "✘ gradient_descent: expected a function, got float: pass the function itself, `gradient_descent`, "
        "without calling it.")

    def starter(X, Y, learning_rate, iterations, alpha, beta):
        ...

    assert check_gradient_descent(starter).message == (
        "not written yet. Replace the `...` in `gradient_descent` with your code, run that cell, then run "
        "this one again.")


def test_an_exception_names_every_argument_of_the_first_case():
    def stops(X, Y, learning_rate, iterations, alpha, beta):
        raise RuntimeError("stop here")

    rate = gradient_descent_exercise().cases[0].args[2]
    assert check_gradient_descent(stops).message == (
        'your function raised RuntimeError: stop here at line 2 of `stops`: `raise RuntimeError("stop here")`. '
        f"It was called with X of shape (1, 1), Y of shape (1, 1), learning_rate = {rate!r}, iterations = 0, "
        "alpha of shape (1, 1), beta of shape (1, 1).")
