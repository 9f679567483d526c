"""A linear autoencoder with tied weights, trained on the MSE, and the PCA it rediscovers.

Each example x (a row of X) is encoded to k numbers h = x W and decoded with the same matrix
transposed, x_hat = h W^T. For all m examples at once (X centred, one example per row):

    H = X W            (m, k)      the codes
    X_hat = X W W^T    (m, d)      the reconstructions
    R = X - X_hat      (m, d)      the errors

    J(W)  = (1/m) ||R||_F^2 = (1/m) sum_i sum_j R_ij^2
    dJ/dW = -(2/m) (X^T R W + R^T X W)                       (d, k)

W appears twice in X_hat, so the gradient has two terms, one per appearance: X^T R W through
the encoder W and R^T X W through the decoder W^T. Tying the weights halves the weight count
(d k instead of 2 d k). The minimum of J is reached when the columns of W are an orthonormal
basis of the span of the top k principal directions (eigenvectors of S = X^T X / m); any
rotation of such a basis does as well, and the minimum is the sum of the d - k smallest
eigenvalues of S.
"""

from __future__ import annotations

import numpy as np

from gdlib.minimize import MinimizeResult, minimize
from gdlib.validation import _as_float_array, _check_finite, as_X, check_iterations

__all__ = ["pca_subspace", "principal_angles", "reconstruct", "reconstruction_cost", "reconstruction_gradient",
           "train_autoencoder"]


def _as_weights(W, d: int) -> np.ndarray:
    W = _as_float_array(W, "W")
    if W.ndim != 2 or W.shape[0] != d or not 1 <= W.shape[1] <= d:
        raise ValueError(f"W must have shape (d, k) with d = {d} (one row per feature of X) and 1 <= k <= d, "
                         f"got a {W.ndim}-D array of shape {W.shape}.")
    _check_finite(W, "W")
    return W


def reconstruct(X, W) -> np.ndarray:
    """X_hat = X W W^T. X: (m, d); W: (d, k). Returns (m, d)."""
    X = as_X(X)
    W = _as_weights(W, X.shape[1])
    return X @ W @ W.T


def reconstruction_cost(X, W) -> float:
    """J(W) = (1/m) ||X - X W W^T||_F^2. X: (m, d); W: (d, k). Returns a float."""
    X = as_X(X)
    R = X - reconstruct(X, W)
    return float(np.sum(R**2) / X.shape[0])


def reconstruction_gradient(X, W) -> np.ndarray:
    """dJ/dW = -(2/m)(X^T R W + R^T X W), R = X - X W W^T. X: (m, d); W: (d, k). Returns (d, k)."""
    X = as_X(X)
    W = _as_weights(W, X.shape[1])
    R = X - X @ W @ W.T
    return -2.0 / X.shape[0] * (X.T @ (R @ W) + R.T @ (X @ W))


def train_autoencoder(X, k: int, learning_rate: float, iterations: int, *, seed: int = 0,
                      scale: float = 0.1) -> MinimizeResult:
    """Gradient descent on J from a small random W (entries scale * standard normal, seeded).

    X: (m, d), centred by the caller (the model has no bias). k: the code size, 1 <= k <= d.
    Returns a MinimizeResult: x is W (d, k), path (iterations + 1, d, k), costs J along it.
    """
    X = as_X(X)
    d = X.shape[1]
    k = check_iterations(k, "k")
    if not 1 <= k <= d:
        raise ValueError(f"k must be between 1 and the number of features d = {d}, got {k}.")
    W0 = scale * np.random.default_rng(seed).standard_normal((d, k))
    S = X.T @ X / X.shape[0]

    def gradient(W):  # the same gradient written with S = X^T X / m, so each step costs O(d^2 k)
        SW = S @ W
        return -2.0 * (2.0 * SW - SW @ (W.T @ W) - W @ (W.T @ SW))

    def cost(W):  # J = tr(S) - 2 tr(W^T S W) + tr(W^T S W W^T W), the same J without forming R
        SW = S @ W
        return float(np.trace(S) - 2.0 * np.sum(W * SW) + np.sum((W.T @ SW) * (W.T @ W)))

    return minimize(gradient, W0, learning_rate, iterations, cost=cost)


def pca_subspace(X, k: int) -> tuple[np.ndarray, np.ndarray]:
    """The top k principal directions of X and all the variances, from S = X^T X / m.

    X: (m, d), centred. Returns (U (d, k) orthonormal columns, eigenvalues (d,) largest first).
    """
    X = as_X(X)
    eigenvalues, vectors = np.linalg.eigh(X.T @ X / X.shape[0])
    order = np.argsort(eigenvalues)[::-1]
    return vectors[:, order[:k]], eigenvalues[order]


def principal_angles(A, B) -> np.ndarray:
    """The angles (degrees, smallest first) between the column spans of A (d, k) and B (d, k).

    Orthonormalise each by QR (Q_A, Q_B). The singular values of Q_A^T Q_B are the cosines of
    the angles, those of Q_B - Q_A Q_A^T Q_B (the part of B's span outside A's) their sines.
    Each angle is read from its sine when it is below 45 degrees and from its cosine above, so
    that tiny angles come out accurately (arccos of a cosine near 1 would lose half the digits).
    All zero means the two spans are the same subspace. Returns (k,).
    """
    A, B = _as_float_array(A, "A"), _as_float_array(B, "B")
    if A.ndim != 2 or A.shape != B.shape:
        raise ValueError(f"A and B must be 2-D arrays of the same shape (d, k), got {A.shape} and {B.shape}.")
    _check_finite(A, "A")
    _check_finite(B, "B")
    Q_A, Q_B = np.linalg.qr(A)[0], np.linalg.qr(B)[0]
    cosines = np.linalg.svd(Q_A.T @ Q_B, compute_uv=False)  # largest first: smallest angle first
    sines = np.linalg.svd(Q_B - Q_A @ (Q_A.T @ Q_B), compute_uv=False)[::-1]  # smallest first
    from_sines = np.arcsin(np.clip(sines, 0.0, 1.0))
    from_cosines = np.arccos(np.clip(cosines, -1.0, 1.0))
    return np.degrees(np.where(sines < np.sqrt(0.5), from_sines, from_cosines))
