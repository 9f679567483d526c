"""Notebook 04's coding exercise: the gradient of the Huber loss of a line, from the clipped residuals.

check_huber_gradients(fn) runs the learner's huber_gradients(X, Y, alpha, beta, delta) on held-out
cases, compares it with gdlib.losses.huber(delta).gradient chained through the line, and names the
classic mistake its outputs match (the MSE's or the MAE's gradient, a clip at ±1, a factor 2, ...).

gdlib's convention: the Huber loss L_δ(r) is r²/2 for |r| <= delta, so each example's pull is
-clip(r, -delta, delta) (not -2r inside), and the gradient averages the pulls (the 1/m).
"""

from __future__ import annotations

import numpy as np

from gdlib.exercises.cases import regression_problems
from gdlib.exercises.checking import Case, CheckResult, Exercise, Mistake, check_function
from gdlib.losses import huber
from gdlib.model import predict

_D_ALPHA = "∂J/∂α = −(1/m) Σ clip(yᵢ − ŷᵢ, −δ, δ)"
_D_BETA = "∂J/∂β = −(1/m) clip(Y − Ŷ, −δ, δ)ᵀ X"
_BOTH = f"{_D_ALPHA} and {_D_BETA}"
_CLIP = f"the clip in {_BOTH}: residuals inside [−δ, δ] are kept as they are, larger ones become ±δ"


def huber_gradients(X, Y, alpha, beta, delta):
    """The gradients of the Huber loss of the line Y_hat = alpha + X beta^T (the reference).

    X: (m, n); Y: (m, 1); alpha: (1, 1); beta: (1, n); delta: a number > 0.
    Returns (d_alpha (1, 1), d_beta (1, n)): gdlib's per-prediction gradient
    huber(delta).gradient(Y, Y_hat) (m, 1), summed for alpha and multiplied by X for beta.
    """
    d_Y_hat = huber(delta).gradient(Y, predict(X, alpha, beta))
    return d_Y_hat.sum(axis=0, keepdims=True), d_Y_hat.T @ X


def _from_pulls(pull, *, scale=lambda m, n: 1.0 / m, bias: bool = True):
    """The gradients when each example pulls with pull(residuals, delta) (m, 1) instead of
    -clip(r, -delta, delta), averaged with scale(m, n) instead of 1/m, optionally without the bias
    in Y_hat: a mutant of the reference, to recognise a learner's mistake."""
    def gives(X, Y, alpha, beta, delta):
        m, n = X.shape
        residuals = Y - ((alpha if bias else 0.0) + X @ beta.T)
        pulls = pull(residuals, delta) * scale(m, n)
        return pulls.sum(axis=0, keepdims=True), pulls.T @ X
    return gives


def _huber_pull(residuals, delta):
    return -np.clip(residuals, -delta, delta)


def _clipped_after_averaging(X, Y, alpha, beta, delta):
    """The unclipped gradients -(1/m) Σ r and -(1/m) Rᵀ X, each clipped to [−δ, δ] at the end."""
    m = X.shape[0]
    residuals = Y - (alpha + X @ beta.T)
    return (np.clip(-residuals.sum(axis=0, keepdims=True) / m, -delta, delta),
            np.clip(-residuals.T @ X / m, -delta, delta))


def _broadcast(X, Y, alpha, beta, delta):
    """Y (m,) minus Y_hat (m, 1): the residuals become an (m, m) table, clipped and summed."""
    m = X.shape[0]
    table = -np.clip(Y[:, 0] - (alpha + X @ beta.T), -delta, delta) / m
    return table.sum(keepdims=True).reshape(1, 1), table.T @ X


MISTAKES = (
    Mistake("the sign is flipped", f"the minus in front of 1/m: {_BOTH}",
            _from_pulls(lambda e, d: np.clip(e, -d, d))),
    Mistake("the gradient of the MSE: nothing is clipped, so each example pulls with −2r however large r is",
            _CLIP, _from_pulls(lambda e, d: -2.0 * e)),
    Mistake("nothing is clipped (this is the gradient of half the MSE, which an outlier drags as hard as the MSE)",
            _CLIP, _from_pulls(lambda e, d: -e)),
    Mistake("the residuals are clipped to [−1, 1] instead of [−δ, δ]", f"the bounds of {_CLIP}",
            _from_pulls(lambda e, d: -np.clip(e, -1.0, 1.0))),
    Mistake("the residuals beyond δ pull with ±1 instead of ±δ (the slope of δ(|r| − δ/2) is ±δ)",
            f"the bounds of {_CLIP}", _from_pulls(lambda e, d: np.where(np.abs(e) <= d, -e, -np.sign(e)))),
    Mistake("the gradient of the MAE: every example pulls with ±1, the sign of its residual, "
            "and the residuals inside [−δ, δ] lose their size", _CLIP, _from_pulls(lambda e, d: -np.sign(e))),
    Mistake("the two cases are swapped: the residuals inside [−δ, δ] pull with ±δ and the larger ones with −r",
            _CLIP, _from_pulls(lambda e, d: np.where(np.abs(e) <= d, -d * np.sign(e), -e))),
    Mistake("the sign of each residual is lost: every pull is −min(|r|, δ), the right size but always negative",
            f"{_BOTH}: clip the signed residual r = y − ŷ", _from_pulls(lambda e, d: -np.minimum(np.abs(e), d))),
    Mistake("the gradients are clipped after averaging, instead of each example's residual before it",
            _CLIP, _clipped_after_averaging),
    Mistake("an extra factor 2: the Huber loss is r²/2 inside [−δ, δ], so the pull there is −r, "
            "not the MSE's −2r", _BOTH, _from_pulls(lambda e, d: -2.0 * np.clip(e, -d, d))),
    Mistake("a sum where the mean belongs (the 1/m is missing)", f"the 1/m in {_BOTH}",
            _from_pulls(_huber_pull, scale=lambda m, n: 1.0)),
    Mistake("it divides by the number of features n instead of the number of examples m",
            f"the m in {_BOTH}: m = X.shape[0]", _from_pulls(_huber_pull, scale=lambda m, n: 1.0 / n)),
    Mistake("the prediction leaves out the bias", "the prediction Ŷ = α + Xβᵀ: α belongs in it",
            _from_pulls(_huber_pull, bias=False)),
    Mistake("a 1-D array (m,) subtracted from a column (m, 1), which numpy broadcasts into an (m, m) table",
            "the shapes of Y and Ŷ: both must be (m, 1) columns (never `.ravel()` or `[:, 0]`)", _broadcast),
)


def _threshold(residuals: np.ndarray, outside: bool) -> float:
    """A delta, to 3 significant digits, that leaves some residuals inside [−δ, δ] and some outside.

    For one residual: half its size (outside) or twice it (inside). For more: the geometric mean of
    the two middle sizes, so about half of the residuals are clipped.
    """
    sizes = np.sort(np.abs(residuals).ravel())
    if sizes.size == 1:
        return float(f"{sizes[0] * (0.5 if outside else 2.0):.3g}")
    k = sizes.size // 2
    delta = float(f"{np.sqrt(sizes[k - 1] * sizes[k]):.3g}")
    return delta if sizes[k - 1] < delta < sizes[k] else float(np.sqrt(sizes[k - 1] * sizes[k]))


def _problems(seed: int):
    """regression_problems(seed), plus two with every residual 100 times larger and 100 times smaller
    than usual: those of regression_problems(seed + 1, shapes=((5, 2, 3.0), (3, 4, 0.1))), with Y,
    alpha and beta multiplied by 100 and by 0.01 (X as drawn)."""
    problems = regression_problems(seed)
    for (X, Y, alpha, beta), factor in zip(regression_problems(seed + 1, shapes=((5, 2, 3.0), (3, 4, 0.1))),
                                           (100.0, 0.01), strict=True):
        problems.append((X, factor * Y, factor * alpha, factor * beta))
    return problems


def huber_gradients_cases(seed: int = 4) -> list[Case]:
    """The held-out cases: (X, Y, alpha, beta, delta) with m = 1, n = 1, n > m, residuals from about
    0.01 to about 1000, and a delta in every case with more than one example that some residuals
    exceed and some do not (the one-example cases: one clipped, one not).

    The problems are _problems(seed); each delta is _threshold(its residuals), with outside=True for
    the first case only."""
    cases = []
    for number, (X, Y, alpha, beta) in enumerate(_problems(seed)):
        residuals = Y - predict(X, alpha, beta)
        delta = _threshold(residuals, outside=number == 0)
        cases.append(Case((X, Y, alpha, beta, delta), ("X", "Y", "alpha", "beta", "delta")))
    return cases


def huber_gradients_exercise(seed: int = 4) -> Exercise:
    """The held-out cases, reference and mistakes of the huber_gradients exercise."""
    return Exercise(
        title="huber_gradients",
        function_name="huber_gradients",
        outputs=("d_alpha", "d_beta"),
        reference=huber_gradients,
        cases=huber_gradients_cases(seed),
        mistakes=MISTAKES,
    )


def check_huber_gradients(function) -> CheckResult:
    """Check a learner's huber_gradients(X, Y, alpha, beta, delta) -> (d_alpha (1, 1), d_beta (1, n)).

    X: (m, n); Y: (m, 1); alpha: (1, 1); beta: (1, n); delta: a number > 0. Returns a CheckResult
    that names the mistake (sign, no clip, clip at ±1, MAE's sign, factor 2, sum for mean, missing
    bias, broadcast, transpose, in-place change).
    """
    return check_function(function, huber_gradients_exercise())
