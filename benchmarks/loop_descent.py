"""Gradient descent written the way many course labs write it: a Python loop over the examples.

It is the baseline gdlib is compared with: the same update rules, the same cost history, one
example (and one feature) at a time. It is deliberately not vectorised; do not use it.
"""

from __future__ import annotations

import numpy as np


def loop_cost(X: np.ndarray, Y: np.ndarray, alpha: float, beta: np.ndarray) -> float:
    """J = (1/m) sum_i (y_i - y_hat_i)^2, one example at a time.

    X: (m, n); Y: (m, 1); alpha: a number; beta: (n,). Returns J, a float.
    """
    m = X.shape[0]
    total = 0.0
    for i in range(m):
        y_hat = np.dot(X[i], beta) + alpha
        total = total + (Y[i, 0] - y_hat) ** 2
    return float(total / m)


def loop_gradients(X: np.ndarray, Y: np.ndarray, alpha: float, beta: np.ndarray) -> tuple[float, np.ndarray]:
    """(dJ/dalpha, dJ/dbeta) one example and one feature at a time.

    X: (m, n); Y: (m, 1); alpha: a number; beta: (n,). Returns (d_alpha, a float; d_beta (n,)).
    """
    m, n = X.shape
    d_alpha = 0.0
    d_beta = np.zeros(n)
    for i in range(m):
        error = Y[i, 0] - (np.dot(X[i], beta) + alpha)
        for j in range(n):
            d_beta[j] = d_beta[j] - 2.0 * error * X[i, j] / m
        d_alpha = d_alpha - 2.0 * error / m
    return d_alpha, d_beta


def loop_gradient_descent(X: np.ndarray, Y: np.ndarray, learning_rate: float,
                          iterations: int) -> tuple[float, np.ndarray, list[float]]:
    """Batch gradient descent from alpha = 0, beta = 0, recording the cost before each update and at the end.

    X: (m, n); Y: (m, 1). Returns (alpha, a float; beta (n,); costs, a list of iterations + 1 floats),
    the same numbers as gdlib.gradient_descent(X, Y, learning_rate, iterations) up to rounding.
    """
    alpha, beta = 0.0, np.zeros(X.shape[1])
    costs = [loop_cost(X, Y, alpha, beta)]
    for _ in range(iterations):
        d_alpha, d_beta = loop_gradients(X, Y, alpha, beta)
        alpha = alpha - learning_rate * d_alpha
        beta = beta - learning_rate * d_beta
        costs.append(loop_cost(X, Y, alpha, beta))
    return alpha, beta, costs
