"""A one-dimensional energy-based model: a polynomial energy, Langevin sampling, contrastive training.

The model gives every x a probability density p(x) = exp(-E(x)) / Z, low energy meaning likely.
The energy is a quartic polynomial in u = x / SCALE (SCALE = 2 keeps u^4 of order 1 on the data):

    E(x)       = theta_1 u + theta_2 u^2 + theta_3 u^3 + theta_4 u^4 = phi(x) . theta
    dE/dx      = (theta_1 + 2 theta_2 u + 3 theta_3 u^2 + 4 theta_4 u^3) / SCALE
    dE/dtheta  = phi(x) = (u, u^2, u^3, u^4)

(no constant term: it would cancel in p). theta_4 > 0 keeps the energy growing in both
directions, so that Z is finite.

Sampling by Langevin dynamics, with step size eps and a fresh standard normal xi every step:

    x <- x - (eps / 2) dE/dx + sqrt(eps) xi

slides down the energy while the noise keeps it spread out; for a small eps and many steps the
points are distributed as p(x).

Training (the contrastive form): the negative mean log-likelihood of the data,
L(theta) = mean_data E(x) + log Z(theta), has the gradient

    dL/dtheta = mean_data phi(x) - mean_model phi(x)

(d log Z / d theta = -mean_model phi). The second mean is estimated on samples drawn by Langevin
dynamics. A step theta <- theta - learning_rate * dL/dtheta pushes the energy down where the data
are and up where the samples are; it stops moving when the samples' moments mean(u^j),
j = 1..4, equal the data's.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from gdlib.validation import (
    _as_float_array,
    _check_finite,
    as_column,
    check_iterations,
    check_learning_rate,
    check_positive,
)

__all__ = ["SCALE", "EnergyTraining", "energy", "energy_features", "energy_x_gradient", "grid_density",
           "langevin", "maximum_likelihood_on_grid", "train_energy_model"]

#: x is divided by this before taking powers, so that u^4 stays of order 1 on data within about +-3.
SCALE = 2.0
#: A chain further out than this has blown up (its step is too large for the energy's steepness).
CHAIN_LIMIT = 1e6


def _as_points(x, name: str = "x") -> np.ndarray:
    """Points (n,) or (n, 1) -> float (n,)."""
    return as_column(x, name)[:, 0]


def _as_theta(theta) -> np.ndarray:
    theta = _as_float_array(theta, "theta")
    if theta.shape != (4,):
        raise ValueError(f"theta must have shape (4,) (the coefficients of u, u^2, u^3, u^4), got shape {theta.shape}.")
    _check_finite(theta, "theta")
    return theta


def energy_features(x) -> np.ndarray:
    """phi(x) = (u, u^2, u^3, u^4), u = x / SCALE. x: (n,). Returns (n, 4)."""
    u = _as_points(x) / SCALE
    return np.column_stack([u, u**2, u**3, u**4])


def energy(x, theta) -> np.ndarray:
    """E(x) = phi(x) . theta. x: (n,); theta: (4,). Returns (n,)."""
    return energy_features(x) @ _as_theta(theta)


def _x_gradient(x: np.ndarray, theta: np.ndarray) -> np.ndarray:
    u = x / SCALE
    return (theta[0] + u * (2 * theta[1] + u * (3 * theta[2] + u * 4 * theta[3]))) / SCALE


def energy_x_gradient(x, theta) -> np.ndarray:
    """dE/dx = (theta_1 + 2 theta_2 u + 3 theta_3 u^2 + 4 theta_4 u^3) / SCALE. x: (n,); theta: (4,). Returns (n,)."""
    return _x_gradient(_as_points(x), _as_theta(theta))


def langevin(x, theta, step_size: float, steps: int, rng: np.random.Generator) -> np.ndarray:
    """Run `steps` Langevin updates x <- x - (eps/2) dE/dx + sqrt(eps) xi on every point at once.

    x: (n,) starting points (not modified); theta: (4,); step_size: eps > 0; rng: a numpy
    Generator, which draws the noise, one (n,) array per step. Returns the points (n,); with a
    step too large for the energy's steepness they overflow to inf or nan (without a warning).
    """
    x = _as_points(x).copy()
    theta = _as_theta(theta)
    step_size = check_positive(step_size, "step_size")
    steps = check_iterations(steps, "steps")
    if not isinstance(rng, np.random.Generator):
        raise TypeError(f"rng must be a numpy Generator such as np.random.default_rng(0), got {type(rng).__name__}.")
    noise_size = np.sqrt(step_size)
    with np.errstate(over="ignore", invalid="ignore"):  # a step too large overflows: the caller sees inf or nan
        for _ in range(steps):
            x += -0.5 * step_size * _x_gradient(x, theta) + noise_size * rng.standard_normal(x.size)
    return x


@dataclass(frozen=True)
class EnergyTraining:
    """What train_energy_model did.

    thetas: (updates + 1, 4) the parameters at the start and after each update.
    theta: (4,) the average of the second half of thetas (it smooths the noise of the samples).
    samples: (chains,) the persistent chains' positions after the last update.
    moment_gaps: (updates, 4) the gradient mean_data phi - mean_samples phi at each update.
    """

    thetas: np.ndarray
    theta: np.ndarray
    samples: np.ndarray
    moment_gaps: np.ndarray


def train_energy_model(data, theta0, *, learning_rate: float, updates: int, chains: int, langevin_steps: int,
                       step_size: float, seed: int) -> EnergyTraining:
    """Contrastive training with persistent chains: samples carry over from one update to the next.

    data: (n,) the data points. theta0: (4,) the start (theta_4 > 0).
    Each update runs `langevin_steps` Langevin steps of size `step_size` on `chains` points (started
    from a standard normal), then takes theta <- theta - learning_rate (mean_data phi - mean_samples phi).
    Every random draw comes from np.random.default_rng(seed). Returns an EnergyTraining.
    A RuntimeError is raised if theta_4 turns <= 0 or a chain passes |x| = CHAIN_LIMIT (a step too large).
    """
    data = _as_points(data, "data")
    theta = _as_theta(theta0).copy()
    if theta[3] <= 0:
        raise ValueError(f"theta0[3] (the u^4 coefficient) must be > 0 so that the energy has a bottom, "
                         f"got {theta[3]!r}.")
    learning_rate = check_learning_rate(learning_rate)
    updates = check_iterations(updates, "updates")
    chains = check_iterations(chains, "chains")
    if chains < 1:
        raise ValueError("chains must be at least 1.")
    rng = np.random.default_rng(seed)
    samples = rng.standard_normal(chains)
    data_moments = energy_features(data).mean(axis=0)
    thetas = np.empty((updates + 1, 4))
    gaps = np.empty((updates, 4))
    thetas[0] = theta
    for k in range(updates):
        samples = langevin(samples, theta, step_size, langevin_steps, rng)
        if not np.all(np.abs(samples) < CHAIN_LIMIT):  # also catches inf and nan
            raise RuntimeError(f"the Langevin chains blew up at update {k}; lower step_size or learning_rate.")
        gaps[k] = data_moments - energy_features(samples).mean(axis=0)
        theta = theta - learning_rate * gaps[k]
        if theta[3] <= 0:
            raise RuntimeError(f"theta_4 became {theta[3]:.3g} <= 0 at update {k}; lower the learning_rate.")
        thetas[k + 1] = theta
    return EnergyTraining(thetas=thetas, theta=thetas[updates // 2 + 1:].mean(axis=0) if updates else theta,
                          samples=samples, moment_gaps=gaps)


def grid_density(grid, theta) -> np.ndarray:
    """p(x) = exp(-E(x)) / Z on an evenly spaced grid, Z by a Riemann sum over the grid.

    grid: (g,) evenly spaced points wide enough to hold all the mass; theta: (4,).
    Returns (g,) densities that sum to 1 / spacing (so that sum(p) * spacing = 1).
    """
    grid = _as_points(grid, "grid")
    spacing = np.diff(grid)
    if grid.size < 3 or not np.allclose(spacing, spacing[0]) or spacing[0] <= 0:
        raise ValueError("grid must hold at least 3 increasing, evenly spaced points.")
    e = energy(grid, theta)
    weights = np.exp(-(e - e.min()))
    return weights / (weights.sum() * spacing[0])


def maximum_likelihood_on_grid(data, grid, theta0, *, iterations: int = 50) -> np.ndarray:
    """The theta that maximises the likelihood of the data exactly, with Z computed on a grid.

    Newton's method on L(theta) = mean_data E + log Z: the gradient is mean_data phi - mean_p phi
    and the Hessian is the covariance of phi under p, both sums over the grid. Possible only in
    low dimension, where a grid covers the space; it is the answer Langevin training estimates.
    data: (n,); grid: (g,) evenly spaced; theta0: (4,). Returns theta (4,).
    """
    data = _as_points(data, "data")
    grid = _as_points(grid, "grid")
    theta = _as_theta(theta0).copy()
    features = energy_features(grid)
    data_moments = energy_features(data).mean(axis=0)
    for _ in range(check_iterations(iterations)):
        e = features @ theta
        p = np.exp(-(e - e.min()))
        p /= p.sum()
        mean = p @ features
        covariance = (features * p[:, None]).T @ features - np.outer(mean, mean)
        theta = theta - np.linalg.solve(covariance, data_moments - mean)
    return theta
