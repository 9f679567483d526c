"""Notebook 10 (momentum): the narrow valley, the heavy ball's 2 x 2 recurrence and its
convergence factor q, the best settings, and the exercises.

Along one eigendirection of the Hessian H (eigenvalue lam), the distance to the minimum of
batch gradient descent with heavy-ball momentum obeys

    (dtheta_{k+1}, dtheta_k) = M (dtheta_k, dtheta_{k-1}),   M = [[1 + mu - eta lam, -mu], [1, 0]],

and the largest |eigenvalue| of M is the factor by which that direction shrinks per update.
Data are generated with seeded generators, so every run of the notebook sees the same numbers.
"""

from __future__ import annotations

import math

import numpy as np

from gdlib.curvature import mse_hessian
from gdlib.exercises import Exercise
from gdlib.lessons.minibatch_descent import house_prices
from gdlib.scaling import standardize
from gdlib.validation import as_alpha, as_beta, as_X, as_Y, check_iterations

#: The features of valley_houses, in the order of the columns of X.
VALLEY_FEATURES = ("bedrooms", "lot size (1000 sq ft)")


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


def heavy_ball_matrix(learning_rate, momentum, eigenvalue) -> np.ndarray:
    """The 2 x 2 matrix M that maps (dtheta_k, dtheta_{k-1}) to (dtheta_{k+1}, dtheta_k) along
    one eigendirection of H: M = [[1 + mu - eta lam, -mu], [1, 0]].

    learning_rate (eta), momentum (mu), eigenvalue (lam): numbers or arrays that broadcast
    together to a shape S. Returns M of shape S + (2, 2).
    """
    eta, mu, lam = np.broadcast_arrays(*(np.asarray(value, dtype=float)
                                         for value in (learning_rate, momentum, eigenvalue)))
    M = np.zeros(eta.shape + (2, 2))
    M[..., 0, 0] = 1.0 + mu - eta * lam
    M[..., 0, 1] = -mu
    M[..., 1, 0] = 1.0
    return M


def convergence_factor(learning_rate, momentum, eigenvalues) -> np.ndarray:
    """q(eta, mu): the largest |eigenvalue| of the heavy-ball matrix M over the Hessian's
    eigenvalues, the factor by which the slowest direction shrinks per update.

    learning_rate, momentum: numbers or arrays that broadcast to a shape S; eigenvalues: (E,).
    Returns q of shape S (a float for numbers); q >= 1 means the run does not converge.
    """
    lam = np.asarray(eigenvalues, dtype=float).reshape(-1)
    eta = np.asarray(learning_rate, dtype=float)[..., None]
    mu = np.asarray(momentum, dtype=float)[..., None]
    radii = np.abs(np.linalg.eigvals(heavy_ball_matrix(eta, mu, lam)))  # S + (E, 2)
    q = radii.max(axis=(-2, -1))
    return float(q) if q.ndim == 0 else q


def heavy_ball_costs(X, Y, learning_rates, momenta, iterations: int, alpha=None,
                     beta=None) -> np.ndarray:
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
            residuals = Y[:, 0] - theta @ A.T  # (L, M, m)
            costs[..., k] = np.mean(residuals**2, axis=-1)
            if k == iterations:
                break
            gradient = -(2.0 / m) * (residuals @ A)  # (L, M, n + 1): [d_alpha, d_beta]
            velocity = mus * velocity - rates * gradient
            theta = theta + velocity
    return np.where(np.isfinite(costs), costs, np.inf)


def measured_factors(costs: np.ndarray, optimum_cost: float, tolerance: float) -> np.ndarray:
    """The convergence factor each run of a grid showed: tolerance^(1 / (2 k)), where k is the
    number of updates it needed to bring J - J* to tolerance times its start and keep it there
    (the excess cost shrinks like q^(2k)).

    costs: (L, M, K + 1) from heavy_ball_costs; optimum_cost: J*; tolerance: e.g. 1e-6.
    Returns (L, M): NaN where the run blew up, 1.0 where it did not reach the tolerance.
    """
    factors = np.ones(costs.shape[:2])
    for index in np.ndindex(*costs.shape[:2]):
        run = costs[index]
        if not np.all(np.isfinite(run)) or run[-1] > 10 * run[0]:
            factors[index] = np.nan
            continue
        needed = iterations_to_tolerance(run, optimum_cost, tolerance)
        if needed:
            factors[index] = tolerance ** (1.0 / (2 * needed))
    return factors


def heavy_ball_theory(X) -> dict[str, float]:
    """The best constant settings for a quadratic bowl with Hessian eigenvalues in [lmin, lmax].

    X: (m, n). Returns {'condition': kappa = lmax / lmin,
    'gd_learning_rate': 2 / (lmin + lmax), 'gd_q': (kappa - 1) / (kappa + 1),
    'momentum_learning_rate': (2 / (sqrt(lmax) + sqrt(lmin)))^2,
    'momentum': ((sqrt(kappa) - 1) / (sqrt(kappa) + 1))^2,
    'momentum_q': (sqrt(kappa) - 1) / (sqrt(kappa) + 1)}, where q is the factor by which the
    distance to the minimum shrinks per update in the slowest direction.
    """
    eigenvalues = np.linalg.eigvalsh(mse_hessian(X))
    low, high = float(eigenvalues[0]), float(eigenvalues[-1])
    kappa = high / low
    root = math.sqrt(kappa)
    return {
        "condition": kappa,
        "gd_learning_rate": 2.0 / (low + high),
        "gd_q": (kappa - 1.0) / (kappa + 1.0),
        "momentum_learning_rate": (2.0 / (math.sqrt(high) + math.sqrt(low))) ** 2,
        "momentum": ((root - 1.0) / (root + 1.0)) ** 2,
        "momentum_q": (root - 1.0) / (root + 1.0),
    }


def exercises() -> dict[str, Exercise]:
    """The exercises of notebook 10, keyed by short names; answers computed here, never shown."""
    V, _ = valley_houses()
    valley_eigenvalues = np.linalg.eigvalsh(mse_hessian(V - V.mean(axis=0)))
    Z, _, _ = standardize(house_prices()[0])
    return {
        "stable rate at 0.9": Exercise(
            "the largest learning rate that keeps the heavy ball stable in the valley at μ = 0.9",
            2.0 * (1.0 + 0.9) / float(valley_eigenvalues[-1]),
            "the stability range is 0 < η < 2(1 + μ)/λ_max: take λ_max, the largest eigenvalue "
            "of gdlib.mse_hessian(V)",
            rtol=1e-6,
        ),
        "momentum for the houses": Exercise(
            "the best momentum for the standardized houses", heavy_ball_theory(Z)["momentum"],
            "take the largest and smallest eigenvalues of the Hessian of the standardized houses "
            "(gdlib.mse_hessian(Z)), form kappa, then ((sqrt(kappa) - 1)/(sqrt(kappa) + 1))^2",
            rtol=1e-6,
        ),
    }
