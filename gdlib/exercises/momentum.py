"""Notebook 10's coding exercise: one momentum (heavy-ball) step.

check_momentum_step(fn) compares one heavy-ball step with the update that
gdlib.stochastic.minibatch_gradient_descent makes with momentum > 0:

    v <- mu v - learning_rate * g,      (alpha, beta) <- (alpha, beta) + v   (the new v)

and names the classic mistake the learner's outputs match.
"""

from __future__ import annotations

import numpy as np

from gdlib.exercises.checking import Case, CheckResult, Exercise, Mistake, check_function

_VELOCITY = "v ← μ v − η ∇J"
_MOVE = "(α, β) ← (α, β) + v"


def momentum_step(alpha, beta, velocity_alpha, velocity_beta, d_alpha, d_beta, learning_rate, momentum):
    """One heavy-ball step, as gdlib.stochastic.minibatch_gradient_descent makes it with momentum > 0.

    alpha, velocity_alpha, d_alpha: (1, 1); beta, velocity_beta, d_beta: (1, n);
    learning_rate > 0; momentum: mu in [0, 1).
    Returns (alpha (1, 1), beta (1, n), velocity_alpha (1, 1), velocity_beta (1, n)):
    the velocity first, v = mu v - learning_rate g, then the parameters moved by that new v.
    (gdlib has this update only inside its loop; tests/test_exercises_momentum.py checks that
    repeating this step reproduces minibatch_gradient_descent's runs.)
    """
    velocity_alpha = momentum * velocity_alpha - learning_rate * d_alpha
    velocity_beta = momentum * velocity_beta - learning_rate * d_beta
    return alpha + velocity_alpha, beta + velocity_beta, velocity_alpha, velocity_beta


def _step_with(velocity, move):
    """A mutant of the step: velocity(v, g, learning_rate, mu) gives the new v, and
    move(theta, old v, new v, learning_rate) the new parameters."""
    def gives(alpha, beta, velocity_alpha, velocity_beta, d_alpha, d_beta, learning_rate, momentum):
        new_alpha = velocity(velocity_alpha, d_alpha, learning_rate, momentum)
        new_beta = velocity(velocity_beta, d_beta, learning_rate, momentum)
        return (move(alpha, velocity_alpha, new_alpha, learning_rate),
                move(beta, velocity_beta, new_beta, learning_rate), new_alpha, new_beta)
    return gives


def _right_velocity(v, g, rate, mu):
    return mu * v - rate * g


def _by_new_velocity(theta, old, new, rate):
    return theta + new


MOMENTUM_MISTAKES = (
    Mistake("the gradient's sign is flipped, so the velocity is pushed uphill",
            f"the minus in {_VELOCITY}: the velocity gains −η ∇J",
            _step_with(lambda v, g, rate, mu: mu * v + rate * g, _by_new_velocity)),
    Mistake("the parameters move by −v, as in the other convention (v ← μ v + η ∇J, (α, β) ← (α, β) − v)",
            f"{_MOVE}: here the velocity is the step itself, {_VELOCITY}",
            _step_with(lambda v, g, rate, mu: mu * v + rate * g, lambda theta, old, new, rate: theta - new)),
    Mistake("the parameters move by −v: here the velocity is the step itself",
            f"the plus in {_MOVE}, with {_VELOCITY}",
            _step_with(_right_velocity, lambda theta, old, new, rate: theta - new)),
    Mistake("the parameters move by the old velocity instead of the new one",
            f"the order of the two updates: first {_VELOCITY}, then {_MOVE} with that new v",
            _step_with(_right_velocity, lambda theta, old, new, rate: theta + old)),
    Mistake("the old velocity is not multiplied by the momentum μ, so it never decays",
            f"the μ in {_VELOCITY}", _step_with(lambda v, g, rate, mu: v - rate * g, _by_new_velocity)),
    Mistake("the old velocity is dropped, which makes it a plain gradient step (μ = 0)",
            f"the μ v term in {_VELOCITY}", _step_with(lambda v, g, rate, mu: -rate * g, _by_new_velocity)),
    Mistake("μ multiplies the gradient instead of the old velocity",
            f"{_VELOCITY}: μ belongs to v, η to the gradient",
            _step_with(lambda v, g, rate, mu: v - mu * rate * g, _by_new_velocity)),
    Mistake("the learning rate multiplies the velocity instead of the gradient",
            f"{_VELOCITY}, then {_MOVE}: η multiplies ∇J inside the velocity, and v is added as it is",
            _step_with(lambda v, g, rate, mu: mu * v - g, lambda theta, old, new, rate: theta + rate * new)),
)

#: (n, scale of the gradients, learning_rate, momentum): one weight and several, small and large
#: gradients, momenta from 0 (plain descent) to 0.99.
MOMENTUM_SETTINGS = ((1, 1.0, 0.1, 0.9), (3, 50.0, 0.003, 0.5), (5, 0.02, 0.5, 0.99), (2, 3.0, 0.05, 0.0),
                     (4, 1000.0, 1e-4, 0.7), (1, 0.5, 0.2, 0.3))


def _momentum_cases(seed: int) -> list[Case]:
    """Parameters, velocities and gradients of both signs and away from zero, for each setting.

    Drawn from default_rng(seed), setting by setting, in the order alpha (1, 1), beta (1, n),
    velocity_alpha, velocity_beta, d_alpha, d_beta: each array is size · U(0.5, 2) (all its
    magnitudes first) times random signs ±1, with size 1 for the parameters, learning_rate · scale
    for the velocities and scale for the gradients.
    """
    rng = np.random.default_rng(seed)
    names = ("alpha", "beta", "velocity_alpha", "velocity_beta", "d_alpha", "d_beta", "learning_rate", "momentum")

    def away_from_zero(shape, scale):
        return scale * rng.uniform(0.5, 2.0, size=shape) * rng.choice([-1.0, 1.0], size=shape)

    cases = []
    for n, scale, learning_rate, momentum in MOMENTUM_SETTINGS:
        alpha, beta = away_from_zero((1, 1), 1.0), away_from_zero((1, n), 1.0)
        step = learning_rate * scale  # velocities of the size of a step
        velocity_alpha, velocity_beta = away_from_zero((1, 1), step), away_from_zero((1, n), step)
        d_alpha, d_beta = away_from_zero((1, 1), scale), away_from_zero((1, n), scale)
        cases.append(Case((alpha, beta, velocity_alpha, velocity_beta, d_alpha, d_beta, learning_rate, momentum),
                          names))
    return cases


def momentum_step_exercise(seed: int = 9) -> Exercise:
    """The held-out cases, reference and mistakes of the momentum_step exercise."""
    return Exercise(
        title="momentum_step",
        function_name="momentum_step",
        outputs=("alpha", "beta", "velocity_alpha", "velocity_beta"),
        reference=momentum_step,
        cases=_momentum_cases(seed),
        mistakes=MOMENTUM_MISTAKES,
        rtol=1e-9,
    )


def check_momentum_step(function) -> CheckResult:
    """Check a learner's momentum_step(alpha, beta, velocity_alpha, velocity_beta, d_alpha, d_beta,
    learning_rate, momentum) -> (alpha (1, 1), beta (1, n), velocity_alpha (1, 1), velocity_beta (1, n)).

    The velocity is v = momentum v - learning_rate g, then the parameters move by that new v.
    Returns a CheckResult that names the mistake (sign, the other convention, the old velocity,
    no decay, velocity dropped, μ on the gradient, η on the velocity, in-place change).
    """
    return check_function(function, momentum_step_exercise())
