"""The MSE as a likelihood: the linear model with Gaussian noise, its value and gradient side by side.

If y = alpha + x beta^T + noise with noise ~ N(0, sigma^2), independent across examples, then

    -log L(alpha, beta, sigma) = (m/2) log(2 pi sigma^2) + sum (y - y_hat)^2 / (2 sigma^2).

Divided by m (like the MSE, so that learning rates do not depend on m), with s = log sigma:

    nll = (1/2) log(2 pi) + s + J / (2 sigma^2),          J = (1/m) sum (y - y_hat)^2
    d nll / d alpha = dJ/dalpha / (2 sigma^2)                                  (1, 1)
    d nll / d beta  = dJ/dbeta  / (2 sigma^2)                                  (1, n)
    d nll / d s     = 1 - J / sigma^2                                           a number

So for any fixed sigma the (alpha, beta) gradient is the MSE gradient scaled by a positive
number: both have the same minimiser. And d nll / d s = 0 at sigma^2 = J: the best noise
variance is the MSE at the optimum. Parameterising by s = log sigma keeps sigma > 0.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from gdlib.mse import mse_cost, mse_gradients
from gdlib.validation import as_alpha, as_beta, as_X, as_Y, check_iterations, check_learning_rate

__all__ = ["GaussianFit", "fit_gaussian", "gaussian_nll", "gaussian_nll_gradients"]


def _log_sigma(log_sigma) -> float:
    if isinstance(log_sigma, bool) or not isinstance(log_sigma, (int, float, np.floating, np.integer)):
        raise TypeError(f"log_sigma must be a real number (the log of the noise sd), got "
                        f"{type(log_sigma).__name__} {log_sigma!r}.")
    if not math.isfinite(log_sigma):
        raise ValueError(f"log_sigma must be finite, got {log_sigma!r}.")
    return float(log_sigma)


def gaussian_nll(X, Y, alpha, beta, log_sigma) -> float:
    """The negative log-likelihood per example of Gaussian noise, -(1/m) log L.

    X: (m, n); Y: (m, 1) or (m,); alpha: (1, 1) or a number; beta: (1, n) or (n,);
    log_sigma: a number, s = log sigma. Returns (1/2) log(2 pi) + s + J / (2 sigma^2), a float.
    """
    log_sigma = _log_sigma(log_sigma)
    J = mse_cost(X, Y, alpha, beta)
    return 0.5 * math.log(2.0 * math.pi) + log_sigma + J / (2.0 * float(np.exp(2.0 * log_sigma)))


def gaussian_nll_gradients(X, Y, alpha, beta, log_sigma) -> tuple[np.ndarray, np.ndarray, float]:
    """The gradient of gaussian_nll with respect to alpha, beta and s = log sigma.

    Same arguments as gaussian_nll. Returns (d_alpha (1, 1), d_beta (1, n), d_log_sigma float).
    """
    log_sigma = _log_sigma(log_sigma)
    variance = float(np.exp(2.0 * log_sigma))
    J = mse_cost(X, Y, alpha, beta)
    d_alpha, d_beta = mse_gradients(X, Y, alpha, beta)
    return d_alpha / (2.0 * variance), d_beta / (2.0 * variance), 1.0 - J / variance


@dataclass(frozen=True)
class GaussianFit:
    """The result of fit_gaussian.

    alpha: (1, 1); beta: (1, n); log_sigma, sigma: the fitted noise level;
    nlls: (k + 1,) gaussian_nll at the start and after each update (the last is not finite if diverged).
    diverged: True when the run stopped early because the value stopped being finite.
    """

    alpha: np.ndarray
    beta: np.ndarray
    log_sigma: float
    nlls: np.ndarray
    diverged: bool

    @property
    def sigma(self) -> float:
        """The fitted noise standard deviation, exp(log_sigma)."""
        return math.exp(self.log_sigma)


def fit_gaussian(X, Y, learning_rate, iterations, alpha=None, beta=None, log_sigma=0.0) -> GaussianFit:
    """Fit alpha, beta and sigma together by gradient descent on gaussian_nll.

    X: (m, n); Y: (m, 1); learning_rate > 0; iterations >= 0; alpha (1, 1), beta (1, n):
    the start (default zeros); log_sigma: the starting log sigma (default 0, sigma = 1).
    Every update moves (alpha, beta, log_sigma) by -learning_rate times the gradient.
    Returns a GaussianFit; a run whose value stops being finite stops there, with
    diverged=True and no numpy warning.
    """
    X = as_X(X)
    m, n = X.shape
    Y = as_Y(Y, m)
    learning_rate = check_learning_rate(learning_rate)
    iterations = check_iterations(iterations)
    alpha = np.zeros((1, 1)) if alpha is None else as_alpha(alpha).copy()
    beta = np.zeros((1, n)) if beta is None else as_beta(beta, n).copy()
    log_sigma = _log_sigma(log_sigma)
    nlls = np.empty(iterations + 1)
    nlls[0] = gaussian_nll(X, Y, alpha, beta, log_sigma)
    k, diverged = 0, False
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        while k < iterations:
            d_alpha, d_beta, d_log_sigma = gaussian_nll_gradients(X, Y, alpha, beta, log_sigma)
            step_alpha, step_beta = alpha - learning_rate * d_alpha, beta - learning_rate * d_beta
            step_log_sigma = log_sigma - learning_rate * d_log_sigma
            if not (np.isfinite(step_alpha).all() and np.isfinite(step_beta).all() and math.isfinite(step_log_sigma)):
                diverged = True
                break
            alpha, beta, log_sigma = step_alpha, step_beta, step_log_sigma
            k += 1
            nlls[k] = gaussian_nll(X, Y, alpha, beta, log_sigma)
            if not math.isfinite(nlls[k]):
                diverged = True
                break
    return GaussianFit(alpha=alpha, beta=beta, log_sigma=log_sigma, nlls=nlls[: k + 1].copy(), diverged=diverged)
