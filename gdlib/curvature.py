"""The curvature of the MSE bowl, and the largest learning rate that still converges.

For the linear model, J is a quadratic in theta = (alpha, beta_1, ..., beta_n). With
A = [1 | X] (m, n + 1), its Hessian is constant: H = (2/m) A^T A, positive semidefinite.
Batch gradient descent multiplies the error along each eigenvector of H by (1 - lr * lambda)
at every step, so it converges when lr < 2 / lambda_max and diverges above that.
"""

from __future__ import annotations

import numpy as np

from gdlib.validation import as_X


def mse_hessian(X) -> np.ndarray:
    """The Hessian of J with respect to (alpha, beta_1, ..., beta_n).

    X: (m, n). Returns H = (2/m) A^T A with A = [1 | X], shape (n + 1, n + 1); the first
    row and column belong to alpha. It does not depend on Y, alpha or beta.
    """
    X = as_X(X)
    m = X.shape[0]
    A = np.hstack([np.ones((m, 1)), X])
    return (2.0 / m) * (A.T @ A)


def critical_learning_rate(X) -> float:
    """The learning rate 2 / lambda_max(H) that separates convergence from divergence.

    X: (m, n). Returns a float: batch gradient descent on the MSE of the linear model
    converges for any learning rate below it and diverges above it.
    """
    eigenvalues = np.linalg.eigvalsh(mse_hessian(X))
    return float(2.0 / eigenvalues[-1])
