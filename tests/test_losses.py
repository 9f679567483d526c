"""The losses of gdlib.losses, the sigmoid, standardization, and descent with any loss."""

import warnings

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import gdlib
from gdlib import losses
from gdlib.activations import sigmoid

LOSSES = [losses.mse, losses.mae, losses.huber(0.5), losses.huber(3.0), losses.binary_cross_entropy]


def _labels_and_predictions(seed: int, loss):
    rng = np.random.default_rng(seed)
    if loss is losses.binary_cross_entropy:
        return rng.integers(0, 2, size=(9, 1)).astype(float), rng.uniform(0.05, 0.95, size=(9, 1))
    return rng.normal(size=(9, 1)) * 3, rng.normal(size=(9, 1)) * 3


@pytest.mark.parametrize("loss", LOSSES, ids=repr)
@given(seed=st.integers(0, 10_000))
def test_gradient_equals_numerical_gradient(loss, seed):
    Y, Y_hat = _labels_and_predictions(seed, loss)
    analytic = loss.gradient(Y, Y_hat)
    numeric = gdlib.numerical_gradient(lambda p: loss.value(Y, p), Y_hat)
    assert analytic.shape == (9, 1)
    np.testing.assert_allclose(analytic, numeric, atol=1e-6)


def test_values_by_hand():
    Y = np.array([[1.0], [2.0], [3.0], [10.0]])
    Y_hat = np.array([[1.5], [2.0], [1.0], [4.0]])  # errors 0.5, 0, -2... as y - y_hat: -0.5, 0, 2, 6
    assert losses.mse.value(Y, Y_hat) == pytest.approx((0.25 + 0 + 4 + 36) / 4)
    assert losses.mae.value(Y, Y_hat) == pytest.approx((0.5 + 0 + 2 + 6) / 4)
    # huber(1): 0.5 e^2 inside, 1 * (|e| - 0.5) outside
    assert losses.huber(1.0).value(Y, Y_hat) == pytest.approx((0.125 + 0 + 1.5 + 5.5) / 4)
    np.testing.assert_allclose(losses.huber(1.0).gradient(Y, Y_hat), [[0.125], [0], [-0.25], [-0.25]])
    np.testing.assert_allclose(losses.mae.gradient(Y, Y_hat), [[0.25], [0], [-0.25], [-0.25]])
    labels, probabilities = np.array([[1.0], [0.0]]), np.array([[0.8], [0.4]])
    assert losses.binary_cross_entropy.value(labels, probabilities) == pytest.approx(-(np.log(0.8) + np.log(0.6)) / 2)


def test_huber_is_mse_like_inside_and_mae_like_outside():
    Y = np.zeros((3, 1))
    small, large = np.full((3, 1), 0.1), np.full((3, 1), 100.0)
    assert losses.huber(1.0).value(Y, small) == pytest.approx(0.5 * losses.mse.value(Y, small))
    assert losses.huber(1.0).value(Y, large) == pytest.approx(losses.mae.value(Y, large) - 0.5)


def test_bad_arguments_are_named():
    with pytest.raises(ValueError, match="Y_hat must have one row per example"):
        losses.mse.value(np.zeros((3, 1)), np.zeros((4, 1)))
    with pytest.raises(ValueError, match="delta must be a finite number greater than 0, got -1"):
        losses.huber(-1)
    with pytest.raises(ValueError, match="labels between 0 and 1"):
        losses.binary_cross_entropy.value(np.array([[2.0]]), np.array([[0.5]]))
    with pytest.raises(TypeError, match="loss must be one of gdlib.losses"):
        gdlib.gradient_descent(np.ones((3, 1)), np.ones(3), 0.1, 3, loss="mse")
    with pytest.raises(TypeError, match="activation must be None or one of gdlib.activations"):
        gdlib.gradient_descent(np.ones((3, 1)), np.ones(3), 0.1, 3, activation=np.tanh)


def test_descent_with_the_mse_object_matches_the_default_exactly():
    X, Y = gdlib.load_worked_example()
    fast = gdlib.gradient_descent(X, Y, 0.05, 300)
    chained = gdlib.gradient_descent(X, Y, 0.05, 300, loss=losses.huber(1e9))  # huber = mse / 2 here
    default = gdlib.gradient_descent(X, Y, 0.05, 300, loss=losses.mse)
    np.testing.assert_array_equal(fast.costs, default.costs)
    np.testing.assert_allclose(chained.costs * 2, gdlib.gradient_descent(X, Y, 0.025, 300).costs, rtol=1e-10)


def test_mae_fit_of_a_constant_is_the_median():
    # An all-zero feature leaves only the bias to fit: a constant prediction.
    Y = np.array([[1.0], [2.0], [3.0], [4.0], [100.0]])
    X = np.zeros((5, 1))
    result = gdlib.gradient_descent(X, Y, 0.5, 4_000, loss=losses.mae)
    assert result.alpha[0, 0] == pytest.approx(np.median(Y), abs=0.15)
    mse_fit = gdlib.gradient_descent(X, Y, 0.4, 500)
    assert mse_fit.alpha[0, 0] == pytest.approx(np.mean(Y), rel=1e-6)


def test_logistic_regression_with_cross_entropy_reaches_a_known_separation():
    X = np.array([[-2.0], [-1.0], [-0.5], [0.5], [1.0], [2.0]])
    Y = np.array([[0.0], [0.0], [1.0], [0.0], [1.0], [1.0]])
    result = gdlib.gradient_descent(X, Y, 1.0, 3_000, loss=losses.binary_cross_entropy, activation=sigmoid)
    # At the optimum of cross-entropy, the mean predicted probability equals the mean label.
    P = sigmoid(result.alpha + X @ result.beta.T)
    assert P.mean() == pytest.approx(Y.mean(), abs=1e-6)
    assert np.mean((P > 0.5) == (Y > 0.5)) == pytest.approx(4 / 6)


def test_sigmoid_is_stable_and_its_derivative_matches_finite_differences():
    z = np.array([[-800.0], [-30.0], [0.0], [2.0], [800.0]])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        values = sigmoid(z)
    np.testing.assert_allclose(values[[0, 2, 4]], [[0.0], [0.5], [1.0]])
    assert 0 < sigmoid.derivative(np.array([[30.0]]))[0, 0] < 1e-12
    middle = np.array([[-3.0], [0.0], [1.5]])
    numeric = gdlib.numerical_gradient(lambda v: float(sigmoid(v).sum()), middle)
    np.testing.assert_allclose(sigmoid.derivative(middle), numeric, atol=1e-9)


def test_softmax_rows_sum_to_one_even_for_large_logits():
    P = gdlib.softmax(np.array([[1000.0, 1001.0, 999.0], [0.0, 0.0, 0.0]]))
    np.testing.assert_allclose(P.sum(axis=1), 1.0)
    np.testing.assert_allclose(P[1], 1 / 3)


def test_standardized_fit_maps_back_to_the_raw_least_squares_fit():
    rng = np.random.default_rng(3)
    X = np.column_stack([rng.integers(1, 6, 40), rng.uniform(5_000, 50_000, 40)])
    Y = 20 + 3 * X[:, :1] + 0.002 * X[:, 1:] + rng.normal(size=(40, 1))
    Z, mean, std = gdlib.standardize(X)
    np.testing.assert_allclose(Z.mean(axis=0), 0, atol=1e-12)
    np.testing.assert_allclose(Z.std(axis=0), 1)
    fit = gdlib.gradient_descent(Z, Y, 0.5, 2_000)
    alpha, beta = gdlib.unstandardize_parameters(fit.alpha, fit.beta, mean, std)
    A = np.hstack([np.ones((40, 1)), X])
    theta = np.linalg.lstsq(A, Y, rcond=None)[0]
    np.testing.assert_allclose(alpha, theta[:1], rtol=1e-8)
    np.testing.assert_allclose(beta, theta[1:].T, rtol=1e-8)


def test_standardize_refuses_a_constant_column():
    with pytest.raises(ValueError, match=r"column\(s\) \[1\]"):
        gdlib.standardize(np.array([[1.0, 5.0], [2.0, 5.0], [3.0, 5.0]]))


def test_cross_entropy_after_a_sigmoid_is_exact_for_saturated_logits():
    # y = 0 with z = 30: the probability 1 - 4e-14 rounds badly; from the logits nothing is lost.
    Y, z = np.array([[0.0], [1.0]]), np.array([[30.0], [-40.0]])
    expected_value = (30 + np.log1p(np.exp(-30.0)) + 40 + np.log1p(np.exp(-40.0))) / 2  # -log(1 - s(30)), -log s(-40)
    assert losses.binary_cross_entropy.value_from_logits(Y, z) == pytest.approx(expected_value, rel=1e-15)
    expected_gradient = (np.array([[1 / (1 + np.exp(-30.0))], [1 / (1 + np.exp(40.0))]]) - Y) / 2
    np.testing.assert_allclose(losses.binary_cross_entropy.gradient_from_logits(Y, z), expected_gradient, rtol=1e-15)
    # gradient descent takes this route: one step from alpha = 30 moves alpha by lr * (s(30) - 0) / 1 exactly
    step = gdlib.gradient_descent(np.zeros((1, 1)), [0.0], 0.5, 1, alpha=30.0, loss=losses.binary_cross_entropy,
                                  activation=sigmoid)
    assert step.alpha[0, 0] == 30.0 - 0.5 / (1 + np.exp(-30.0))
    assert step.costs[0] == pytest.approx(30 + np.log1p(np.exp(-30.0)), rel=1e-15)


def test_logit_route_agrees_with_the_chain_rule_where_both_are_accurate():
    rng = np.random.default_rng(5)
    X = rng.normal(size=(20, 2))
    Y = (rng.uniform(size=(20, 1)) < 0.5).astype(float)
    from gdlib.activations import Activation

    class PlainSigmoid(Activation):  # the same function, but not gdlib's sigmoid: forces the chain rule
        name = "plain sigmoid"

        def value(self, z):
            return sigmoid.value(z)

        def derivative(self, z):
            return sigmoid.derivative(z)

    fused = gdlib.gradient_descent(X, Y, 0.5, 200, loss=losses.binary_cross_entropy, activation=sigmoid)
    chained = gdlib.gradient_descent(X, Y, 0.5, 200, loss=losses.binary_cross_entropy, activation=PlainSigmoid())
    np.testing.assert_allclose(fused.costs, chained.costs, rtol=1e-10)
    np.testing.assert_allclose(fused.beta, chained.beta, rtol=1e-10)
