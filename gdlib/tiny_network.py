"""The smallest non-linear model with an interesting MSE landscape: one tanh hidden unit.

    y_hat = w2 * tanh(w1 * x),   J(w1, w2) = (1/m) sum (y - y_hat)^2

Two parameters, so the whole landscape fits in one contour plot. Because tanh is odd, the
weights (w1, w2) and (-w1, -w2) give the same function, so J has two mirror-image minima
and the origin between them is a saddle point. With t = tanh(w1 x), s = 1 - t^2 (the slope of
tanh) and the residual r = y - y_hat, the first and second derivatives of y_hat are

    d y_hat/d w1 = w2 x s       d y_hat/d w2 = t
    d2 y_hat/d w1^2 = -2 w2 x^2 t s      d2 y_hat/d w1 d w2 = x s      d2 y_hat/d w2^2 = 0

and those of J follow by the chain rule:

    dJ/dw_a        = -(2/m) sum r * d y_hat/d w_a
    d2J/dw_a dw_b  =  (2/m) sum [ (d y_hat/d w_a)(d y_hat/d w_b) - r * d2 y_hat/d w_a d w_b ]

The first term of the Hessian is positive semidefinite (as for the linear model); the second,
weighted by the residuals, is what lets the curvature turn negative.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from gdlib.minimize import minimize
from gdlib.validation import as_column

__all__ = ["NetworkPath", "network_predict", "network_cost", "network_gradient", "network_hessian",
           "network_descent", "network_cost_grid", "network_min_curvature_grid"]


def _as_weights(weights) -> np.ndarray:
    """weights: (2,) array-like (w1, w2) of finite numbers -> float64 (2,)."""
    w = np.asarray(weights, dtype=float)
    if w.shape != (2,):
        raise ValueError(f"weights must be the pair (w1, w2), an array of shape (2,), got shape {w.shape}.")
    if not np.isfinite(w).all():
        raise ValueError(f"weights must be finite, got {w.tolist()}.")
    return w


def _pieces(x, Y, weights):
    """Validated x (m, 1), Y (m, 1), w (2,), and t = tanh(w1 x), s = 1 - t^2, r = Y - w2 t, each (m, 1)."""
    x = as_column(x, "x")
    Y = as_column(Y, "Y", x.shape[0], reference="x")
    w = _as_weights(weights)
    t = np.tanh(w[0] * x)
    return x, Y, w, t, 1.0 - t**2, Y - w[1] * t


def network_predict(x, weights) -> np.ndarray:
    """y_hat = w2 tanh(w1 x). x: (m, 1) or (m,); weights: (w1, w2). Returns (m, 1)."""
    x = as_column(x, "x")
    w = _as_weights(weights)
    return w[1] * np.tanh(w[0] * x)


def network_cost(x, Y, weights) -> float:
    """J = (1/m) sum (y - w2 tanh(w1 x))^2. x, Y: (m, 1) or (m,); weights: (w1, w2). Returns a float."""
    *_, r = _pieces(x, Y, weights)
    return float(np.mean(r**2))


def network_gradient(x, Y, weights) -> np.ndarray:
    """(dJ/dw1, dJ/dw2) at weights. x, Y: (m, 1) or (m,); weights: (w1, w2). Returns (2,)."""
    x, _, w, t, s, r = _pieces(x, Y, weights)
    m = x.shape[0]
    return -(2.0 / m) * np.array([np.sum(r * w[1] * x * s), np.sum(r * t)])


def network_hessian(x, Y, weights) -> np.ndarray:
    """The 2 x 2 Hessian of J at weights (formulas in the module docstring).

    x, Y: (m, 1) or (m,); weights: (w1, w2). Returns (2, 2), symmetric.
    """
    x, _, w, t, s, r = _pieces(x, Y, weights)
    m = x.shape[0]
    d1, d2 = w[1] * x * s, t  # first derivatives of y_hat
    d11, d12 = -2.0 * w[1] * x**2 * t * s, x * s  # second derivatives (d22 = 0)
    h11 = np.sum(d1 * d1 - r * d11)
    h12 = np.sum(d1 * d2 - r * d12)
    h22 = np.sum(d2 * d2)
    return (2.0 / m) * np.array([[h11, h12], [h12, h22]])


@dataclass(frozen=True)
class NetworkPath:
    """A gradient descent run on the tiny network.

    weights: (k + 1, 2) the weights at the start and after each update; costs: (k + 1,) J there.
    """

    weights: np.ndarray
    costs: np.ndarray


def network_descent(x, Y, start, learning_rate, iterations) -> NetworkPath:
    """Gradient descent w <- w - learning_rate * grad J(w) from start, for `iterations` updates.

    x, Y: (m, 1) or (m,); start: (w1, w2); learning_rate > 0; iterations >= 0.
    Returns a NetworkPath. The landscape is bounded (|y_hat| <= |w2|), so a run stops early
    only if the weights stop being finite.
    """
    run = minimize(lambda w: network_gradient(x, Y, w), _as_weights(start), learning_rate, iterations,
                   cost=lambda w: network_cost(x, Y, w))
    return NetworkPath(weights=run.path, costs=run.costs)


def _grid_pieces(x, Y, w1_values, w2_values):
    """Broadcast the landscape over a grid: arrays indexed [w2 index, w1 index, example]."""
    x = as_column(x, "x")[:, 0]
    Y = as_column(Y, "Y", x.shape[0], reference="x")[:, 0]
    W1 = np.asarray(w1_values, dtype=float)[None, :, None]
    W2 = np.asarray(w2_values, dtype=float)[:, None, None]
    t = np.tanh(W1 * x)
    return x, W2, t, 1.0 - t**2, Y - W2 * t


def network_cost_grid(x, Y, w1_values, w2_values) -> np.ndarray:
    """J on a grid, vectorised. w1_values: (p,), w2_values: (q,). Returns (q, p): row i is w2_values[i]."""
    *_, r = _grid_pieces(x, Y, w1_values, w2_values)
    return np.mean(r**2, axis=-1)


def network_min_curvature_grid(x, Y, w1_values, w2_values) -> np.ndarray:
    """The smaller Hessian eigenvalue of J at every grid point (negative where J curves down).

    w1_values: (p,), w2_values: (q,). Returns (q, p).
    """
    x, W2, t, s, r = _grid_pieces(x, Y, w1_values, w2_values)
    m = x.shape[0]
    d1, d2 = W2 * x * s, t
    h11 = (2.0 / m) * np.sum(d1 * d1 + r * 2.0 * W2 * x**2 * t * s, axis=-1)
    h12 = (2.0 / m) * np.sum(d1 * d2 - r * x * s, axis=-1)
    h22 = (2.0 / m) * np.sum(d2 * d2, axis=-1)
    # eigenvalues of a symmetric 2 x 2 matrix: mean -/+ sqrt(half-difference^2 + off-diagonal^2)
    return (h11 + h22) / 2 - np.sqrt(((h11 - h22) / 2) ** 2 + h12**2)
