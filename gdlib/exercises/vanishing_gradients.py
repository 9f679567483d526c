"""Notebook 07's coding exercises: dJ/dz of the MSE and of the cross-entropy behind a sigmoid.

For logits z (m, 1), labels y (m, 1) and p = sigmoid(z), whose slope is p (1 - p), with J the mean
over the m examples:

    MSE            J = (1/m) sum (p - y)^2                  dJ/dz = (2/m) (p - y) p (1 - p)
    cross-entropy  J = -(1/m) sum [y log p + (1-y) log(1-p)]  dJ/dz = (1/m) (p - y)

check_mse_sigmoid_dz(fn) and check_cross_entropy_dz(fn) run the learner's function on held-out
cases, compare it with gdlib (gdlib.losses.mse.gradient times gdlib.sigmoid.derivative, and
gdlib.losses.binary_cross_entropy.gradient_from_logits), and name the classic mistake it matches.

The cases include logits up to |z| = 30 next to moderate ones. There a learner's 1 - sigmoid(z)
may lose digits (and so does gdlib's sigmoid(z) - y where it is tiny), but only in entries some
twelve orders of magnitude below the case's largest, and the comparison is relative to the largest
entry: a correct formula passes however it is evaluated.
"""

from __future__ import annotations

import numpy as np

from gdlib.activations import sigmoid
from gdlib.exercises.checking import Case, CheckResult, Exercise, Mistake, check_function
from gdlib.losses import binary_cross_entropy, mse

_SLOPE = "the slope p(1 − p), with p = sigmoid(z)"
_MSE_DZ = "∂J/∂zᵢ = (2/m) (pᵢ − yᵢ) pᵢ(1 − pᵢ)"
_CROSS_ENTROPY_DZ = "∂J/∂zᵢ = (1/m) (pᵢ − yᵢ)"
_NAMES = ("z", "y")

#: (logits, labels) of each held-out case: one example, a few moderate ones, logits of size 5 to
#: 30 (confidently wrong and confidently right), and small logits where the sigmoid is nearly linear.
_CASES = (
    ([[-1.7]], [[1.0]]),
    ([[0.8], [-2.3], [3.1]], [[0.0], [0.0], [1.0]]),
    ([[-30.0], [-8.0], [-2.5], [0.6], [4.0], [30.0]], [[1.0], [1.0], [0.0], [1.0], [0.0], [1.0]]),
    ([[0.05], [-0.12], [0.3], [-0.02]], [[1.0], [0.0], [0.0], [1.0]]),
)


def _random_cases(seed: int):
    """Two more cases from a seeded generator: m = 7 logits of size about 3, m = 12 of size about 8.

    For each in turn: z = scale * rng.normal(size=(m, 1)) clipped to [−30, 30], then the labels
    rng.integers(0, 2, size=(m, 1)) as floats, the first two set to 0 and 1.
    """
    rng = np.random.default_rng(seed)
    cases = []
    for m, scale in ((7, 3.0), (12, 8.0)):
        z = np.clip(scale * rng.normal(size=(m, 1)), -30.0, 30.0)
        y = rng.integers(0, 2, size=(m, 1)).astype(float)
        y[0, 0], y[1, 0] = 0.0, 1.0  # both labels, whatever the draw
        cases.append((z, y))
    return cases


def _cases(seed: int) -> list[Case]:
    fixed = [(np.array(z, dtype=float), np.array(y, dtype=float)) for z, y in _CASES]
    return [Case(case, _NAMES) for case in fixed + _random_cases(seed)]


# --- the references: gdlib's own functions ---------------------------------------------------


def _mse_dz(z, y):
    """dJ/dz of the MSE behind a sigmoid, by the chain rule of gdlib's pieces: dJ/dp times the slope p (1 - p)."""
    return mse.gradient(y, sigmoid.value(z)) * sigmoid.derivative(z)


def _cross_entropy_dz(z, y):
    """dJ/dz of the cross-entropy behind a sigmoid: gdlib's (sigmoid(z) - y) / m."""
    return binary_cross_entropy.gradient_from_logits(y, z)


# --- mutants: what a mistaken function returns -----------------------------------------------


def _error(z, y):
    return sigmoid.value(z) - y


def _scaled(factor, *, slope=lambda z: sigmoid.derivative(z)):
    """factor(m) (sigmoid(z) - y) slope(z): the error times a factor and a slope, a mutant."""
    def gives(z, y):
        return factor(z.shape[0]) * _error(z, y) * slope(z)
    return gives


def _no_slope(z):
    return 1.0


def _mean_of_entries(reference):
    """The mean of the per-example derivatives, one number where a column belongs."""
    def gives(z, y):
        return np.mean(reference(z, y) * z.shape[0])
    return gives


def _table(per_example, flatten_logits: bool):
    """A 1-D (m,) array meeting a column (m, 1): the learner's formula on an (m, m) table."""
    def gives(z, y):
        m = z.shape[0]
        if flatten_logits:
            z = z[:, 0]  # p and its slope (m,) against y (m, 1): entry [i, j] uses z_j and y_i
        else:
            y = y[:, 0]  # p (m, 1) against y (m,): entry [i, j] uses z_i and y_j
        return per_example(z, y) / m
    return gives


def _broadcast_mistakes(per_example) -> tuple[Mistake, Mistake]:
    says = "a 1-D array (m,) met a column (m, 1), which numpy broadcasts into an (m, m) table"
    look_at = "the shapes of z, y and p = sigmoid(z): keep every one an (m, 1) column (no `.ravel()` or `[:, 0]`)"
    return (Mistake(says, look_at, _table(per_example, True)), Mistake(says, look_at, _table(per_example, False)))


def _mse_per_example(z, y):
    p = sigmoid.value(z)
    return 2.0 * (p - y) * p * (1.0 - p)


def _cross_entropy_per_example(z, y):
    return sigmoid.value(z) - y


MSE_MISTAKES = (
    Mistake("the sigmoid's slope p(1 − p) is missing: that is ∂J/∂p, the derivative with respect to the "
            "prediction p = sigmoid(z), not with respect to the logit z",
            f"the chain rule ∂J/∂z = ∂J/∂p · p(1 − p): {_MSE_DZ}",
            _scaled(lambda m: 2.0 / m, slope=_no_slope)),
    Mistake("the sign is flipped (y − p where p − y belongs)",
            f"the order of pᵢ − yᵢ in {_MSE_DZ}", _scaled(lambda m: -2.0 / m)),
    Mistake("the factor 2 is missing (the 2 comes down from the square)", _MSE_DZ, _scaled(lambda m: 1.0 / m)),
    Mistake("a sum where the mean belongs (the 1/m is missing)", f"the 2/m in {_MSE_DZ}", _scaled(lambda m: 2.0)),
    Mistake("it is the cross-entropy's gradient, (p − y)/m: for the MSE the slope p(1 − p) does not cancel",
            _MSE_DZ, _scaled(lambda m: 1.0 / m, slope=_no_slope)),
    Mistake("the slope is computed from the logit, z(1 − z), instead of from the prediction, p(1 − p)",
            _SLOPE, _scaled(lambda m: 2.0 / m, slope=lambda z: z * (1.0 - z))),
    Mistake("it is one number, the mean of the derivatives, where a column (m, 1) belongs: each example "
            "has its own ∂J/∂zᵢ", f"{_MSE_DZ}: one entry per example", _mean_of_entries(_mse_dz)),
    *_broadcast_mistakes(_mse_per_example),
)

CROSS_ENTROPY_MISTAKES = (
    Mistake("it has an extra factor p(1 − p): in the cross-entropy the sigmoid's slope cancels against "
            "the 1/(p(1 − p)) of ∂L/∂p, so nothing is left to multiply by",
            f"{_CROSS_ENTROPY_DZ}: the error itself, divided by m", _scaled(lambda m: 1.0 / m)),
    Mistake("it is the MSE's gradient, (2/m)(p − y) p(1 − p): the cross-entropy's has no slope and no 2",
            _CROSS_ENTROPY_DZ, _scaled(lambda m: 2.0 / m)),
    Mistake("the sign is flipped (y − p where p − y belongs)",
            f"the order of pᵢ − yᵢ in {_CROSS_ENTROPY_DZ}", _scaled(lambda m: -1.0 / m, slope=_no_slope)),
    Mistake("a sum where the mean belongs (the 1/m is missing)", f"the 1/m in {_CROSS_ENTROPY_DZ}",
            _scaled(lambda m: 1.0, slope=_no_slope)),
    Mistake("it has a factor 2, which belongs to the MSE's square, not to the cross-entropy",
            _CROSS_ENTROPY_DZ, _scaled(lambda m: 2.0 / m, slope=_no_slope)),
    Mistake("it is ∂J/∂p, the derivative with respect to the prediction p = sigmoid(z), (p − y)/(m p(1 − p)): "
            "multiply by the slope p(1 − p) to get the derivative with respect to z, and the denominators cancel",
            f"the chain rule ∂J/∂z = ∂J/∂p · p(1 − p), which gives {_CROSS_ENTROPY_DZ}",
            _scaled(lambda m: 1.0 / m, slope=lambda z: 1.0 / (sigmoid.value(z) * (1.0 - sigmoid.value(z))))),
    Mistake("it uses the logit z where the prediction p = sigmoid(z) belongs: z − y instead of p − y",
            f"{_CROSS_ENTROPY_DZ}: pass z through the sigmoid first", lambda z, y: (z - y) / z.shape[0]),
    Mistake("it is one number, the mean of the derivatives, where a column (m, 1) belongs: each example "
            "has its own ∂J/∂zᵢ", f"{_CROSS_ENTROPY_DZ}: one entry per example", _mean_of_entries(_cross_entropy_dz)),
    *_broadcast_mistakes(_cross_entropy_per_example),
)


def mse_sigmoid_dz_exercise(seed: int = 6) -> Exercise:
    """The held-out cases, reference and mistakes of the mse_sigmoid_dz exercise."""
    return Exercise(
        title="mse_sigmoid_dz",
        function_name="mse_sigmoid_dz",
        outputs=("dz",),
        reference=_mse_dz,
        cases=_cases(seed),
        mistakes=MSE_MISTAKES,
    )


def cross_entropy_dz_exercise(seed: int = 6) -> Exercise:
    """The held-out cases, reference and mistakes of the cross_entropy_dz exercise."""
    return Exercise(
        title="cross_entropy_dz",
        function_name="cross_entropy_dz",
        outputs=("dz",),
        reference=_cross_entropy_dz,
        cases=_cases(seed),
        mistakes=CROSS_ENTROPY_MISTAKES,
    )


def check_mse_sigmoid_dz(function) -> CheckResult:
    """Check a learner's mse_sigmoid_dz(z (m, 1), y (m, 1)) -> dJ/dz (m, 1) of the mean squared error of sigmoid(z).

    Returns a CheckResult that names the mistake (no slope p(1 − p), sign, factor 2, sum for mean, the
    cross-entropy's gradient, z(1 − z) for the slope, one number for a column, broadcast, in-place change).
    """
    return check_function(function, mse_sigmoid_dz_exercise())


def check_cross_entropy_dz(function) -> CheckResult:
    """Check a learner's cross_entropy_dz(z (m, 1), y (m, 1)) -> dJ/dz (m, 1) of the mean cross-entropy of sigmoid(z).

    Returns a CheckResult that names the mistake (an extra p(1 − p), the MSE's gradient, sign, sum for
    mean, a factor 2, ∂J/∂p for ∂J/∂z, z for p = sigmoid(z), one number for a column, broadcast,
    in-place change).
    """
    return check_function(function, cross_entropy_dz_exercise())
