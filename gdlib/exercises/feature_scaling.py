"""Notebook 06's coding exercise: standardize the features.

check_standardize(fn) runs the learner's standardize(X) on held-out inputs, compares it with
gdlib.standardize (each column's mean, and its population standard deviation, ddof = 0), and names
the classic mistake its outputs match.
"""

from __future__ import annotations

import numpy as np

from gdlib.exercises.checking import Case, CheckResult, Exercise, Mistake, check_function
from gdlib.scaling import standardize

_Z = "Z = (X − mean) / std"
_PER_COLUMN = "the axis of the mean and the std: one of each per column (per feature), `axis=0, keepdims=True`"


def _standardized(X, *, axis=0, ddof: int = 0, centre: bool = True, scale: bool = True,
                  variance: bool = False):
    """(Z, mean, std) with the statistics over `axis` (None: the whole array), the given ddof, and
    optionally without centring, without scaling, or divided by the variance; a mutant of the
    reference, to recognise a learner's mistake."""
    keep = axis is not None
    mean = X.mean(axis=axis, keepdims=keep)
    std = X.var(axis=axis, ddof=ddof, keepdims=keep) if variance else X.std(axis=axis, ddof=ddof, keepdims=keep)
    Z = (X - mean) if centre else X
    return (Z / std if scale else Z), mean, std


def _swapped(X):
    """mean and std returned in each other's place."""
    Z, mean, std = standardize(X)
    return Z, std, mean


MISTAKES = (
    Mistake("the sample standard deviation, which divides by m − 1 (ddof=1); here std divides by m",
            "std = sqrt((1/m) Σ (x − mean)²): `X.std(axis=0)`, numpy's default ddof=0 (pandas' default is 1)",
            lambda X: _standardized(X, ddof=1)),
    Mistake("statistics over each row (axis=1), one per example, instead of over each column",
            _PER_COLUMN, lambda X: _standardized(X, axis=1)),
    Mistake("one mean and one std for the whole array, instead of one per feature",
            _PER_COLUMN, lambda X: _standardized(X, axis=None)),
    Mistake("dividing by the variance, not by the standard deviation (its square root)",
            f"{_Z}: std = sqrt(variance), `X.std(axis=0)`", lambda X: _standardized(X, variance=True)),
    Mistake("scaling without centring: the mean is not subtracted", _Z, lambda X: _standardized(X, centre=False)),
    Mistake("centring without scaling: the division by std is missing", _Z, lambda X: _standardized(X, scale=False)),
    Mistake("mean and std returned in each other's place", "the order of the return: (Z, mean, std)", _swapped),
)

#: (m, n, scale, offset): two examples, one feature, more features than examples, values far from 1
#: in both directions, and columns whose means are far from 0 and differ from each other.
SHAPES = ((2, 1, 1.0, 3.0), (2, 5, 0.5, -1.0), (5, 1, 30.0, 100.0), (7, 3, 1.0, 2.0), (6, 2, 0.01, 0.05),
          (4, 4, 100.0, -300.0), (3, 6, 2000.0, 25_000.0))


def _inputs(seed: int) -> list[np.ndarray]:
    """One X per shape: scale * normal noise around a different mean in each column (none constant).

    For each shape in turn, from default_rng(seed): the column means offset · u · s, with u (1, n)
    uniform in [0.5, 2) and then s (1, n) random signs ±1, then the (m, n) standard normals of the noise.
    """
    rng = np.random.default_rng(seed)
    inputs = []
    for m, n, scale, offset in SHAPES:
        means = offset * rng.uniform(0.5, 2.0, size=(1, n)) * rng.choice([-1.0, 1.0], size=(1, n))
        inputs.append(means + scale * rng.normal(size=(m, n)))
    return inputs


def standardize_exercise(seed: int = 5) -> Exercise:
    """The held-out inputs, reference and mistakes of the standardize exercise."""
    return Exercise(
        title="standardize",
        function_name="standardize",
        outputs=("Z", "mean", "std"),
        reference=standardize,
        cases=[Case((X,), ("X",)) for X in _inputs(seed)],
        mistakes=MISTAKES,
    )


def check_standardize(function) -> CheckResult:
    """Check a learner's standardize(X) -> (Z (m, n), mean (1, n), std (1, n)), Z = (X − mean) / std.

    X: (m, n), m >= 2, no constant column; mean and std per column, std dividing by m (ddof=0).
    Returns a CheckResult naming the mistake (ddof=1, rows for columns, one mean for the whole array,
    the variance for the std, no centring, no scaling, mean and std swapped, flattened (n,), changing
    X in place).
    """
    return check_function(function, standardize_exercise())
