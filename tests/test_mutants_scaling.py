"""gdlib.scaling against numbers worked out here: each refusal in full and each formula at a point
where any slip shows.

Written for the survivors of `make mutants`.
"""

import math

import numpy as np
import pytest
from refusals import refusal

import gdlib
from gdlib import scaling


def test_standardize_by_hand_and_its_refusals():
    Z, mean, std = scaling.standardize([[1.0, 10.0], [3.0, 10.5], [5.0, 12.0]])
    # column 0: mean 3, population std sqrt(8/3); column 1: mean 32.5/3
    assert mean.shape == (1, 2) and std.shape == (1, 2)
    np.testing.assert_allclose(mean, [[3.0, 32.5 / 3]], rtol=1e-15)
    s1 = math.sqrt(((10 - 32.5 / 3) ** 2 + (10.5 - 32.5 / 3) ** 2 + (12 - 32.5 / 3) ** 2) / 3)
    np.testing.assert_allclose(std, [[math.sqrt(8 / 3), s1]], rtol=1e-14)
    np.testing.assert_allclose(Z[:, 0], [-2 / math.sqrt(8 / 3), 0.0, 2 / math.sqrt(8 / 3)], rtol=1e-14)
    assert refusal(lambda: scaling.standardize([[1.0, 5.0], [2.0, 5.0]])) == (
        "X must not have constant columns to be standardized; column(s) [1] have zero standard deviation "
        "(drop them: the bias alpha already plays their role)."
    )
    # a large constant column is constant even with rounding in its std: 1e-12 relative to the mean
    assert refusal(lambda: scaling.standardize([[1.0, 1e9], [2.0, 1e9 + 1e-4]])).startswith(
        "X must not have constant columns to be standardized; column(s) [1]")
    # a tiny but real spread is not constant
    Z, _, _ = scaling.standardize([[1.0, 0.0], [2.0, 1e-9]])
    np.testing.assert_allclose(Z[:, 1], [-1.0, 1.0], rtol=1e-6)


def test_unstandardize_gives_the_same_predictions_and_refuses_mismatched_shapes():
    X = np.array([[1.0, 10.0], [3.0, 10.5], [5.0, 12.0]])
    Z, mean, std = scaling.standardize(X)
    alpha_z, beta_z = 0.7, [1.5, -2.0]
    alpha, beta = scaling.unstandardize_parameters(alpha_z, beta_z, mean, std)
    assert alpha.shape == (1, 1) and beta.shape == (1, 2)
    for i in range(3):
        by_z = 0.7 + sum(b * z for b, z in zip(beta_z, Z[i], strict=True))
        by_x = alpha[0, 0] + sum(b * x for b, x in zip(beta[0], X[i], strict=True))
        assert by_x == pytest.approx(by_z, rel=1e-12)
    assert refusal(lambda: scaling.unstandardize_parameters(0.0, [1.0, 2.0], mean, [[1.0, 2.0, 3.0]])) == (
        "std must have the shape of mean (1, 2), got (1, 3)."
    )
    assert gdlib.unstandardize_parameters is scaling.unstandardize_parameters


def test_a_tiny_spread_around_zero_is_not_constant():
    # std 1.5e-12 around a mean of 1.5e-12: the threshold is 1e-12 * max(1, |mean|) = 1e-12
    Z, _, std = scaling.standardize([[1.0, 0.0], [2.0, 3e-12]])
    assert std[0, 1] == pytest.approx(1.5e-12, rel=1e-9)
    np.testing.assert_allclose(Z[:, 1], [-1.0, 1.0], rtol=1e-9)


def test_a_spread_exactly_at_the_threshold_counts_as_constant():
    # [0, 2e-12]: mean 1e-12, population std exactly 1e-12 = 1e-12 * max(1, |mean|)
    with pytest.raises(ValueError) as raised:
        scaling.standardize([[1.0, 0.0], [2.0, 2e-12]])
    assert str(raised.value).startswith("X must not have constant columns to be standardized; column(s) [1]")
