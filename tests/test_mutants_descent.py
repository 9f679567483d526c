"""gdlib.gradient_descent at its edges, against loops written here: the exact optimum with
tolerance 0, divergence from the first cost, each refusal's whole message, the chain rule path,
the blow-up threshold to the last bit (a cost of exactly 1e8 times the start is not a blow-up) and
the flags as the booleans True and False.

Written for the survivors of `make mutants`.
"""

import math
import warnings

import numpy as np
import pytest
from refusals import refusal

import gdlib
from gdlib import losses
from gdlib.activations import identity, sigmoid

# y = 1 + 2x exactly, in numbers whose sums are exact in floating point.
X = np.array([[0.0], [1.0], [2.0], [3.0]])
Y = np.array([[1.0], [3.0], [5.0], [7.0]])



def _descent_by_hand(X, Y, rate, steps, alpha=0.0, beta=None):
    m, n = len(X), len(X[0])
    beta = [0.0] * n if beta is None else list(beta)
    history = []
    for _ in range(steps + 1):
        residual = [Y[i][0] - alpha - sum(X[i][j] * beta[j] for j in range(n)) for i in range(m)]
        history.append((alpha, list(beta), sum(r * r for r in residual) / m))
        d_alpha = -2.0 / m * sum(residual)
        d_beta = [-2.0 / m * sum(residual[i] * X[i][j] for i in range(m)) for j in range(n)]
        alpha, beta = alpha - rate * d_alpha, [b - rate * d for b, d in zip(beta, d_beta, strict=True)]
    return history


def test_every_recorded_step_is_the_update_rule_by_hand():
    X2 = np.array([[1.0, -1.0], [2.0, 0.5], [0.0, 3.0]])
    Y2 = np.array([[2.0], [1.0], [-1.0]])
    run = gdlib.gradient_descent(X2, Y2, 0.05, 6, 0.5, [0.25, -0.5])
    by_hand = _descent_by_hand(X2.tolist(), Y2.tolist(), 0.05, 6, 0.5, [0.25, -0.5])
    for k, (alpha, beta, cost) in enumerate(by_hand):
        assert run.alphas[k] == pytest.approx(alpha, abs=1e-13)
        np.testing.assert_allclose(run.betas[k], beta, atol=1e-13)
        assert run.costs[k] == pytest.approx(cost, rel=1e-13)
    assert run.cost == run.costs[-1] and run.iterations_run == 6 and run.learning_rate == 0.05
    assert not run.diverged and not run.converged


def test_starting_at_the_exact_optimum_converges_at_once_with_tolerance_zero():
    run = gdlib.gradient_descent(X, Y, 0.1, 50, 1.0, [2.0], tolerance=0)
    assert run.converged and run.iterations_run == 0 and run.cost == 0.0
    assert not run.diverged


def test_a_zero_starting_cost_still_detects_a_blow_up():
    # From a cost of exactly 0 any growth is relative to the smallest positive float; far above the
    # critical rate the cost grows past 1e8 times that at the first step: a divergence.
    run = gdlib.gradient_descent(X, Y, 1.0, 20, 1.0, [2.0 + 1e-6])
    assert run.costs[0] > 0  # not exactly at the optimum: a tiny cost
    zero = gdlib.gradient_descent(np.array([[1.0], [2.0]]), np.array([[1.0], [2.0]]), 5.0, 5, 0.0, [1.0])
    assert zero.costs[0] == 0.0 and zero.iterations_run == 5 and not zero.diverged  # at 0 it stays at 0
    assert run.diverged and run.iterations_run < 20


def test_an_overflowing_start_is_a_divergence_at_once():
    run = gdlib.gradient_descent([[1e200]], [[0.0]], 0.1, 5, 0.0, [1e200])
    assert run.diverged and run.iterations_run == 0 and math.isinf(run.costs[0])


def test_identity_activation_is_the_plain_model_and_the_chain_rule_path_agrees_with_the_mse_path():
    plain = gdlib.gradient_descent(X, Y, 0.05, 8)
    with_identity = gdlib.gradient_descent(X, Y, 0.05, 8, activation=identity)
    np.testing.assert_array_equal(plain.costs, with_identity.costs)
    chain = gdlib.gradient_descent(X, Y, 0.05, 8, loss=losses.weighted_mse(np.ones(4)))
    np.testing.assert_allclose(chain.costs, plain.costs, rtol=1e-13)
    np.testing.assert_allclose(chain.betas, plain.betas, rtol=1e-13)


def test_sigmoid_with_the_mse_follows_the_chain_rule_by_hand():
    x = np.array([[-1.0], [0.5], [2.0]])
    y = np.array([[0.0], [1.0], [1.0]])
    run = gdlib.gradient_descent(x, y, 0.5, 3, 0.1, [0.2], loss=losses.mse, activation=sigmoid)
    alpha, beta = 0.1, 0.2
    for k in range(4):
        z = [alpha + beta * xi for xi in x[:, 0]]
        p = [1 / (1 + math.exp(-t)) for t in z]
        assert run.costs[k] == pytest.approx(sum((yi - pi) ** 2 for yi, pi in zip(y[:, 0], p, strict=True)) / 3,
                                             rel=1e-12)
        d_z = [-2.0 / 3 * (yi - pi) * pi * (1 - pi) for yi, pi in zip(y[:, 0], p, strict=True)]
        alpha, beta = alpha - 0.5 * sum(d_z), beta - 0.5 * sum(d * xi for d, xi in zip(d_z, x[:, 0], strict=True))


def test_cross_entropy_on_the_logits_by_hand():
    x = np.array([[-1.0], [0.5], [2.0]])
    y = np.array([[0.0], [1.0], [1.0]])
    run = gdlib.gradient_descent(x, y, 0.5, 2, 0.1, [0.2], loss=losses.binary_cross_entropy, activation=sigmoid)
    alpha, beta = 0.1, 0.2
    for k in range(3):
        z = [alpha + beta * xi for xi in x[:, 0]]
        cost = sum(yi * math.log1p(math.exp(-t)) + (1 - yi) * math.log1p(math.exp(t))
                   for yi, t in zip(y[:, 0], z, strict=True)) / 3
        assert run.costs[k] == pytest.approx(cost, rel=1e-12)
        d_z = [(1 / (1 + math.exp(-t)) - yi) / 3 for yi, t in zip(y[:, 0], z, strict=True)]
        alpha, beta = alpha - 0.5 * sum(d_z), beta - 0.5 * sum(d * xi for d, xi in zip(d_z, x[:, 0], strict=True))


def test_an_infinite_prediction_after_an_activation_is_an_infinite_cost():
    class Exploding(type(identity)):
        name = "exploding"

        def value(self, z):
            return np.full_like(np.asarray(z, dtype=float), np.inf)

    run = gdlib.gradient_descent(X, Y, 0.1, 3, activation=Exploding())
    assert run.diverged and math.isinf(run.costs[0]) and run.iterations_run == 0


def test_each_refusal_of_gradient_descent_in_full():
    assert refusal(lambda: gdlib.gradient_descent(X, Y, 0.1, 3, tolerance=-1)) == (
        "tolerance must be a number >= 0 or None, got -1.0."
    )
    assert refusal(lambda: gdlib.gradient_descent(X, Y, 0.1, 3, tolerance=float("nan"))) == (
        "tolerance must be a number >= 0 or None, got nan."
    )
    assert refusal(lambda: gdlib.gradient_descent(X, Y, 0.1, 3, activation=math.tanh), TypeError) == (
        "activation must be None or one of gdlib.activations (such as sigmoid), "
        f"got builtin_function_or_method {math.tanh!r}."
    )
    assert refusal(lambda: gdlib.gradient_descent(X, Y, 0.1, 3, loss="mse"), TypeError) == (
        "loss must be one of gdlib.losses: mse, mae, huber(delta), weighted_mse(weights) or "
        "binary_cross_entropy, got str 'mse'."
    )
    assert refusal(lambda: gdlib.gradient_descent(X, [[0.5], [2.0], [0.0], [1.0]], 0.1, 3,
                                                   loss=losses.binary_cross_entropy)) == (
        "Y must hold labels between 0 and 1 for binary_cross_entropy, got values from 0 to 2."
    )
    assert gdlib.gradient_descent(X, Y, 0.1, 3, tolerance=0).iterations_run == 3


def test_weights_that_overflow_to_infinity_end_the_run_quietly():
    # A rate of 1e308 sends both weights to inf in one step; with X's zeros, X beta^T is then 0 * inf:
    # nan, an 'invalid' operation that must not warn.
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        run = gdlib.gradient_descent([[0.0, 1.0], [1.0, 0.0], [1.0, 1.0]], [[1.0], [2.0], [3.0]], 1e308, 3)
    assert run.diverged and run.iterations_run == 1 and math.isnan(run.costs[1])
    assert np.isinf(run.beta).all()


# --- the blow-up threshold, to the last bit, and the flags as booleans ------------------------------
# One example at x = 0 with y = 0: the cost is alpha^2 and one update is alpha <- alpha - lr * 2 alpha,
# all exact in binary floating point.


def test_a_cost_of_exactly_1e8_times_the_start_is_not_a_blow_up():
    # alpha 1 -> 1 - 5000.5 * 2 = -10000: cost 1 -> 1e8, the threshold itself; then alpha -> 1e8, cost 1e16
    run = gdlib.gradient_descent([[0.0]], [0.0], 5000.5, 3, 1.0)
    assert run.costs.tolist() == [1.0, 1e8, 1e16]
    assert run.diverged is True and run.converged is False and run.iterations_run == 2


def test_the_threshold_is_1e8_times_the_starting_cost():
    # alpha 2 -> 2 - 2500.5 * 4 = -10000: cost 4 -> 1e8, below 4e8, so the run goes on
    run = gdlib.gradient_descent([[0.0]], [0.0], 2500.5, 1, 2.0)
    assert run.costs.tolist() == [4.0, 1e8]
    assert run.diverged is False and run.converged is False
    # a rate of 1e5: 4 -> 4 (1 - 2e5)^2 > 4e8 at the first update, which ends the run
    run = gdlib.gradient_descent([[0.0]], [0.0], 1e5, 3, 2.0)
    assert run.costs.tolist() == [4.0, 4.0 * (1.0 - 2e5) ** 2]
    assert run.diverged is True and run.iterations_run == 1
    assert run.alphas.tolist() == [2.0, 2.0 - 4e5] and run.betas.tolist() == [[0.0], [0.0]]


def test_a_full_run_reports_false_flags_and_records_of_its_length():
    run = gdlib.gradient_descent(X, Y, 0.05, 4)
    assert run.diverged is False and run.converged is False
    assert run.costs.shape == run.alphas.shape == (5,) and run.betas.shape == (5, 1)
    stopped = gdlib.gradient_descent(X, Y, 0.1, 50, 1.0, [2.0], tolerance=0.0)
    assert stopped.converged is True and stopped.diverged is False
    assert stopped.costs.shape == stopped.alphas.shape == (1,) and stopped.betas.shape == (1, 1)
