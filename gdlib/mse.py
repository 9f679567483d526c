"""The mean squared error of the linear model, and its gradient, side by side.

    J(alpha, beta) = (1/m) sum_i (y_i - y_hat_i)^2           with Y_hat = alpha + X beta^T
    dJ/dalpha      = -(2/m) sum_i (y_i - y_hat_i)                        (1, 1)
    dJ/dbeta       = -(2/m) (Y - Y_hat)^T X                              (1, n)
"""

from __future__ import annotations

import numpy as np

from gdlib.validation import as_parameters, as_X, as_Y


def _residual(X: np.ndarray, Y: np.ndarray, alpha: np.ndarray, beta: np.ndarray) -> np.ndarray:
    """Y - Y_hat for already validated arrays; returns (m, 1)."""
    return Y - (alpha + X @ beta.T)


def mse_cost(X, Y, alpha, beta) -> float:
    """The cost J = (1/m) sum (y - y_hat)^2 of the linear model.

    X: (m, n); Y: (m, 1) or (m,); alpha: (1, 1) or a number; beta: (1, n) or (n,).
    Returns J, a float.
    """
    X, alpha, beta = as_parameters(X, alpha, beta)
    Y = as_Y(Y, X.shape[0])
    residual = _residual(X, Y, alpha, beta)
    return float(np.mean(residual**2))


def least_squares(X, Y) -> tuple[np.ndarray, np.ndarray]:
    """The exact minimiser of J, where both partial derivatives are zero (numpy.linalg.lstsq).

    X: (m, n); Y: (m, 1) or (m,). Returns (alpha (1, 1), beta (1, n)) solving the least squares
    problem A theta = Y with A = [1 | X] (m, n + 1); the minimum-norm solution if it is not unique.
    """
    X = as_X(X)
    Y = as_Y(Y, X.shape[0])
    A = np.hstack([np.ones((X.shape[0], 1)), X])
    theta = np.linalg.lstsq(A, Y, rcond=None)[0]
    return theta[:1].T.copy(), theta[1:].T.copy()


def mse_gradients(X, Y, alpha, beta) -> tuple[np.ndarray, np.ndarray]:
    """The partial derivatives of J with respect to the bias and the weights.

    X: (m, n); Y: (m, 1) or (m,); alpha: (1, 1) or a number; beta: (1, n) or (n,).
    Returns (d_alpha (1, 1), d_beta (1, n)), where
    d_alpha = -(2/m) sum (Y - Y_hat) and d_beta = -(2/m) (Y - Y_hat)^T X.
    """
    X, alpha, beta = as_parameters(X, alpha, beta)
    Y = as_Y(Y, X.shape[0])
    m = X.shape[0]
    residual = _residual(X, Y, alpha, beta)
    d_alpha = -(2.0 / m) * residual.sum(axis=0, keepdims=True)
    d_beta = -(2.0 / m) * (residual.T @ X)
    return d_alpha, d_beta
