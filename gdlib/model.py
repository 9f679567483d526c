"""The linear model: predictions Y_hat = alpha + X beta^T."""

from __future__ import annotations

import numpy as np

from gdlib.validation import as_parameters


def predict(X, alpha, beta) -> np.ndarray:
    """Predictions of the linear model, Y_hat = alpha + X @ beta.T.

    X: (m, n) inputs; alpha: (1, 1) bias or a number; beta: (1, n) weights or (n,).
    Returns Y_hat (m, 1). beta is transposed to (n, 1) so that (m, n) @ (n, 1) = (m, 1);
    adding the (1, 1) alpha then adds the bias to every row.
    """
    X, alpha, beta = as_parameters(X, alpha, beta)
    return alpha + X @ beta.T
