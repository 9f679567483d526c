"""Batch gradient descent on the MSE of the linear model.

Each step applies the two update rules of the derivation:

    alpha <- alpha - learning_rate * dJ/dalpha,   dJ/dalpha = -(2/m) sum (Y - Y_hat)     (1, 1)
    beta  <- beta  - learning_rate * dJ/dbeta,    dJ/dbeta  = -(2/m) (Y - Y_hat)^T X     (1, n)

For the MSE (the default) the loop does the two matrix-vector products every step needs
(X beta^T and r^T X) and only O(m) work besides, reusing its buffers, so it runs close to the
speed of those products. Other losses and an output activation (gdlib.losses,
gdlib.activations) go through the chain rule instead.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from gdlib.activations import Activation, identity, sigmoid
from gdlib.losses import Loss, as_loss, binary_cross_entropy, mse
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


class _MSEObjective:
    """J and its gradient for the linear model and the MSE, reusing two buffers.

    cost(alpha, beta) computes the residual r = Y - (alpha + X beta^T) in place and returns J;
    gradient() then returns (dJ/dalpha as a float, dJ/dbeta (1, n)) from that residual.
    """

    def __init__(self, X: np.ndarray, Y: np.ndarray):
        self.X, self.Y = X, Y
        self.residual = np.empty_like(Y)
        self.d_beta = np.empty((1, X.shape[1]))

    def cost(self, alpha: np.ndarray, beta: np.ndarray) -> float:
        np.matmul(self.X, beta.T, out=self.residual)
        self.residual += alpha
        np.subtract(self.Y, self.residual, out=self.residual)
        return float(np.vdot(self.residual, self.residual)) / self.Y.shape[0]

    def gradient(self) -> tuple[float, np.ndarray]:
        scale = -2.0 / self.Y.shape[0]
        np.matmul(self.residual.T, self.X, out=self.d_beta)
        self.d_beta *= scale
        return scale * float(self.residual.sum()), self.d_beta


class _ChainRuleObjective:
    """J = loss(Y, activation(alpha + X beta^T)) and its gradient by the chain rule:

    dJ/dz = loss.gradient(Y, Y_hat) * activation'(z)   (m, 1)
    dJ/dalpha = sum(dJ/dz),   dJ/dbeta = (dJ/dz)^T X    (1, n)

    Cross-entropy after a sigmoid is computed from the logits z instead (its value with
    logaddexp, its gradient as (sigmoid(z) - y) / m), which is exact however saturated the
    sigmoid is; the product of the two factors above would lose digits there.
    """

    def __init__(self, X: np.ndarray, Y: np.ndarray, loss: Loss, activation: Activation | None):
        loss.check(Y, Y)  # the loss's own conditions on Y (labels in [0, 1] for cross-entropy), once
        self.X, self.Y, self.loss, self.activation = X, Y, loss, activation
        self.on_logits = activation is sigmoid and loss is binary_cross_entropy

    def cost(self, alpha: np.ndarray, beta: np.ndarray) -> float:
        self.z = alpha + self.X @ beta.T
        if self.on_logits:
            return self.loss._value_from_logits(self.Y, self.z)
        self.Y_hat = self.z if self.activation is None else self.activation.value(self.z)
        if not np.isfinite(self.Y_hat).all():
            return float("inf")
        return self.loss._value(self.Y, self.Y_hat)

    def gradient(self) -> tuple[float, np.ndarray]:
        if self.on_logits:
            d_z = self.loss._gradient_from_logits(self.Y, self.z)
        else:
            d_z = self.loss._gradient(self.Y, self.Y_hat)
            if self.activation is not None:
                d_z = d_z * self.activation.derivative(self.z)
        return float(d_z.sum()), d_z.T @ self.X


def gradient_descent(
    X,
    Y,
    learning_rate,
    iterations,
    alpha=None,
    beta=None,
    *,
    tolerance: float | None = None,
    loss: Loss | None = None,
    activation: Activation | None = None,
) -> DescentResult:
    """Fit alpha and beta by batch gradient descent.

    X: (m, n) inputs; Y: (m, 1) targets, or (m,).
    learning_rate: a number > 0. iterations: a whole number >= 0 of updates to make.
    alpha: (1, 1) or a number, the starting bias (default 0).
    beta: (1, n) or (n,), the starting weights (default zeros).
    tolerance: if given, stop early once the gradient's Euclidean norm is at most this.
    loss: one of gdlib.losses (default mse): J = loss.value(Y, Y_hat).
    activation: None for Y_hat = alpha + X beta^T, or e.g. gdlib.activations.sigmoid for
        Y_hat = sigmoid(alpha + X beta^T); the gradient follows by the chain rule.
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
    loss = mse if loss is None else as_loss(loss)
    if activation is not None and not isinstance(activation, Activation):
        raise TypeError(f"activation must be None or one of gdlib.activations (such as sigmoid), "
                        f"got {type(activation).__name__} {activation!r}.")
    if activation is identity:
        activation = None
    if loss is mse and activation is None:
        objective = _MSEObjective(X, Y)
    else:
        objective = _ChainRuleObjective(X, Y, loss, activation)

    costs = np.empty(iterations + 1)
    alphas = np.empty(iterations + 1)
    betas = np.empty((iterations + 1, n))
    diverged = converged = False
    k = 0
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        while True:
            cost = objective.cost(alpha, beta)
            costs[k], alphas[k], betas[k] = cost, alpha[0, 0], beta[0]
            if not np.isfinite(cost) or cost > BLOW_UP_FACTOR * max(costs[0], np.finfo(float).tiny):
                diverged = k > 0 or not np.isfinite(cost)
                break
            if k == iterations:
                break
            d_alpha, d_beta = objective.gradient()
            if tolerance is not None and np.sqrt(d_alpha**2 + float(np.vdot(d_beta, d_beta))) <= tolerance:
                converged = True
                break
            alpha -= learning_rate * d_alpha
            beta -= learning_rate * d_beta
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
