"""Predicting directions (unit vectors in the plane), and a penalty that keeps them on the circle.

A sensor reads an angle x with noise; the target is the direction u = (cos psi, sin psi) of
the true angle psi. The model maps the reading's features phi = (cos x, sin x) linearly:

    f_i = W phi_i,    F = Phi W^T                     Phi (m, 2), W (2, 2), F (m, 2)

Data term and penalty, each beside its gradient with respect to W (2, 2):

    D(W) = (1/m) sum_i ||f_i - u_i||^2              dD/dW = (2/m) (F - U)^T Phi
    P(W) = (1/m) sum_i (||f_i||^2 - 1)^2            dP/dW = (4/m) ((||f||^2 - 1) * F)^T Phi
    J(W) = D(W) + gamma P(W)                        (gamma = `penalty` >= 0)

The penalty's gradient follows from d(||f||^2 - 1)^2 / df = 4 (||f||^2 - 1) f and df/dW = phi^T.
With gamma = 0 this is least squares, whose minimiser averages the targets that go with similar
readings; an average of unit vectors pointing in different directions is shorter than 1.
"""

from __future__ import annotations

import numbers

import numpy as np

from gdlib.minimize import minimize
from gdlib.validation import _as_float_array, _check_finite, as_column, check_iterations, check_positive

__all__ = ["angle_features", "fit_unit_vectors", "penalty_term", "data_term", "unit_vector_gradient",
           "unit_vector_loss", "unit_vector_predict"]


def _as_rows_of_two(values, name: str, m: int | None = None) -> np.ndarray:
    array = _as_float_array(values, name)
    if array.ndim != 2 or array.shape[1] != 2 or array.shape[0] == 0 or (m is not None and array.shape[0] != m):
        rows = f"{m}" if m is not None else "m >= 1"
        raise ValueError(f"{name} must have shape (m, 2) with m = {rows} (one 2-D vector per row), "
                         f"got a {array.ndim}-D array of shape {array.shape}.")
    _check_finite(array, name)
    return array


def _as_weights(W) -> np.ndarray:
    W = _as_float_array(W, "W")
    if W.shape != (2, 2):
        raise ValueError(f"W must have shape (2, 2), got a {W.ndim}-D array of shape {W.shape}.")
    _check_finite(W, "W")
    return W


def _check_penalty(penalty) -> float:
    if isinstance(penalty, bool) or not isinstance(penalty, numbers.Real):
        raise TypeError(f"penalty (gamma) must be a real number >= 0, got {type(penalty).__name__} {penalty!r}.")
    if not np.isfinite(penalty) or penalty < 0:
        raise ValueError(f"penalty (gamma) must be a finite number >= 0, got {penalty!r}.")
    return float(penalty)


def angle_features(angles) -> np.ndarray:
    """phi = (cos x, sin x) for each angle x in radians. angles: (m,) or (m, 1). Returns Phi (m, 2)."""
    x = as_column(angles, "angles")[:, 0]
    return np.column_stack([np.cos(x), np.sin(x)])


def unit_vector_predict(Phi, W) -> np.ndarray:
    """F = Phi W^T, one predicted vector per row. Phi: (m, 2); W: (2, 2). Returns F (m, 2)."""
    return _as_rows_of_two(Phi, "Phi") @ _as_weights(W).T


def data_term(Phi, U, W) -> float:
    """D(W) = (1/m) sum_i ||f_i - u_i||^2. Phi, U: (m, 2); W: (2, 2). Returns a float."""
    Phi = _as_rows_of_two(Phi, "Phi")
    U = _as_rows_of_two(U, "U", Phi.shape[0])
    F = Phi @ _as_weights(W).T
    return float(np.sum((F - U) ** 2) / Phi.shape[0])


def penalty_term(Phi, W) -> float:
    """P(W) = (1/m) sum_i (||f_i||^2 - 1)^2. Phi: (m, 2); W: (2, 2). Returns a float."""
    F = unit_vector_predict(Phi, W)
    return float(np.mean((np.sum(F**2, axis=1) - 1.0) ** 2))


def unit_vector_loss(Phi, U, W, penalty: float) -> float:
    """J(W) = D(W) + penalty * P(W). Phi, U: (m, 2); W: (2, 2); penalty >= 0. Returns a float."""
    return data_term(Phi, U, W) + _check_penalty(penalty) * penalty_term(Phi, W)


def _gradients(Phi: np.ndarray, U: np.ndarray, W: np.ndarray, penalties: np.ndarray) -> np.ndarray:
    """dJ/dW for a stack W (L, 2, 2) with penalties (L,), no validation; returns (L, 2, 2).

    The L problems share Phi, so each product is one matrix product for all of them: the
    columns of F (m, 2L) are the first components of the L predictions, then the second ones.
    """
    m, L = Phi.shape[0], W.shape[0]
    F = Phi @ np.concatenate([W[:, 0, :].T, W[:, 1, :].T], axis=1)  # (m, 2L)
    first, second = F[:, :L], F[:, L:]
    excess = first**2 + second**2 - 1.0  # ||f||^2 - 1, (m, L)
    pull = (4.0 / m) * penalties * excess  # (m, L)
    E = np.concatenate([(2.0 / m) * (first - U[:, :1]) + pull * first,
                        (2.0 / m) * (second - U[:, 1:]) + pull * second], axis=1)  # dL/dF, (m, 2L)
    return (E.T @ Phi).reshape(2, L, 2).transpose(1, 0, 2)


def unit_vector_gradient(Phi, U, W, penalty: float) -> np.ndarray:
    """dJ/dW = (2/m)(F - U)^T Phi + penalty (4/m)((||f||^2 - 1) F)^T Phi.

    Phi, U: (m, 2); W: (2, 2); penalty >= 0. Returns (2, 2).
    """
    Phi = _as_rows_of_two(Phi, "Phi")
    U = _as_rows_of_two(U, "U", Phi.shape[0])
    return _gradients(Phi, U, _as_weights(W)[None], np.array([_check_penalty(penalty)]))[0]


def fit_unit_vectors(Phi, U, penalties, *, momentum: float = 0.8, iterations: int = 5000,
                     tolerance: float = 1e-10) -> np.ndarray:
    """W minimising J = D + gamma P for each gamma in `penalties`, by gradient descent from W = 0.

    Phi, U: (m, 2). penalties: a number >= 0, or (L,) numbers, solved together (stacked).
    Each problem takes steps of learning_rate = 1 / (2 + 8 gamma): near the circle the curvature of
    D is at most 2 and that of gamma P at most 8 gamma (the rows of Phi are unit vectors), so the
    step stays below the stable limit 2 / curvature. A large gamma makes a narrow valley (steep
    across the circle, gentle along it), so heavy-ball `momentum` (notebook 10; 0 for plain
    steps) is on by default. The run stops once every gradient entry is at most `tolerance`;
    a RuntimeError says so if `iterations` updates were not enough.
    Returns W (2, 2) for one penalty, or (L, 2, 2) for several.
    """
    Phi = _as_rows_of_two(Phi, "Phi")
    U = _as_rows_of_two(U, "U", Phi.shape[0])
    iterations = check_iterations(iterations)
    check_positive(tolerance, "tolerance")
    lams = np.asarray(penalties, dtype=float)
    if lams.ndim > 1 or not np.isfinite(lams).all() or (lams < 0).any() or lams.size == 0:
        raise ValueError(f"penalties must be a number >= 0 or a 1-D array of them, got {penalties!r}.")
    stacked = lams.reshape(-1)
    steps = (1.0 / (2.0 + 8.0 * stacked))[:, None, None]
    # Each stacked problem moves by its own step: scale its gradient, then use learning_rate 1.
    result = minimize(lambda W: steps * _gradients(Phi, U, W, stacked), np.zeros((stacked.size, 2, 2)),
                      1.0, iterations, momentum=momentum, tolerance=tolerance * float(steps.min()))
    if not result.converged:
        raise RuntimeError(f"fit_unit_vectors did not reach the tolerance {tolerance:g} in {iterations} iterations; "
                           "raise iterations.")
    return result.x.reshape(lams.shape + (2, 2))
