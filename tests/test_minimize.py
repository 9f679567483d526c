"""gdlib.minimize: the generic gradient descent loop (plain and heavy-ball), its stops and its checks."""

import numpy as np
import pytest

from gdlib.minimize import minimize


def test_plain_steps_on_a_parabola_follow_the_closed_form():
    # f(x) = (x - 3)^2, gradient 2 (x - 3): each step multiplies the distance to 3 by (1 - 2 * learning_rate).
    result = minimize(lambda x: 2 * (x - 3.0), np.array([10.0]), 0.1, 25, cost=lambda x: float((x[0] - 3.0) ** 2))
    expected = 3.0 + 7.0 * 0.8 ** np.arange(26)
    np.testing.assert_allclose(result.path[:, 0], expected, rtol=1e-13)
    np.testing.assert_allclose(result.costs, (expected - 3.0) ** 2, rtol=1e-12)
    assert result.iterations_run == 25 and not result.converged and not result.diverged


def test_momentum_follows_the_heavy_ball_recurrence_by_hand():
    # gradient 2x, learning rate 0.1, momentum 0.5, from x = 1: v1 = -0.2, x1 = 0.8; v2 = -0.1 - 0.16, x2 = 0.54.
    result = minimize(lambda x: 2 * x, [1.0], 0.1, 2, momentum=0.5)
    np.testing.assert_allclose(result.path[:, 0], [1.0, 0.8, 0.54], rtol=1e-14)


def test_a_quadratic_in_several_dimensions_reaches_the_solution_of_the_linear_system():
    A = np.array([[3.0, 1.0], [1.0, 2.0]])
    b = np.array([1.0, -1.0])
    result = minimize(lambda x: A @ x - b, np.zeros(2), 0.3, 10_000, momentum=0.5, tolerance=1e-13)
    assert result.converged
    np.testing.assert_allclose(result.x, np.linalg.solve(A, b), atol=1e-12)


def test_parameters_of_any_shape_are_descended_entry_by_entry():
    targets = np.arange(6.0).reshape(2, 3)
    result = minimize(lambda x: x - targets, np.zeros((2, 3)), 1.0, 1)
    assert result.path.shape == (2, 2, 3)
    np.testing.assert_array_equal(result.x, targets)


def test_tolerance_stops_early_and_the_start_is_not_modified():
    start = np.array([1.0, -2.0])
    result = minimize(lambda x: x, start, 0.5, 1000, tolerance=1e-6)
    assert result.converged and result.iterations_run < 30
    assert np.abs(result.x).max() <= 2e-6
    np.testing.assert_array_equal(start, [1.0, -2.0])


def test_divergence_stops_quietly_with_the_last_finite_point():
    result = minimize(lambda x: 2 * x, [1.0], 5.0, 10_000)  # each step multiplies x by -9
    assert result.diverged and not result.converged
    assert np.isfinite(result.x).all() and np.isfinite(result.path).all()
    assert result.iterations_run < 400


def test_zero_iterations_describe_the_start():
    result = minimize(lambda x: x, [2.0], 0.1, 0, cost=lambda x: float(x[0]))
    assert result.iterations_run == 0 and result.costs.tolist() == [2.0]


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"gradient": 3.0}, TypeError, "gradient must be a function"),
        ({"x0": [np.nan]}, ValueError, "x0 must contain only finite numbers"),
        ({"learning_rate": 0.0}, ValueError, "learning_rate must be a finite number greater than 0"),
        ({"iterations": 2.5}, TypeError, "iterations must be a whole number"),
        ({"momentum": 1.0}, ValueError, r"momentum must be in \[0, 1\)"),
        ({"tolerance": -1.0}, ValueError, "tolerance must be a real number >= 0"),
        ({"cost": "J"}, TypeError, "cost must be None or a function"),
        ({"gradient": lambda x: np.zeros(3)}, ValueError, r"gradient must return an array shaped like the parameters"),
    ],
)
def test_bad_arguments_are_explained(kwargs, error, message):
    arguments = {"gradient": lambda x: x, "x0": [1.0], "learning_rate": 0.1, "iterations": 3} | kwargs
    with pytest.raises(error, match=message):
        minimize(arguments.pop("gradient"), arguments.pop("x0"), arguments.pop("learning_rate"),
                 arguments.pop("iterations"), **arguments)
