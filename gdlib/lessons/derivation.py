"""Notebook 01 (the derivation of the MSE gradients): its exercise data and its exercise.

The expected answer is computed here by gdlib from the data, so the notebook never shows it.
"""

from __future__ import annotations

import numpy as np

from gdlib.descent import gradient_descent
from gdlib.exercises import Exercise


def tiny_example() -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, float]:
    """A data set small enough to differentiate by hand: m = 3 examples, n = 2 features.

    Returns (X (3, 2), Y (3, 1), alpha (1, 1), beta (1, 2), learning_rate float).
    """
    X = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])
    Y = np.array([[1.0], [2.0], [4.0]])
    alpha = np.array([[0.0]])
    beta = np.array([[1.0, 1.0]])
    return X, Y, alpha, beta, 0.3


def exercises() -> dict[str, Exercise]:
    """The exercise of notebook 01, by name.

    Returns {name: Exercise}; in the notebook, exercises[name].check(answer) gives feedback.
    """
    X, Y, alpha, beta, learning_rate = tiny_example()
    after_one_step = gradient_descent(X, Y, learning_rate, 1, alpha, beta).beta
    named = [
        Exercise(
            "one update of beta",
            after_one_step,
            "compute the residuals r = y - y_hat, then d_beta = -(2/m) R^T X (a (1, 2) row, "
            "here m = 3), then beta - learning_rate * d_beta. Mind the two minus signs. "
            "Give a (1, 2) array.",
        ),
    ]
    return {exercise.name: exercise for exercise in named}
