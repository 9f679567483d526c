"""Aligning a shifted, noisy recording with a known signal: gradient descent on the shift tau.

The signal has two tones, a fundamental of period P and its second harmonic, so it is periodic
with period P. Its value and its derivative, side by side (omega = 2 pi / P):

    s(t)  = sin(omega t) + a sin(2 omega t + phase)
    s'(t) = omega cos(omega t) + 2 a omega cos(2 omega t + phase)

A recording y_i at times t_i is compared with the signal shifted by tau, s(t_i - tau):

    J(tau)     = (1/m) sum (y_i - s(t_i - tau))^2
    dJ/dtau    = (2/m) sum (y_i - s(t_i - tau)) s'(t_i - tau)

(the chain rule: d s(t - tau) / d tau = -s'(t - tau), and d(y - s)^2 = -2 (y - s) ds).
J is not convex in tau: it repeats with period P and has other local minima in between, so
gradient descent finds the true shift only from a start inside its valley.

Every function takes tau as a number or an array of any shape (several shifts at once) and
returns an array of that shape.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from gdlib.minimize import MinimizeResult, minimize
from gdlib.validation import _as_float_array, _check_finite, as_column, check_positive

__all__ = ["TwoToneSignal", "align", "shift_cost", "shift_gradient"]


@dataclass(frozen=True)
class TwoToneSignal:
    """s(t) = sin(omega t) + second_amplitude sin(2 omega t + second_phase), omega = 2 pi / period."""

    period: float = 4.0
    second_amplitude: float = 0.8
    second_phase: float = 1.0

    def __post_init__(self):
        check_positive(self.period, "period")

    @property
    def omega(self) -> float:
        """The angular frequency 2 pi / period (radians per unit of time)."""
        return 2.0 * np.pi / self.period

    def value(self, t) -> np.ndarray:
        """s(t) for an array t of any shape; returns that shape."""
        t = np.asarray(t, dtype=float)
        return np.sin(self.omega * t) + self.second_amplitude * np.sin(2 * self.omega * t + self.second_phase)

    def derivative(self, t) -> np.ndarray:
        """s'(t) for an array t of any shape; returns that shape."""
        t = np.asarray(t, dtype=float)
        return self.omega * (np.cos(self.omega * t)
                             + 2 * self.second_amplitude * np.cos(2 * self.omega * t + self.second_phase))


def _checked(t, y, tau, signal):
    t = as_column(t, "t")[:, 0]
    y = as_column(y, "y", t.size, reference="t")[:, 0]
    tau = _as_float_array(tau, "tau")
    _check_finite(tau, "tau")
    if not isinstance(signal, TwoToneSignal):
        raise TypeError(f"signal must be a TwoToneSignal, got {type(signal).__name__}.")
    return t, y, tau


def _residuals(t, y, tau, signal):
    """y_i - s(t_i - tau) for every tau: shape tau.shape + (m,), and the shifted times."""
    shifted = t - tau[..., None]
    return y - signal.value(shifted), shifted


def shift_cost(t, y, tau, signal: TwoToneSignal) -> np.ndarray:
    """J(tau) = (1/m) sum (y_i - s(t_i - tau))^2.

    t, y: (m,) or (m, 1) times and recording; tau: a number or an array of shifts.
    Returns an array shaped like tau (a 0-d array for a number; float() it if needed).
    """
    t, y, tau = _checked(t, y, tau, signal)
    residual, _ = _residuals(t, y, tau, signal)
    return np.mean(residual**2, axis=-1)


def shift_gradient(t, y, tau, signal: TwoToneSignal) -> np.ndarray:
    """dJ/dtau = (2/m) sum (y_i - s(t_i - tau)) s'(t_i - tau); same arguments and shape as shift_cost."""
    t, y, tau = _checked(t, y, tau, signal)
    residual, shifted = _residuals(t, y, tau, signal)
    return 2.0 * np.mean(residual * signal.derivative(shifted), axis=-1)


def align(t, y, starts, signal: TwoToneSignal, learning_rate: float, iterations: int) -> MinimizeResult:
    """Gradient descent on J(tau) from every start at once (independent runs, stacked).

    t, y: (m,) or (m, 1); starts: (k,) starting shifts. Returns a MinimizeResult with x (k,)
    the shifts reached and path (iterations + 1, k), one column per start.
    """
    t, y, starts = _checked(t, y, starts, signal)
    return minimize(lambda tau: shift_gradient(t, y, tau, signal), starts, learning_rate, iterations)
