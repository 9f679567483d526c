"""Notebook 08 (why squares): best constant predictions, a posterior on a grid, its data and exercises.

The expected loss of predicting one constant a for an uncertain quantity y:
    squared:   E[(a - y)^2] = (a - E[y])^2 + Var[y]    smallest at the mean
    absolute:  E|a - y|,  d/da = P(y < a) - P(y > a)     smallest at the median
"""

from __future__ import annotations

import math

import numpy as np

from gdlib.exercises import Exercise
from gdlib.likelihood import gaussian_nll
from gdlib.mse import least_squares, mse_cost
from gdlib.validation import as_column, check_positive

#: How many values the skewed sample has: odd, so that its median is one of them.
SAMPLE_SIZE = 501


def standard_normal_draws(seed: int = 7, size: int = SAMPLE_SIZE) -> np.ndarray:
    """Seeded standard normal draws (size,), sorted; exp(spread * z) is a lognormal sample."""
    return np.sort(np.random.default_rng(seed).standard_normal(size))


def lognormal_sample(spread: float, seed: int = 7, size: int = SAMPLE_SIZE) -> np.ndarray:
    """A right-skewed sample (size,): exp(spread * z) for seeded standard normal z.

    spread > 0 is the standard deviation of log(sample); the larger it is, the longer the
    right tail and the further the mean moves above the median, exp(spread * the median draw).
    """
    spread = check_positive(spread, "spread")
    return np.exp(spread * standard_normal_draws(seed, size))


def sample_expected_losses(sample, constants) -> tuple[np.ndarray, np.ndarray]:
    """The mean squared and mean absolute error of predicting each constant for every value.

    sample: (m,) or (m, 1) values; constants: (k,) candidate predictions a.
    Returns (squared (k,), absolute (k,)) with squared[j] = mean((a_j - y)^2) and
    absolute[j] = mean(|a_j - y|).
    """
    values = as_column(sample, "sample")[:, 0]
    candidates = as_column(constants, "constants")[:, 0]
    errors = candidates[:, None] - values[None, :]  # (k, m)
    return np.mean(errors**2, axis=1), np.mean(np.abs(errors), axis=1)


def beta_density(theta, a: float, b: float) -> np.ndarray:
    """The Beta(a, b) density at each theta in [0, 1] (a, b > 0), computed with log-gamma.

    theta: (k,). Returns (k,): theta^(a-1) (1-theta)^(b-1) / B(a, b), and 0 outside [0, 1].
    """
    a, b = check_positive(a, "a"), check_positive(b, "b")
    theta = np.asarray(theta, dtype=float)
    log_norm = math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b)
    inside = (theta > 0) & (theta < 1)
    density = np.zeros_like(theta)
    t = theta[inside]
    density[inside] = np.exp(log_norm + (a - 1) * np.log(t) + (b - 1) * np.log1p(-t))
    return density


def density_expected_losses(theta, density, constants) -> tuple[np.ndarray, np.ndarray]:
    """E[(a - theta)^2] and E|a - theta| under a density given on a grid, by the trapezoid rule.

    theta: (g,) increasing grid; density: (g,) values there (integrating to 1);
    constants: (k,). Returns (squared (k,), absolute (k,)).
    """
    theta = np.asarray(theta, dtype=float)
    density = np.asarray(density, dtype=float)
    if theta.shape != density.shape or theta.ndim != 1:
        raise ValueError(f"theta and density must be 1-D arrays of the same length, got shapes "
                         f"{theta.shape} and {density.shape}.")
    errors = np.asarray(constants, dtype=float)[:, None] - theta[None, :]  # (k, g)
    return (np.trapezoid(errors**2 * density, theta, axis=1),
            np.trapezoid(np.abs(errors) * density, theta, axis=1))


def density_median(theta, density) -> float:
    """The median of a density on a grid: where the trapezoid-rule CDF crosses 1/2 (interpolated)."""
    theta = np.asarray(theta, dtype=float)
    density = np.asarray(density, dtype=float)
    steps = 0.5 * (density[1:] + density[:-1]) * np.diff(theta)
    cdf = np.concatenate([[0.0], np.cumsum(steps)])
    return float(np.interp(0.5 * cdf[-1], cdf, theta))


def noisy_line(seed: int = 3) -> tuple[np.ndarray, np.ndarray]:
    """100 examples of y = 2 + 1.5 x1 - 0.7 x2 + Gaussian noise (sd 0.5): X (100, 2), Y (100, 1)."""
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(100, 2))
    Y = 2.0 + X @ np.array([[1.5], [-0.7]]) + rng.normal(0.0, 0.5, size=(100, 1))
    return X, Y


def exercise_sample() -> np.ndarray:
    """Eleven seeded waiting times in minutes (11,), skewed to the right, for the exercises."""
    return np.round(np.random.default_rng(11).gamma(1.5, 6.0, size=11), 1)


def exercises() -> dict[str, Exercise]:
    """The exercises of notebook 08, keyed by short names; answers computed here, never shown."""
    waits = exercise_sample()
    theta = np.linspace(0.0, 1.0, 20_001)
    posterior = beta_density(theta, 5.0, 3.0)
    X, Y = noisy_line()
    alpha_star, beta_star = least_squares(X, Y)
    optimum = mse_cost(X, Y, alpha_star, beta_star)
    return {
        "absolute": Exercise(
            "the best constant under absolute error", float(np.median(waits)),
            "sort the eleven values: the slope of the mean absolute error is (number below - number above)/m",
        ),
        "smallest squared": Exercise(
            "the smallest mean squared error a constant can reach", float(np.var(waits)),
            "put a = the mean into (a - mean)^2 + (the mean squared distance of the values from their mean)",
        ),
        "posterior mean": Exercise(
            "the best guess under squared loss for the Beta(5, 3) posterior",
            float(np.trapezoid(theta * posterior, theta)),
            "under squared loss the best guess is the mean of the distribution; for Beta(a, b) it is "
            "a fraction of a and b", rtol=1e-6,
        ),
        "smallest nll": Exercise(
            "the smallest negative log-likelihood per example for the noisy line",
            gaussian_nll(X, Y, alpha_star, beta_star, 0.5 * math.log(optimum)),
            "at the best fit sigma^2 = J*, the MSE of the least-squares line (divide by m, not m - 3): put it "
            "into l = (1/2) log(2 pi) + log sigma + J / (2 sigma^2), or call gaussian_nll there", rtol=1e-6,
        ),
    }
