"""Notebook 05 (heavy tails): its simulated data sets, the Monte Carlo of slopes, and its exercise."""

from __future__ import annotations

import numpy as np

from gdlib.exercises import Exercise
from gdlib.losses import huber, mae, mse
from gdlib.robust import SlopeMonteCarlo, slope_monte_carlo

#: The eleven x values of notebook 04's line, and the line the data are drawn around.
X_VALUES = tuple(float(x) for x in range(11))
TRUE_ALPHA, TRUE_BETA = 1.0, 0.5
#: The noise laws of the Monte Carlo: Student t degrees of freedom, inf for Gaussian noise.
HEAVY_TAIL_DFS = (1.0, 1.5, 2.0, 3.0, 5.0, 10.0, np.inf)
#: Huber's delta in the Monte Carlo: 1.345 keeps about 95% of the MSE's precision (in large
#: samples) when the noise is a standard Gaussian.
MONTE_CARLO_DELTA = 1.345
#: The seed of the two data sets of the opening figure (one Gaussian, one Cauchy).
FIGURE_SEED = 29
#: The exercise's degrees of freedom: not among HEAVY_TAIL_DFS, so the table does not answer it.
EXERCISE_DF = 4.0


def x_values() -> np.ndarray:
    """X_VALUES as an array x (11,)."""
    return np.array(X_VALUES)


def noisy_data_sets(df: float, trials: int, seed: int) -> np.ndarray:
    """`trials` data sets on the line TRUE_ALPHA + TRUE_BETA x plus Student t noise with `df`
    degrees of freedom (np.inf: standard Gaussian noise). Returns Y_sim (trials, 11), one per row."""
    rng = np.random.default_rng(seed)
    shape = (trials, len(X_VALUES))
    noise = rng.standard_normal(shape) if np.isinf(df) else rng.standard_t(df, size=shape)
    return TRUE_ALPHA + TRUE_BETA * x_values() + noise


def figure_data_sets() -> dict[str, np.ndarray]:
    """The opening figure's two data sets, {title: y (11,)}: the same seed, Gaussian and Cauchy noise."""
    return {"Gaussian noise": noisy_data_sets(np.inf, 1, FIGURE_SEED)[0],
            "Cauchy noise (t, ν = 1)": noisy_data_sets(1.0, 1, FIGURE_SEED)[0]}


def heavy_tails_monte_carlo(trials: int = 2000, seed: int = 4) -> SlopeMonteCarlo:
    """The slopes of the MSE, MAE and Huber lines fitted to `trials` data sets of the 11 points
    on 1 + 0.5 x plus Student t noise, for each df of HEAVY_TAIL_DFS. Returns a SlopeMonteCarlo."""
    return slope_monte_carlo(x_values(), HEAVY_TAIL_DFS, trials, (mse, mae, huber(MONTE_CARLO_DELTA)),
                             alpha=TRUE_ALPHA, beta=TRUE_BETA, seed=seed)


def predicted_mse_slope_spread(df: float) -> float:
    """The standard deviation of the least-squares slope on X_VALUES with t noise of df > 2:
    sqrt(Var noise / sum (x - mean x)^2), Var noise = df / (df - 2)."""
    x = x_values()
    return float(np.sqrt(df / (df - 2) / np.sum((x - x.mean()) ** 2)))


def exercises() -> dict[str, Exercise]:
    """The number exercise of notebook 05, by name; the answer is computed here."""
    return {
        "predicted spread": Exercise(
            f"the spread of the MSE slope for ν = {EXERCISE_DF:g}", predicted_mse_slope_spread(EXERCISE_DF),
            "the noise's variance is ν / (ν − 2); divide it by Σ (xᵢ − x̄)² over the eleven x values "
            "(it is 110) and take the square root.", rtol=1e-3),
    }


def noise_draws(df: float, size: int, seed: int) -> np.ndarray:
    """`size` draws (size,) of Student t noise with `df` degrees of freedom (np.inf: standard
    Gaussian), from a generator seeded with `seed`."""
    rng = np.random.default_rng(seed)
    return rng.standard_normal(size) if np.isinf(df) else rng.standard_t(df, size=size)
