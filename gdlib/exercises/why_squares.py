"""Notebook 08's coding exercise: the gradient of the Gaussian negative log-likelihood per example.

With s = log sigma and J the MSE of the linear model,

    nll = (1/2) log(2 pi) + s + J / (2 sigma^2)
    d nll / d alpha = dJ/dalpha / (2 sigma^2),   d nll / d beta = dJ/dbeta / (2 sigma^2),
    d nll / d s = 1 - J / sigma^2.

check_nll_gradients(fn) runs the learner's function on held-out cases, compares it with
gdlib.likelihood.gaussian_nll_gradients and names the classic mistake its outputs match.
"""

from __future__ import annotations

import numpy as np

from gdlib.exercises.cases import regression_problems
from gdlib.exercises.checking import Case, CheckResult, Exercise, Mistake, check_function
from gdlib.likelihood import gaussian_nll_gradients

_D_ALPHA = "∂ℓ/∂α = −(1/(mσ²)) Σ (y − ŷ)"
_D_BETA = "∂ℓ/∂β = −(1/(mσ²)) (Y − Ŷ)ᵀ X"
_D_S = "∂ℓ/∂s = 1 − J/σ²"
_BOTH = f"{_D_ALPHA} and {_D_BETA}, that is (∂J/∂α, ∂J/∂β) / (2σ²)"
_ALL = f"{_D_ALPHA}, {_D_BETA} and {_D_S}"

#: log sigma of each held-out case: sigma from about 0.15 to 10, never 1, never 1/sqrt(2) (where
#: 2 sigma^2 = 1) and never where (log sigma)^2 = sigma^2, so that each mistake changes the answer.
LOG_SIGMAS = (0.9, -1.2, 1.7, 0.4, -0.8, 2.3, -1.9)


def _parts(X, Y, alpha, beta, *, bias: bool = True, flatten_targets: bool | None = None):
    """(m, residual, J) of the linear model: residual = Y - Y_hat (m, 1), or an (m, m) table when a
    1-D array meets a column (flatten_targets True: Y (m,); False: Y_hat (m,))."""
    m = X.shape[0]
    Y_hat = (alpha if bias else 0.0) + X @ beta.T
    if flatten_targets is True:
        residual = Y[:, 0] - Y_hat
    elif flatten_targets is False:
        residual = Y - Y_hat[:, 0]
    else:
        residual = Y - Y_hat
    return m, residual, float(np.mean(residual**2))


def _gradients_with(*, variance=lambda s: np.exp(2.0 * s), factor=lambda m: -1.0 / m, bias: bool = True,
                    flatten_targets: bool | None = None):
    """The three gradients with the reference's pieces replaced: sigma^2 = variance(s), the factor
    -1/m of the (alpha, beta) gradients by factor(m) (before the division by sigma^2), the bias left
    out of y_hat, or a 1-D array broadcast against a column; a mutant, to recognise a learner's mistake."""
    def gives(X, Y, alpha, beta, log_sigma):
        m, residual, J = _parts(X, Y, alpha, beta, bias=bias, flatten_targets=flatten_targets)
        v = variance(log_sigma)
        scale = factor(m) / v
        d_alpha = (scale * residual.sum()).reshape(1, 1) if flatten_targets is not None \
            else scale * residual.sum(axis=0, keepdims=True)
        return d_alpha, scale * residual.T @ X, 1.0 - J / v
    return gives


def _log_sigma_with(d_log_sigma):
    """The reference's (alpha, beta) gradients with d_log_sigma(J, sigma, s, m) for the third output."""
    def gives(X, Y, alpha, beta, log_sigma):
        d_alpha, d_beta, _ = gaussian_nll_gradients(X, Y, alpha, beta, log_sigma)
        _, _, J = _parts(X, Y, alpha, beta)
        return d_alpha, d_beta, d_log_sigma(J, float(np.exp(log_sigma)), log_sigma, X.shape[0])
    return gives


def _mse_gradients(X, Y, alpha, beta, log_sigma):
    """The MSE's gradients unscaled, with the reference's d_log_sigma."""
    m, residual, _ = _parts(X, Y, alpha, beta)
    *_, d_log_sigma = gaussian_nll_gradients(X, Y, alpha, beta, log_sigma)
    return -(2.0 / m) * residual.sum(axis=0, keepdims=True), -(2.0 / m) * residual.T @ X, d_log_sigma


_BROADCAST = ("a 1-D array (m,) met a column (m, 1), which numpy broadcasts into an (m, m) table",
              "the shapes of Y and Ŷ: both must be (m, 1) columns (use `X @ beta.T`, never `.ravel()`)")

NLL_MISTAKES = (
    Mistake("the 1/(2σ²) is missing: that is the MSE's gradient itself, which points the same way but has "
            "another length", _BOTH, _mse_gradients),
    Mistake("the ½ of 1/(2σ²) is lost: it divides the MSE's gradient by σ² instead of 2σ²", _BOTH,
            _gradients_with(factor=lambda m: -2.0 / m)),
    Mistake("the factor 2 is missing (the 2 from the square cancels the 2 of 2σ²)", _BOTH,
            _gradients_with(factor=lambda m: -0.5 / m)),
    Mistake("σ² is computed as exp(s), which is σ: the variance is σ² = exp(2s)",
            f"the σ² in {_ALL}", _gradients_with(variance=np.exp)),
    Mistake("log σ is used as if it were σ: the variance is σ² = exp(2s), not s²",
            f"the σ² in {_ALL}, with σ = exp(s)", _gradients_with(variance=lambda s: s**2)),
    Mistake("the sign is flipped", f"the minus in front of 1/(mσ²): {_BOTH}",
            _gradients_with(factor=lambda m: 1.0 / m)),
    Mistake("a sum where the mean belongs (the 1/m is missing)", f"the 1/m in {_BOTH}",
            _gradients_with(factor=lambda m: -1.0)),
    Mistake("the prediction leaves out the bias", "the prediction Ŷ = α + Xβᵀ: α belongs in it",
            _gradients_with(bias=False)),
    Mistake(*_BROADCAST, _gradients_with(flatten_targets=True)),
    Mistake(*_BROADCAST, _gradients_with(flatten_targets=False)),
    Mistake("it is the derivative with respect to σ, 1/σ − J/σ³, not with respect to s = log σ",
            f"the chain rule ∂ℓ/∂s = ∂ℓ/∂σ · σ (because σ = exp(s)), which gives {_D_S}",
            _log_sigma_with(lambda J, sigma, s, m: 1.0 / sigma - J / sigma**3)),
    Mistake("the 1 is missing: it is the derivative of the s in ℓ = ½ log(2π) + s + J/(2σ²)", _D_S,
            _log_sigma_with(lambda J, sigma, s, m: -J / sigma**2)),
    Mistake("the sign is flipped", f"the order in {_D_S}", _log_sigma_with(lambda J, sigma, s, m: J / sigma**2 - 1.0)),
    Mistake("the factor 2 is missing: σ² = exp(2s), so ∂(1/(2σ²))/∂s = −2/(2σ²) = −1/σ²",
            f"{_D_S}: the J/(2σ²) of ℓ becomes J/σ²", _log_sigma_with(lambda J, sigma, s, m: 1.0 - J / (2 * sigma**2))),
    Mistake("J is the sum of the squared errors where the mean belongs", f"{_D_S}, with J = (1/m) Σ (y − ŷ)²",
            _log_sigma_with(lambda J, sigma, s, m: 1.0 - m * J / sigma**2)),
)


def nll_gradients_exercise(seed: int = 7) -> Exercise:
    """The held-out cases, reference and mistakes of the nll_gradients exercise.

    The cases are regression_problems(seed), the k-th with log_sigma = LOG_SIGMAS[k].
    """
    names = ("X", "Y", "alpha", "beta", "log_sigma")
    return Exercise(
        title="nll_gradients",
        function_name="nll_gradients",
        outputs=("d_alpha", "d_beta", "d_log_sigma"),
        reference=gaussian_nll_gradients,
        cases=[Case((*problem, log_sigma), names)
               for problem, log_sigma in zip(regression_problems(seed), LOG_SIGMAS, strict=True)],
        mistakes=NLL_MISTAKES,
    )


def check_nll_gradients(function) -> CheckResult:
    """Check a learner's nll_gradients(X, Y, alpha, beta, log_sigma) -> (d_alpha (1, 1), d_beta (1, n), float).

    X: (m, n); Y: (m, 1); alpha: (1, 1); beta: (1, n); log_sigma: a number s = log σ; the float is
    d_log_sigma. The gradients are those of ℓ = ½ log(2π) + s + J/(2σ²). Returns a CheckResult that
    names the mistake (the 1/(2σ²), its ½, the factor 2, exp(s) or s for σ², sign, sum for mean,
    missing bias, broadcast, ∂/∂σ for ∂/∂s, the missing 1, J as a sum, in-place change).
    """
    return check_function(function, nll_gradients_exercise())
