"""Notebook 02's coding exercise: the gradient-descent loop, written as a function.

check_gradient_descent(fn) runs the learner's gradient_descent(X, Y, learning_rate, iterations,
alpha, beta) on held-out cases, compares the final (alpha, beta) with gdlib.gradient_descent, and
names the classic mistake its outputs match (the sign, the factor 2, the 1/m, one update too many
or too few, α updated before β's gradient, the bias left out, the gradient computed only once).
"""

from __future__ import annotations

from gdlib.curvature import critical_learning_rate
from gdlib.descent import gradient_descent
from gdlib.exercises.cases import regression_problems
from gdlib.exercises.checking import Case, CheckResult, Exercise, Mistake, check_function

_D_ALPHA = "∂J/∂α = −(2/m) Σ (y − ŷ)"
_D_BETA = "∂J/∂β = −(2/m) (Y − Ŷ)ᵀ X"
_UPDATES = "α ← α − η·∂J/∂α and β ← β − η·∂J/∂β"
_LOOP = ("the loop: `for _ in range(iterations):` makes exactly `iterations` updates, and with "
         "iterations = 0 the starting α and β come back unchanged")
_ORDER = ("the order inside the loop: predict, compute the errors and both gradients from the current "
          "α and β first, then update both")

#: (iterations, learning rate as a fraction of the case's critical learning rate), one per case of
#: cases.SHAPES: no update, one update, and a few more; every rate converges for the reference.
_RUNS = ((0, 0.5), (1, 0.8), (3, 0.6), (2, 0.9), (5, 0.4), (4, 0.7), (6, 0.3))


def _reference(X, Y, learning_rate, iterations, alpha, beta):
    """gdlib.gradient_descent's final (alpha (1, 1), beta (1, n)) after `iterations` updates."""
    result = gradient_descent(X, Y, learning_rate, iterations, alpha, beta)
    return result.alpha, result.beta


def _loop(*, sign: float = 1.0, factor=lambda m: 2.0 / m, extra: int = 0, bias: bool = True,
          alpha_first: bool = False, beta_first: bool = False, once: bool = False, rate: bool = True):
    """The gradient-descent loop with one slip, a mutant of the reference to recognise a mistake.

    sign: −1 climbs (gradient ascent); factor(m) replaces 2/m; extra updates are added to
    `iterations` (−1 for one too few); bias=False leaves α out of ŷ; alpha_first / beta_first update
    one parameter before the other's gradient is computed; once computes the gradients only at the
    start; rate=False steps by the whole gradient.
    """
    def gives(X, Y, learning_rate, iterations, alpha, beta):
        m = X.shape[0]
        step = learning_rate if rate else 1.0

        def gradients(alpha, beta):
            errors = Y - ((alpha if bias else 0.0) + X @ beta.T)
            scale = -factor(m)
            return scale * errors.sum(axis=0, keepdims=True), scale * errors.T @ X

        d_alpha, d_beta = gradients(alpha, beta)
        for _ in range(max(iterations + extra, 0)):
            if not once:
                d_alpha, d_beta = gradients(alpha, beta)
            if alpha_first:
                alpha = alpha - sign * step * d_alpha
                d_beta = gradients(alpha, beta)[1]
            if beta_first:
                beta = beta - sign * step * d_beta
                d_alpha = gradients(alpha, beta)[0]
            if not alpha_first:
                alpha = alpha - sign * step * d_alpha
            if not beta_first:
                beta = beta - sign * step * d_beta
        return alpha, beta
    return gives


LOOP_MISTAKES = (
    Mistake("the sign is flipped, so each step goes uphill (gradient ascent)",
            f"the signs: each update subtracts, {_UPDATES}, and each gradient starts with a minus, {_D_ALPHA}",
            _loop(sign=-1.0)),
    Mistake("the factor 2 is missing from the gradients (the 2 comes down from the square)",
            f"{_D_ALPHA} and {_D_BETA}", _loop(factor=lambda m: 1.0 / m)),
    Mistake("a sum where the mean belongs in the gradients (the 1/m is missing)",
            f"the 2/m in {_D_ALPHA} and {_D_BETA}", _loop(factor=lambda m: 2.0)),
    Mistake("one update too many", _LOOP, _loop(extra=1)),
    Mistake("one update too few", _LOOP, _loop(extra=-1)),
    Mistake("α is updated before β's gradient is computed, so β's step uses the new α", _ORDER,
            _loop(alpha_first=True)),
    Mistake("β is updated before α's gradient is computed, so α's step uses the new β", _ORDER,
            _loop(beta_first=True)),
    Mistake("the prediction leaves out the bias", "the prediction Ŷ = α + Xβᵀ: α belongs in it",
            _loop(bias=False)),
    Mistake("the gradients are computed once, before the loop, so every step uses the slope at the start",
            "the loop's body: the prediction, the errors and both gradients belong inside the loop, "
            "recomputed from the current α and β at every step", _loop(once=True)),
    Mistake("the learning rate is missing, so each step is the whole gradient",
            f"the updates {_UPDATES}: multiply each gradient by η", _loop(rate=False)),
)


def _cases(seed: int) -> list[Case]:
    """One case per problem of cases.regression_problems, with its iterations and a learning rate
    that is a fraction of the problem's critical learning rate (rounded to 3 digits)."""
    names = ("X", "Y", "learning_rate", "iterations", "alpha", "beta")
    cases = []
    for (X, Y, alpha, beta), (iterations, fraction) in zip(regression_problems(seed), _RUNS, strict=True):
        learning_rate = float(f"{fraction * critical_learning_rate(X):.3g}")
        cases.append(Case((X, Y, learning_rate, iterations, alpha, beta), names))
    return cases


def gradient_descent_exercise(seed: int = 3) -> Exercise:
    """The held-out cases, reference and mistakes of the gradient_descent exercise."""
    return Exercise(
        title="gradient_descent",
        function_name="gradient_descent",
        outputs=("alpha", "beta"),
        reference=_reference,
        cases=_cases(seed),
        mistakes=LOOP_MISTAKES,
    )


def check_gradient_descent(function) -> CheckResult:
    """Check gradient_descent(X, Y, learning_rate, iterations, alpha, beta) -> (alpha (1, 1), beta (1, n)).

    X: (m, n); Y: (m, 1); learning_rate > 0; iterations >= 0 updates; alpha: (1, 1); beta: (1, n).
    Returns a CheckResult that names the mistake (sign, factor 2, sum for mean, an update too many or
    too few, α updated before β's gradient, missing bias, gradient computed once, missing learning
    rate, changing alpha or beta in place, a transposed or flattened beta).
    """
    return check_function(function, gradient_descent_exercise())
