"""gdlib.exercises.learning_rate: the critical-learning-rate checker's held-out inputs (the seeded
regression problems of the documented shapes), the 2/λmin mistakes recognised only where H is
invertible (m > n), and the feedback a learner reads, word for word.

Written for the survivors of `make mutants`.
"""

import numpy as np

from gdlib.exercises import check_critical_learning_rate
from gdlib.exercises.cases import regression_problems
from gdlib.exercises.learning_rate import critical_learning_rate_exercise

#: (m, n, scale of X) as documented in the module: one example, one feature, n > m, m = n, far from 1.
SHAPES = ((1, 1, 3.0), (1, 3, 2.0), (5, 1, 30.0), (2, 5, 0.5), (7, 3, 1.0), (6, 2, 0.01), (4, 4, 100.0),
          (40, 1, 1.0))


def test_the_inputs_are_the_seeded_problems_of_the_documented_shapes_every_time():
    cases, again = critical_learning_rate_exercise().cases, critical_learning_rate_exercise().cases
    problems = regression_problems(3, SHAPES)  # seed 3, the exercise's default
    assert len(cases) == len(problems) == 8
    for case, other, (X, _, _, _) in zip(cases, again, problems, strict=True):
        assert case.names == ("X",)
        np.testing.assert_array_equal(case.args[0], X)
        np.testing.assert_array_equal(other.args[0], X)


def _hessian(X):
    m = X.shape[0]
    A = np.hstack([np.ones((m, 1)), X])
    return (2.0 / m) * (A.T @ A)


def smallest(X):
    """2/λmin, with the eigenvalues from np.linalg.eigvals (whose rounding noise differs from
    eigvalsh's where H is singular, so that only the invertible cases can recognise it)."""
    return 2.0 / np.sort(np.linalg.eigvals(_hessian(X)).real)[0]


def every(X):
    return 2.0 / np.sort(np.linalg.eigvals(_hessian(X)).real)


def test_the_smallest_eigenvalue_mistakes_are_recognised_on_the_invertible_cases_only():
    assert check_critical_learning_rate(smallest).message == (
        "`critical_rate` looks like 2 divided by the smallest eigenvalue of H, not the largest "
        "(np.linalg.eigvalsh sorts them in increasing order, so the largest is the last one, [-1]). Look at the "
        "critical rate η = 2/λmax: the steepest direction is the one that limits the learning rate.")
    assert check_critical_learning_rate(every).message == (
        "`critical_rate` looks like 2 divided by every eigenvalue of H: return one number, 2 over the largest. "
        "Look at the critical rate η = 2/λmax: take the last entry of `np.linalg.eigvalsh(H)`. Also, "
        "`critical_rate` should be one number, but it has shape (2,).")


def test_a_value_or_a_starter_is_named_with_the_functions_name():
    assert repr(check_critical_learning_rate(0.5)) == (
        "✘ critical_learning_rate: expected a function, got float: pass the function itself, "
        "`critical_learning_rate`, without calling it.")

    def starter(X):
        """Return 2 / λmax."""

    assert check_critical_learning_rate(starter).message == (
        "not written yet. Replace the `...` in `critical_learning_rate` with your code, run that cell, then run "
        "this one again.")
