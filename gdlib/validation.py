"""One place that turns user input into well-shaped float arrays, or says clearly why not.

Every public function of gdlib calls these helpers first. Each message names the argument,
what was expected and what was received, and where it can, how to fix it. Nothing here
broadcasts: a shape that is not exactly one of the documented ones is an error.
"""

from __future__ import annotations

import numbers

import numpy as np

__all__ = [
    "as_X",
    "as_Y",
    "as_alpha",
    "as_beta",
    "as_parameters",
    "as_column",
    "check_learning_rate",
    "check_iterations",
    "check_positive",
]


def _describe(array: np.ndarray) -> str:
    """Say what an array is, e.g. 'a 1-D array of shape (4,)'."""
    return f"a {array.ndim}-D array of shape {array.shape}"


def _as_float_array(value, name: str) -> np.ndarray:
    """Any array-like of real numbers -> float64 array (a copy only when needed).

    Booleans, complex numbers, strings and objects are refused with a TypeError.
    """
    if isinstance(value, (str, bytes)):
        raise TypeError(f"{name} must contain real numbers, got a string: {value!r}.")
    try:
        array = np.asarray(value)
    except (ValueError, TypeError) as error:  # ragged nested lists, for example
        raise TypeError(f"{name} must be an array of real numbers; numpy could not read it: {error}") from None
    kind = array.dtype.kind
    if kind == "b":
        raise TypeError(
            f"{name} must contain real numbers, got booleans; convert with {name}.astype(float) if you mean 0/1."
        )
    if kind == "c":
        raise TypeError(f"{name} must contain real numbers, got complex numbers (dtype {array.dtype}).")
    if kind not in "iuf":
        raise TypeError(f"{name} must contain real numbers, got dtype {array.dtype} (for example strings or objects).")
    return array.astype(np.float64, copy=False)


def _check_finite(array: np.ndarray, name: str) -> None:
    if not np.isfinite(array).all():
        bad = np.argwhere(~np.isfinite(array))
        first = tuple(int(i) for i in bad[0])
        raise ValueError(
            f"{name} must contain only finite numbers, got {len(bad)} NaN or infinite "
            f"value(s), the first at index {first}: {array[first]}."
        )


def as_X(X) -> np.ndarray:
    """Validate the inputs X.

    X: array-like (m, n) of real numbers, m >= 1 examples and n >= 1 features.
    Returns X as a float64 ndarray (m, n).
    """
    X = _as_float_array(X, "X")
    if X.ndim == 1:
        raise ValueError(
            f"X must be a 2-D array of shape (m, n), got {_describe(X)}. "
            "If it holds one feature, reshape it with X.reshape(-1, 1); "
            "if it is one example, with X.reshape(1, -1)."
        )
    if X.ndim != 2:
        raise ValueError(f"X must be a 2-D array of shape (m, n), got {_describe(X)}.")
    if X.shape[0] == 0 or X.shape[1] == 0:
        raise ValueError(f"X must have at least one example and one feature, got an empty array of shape {X.shape}.")
    _check_finite(X, "X")
    return X


def as_column(values, name: str, m: int | None = None, *, reference: str = "X") -> np.ndarray:
    """Validate a column of m numbers such as Y or Y_hat.

    values: array-like (m, 1), or 1-D (m,), which is taken as (m, 1).
    m: the number of examples it must have (that of X), or None to accept any m >= 1.
    reference: the argument m comes from, named when the row counts disagree (either may be wrong).
    Returns a float64 ndarray (m, 1).
    """
    column = _as_float_array(values, name)
    expected = f"(m, 1) or (m,) with m = {m}" if m is not None else "(m, 1) or (m,)"
    if column.ndim == 1:
        column = column.reshape(-1, 1)
    elif column.ndim != 2 or column.shape[1] != 1:
        hint = f" Did you mean {name}.T or {name}.reshape(-1, 1)?" if column.ndim == 2 and column.shape[0] == 1 else ""
        raise ValueError(f"{name} must have shape {expected}, got {_describe(column)}.{hint}")
    if column.shape[0] == 0:
        raise ValueError(f"{name} must have at least one example, got an empty array of shape {column.shape}.")
    if m is not None and column.shape[0] != m:
        rows = column.shape[0]
        raise ValueError(
            f"{name} must have one row per example of {reference}: expected {m} rows, got {rows} "
            f"(shape {column.shape}). If {name} is right, {reference} must have {rows} "
            f"row{'s' if rows != 1 else ''} instead."
        )
    _check_finite(column, name)
    return column


def as_Y(Y, m: int) -> np.ndarray:
    """Validate the targets Y for m examples.

    Y: array-like (m, 1), or 1-D (m,), which is taken as (m, 1).
    Returns a float64 ndarray (m, 1).
    """
    return as_column(Y, "Y", m)


def as_alpha(alpha) -> np.ndarray:
    """Validate the bias alpha.

    alpha: a real number, or array-like (1, 1).
    Returns a float64 ndarray (1, 1).
    """
    array = _as_float_array(alpha, "alpha")
    if array.shape == ():
        array = array.reshape(1, 1)
    elif array.shape != (1, 1):
        raise ValueError(f"alpha must be a number or an array of shape (1, 1), got {_describe(array)}.")
    _check_finite(array, "alpha")
    return array


def as_beta(beta, n: int, *, reference: str | None = "X") -> np.ndarray:
    """Validate the weights beta for n features.

    beta: array-like (1, n), or 1-D (n,), which is taken as (1, n).
    reference: the argument whose features n counts, named when beta has another number of
        weights (either may be wrong); None when n is fixed by the model, not by an argument.
    Returns a float64 ndarray (1, n).
    """
    array = _as_float_array(beta, "beta")
    if array.ndim == 1 and array.shape[0] == n:
        array = array.reshape(1, n)
    if array.shape != (1, n):
        hint = " Did you mean beta.T?" if array.shape == (n, 1) else ""
        is_row = array.ndim == 1 or (array.ndim == 2 and array.shape[0] == 1)
        if reference and is_row and array.shape[-1] > 0:  # a row of k weights: X may be what is wrong
            k = array.shape[-1]
            hint = f" If beta is right, {reference} must have {k} column{'s' if k != 1 else ''} (features) instead."
        per_feature = f" (one weight per feature of {reference})" if reference else ""
        raise ValueError(
            f"beta must have shape (1, n) or (n,) with n = {n}{per_feature}, got {_describe(array)}.{hint}"
        )
    _check_finite(array, "beta")
    return array


def as_parameters(X, alpha, beta) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Validate X (m, n), alpha (1, 1) and beta (1, n) together; returns the three arrays."""
    X = as_X(X)
    return X, as_alpha(alpha), as_beta(beta, X.shape[1])


def check_positive(value, name: str) -> float:
    """A finite real number > 0 (not a bool, not an array) -> float."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a real number, got {type(value).__name__} {value!r}.")
    value = float(value)
    if not np.isfinite(value) or value <= 0:
        raise ValueError(f"{name} must be a finite number greater than 0, got {value!r}.")
    return value


def check_learning_rate(learning_rate) -> float:
    """The learning rate: a finite real number > 0 -> float."""
    return check_positive(learning_rate, "learning_rate")


def check_iterations(iterations, name: str = "iterations") -> int:
    """A whole number >= 0 (int or numpy integer, not a bool or a float) -> int."""
    if isinstance(iterations, bool) or not isinstance(iterations, numbers.Integral):
        raise TypeError(f"{name} must be a whole number (int) >= 0, got {type(iterations).__name__} {iterations!r}.")
    if iterations < 0:
        raise ValueError(f"{name} must be >= 0, got {iterations}.")
    return int(iterations)
