"""Standardizing features, and mapping parameters fitted on standardized features back.

With Z = (X - mean) / std, a fit Y_hat = alpha_z + Z beta_z^T is the same model as
Y_hat = alpha + X beta^T with beta = beta_z / std and alpha = alpha_z - sum(beta_z * mean / std).
"""

from __future__ import annotations

import numpy as np

from gdlib.validation import as_alpha, as_beta, as_X

__all__ = ["standardize", "unstandardize_parameters"]


def standardize(X) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Give every feature mean 0 and standard deviation 1.

    X: (m, n) with no constant column. Returns (Z (m, n), mean (1, n), std (1, n)),
    where Z = (X - mean) / std; the mean and std are needed to map parameters back.
    """
    X = as_X(X)
    mean = X.mean(axis=0, keepdims=True)
    std = X.std(axis=0, keepdims=True)
    constant = np.flatnonzero(std[0] <= 1e-12 * np.maximum(1.0, np.abs(mean[0])))
    if constant.size:
        raise ValueError(f"X must not have constant columns to be standardized; column(s) {constant.tolist()} "
                         "have zero standard deviation (drop them: the bias alpha already plays their role).")
    return (X - mean) / std, mean, std


def unstandardize_parameters(alpha, beta, mean, std) -> tuple[np.ndarray, np.ndarray]:
    """Parameters fitted on Z = (X - mean) / std, expressed for the original X.

    alpha: (1, 1) or a number; beta: (1, n) or (n,); mean, std: (1, n) from standardize.
    Returns (alpha (1, 1), beta (1, n)) such that alpha + X beta^T equals the standardized fit.
    """
    mean = np.asarray(mean, dtype=float).reshape(1, -1)
    std = np.asarray(std, dtype=float).reshape(1, -1)
    alpha_z, beta_z = as_alpha(alpha), as_beta(beta, mean.shape[1])
    if std.shape != mean.shape:
        raise ValueError(f"std must have the shape of mean {mean.shape}, got {std.shape}.")
    beta_x = beta_z / std
    return alpha_z - mean @ beta_x.T, beta_x
