"""Notebook 01 (the derivation of the MSE gradients): its exercise data and its exercises.

The expected answers are computed here by gdlib from the data, so the notebook never shows them.
"""

from __future__ import annotations

import numpy as np

from gdlib.descent import gradient_descent
from gdlib.exercises import Exercise
from gdlib.model import predict
from gdlib.mse import mse_gradients


def tiny_example() -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, float]:
    """A data set small enough to differentiate by hand: m = 3 examples, n = 2 features.

    Returns (X (3, 2), Y (3, 1), alpha (1, 1), beta (1, 2), learning_rate float).
    """
    X = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])
    Y = np.array([[1.0], [2.0], [4.0]])
    alpha = np.array([[0.0]])
    beta = np.array([[1.0, 1.0]])
    return X, Y, alpha, beta, 0.3


#: The data-set size of the two shape exercises: m examples, n features (not the notebook's 5 and 3).
SHAPE_EXERCISE_SIZE = (6, 4)


def _shapes_by_numpy(m: int, n: int) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """The shapes numpy gives to (Y - Y_hat)^T X, and to Y (m, 1) minus predictions made with the
    1-D beta[0] (n,) in place of beta.T.

    m, n: the number of examples and of features. Returns (shape of the gradient's product,
    shape of the broadcast errors), both found by building arrays of those sizes.
    """
    X = np.ones((m, n))
    Y = np.ones((m, 1))
    alpha = np.zeros((1, 1))
    beta = np.zeros((1, n))
    Y_hat = predict(X, alpha, beta)
    return ((Y - Y_hat).T @ X).shape, (Y - (alpha + X @ beta[0])).shape


def exercises() -> dict[str, Exercise]:
    """The exercises of notebook 01, by name.

    Returns {name: Exercise}; in the notebook, exercises[name].check(answer) gives feedback.
    """
    X, Y, alpha, beta, learning_rate = tiny_example()
    d_alpha, _ = mse_gradients(X, Y, alpha, beta)
    after_one_step = gradient_descent(X, Y, learning_rate, 1, alpha, beta).beta
    product_shape, broadcast_shape = _shapes_by_numpy(*SHAPE_EXERCISE_SIZE)
    named = [
        Exercise(
            "d_alpha by hand",
            float(d_alpha[0, 0]),
            "first compute the three predictions and the errors u = y - y_hat, then add the errors "
            "and multiply the sum by -2/m (here m = 3). Give a plain number.",
        ),
        Exercise(
            "shape of the beta gradient",
            product_shape,
            "write the shape of each factor: (Y - Y_hat) is (m, 1), so its transpose is (1, m); "
            "X is (m, n). A matrix product keeps the outer sizes. Give a tuple (rows, columns).",
        ),
        Exercise(
            "one update of beta",
            after_one_step,
            "compute d_beta = -(2/m) (Y - Y_hat)^T X first (a (1, 2) row), then "
            "beta - learning_rate * d_beta. Mind the two minus signs. Give a (1, 2) array.",
        ),
        Exercise(
            "the broadcasting trap",
            broadcast_shape,
            "X @ beta[0] is 1-D, shape (m,), and adding the (1, 1) alpha makes it a row (1, m). "
            "Then numpy lines the shapes of Y and that row up from the right, and each size 1 "
            "stretches to match the other array. Give a tuple (rows, columns).",
        ),
    ]
    return {exercise.name: exercise for exercise in named}
