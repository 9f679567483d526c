"""gdlib.energy_model: each refusal names its argument, and the documented defaults are the defaults.

Written for the survivors of `make mutants`.
"""

import math
import warnings

import numpy as np
import pytest
from refusals import refusal

from gdlib import energy_model as em

DATA = np.array([-1.2, -0.8, -1.0, 0.9, 1.1, 1.4, 1.0, -0.9])
GRID = np.linspace(-4.0, 4.0, 201)
THETA = np.array([0.0, -1.0, 0.0, 1.0])



def test_maximum_likelihood_runs_the_documented_50_newton_steps_by_default():
    np.testing.assert_array_equal(em.maximum_likelihood_on_grid(DATA, GRID, THETA),
                                  em.maximum_likelihood_on_grid(DATA, GRID, THETA, iterations=50))


REFUSALS = [
    (lambda: em.maximum_likelihood_on_grid(np.zeros((2, 2)), GRID, THETA),
     "data must have shape (m, 1) or (m,), got a 2-D array of shape (2, 2)."),
    (lambda: em.maximum_likelihood_on_grid(DATA, np.zeros((2, 2)), THETA),
     "grid must have shape (m, 1) or (m,), got a 2-D array of shape (2, 2)."),
    (lambda: em.maximum_likelihood_on_grid(DATA, GRID, THETA, iterations=-1), "iterations must be >= 0, got -1."),
    (lambda: em.grid_density(np.zeros((2, 2)), THETA),
     "grid must have shape (m, 1) or (m,), got a 2-D array of shape (2, 2)."),
    (lambda: em.grid_density([0.0, 1.0], THETA), "grid must hold at least 3 increasing, evenly spaced points."),
    (lambda: em.grid_density([0.0, 1.0, 3.0], THETA), "grid must hold at least 3 increasing, evenly spaced points."),
    (lambda: em.grid_density([2.0, 1.0, 0.0], THETA), "grid must hold at least 3 increasing, evenly spaced points."),
    (lambda: em.energy(np.zeros((2, 2)), THETA), "x must have shape (m, 1) or (m,), got a 2-D array of shape (2, 2)."),
    (lambda: em.energy(DATA, [1.0, 2.0]),
     "theta must have shape (4,) (the coefficients of u, u^2, u^3, u^4), got shape (2,)."),
    (lambda: em.energy(DATA, [1.0, 2.0, np.nan, 1.0]),
     "theta must contain only finite numbers, got 1 NaN or infinite value(s), the first at index (2,): nan."),
    (lambda: em.langevin(DATA, THETA, 0.0, 3, np.random.default_rng(0)),
     "step_size must be a finite number greater than 0, got 0.0."),
    (lambda: em.langevin(DATA, THETA, 0.1, -3, np.random.default_rng(0)), "steps must be >= 0, got -3."),
    (lambda: em.train_energy_model(np.zeros((2, 2)), THETA, learning_rate=0.1, updates=2, chains=3,
                                   langevin_steps=2, step_size=0.1, seed=0),
     "data must have shape (m, 1) or (m,), got a 2-D array of shape (2, 2)."),
    (lambda: em.train_energy_model(DATA, [0.0, 0.0, 0.0, 0.0], learning_rate=0.1, updates=2, chains=3,
                                   langevin_steps=2, step_size=0.1, seed=0),
     "theta0[3] (the u^4 coefficient) must be > 0 so that the energy has a bottom, got np.float64(0.0)."),
    (lambda: em.train_energy_model(DATA, THETA, learning_rate=0.1, updates=-2, chains=3,
                                   langevin_steps=2, step_size=0.1, seed=0), "updates must be >= 0, got -2."),
    (lambda: em.train_energy_model(DATA, THETA, learning_rate=0.1, updates=2, chains=-3,
                                   langevin_steps=2, step_size=0.1, seed=0), "chains must be >= 0, got -3."),
    (lambda: em.train_energy_model(DATA, THETA, learning_rate=0.1, updates=2, chains=0,
                                   langevin_steps=2, step_size=0.1, seed=0), "chains must be at least 1."),
    (lambda: em.train_energy_model(DATA, THETA, learning_rate=0.0, updates=2, chains=1,
                                   langevin_steps=2, step_size=0.1, seed=0),
     "learning_rate must be a finite number greater than 0, got 0.0."),
]


@pytest.mark.parametrize(("call", "message"), REFUSALS)
def test_each_refusal_names_its_argument(call, message):
    assert refusal(call) == message


def test_langevin_wants_a_generator():
    assert refusal(lambda: em.langevin(DATA, THETA, 0.1, 1, 0), TypeError) == (
        "rng must be a numpy Generator such as np.random.default_rng(0), got int."
    )


def test_a_three_point_grid_is_enough_and_a_grid_of_one_repeated_point_is_refused():
    grid = np.array([-1.0, 0.0, 1.0])
    e = [float(em.energy([g], THETA)[0]) for g in grid]
    weights = [np.exp(-(v - min(e))) for v in e]
    np.testing.assert_allclose(em.grid_density(grid, THETA), [w / (sum(weights) * 1.0) for w in weights], rtol=1e-14)
    assert refusal(lambda: em.grid_density([1.0, 1.0, 1.0], THETA)) == (
        "grid must hold at least 3 increasing, evenly spaced points."
    )


def test_the_density_stays_finite_where_every_energy_is_huge():
    steep = np.array([0.0, 0.0, 0.0, 5e3])  # E = 5000 u^4: thousands far from 0
    grid = np.linspace(3.0, 4.0, 11)
    density = em.grid_density(grid, steep)
    assert np.all(np.isfinite(density)) and density.sum() * 0.1 == pytest.approx(1.0, rel=1e-12)
    assert density[0] == pytest.approx(10.0, rel=1e-9)  # all the mass on the lowest point


def test_one_chain_is_enough_and_the_start_is_recorded():
    run = em.train_energy_model(DATA, THETA, learning_rate=0.01, updates=3, chains=1, langevin_steps=2,
                                step_size=0.01, seed=0)
    assert run.samples.shape == (1,) and run.thetas.shape == (4, 4)
    np.testing.assert_array_equal(run.thetas[0], THETA)


def test_a_learning_rate_that_flips_theta_4_is_reported_with_its_value():
    with pytest.raises(RuntimeError) as raised:
        em.train_energy_model(6 * DATA, [0.0, 0.0, 0.0, 1e-6], learning_rate=1.0, updates=3, chains=50,
                              langevin_steps=1, step_size=0.01, seed=0)
    message = str(raised.value)
    assert message.startswith("theta_4 became -") and message.endswith(" <= 0 at update 0; lower the learning_rate.")


def test_langevin_is_the_documented_update_replayed_with_the_same_draws():
    x0, eps, steps = np.array([0.5, -1.0, 2.0]), 0.01, 4
    got = em.langevin(x0, THETA, eps, steps, np.random.default_rng(9))
    rng = np.random.default_rng(9)
    x = x0.copy()
    for _ in range(steps):
        u = x / em.SCALE  # dE/dx = (t1 + 2 t2 u + 3 t3 u^2 + 4 t4 u^3) / SCALE
        slope = (THETA[0] + 2 * THETA[1] * u + 3 * THETA[2] * u**2 + 4 * THETA[3] * u**3) / em.SCALE
        x = x - 0.5 * eps * slope + math.sqrt(eps) * rng.standard_normal(3)
    np.testing.assert_allclose(got, x, rtol=1e-13)
    np.testing.assert_array_equal(x0, [0.5, -1.0, 2.0])  # not modified


def test_a_langevin_step_too_large_overflows_quietly():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        out = em.langevin([3.0, -3.0], [0.0, 0.0, 0.0, 50.0], 1e3, 5, np.random.default_rng(0))
    assert not np.all(np.isfinite(out))


def test_maximum_likelihood_stays_finite_where_every_energy_is_huge():
    tilted = np.array([700.0, 0.0, 0.0, 1.0])  # E is about 1055 all over the grid
    theta = em.maximum_likelihood_on_grid(np.array([3.002, 3.004, 3.006]), np.linspace(3.0, 3.01, 41), tilted,
                                          iterations=1)
    assert np.all(np.isfinite(theta))


def test_theta_is_named_when_it_is_not_numbers():
    assert refusal(lambda: em.energy(DATA, "t"), TypeError) == "theta must contain real numbers, got a string: 't'."


def test_a_langevin_step_too_large_ends_in_nan_quietly():
    # 5 steps overflow to +-inf; by step 8 a gradient inf meets x = inf (inf - inf): nan, still without a warning
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with np.errstate(all="warn"):
            out = em.langevin([3.0, -3.0], [0.0, 0.0, 0.0, 50.0], 1e3, 8, np.random.default_rng(0))
    assert np.all(np.isnan(out))


def test_the_default_is_50_newton_steps_even_while_newton_is_still_moving():
    # Two data points, -1 and 1: no maximum exists (the density can pile up on them ever more), so every
    # Newton step keeps moving theta and the 51st step lands elsewhere than the 50th.
    data = np.array([-1.0, 1.0])
    default = em.maximum_likelihood_on_grid(data, GRID, THETA)
    np.testing.assert_array_equal(default, em.maximum_likelihood_on_grid(data, GRID, THETA, iterations=50))
    assert np.abs(default - em.maximum_likelihood_on_grid(data, GRID, THETA, iterations=51)).max() > 1.0
