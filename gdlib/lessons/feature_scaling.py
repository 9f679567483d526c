"""Notebook 06 (feature scaling): the house data, changing a feature's unit, counting iterations, exercises.

The houses are generated, not measured: bedrooms 1-5 and lot size 5,000-50,000 sq ft, and the
price in thousands of dollars follows a stated linear rule plus Gaussian noise (see house_prices).
"""

from __future__ import annotations

import math
from typing import NamedTuple

import numpy as np

from gdlib.curvature import critical_learning_rate, mse_hessian
from gdlib.descent import gradient_descent
from gdlib.exercises import Exercise
from gdlib.model import predict
from gdlib.scaling import standardize
from gdlib.validation import as_X, check_iterations, check_positive

__all__ = [
    "PRICE_RULE",
    "SQUARE_FEET_PER_ACRE",
    "NEW_HOUSE",
    "house_prices",
    "scale_feature",
    "log_log_slope",
    "lot_size_gradients",
    "condition_number",
    "IterationCount",
    "count_iterations",
    "iterations_to_reach",
    "exercises",
]

#: price ($1000) = intercept + per_bedroom * bedrooms + per_square_foot * lot size (sq ft) + noise
PRICE_RULE = {"intercept": 50.0, "per_bedroom": 30.0, "per_square_foot": 0.005, "noise_std": 15.0}

#: Column of X that holds the lot size.
LOT_SIZE = 1

#: Square feet in one acre.
SQUARE_FEET_PER_ACRE = 43_560.0

#: A house that is not among the generated ones, [bedrooms, lot size in sq ft], shape (1, 2).
NEW_HOUSE = np.array([[3.0, 20_000.0]])


def house_prices(m: int = 50, seed: int = 5) -> tuple[np.ndarray, np.ndarray]:
    """m generated houses: X (m, 2) = [bedrooms, lot size in sq ft], Y (m, 1) = price in $1000.

    Bedrooms are whole numbers 1-5, lot sizes uniform on 5,000-50,000 sq ft, and
    price = 50 + 30 * bedrooms + 0.005 * lot size + noise, noise ~ Normal(0, 15^2) (PRICE_RULE),
    all drawn from numpy.random.default_rng(seed), so the same seed gives the same houses.
    """
    m = check_iterations(m, "m")
    if m < 3:
        raise ValueError(f"m must be at least 3 houses (three parameters to fit), got {m}.")
    rng = np.random.default_rng(seed)
    bedrooms = rng.integers(1, 6, size=m).astype(float)
    lot_size = rng.uniform(5_000.0, 50_000.0, size=m)
    noise = rng.normal(0.0, PRICE_RULE["noise_std"], size=m)
    price = (PRICE_RULE["intercept"] + PRICE_RULE["per_bedroom"] * bedrooms
             + PRICE_RULE["per_square_foot"] * lot_size + noise)
    return np.column_stack([bedrooms, lot_size]), price.reshape(-1, 1)


def scale_feature(X, c, column: int = LOT_SIZE) -> np.ndarray:
    """X with one feature multiplied by the conversion factor c (a change of unit), the others untouched.

    X: (m, n); c: a number > 0; column: which feature (default the lot size).
    Returns a new array (m, n); X is not modified.
    """
    X = as_X(X)
    c = check_positive(c, "c")
    if not 0 <= column < X.shape[1]:
        raise ValueError(f"column must be a feature index between 0 and {X.shape[1] - 1}, got {column}.")
    scaled = X.copy()
    scaled[:, column] *= c
    return scaled


def lot_size_gradients(X, Y, factors, beta, loss, alpha: float = 0.0) -> np.ndarray:
    """dJ/dbeta_2, the gradient for the lot-size weight, at a fixed point, for each conversion factor.

    X: (m, 2) [bedrooms, lot size in sq ft]; Y: (m, 1); factors: (k,) conversion factors c of the
    lot size; beta: (1, 2) and alpha: the fixed point; loss: gdlib.losses.mse or gdlib.losses.mae.
    For each c the lot size is multiplied by c and dJ/dbeta = dJ/dY_hat^T X_c (the chain rule).
    Returns (k,).
    """
    values = []
    for c in np.asarray(factors, dtype=float).reshape(-1):
        X_c = scale_feature(X, c)
        d_Y_hat = loss.gradient(Y, predict(X_c, alpha, beta))  # (m, 1)
        values.append(float((d_Y_hat.T @ X_c)[0, LOT_SIZE]))
    return np.array(values)


def log_log_slope(factors, values) -> float:
    """The slope p of the least squares line through (log10 c, log10 |values|): values grow like c^p.

    factors: (k,) positive conversion factors c; values: (k,) non-zero numbers. Returns p, a float.
    """
    factors = np.asarray(factors, dtype=float).reshape(-1)
    values = np.abs(np.asarray(values, dtype=float)).reshape(-1)
    if factors.shape != values.shape or factors.size < 2:
        raise ValueError(f"factors and values must be two 1-D arrays of the same length >= 2, got shapes "
                         f"{factors.shape} and {values.shape}.")
    if not (np.all(factors > 0) and np.all(values > 0)):
        raise ValueError("factors and values must be non-zero (factors > 0) to be drawn on log axes.")
    return float(np.polyfit(np.log10(factors), np.log10(values), 1)[0])


def condition_number(X, bias: bool = True) -> float:
    """lambda_max / lambda_min of the MSE Hessian of X (m, n): how stretched the bowl is (1 = round).

    bias=True: the Hessian over (alpha, beta), (2/m) A^T A with A = [1 | X], (n + 1, n + 1);
    bias=False: over the weights beta only, (2/m) X^T X, (n, n) (the valley pictures, centred X).
    """
    X = as_X(X)
    hessian = mse_hessian(X) if bias else (2.0 / X.shape[0]) * X.T @ X
    eigenvalues = np.linalg.eigvalsh(hessian)
    return float(eigenvalues[-1] / eigenvalues[0])


class IterationCount(NamedTuple):
    """One row of the table of iterations: the condition number kappa of the Hessian over
    (alpha, beta), the learning rate 2 / (lambda_min + lambda_max), the iterations gradient descent
    needed (None if not within the cap) and the guaranteed bound from kappa."""

    kappa: float
    learning_rate: float
    needed: int | None
    bound: int


def count_iterations(X, Y, best_cost: float, relative_tolerance: float = 1e-6,
                     cap: int = 5_000) -> IterationCount:
    """Gradient descent from zero at the best constant rate 2 / (lambda_min + lambda_max), counted until
    J_k - J* <= relative_tolerance * J* (see iterations_to_reach).

    X: (m, n); Y: (m, 1); best_cost: J* > 0. With q = (kappa - 1) / (kappa + 1),
    J_k - J* <= q^(2k) (J_0 - J*), so k_bound = ceil(ln(tol J* / (J_0 - J*)) / (2 ln q)) iterations
    are enough; the run makes min(k_bound, cap) iterations. J_0 = mean(Y^2): zero predictions.
    """
    X = as_X(X)
    eigenvalues = np.linalg.eigvalsh(mse_hessian(X))
    kappa = float(eigenvalues[-1] / eigenvalues[0])
    learning_rate = float(2.0 / (eigenvalues[0] + eigenvalues[-1]))
    q = (kappa - 1.0) / (kappa + 1.0)
    start_cost = float(np.mean(np.asarray(Y, dtype=float) ** 2))
    bound = math.ceil(math.log(relative_tolerance * best_cost / (start_cost - best_cost)) / (2.0 * math.log(q)))
    run = gradient_descent(X, Y, learning_rate, min(bound, check_iterations(cap, "cap")))
    return IterationCount(kappa, learning_rate, iterations_to_reach(run.costs, best_cost, relative_tolerance), bound)


def iterations_to_reach(costs, best_cost: float, relative_tolerance: float) -> int | None:
    """The first iteration k with costs[k] - best_cost <= relative_tolerance * best_cost, or None.

    costs: (k + 1,) the costs of a gradient descent run (DescentResult.costs); best_cost: J* > 0,
    the least squares cost. The cost, unlike the gradient, does not depend on the features' units,
    so this criterion compares runs on raw and on standardized features fairly.
    """
    costs = np.asarray(costs, dtype=float)
    best_cost = check_positive(best_cost, "best_cost")
    relative_tolerance = check_positive(relative_tolerance, "relative_tolerance")
    reached = np.flatnonzero(costs - best_cost <= relative_tolerance * best_cost)
    return int(reached[0]) if reached.size else None


def _new_house_price_from_standardized_fit(X, Y) -> float:
    """Fit on standardized features by gradient descent, standardize NEW_HOUSE with the training mean
    and std, and return its predicted price ($1000)."""
    Z, mean, std = standardize(X)
    result = gradient_descent(Z, Y, 0.5, 10_000, tolerance=1e-10)
    return float(predict((NEW_HOUSE - mean) / std, result.alpha, result.beta)[0, 0])


def exercises() -> dict[str, Exercise]:
    """The exercises of notebook 06, by name; expected answers are computed here, never printed."""
    X, Y = house_prices()
    square_inches = scale_feature(X, 144.0)
    acres = scale_feature(X, 1.0 / SQUARE_FEET_PER_ACRE)
    return {
        "square inches": Exercise(
            "square inches",
            mse_hessian(square_inches)[2, 2] / mse_hessian(X)[2, 2],
            "one square foot is 144 square inches, so c = 144; how does the Hessian entry of the lot-size "
            "weight depend on c?",
        ),
        "acres": Exercise(
            "critical learning rate in acres",
            critical_learning_rate(acres),
            "rescale the lot size with gdlib.lessons.feature_scaling.scale_feature(X, 1 / 43560) and ask "
            "gdlib.critical_learning_rate; the 1/c^2 rule only holds while the lot size dominates the Hessian",
        ),
        "new house": Exercise(
            "price of the new house",
            _new_house_price_from_standardized_fit(X, Y),
            "standardize the new house with the mean and std of the 50 houses the model was fitted on, "
            "z = (NEW_HOUSE - mean) / std, then predict alpha_z + z beta_zᵀ; the fit mapped back to square "
            "feet, alpha + NEW_HOUSE betaᵀ, must give the same price, in thousands of dollars",
            rtol=1e-6,
        ),
    }
