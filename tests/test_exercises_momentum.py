"""Notebook 10's checker: one momentum step. The reference agrees with
gdlib.stochastic.minibatch_gradient_descent, a learner's right answer passes, and every classic
mistake, written here as a small mutant of a correct learner's function, is named."""

import numpy as np
import pytest

import gdlib
from gdlib.exercises import check_momentum_step
from gdlib.exercises.momentum import momentum_step, momentum_step_exercise
from gdlib.stochastic import epoch_batches, minibatch_gradient_descent


def right_step(alpha, beta, velocity_alpha, velocity_beta, d_alpha, d_beta, learning_rate, momentum):
    velocity_alpha = momentum * velocity_alpha - learning_rate * d_alpha
    velocity_beta = momentum * velocity_beta - learning_rate * d_beta
    return alpha + velocity_alpha, beta + velocity_beta, velocity_alpha, velocity_beta


def step_uphill(alpha, beta, velocity_alpha, velocity_beta, d_alpha, d_beta, learning_rate, momentum):
    velocity_alpha = momentum * velocity_alpha + learning_rate * d_alpha
    velocity_beta = momentum * velocity_beta + learning_rate * d_beta
    return alpha + velocity_alpha, beta + velocity_beta, velocity_alpha, velocity_beta


def other_convention(alpha, beta, velocity_alpha, velocity_beta, d_alpha, d_beta, learning_rate, momentum):
    velocity_alpha = momentum * velocity_alpha + learning_rate * d_alpha
    velocity_beta = momentum * velocity_beta + learning_rate * d_beta
    return alpha - velocity_alpha, beta - velocity_beta, velocity_alpha, velocity_beta


def minus_velocity(alpha, beta, velocity_alpha, velocity_beta, d_alpha, d_beta, learning_rate, momentum):
    velocity_alpha = momentum * velocity_alpha - learning_rate * d_alpha
    velocity_beta = momentum * velocity_beta - learning_rate * d_beta
    return alpha - velocity_alpha, beta - velocity_beta, velocity_alpha, velocity_beta


def old_velocity(alpha, beta, velocity_alpha, velocity_beta, d_alpha, d_beta, learning_rate, momentum):
    alpha, beta = alpha + velocity_alpha, beta + velocity_beta
    velocity_alpha = momentum * velocity_alpha - learning_rate * d_alpha
    velocity_beta = momentum * velocity_beta - learning_rate * d_beta
    return alpha, beta, velocity_alpha, velocity_beta


def no_decay(alpha, beta, velocity_alpha, velocity_beta, d_alpha, d_beta, learning_rate, momentum):
    velocity_alpha = velocity_alpha - learning_rate * d_alpha
    velocity_beta = velocity_beta - learning_rate * d_beta
    return alpha + velocity_alpha, beta + velocity_beta, velocity_alpha, velocity_beta


def velocity_dropped(alpha, beta, velocity_alpha, velocity_beta, d_alpha, d_beta, learning_rate, momentum):
    velocity_alpha, velocity_beta = -learning_rate * d_alpha, -learning_rate * d_beta
    return alpha + velocity_alpha, beta + velocity_beta, velocity_alpha, velocity_beta


def momentum_on_the_gradient(alpha, beta, velocity_alpha, velocity_beta, d_alpha, d_beta, learning_rate, momentum):
    velocity_alpha = velocity_alpha - momentum * learning_rate * d_alpha
    velocity_beta = velocity_beta - momentum * learning_rate * d_beta
    return alpha + velocity_alpha, beta + velocity_beta, velocity_alpha, velocity_beta


def rate_on_the_velocity(alpha, beta, velocity_alpha, velocity_beta, d_alpha, d_beta, learning_rate, momentum):
    velocity_alpha = momentum * velocity_alpha - d_alpha
    velocity_beta = momentum * velocity_beta - d_beta
    return alpha + learning_rate * velocity_alpha, beta + learning_rate * velocity_beta, velocity_alpha, velocity_beta


def step_in_place(alpha, beta, velocity_alpha, velocity_beta, d_alpha, d_beta, learning_rate, momentum):
    velocity_alpha *= momentum
    velocity_alpha -= learning_rate * d_alpha
    velocity_beta = momentum * velocity_beta - learning_rate * d_beta
    return alpha + velocity_alpha, beta + velocity_beta, velocity_alpha, velocity_beta


def velocities_only(alpha, beta, velocity_alpha, velocity_beta, d_alpha, d_beta, learning_rate, momentum):
    velocity_alpha = momentum * velocity_alpha - learning_rate * d_alpha
    velocity_beta = momentum * velocity_beta - learning_rate * d_beta
    return velocity_alpha, velocity_beta


def step_starter(alpha, beta, velocity_alpha, velocity_beta, d_alpha, d_beta, learning_rate, momentum):
    """The starter cell's body."""
    ...


@pytest.mark.parametrize(("batch_size", "momentum"), [(40, 0.6), (7, 0.9), (1, 0.3)])
def test_repeated_momentum_steps_reproduce_gdlibs_runs(batch_size, momentum):
    # The reference step, driven by the batch gradients of gdlib's own shuffle, gives gdlib's run.
    rng = np.random.default_rng(2)
    X = rng.normal(size=(40, 2)) * [1.0, 3.0]
    Y = 1.0 + X @ [[0.5], [-0.2]] + 0.1 * rng.normal(size=(40, 1))
    run = minibatch_gradient_descent(X, Y, 0.02, 3, batch_size, rng=np.random.default_rng(5),
                                     momentum=momentum, alpha=0.4, beta=[0.3, -0.6])
    shuffler = np.random.default_rng(5)
    alpha, beta = np.array([[0.4]]), np.array([[0.3, -0.6]])
    velocity_alpha, velocity_beta = np.zeros((1, 1)), np.zeros((1, 2))
    k = 0
    for _ in range(3):
        for rows in epoch_batches(40, batch_size, shuffler):
            d_alpha, d_beta = gdlib.mse_gradients(X[rows], Y[rows], alpha, beta)
            alpha, beta, velocity_alpha, velocity_beta = momentum_step(
                alpha, beta, velocity_alpha, velocity_beta, d_alpha, d_beta, 0.02, momentum)
            k += 1
            np.testing.assert_allclose(alpha[0, 0], run.alphas[k], rtol=1e-12)
            np.testing.assert_allclose(beta[0], run.betas[k], rtol=1e-12)
    assert k == run.iterations_run


def test_one_momentum_step_by_hand():
    # v = 0.5 * 0.2 - 0.1 * 3 = -0.2, alpha = 1 - 0.2; v = 0.5 * [-1, 2] - 0.1 * [4, -6] = [-0.9, 1.6].
    alpha, beta, velocity_alpha, velocity_beta = momentum_step(
        np.array([[1.0]]), np.array([[2.0, -1.0]]), np.array([[0.2]]), np.array([[-1.0, 2.0]]),
        np.array([[3.0]]), np.array([[4.0, -6.0]]), 0.1, 0.5)
    np.testing.assert_allclose(velocity_alpha, [[-0.2]])
    np.testing.assert_allclose(alpha, [[0.8]])
    np.testing.assert_allclose(velocity_beta, [[-0.9, 1.6]])
    np.testing.assert_allclose(beta, [[1.1, 0.6]])


def test_the_momentum_step_right_answers_pass():
    assert check_momentum_step(momentum_step).passed
    result = check_momentum_step(right_step)
    assert result.passed and "correct on all 6 held-out cases" in result.message


@pytest.mark.parametrize(("mutant", "diagnosis"), [
    (step_uphill, "look like the gradient's sign is flipped"),
    (other_convention, "`alpha`, `beta`, `velocity_alpha` and `velocity_beta` look like the parameters "
                       "move by −v, as in the other convention"),
    (minus_velocity, "`velocity_alpha` and `velocity_beta` are right. `alpha` and `beta` look like the "
                     "parameters move by −v: here"),
    (old_velocity, "`velocity_alpha` and `velocity_beta` are right. `alpha` and `beta` look like the "
                   "parameters move by the old velocity instead of the new one"),
    (no_decay, "not multiplied by the momentum μ, so it never decays"),
    (velocity_dropped, "the old velocity is dropped"),
    (momentum_on_the_gradient, "μ multiplies the gradient instead of the old velocity"),
    (rate_on_the_velocity, "the learning rate multiplies the velocity instead of the gradient"),
    (step_in_place, "changed the caller's `velocity_alpha` in place"),
    (velocities_only, "should return 4 things, (alpha, beta, velocity_alpha, velocity_beta)"),
    (step_starter, "not written yet"),
])
def test_each_momentum_mistake_is_named(mutant, diagnosis):
    result = check_momentum_step(mutant)
    assert not result.passed
    assert diagnosis in result.message, result.message


def test_the_momentum_cases_cover_one_weight_several_and_momentum_zero():
    cases = momentum_step_exercise().cases
    widths = [case.args[1].shape[1] for case in cases]
    assert 1 in widths and max(widths) > 2
    momenta = [case.args[7] for case in cases]
    assert 0.0 in momenta and max(momenta) > 0.9
    for case in cases:
        assert all(np.all(np.asarray(value) != 0) for value in case.args[:6])
