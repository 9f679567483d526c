"""gdlib.alignment: the two-tone signal, J(tau) and its gradient, and descent on the shift."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import gdlib
from gdlib.alignment import TwoToneSignal, align, shift_cost, shift_gradient
from gdlib.lessons.mse_beyond_regression import SIGNAL, TRUE_SHIFT, recording, shift_valley

T, Y = recording()


def test_signal_by_hand():
    signal = TwoToneSignal(period=4.0, second_amplitude=0.5, second_phase=0.0)
    # t = 1 s is a quarter period: sin(pi/2) + 0.5 sin(pi) = 1; s' = (pi/2)(cos(pi/2) + 2 * 0.5 cos(pi)) = -pi/2.
    assert float(signal.value(1.0)) == pytest.approx(1.0)
    assert float(signal.derivative(1.0)) == pytest.approx(-np.pi / 2)


@given(st.floats(-10.0, 10.0))
def test_signal_derivative_matches_finite_differences(t):
    numeric = gdlib.numerical_gradient(lambda v: float(SIGNAL.value(v[0])), np.array([t]))[0]
    assert float(SIGNAL.derivative(t)) == pytest.approx(numeric, abs=1e-7)


def test_cost_by_hand():
    signal = TwoToneSignal(period=4.0, second_amplitude=0.0)
    t, y = np.array([0.0, 1.0]), np.array([0.0, 0.0])
    # Shifted by tau = -1: s(1) = 1 and s(2) = 0, so J = (1 + 0) / 2.
    assert float(shift_cost(t, y, -1.0, signal)) == pytest.approx(0.5)


@given(st.floats(-4.0, 4.0))
def test_gradient_matches_finite_differences(tau):
    numeric = gdlib.numerical_gradient(lambda v: float(shift_cost(T, Y, v[0], SIGNAL)), np.array([tau]))[0]
    assert float(shift_gradient(T, Y, tau, SIGNAL)) == pytest.approx(numeric, abs=1e-6)


def test_many_shifts_at_once_equal_one_at_a_time():
    taus = np.linspace(-2.0, 2.0, 12).reshape(3, 4)
    costs, gradients = shift_cost(T, Y, taus, SIGNAL), shift_gradient(T, Y, taus, SIGNAL)
    assert costs.shape == gradients.shape == (3, 4)
    for tau, cost, gradient in zip(taus.ravel(), costs.ravel(), gradients.ravel(), strict=True):
        assert cost == pytest.approx(np.mean((Y - SIGNAL.value(T - tau)) ** 2), rel=1e-13)
        assert gradient == pytest.approx(float(shift_gradient(T, Y, tau, SIGNAL)), rel=1e-13)


def test_cost_repeats_with_the_period():
    taus = np.linspace(-2.0, 2.0, 41)
    np.testing.assert_allclose(shift_cost(T, Y, taus + SIGNAL.period, SIGNAL), shift_cost(T, Y, taus, SIGNAL),
                               rtol=1e-12)


def test_without_noise_descent_recovers_the_shift_exactly_from_inside_the_valley():
    y = SIGNAL.value(T - TRUE_SHIFT)
    run = align(T, y, [-0.3, 0.2, 1.5], SIGNAL, learning_rate=0.05, iterations=500)
    np.testing.assert_allclose(run.x, TRUE_SHIFT, atol=1e-10)
    assert run.path.shape == (501, 3)


def test_starts_outside_the_valley_end_in_another_minimum():
    left, right = shift_valley(T, Y)
    run = align(T, Y, [left - 0.2, 0.0, right + 0.2], SIGNAL, learning_rate=0.05, iterations=400)
    assert abs(run.x[1] - TRUE_SHIFT) < 0.05
    assert abs(run.x[0] - TRUE_SHIFT) > 1.0 and abs(run.x[2] - TRUE_SHIFT) > 1.0
    assert np.abs(shift_gradient(T, Y, run.x, SIGNAL)).max() < 1e-8


def test_the_valley_edges_are_maxima_and_inside_every_slope_points_to_the_minimum():
    left, right = shift_valley(T, Y)
    assert left < TRUE_SHIFT < right
    for edge in (left, right):
        J = shift_cost(T, Y, np.array([edge - 0.01, edge, edge + 0.01]), SIGNAL)
        assert J[1] > J[0] and J[1] > J[2]
    minimum = align(T, Y, [TRUE_SHIFT], SIGNAL, learning_rate=0.05, iterations=300).x[0]
    inside = np.linspace(left + 0.01, right - 0.01, 200)
    inside = inside[np.abs(inside - minimum) > 0.005]
    np.testing.assert_array_equal(np.sign(shift_gradient(T, Y, inside, SIGNAL)), np.sign(inside - minimum))


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda: shift_cost(T, Y[:5], 0.0, SIGNAL), ValueError, "y must have one row per example"),
        (lambda: shift_cost(T, Y, np.nan, SIGNAL), ValueError, "tau must contain only finite numbers"),
        (lambda: shift_cost(T, Y, 0.0, np.sin), TypeError, "signal must be a TwoToneSignal"),
        (lambda: TwoToneSignal(period=0.0), ValueError, "period must be a finite number greater than 0"),
    ],
)
def test_bad_arguments_are_explained(call, error, message):
    with pytest.raises(error, match=message):
        call()
