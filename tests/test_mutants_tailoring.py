"""gdlib.tailoring against plain loops: masks computed data set by data set, every refusal named.

Written for the survivors of `make mutants`: the other tests gave observed_mask one data set at a
time (so any axis did), and checked that bad input raised, not what the message said.
"""

import math

import numpy as np
import pytest
from refusals import refusal

from gdlib import tailoring


def _mask_by_hand(values, strength, missing_share, uniforms):
    """Row by row: z = (v - mean) / std (population std), p = sigmoid(strength z + logit(share)),
    observed when the uniform draw is at least p."""
    out = []
    for row, draws in zip(values, uniforms, strict=True):
        mean = sum(row) / len(row)
        std = math.sqrt(sum((v - mean) ** 2 for v in row) / len(row))
        logit = math.log(missing_share / (1 - missing_share))
        out.append([u >= 1 / (1 + math.exp(-(strength * (v - mean) / std + logit))) for v, u in zip(row, draws,
                                                                                                   strict=True)])
    return out


def test_observed_mask_standardizes_each_data_set_on_its_own():
    values = np.array([[1.0, 2.0, 3.0, 10.0], [100.0, 300.0, 200.0, 400.0], [-5.0, -4.0, -6.0, -5.5]])
    uniforms = np.array([[0.2, 0.5, 0.6, 0.9], [0.1, 0.7, 0.4, 0.95], [0.3, 0.35, 0.6, 0.5]])
    for strength in (0.0, 1.0, 2.5):
        mask = tailoring.observed_mask(values, strength, 0.4, uniforms)
        assert mask.dtype == bool and mask.tolist() == _mask_by_hand(values, strength, 0.4, uniforms)


def test_a_draw_equal_to_the_chance_of_missing_is_observed():
    # missing when U < p: with p = 0.5 exactly (strength 0, share 0.5), U = 0.5 is observed.
    assert tailoring.observed_mask([1.0, 2.0, 3.0], 0.0, 0.5, [0.5, 0.4999, 0.5001]).tolist() == [True, False, True]


def test_observed_mask_refusals_are_named():
    assert refusal(lambda: tailoring.observed_mask([1.0, 2.0], 1.0, 0.0, [0.1, 0.2])) == (
        "missing_share must be strictly between 0 and 1, got 0.0."
    )
    assert refusal(lambda: tailoring.observed_mask([1.0, 2.0], 1.0, 1, [0.1, 0.2])) == (
        "missing_share must be strictly between 0 and 1, got 1."
    )
    assert refusal(lambda: tailoring.observed_mask([1.0, 2.0], 1.0, 0.5, [0.1])) == (
        "uniforms must have the shape (2,) of the data, got (1,)."
    )
    assert refusal(lambda: tailoring.observed_mask("ab", 1.0, 0.5, [0.1]), TypeError).startswith(
        "values must contain real numbers")


def test_the_spd_checks_say_what_is_wrong_with_which_matrix():
    x, Y = np.arange(4.0), np.ones((4, 2))
    assert refusal(lambda: tailoring.shared_line_fit(x, Y, np.ones((2, 3)))) == (
        "W must be a square matrix (k, k), got shape (2, 3)."
    )
    assert refusal(lambda: tailoring.shared_line_fit(x, Y, np.ones(2))) == (
        "W must be a square matrix (k, k), got shape (2,)."
    )
    assert refusal(lambda: tailoring.shared_line_fit(x, Y, [[1.0, 0.5], [0.0, 1.0]])) == "W must be symmetric."
    assert refusal(lambda: tailoring.shared_line_fit(x, Y, [[1.0, 0.0], [0.0, 0.0]])) == (
        "W must be positive definite; its smallest eigenvalue is 0."
    )
    assert refusal(lambda: tailoring.shared_line_fit(x, Y, [[1.0, 2.0], [2.0, 1.0]])) == (
        "W must be positive definite; its smallest eigenvalue is -1."
    )
    assert refusal(lambda: tailoring.shared_line_fit(x, Y, "W"), TypeError).startswith("W must contain real")
    assert refusal(lambda: tailoring.shared_line_fit(x, "Y"), TypeError).startswith("Y must contain real")
    assert refusal(lambda: tailoring.shared_line_fit(x, np.ones(4))) == (
        "Y must have shape (..., m, k), got shape (4,)."
    )
    assert refusal(lambda: tailoring.inverse_sqrt([[1.0, 2.0], [3.0, 1.0]])) == "Sigma must be symmetric."


def test_the_shared_line_is_the_line_through_the_w_weighted_averages():
    # With W = [[2, 1], [1, 3]], 1^T W = (3, 4): y_bar = (3 y_1 + 4 y_2) / 7.
    x = np.array([0.0, 1.0, 2.0])
    Y = np.array([[1.0, 8.0], [2.0, 1.0], [0.0, 4.0]])
    a, b = tailoring.shared_line_fit(x, Y, [[2.0, 1.0], [1.0, 3.0]])
    averaged = [(3 * y1 + 4 * y2) / 7 for y1, y2 in Y]
    # the plain line through (0, 35/7), (1, 10/7), (2, 16/7): slope and intercept by the normal equations
    x_mean, y_mean = 1.0, sum(averaged) / 3
    slope = sum((xi - x_mean) * (yi - y_mean) for xi, yi in zip(x, averaged, strict=True)) / 2.0
    assert float(b) == pytest.approx(slope, abs=1e-12) and float(a) == pytest.approx(y_mean - slope * x_mean, abs=1e-12)


def test_the_heatmap_refusals_are_named():
    image = np.zeros((3, 3))
    assert refusal(lambda: tailoring.heatmap_cost([1.0, 1.0], np.zeros((3, 4)), np.ones((3, 4)), 1.0)) == (
        "target must be a square image (size, size), got shape (3, 4)."
    )
    assert refusal(lambda: tailoring.heatmap_cost([1.0, 1.0], np.zeros(3), np.ones(3), 1.0)) == (
        "target must be a square image (size, size), got shape (3,)."
    )
    assert refusal(lambda: tailoring.heatmap_cost([1.0, 1.0], "t", image, 1.0), TypeError).startswith(
        "target must contain real")
    assert refusal(lambda: tailoring.heatmap_cost([1.0, 1.0], image, np.ones((2, 2)), 1.0)) == (
        "visibility must have the shape (3, 3) of the data, got (2, 2)."
    )
    assert refusal(lambda: tailoring.gaussian_heatmap([1.0, 2.0, 3.0], 3, 1.0)) == (
        "center must be a (column, row) pair of shape (2,), got shape (3,)."
    )
    assert refusal(lambda: tailoring.gaussian_heatmap("c", 3, 1.0), TypeError).startswith("center must contain real")
    assert refusal(lambda: tailoring.gaussian_heatmap([1.0, 2.0], 3, 0.0)) == (
        "width must be a finite number greater than 0, got 0.0."
    )
    assert refusal(lambda: tailoring.fit_heatmap_center(image, image, "s", 1.0, 0.1, 2), TypeError).startswith(
        "start must contain real")


def test_weighted_line_fits_refusals_are_named():
    x = np.array([0.0, 1.0, 2.0])
    assert refusal(lambda: tailoring.weighted_line_fits(2.0, 1.0)) == (
        "x must have at least two examples along its last axis, got shape ()."
    )
    assert refusal(lambda: tailoring.weighted_line_fits([1.0], [1.0])) == (
        "x must have at least two examples along its last axis, got shape (1,)."
    )
    assert refusal(lambda: tailoring.weighted_line_fits("x", [1.0]), TypeError).startswith("x must contain real")
    assert refusal(lambda: tailoring.weighted_line_fits(x, [1.0, 2.0])) == (
        "Y must have the shape (3,) of the data, got (2,)."
    )
    assert refusal(lambda: tailoring.weighted_line_fits(x, [1.0, np.inf, 2.0])) == (
        "Y must contain only finite numbers."
    )
    assert refusal(lambda: tailoring.weighted_line_fits(x, [1.0, 2.0, 2.0], [1.0, -1.0, 1.0])) == (
        "weights must be >= 0, got a minimum of -1."
    )
    assert refusal(lambda: tailoring.weighted_line_fits(x, [1.0, 2.0, 2.0], [0.0, 0.0, 0.0])) == (
        "weights must not be all 0 for any data set: nothing would be fitted."
    )
    assert refusal(lambda: tailoring.weighted_line_fits(x, "Y"), TypeError).startswith("Y must contain real")
