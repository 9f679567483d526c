"""gdlib.minimize against the heavy-ball recurrence written out here, at its edges, and each
refusal's whole message.

Written for the survivors of `make mutants`.
"""

import numpy as np
import pytest
from refusals import refusal

from gdlib.minimize import minimize


def test_the_path_is_the_heavy_ball_recurrence_by_hand():
    # The gradient g(x) = 3x - 1 of J(x) = 1.5 x^2 - x, on each of two entries.
    run = minimize(lambda x: 3 * x - 1, [0.5, -2.0], 0.2, 5, momentum=0.6, cost=lambda x: float(np.sum(x**2)))
    x, v = [0.5, -2.0], [0.0, 0.0]
    path = [list(x)]
    for _ in range(5):
        v = [0.6 * vi - 0.2 * (3 * xi - 1) for vi, xi in zip(v, x, strict=True)]
        x = [xi + vi for xi, vi in zip(x, v, strict=True)]
        path.append(list(x))
    np.testing.assert_allclose(run.path, path, rtol=1e-14, atol=1e-15)
    np.testing.assert_allclose(run.costs, [sum(t * t for t in p) for p in path], rtol=1e-14)
    assert run.iterations_run == 5 and not run.converged and not run.diverged


def test_the_tolerance_compares_the_largest_entry_and_includes_equality():
    # gradient (0.5, -0.25) at the start: the largest |entry| is 0.5.
    assert minimize(lambda x: np.array([0.5, -0.25]), [0.0, 0.0], 0.1, 10, tolerance=0.5).iterations_run == 0
    run = minimize(lambda x: np.array([0.5, -0.25]), [0.0, 0.0], 0.1, 3, tolerance=0.4999)
    assert not run.converged and run.iterations_run == 3
    exact = minimize(lambda x: 2 * x, [0.0], 0.1, 10)  # gradient exactly 0 at the start, tolerance 0
    assert exact.converged and exact.iterations_run == 0


def test_an_infinite_gradient_or_step_stops_with_the_last_finite_point():
    run = minimize(lambda x: np.where(x > 1, np.inf, -1.0), [0.0], 0.6, 10)
    assert run.diverged and run.x.tolist() == [1.2] and run.iterations_run == 2
    big = minimize(lambda x: np.array([-1e308]), [1e308], 10.0, 3)
    assert big.diverged and big.iterations_run == 0 and big.x.tolist() == [1e308]


def test_momentum_zero_and_just_below_one_are_allowed():
    assert minimize(lambda x: x, [1.0], 0.5, 1, momentum=0).x.tolist() == [0.5]
    assert minimize(lambda x: x, [1.0], 0.5, 2, momentum=0.99).iterations_run == 2


REFUSALS = [
    (lambda: minimize(3, [0.0], 0.1, 1), TypeError, "gradient must be a function of the parameter array, got int."),
    (lambda: minimize(lambda x: x, [0.0], 0.1, 1, cost=3), TypeError,
     "cost must be None or a function of the parameter array, got int."),
    (lambda: minimize(lambda x: x, "a", 0.1, 1), TypeError, "x0 must contain real numbers, got a string: 'a'."),
    (lambda: minimize(lambda x: x, [np.nan], 0.1, 1), ValueError,
     "x0 must contain only finite numbers, got 1 NaN or infinite value(s), the first at index (0,): nan."),
    (lambda: minimize(lambda x: x, [0.0], 0.0, 1), ValueError,
     "learning_rate must be a finite number greater than 0, got 0.0."),
    (lambda: minimize(lambda x: x, [0.0], 0.1, -1), ValueError, "iterations must be >= 0, got -1."),
    (lambda: minimize(lambda x: x, [0.0], 0.1, 1, momentum=1.0), ValueError,
     "momentum must be in [0, 1) (0 is plain gradient descent), got 1.0."),
    (lambda: minimize(lambda x: x, [0.0], 0.1, 1, momentum=-0.1), ValueError,
     "momentum must be in [0, 1) (0 is plain gradient descent), got -0.1."),
    (lambda: minimize(lambda x: x, [0.0], 0.1, 1, momentum=True), TypeError,
     "momentum must be a real number in [0, 1), got bool True."),
    (lambda: minimize(lambda x: x, [0.0], 0.1, 1, momentum="0"), TypeError,
     "momentum must be a real number in [0, 1), got str '0'."),
    (lambda: minimize(lambda x: x, [0.0], 0.1, 1, tolerance=-1), ValueError,
     "tolerance must be a real number >= 0 (0 never stops early), got -1."),
    (lambda: minimize(lambda x: x, [0.0], 0.1, 1, tolerance=True), ValueError,
     "tolerance must be a real number >= 0 (0 never stops early), got True."),
    (lambda: minimize(lambda x: x, [0.0], 0.1, 1, tolerance="1"), ValueError,
     "tolerance must be a real number >= 0 (0 never stops early), got '1'."),
    (lambda: minimize(lambda x: np.zeros(2), [0.0], 0.1, 1), ValueError,
     "gradient must return an array shaped like the parameters (1,), got shape (2,)."),
]


@pytest.mark.parametrize(("call", "error", "message"), REFUSALS)
def test_each_refusal_in_full(call, error, message):
    assert refusal(call, error) == message


def test_the_result_is_float64_with_boolean_flags_even_for_an_integer_or_float32_gradient():
    run = minimize(lambda x: np.asarray(x, dtype=np.float32) * np.float32(0.5), [1.0, 2.0], 0.1, 3, momentum=0.5)
    assert run.x.dtype == np.float64 and run.path.dtype == np.float64
    assert run.converged is False and run.diverged is False
    # the same run by hand: the gradient as the function gives it (float32), the steps in float64
    x, v = [1.0, 2.0], [0.0, 0.0]
    for _ in range(3):
        v = [0.5 * vi - 0.1 * float(np.float32(xi) * np.float32(0.5)) for vi, xi in zip(v, x, strict=True)]
        x = [xi + vi for xi, vi in zip(x, v, strict=True)]
    np.testing.assert_allclose(run.x, x, rtol=1e-7)
    ints = minimize(lambda x: np.array([1, -1]), [0.0, 0.0], 0.25, 2)
    assert ints.x.tolist() == [-0.5, 0.5] and ints.x.dtype == np.float64


def test_a_gradient_in_float32_is_used_in_float64_arithmetic():
    g32 = np.float32(0.1)  # 0.100000001490116...
    run = minimize(lambda x: np.full(1, g32), [0.0], 1.0, 1)
    assert run.x[0] == -float(g32)


def test_an_empty_parameter_array_has_nothing_to_descend():
    run = minimize(lambda x: x, np.zeros(0), 0.1, 3)
    assert run.converged is True and run.iterations_run == 0 and run.x.shape == (0,)


def test_a_float32_gradient_times_a_learning_rate_is_rounded_in_float64_not_float32():
    g32 = np.float32(0.1)  # 0.100000001490116...; 0.1 * it rounded to float32 would be 0.00999999977648258
    run = minimize(lambda x: np.full(2, g32), [0.0, 1.0], 0.1, 1)
    assert run.x.tolist() == [0.0 - 0.1 * float(g32), 1.0 - 0.1 * float(g32)]
