"""Checking analytic derivatives against finite differences."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from gdlib.validation import _as_float_array, check_positive


def numerical_gradient(f: Callable[[np.ndarray], float], x, eps: float = 1e-6) -> np.ndarray:
    """Central-difference gradient of a scalar function f at the array x.

    f: takes an array shaped like x and returns a real number.
    x: array-like of any shape (for example alpha (1, 1) or beta (1, n)); it is not modified.
    eps: the step; the error of central differences shrinks like eps**2.
    Returns an array of the same shape as x: entry i is (f(x + eps e_i) - f(x - eps e_i)) / (2 eps).
    """
    if not callable(f):
        raise TypeError(f"f must be a function of one array returning a number, got {type(f).__name__}.")
    eps = check_positive(eps, "eps")
    point = _as_float_array(x, "x").copy()
    gradient = np.zeros_like(point)
    flat_point, flat_gradient = point.reshape(-1), gradient.reshape(-1)
    for i in range(flat_point.size):
        original = flat_point[i]
        flat_point[i] = original + eps
        upper = f(point.copy())
        flat_point[i] = original - eps
        lower = f(point.copy())
        flat_point[i] = original
        flat_gradient[i] = (float(upper) - float(lower)) / (2.0 * eps)
    return gradient
