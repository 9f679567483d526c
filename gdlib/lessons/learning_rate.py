"""Notebook 03 (the MSE landscape and the critical learning rate): its data and its exercises."""

from __future__ import annotations

import numpy as np

from gdlib.curvature import critical_learning_rate, mse_hessian
from gdlib.exercises import Exercise
from gdlib.validation import check_iterations, check_learning_rate

#: The seed of the notebook's data set.
SEED = 3
#: The window of (alpha, beta) the notebook's contour plots show.
ALPHA_LIMITS = (-1.5, 5.0)
BETA_LIMITS = (-1.0, 4.0)
#: The start of gradient descent in the notebook's pictures: far along the flat valley and off it.
START_ALPHA, START_BETA = 4.0, -0.5

#: A small data set for the first exercise.
SMALL_X = np.array([[1.0], [2.0], [3.0], [6.0]])
#: Learning rates the second exercise asks the learner to sort into regimes.
EXERCISE_RATES = (0.2, 0.05, 0.3, 0.12)


def one_feature_data(m: int = 40, seed: int = SEED) -> tuple[np.ndarray, np.ndarray]:
    """The notebook's data set: y = 1 + 2 x + noise, with x uniform on [0, 3] (not centred).

    m: the number of examples (>= 2). seed: the seed of numpy's default_rng.
    Returns (X (m, 1), Y (m, 1)). The noise is normal with standard deviation 0.5.
    """
    m = check_iterations(m, "m")
    if m < 2:
        raise ValueError(f"m must be at least 2 (two points fix a line), got {m}.")
    rng = np.random.default_rng(seed)
    X = rng.uniform(0.0, 3.0, size=(m, 1))
    Y = 1.0 + 2.0 * X + rng.normal(0.0, 0.5, size=(m, 1))
    return X, Y


def hessian_eigen(X) -> tuple[np.ndarray, np.ndarray]:
    """Eigenvalues and eigenvectors of H = mse_hessian(X), flattest first.

    X: (m, n). Returns (eigenvalues (n + 1,) ascending, eigenvectors (n + 1, n + 1)) where
    column i is the unit eigenvector of eigenvalue i, its sign chosen so that its last entry
    (the weight of the last feature) is >= 0.
    """
    eigenvalues, eigenvectors = np.linalg.eigh(mse_hessian(X))
    signs = np.where(eigenvectors[-1] < 0, -1.0, 1.0)
    return eigenvalues, eigenvectors * signs


def regime_codes(X, learning_rates) -> np.ndarray:
    """For each learning rate: 1 if no direction flips sign (lr * lambda_max <= 1), 2 if it
    oscillates but converges (1 < lr * lambda_max < 2), 3 if it diverges (lr * lambda_max > 2).

    X: (m, n). learning_rates: a sequence of numbers > 0. Returns a float array (len(learning_rates),).
    """
    largest = np.linalg.eigvalsh(mse_hessian(X))[-1]
    products = np.array([check_learning_rate(rate) for rate in learning_rates]) * largest
    return np.where(products > 2.0, 3.0, np.where(products > 1.0, 2.0, 1.0))


def iterations_to_shrink(X, learning_rate: float, fraction: float) -> int:
    """The fewest steps after which the error along the flattest eigenvector of H is at most
    `fraction` of what it was: the smallest k with |1 - lr * lambda_min|^k <= fraction.

    X: (m, n). learning_rate: > 0 and below the critical rate. fraction: in (0, 1). Returns an int.
    """
    eigenvalues = np.linalg.eigvalsh(mse_hessian(X))
    learning_rate = check_learning_rate(learning_rate)
    if not learning_rate < 2.0 / eigenvalues[-1]:
        raise ValueError(f"learning_rate must be below the critical rate {2.0 / eigenvalues[-1]:.4g}, "
                         f"got {learning_rate!r}: above it the error does not shrink.")
    if not 0.0 < fraction < 1.0:
        raise ValueError(f"fraction must be a number between 0 and 1, got {fraction!r}.")
    factor = abs(1.0 - learning_rate * eigenvalues[0])
    return int(np.ceil(np.log(fraction) / np.log(factor)))


def exercises() -> dict[str, Exercise]:
    """The notebook's exercises by name; the expected answers are computed here, never shown."""
    X, _ = one_feature_data()
    largest = np.linalg.eigvalsh(mse_hessian(X))[-1]
    return {
        "critical rate": Exercise(
            "critical learning rate of SMALL_X",
            critical_learning_rate(SMALL_X),
            "build A = [1 | X], then H = (2/m) AᵀA with m = 4; the critical rate is 2 divided by "
            "the largest eigenvalue of H (np.linalg.eigvalsh sorts them in increasing order).",
        ),
        "regimes": Exercise(
            "regimes of the four learning rates",
            regime_codes(X, EXERCISE_RATES),
            "compare each η·λmax with 1 and 2: at most 1 → code 1, between 1 and 2 → code 2, above 2 → code 3. "
            "Answer with four codes in the order of EXERCISE_RATES.",
            atol=0.0,
        ),
        "flat crawl": Exercise(
            "iterations for the flat direction at η = 1/λmax",
            iterations_to_shrink(X, 1.0 / largest, 0.01),
            "along the flattest eigenvector the error is multiplied by (1 − ηλmin) every step; find the "
            "smallest whole k with (1 − ηλmin)^k ≤ 0.01 (take logarithms, then round up).",
            rtol=0.0, atol=0.0,
        ),
    }
