"""Notebook 11's coding exercise: the gradient of the MSE of the one-unit tanh network.

    y_hat = w2 tanh(w1 x),   dJ/dw1 = -(2/m) sum r w2 x (1 - t^2),   dJ/dw2 = -(2/m) sum r t

with t = tanh(w1 x) and r = y - y_hat. check_tanh_unit_gradient(fn) runs the learner's function on
held-out data sets, compares it with gdlib.tiny_network.network_gradient, and names the classic
mistake its outputs match.
"""

from __future__ import annotations

import numpy as np

from gdlib.exercises.checking import Case, CheckResult, Exercise, Mistake, check_function
from gdlib.tiny_network import network_gradient

_D_W1 = "∂J/∂w₁ = −(2/m) Σ rᵢ w₂ xᵢ (1 − tᵢ²)"
_D_W2 = "∂J/∂w₂ = −(2/m) Σ rᵢ tᵢ"
_BOTH = f"{_D_W1} and {_D_W2}"

#: (m, size of x, w1 times that size, w2): one example, large and small inputs, large and small
#: output weights, both signs; w1 x stays of order 1 so that tanh is neither linear nor flat.
_SHAPES = ((1, 2.0, 1.6, -1.3), (5, 30.0, 1.2, 12.0), (3, 0.02, -0.8, 0.05), (8, 1.0, -1.2, 2.5),
           (2, 5.0, 1.5, -0.7), (12, 1.5, 1.35, 1.5))


def _cases(seed: int) -> list[tuple]:
    """(x (m, 1), Y (m, 1), w1, w2) cases: Y from another tanh unit plus noise, far from the weights.

    Drawn from default_rng(seed), shape by shape: x = size · N(0, 1) + 0.2 · size (not centred), then
    Y = 3 |w2| tanh(−0.7 w1 x) + 0.1 |w2| · N(0, 1), each (m, 1), with w1 = (w1 times size) / size.
    """
    rng = np.random.default_rng(seed)
    cases = []
    for m, size, w1_times_size, w2 in _SHAPES:
        x = size * rng.normal(size=(m, 1)) + 0.2 * size
        Y = 3.0 * abs(w2) * np.tanh(-0.7 * w1_times_size * x / size) + 0.1 * abs(w2) * rng.normal(size=(m, 1))
        cases.append((x, Y, w1_times_size / size, w2))
    return cases


def _reference(x, Y, w1, w2):
    """gdlib's gradient, split into its two entries (d_w1, d_w2)."""
    d_w1, d_w2 = network_gradient(x, Y, (w1, w2))
    return d_w1, d_w2


def _gradient_with(scale=lambda m: -2.0 / m, slope=lambda t, z: 1.0 - t**2, outer=True, inner=True):
    """The gradient with −2/m replaced by scale(m), tanh′ by slope(t, z) (z = w1 x), and optionally
    without the outer weight w2 or the inner factor x in ∂J/∂w1: a mutant of the reference."""
    def gives(x, Y, w1, w2):
        z = w1 * x
        t = np.tanh(z)
        r = Y - w2 * t
        factor = scale(x.shape[0])
        d_w1 = factor * np.sum(r * (w2 if outer else 1.0) * (x if inner else 1.0) * slope(t, z))
        return d_w1, factor * np.sum(r * t)
    return gives


def _broadcast(average: bool):
    """The gradient when a (m,) array meets an (m, 1) column: r becomes an (m, m) table, summed
    (or averaged) whole."""
    def gives(x, Y, w1, w2):
        m = x.shape[0]
        t = np.tanh(w1 * x)
        table = Y[:, 0] - w2 * t  # entry (i, j) is y_j − ŷ_i
        total = (lambda a: -2.0 * np.mean(a)) if average else (lambda a: -(2.0 / m) * np.sum(a))
        return total(table * w2 * x * (1 - t**2)), total(table * t)
    return gives


_BROADCAST = ("a 1-D array (m,) met a column (m, 1), and numpy broadcast them into an (m, m) table of "
              "residuals",
              "the shapes of x, Y and the residuals r = Y − ŷ: keep them all (m, 1) columns "
              "(no `.ravel()` or `[:, 0]`)")

MISTAKES = (
    Mistake("the sign is flipped", f"the minus in front of 2/m: {_BOTH}", _gradient_with(scale=lambda m: 2.0 / m)),
    Mistake("the factor 2 is missing (the 2 comes down from the square)", _BOTH,
            _gradient_with(scale=lambda m: -1.0 / m)),
    Mistake("a sum where the mean belongs (the 1/m is missing)", f"the 2/m in {_BOTH}",
            _gradient_with(scale=lambda m: -2.0)),
    Mistake("the derivative of tanh is missing: the chain rule through tanh gives a factor 1 − tanh²(w₁x)",
            f"(1 − tᵢ²) in {_D_W1}", _gradient_with(slope=lambda t, z: 1.0)),
    Mistake("the derivative of tanh is written 1 − z² with z = w₁x; it is 1 − tanh²(z)",
            f"1 − tᵢ² = 1 − tanh²(w₁xᵢ) in {_D_W1}", _gradient_with(slope=lambda t, z: 1.0 - z**2)),
    Mistake("the derivative of tanh is written 1 − tanh(z) (the square is missing)",
            f"1 − tᵢ² in {_D_W1}", _gradient_with(slope=lambda t, z: 1.0 - t)),
    Mistake("the outer weight w₂ is missing: ŷ = w₂ tanh(w₁x), so ∂ŷ/∂w₁ carries the factor w₂",
            f"w₂ in {_D_W1}", _gradient_with(outer=False)),
    Mistake("the inner factor x is missing: the derivative of w₁x with respect to w₁ is x",
            f"xᵢ in {_D_W1}", _gradient_with(inner=False)),
    Mistake(*_BROADCAST, _broadcast(average=False)),
    Mistake(*_BROADCAST, _broadcast(average=True)),
)


def tanh_unit_gradient_exercise(seed: int = 9) -> Exercise:
    """The held-out cases, reference and mistakes of the tanh_unit_gradient exercise."""
    return Exercise(
        title="tanh_unit_gradient",
        function_name="tanh_unit_gradient",
        outputs=("d_w1", "d_w2"),
        reference=_reference,
        cases=[Case(case, ("x", "Y", "w1", "w2")) for case in _cases(seed)],
        mistakes=MISTAKES,
    )


def check_tanh_unit_gradient(function) -> CheckResult:
    """Check a learner's tanh_unit_gradient(x (m, 1), Y (m, 1), w1, w2) -> (d_w1, d_w2), two numbers.

    The model is y_hat = w2 tanh(w1 x) and J its MSE. Returns a CheckResult that names the mistake
    (sign, factor 2, sum for mean, tanh′ missing or written 1 − z², the outer w2 or the inner x
    missing, (m,) against (m, 1), an in-place change).
    """
    return check_function(function, tanh_unit_gradient_exercise())
