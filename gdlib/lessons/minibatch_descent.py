"""Notebook 08 (gradient descent variants): its data, small helpers, and exercises.

Data are generated with seeded generators, so every run of the notebook sees the same numbers.
"""

from __future__ import annotations

import math

import numpy as np

from gdlib.curvature import mse_hessian
from gdlib.exercises import Exercise
from gdlib.mse import least_squares, mse_cost
from gdlib.scaling import standardize
from gdlib.stochastic import minibatch_gradient_descent
from gdlib.validation import as_alpha, as_beta, as_X, as_Y, check_iterations

#: The features of house_prices, in the order of the columns of X.
HOUSE_FEATURES = ("floor area (m²)", "rooms", "distance to the centre (km)")
#: The features of valley_houses, in the order of the columns of X.
VALLEY_FEATURES = ("bedrooms", "lot size (1000 sq ft)")


def house_prices(seed: int = 8) -> tuple[np.ndarray, np.ndarray]:
    """200 made-up houses: X (200, 3) floor area (m²), rooms, and distance to the centre (km),
    which all grow together (larger houses have more rooms and stand further out); Y (200, 1)
    price in hundreds of thousands, a linear function of X plus Gaussian noise (sd 0.4)."""
    rng = np.random.default_rng(seed)
    m = 200
    area = np.clip(rng.normal(120.0, 35.0, m), 40.0, None)
    rooms = np.clip(np.round(area / 25.0 + rng.normal(0.0, 0.5, m)), 1.0, None)
    distance = np.clip(0.06 * area + rng.normal(0.0, 2.0, m), 0.5, None)
    price = 1.0 + 0.025 * area + 0.1 * rooms - 0.12 * distance + rng.normal(0.0, 0.4, m)
    return np.column_stack([area, rooms, distance]), price.reshape(-1, 1)


def valley_houses(seed: int = 5) -> tuple[np.ndarray, np.ndarray]:
    """200 made-up houses on two features of very different scales: X (200, 2) bedrooms (1 to 5)
    and lot size in thousands of square feet (about 9 to 50, larger for more bedrooms);
    Y (200, 1) price in hundreds of thousands. The MSE bowl over them is a long, narrow valley."""
    rng = np.random.default_rng(seed)
    m = 200
    bedrooms = rng.integers(1, 6, m).astype(float)
    lot_size = 5.0 + 4.0 * bedrooms + rng.gamma(2.0, 4.0, m)
    price = 0.5 + 0.3 * bedrooms + 0.05 * lot_size + rng.normal(0.0, 0.3, m)
    return np.column_stack([bedrooms, lot_size]), price.reshape(-1, 1)


def iterations_to_tolerance(costs, optimum_cost: float, tolerance: float) -> int | None:
    """The first iteration k from which the excess cost J - J* stays at or below tolerance
    times the starting excess, J_0 - J*.

    costs: (k + 1,) costs of a run; optimum_cost: J*; tolerance: a fraction such as 1e-6.
    Returns k (an int), or None when the run ends above the tolerance.
    """
    excess = np.asarray(costs, dtype=float) - optimum_cost
    above = np.flatnonzero(~(excess <= tolerance * excess[0]))
    if above.size == 0:
        return 0
    last_above = int(above[-1])
    return None if last_above == excess.size - 1 else last_above + 1


def heavy_ball_costs(X, Y, learning_rates, momenta, iterations: int, alpha=None, beta=None) -> np.ndarray:
    """Batch gradient descent with heavy-ball momentum for a whole grid of settings at once.

    X: (m, n); Y: (m, 1); learning_rates: (L,); momenta: (M,) in [0, 1); iterations: >= 0;
    alpha (1, 1), beta (1, n): the common start (default zeros).
    Returns costs (L, M, iterations + 1): costs[i, j, k] is J after k updates with learning
    rate learning_rates[i] and momentum momenta[j]. Runs that blow up hold inf from then on.
    (The same updates as gdlib.stochastic.minibatch_gradient_descent with batch_size = m, done
    for all L * M runs together, one matrix product per update.)
    """
    X = as_X(X)
    m, n = X.shape
    Y = as_Y(Y, m)
    iterations = check_iterations(iterations)
    alpha = np.zeros((1, 1)) if alpha is None else as_alpha(alpha)
    beta = np.zeros((1, n)) if beta is None else as_beta(beta, n)
    rates = np.asarray(learning_rates, dtype=float).reshape(-1, 1, 1)
    mus = np.asarray(momenta, dtype=float).reshape(1, -1, 1)
    A = np.hstack([np.ones((m, 1)), X])  # (m, n + 1): theta = [alpha, beta]
    theta = np.broadcast_to(np.hstack([alpha, beta]), (rates.size, mus.size, n + 1)).copy()
    velocity = np.zeros_like(theta)
    costs = np.empty((rates.size, mus.size, iterations + 1))
    with np.errstate(over="ignore", invalid="ignore"):
        for k in range(iterations + 1):
            residual = Y[:, 0] - theta @ A.T  # (L, M, m)
            costs[..., k] = np.mean(residual**2, axis=-1)
            if k == iterations:
                break
            gradient = -(2.0 / m) * (residual @ A)  # (L, M, n + 1): [d_alpha, d_beta]
            velocity = mus * velocity - rates * gradient
            theta = theta + velocity
    return np.where(np.isfinite(costs), costs, np.inf)


def heavy_ball_theory(X) -> dict[str, float]:
    """The best constant settings for a quadratic bowl with Hessian eigenvalues in [lmin, lmax].

    X: (m, n). Returns {'condition': kappa = lmax / lmin,
    'gd_learning_rate': 2 / (lmin + lmax), 'gd_rate': (kappa - 1) / (kappa + 1),
    'momentum_learning_rate': 4 / (sqrt(lmax) + sqrt(lmin))^2,
    'momentum': ((sqrt(kappa) - 1) / (sqrt(kappa) + 1))^2,
    'momentum_rate': (sqrt(kappa) - 1) / (sqrt(kappa) + 1)}, where a rate is the factor by
    which the distance to the minimum shrinks per update in the slowest direction.
    """
    eigenvalues = np.linalg.eigvalsh(mse_hessian(X))
    low, high = float(eigenvalues[0]), float(eigenvalues[-1])
    kappa = high / low
    root = math.sqrt(kappa)
    return {
        "condition": kappa,
        "gd_learning_rate": 2.0 / (low + high),
        "gd_rate": (kappa - 1.0) / (kappa + 1.0),
        "momentum_learning_rate": 4.0 / (math.sqrt(high) + math.sqrt(low)) ** 2,
        "momentum": ((root - 1.0) / (root + 1.0)) ** 2,
        "momentum_rate": (root - 1.0) / (root + 1.0),
    }


def example_gradients(X, Y, alpha, beta) -> np.ndarray:
    """The gradient of each example's own squared error, one row per example.

    X: (m, n); Y: (m, 1); alpha (1, 1); beta (1, n).
    Returns G (m, n + 1) with row i = -2 (y_i - y_hat_i) [1, x_i]: [d_alpha, d_beta] of
    (y_i - y_hat_i)^2. The mean of the rows is the full gradient of J.
    """
    X = as_X(X)
    m, n = X.shape
    Y = as_Y(Y, m)
    residual = Y - (as_alpha(alpha) + X @ as_beta(beta, n).T)
    return -2.0 * residual * np.hstack([np.ones((m, 1)), X])


def batch_gradient_variance(X, Y, alpha, beta, batch_size: int) -> float:
    """The expected squared distance between a batch gradient and the full gradient.

    For a batch of b examples drawn without replacement from m, it is
    tr(S) (m - b) / (b (m - 1)), where tr(S) is the mean squared distance of the examples'
    own gradients from their mean. X: (m, n); Y: (m, 1); alpha (1, 1); beta (1, n).
    Returns a float: 0 for b = m, tr(S) for b = 1.
    """
    G = example_gradients(X, Y, alpha, beta)
    m = G.shape[0]
    if not 1 <= batch_size <= m:
        raise ValueError(f"batch_size must be between 1 and m = {m}, got {batch_size}.")
    spread = float(np.mean(np.sum((G - G.mean(axis=0)) ** 2, axis=1)))
    return spread * (m - batch_size) / (batch_size * (m - 1))


def exercises() -> dict[str, Exercise]:
    """The exercises of notebook 08, keyed by short names; answers computed here, never shown."""
    X, Y = house_prices()
    Z, _, _ = standardize(X)
    run = minibatch_gradient_descent(Z, Y, 0.05, 3, 30, rng=np.random.default_rng(0))
    optimum_parameters = least_squares(Z, Y)
    two_features = Z[:, :2]  # floor area and rooms, without the distance to the centre
    return {
        "updates": Exercise(
            "updates in 3 epochs of batches of 30", run.iterations_run,
            "an epoch cuts the 200 examples into batches of 30; the last batch holds what is left "
            "and still counts as an update",
        ),
        "variance ratio": Exercise(
            "how many times noisier a single example is than a batch of 40",
            batch_gradient_variance(Z, Y, *optimum_parameters, 1)
            / batch_gradient_variance(Z, Y, *optimum_parameters, 40),
            "divide tr(S)(m - b)/(b(m - 1)) at b = 1 by the same at b = 40; tr(S) cancels",
            rtol=1e-6,
        ),
        "floor with two features": Exercise(
            "the lowest cost any batch size can reach with floor area and rooms only",
            mse_cost(two_features, Y, *least_squares(two_features, Y)),
            "solve the least-squares problem exactly on the first two columns of the standardized X "
            "(gdlib.least_squares, or numpy.linalg.lstsq on [1 | X[:, :2]]) and take the mean "
            "squared residual",
        ),
        "momentum for the houses": Exercise(
            "the best momentum for the standardized houses", heavy_ball_theory(Z)["momentum"],
            "take the largest and smallest eigenvalues of the Hessian of the standardized houses "
            "(gdlib.mse_hessian(X)), form kappa, then ((sqrt(kappa) - 1)/(sqrt(kappa) + 1))^2",
            rtol=1e-6,
        ),
    }
