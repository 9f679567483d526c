"""Gradient descent on any differentiable function of one parameter array: the loop and nothing else.

gdlib.gradient_descent knows the linear model and its losses. Once a loss gains penalty terms, or
the parameters are a matrix W or a shift tau, all the loop needs is the gradient as a function:

    x_(k+1) = x_k - learning_rate * gradient(x_k)

With momentum mu in [0, 1) (the heavy ball of notebook 08) a velocity v, starting at 0, carries
part of each step over to the next:

    v <- mu v - learning_rate * gradient(x),      x <- x + v

mu = 0 is plain gradient descent. Momentum helps on long narrow valleys (an ill-conditioned
quadratic), where plain steps zig-zag across the valley and crawl along it.

The parameter array may have any shape, so several independent problems can be stacked and
descended at once (for example a vector of starting shifts, one problem per entry).
"""

from __future__ import annotations

import numbers
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from gdlib.validation import _as_float_array, _check_finite, check_iterations, check_learning_rate

__all__ = ["MinimizeResult", "minimize"]


@dataclass(frozen=True)
class MinimizeResult:
    """What a run of `minimize` did.

    x: the final parameters, shaped like the start x0.
    path: (k + 1, *x0.shape) the parameters at the start and after each of the k updates.
    costs: (k + 1,) cost(x) along the path when a cost function was given, else None.
    converged: True when the run stopped early because every |gradient entry| <= tolerance.
    diverged: True when the run stopped early because the parameters or the gradient stopped
        being finite (the last finite parameters are returned).
    """

    x: np.ndarray
    path: np.ndarray
    costs: np.ndarray | None
    converged: bool
    diverged: bool

    @property
    def iterations_run(self) -> int:
        """How many updates were made (k)."""
        return len(self.path) - 1


def _check_momentum(momentum) -> float:
    if isinstance(momentum, bool) or not isinstance(momentum, numbers.Real):
        raise TypeError(f"momentum must be a real number in [0, 1), got {type(momentum).__name__} {momentum!r}.")
    momentum = float(momentum)
    if not 0.0 <= momentum < 1.0:
        raise ValueError(f"momentum must be in [0, 1) (0 is plain gradient descent), got {momentum!r}.")
    return momentum


def _check_tolerance(tolerance) -> float:
    if isinstance(tolerance, bool) or not isinstance(tolerance, numbers.Real) or not float(tolerance) >= 0:
        raise ValueError(f"tolerance must be a real number >= 0 (0 never stops early), got {tolerance!r}.")
    return float(tolerance)


def minimize(gradient: Callable[[np.ndarray], np.ndarray], x0, learning_rate, iterations, *,
             cost: Callable[[np.ndarray], float] | None = None, momentum: float = 0.0,
             tolerance: float = 0.0) -> MinimizeResult:
    """Gradient descent (with optional heavy-ball momentum) from x0 on a function given by its gradient.

    gradient: takes an array shaped like x0 and returns the gradient, an array of the same shape.
    x0: array-like of any shape, the start (not modified).
    learning_rate: a number > 0. iterations: a whole number >= 0 of updates at most.
    cost: optional function of the parameters returning a number, recorded along the path.
    momentum: mu in [0, 1); 0 (the default) is plain gradient descent.
    tolerance: stop early once the largest |entry| of the gradient is at most this (0: never).
    Returns a MinimizeResult.
    """
    if not callable(gradient):
        raise TypeError(f"gradient must be a function of the parameter array, got {type(gradient).__name__}.")
    if cost is not None and not callable(cost):
        raise TypeError(f"cost must be None or a function of the parameter array, got {type(cost).__name__}.")
    x = _as_float_array(x0, "x0").copy()
    _check_finite(x, "x0")
    learning_rate = check_learning_rate(learning_rate)
    iterations = check_iterations(iterations)
    momentum = _check_momentum(momentum)
    tolerance = _check_tolerance(tolerance)

    path = np.empty((iterations + 1, *x.shape))
    path[0] = x
    velocity = np.zeros_like(x)
    converged = diverged = False
    k = 0
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        while k < iterations:
            g = np.asarray(gradient(x), dtype=float)
            if g.shape != x.shape:
                raise ValueError(f"gradient must return an array shaped like the parameters {x.shape}, "
                                 f"got shape {g.shape}.")
            if not np.isfinite(g).all():
                diverged = True
                break
            if np.abs(g).max(initial=0.0) <= tolerance:
                converged = True
                break
            velocity = momentum * velocity - learning_rate * g
            step = x + velocity
            if not np.isfinite(step).all():
                diverged = True
                break
            x = step
            k += 1
            path[k] = x
    path = path[: k + 1].copy()
    costs = None if cost is None else np.array([float(cost(point)) for point in path])
    return MinimizeResult(x=x, path=path, costs=costs, converged=converged, diverged=diverged)
