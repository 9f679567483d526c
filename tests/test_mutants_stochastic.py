"""gdlib.stochastic against hand computations: the batches of an epoch, every refusal's whole message,
the settings a result reports, the blow-up threshold to the last bit, and a plain-loop replay.

Written for the survivors of `make mutants`. The replay follows the idea of
tests/test_stochastic.py (m = 7, uneven batches, a fresh shuffle every epoch, decay), here with
batches of 2 (2, 2, 2, 1) and no momentum, the branch that replay does not take.
"""

import warnings

import numpy as np
import pytest
from refusals import refusal
from test_stochastic import REPLAY_X, REPLAY_Y, _replay

from gdlib.stochastic import epoch_batches, minibatch_gradient_descent

# --- epoch_batches ---------------------------------------------------------------------------------


def test_an_epoch_is_one_permutation_cut_into_consecutive_batches():
    order = [int(i) for i in np.random.default_rng(11).permutation(7)]  # the documented shuffle, drawn here
    batches = epoch_batches(7, 3, np.random.default_rng(11))
    assert [b.tolist() for b in batches] == [order[0:3], order[3:6], order[6:7]]
    assert order != list(range(7))  # the shuffle does move the examples
    assert [b.tolist() for b in epoch_batches(7, 1, np.random.default_rng(11))] == [[i] for i in order]
    assert [b.tolist() for b in epoch_batches(7, 6, np.random.default_rng(11))] == [order[:6], order[6:]]


def test_a_batch_of_all_examples_is_the_original_order_and_draws_nothing():
    rng = np.random.default_rng(5)
    batches = epoch_batches(4, 4, rng)
    assert [b.tolist() for b in batches] == [[0, 1, 2, 3]]
    assert rng.permutation(4).tolist() == np.random.default_rng(5).permutation(4).tolist()  # rng untouched
    assert [b.tolist() for b in epoch_batches(1, 1, np.random.default_rng(0))] == [[0]]


def test_epoch_batches_refusals_in_full():
    rng = np.random.default_rng(0)
    assert refusal(lambda: epoch_batches(-1, 1, rng)) == "m must be >= 0, got -1."
    assert refusal(lambda: epoch_batches(2.5, 1, rng), TypeError) == (
        "m must be a whole number (int) >= 0, got float 2.5."
    )
    assert refusal(lambda: epoch_batches(5, 0, rng)) == (
        "batch_size must be between 1 and the number of examples m = 5, got 0."
    )
    assert refusal(lambda: epoch_batches(5, 6, rng)) == (
        "batch_size must be between 1 and the number of examples m = 5, got 6."
    )
    assert refusal(lambda: epoch_batches(5, -2, rng)) == "batch_size must be >= 0, got -2."
    assert refusal(lambda: epoch_batches(5, 2.0, rng), TypeError) == (
        "batch_size must be a whole number (int) >= 0, got float 2.0."
    )
    assert refusal(lambda: epoch_batches(5, 2, 0), TypeError) == (
        "rng must be a numpy Generator such as np.random.default_rng(0), got int 0."
    )
    assert refusal(lambda: epoch_batches(5, 5, None), TypeError) == (
        "rng must be a numpy Generator such as np.random.default_rng(0), got NoneType None."
    )


# --- minibatch_gradient_descent: refusals and the result's settings ------------------------------------

X3 = np.array([[1.0, 2.0], [3.0, -1.0], [0.5, 0.5]])
Y3 = np.array([[1.0], [2.0], [3.0]])


def test_minibatch_refusals_in_full():
    rng = np.random.default_rng(0)
    assert refusal(lambda: minibatch_gradient_descent(X3, [1.0, 2.0], 0.1, 1, 1, rng=rng)) == (
        "Y must have one row per example of X: expected 3 rows, got 2 (shape (2, 1)). "
        "If Y is right, X must have 2 rows instead."
    )
    assert refusal(lambda: minibatch_gradient_descent(X3, Y3, 0.1, 1, 4, rng=rng)) == (
        "batch_size must be between 1 and the number of examples m = 3, got 4."
    )
    assert refusal(lambda: minibatch_gradient_descent(X3, Y3, 0.1, 1, 2, rng="seed"), TypeError) == (
        "rng must be a numpy Generator such as np.random.default_rng(0), got str 'seed'."
    )
    assert refusal(lambda: minibatch_gradient_descent(X3, Y3, 0.1, 1, 2, rng=rng, momentum=-0.5)) == (
        "momentum must be a number in [0, 1), got -0.5."
    )
    assert refusal(lambda: minibatch_gradient_descent(X3, Y3, 0.1, 1, 2, rng=rng, decay=float("inf"))) == (
        "decay must be a finite number >= 0, got inf."
    )


def test_the_result_reports_its_settings_and_never_converged():
    result = minibatch_gradient_descent(X3, Y3, 0.05, 2, 2, rng=np.random.default_rng(1), momentum=0.25, decay=0.5)
    assert result.converged is False and result.diverged is False
    assert result.learning_rate == 0.05 and result.batch_size == 2
    assert result.momentum == 0.25 and result.decay == 0.5
    assert np.issubdtype(result.examples_seen.dtype, np.integer)
    assert result.examples_seen.tolist() == [0, 2, 3, 5, 6]
    assert result.costs.shape == result.alphas.shape == (5,) and result.betas.shape == (5, 2)
    # the smallest and the largest batch are allowed
    assert minibatch_gradient_descent(X3, Y3, 0.05, 1, 1, rng=np.random.default_rng(1)).iterations_run == 3
    assert minibatch_gradient_descent(X3, Y3, 0.05, 1, 3, rng=np.random.default_rng(1)).iterations_run == 1


# --- the blow-up threshold: BLOW_UP_FACTOR = 1e8 times the starting cost ----------------------------
# One example at x = 0 with y = 0: the cost is alpha^2 and one update is alpha <- alpha - lr * 2 alpha,
# all exact in binary floating point.


def test_a_cost_of_exactly_1e8_times_the_start_is_not_a_blow_up():
    # alpha 1 -> 1 - 5000.5 * 2 = -10000: cost 1 -> 1e8, the threshold itself, so the run goes on
    result = minibatch_gradient_descent([[0.0]], [0.0], 5000.5, 1, 1, rng=np.random.default_rng(0), alpha=1.0)
    assert result.costs.tolist() == [1.0, 1e8]
    assert result.diverged is False


def test_the_threshold_scales_with_the_starting_cost():
    # alpha 2 -> 2 - 2500.5 * 4 = -10000: cost 4 -> 1e8, below 4e8, so no blow-up yet; 1e8 more is
    result = minibatch_gradient_descent([[0.0]], [0.0], 2500.5, 1, 1, rng=np.random.default_rng(0), alpha=2.0)
    assert result.costs.tolist() == [4.0, 1e8]
    assert result.diverged is False
    # alpha 2 -> 2 - 2 * 4 = -6: cost 36 <= 4e8 (an ordinary step); a rate of 1e5 gives 4 * (1 - 2e5)^2 > 4e8
    blown = minibatch_gradient_descent([[0.0]], [0.0], 1e5, 3, 1, rng=np.random.default_rng(0), alpha=2.0)
    assert blown.diverged is True and blown.costs.tolist() == [4.0, 4.0 * (1.0 - 2e5) ** 2]


def test_an_overflow_ends_the_run_quietly_with_every_record_cut_to_its_length():
    # residuals 300, 0, -150 at x = 1, 2, 3: dJ/dalpha = -100 and dJ/dbeta = +100, so a rate of 1e307
    # sends alpha to +inf and beta to -inf (an overflow), and alpha + beta x is inf - inf (invalid)
    X, Y = np.array([[1.0], [2.0], [3.0]]), np.array([[300.0], [0.0], [-150.0]])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        result = minibatch_gradient_descent(X, Y, 1e307, 5, 3, rng=np.random.default_rng(0))
    assert result.diverged is True and result.iterations_run == 1
    assert result.alpha[0, 0] == np.inf and result.beta[0, 0] == -np.inf
    assert len(result.alphas) == len(result.betas) == len(result.costs) == len(result.examples_seen) == 2
    assert result.costs[0] == pytest.approx((300.0**2 + 150.0**2) / 3, rel=1e-15)
    assert result.alphas.tolist() == [0.0, np.inf] and result.betas.tolist() == [[0.0], [-np.inf]]


def test_a_blow_up_in_a_later_epoch_cuts_every_record_to_the_updates_made():
    result = minibatch_gradient_descent(X3, Y3, 3.0, 20, 2, rng=np.random.default_rng(0))
    assert result.diverged is True
    k = result.iterations_run
    assert 0 < k < 40
    assert result.alphas.shape == (k + 1,) and result.betas.shape == (k + 1, 2)
    assert result.examples_seen.shape == result.costs.shape == (k + 1,)
    assert result.alphas[-1] == result.alpha[0, 0] and result.betas[-1].tolist() == result.beta[0].tolist()


# --- a plain-loop replay without momentum --------------------------------------------------------------


def test_uneven_batches_with_decay_and_no_momentum_replay_every_update():
    # gdlib without momentum against tests/test_stochastic.py's plain loop with mu = 0, where
    # v <- 0 v - rate g, theta <- theta + v is theta - rate g to the last bit
    seed, learning_rate, epochs, batch_size, decay = 7, 0.04, 3, 2, 1.5
    alphas, betas, seen, _, orders = _replay(seed, learning_rate, epochs, batch_size, 0.0, decay, 0.0, [0.0, 0.0])
    assert seen == [0, 2, 4, 6, 7, 9, 11, 13, 14, 16, 18, 20, 21]
    assert orders[0] != orders[1] != orders[2]
    result = minibatch_gradient_descent(np.array(REPLAY_X), REPLAY_Y, learning_rate, epochs, batch_size,
                                        rng=np.random.default_rng(seed), decay=decay)
    assert result.examples_seen.tolist() == seen
    np.testing.assert_allclose(result.alphas, alphas, rtol=0, atol=1e-12)
    np.testing.assert_allclose(result.betas, betas, rtol=0, atol=1e-12)
    assert abs(alphas[-1]) > 0.1
