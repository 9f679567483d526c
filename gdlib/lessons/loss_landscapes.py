"""Notebook 11 (loss landscapes): its data sets, a finite-difference Hessian and its exercises."""

from __future__ import annotations

import numpy as np

from gdlib.checks import numerical_gradient
from gdlib.exercises import Exercise
from gdlib.mse import mse_gradients
from gdlib.tiny_network import network_descent, network_hessian

#: The weights the data were generated with: y = 1.5 tanh(1.0 x) + noise.
TRUE_WEIGHTS = (1.0, 1.5)


def network_data(m: int = 40, seed: int = 9) -> tuple[np.ndarray, np.ndarray]:
    """The notebook's data: x (m, 1) uniform on [-2, 2], Y (m, 1) = 1.5 tanh(x) + N(0, 0.1^2) noise."""
    rng = np.random.default_rng(seed)
    x = rng.uniform(-2.0, 2.0, size=(m, 1))
    Y = TRUE_WEIGHTS[1] * np.tanh(TRUE_WEIGHTS[0] * x) + 0.1 * rng.normal(size=(m, 1))
    return x, Y


def linear_problem(seed: int = 3) -> tuple[np.ndarray, np.ndarray]:
    """Section 1's linear data: X (30, 2) standard normal, Y (30, 1) = 0.5 + 2 x1 - x2 + N(0, 0.3^2)."""
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(30, 2))
    Y = X @ np.array([[2.0], [-1.0]]) + 0.5 + 0.3 * rng.normal(size=(30, 1))
    return X, Y


def stacked_mse_gradient(X, Y, theta) -> np.ndarray:
    """The MSE gradient as one vector (dJ/dalpha, dJ/dbeta_1, ..., dJ/dbeta_n) at theta (n + 1,).

    X: (m, n); Y: (m, 1); theta: (n + 1,) = (alpha, beta_1, ..., beta_n). Returns (n + 1,).
    """
    theta = np.asarray(theta, dtype=float)
    d_alpha, d_beta = mse_gradients(X, Y, theta[:1].reshape(1, 1), theta[1:].reshape(1, -1))
    return np.concatenate([d_alpha.ravel(), d_beta.ravel()])


def finite_difference_hessian(X, Y, theta) -> np.ndarray:
    """The Hessian of the MSE at theta (n + 1,), row by row from central differences of the gradient.

    X: (m, n); Y: (m, 1). Returns (n + 1, n + 1): row i is the numerical gradient of dJ/dtheta_i.
    """
    theta = np.asarray(theta, dtype=float)
    rows = []
    for i in range(theta.size):
        def entry(point, i=i):
            return stacked_mse_gradient(X, Y, point)[i]
        rows.append(numerical_gradient(entry, theta))
    return np.array(rows)


#: The point of exercises 1 and 2, on the line w1 = 0 through the saddle, and the start, learning
#: rate of exercise 3 (the middle start of the notebook's section 4).
OFF_SADDLE_POINT = (0.0, 2.0)
DESCENT_START, DESCENT_LEARNING_RATE = (0.9, -1.2), 0.05


def exercises() -> dict[str, Exercise]:
    """The notebook's exercises, keyed by a short name; answers are computed from the data."""
    x, Y = network_data()
    hessian = network_hessian(x, Y, OFF_SADDLE_POINT)
    first_step = network_descent(x, Y, DESCENT_START, DESCENT_LEARNING_RATE, 1).weights[1]
    return {
        "curvature in w1": Exercise(
            "d2J/dw1^2 at w = (0, 2)", hessian[0, 0],
            "at w1 = 0 every t is 0 and every s is 1, so the error term drops out: keep "
            "(2/m) sum (dy_hat/dw1)^2 with dy_hat/dw1 = w2 x",
        ),
        "eigenvalues": Exercise(
            "eigenvalues of the Hessian at w = (0, 2) (smallest first)", np.linalg.eigvalsh(hessian),
            "the Hessian there is [[a, c], [c, 0]], with a from exercise 1 and the c of the saddle; "
            "np.linalg.eigvalsh gives the eigenvalues smallest first",
        ),
        "first step": Exercise(
            "weights after one step from (0.9, -1.2)", first_step,
            "one update is w - learning_rate * gradient, with the gradient at the start from network_gradient",
        ),
    }
