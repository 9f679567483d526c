"""Notebook 12's coding exercise: the gradients of the masked MSE of the linear model.

    J = (1/m) sum_i w_i (y_i - y_hat_i)^2         (averaged over all m examples, as in the notebook)
    dJ/dalpha = -(2/m) sum_i w_i (y_i - y_hat_i)           (1, 1)
    dJ/dbeta  = -(2/m) (mask * (Y - Y_hat))^T X             (1, n)

check_masked_mse_gradients(fn) runs the learner's function on held-out problems with some targets
masked out, compares it with gdlib.losses.weighted_mse(mask) chained through the linear model, and
names the classic mistake its outputs match.
"""

from __future__ import annotations

import numpy as np

from gdlib.exercises.cases import regression_problems
from gdlib.exercises.checking import Case, CheckResult, Exercise, Mistake, check_function
from gdlib.losses import weighted_mse
from gdlib.model import predict

_D_ALPHA = "∂J/∂α = −(2/m) Σ wᵢ (yᵢ − ŷᵢ)"
_D_BETA = "∂J/∂β = −(2/m) (w ⊙ (Y − Ŷ))ᵀ X"
_BOTH = f"{_D_ALPHA} and {_D_BETA}"


def _masks(seed: int, problems) -> list[np.ndarray]:
    """A 0/1 mask (m, 1) per problem: [[1]] for one example, else at least one 0 and at least one 1.

    Drawn from default_rng(seed), problem by problem: where m > 1, a count k = integers(1, m), then
    the k distinct rows choice(m, size=k, replace=False) are set to 0.
    """
    rng = np.random.default_rng(seed)
    masks = []
    for X, *_ in problems:
        m = X.shape[0]
        mask = np.ones((m, 1))
        if m > 1:
            missing = rng.choice(m, size=rng.integers(1, m), replace=False)  # 1 to m - 1 of them
            mask[missing] = 0.0
        masks.append(mask)
    return masks


def masked_mse_gradients_reference(X, Y, mask, alpha, beta):
    """dJ/dY_hat from gdlib.losses.weighted_mse(mask), chained through Y_hat = alpha + X beta^T:
    (d_alpha (1, 1), d_beta (1, n))."""
    d_Y_hat = weighted_mse(mask).gradient(Y, predict(X, alpha, beta))  # (m, 1), includes the 1/m
    return d_Y_hat.sum(axis=0, keepdims=True), d_Y_hat.T @ X


def _gradients_with(scale=lambda m, observed: -2.0 / m, errors=None, bias=True):
    """The gradients with −2/m replaced by scale(m, number observed), and the masked errors
    mask ⊙ (Y − Ŷ) replaced by errors(Y, Ŷ, mask); a mutant of the reference."""
    errors = errors or (lambda Y, Y_hat, mask: mask * (Y - Y_hat))

    def gives(X, Y, mask, alpha, beta):
        Y_hat = (alpha if bias else 0.0) + X @ beta.T
        masked = errors(Y, Y_hat, mask)
        factor = scale(X.shape[0], mask.sum())
        return factor * masked.sum(axis=0, keepdims=True), factor * masked.T @ X
    return gives


def _flat_mask(X, Y, mask, alpha, beta):
    """The gradients when the mask (m,) meets the residuals (m, 1): an (m, m) table."""
    m = X.shape[0]
    table = mask[:, 0] * (Y - (alpha + X @ beta.T))
    return -(2.0 / m) * table.sum(keepdims=True).reshape(1, 1), -(2.0 / m) * table.T @ X


MISTAKES = (
    Mistake("the mask is missing: this is the plain MSE, which fits the missing targets too",
            f"the mask wᵢ in {_BOTH}", _gradients_with(errors=lambda Y, Y_hat, mask: Y - Y_hat)),
    Mistake("it divides by the number of observed targets instead of m. The notebook's masked MSE is "
            "(1/m) Σ wᵢ (yᵢ − ŷᵢ)², averaged over all m examples, like gdlib.losses.weighted_mse",
            f"the 2/m in {_BOTH}: m = X.shape[0], not mask.sum()",
            _gradients_with(scale=lambda m, observed: -2.0 / observed)),
    Mistake("the mask multiplies the prediction instead of the residual: Y − mask ⊙ Ŷ still counts the "
            "missing targets", f"wᵢ (yᵢ − ŷᵢ) in {_BOTH}: mask the whole residual",
            _gradients_with(errors=lambda Y, Y_hat, mask: Y - mask * Y_hat)),
    Mistake("the mask multiplies the targets instead of the residual: mask ⊙ Y − Ŷ fits the missing "
            "targets as if they were 0", f"wᵢ (yᵢ − ŷᵢ) in {_BOTH}: mask the whole residual",
            _gradients_with(errors=lambda Y, Y_hat, mask: mask * Y - Y_hat)),
    Mistake("the sign is flipped", f"the minus in front of 2/m: {_BOTH}",
            _gradients_with(scale=lambda m, observed: 2.0 / m)),
    Mistake("the factor 2 is missing (the 2 comes down from the square)", _BOTH,
            _gradients_with(scale=lambda m, observed: -1.0 / m)),
    Mistake("a sum where the mean belongs (the 1/m is missing)", f"the 2/m in {_BOTH}",
            _gradients_with(scale=lambda m, observed: -2.0)),
    Mistake("the prediction leaves out the bias", "the prediction Ŷ = α + Xβᵀ: α belongs in it",
            _gradients_with(bias=False)),
    Mistake("the mask (m,) met the residuals (m, 1), and numpy broadcast them into an (m, m) table",
            "the shape of the mask: keep it the (m, 1) column it is (no `.ravel()` or `[:, 0]`)", _flat_mask),
)


def masked_mse_gradients_exercise(seed: int = 10) -> Exercise:
    """The held-out cases, reference and mistakes of the masked_mse_gradients exercise."""
    problems = regression_problems(seed)
    cases = [Case((X, Y, mask, alpha, beta), ("X", "Y", "mask", "alpha", "beta"))
             for (X, Y, alpha, beta), mask in zip(problems, _masks(seed, problems), strict=True)]
    return Exercise(
        title="masked_mse_gradients",
        function_name="masked_mse_gradients",
        outputs=("d_alpha", "d_beta"),
        reference=masked_mse_gradients_reference,
        cases=cases,
        mistakes=MISTAKES,
    )


def check_masked_mse_gradients(function) -> CheckResult:
    """Check a learner's masked_mse_gradients(X, Y, mask, alpha, beta) -> (d_alpha (1, 1), d_beta (1, n)).

    X: (m, n); Y: (m, 1); mask: (m, 1), 1 for an observed target and 0 for a missing one;
    alpha: (1, 1); beta: (1, n). Returns a CheckResult that names the mistake (mask missing, on the
    prediction or the targets, divided by the observed count, sign, factor 2, sum for mean, no bias,
    broadcast mask, transpose, in-place change).
    """
    return check_function(function, masked_mse_gradients_exercise())
