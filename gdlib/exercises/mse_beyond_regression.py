"""Notebook 14's coding exercise: the gradient of the tied autoencoder's reconstruction error.

check_reconstruction_gradient(fn) runs the learner's function on held-out cases, compares it with
gdlib.autoencoder.reconstruction_gradient, and names the classic mistake its output matches.

    X̂ = X W Wᵀ,   R = X − X̂,   J(W) = (1/m) ‖R‖²_F
    ∂J/∂W = −(2/m)(XᵀR W + RᵀX W)                      (n, c)

W appears twice in X̂ (the encoder W and the decoder Wᵀ), so the gradient has two terms; the
classic slips keep one of them, count one twice, or lose a sign, a factor 2 or the 1/m.
"""

from __future__ import annotations

import numpy as np

from gdlib.autoencoder import reconstruction_gradient
from gdlib.exercises.checking import Case, CheckResult, Exercise, Mistake, check_function

_FORMULA = "∂J/∂W = −(2/m)(XᵀR W + RᵀX W) with R = X − X W Wᵀ"
_ENCODER = "XᵀR W"
_DECODER = "RᵀX W"


def _terms(X, W):
    """The two terms XᵀR W (through the encoder W) and RᵀX W (through the decoder Wᵀ), each (n, c)."""
    R = X - X @ W @ W.T
    return X.T @ R @ W, R.T @ X @ W


def _combined(encoder: float, decoder: float, scale=lambda m, n: -2.0 / m):
    """scale(m, n) * (encoder * XᵀR W + decoder * RᵀX W): a mutant of the reference."""
    def gives(X, W):
        through_encoder, through_decoder = _terms(X, W)
        return scale(*X.shape) * (encoder * through_encoder + decoder * through_decoder)
    return gives


GRADIENT_MISTAKES = (
    Mistake("only the encoder's term XᵀR W: the decoder's Wᵀ was treated as a constant",
            f"the second appearance of W: X̂ = X W Wᵀ holds W twice, so {_FORMULA} has two terms",
            _combined(1.0, 0.0)),
    Mistake("only the decoder's term RᵀX W: the encoder's W was treated as a constant",
            f"the first appearance of W: X̂ = X W Wᵀ holds W twice, so {_FORMULA} has two terms",
            _combined(0.0, 1.0)),
    Mistake("one term counted twice: 2 XᵀR W where XᵀR W + RᵀX W belongs (the two terms are not equal)",
            f"the two terms of {_FORMULA}: XᵀR = XᵀX(I − WWᵀ) but RᵀX = (I − WWᵀ)XᵀX",
            _combined(2.0, 0.0)),
    Mistake("one term counted twice: 2 RᵀX W where XᵀR W + RᵀX W belongs (the two terms are not equal)",
            f"the two terms of {_FORMULA}: XᵀR = XᵀX(I − WWᵀ) but RᵀX = (I − WWᵀ)XᵀX",
            _combined(0.0, 2.0)),
    Mistake("the sign is flipped", f"the minus in front of 2/m, and R = X − X̂ (not X̂ − X): {_FORMULA}",
            _combined(1.0, 1.0, lambda m, n: 2.0 / m)),
    Mistake("the factor 2 is missing (the 2 comes down from the square)", f"the 2/m in {_FORMULA}",
            _combined(1.0, 1.0, lambda m, n: -1.0 / m)),
    Mistake("a sum where the mean belongs (the 1/m is missing)", f"the 2/m in {_FORMULA}: m = X.shape[0]",
            _combined(1.0, 1.0, lambda m, n: -2.0)),
    Mistake("it divides by the m n entries of X instead of the m examples (np.mean over the whole matrix)",
            f"the 2/m in {_FORMULA}: J sums the squares of each row and averages over the m rows",
            _combined(1.0, 1.0, lambda m, n: -2.0 / (m * n))),
    Mistake("the result is transposed: it has the shape of Wᵀ, which here is the shape of W",
            f"the order of the products in {_FORMULA}: Xᵀ(R W) is (n, m)(m, c) = (n, c), like W",
            lambda X, W: reconstruction_gradient(X, W).T,
            where=lambda X, W: W.shape[0] == W.shape[1]),
)


def _cases(seed: int):
    """(X, W) cases: one example, more features than examples, a code of 1 and a code as long as
    the example, values far from 1, X not centred (the formula does not need it).

    Drawn from default_rng(seed), case by case: X = scale · N(0, 1) + 0.5 (m, n), then
    W = 0.6 · N(0, 1) (n, c).
    """
    rng = np.random.default_rng(seed)
    shapes = [(1, 3, 1), (6, 4, 2), (3, 5, 2), (8, 2, 2), (10, 3, 1), (4, 6, 3)]
    scales = [7.0, 0.4, 3.0, 1.5, 12.0, 0.8]
    return [(scale * rng.normal(size=(m, n)) + 0.5, 0.6 * rng.normal(size=(n, c)))
            for (m, n, c), scale in zip(shapes, scales, strict=True)]


def reconstruction_gradient_exercise(seed: int = 14) -> Exercise:
    """The held-out cases, reference and mistakes of the reconstruction_gradient exercise."""
    return Exercise(
        title="reconstruction_gradient",
        function_name="reconstruction_gradient",
        outputs=("gradient",),
        reference=reconstruction_gradient,
        cases=[Case(case, ("X", "W")) for case in _cases(seed)],
        mistakes=GRADIENT_MISTAKES,
    )


def check_reconstruction_gradient(function) -> CheckResult:
    """Check a learner's reconstruction_gradient(X, W) -> dJ/dW (n, c), for X (m, n) and W (n, c).

    Returns a CheckResult that names the mistake (one of the two terms missing or counted twice,
    sign, factor 2, sum for mean, mean over all entries, transposed, shapes, in-place change).
    """
    return check_function(function, reconstruction_gradient_exercise())
