"""Losses for a column of predictions, each with its value and its gradient side by side.

Every loss takes Y (m, 1) targets and Y_hat (m, 1) predictions (1-D (m,) is taken as (m, 1)):
    value(Y, Y_hat)    -> float,  the mean of the per-example losses
    gradient(Y, Y_hat) -> (m, 1), the derivative of that mean with respect to each y_hat_i
so gradient includes the 1/m of the mean. gdlib.gradient_descent(..., loss=...) chains
gradient through the model: dJ/dalpha = sum(gradient) (1, 1), dJ/dbeta = gradient^T X (1, n).

Each loss writes its math once, in _value and _gradient, on arrays already checked; value and
gradient check their arguments first. gradient_descent checks once and then calls the
unchecked pair at every step.
"""

from __future__ import annotations

import numpy as np

from gdlib.validation import as_column, check_positive

__all__ = ["Loss", "mse", "mae", "huber", "weighted_mse", "binary_cross_entropy", "as_loss"]


class Loss:
    """A loss: value(Y, Y_hat) -> float and gradient(Y, Y_hat) -> (m, 1). See the module docstring."""

    name = "loss"

    def check(self, Y, Y_hat) -> tuple[np.ndarray, np.ndarray]:
        """Validate Y and Y_hat as two (m, 1) columns of the same m (and anything the loss needs)."""
        Y = as_column(Y, "Y")
        return Y, as_column(Y_hat, "Y_hat", Y.shape[0], reference="Y")

    def value(self, Y, Y_hat) -> float:
        """The mean loss over the m examples. Y, Y_hat: (m, 1) or (m,). Returns a float."""
        return self._value(*self.check(Y, Y_hat))

    def gradient(self, Y, Y_hat) -> np.ndarray:
        """d value / d Y_hat. Y, Y_hat: (m, 1) or (m,). Returns (m, 1)."""
        return self._gradient(*self.check(Y, Y_hat))

    def _value(self, Y: np.ndarray, Y_hat: np.ndarray) -> float:
        raise NotImplementedError

    def _gradient(self, Y: np.ndarray, Y_hat: np.ndarray) -> np.ndarray:
        raise NotImplementedError

    def __repr__(self) -> str:
        return self.name


class _MSE(Loss):
    """Mean squared error: (1/m) sum (y - y_hat)^2; gradient -(2/m)(y - y_hat)."""

    name = "mse"

    def _value(self, Y, Y_hat):
        return float(np.mean((Y - Y_hat) ** 2))

    def _gradient(self, Y, Y_hat):
        return -2.0 * (Y - Y_hat) / Y.shape[0]


class _MAE(Loss):
    """Mean absolute error: (1/m) sum |y - y_hat|; gradient -(1/m) sign(y - y_hat) (0 where equal)."""

    name = "mae"

    def _value(self, Y, Y_hat):
        return float(np.mean(np.abs(Y - Y_hat)))

    def _gradient(self, Y, Y_hat):
        return -np.sign(Y - Y_hat) / Y.shape[0]


class huber(Loss):  # noqa: N801 - used like the other losses: huber(delta=1.0)
    """Huber loss with threshold delta: squared for |error| <= delta, linear beyond.

    per example: r^2 / 2 if |r| <= delta else delta (|r| - delta / 2), with r = y - y_hat;
    gradient: -(1/m) clip(r, -delta, delta). Its pull on the fit is bounded by delta.
    """

    def __init__(self, delta: float = 1.0):
        self.delta = check_positive(delta, "delta")
        self.name = f"huber(delta={self.delta:g})"

    def __eq__(self, other) -> bool:
        return isinstance(other, huber) and other.delta == self.delta

    def __hash__(self) -> int:
        return hash(("huber", self.delta))

    def _value(self, Y, Y_hat):
        error = np.abs(Y - Y_hat)
        quadratic = np.minimum(error, self.delta)
        return float(np.mean(0.5 * quadratic**2 + self.delta * (error - quadratic)))

    def _gradient(self, Y, Y_hat):
        return -np.clip(Y - Y_hat, -self.delta, self.delta) / Y.shape[0]


class weighted_mse(Loss):  # noqa: N801 - used like the other losses: weighted_mse(weights)
    """Weighted mean squared error with one weight per example: (1/m) sum w_i (y_i - y_hat_i)^2.

    weights: (m, 1) or (m,), each >= 0 and not all 0. Weights of 0 and 1 make it the masked MSE
    (missing targets are simply left out); weights 1 / sigma_i^2 make it weighted least squares.
    gradient: -(2/m) w (y - y_hat), shape (m, 1).
    """

    name = "weighted_mse"

    def __init__(self, weights):
        weights = as_column(weights, "weights")
        if weights.min() < 0 or not weights.any():
            raise ValueError(f"weights must be >= 0 and not all 0, got values from {weights.min():g} "
                             f"to {weights.max():g}.")
        self.weights = weights

    def check(self, Y, Y_hat):
        Y, Y_hat = super().check(Y, Y_hat)
        if Y.shape[0] != self.weights.shape[0]:
            raise ValueError(f"Y must have one row per weight: expected {self.weights.shape[0]} rows, "
                             f"got {Y.shape[0]}.")
        return Y, Y_hat

    def _value(self, Y, Y_hat):
        return float(np.mean(self.weights * (Y - Y_hat) ** 2))

    def _gradient(self, Y, Y_hat):
        return -2.0 * self.weights * (Y - Y_hat) / Y.shape[0]


class _BinaryCrossEntropy(Loss):
    """Binary cross-entropy for labels y in [0, 1] and predicted probabilities y_hat in (0, 1):

    -(1/m) sum [y log y_hat + (1 - y) log(1 - y_hat)]; gradient (1/m)(y_hat - y) / (y_hat (1 - y_hat)).
    y_hat is clipped to [EPSILON, 1 - EPSILON] so that a saturated prediction gives a large,
    finite loss instead of inf.

    When y_hat = sigmoid(z), the same loss written on the logits z needs no clipping and loses
    no digits: -(1/m) sum [y log sigmoid(z) + (1 - y) log sigmoid(-z)], whose derivative with
    respect to z is (1/m)(sigmoid(z) - y). gradient_descent(..., activation=sigmoid) uses these.
    """

    name = "binary_cross_entropy"
    EPSILON = 1e-15

    def check(self, Y, Y_hat):
        Y, Y_hat = super().check(Y, Y_hat)
        if Y.min() < 0 or Y.max() > 1:
            raise ValueError(f"Y must hold labels between 0 and 1 for binary_cross_entropy, got values from "
                             f"{Y.min():g} to {Y.max():g}.")
        return Y, Y_hat

    def _value(self, Y, Y_hat):
        P = np.clip(Y_hat, self.EPSILON, 1 - self.EPSILON)
        return float(-np.mean(Y * np.log(P) + (1 - Y) * np.log1p(-P)))

    def _gradient(self, Y, Y_hat):
        P = np.clip(Y_hat, self.EPSILON, 1 - self.EPSILON)
        return (P - Y) / (P * (1 - P)) / Y.shape[0]

    def value_from_logits(self, Y, z) -> float:
        """The loss of the probabilities sigmoid(z), from the logits z (m, 1); a float, exact for any z."""
        return self._value_from_logits(*self.check(Y, z))

    def gradient_from_logits(self, Y, z) -> np.ndarray:
        """d value / d z for probabilities sigmoid(z): (sigmoid(z) - y) / m, shape (m, 1)."""
        return self._gradient_from_logits(*self.check(Y, z))

    def _value_from_logits(self, Y, z):
        # -log sigmoid(z) = log(1 + exp(-z)) = logaddexp(0, -z), and -log sigmoid(-z) = logaddexp(0, z)
        return float(np.mean(Y * np.logaddexp(0.0, -z) + (1 - Y) * np.logaddexp(0.0, z)))

    def _gradient_from_logits(self, Y, z):
        from gdlib.activations import sigmoid

        return (sigmoid.value(z) - Y) / Y.shape[0]


mse = _MSE()
mae = _MAE()
binary_cross_entropy = _BinaryCrossEntropy()


def as_loss(loss) -> Loss:
    """Check that loss is one of gdlib.losses (mse, mae, huber(delta), weighted_mse(w), binary_cross_entropy)."""
    if not isinstance(loss, Loss):
        raise TypeError(
            "loss must be one of gdlib.losses: mse, mae, huber(delta), weighted_mse(weights) or "
            f"binary_cross_entropy, got {type(loss).__name__} {loss!r}."
        )
    return loss
