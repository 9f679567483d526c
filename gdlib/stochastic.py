"""Mini-batch and stochastic gradient descent on the MSE, with optional heavy-ball momentum.

An update uses a batch B of b examples instead of all m (X_B (b, n), Y_B (b, 1)):

    g_alpha = -(2/b) sum_B (y_i - y_hat_i)            (1, 1)   the batch's dJ/dalpha
    g_beta  = -(2/b) (Y_B - Y_hat_B)^T X_B            (1, n)   the batch's dJ/dbeta

Every epoch shuffles the examples with the generator passed in and cuts them into consecutive
batches, so each example is used once per epoch; averaged over an epoch's batches (weighted by
their sizes) the batch gradients are exactly the full gradient. b = 1 is stochastic gradient
descent, b = m is batch gradient descent (then the run is gdlib.gradient_descent's, bit for bit).

Momentum (the heavy ball) keeps a velocity v, with mu in [0, 1):

    v <- mu v - learning_rate * g,      (alpha, beta) <- (alpha, beta) + v

mu = 0 is plain gradient descent. With decay > 0 the learning rate of epoch e (from 0) is
learning_rate / (1 + decay * e), which lets stochastic updates settle instead of rattling.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from gdlib.descent import BLOW_UP_FACTOR, DescentResult
from gdlib.validation import as_alpha, as_beta, as_X, as_Y, check_iterations, check_learning_rate

__all__ = ["StochasticResult", "epoch_batches", "minibatch_gradient_descent"]


@dataclass(frozen=True)
class StochasticResult(DescentResult):
    """What a run of mini-batch gradient descent did: the fields of gdlib.DescentResult, and

    costs: (k + 1,) the cost J on ALL m examples at the start and after each of the k updates.
    examples_seen: (k + 1,) how many examples' gradients had been used before each entry of costs.
    batch_size, momentum, decay: the settings of the run (converged is always False: the run
    has no tolerance).
    """

    examples_seen: np.ndarray
    batch_size: int
    momentum: float
    decay: float


def _check_rng(rng) -> np.random.Generator:
    if not isinstance(rng, np.random.Generator):
        raise TypeError(f"rng must be a numpy Generator such as np.random.default_rng(0), "
                        f"got {type(rng).__name__} {rng!r}.")
    return rng


def _check_batch_size(batch_size, m: int) -> int:
    batch_size = check_iterations(batch_size, "batch_size")
    if not 1 <= batch_size <= m:
        raise ValueError(f"batch_size must be between 1 and the number of examples m = {m}, got {batch_size}.")
    return batch_size


def epoch_batches(m: int, batch_size: int, rng: np.random.Generator) -> list[np.ndarray]:
    """The batches of one epoch: a shuffle of 0..m-1 cut into consecutive pieces of batch_size.

    The shuffle is rng.permutation(m), drawn once per epoch; nothing else draws from rng.

    m: the number of examples; batch_size: 1..m; rng: the generator that shuffles.
    Returns a list of ceil(m / batch_size) integer index arrays that together hold every example
    once; the last is smaller when batch_size does not divide m. With batch_size = m there is
    one batch in the original order and rng is not used (the order of one batch does not change
    its gradient).
    """
    m = check_iterations(m, "m")
    batch_size = _check_batch_size(batch_size, m)
    rng = _check_rng(rng)
    if batch_size == m:
        return [np.arange(m)]
    order = rng.permutation(m)
    return [order[start:start + batch_size] for start in range(0, m, batch_size)]


def minibatch_gradient_descent(
    X,
    Y,
    learning_rate,
    epochs,
    batch_size,
    *,
    rng: np.random.Generator,
    alpha=None,
    beta=None,
    momentum: float = 0.0,
    decay: float = 0.0,
) -> StochasticResult:
    """Fit alpha and beta by mini-batch gradient descent (stochastic when batch_size = 1).

    X: (m, n) inputs; Y: (m, 1) targets, or (m,).
    learning_rate: a number > 0. epochs: a whole number >= 0 of passes over the data.
    batch_size: 1..m examples per update; an epoch makes ceil(m / batch_size) updates.
    rng: a numpy Generator (np.random.default_rng(seed)) that shuffles every epoch, so a run
        is repeatable.
    alpha: (1, 1) or a number, the starting bias (default 0); beta: (1, n) or (n,), the
        starting weights (default zeros).
    momentum: mu in [0, 1), the heavy-ball coefficient (0: none).
    decay: >= 0; epoch e uses the learning rate learning_rate / (1 + decay * e).
    Returns a StochasticResult whose costs are measured on all m examples after every update.
    The run stops early, with diverged=True and no numpy warning, once that cost is not finite
    or exceeds gdlib.descent.BLOW_UP_FACTOR times the starting cost. The inputs are not modified.
    """
    X = as_X(X)
    m, n = X.shape
    Y = as_Y(Y, m)
    learning_rate = check_learning_rate(learning_rate)
    epochs = check_iterations(epochs, "epochs")
    batch_size = _check_batch_size(batch_size, m)
    rng = _check_rng(rng)
    alpha = np.zeros((1, 1)) if alpha is None else as_alpha(alpha).copy()
    beta = np.zeros((1, n)) if beta is None else as_beta(beta, n).copy()
    momentum, decay = float(momentum), float(decay)
    if not 0.0 <= momentum < 1.0:
        raise ValueError(f"momentum must be a number in [0, 1), got {momentum!r}.")
    if not (math.isfinite(decay) and decay >= 0.0):
        raise ValueError(f"decay must be a finite number >= 0, got {decay!r}.")

    updates = epochs * math.ceil(m / batch_size)
    costs = np.empty(updates + 1)
    alphas = np.empty(updates + 1)
    betas = np.empty((updates + 1, n))
    examples_seen = np.zeros(updates + 1, dtype=np.int64)
    velocity_alpha, velocity_beta = np.zeros((1, 1)), np.zeros((1, n))
    residual = np.empty_like(Y)  # Y - Y_hat on all m examples, reused after every update

    def record(k: int) -> bool:
        """Store the parameters and the cost on all m examples after k updates; False if it blew up.

        The cost is computed with the very operations of gradient_descent, so that with
        batch_size = m and no momentum both give the same numbers to the last bit.
        """
        np.matmul(X, beta.T, out=residual)
        np.add(residual, alpha, out=residual)
        np.subtract(Y, residual, out=residual)
        cost = float(np.vdot(residual, residual)) / m
        costs[k], alphas[k], betas[k] = cost, alpha[0, 0], beta[0]
        return math.isfinite(cost) and cost <= blow_up

    k = 0
    blow_up = np.inf
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        diverged = not record(0)
        blow_up = BLOW_UP_FACTOR * max(float(costs[0]), np.finfo(float).tiny)
        for epoch in range(epochs):
            if diverged:
                break
            rate = learning_rate / (1.0 + decay * epoch)
            batches = epoch_batches(m, batch_size, rng)
            order = np.concatenate(batches)
            X_shuffled, Y_shuffled = (X, Y) if batch_size == m else (X[order], Y[order])
            start = 0
            for rows in batches:
                X_batch, Y_batch = X_shuffled[start:start + rows.size], Y_shuffled[start:start + rows.size]
                start += rows.size
                batch_residual = Y_batch - (X_batch @ beta.T + alpha)
                scale = -2.0 / rows.size
                d_alpha = scale * float(batch_residual.sum())
                d_beta = scale * (batch_residual.T @ X_batch)
                if momentum:
                    velocity_alpha = momentum * velocity_alpha - rate * d_alpha
                    velocity_beta = momentum * velocity_beta - rate * d_beta
                    alpha = alpha + velocity_alpha
                    beta = beta + velocity_beta
                else:  # the same numbers without a velocity: two array operations fewer per update
                    alpha = alpha - rate * d_alpha
                    beta = beta - rate * d_beta
                k += 1
                examples_seen[k] = examples_seen[k - 1] + rows.size
                if not record(k):
                    diverged = True
                    break
    return StochasticResult(
        alpha=alpha, beta=beta, costs=costs[: k + 1].copy(), alphas=alphas[: k + 1].copy(),
        betas=betas[: k + 1].copy(), examples_seen=examples_seen[: k + 1].copy(), diverged=diverged,
        converged=False, learning_rate=learning_rate, batch_size=batch_size, momentum=momentum, decay=decay,
    )
