"""Notebook 01's coding exercises: the MSE gradients, and a central-difference gradient.

check_mse_gradients(fn) and check_numerical_gradient(fn) run the learner's function on held-out
cases, compare it with gdlib.mse_gradients and gdlib.numerical_gradient, and name the classic
mistake its outputs match.
"""

from __future__ import annotations

import numpy as np

from gdlib.checks import numerical_gradient
from gdlib.exercises.cases import regression_problems
from gdlib.exercises.checking import Case, CheckResult, Exercise, Mistake, check_function
from gdlib.mse import mse_gradients

_D_ALPHA = "∂J/∂α = −(2/m) Σ (y − ŷ)"
_D_BETA = "∂J/∂β = −(2/m) (Y − Ŷ)ᵀ X"
_BOTH = f"{_D_ALPHA} and {_D_BETA}"


def _gradients_with(factor, *, bias: bool = True, divide_by_features: bool = False):
    """The MSE gradients with the factor −2/m replaced by factor(m), optionally without the bias in ŷ
    or divided by n instead of m; a mutant of the reference, to recognise a learner's mistake."""
    def gives(X, Y, alpha, beta):
        m, n = X.shape
        residual = Y - ((alpha if bias else 0.0) + X @ beta.T)
        scale = factor(n if divide_by_features else m)
        return scale * residual.sum(axis=0, keepdims=True), scale * residual.T @ X
    return gives


def _summed_over_features(X, Y, alpha, beta):
    """d_beta summed over the weights too: one number instead of one slope per weight."""
    d_alpha, d_beta = mse_gradients(X, Y, alpha, beta)
    return d_alpha, np.sum(d_beta)


def _broadcast_gradients(flatten_targets: bool):
    """The gradients when Y (m,) meets Ŷ (m, 1): the residual becomes an (m, m) table."""
    def gives(X, Y, alpha, beta):
        m = X.shape[0]
        Y_hat = alpha + X @ beta.T
        table = Y[:, 0] - Y_hat if flatten_targets else Y - Y_hat[:, 0]
        return -(2.0 / m) * table.sum(keepdims=True).reshape(1, 1), -(2.0 / m) * table.T @ X
    return gives


_BROADCAST = Mistake(
    "a 1-D array (m,) subtracted from a column (m, 1), which numpy broadcasts into an (m, m) table",
    "the shapes of Y and Ŷ: both must be (m, 1) columns (use `X @ beta.T`, not `X @ beta[0]`, and never `.ravel()`)",
    _broadcast_gradients(True))

GRADIENT_MISTAKES = (
    Mistake("the sign is flipped", f"the minus in front of 2/m: {_BOTH}", _gradients_with(lambda m: 2.0 / m)),
    Mistake("the factor 2 is missing (the 2 comes down from the square)", _BOTH, _gradients_with(lambda m: -1.0 / m)),
    Mistake("a sum where the mean belongs (the 1/m is missing)", f"the 2/m in {_BOTH}",
            _gradients_with(lambda m: -2.0)),
    Mistake("it divides by the number of features n instead of the number of examples m",
            f"the m in {_BOTH}: m = X.shape[0]", _gradients_with(lambda n: -2.0 / n, divide_by_features=True)),
    Mistake("the prediction leaves out the bias", "the prediction Ŷ = α + Xβᵀ: α belongs in it",
            _gradients_with(lambda m: -2.0 / m, bias=False)),
    Mistake("it divides by m twice (np.mean already divides by m, and then the 2/m divides again)",
            f"the 2/m in {_BOTH}: with np.mean the factor is a plain 2, with np.sum it is 2/m",
            _gradients_with(lambda m: -2.0 / m**2)),
    _BROADCAST,
    Mistake(_BROADCAST.says, _BROADCAST.look_at, _broadcast_gradients(False)),
    Mistake("it sums over the features too, so the n slopes (one per weight) collapse into one number",
            "∂J/∂β_j = −(2/m) Σ_i (y_i − ŷ_i) x_ij: the sum runs over the examples i only, once for "
            "each weight j (a sum with `axis=0`, or the product (Y − Ŷ)ᵀ X)",
            _summed_over_features),
)


def mse_gradients_exercise(seed: int = 1) -> Exercise:
    """The held-out cases, reference and mistakes of the mse_gradients exercise."""
    names = ("X", "Y", "alpha", "beta")
    return Exercise(
        title="mse_gradients",
        function_name="mse_gradients",
        outputs=("d_alpha", "d_beta"),
        reference=mse_gradients,
        cases=[Case(problem, names) for problem in regression_problems(seed)],
        mistakes=GRADIENT_MISTAKES,
    )


def check_mse_gradients(function) -> CheckResult:
    """Check a learner's mse_gradients(X, Y, alpha, beta) -> (d_alpha (1, 1), d_beta (1, n)).

    X: (m, n); Y: (m, 1); alpha: (1, 1); beta: (1, n). Returns a CheckResult that names the
    mistake (sign, factor 2, sum for mean, m twice, n for m, transpose, broadcast, missing bias,
    a sum over the features, in-place change).
    """
    return check_function(function, mse_gradients_exercise())


# --- central differences -------------------------------------------------------------------


def _forward(f, x, eps=1e-6):
    """Forward differences (f(x + h) − f(x)) / h, h = eps: a learner's one-sided version."""
    x = np.array(x, dtype=float)
    base, gradient = f(x.copy()), np.zeros_like(x)
    for i in np.ndindex(x.shape):
        step = x.copy()
        step[i] += eps
        gradient[i] = (f(step) - base) / eps
    return gradient


def _central_divided_by(divisor):
    """Central differences divided by divisor(eps) instead of 2h (h = eps)."""
    def gives(f, x, eps=1e-6):
        return numerical_gradient(f, x, eps) * (2.0 * eps) / divisor(eps)
    return gives


def _all_at_once(f, x, eps=1e-6):
    """Every entry moved at once: each entry of the result is the sum of all partial derivatives."""
    x = np.array(x, dtype=float)
    return np.full_like(x, (f(x + eps) - f(x - eps)) / (2.0 * eps))


def _not_reset(f, x, eps=1e-6):
    """x_i raised by h, then lowered by h from there (back to x): (f(x + h e_i) − f(x)) / (2h)."""
    return _forward(f, x, eps) / 2.0


def _fixed_step(f, x, eps=1e-6):
    """The step written as the number 1e-6 inside the function, whatever eps the caller passes."""
    return numerical_gradient(f, x, 1e-6)


def _row_at_a_time(f, x, eps=1e-6):
    """A loop over range(len(x)): x[i] is a whole row, so a row moves at once and its entries
    all get the sum of that row's partial derivatives."""
    x = np.array(x, dtype=float)
    gradient = np.zeros_like(x)
    for i in range(len(x)):
        up, down = x.copy(), x.copy()
        up[i] += eps
        down[i] -= eps
        gradient[i] = (f(up) - f(down)) / (2.0 * eps)
    return gradient


NUMERICAL_MISTAKES = (
    Mistake("a forward difference (f(x + h) − f(x)) / h, which is off by about h·f″/2",
            "the central difference (f(x + h eᵢ) − f(x − h eᵢ)) / (2h): one step up and one step down",
            _forward),
    Mistake("it divides by h instead of 2h (the two points are 2h apart)",
            "the denominator of (f(x + h eᵢ) − f(x − h eᵢ)) / (2h)", _central_divided_by(lambda eps: eps)),
    Mistake("every entry of x moved at once, so each entry gets the sum of all the partial derivatives",
            "eᵢ in f(x + h eᵢ): move one entry at a time, on a fresh copy of x", _all_at_once),
    Mistake("the step down starts from x + h eᵢ instead of x, so it lands back on x",
            "the two points x + h eᵢ and x − h eᵢ: reset the entry (or copy x) before the step down", _not_reset),
    Mistake("the loop runs over the rows of x (`range(len(x))`), so a whole row moves at once",
            "eᵢ in f(x + h eᵢ): one entry at a time, for every index of an array of any shape "
            "(`for index in np.ndindex(x.shape)`)", _row_at_a_time),
    Mistake("it always steps by 1e-6, whatever eps the caller passes",
            "the step h in (f(x + h eᵢ) − f(x − h eᵢ)) / (2h): use the argument `eps` as h", _fixed_step),
)


def _test_functions(seed: int):
    """(f, x, eps) cases: an MSE in alpha and in beta, a smooth function of a (2, 3) array with
    strong curvature, and a (1, 1) point with the default eps.

    In order: J(α) = mean((Y − (α + Xβᵀ))²) of the first problem of regression_problems(seed,
    shapes=((5, 3, 1.0), (2, 5, 10.0))) at its α, eps 1e-6 (the default); J(β) of the second at its
    β, eps 1e-5; curved(x) = Σ w·exp(2x) + (Σ x)², with w (2, 3) the first draws of
    default_rng(seed), at the next (2, 3) standard normals (eps 1e-3) and at 0.1 times the (2, 3)
    after them (eps 1e-2); 40·cos(3x) at x = [[0.3]], eps 1e-3."""
    rng = np.random.default_rng(seed)
    (X, Y, alpha, beta), (X2, Y2, alpha2, beta2) = regression_problems(seed, shapes=((5, 3, 1.0), (2, 5, 10.0)))
    weights = rng.normal(size=(2, 3))

    def mse_in_alpha(a):
        return float(np.mean((Y - (a + X @ beta.T)) ** 2))

    def mse_in_beta(b):
        return float(np.mean((Y2 - (alpha2 + X2 @ b.T)) ** 2))

    def curved(x):
        return float(np.sum(weights * np.exp(2.0 * x)) + np.sum(x) ** 2)

    return [
        (mse_in_alpha, alpha, 1e-6),
        (mse_in_beta, beta2, 1e-5),
        (curved, rng.normal(size=(2, 3)), 1e-3),
        (curved, rng.normal(size=(2, 3)) * 0.1, 1e-2),
        (lambda x: float(np.cos(3.0 * x[0, 0]) * 40.0), np.array([[0.3]]), 1e-3),
    ]


def numerical_gradient_exercise(seed: int = 2) -> Exercise:
    """The held-out cases, reference and mistakes of the numerical_gradient exercise."""
    return Exercise(
        title="numerical_gradient",
        function_name="numerical_gradient",
        outputs=("gradient",),
        reference=numerical_gradient,
        cases=[Case(case, ("f", "x", "eps")) for case in _test_functions(seed)],
        mistakes=NUMERICAL_MISTAKES,
        rtol=1e-7,
    )


def check_numerical_gradient(function) -> CheckResult:
    """Check a learner's numerical_gradient(f, x, eps=1e-6) -> an array shaped like x.

    f takes an array shaped like x and returns a number; entry i of the result must be the central
    difference (f(x + h e_i) − f(x − h e_i)) / (2h) with the step h = eps. Returns a CheckResult
    naming the mistake (forward difference, h for 2h, all entries at once, no reset, a row at a time, a fixed step,
    changing x in place, flattening).
    """
    return check_function(function, numerical_gradient_exercise())
