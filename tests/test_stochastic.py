"""Mini-batch gradient descent and momentum (gdlib.stochastic): bookkeeping, exactness, unbiasedness."""

import itertools
import warnings

import numpy as np
import pytest

import gdlib
from gdlib.stochastic import epoch_batches, minibatch_gradient_descent


def _data(m=60, n=3, seed=0):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(m, n)) * np.arange(1, n + 1) + 0.5
    Y = 1.0 + X @ rng.normal(size=(n, 1)) + 0.3 * rng.normal(size=(m, 1))
    return X, Y


def _least_squares(X, Y):
    A = np.hstack([np.ones((X.shape[0], 1)), X])
    theta = np.linalg.lstsq(A, Y, rcond=None)[0]
    return theta[0, 0], theta[1:, 0]


def test_batch_of_all_examples_reproduces_gradient_descent_to_the_last_bit():
    X, Y = _data()
    Z, _, _ = gdlib.standardize(X)
    for X_used, learning_rate in ((Z, 0.3), (X, 0.01)):
        batch = gdlib.gradient_descent(X_used, Y, learning_rate, 150, 0.5, [0.1, -0.2, 0.3])
        variant = minibatch_gradient_descent(X_used, Y, learning_rate, 150, X.shape[0], rng=np.random.default_rng(3),
                                             alpha=0.5, beta=[0.1, -0.2, 0.3])
        np.testing.assert_array_equal(variant.costs, batch.costs)
        np.testing.assert_array_equal(variant.alphas, batch.alphas)
        np.testing.assert_array_equal(variant.betas, batch.betas)
        np.testing.assert_array_equal(variant.alpha, batch.alpha)
        np.testing.assert_array_equal(variant.beta, batch.beta)
        np.testing.assert_array_equal(variant.examples_seen, np.arange(151) * X.shape[0])


def test_one_stochastic_epoch_by_hand():
    # Three examples, batches of one: follow the shuffle and apply y_hat = alpha + beta x by hand.
    X = np.array([[1.0], [2.0], [3.0]])
    Y = np.array([[2.0], [3.0], [5.0]])
    learning_rate = 0.1
    order = np.random.default_rng(7).permutation(3)
    alpha, beta = 0.0, 0.0
    for i in order:
        error = Y[i, 0] - (alpha + beta * X[i, 0])
        alpha, beta = alpha + learning_rate * 2 * error, beta + learning_rate * 2 * error * X[i, 0]
    result = minibatch_gradient_descent(X, Y, learning_rate, 1, 1, rng=np.random.default_rng(7))
    assert result.alpha[0, 0] == pytest.approx(alpha, rel=1e-14)
    assert result.beta[0, 0] == pytest.approx(beta, rel=1e-14)
    assert result.iterations_run == 3
    np.testing.assert_array_equal(result.examples_seen, [0, 1, 2, 3])
    assert result.cost == pytest.approx(np.mean((Y[:, 0] - alpha - beta * X[:, 0]) ** 2), rel=1e-13)


def test_costs_are_measured_on_all_examples_after_every_update():
    X, Y = _data()
    result = minibatch_gradient_descent(X, Y, 0.005, 2, 7, rng=np.random.default_rng(1))
    assert result.iterations_run == 2 * 9  # ceil(60 / 7) = 9 batches per epoch, the last of 4 examples
    assert result.examples_seen[9] == 60 and result.examples_seen[-1] == 120
    assert np.diff(result.examples_seen).tolist() == ([7] * 8 + [4]) * 2
    for k in (0, 5, 18):
        expected = np.mean((Y - result.alphas[k] - X @ result.betas[k][:, None]) ** 2)
        assert result.costs[k] == pytest.approx(expected, rel=1e-12)


def test_epoch_batches_partition_the_examples():
    batches = epoch_batches(23, 5, np.random.default_rng(0))
    assert [len(b) for b in batches] == [5, 5, 5, 5, 3]
    assert sorted(np.concatenate(batches).tolist()) == list(range(23))
    np.testing.assert_array_equal(epoch_batches(23, 23, np.random.default_rng(0))[0], np.arange(23))


def test_the_batch_gradients_of_an_epoch_average_to_the_full_gradient():
    X, Y = _data(m=60)
    alpha, beta = np.array([[0.3]]), np.array([[0.5, -1.0, 2.0]])
    full_alpha, full_beta = gdlib.mse_gradients(X, Y, alpha, beta)
    for batch_size in (1, 6, 20, 60):  # equal batches: the plain average
        gradients = [gdlib.mse_gradients(X[rows], Y[rows], alpha, beta)
                     for rows in epoch_batches(60, batch_size, np.random.default_rng(batch_size))]
        np.testing.assert_allclose(np.mean([g[0] for g in gradients], axis=0), full_alpha, rtol=1e-12)
        np.testing.assert_allclose(np.mean([g[1] for g in gradients], axis=0), full_beta, rtol=1e-12)
    batches = epoch_batches(60, 25, np.random.default_rng(0))  # 25, 25, 10: weight each by its size
    weights = [len(rows) / 60 for rows in batches]
    d_beta = sum(w * gdlib.mse_gradients(X[rows], Y[rows], alpha, beta)[1] for w, rows in zip(weights, batches,
                                                                                              strict=True))
    np.testing.assert_allclose(d_beta, full_beta, rtol=1e-12)


def test_runs_repeat_with_the_same_seed_and_differ_with_another():
    X, Y = _data()
    first = minibatch_gradient_descent(X, Y, 0.005, 3, 10, rng=np.random.default_rng(5))
    again = minibatch_gradient_descent(X, Y, 0.005, 3, 10, rng=np.random.default_rng(5))
    other = minibatch_gradient_descent(X, Y, 0.005, 3, 10, rng=np.random.default_rng(6))
    np.testing.assert_array_equal(first.costs, again.costs)
    assert not np.array_equal(first.costs, other.costs)


def test_stochastic_descent_with_decay_ends_near_least_squares():
    X, Y = _data(m=100)
    Z, _, _ = gdlib.standardize(X)
    alpha, beta = _least_squares(Z, Y)
    result = minibatch_gradient_descent(Z, Y, 0.02, 200, 1, rng=np.random.default_rng(0), decay=0.5)
    np.testing.assert_allclose(result.alpha[0, 0], alpha, atol=2e-3)
    np.testing.assert_allclose(result.beta[0], beta, atol=2e-3)


def test_momentum_follows_the_heavy_ball_rule():
    X, Y = _data(m=30, n=2)
    learning_rate, momentum = 0.002, 0.8
    theta = np.zeros(3)
    velocity = np.zeros(3)
    A = np.hstack([np.ones((30, 1)), X])
    for _ in range(40):  # v <- mu v - lr grad, theta <- theta + v, with grad = -(2/m) A^T (Y - A theta)
        gradient = -(2 / 30) * A.T @ (Y[:, 0] - A @ theta)
        velocity = momentum * velocity - learning_rate * gradient
        theta = theta + velocity
    result = minibatch_gradient_descent(X, Y, learning_rate, 40, 30, rng=np.random.default_rng(0), momentum=momentum)
    np.testing.assert_allclose(np.hstack([result.alpha[0], result.beta[0]]), theta, rtol=1e-11)


def test_blowing_up_stops_early_without_warnings():
    X, Y = _data()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        result = minibatch_gradient_descent(X, Y, 5.0, 50, 1, rng=np.random.default_rng(0))
    assert result.diverged
    assert result.iterations_run < 50 * 60
    assert len(result.costs) == len(result.examples_seen) == result.iterations_run + 1


def test_inputs_are_not_modified_and_zero_epochs_is_the_start():
    X, Y = _data()
    alpha, beta = np.array([[1.0]]), np.array([[1.0, 2.0, 3.0]])
    copies = [a.copy() for a in (X, Y, alpha, beta)]
    minibatch_gradient_descent(X, Y, 0.001, 2, 5, rng=np.random.default_rng(0), alpha=alpha, beta=beta)
    for original, copy in zip((X, Y, alpha, beta), copies, strict=True):
        np.testing.assert_array_equal(original, copy)
    start = minibatch_gradient_descent(X, Y, 0.001, 0, 5, rng=np.random.default_rng(0), alpha=alpha, beta=beta)
    assert start.iterations_run == 0 and start.cost == pytest.approx(gdlib.mse_cost(X, Y, alpha, beta))


@pytest.mark.parametrize(
    ("changes", "error", "message"),
    [
        ({"batch_size": 0}, ValueError, "batch_size must be between 1 and the number of examples m = 60, got 0"),
        ({"batch_size": 61}, ValueError, "got 61"),
        ({"batch_size": 2.0}, TypeError, "batch_size must be a whole number"),
        ({"rng": 0}, TypeError, "rng must be a numpy Generator"),
        ({"momentum": 1.0}, ValueError, r"momentum must be a number in \[0, 1\)"),
        ({"decay": -1.0}, ValueError, "decay must be a finite number >= 0"),
        ({"learning_rate": 0.0}, ValueError, "learning_rate must be a finite number greater than 0"),
        ({"epochs": -1}, ValueError, "epochs must be >= 0"),
    ],
)
def test_bad_settings_are_named(changes, error, message):
    X, Y = _data()
    settings = {"learning_rate": 0.01, "epochs": 1, "batch_size": 10, "rng": np.random.default_rng(0), **changes}
    with pytest.raises(error, match=message):
        minibatch_gradient_descent(X, Y, settings.pop("learning_rate"), settings.pop("epochs"),
                                   settings.pop("batch_size"), **settings)


# --- every parameter after every update, replayed by a plain loop ------------------------------

#: Seven examples of two features (typed, no generator): batches of 3 make epochs of 3, 3 and 1.
REPLAY_X = [[0.5, -1.0], [1.5, 0.25], [-0.75, 2.0], [2.0, 1.0], [-1.25, -0.5], [0.0, 1.5], [1.0, -2.0]]
REPLAY_Y = [1.0, 2.5, -0.5, 3.0, -1.0, 1.25, 0.75]


def _replay(seed, learning_rate, epochs, batch_size, momentum, decay, alpha, beta):
    """Mini-batch descent as the module docstring states it, in floats and lists.

    Epoch e draws its shuffle as one permutation of 0..m-1 from the generator
    np.random.default_rng(seed) (the generator the caller passes in, used only for this), cuts it
    into consecutive batches of batch_size (the last one shorter), scales each batch's gradient
    by its own size b, and steps with v <- mu v - rate g, theta <- theta + v, where
    rate = learning_rate / (1 + decay e). Returns the alphas, betas, examples seen and costs on
    all m examples at the start and after every update, and the permutations drawn.
    """
    m, n = len(REPLAY_X), len(REPLAY_X[0])
    shuffler = np.random.default_rng(seed)
    velocity_alpha, velocity_beta = 0.0, [0.0] * n

    def cost():
        errors = [REPLAY_Y[i] - alpha - sum(beta[j] * REPLAY_X[i][j] for j in range(n)) for i in range(m)]
        return sum(error * error for error in errors) / m

    alphas, betas, seen, costs, orders = [alpha], [list(beta)], [0], [cost()], []
    for epoch in range(epochs):
        rate = learning_rate / (1.0 + decay * epoch)
        order = [int(i) for i in shuffler.permutation(m)]
        orders.append(order)
        for start in range(0, m, batch_size):
            rows = order[start:start + batch_size]
            b = len(rows)
            g_alpha, g_beta = 0.0, [0.0] * n
            for i in rows:
                error = REPLAY_Y[i] - (alpha + sum(beta[j] * REPLAY_X[i][j] for j in range(n)))
                g_alpha += -2.0 / b * error
                for j in range(n):
                    g_beta[j] += -2.0 / b * error * REPLAY_X[i][j]
            velocity_alpha = momentum * velocity_alpha - rate * g_alpha
            velocity_beta = [momentum * v - rate * g for v, g in zip(velocity_beta, g_beta, strict=True)]
            alpha = alpha + velocity_alpha
            beta = [w + v for w, v in zip(beta, velocity_beta, strict=True)]
            alphas.append(alpha)
            betas.append(list(beta))
            seen.append(seen[-1] + b)
            costs.append(cost())
    return alphas, betas, seen, costs, orders


def test_uneven_batches_with_decay_and_momentum_replay_every_update():
    # m = 7, batches of 3: 3, 3, 1 per epoch. The short last batch, the rate of every epoch and a
    # fresh shuffle each epoch all change the numbers, so each is checked after every update.
    seed, learning_rate, epochs, batch_size, momentum, decay = 2024, 0.05, 4, 3, 0.6, 0.5
    alpha, beta = 0.3, [-0.2, 0.1]
    alphas, betas, seen, costs, orders = _replay(seed, learning_rate, epochs, batch_size, momentum, decay,
                                                 alpha, beta)
    assert seen == [0, 3, 6, 7, 10, 13, 14, 17, 20, 21, 24, 27, 28]
    assert all(a != b for a, b in itertools.pairwise(orders)), "the seed must draw a different shuffle each epoch"
    result = minibatch_gradient_descent(np.array(REPLAY_X), np.array(REPLAY_Y)[:, None], learning_rate, epochs,
                                        batch_size, rng=np.random.default_rng(seed), alpha=alpha, beta=beta,
                                        momentum=momentum, decay=decay)
    assert result.iterations_run == len(alphas) - 1 == 12 and not result.diverged
    np.testing.assert_array_equal(result.examples_seen, seen)
    np.testing.assert_allclose(result.alphas, alphas, rtol=0, atol=1e-12)
    np.testing.assert_allclose(result.betas, betas, rtol=0, atol=1e-12)
    np.testing.assert_allclose(result.costs, costs, rtol=0, atol=1e-12)
    np.testing.assert_allclose(result.alpha, [[alphas[-1]]], rtol=0, atol=1e-12)
    np.testing.assert_allclose(result.beta, [betas[-1]], rtol=0, atol=1e-12)
    assert abs(alphas[-1] - alphas[0]) > 0.1  # the run moves far more than the tolerance
