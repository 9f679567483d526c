"""gdlib.exercises.momentum, the momentum_step checker: its settings and learner-facing words, its
tolerance, and its held-out cases replayed draw by draw from the documented recipe and seed.

Written for the survivors of `make mutants`.
"""

import numpy as np

from gdlib.exercises.momentum import _momentum_cases, check_momentum_step, momentum_step_exercise

NAMES = ("alpha", "beta", "velocity_alpha", "velocity_beta", "d_alpha", "d_beta", "learning_rate", "momentum")
#: (n, scale of the gradients, learning_rate, momentum), as documented by MOMENTUM_SETTINGS.
SETTINGS = ((1, 1.0, 0.1, 0.9), (3, 50.0, 0.003, 0.5), (5, 0.02, 0.5, 0.99), (2, 3.0, 0.05, 0.0),
            (4, 1000.0, 1e-4, 0.7), (1, 0.5, 0.2, 0.3))


def right_step(alpha, beta, velocity_alpha, velocity_beta, d_alpha, d_beta, learning_rate, momentum):
    velocity_alpha = momentum * velocity_alpha - learning_rate * d_alpha
    velocity_beta = momentum * velocity_beta - learning_rate * d_beta
    return alpha + velocity_alpha, beta + velocity_beta, velocity_alpha, velocity_beta


def slightly_off_step(alpha, beta, velocity_alpha, velocity_beta, d_alpha, d_beta, learning_rate, momentum):
    """A relative error of 1e-7 in every velocity: within 1e-6, but not within the checker's 1e-9."""
    velocity_alpha = (momentum * velocity_alpha - learning_rate * d_alpha) * (1 + 1e-7)
    velocity_beta = (momentum * velocity_beta - learning_rate * d_beta) * (1 + 1e-7)
    return alpha + velocity_alpha, beta + velocity_beta, velocity_alpha, velocity_beta


def raising_step(alpha, beta, velocity_alpha, velocity_beta, d_alpha, d_beta, learning_rate, momentum):
    raise ValueError("not yet")


def starter(alpha, beta, velocity_alpha, velocity_beta, d_alpha, d_beta, learning_rate, momentum):
    ...


def _replay(seed):
    """The documented recipe, array by array: magnitudes U(0.5, 2), then signs ±1, times a size."""
    rng = np.random.default_rng(seed)

    def draw(shape, size):
        magnitudes = rng.uniform(0.5, 2.0, size=shape)
        signs = rng.choice([-1.0, 1.0], size=shape)
        return size * magnitudes * signs

    cases = []
    for n, scale, learning_rate, momentum in SETTINGS:
        alpha, beta = draw((1, 1), 1.0), draw((1, n), 1.0)
        velocity_alpha, velocity_beta = draw((1, 1), learning_rate * scale), draw((1, n), learning_rate * scale)
        d_alpha, d_beta = draw((1, 1), scale), draw((1, n), scale)
        cases.append((alpha, beta, velocity_alpha, velocity_beta, d_alpha, d_beta, learning_rate, momentum))
    return cases


def _assert_same_cases(cases, replayed):
    assert len(cases) == len(replayed) == 6
    for case, args in zip(cases, replayed, strict=True):
        assert case.names == NAMES
        for got, want in zip(case.args, args, strict=True):
            if isinstance(want, np.ndarray):
                assert isinstance(got, np.ndarray) and got.shape == want.shape
                np.testing.assert_allclose(got, want, rtol=1e-15)
            else:
                assert got == want


def test_the_held_out_cases_are_the_documented_draws_from_seed_9():
    _assert_same_cases(momentum_step_exercise().cases, _replay(9))
    _assert_same_cases(momentum_step_exercise(4).cases, _replay(4))
    _assert_same_cases(_momentum_cases(9), _replay(9))


def test_the_cases_have_the_documented_shapes_sizes_and_both_signs():
    cases = momentum_step_exercise().cases
    signs = []
    for case, (n, scale, learning_rate, _) in zip(cases, SETTINGS, strict=True):
        alpha, beta, velocity_alpha, velocity_beta, d_alpha, d_beta = case.args[:6]
        for value, shape, size in ((alpha, (1, 1), 1.0), (beta, (1, n), 1.0),
                                   (velocity_alpha, (1, 1), learning_rate * scale),
                                   (velocity_beta, (1, n), learning_rate * scale),
                                   (d_alpha, (1, 1), scale), (d_beta, (1, n), scale)):
            assert value.shape == shape
            assert np.all((0.5 * size <= np.abs(value)) & (np.abs(value) <= 2.0 * size))
            signs.extend(np.sign(value).ravel())
    assert set(signs) == {-1.0, 1.0}
    again = momentum_step_exercise().cases
    for first, second in zip(cases, again, strict=True):
        for a, b in zip(first.args[:6], second.args[:6], strict=True):
            np.testing.assert_array_equal(a, b)


def test_the_settings_the_learner_sees():
    exercise = momentum_step_exercise()
    assert exercise.title == "momentum_step"
    assert exercise.function_name == "momentum_step"
    assert exercise.outputs == ("alpha", "beta", "velocity_alpha", "velocity_beta")
    assert exercise.rtol == 1e-9
    result = check_momentum_step(3)
    assert result.title == "momentum_step"
    assert repr(result) == ("✘ momentum_step: expected a function, got int: pass the function itself, "
                            "`momentum_step`, without calling it.")
    empty = check_momentum_step(starter)
    assert empty.message == ("not written yet. Replace the `...` in `momentum_step` with your code, run that "
                             "cell, then run this one again.")
    assert repr(check_momentum_step(right_step)) == "✔ momentum_step: correct on all 6 held-out cases. Well done."


def test_a_relative_error_of_1e_7_fails():
    result = check_momentum_step(slightly_off_step)
    assert not result.passed


def test_an_exception_names_every_argument_of_the_first_case():
    message = check_momentum_step(raising_step).message
    assert message.startswith("your function raised ValueError: not yet at line 2 of `raising_step`: ")
    assert message.endswith(
        "It was called with alpha of shape (1, 1), beta of shape (1, 1), velocity_alpha of shape (1, 1), "
        "velocity_beta of shape (1, 1), d_alpha of shape (1, 1), d_beta of shape (1, 1), learning_rate = 0.1, "
        "momentum = 0.9.")
