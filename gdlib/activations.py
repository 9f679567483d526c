"""Output activations for a model Y_hat = activation(z), z = alpha + X beta^T, value and derivative side by side."""

from __future__ import annotations

import numpy as np

__all__ = ["Activation", "sigmoid", "identity", "softmax"]


class Activation:
    """An element-wise output function: value(z) and derivative(z), both shaped like z."""

    name = "activation"

    def value(self, z: np.ndarray) -> np.ndarray:
        raise NotImplementedError

    def derivative(self, z: np.ndarray) -> np.ndarray:
        raise NotImplementedError

    def __call__(self, z) -> np.ndarray:
        return self.value(np.asarray(z, dtype=float))

    def __repr__(self) -> str:
        return self.name


class _Identity(Activation):
    """identity(z) = z; derivative 1."""

    name = "identity"

    def value(self, z):
        return np.asarray(z, dtype=float)

    def derivative(self, z):
        return np.ones_like(z, dtype=float)


class _Sigmoid(Activation):
    """sigmoid(z) = 1 / (1 + exp(-z)); derivative sigmoid(z) (1 - sigmoid(z)), evaluated as
    sigmoid(z) sigmoid(-z) so that it stays accurate (never exactly 0) for large |z|."""

    name = "sigmoid"

    def value(self, z):
        z = np.asarray(z, dtype=float)
        # exp of a non-positive number only: no overflow for any z
        e = np.exp(-np.abs(z))
        return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))

    def derivative(self, z):
        z = np.asarray(z, dtype=float)
        return self.value(z) * self.value(-z)


identity = _Identity()
sigmoid = _Sigmoid()


def softmax(Z) -> np.ndarray:
    """Row-wise softmax of logits Z (m, k): probabilities (m, k) whose rows sum to 1 (stable for large logits)."""
    Z = np.asarray(Z, dtype=float)
    if Z.ndim != 2:
        raise ValueError(f"Z must be a 2-D array of logits (m, k), got a {Z.ndim}-D array of shape {Z.shape}.")
    shifted = np.exp(Z - Z.max(axis=1, keepdims=True))
    return shifted / shifted.sum(axis=1, keepdims=True)
