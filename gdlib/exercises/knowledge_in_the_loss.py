"""Notebook 13's coding exercise: the gradient of the unit-vector loss, the MSE plus a length penalty.

check_unit_vector_gradient(fn) runs the learner's function on held-out cases, compares it with
gdlib.unit_vectors.unit_vector_gradient, and names the classic mistake its output matches.

    J(W) = (1/m) Σ ‖f_i − u_i‖² + γ (1/m) Σ (‖f_i‖² − 1)²,    F = Φ Wᵀ
    ∂J/∂W = (2/m)(F − U)ᵀΦ + γ (4/m)((‖f‖² − 1) ⊙ F)ᵀΦ

Most mistakes are written as the reference evaluated at other arguments (γ = 0 drops the penalty,
γ/2 halves its term, Wᵀ for W is the prediction Φ W); the two that square the wrong length are
written out.
"""

from __future__ import annotations

import numpy as np

from gdlib.exercises.checking import Case, CheckResult, Exercise, Mistake, check_function
from gdlib.unit_vectors import angle_features, unit_vector_gradient

_FORMULA = "∂J/∂W = (2/m)(F − U)ᵀΦ + γ(4/m)((‖f‖² − 1) ⊙ F)ᵀΦ"
_PENALTY_TERM = "the penalty's term γ(4/m)((‖f‖² − 1) ⊙ F)ᵀΦ"
_DATA_TERM = "the data term (2/m)(F − U)ᵀΦ"


def _data_gradient(Phi, U, W):
    """The data term alone, (2/m)(F − U)ᵀΦ: the reference with γ = 0."""
    return unit_vector_gradient(Phi, U, W, 0.0)


def _with_penalty(weight):
    """The reference with the penalty γ replaced by weight(γ, m)."""
    def gives(Phi, U, W, penalty):
        return unit_vector_gradient(Phi, U, W, weight(penalty, Phi.shape[0]))
    return gives


def _other_length(pull):
    """The data term plus γ (1/m)(pull(‖f‖) ⊙ F)ᵀΦ: a penalty on ‖f‖ − 1 where ‖f‖² − 1 belongs."""
    def gives(Phi, U, W, penalty):
        F = Phi @ W.T
        length = np.linalg.norm(F, axis=1, keepdims=True)
        return _data_gradient(Phi, U, W) + penalty / Phi.shape[0] * (pull(length) * F).T @ Phi
    return gives


GRADIENT_MISTAKES = (
    Mistake("the penalty's gradient is missing: this is the gradient of the plain MSE D alone",
            f"{_PENALTY_TERM}, which comes from γP: {_FORMULA}", _with_penalty(lambda lam, m: 0.0)),
    Mistake("γ is left out: the penalty's term is added with weight 1",
            f"the γ in {_PENALTY_TERM}: multiply by the argument `penalty`", _with_penalty(lambda lam, m: 1.0)),
    Mistake("the penalty's term is half as large: the chain rule's factor 2 from ‖f‖² is missing",
            "∂(‖f‖² − 1)²/∂f = 2(‖f‖² − 1) · 2f = 4(‖f‖² − 1) f: a 4, not a 2",
            _with_penalty(lambda lam, m: lam / 2)),
    Mistake("the gradient of the other penalty, (‖f‖ − 1)², whose derivative is 2(‖f‖ − 1) f/‖f‖",
            "P = (1/m) Σ (‖f‖² − 1)²: it squares the squared length, and "
            "∂(‖f‖² − 1)²/∂f = 4(‖f‖² − 1) f", _other_length(lambda length: 2 * (length - 1) / length)),
    Mistake("‖f‖ − 1 stands where ‖f‖² − 1 belongs",
            "the factor ‖f‖² − 1 in 4(‖f‖² − 1) f: square the length, `np.sum(F**2, axis=1, keepdims=True) - 1`",
            _other_length(lambda length: 4 * (length - 1))),
    Mistake("the sign is flipped", f"the order F − U in {_FORMULA}: the gradient points uphill",
            lambda Phi, U, W, penalty: -unit_vector_gradient(Phi, U, W, penalty)),
    Mistake("the data term's sign is flipped: U − F where F − U belongs",
            f"{_DATA_TERM}: ∂‖f − u‖²/∂f = 2(f − u)",
            lambda Phi, U, W, penalty: unit_vector_gradient(Phi, U, W, penalty) - 2 * _data_gradient(Phi, U, W)),
    Mistake("the data term's factor 2 is missing (the 2 comes down from the square)", _DATA_TERM,
            lambda Phi, U, W, penalty: unit_vector_gradient(Phi, U, W, penalty) - _data_gradient(Phi, U, W) / 2),
    Mistake("every term is half as large: the factors 2 are missing, or it divides by the 2m entries of F "
            "instead of the m rows", f"the 2/m and 4/m in {_FORMULA}: m = Phi.shape[0], the number of vectors",
            lambda Phi, U, W, penalty: unit_vector_gradient(Phi, U, W, penalty) / 2),
    Mistake("a sum where the mean belongs (the 1/m is missing)", f"the 2/m and 4/m in {_FORMULA}",
            lambda Phi, U, W, penalty: Phi.shape[0] * unit_vector_gradient(Phi, U, W, penalty)),
    Mistake("the penalty's term is a sum where the mean belongs (its 1/m is missing)", f"the 4/m in {_PENALTY_TERM}",
            _with_penalty(lambda lam, m: lam * m)),
    Mistake("the prediction is Φ W where Φ Wᵀ belongs", "F = ΦWᵀ: each row is f_i = Wφ_i, so `F = Phi @ W.T`",
            lambda Phi, U, W, penalty: unit_vector_gradient(Phi, U, W.T, penalty)),
    Mistake("the result is transposed: Φᵀ(…) gives (∂J/∂W)ᵀ, which has the same shape (2, 2)",
            f"the order of the product in {_FORMULA}: entry (j, k) pairs output j with feature k",
            lambda Phi, U, W, penalty: unit_vector_gradient(Phi, U, W, penalty).T),
)


def _cases(seed: int):
    """(Phi, U, W, penalty) cases: one vector, unit features as in the notebook and general ones,
    predictions far shorter and far longer than 1, penalties from 0.05 to 10 (never 1).

    Drawn from default_rng(seed) in the order listed: unit(m) is angle_features of m angles uniform
    in [0, 2π); weights(size) = size · Q + 0.3 · size · N, with Q the orthogonal factor of the QR
    of a 2 × 2 standard normal draw and N a second such draw.
    """
    rng = np.random.default_rng(seed)

    def unit(m):
        return angle_features(rng.uniform(0.0, 2 * np.pi, m))

    def weights(size):
        return size * np.linalg.qr(rng.normal(size=(2, 2)))[0] + 0.3 * size * rng.normal(size=(2, 2))

    return [
        (unit(1), unit(1), weights(1.8), 2.5),
        (unit(5), unit(5), weights(0.3), 0.4),
        (3.0 * rng.normal(size=(7, 2)), unit(7), weights(1.0), 10.0),
        (unit(12), unit(12), weights(1.6), 4.0),
        (0.2 * rng.normal(size=(3, 2)) + 0.5, rng.normal(size=(3, 2)), weights(2.5), 0.05),
        (unit(2), unit(2), weights(0.6), 7.0),
    ]


def unit_vector_gradient_exercise(seed: int = 11) -> Exercise:
    """The held-out cases, reference and mistakes of the unit_vector_gradient exercise."""
    return Exercise(
        title="unit_vector_gradient",
        function_name="unit_vector_gradient",
        outputs=("gradient",),
        reference=unit_vector_gradient,
        cases=[Case(case, ("Phi", "U", "W", "penalty")) for case in _cases(seed)],
        mistakes=GRADIENT_MISTAKES,
    )


def check_unit_vector_gradient(function) -> CheckResult:
    """Check a learner's unit_vector_gradient(Phi, U, W, penalty) -> dJ/dW (2, 2).

    Phi, U: (m, 2); W: (2, 2); penalty: a number >= 0. Returns a CheckResult that names the mistake
    (penalty term missing, γ left out, factor 2 or 4, (‖f‖ − 1)² for (‖f‖² − 1)², sign, sum for mean,
    Φ W for Φ Wᵀ, transposed, (m,) against (m, 1), in-place change).
    """
    return check_function(function, unit_vector_gradient_exercise())
