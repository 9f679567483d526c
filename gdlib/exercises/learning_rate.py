"""Notebook 03's coding exercise: the critical learning rate 2 / λmax of the MSE Hessian.

check_critical_learning_rate(fn) runs the learner's critical_learning_rate(X) on held-out inputs,
compares it with gdlib.critical_learning_rate, and names the classic mistake its results match.

Not listed as a mistake: the eigenvalues of the (m, m) matrix A Aᵀ instead of the (n + 1, n + 1)
matrix Aᵀ A. The two share their non-zero eigenvalues, so λmax, and the answer, are the same.
For the same reason (2/m) X Xᵀ gives what the Hessian without its bias column gives.
"""

from __future__ import annotations

import numpy as np

from gdlib.curvature import critical_learning_rate
from gdlib.exercises.cases import regression_problems
from gdlib.exercises.checking import Case, CheckResult, Exercise, Mistake, check_function

_RATE = "the critical rate η = 2/λmax"
_HESSIAN = "H = (2/m) AᵀA with A = [1 | X]"


def _hessian(X, *, bias: bool = True, factor=lambda m: 2.0 / m) -> np.ndarray:
    """factor(m) AᵀA with A = [1 | X], or A = X without the bias: the Hessian, or a learner's slip."""
    m = X.shape[0]
    A = np.hstack([np.ones((m, 1)), X]) if bias else X
    return factor(m) * (A.T @ A)


def _largest(H) -> float:
    return np.linalg.eigvalsh(H)[-1]


def _invertible(X) -> bool:
    """H is invertible, so λmin is not 0, only with more examples than features (m > n)."""
    return X.shape[0] > X.shape[1]


MISTAKES = (
    Mistake("2 divided by the smallest eigenvalue of H, not the largest (np.linalg.eigvalsh sorts them "
            "in increasing order, so the largest is the last one, [-1])",
            f"{_RATE}: the steepest direction is the one that limits the learning rate",
            lambda X: 2.0 / np.linalg.eigvalsh(_hessian(X))[0]),
    Mistake("2 divided by every eigenvalue of H: return one number, 2 over the largest",
            f"{_RATE}: take the last entry of `np.linalg.eigvalsh(H)`",
            lambda X: 2.0 / np.linalg.eigvalsh(_hessian(X))),
)

MISTAKES = (
    Mistake("the column of ones for α is missing: that is the Hessian of the weights alone, (2/m) XᵀX",
            f"{_HESSIAN}: put a column of ones in front of X, `np.hstack([np.ones((m, 1)), X])`",
            lambda X: 2.0 / _largest(_hessian(X, bias=False))),
    Mistake("1/λmax: the 2 of 2/λmax is missing (1/λmax is where the zigzag starts, not where "
            "divergence starts)", f"{_RATE}: a step factor 1 − ηλ reaches −1 at η = 2/λ",
            lambda X: 1.0 / _largest(_hessian(X))),
    Mistake("the Hessian is missing its factor 2, (1/m) AᵀA (the 2 comes down from the square in J)",
            _HESSIAN, lambda X: 2.0 / _largest(_hessian(X, factor=lambda m: 1.0 / m))),
    Mistake("the Hessian is a sum where the mean belongs, 2 AᵀA (the 1/m is missing)",
            f"the 2/m in {_HESSIAN}", lambda X: 2.0 / _largest(_hessian(X, factor=lambda m: 2.0))),
    Mistake("2 divided by the largest entry of H, not by its largest eigenvalue",
            f"{_RATE}: the eigenvalues come from `np.linalg.eigvalsh(H)`", lambda X: 2.0 / np.max(_hessian(X))),
    # Where H is singular (m = 1 or n >= m) its smallest eigenvalue is 0, and 2/λmin is infinite or
    # rounding noise that no mutant reproduces: these two are recognised on the other inputs.
    Mistake("2 divided by the smallest eigenvalue of H, not the largest (np.linalg.eigvalsh sorts them "
            "in increasing order, so the largest is the last one, [-1])",
            f"{_RATE}: the steepest direction is the one that limits the learning rate",
            lambda X: 2.0 / np.linalg.eigvalsh(_hessian(X))[0], where=_invertible),
    Mistake("2 divided by every eigenvalue of H: return one number, 2 over the largest",
            f"{_RATE}: take the last entry of `np.linalg.eigvalsh(H)`",
            lambda X: 2.0 / np.linalg.eigvalsh(_hessian(X)), where=_invertible),
)


#: (m, n, scale of X): one example, one feature, more features than examples, large and small values.
SHAPES = ((1, 1, 3.0), (1, 3, 2.0), (5, 1, 30.0), (2, 5, 0.5), (7, 3, 1.0), (6, 2, 0.01), (4, 4, 100.0),
          (40, 1, 1.0))


def _inputs(seed: int) -> list[np.ndarray]:
    return [X for X, _, _, _ in regression_problems(seed, SHAPES)]


def critical_learning_rate_exercise(seed: int = 3) -> Exercise:
    """The held-out inputs, reference and mistakes of the critical_learning_rate exercise."""
    return Exercise(
        title="critical_learning_rate",
        function_name="critical_learning_rate",
        outputs=("critical_rate",),
        reference=critical_learning_rate,
        cases=[Case((X,), ("X",)) for X in _inputs(seed)],
        mistakes=MISTAKES,
    )


def check_critical_learning_rate(function) -> CheckResult:
    """Check a learner's critical_learning_rate(X) -> one number, 2 / λmax of H = (2/m) AᵀA, A = [1 | X].

    X: (m, n). A float, or a (1, 1) array holding the number, is accepted. Returns a CheckResult
    naming the mistake (no bias column, 1/λmax, 2/λmin, H without its 2 or its 1/m, the largest
    entry of H, every eigenvalue, changing X in place).
    """
    return check_function(function, critical_learning_rate_exercise())
