"""gdlib.gradient_descent against scikit-learn on one standardized problem, to the same tolerance.

The tolerance is on the cost: a fit is good enough once J - J* <= TOLERANCE * J*, where J* is
the least-squares minimum (numpy.linalg.lstsq on [1 | Z]). Each method is timed to the first
point where it is good enough:
- gdlib: gradient_descent with learning rate critical_learning_rate(Z) / 2 (its computation is
  timed too), for exactly the number of iterations its cost history says it needs;
- SGDRegressor (no penalty), one epoch (partial_fit) at a time, checking the cost between
  epochs (untimed), with its default schedule and with averaging;
- LinearRegression: one closed-form fit.
"""

from __future__ import annotations

import time

import numpy as np

import gdlib
from benchmarks.timing import median

#: How close to the least-squares cost J* a fit must come: J - J* <= TOLERANCE * J*.
TOLERANCE = 1e-4


def standardized_problem(m: int, n: int, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Correlated features of very different scales, standardized: Z (m, n), Y (m, 1) with unit noise."""
    rng = np.random.default_rng(seed)
    mixing = np.eye(n) + 0.5 * rng.standard_normal((n, n)) / np.sqrt(n)
    scales = 10.0 ** rng.uniform(-2, 3, size=n)
    X = (rng.standard_normal((m, n)) @ mixing) * scales + rng.uniform(-50, 50, size=n)
    Z, _, _ = gdlib.standardize(X)
    Y = 3.0 + Z @ rng.uniform(-2, 2, size=(n, 1)) + rng.standard_normal((m, 1))
    return Z, Y


def least_squares_cost(Z: np.ndarray, Y: np.ndarray) -> float:
    """J* = the smallest MSE of alpha + Z beta^T, from numpy.linalg.lstsq."""
    A = np.hstack([np.ones((Z.shape[0], 1)), Z])
    theta, *_ = np.linalg.lstsq(A, Y, rcond=None)
    return gdlib.mse_cost(Z, Y, theta[0, 0], theta[1:, 0])


def _relative_excess(Z, Y, alpha, beta, best: float) -> float:
    return (gdlib.mse_cost(Z, Y, alpha, beta) - best) / best


def gdlib_iterations_needed(Z: np.ndarray, Y: np.ndarray, best: float, cap: int = 10_000, chunk: int = 50) -> int:
    """The fewest iterations after which gdlib's cost is within TOLERANCE of best (read off its cost history).

    Runs `chunk` iterations at a time, each run starting where the last one stopped, up to `cap`.
    """
    learning_rate = gdlib.critical_learning_rate(Z) / 2
    alpha, beta = None, None
    for done in range(0, cap, chunk):
        result = gdlib.gradient_descent(Z, Y, learning_rate, chunk, alpha, beta)
        good = np.flatnonzero(result.costs - best <= TOLERANCE * best)
        if good.size:
            return done + int(good[0])
        alpha, beta = result.alpha, result.beta
    raise RuntimeError(f"gdlib did not reach the tolerance in {cap} iterations.")


def time_gdlib(Z: np.ndarray, Y: np.ndarray, iterations: int) -> tuple[float, float, gdlib.DescentResult]:
    """Seconds to pick the learning rate and make `iterations` updates, seconds of the first part alone,
    and the DescentResult."""
    start = time.perf_counter()
    learning_rate = gdlib.critical_learning_rate(Z) / 2
    chosen = time.perf_counter()
    result = gdlib.gradient_descent(Z, Y, learning_rate, iterations)
    return time.perf_counter() - start, chosen - start, result


def time_sgd(Z: np.ndarray, Y: np.ndarray, best: float, max_epochs: int, **options) -> tuple[float, int, float]:
    """Seconds of partial_fit epochs until SGDRegressor is within TOLERANCE (or max_epochs).

    Returns (seconds, epochs run, relative excess cost at the end).
    """
    from sklearn.linear_model import SGDRegressor

    model = SGDRegressor(penalty=None, tol=None, random_state=0, **options)
    seconds, epochs, excess = 0.0, 0, float("inf")
    while epochs < max_epochs and excess > TOLERANCE:
        start = time.perf_counter()
        model.partial_fit(Z, Y[:, 0])
        seconds += time.perf_counter() - start
        epochs += 1
        excess = _relative_excess(Z, Y, model.intercept_[0], model.coef_, best)
    return seconds, epochs, excess


def time_linear_regression(Z: np.ndarray, Y: np.ndarray, best: float) -> tuple[float, float]:
    """Seconds of one LinearRegression fit, and its relative excess cost."""
    from sklearn.linear_model import LinearRegression

    start = time.perf_counter()
    model = LinearRegression().fit(Z, Y[:, 0])
    seconds = time.perf_counter() - start
    return seconds, _relative_excess(Z, Y, model.intercept_, model.coef_, best)


def compare(m: int, n: int, repeats: int, max_epochs: int) -> dict[str, object]:
    """Time every method to TOLERANCE on standardized_problem(m, n), interleaved over `repeats` rounds.

    Returns {"m", "n", "tolerance", "methods": {name: {"seconds" (median), "steps", "relative_excess",
    "reached"}}, "gdlib_learning_rate_seconds" (the part of gdlib's time spent on critical_learning_rate)}.
    """
    try:
        import sklearn  # noqa: F401
    except ImportError as error:
        raise ImportError("the scikit-learn comparison needs the bench extra: "
                          "pip install -e '.[test,bench]' (make bench does it)") from error
    Z, Y = standardized_problem(m, n)
    best = least_squares_cost(Z, Y)
    iterations = gdlib_iterations_needed(Z, Y, best)
    runs: dict[str, list] = {}
    learning_rate_seconds = []
    for _ in range(repeats):
        seconds, choosing, result = time_gdlib(Z, Y, iterations)
        learning_rate_seconds.append(choosing)
        runs.setdefault("gdlib.gradient_descent", []).append((seconds, iterations, (result.cost - best) / best))
        seconds, excess = time_linear_regression(Z, Y, best)
        runs.setdefault("LinearRegression (closed form)", []).append((seconds, 1, excess))
        for label, options in (("SGDRegressor (defaults)", {}), ("SGDRegressor (average=True)", {"average": True})):
            runs.setdefault(label, []).append(time_sgd(Z, Y, best, max_epochs, **options))
    methods = {}
    for label, results in runs.items():
        excess = results[-1][2]
        methods[label] = {"seconds": median([r[0] for r in results]), "steps": results[-1][1],
                          "relative_excess": excess, "reached": bool(excess <= TOLERANCE)}
    return {"m": m, "n": n, "tolerance": TOLERANCE, "methods": methods,
            "gdlib_learning_rate_seconds": median(learning_rate_seconds)}
