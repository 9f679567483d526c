"""gdlib.energy_model: the polynomial energy, Langevin sampling, and contrastive training."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import gdlib
from gdlib.energy_model import (
    SCALE,
    energy,
    energy_features,
    energy_x_gradient,
    grid_density,
    langevin,
    maximum_likelihood_on_grid,
    train_energy_model,
)
from gdlib.lessons.mse_beyond_regression import mixture_data

#: theta for E(x) = x^2 / 2 (u = x / 2, so x^2 / 2 = 2 u^2): the standard normal density.
GAUSSIAN = np.array([0.0, 2.0, 0.0, 0.0])
GRID = np.linspace(-6.0, 6.0, 1201)
DATA = mixture_data()


def test_energy_by_hand():
    # x = 2 gives u = 1: E = theta_1 + theta_2 + theta_3 + theta_4.
    assert SCALE == 2.0
    np.testing.assert_allclose(energy_features([2.0, -4.0]), [[1, 1, 1, 1], [-2, 4, -8, 16]])
    np.testing.assert_allclose(energy([2.0], [1.0, 2.0, 3.0, 4.0]), [10.0])
    # dE/dx = (1 + 2*2 + 3*3 + 4*4) / 2 at u = 1.
    np.testing.assert_allclose(energy_x_gradient([2.0], [1.0, 2.0, 3.0, 4.0]), [15.0])


@given(st.floats(-4.0, 4.0), st.lists(st.floats(-3.0, 3.0), min_size=4, max_size=4))
def test_x_gradient_matches_finite_differences(x, theta):
    numeric = gdlib.numerical_gradient(lambda v: float(energy(v, theta)[0]), np.array([x]))[0]
    assert float(energy_x_gradient([x], theta)[0]) == pytest.approx(numeric, abs=1e-6)


def test_langevin_samples_the_normal_with_the_known_step_bias():
    step = 0.1
    samples = langevin(np.zeros(40_000), GAUSSIAN, step, 300, np.random.default_rng(0))
    # x <- (1 - step/2) x + sqrt(step) xi has the stationary variance step / (1 - (1 - step/2)^2) = 1 / (1 - step/4).
    assert abs(samples.mean()) < 0.02
    assert samples.var() == pytest.approx(1 / (1 - step / 4), abs=0.02)
    assert np.mean(samples > 1.0) == pytest.approx(0.1587, abs=0.01)


def test_langevin_is_deterministic_given_the_generator_and_leaves_its_input_alone():
    start = np.linspace(-1, 1, 5)
    first = langevin(start, GAUSSIAN, 0.1, 10, np.random.default_rng(3))
    second = langevin(start, GAUSSIAN, 0.1, 10, np.random.default_rng(3))
    np.testing.assert_array_equal(first, second)
    np.testing.assert_array_equal(start, np.linspace(-1, 1, 5))
    np.testing.assert_array_equal(langevin(start, GAUSSIAN, 0.1, 0, np.random.default_rng(3)), start)


def test_grid_density_of_the_quadratic_energy_is_the_normal_density():
    density = grid_density(GRID, GAUSSIAN)
    np.testing.assert_allclose(density, np.exp(-GRID**2 / 2) / np.sqrt(2 * np.pi), atol=1e-9)
    assert density.sum() * (GRID[1] - GRID[0]) == pytest.approx(1.0, rel=1e-12)


def test_maximum_likelihood_matches_the_moments_of_the_data():
    theta = maximum_likelihood_on_grid(DATA, GRID, [0.0, 0.0, 0.0, 1.0])
    # At the maximum of the likelihood the model's moments of phi equal the data's; check them on a finer grid.
    fine = np.linspace(-8.0, 8.0, 16001)
    weights = grid_density(fine, theta) * (fine[1] - fine[0])
    np.testing.assert_allclose(weights @ energy_features(fine), energy_features(DATA).mean(axis=0), atol=1e-6)


def test_maximum_likelihood_of_normal_data_is_close_to_the_quadratic_energy():
    data = np.random.default_rng(1).standard_normal(100_000)
    theta = maximum_likelihood_on_grid(data, GRID, [0.0, 0.0, 0.0, 1.0])
    np.testing.assert_allclose(theta, GAUSSIAN, atol=0.1)


def test_training_makes_samples_like_the_data_and_a_density_close_to_the_best():
    model = train_energy_model(DATA, [0.0, 0.0, 0.0, 1.0], learning_rate=0.4, updates=500, chains=500,
                               langevin_steps=5, step_size=0.1, seed=6)
    assert model.thetas.shape == (501, 4) and model.moment_gaps.shape == (500, 4) and model.samples.shape == (500,)
    samples = model.samples
    assert abs(samples.mean() - DATA.mean()) < 0.2 and abs(samples.std() - DATA.std()) < 0.1
    assert abs(np.mean(samples > 0) - np.mean(DATA > 0)) < 0.07
    best = maximum_likelihood_on_grid(DATA, GRID, [0.0, 0.0, 0.0, 1.0])
    distance = 0.5 * np.abs(grid_density(GRID, model.theta) - grid_density(GRID, best)).sum() * (GRID[1] - GRID[0])
    assert distance < 0.05
    # The first update is the contrastive step computed by hand from the same draws.
    rng = np.random.default_rng(6)
    chains = langevin(rng.standard_normal(500), [0.0, 0.0, 0.0, 1.0], 0.1, 5, rng)
    gap = energy_features(DATA).mean(axis=0) - energy_features(chains).mean(axis=0)
    np.testing.assert_allclose(model.thetas[1], np.array([0.0, 0.0, 0.0, 1.0]) - 0.4 * gap, rtol=1e-12)


def test_training_is_deterministic():
    settings = {"learning_rate": 0.4, "updates": 20, "chains": 50, "langevin_steps": 3, "step_size": 0.1, "seed": 2}
    first = train_energy_model(DATA, [0.0, 0.0, 0.0, 1.0], **settings)
    second = train_energy_model(DATA, [0.0, 0.0, 0.0, 1.0], **settings)
    np.testing.assert_array_equal(first.thetas, second.thetas)
    np.testing.assert_array_equal(first.samples, second.samples)


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda: energy([1.0], [1.0, 2.0]), ValueError, r"theta must have shape \(4,\)"),
        (lambda: langevin([0.0], GAUSSIAN, 0.1, 5, 3), TypeError, "rng must be a numpy Generator"),
        (lambda: langevin([0.0], GAUSSIAN, -0.1, 5, np.random.default_rng()), ValueError,
         "step_size must be a finite number greater than 0"),
        (lambda: train_energy_model(DATA, [0, 0, 0, 0.0], learning_rate=0.1, updates=1, chains=5, langevin_steps=1,
                                    step_size=0.1, seed=0), ValueError, "must be > 0 so that the energy has a bottom"),
        (lambda: train_energy_model(DATA, [0, 0, 0, 1.0], learning_rate=0.1, updates=50, chains=50, langevin_steps=5,
                                    step_size=50.0, seed=0), RuntimeError, "Langevin chains blew up"),
        (lambda: grid_density([0.0, 1.0, 3.0], GAUSSIAN), ValueError, "evenly spaced"),
    ],
)
def test_bad_arguments_are_explained(call, error, message):
    with pytest.raises(error, match=message):
        call()
