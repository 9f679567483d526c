"""Batch gradient descent on the MSE of the linear model.

Each step applies the two update rules of the derivation:

    alpha <- alpha - learning_rate * dJ/dalpha,   dJ/dalpha = -(2/m) sum (Y - Y_hat)     (1, 1)
    beta  <- beta  - learning_rate * dJ/dbeta,    dJ/dbeta  = -(2/m) (Y - Y_hat)^T X     (1, n)

The loop does the two matrix-vector products every step needs (X beta^T and r^T X) and
only O(m) work besides, reusing its buffers, so it runs close to the speed of those products.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from gdlib.validation import as_alpha, as_beta, as_X, as_Y, check_iterations, check_learning_rate

#: A cost this many times the starting cost (or non-finite) counts as divergence.
BLOW_UP_FACTOR = 1e8


@dataclass(frozen=True)
class DescentResult:
    """What a run of gradient descent did.

    alpha: (1, 1) final bias; beta: (1, n) final weights (the last ones computed, even after
        divergence).
    costs: (k + 1,) costs[0] is the cost at the start, costs[j] the cost after j updates.
    alphas: (k + 1,) the bias at the start and after each update (for drawing paths).
    betas: (k + 1, n) the weights at the start and after each update.
    diverged: True when the run stopped early because the cost blew up or stopped being finite.
    converged: True when the run stopped early because the gradient norm fell below tolerance.
    learning_rate: the learning rate used.
    """

    alpha: np.ndarray
    beta: np.ndarray
    costs: np.ndarray
    alphas: np.ndarray
    betas: np.ndarray
    diverged: bool
    converged: bool
    learning_rate: float

    @property
    def iterations_run(self) -> int:
        """How many updates were made (k)."""
        return len(self.costs) - 1

    @property
    def cost(self) -> float:
        """The final cost, costs[-1]."""
        return float(self.costs[-1])


def gradient_descent(
    X,
    Y,
    learning_rate,
    iterations,
    alpha=None,
    beta=None,
    *,
    tolerance: float | None = None,
) -> DescentResult:
    """Fit alpha and beta by batch gradient descent on J = (1/m) sum (y - y_hat)^2.

    X: (m, n) inputs; Y: (m, 1) targets, or (m,).
    learning_rate: a number > 0. iterations: a whole number >= 0 of updates to make.
    alpha: (1, 1) or a number, the starting bias (default 0).
    beta: (1, n) or (n,), the starting weights (default zeros).
    tolerance: if given, stop early once the gradient's Euclidean norm is at most this.
    Returns a DescentResult; with iterations=0 it describes the starting point only.
    The run stops early, with diverged=True and no numpy warning, once the cost is not finite
    or exceeds BLOW_UP_FACTOR times the starting cost. The inputs are never modified.
    """
    X = as_X(X)
    m, n = X.shape
    Y = as_Y(Y, m)
    alpha = np.zeros((1, 1)) if alpha is None else as_alpha(alpha).copy()
    beta = np.zeros((1, n)) if beta is None else as_beta(beta, n).copy()
    learning_rate = check_learning_rate(learning_rate)
    iterations = check_iterations(iterations)
    if tolerance is not None:
        tolerance = float(tolerance)
        if not tolerance >= 0:
            raise ValueError(f"tolerance must be a number >= 0 or None, got {tolerance!r}.")

    costs = np.empty(iterations + 1)
    alphas = np.empty(iterations + 1)
    betas = np.empty((iterations + 1, n))
    residual = np.empty((m, 1))
    d_beta = np.empty((1, n))
    step = 2.0 * learning_rate / m
    diverged = converged = False
    k = 0
    with np.errstate(over="ignore", invalid="ignore"):
        while True:
            # residual = Y - (alpha + X beta^T), computed in place
            np.matmul(X, beta.T, out=residual)
            residual += alpha
            np.subtract(Y, residual, out=residual)
            cost = float(np.vdot(residual, residual)) / m
            costs[k], alphas[k], betas[k] = cost, alpha[0, 0], beta[0]
            if not np.isfinite(cost) or cost > BLOW_UP_FACTOR * max(costs[0], np.finfo(float).tiny):
                diverged = k > 0 or not np.isfinite(cost)
                break
            if k == iterations:
                break
            residual_sum = residual.sum()
            np.matmul(residual.T, X, out=d_beta)
            if tolerance is not None:
                gradient_norm = (2.0 / m) * np.sqrt(residual_sum**2 + float(np.vdot(d_beta, d_beta)))
                if gradient_norm <= tolerance:
                    converged = True
                    break
            # alpha <- alpha - lr * dJ/dalpha and beta <- beta - lr * dJ/dbeta, where the
            # minus signs of the gradients and of the rule cancel: both move along +residual.
            alpha += step * residual_sum
            d_beta *= step
            beta += d_beta
            k += 1
    return DescentResult(
        alpha=alpha,
        beta=beta,
        costs=costs[: k + 1].copy(),
        alphas=alphas[: k + 1].copy(),
        betas=betas[: k + 1].copy(),
        diverged=diverged,
        converged=converged,
        learning_rate=learning_rate,
    )
