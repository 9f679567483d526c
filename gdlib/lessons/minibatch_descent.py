"""Notebook 09 (batch, mini-batch and stochastic gradient descent): its data, helpers, exercises.

Data are generated with seeded generators, so every run of the notebook sees the same numbers.
"""

from __future__ import annotations

import numpy as np

from gdlib.exercises import Exercise
from gdlib.mse import least_squares, mse_cost
from gdlib.scaling import standardize
from gdlib.stochastic import epoch_batches, minibatch_gradient_descent
from gdlib.validation import as_alpha, as_beta, as_X, as_Y

#: The features of house_prices, in the order of the columns of X.
HOUSE_FEATURES = ("floor area (m²)", "rooms", "distance to the centre (km)")


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


def learning_rate_table(X, Y, batch_sizes, learning_rates, epochs: int,
                        last_epochs: int = 5) -> np.ndarray:
    """The excess cost J - J* each batch size reaches with each learning rate.

    X: (m, n); Y: (m, 1); batch_sizes: (S,); learning_rates: (L,); epochs: the budget of
    every run (each starts from zeros, shuffled by np.random.default_rng(0)).
    Returns (S, L): the mean of J - J* over the updates of the last `last_epochs` epochs,
    or inf where the run blew up or ended above its starting cost ("grows").
    """
    X = as_X(X)
    m = X.shape[0]
    optimum_cost = mse_cost(X, Y, *least_squares(X, Y))
    table = np.full((len(batch_sizes), len(learning_rates)), np.inf)
    for i, batch_size in enumerate(batch_sizes):
        last_updates = last_epochs * -(-m // batch_size)
        for j, learning_rate in enumerate(learning_rates):
            run = minibatch_gradient_descent(X, Y, learning_rate, epochs, batch_size,
                                             rng=np.random.default_rng(0))
            if not run.diverged and run.cost <= run.costs[0]:
                table[i, j] = np.mean(run.costs[-last_updates:]) - optimum_cost
    return table


def rate_table_text(batch_sizes, learning_rates, table: np.ndarray) -> str:
    """The table of learning_rate_table as text: one row per batch size, "grows" for inf."""
    lines = ["batch size | " + " | ".join(f"{rate:>7g}" for rate in learning_rates)]
    for batch_size, row in zip(batch_sizes, table, strict=True):
        cells = ["  grows" if np.isinf(value) else f"{value:7.1e}" for value in row]
        lines.append(f"{batch_size:>10} | " + " | ".join(cells))
    return "\n".join(lines)


def batch_gradient_means(G: np.ndarray, batch_size: int, epochs: int,
                         rng: np.random.Generator) -> np.ndarray:
    """The batch gradients of `epochs` shuffled epochs, from the examples' own gradients.

    G: (m, n + 1) one row per example (example_gradients); batch_size: a divisor of m;
    rng: the generator that shuffles (through gdlib.stochastic.epoch_batches).
    Returns (epochs * m / batch_size, n + 1): one row per batch, the mean of its rows of G.
    """
    m = G.shape[0]
    if m % batch_size:
        raise ValueError(f"batch_size must divide m = {m}, got {batch_size}.")
    batches = [rows for _ in range(epochs) for rows in epoch_batches(m, batch_size, rng)]
    return np.array([G[rows].mean(axis=0) for rows in batches])


def exercises() -> dict[str, Exercise]:
    """The exercises of notebook 09, keyed by short names; answers computed here, never shown."""
    X, Y = house_prices()
    Z, _, _ = standardize(X)
    run = minibatch_gradient_descent(Z, Y, 0.05, 3, 30, rng=np.random.default_rng(0))
    optimum_parameters = least_squares(Z, Y)
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
    }
