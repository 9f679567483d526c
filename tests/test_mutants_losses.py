"""gdlib.losses at the edges the other tests never reach, each against a number worked out here.

Written for the survivors of `make mutants`: cross-entropy's clipping at exactly 0 and 1, Huber's
equality with things that are not Huber losses.
"""

import math

import numpy as np
import pytest

from gdlib import losses

EPSILON = 1e-15  # the documented clip: y_hat is kept in [1e-15, 1 - 1e-15]


def test_cross_entropy_of_a_saturated_wrong_prediction_is_large_and_finite():
    bce = losses.binary_cross_entropy
    # y = 1 predicted 0: -log(EPSILON); y = 0 predicted 1: -log(1 - (1 - EPSILON)), both for m = 1.
    assert bce.value([[1.0]], [[0.0]]) == pytest.approx(-math.log(EPSILON), rel=1e-12)
    assert bce.value([[0.0]], [[1.0]]) == pytest.approx(-math.log(1.0 - (1.0 - EPSILON)), rel=1e-12)
    # Two examples: the mean of the two.
    both = bce.value([[1.0], [0.0]], [[0.0], [1.0]])
    assert both == pytest.approx((-math.log(EPSILON) - math.log(1.0 - (1.0 - EPSILON))) / 2, rel=1e-12)


def test_cross_entropy_gradient_of_a_saturated_prediction_is_finite():
    bce = losses.binary_cross_entropy
    # (P - y) / (P (1 - P)) / m with P the clipped prediction.
    low, high = EPSILON, 1.0 - EPSILON
    np.testing.assert_allclose(bce.gradient([[1.0]], [[0.0]]), [[(low - 1.0) / (low * (1 - low))]], rtol=1e-12)
    np.testing.assert_allclose(bce.gradient([[0.0]], [[1.0]]), [[high / (high * (1 - high))]], rtol=1e-12)
    np.testing.assert_allclose(bce.gradient([[0.0], [1.0]], [[1.0], [0.0]]),
                               [[high / (high * (1 - high)) / 2], [(low - 1.0) / (low * (1 - low)) / 2]], rtol=1e-12)


def test_huber_equals_only_a_huber_of_the_same_delta():
    assert losses.huber(1.0) == losses.huber(1.0) and losses.huber(1.0) != losses.huber(2.0)
    assert losses.huber(1.0) != losses.mse and losses.huber(1.0) != 1.0
    assert len({losses.huber(0.5), losses.huber(0.5), losses.huber(2.0)}) == 2


def test_a_prediction_column_of_the_wrong_length_is_blamed_against_y():
    with pytest.raises(ValueError) as raised:
        losses.mse.value(np.zeros((3, 1)), np.zeros((2, 1)))
    assert str(raised.value) == ("Y_hat must have one row per example of Y: expected 3 rows, got 2 (shape (2, 1)). "
                                 "If Y_hat is right, Y must have 2 rows instead.")


def test_huber_defaults_to_delta_one():
    assert losses.huber().delta == 1.0 and repr(losses.huber()) == "huber(delta=1)"
    assert losses.huber().value([[0.0]], [[3.0]]) == pytest.approx(1.0 * (3.0 - 0.5))  # delta (|r| - delta / 2)


def test_the_targets_and_the_weights_are_named_when_refused():
    with pytest.raises(ValueError) as raised:
        losses.mse.value(np.zeros((3, 2)), np.zeros((3, 1)))
    assert str(raised.value) == "Y must have shape (m, 1) or (m,), got a 2-D array of shape (3, 2)."
    with pytest.raises(ValueError) as raised:
        losses.weighted_mse(np.zeros((2, 2)))
    assert str(raised.value) == "weights must have shape (m, 1) or (m,), got a 2-D array of shape (2, 2)."
    with pytest.raises(ValueError) as raised:
        losses.weighted_mse([1.0, -1.0])
    assert str(raised.value) == "weights must be >= 0 and not all 0, got values from -1 to 1."
    with pytest.raises(ValueError) as raised:
        losses.weighted_mse([1.0, 2.0, 0.5]).value(np.zeros((2, 1)), np.zeros((2, 1)))
    assert str(raised.value) == "Y must have one row per weight: expected 3 rows, got 2."
