"""gdlib.alignment: the two-tone signal and J(tau) written out here, and each refusal in full.

Written for the survivors of `make mutants`.
"""

import math

import numpy as np
import pytest
from refusals import refusal

from gdlib.alignment import TwoToneSignal, align, shift_cost, shift_gradient

T = np.array([0.0, 0.7, 1.5, 3.1, 4.4])
SIGNAL = TwoToneSignal(period=3.0, second_amplitude=0.5, second_phase=0.3)
Y = np.array([0.2, 0.9, -0.4, 0.1, 0.6])



def _s(t, signal=SIGNAL):
    w = 2 * math.pi / signal.period
    return math.sin(w * t) + signal.second_amplitude * math.sin(2 * w * t + signal.second_phase)


def test_the_signal_its_derivative_and_the_defaults_by_hand():
    default = TwoToneSignal()
    assert (default.period, default.second_amplitude, default.second_phase) == (4.0, 0.8, 1.0)
    assert default.omega == 2 * math.pi / 4.0
    for t in (0.0, 0.4, 2.2):
        assert SIGNAL.value(t) == pytest.approx(_s(t), abs=1e-14)
        h = 1e-6
        assert SIGNAL.derivative(t) == pytest.approx((_s(t + h) - _s(t - h)) / (2 * h), rel=1e-7, abs=1e-8)
    assert SIGNAL.value([[1, 2]]).shape == (1, 2)


@pytest.mark.parametrize("tau", [-0.5, 0.0, 1.2])
def test_cost_and_gradient_by_hand(tau):
    residuals = [y - _s(t - tau) for t, y in zip(T, Y, strict=True)]
    assert float(shift_cost(T, Y, tau, SIGNAL)) == pytest.approx(sum(r * r for r in residuals) / 5, rel=1e-13)
    h = 1e-6
    def J(x):
        return sum((y - _s(t - x)) ** 2 for t, y in zip(T, Y, strict=True)) / 5
    assert float(shift_gradient(T, Y, tau, SIGNAL)) == pytest.approx((J(tau + h) - J(tau - h)) / (2 * h), rel=1e-6)


def test_shifts_of_any_shape_are_evaluated_one_by_one():
    taus = np.array([[0.0, 0.5, 1.0], [-1.0, 2.0, 3.0]])
    costs = shift_cost(T, Y, taus, SIGNAL)
    assert costs.shape == (2, 3)
    for index in np.ndindex(2, 3):
        assert costs[index] == pytest.approx(float(shift_cost(T, Y, taus[index], SIGNAL)), rel=1e-14)
    run = align(T, Y, [0.0, 1.0], SIGNAL, 0.05, 3)
    assert run.path.shape == (4, 2)
    for k in range(3):
        np.testing.assert_allclose(run.path[k + 1], run.path[k] - 0.05 * shift_gradient(T, Y, run.path[k], SIGNAL),
                                   rtol=1e-14)


REFUSALS = [
    (lambda: shift_cost(np.zeros((5, 2)), Y, 0.0, SIGNAL), ValueError,
     "t must have shape (m, 1) or (m,), got a 2-D array of shape (5, 2)."),
    (lambda: shift_cost(T, Y[:3], 0.0, SIGNAL), ValueError,
     "y must have one row per example of t: expected 5 rows, got 3 (shape (3, 1)). "
     "If y is right, t must have 3 rows instead."),
    (lambda: shift_gradient(T, Y, "0", SIGNAL), TypeError, "tau must contain real numbers, got a string: '0'."),
    (lambda: shift_gradient(T, Y, [0.0, math.inf], SIGNAL), ValueError,
     "tau must contain only finite numbers, got 1 NaN or infinite value(s), the first at index (1,): inf."),
    (lambda: align(T, Y, [0.0], math.sin, 0.1, 1), TypeError,
     "signal must be a TwoToneSignal, got builtin_function_or_method."),
    (lambda: TwoToneSignal(period=-1.0), ValueError, "period must be a finite number greater than 0, got -1.0."),
]


@pytest.mark.parametrize(("call", "error", "message"), REFUSALS)
def test_each_refusal_in_full(call, error, message):
    assert refusal(call, error) == message


def test_the_signal_is_computed_in_float64_for_float32_times():
    t32 = np.array([0.3, 1.7], dtype=np.float32)
    assert SIGNAL.value(t32).dtype == np.float64 and SIGNAL.derivative(t32).dtype == np.float64
    np.testing.assert_allclose(SIGNAL.value(t32), [_s(float(t)) for t in t32], rtol=1e-14)
