"""Notebook 11's checker: it passes the reference and names every classic mistake, each written here
as a small mutant of a correct learner's function."""

import numpy as np
import pytest

from gdlib.exercises import check_tanh_unit_gradient
from gdlib.exercises.loss_landscapes import tanh_unit_gradient_exercise
from gdlib.tiny_network import network_gradient


def right_gradient(x, Y, w1, w2):
    m = x.shape[0]
    t = np.tanh(w1 * x)
    r = Y - w2 * t
    return -(2 / m) * np.sum(r * w2 * x * (1 - t**2)), -(2 / m) * np.sum(r * t)


def with_means(x, Y, w1, w2):
    t = np.tanh(w1 * x)
    r = Y - w2 * t
    return -2 * np.mean(r * w2 * x * (1 - t**2)), -2 * np.mean(r * t)


def flipped_sign(x, Y, w1, w2):
    m = x.shape[0]
    t = np.tanh(w1 * x)
    r = Y - w2 * t
    return (2 / m) * np.sum(r * w2 * x * (1 - t**2)), (2 / m) * np.sum(r * t)


def no_factor_two(x, Y, w1, w2):
    t = np.tanh(w1 * x)
    r = Y - w2 * t
    return -np.mean(r * w2 * x * (1 - t**2)), -np.mean(r * t)


def sum_for_mean(x, Y, w1, w2):
    t = np.tanh(w1 * x)
    r = Y - w2 * t
    return -2 * np.sum(r * w2 * x * (1 - t**2)), -2 * np.sum(r * t)


def no_tanh_derivative(x, Y, w1, w2):
    m = x.shape[0]
    t = np.tanh(w1 * x)
    r = Y - w2 * t
    return -(2 / m) * np.sum(r * w2 * x), -(2 / m) * np.sum(r * t)


def one_minus_z_squared(x, Y, w1, w2):
    m = x.shape[0]
    z = w1 * x
    r = Y - w2 * np.tanh(z)
    return -(2 / m) * np.sum(r * w2 * x * (1 - z**2)), -(2 / m) * np.sum(r * np.tanh(z))


def one_minus_tanh(x, Y, w1, w2):
    m = x.shape[0]
    t = np.tanh(w1 * x)
    r = Y - w2 * t
    return -(2 / m) * np.sum(r * w2 * x * (1 - t)), -(2 / m) * np.sum(r * t)


def no_outer_weight(x, Y, w1, w2):
    m = x.shape[0]
    t = np.tanh(w1 * x)
    r = Y - w2 * t
    return -(2 / m) * np.sum(r * x * (1 - t**2)), -(2 / m) * np.sum(r * t)


def no_inner_factor(x, Y, w1, w2):
    m = x.shape[0]
    t = np.tanh(w1 * x)
    r = Y - w2 * t
    return -(2 / m) * np.sum(r * w2 * (1 - t**2)), -(2 / m) * np.sum(r * t)


def flattened_targets(x, Y, w1, w2):
    m = x.shape[0]
    t = np.tanh(w1 * x)
    r = Y.ravel() - w2 * t  # (m,) against (m, 1): an (m, m) table
    return -(2 / m) * np.sum(r * w2 * x * (1 - t**2)), -(2 / m) * np.sum(r * t)


def flattened_inputs(x, Y, w1, w2):
    x = x[:, 0]
    t = np.tanh(w1 * x)
    r = Y - w2 * t  # (m, 1) against (m,)
    return -2 * np.mean(r * w2 * x * (1 - t**2)), -2 * np.mean(r * t)


def in_place(x, Y, w1, w2):
    m = x.shape[0]
    t = np.tanh(w1 * x)
    Y -= w2 * t
    return -(2 / m) * np.sum(Y * w2 * x * (1 - t**2)), -(2 / m) * np.sum(Y * t)


def as_columns(x, Y, w1, w2):
    m = x.shape[0]
    t = np.tanh(w1 * x)
    r = Y - w2 * t
    return -(2 / m) * np.sum(r * w2 * x * (1 - t**2), keepdims=True), -(2 / m) * np.sum(r * t)


def one_array(x, Y, w1, w2):
    return np.array(right_gradient(x, Y, w1, w2))


def raises(x, Y, w1, w2):
    t = np.tanh(w1 * x)
    r = Y - w2 * t
    return -2 * np.mean(r * w2 * x * (1 - t**2)), -2 * np.mean(r @ t)


def starter(x, Y, w1, w2):
    """The starter cell's body."""
    ...


def test_the_reference_and_a_learners_right_answers_pass():
    assert check_tanh_unit_gradient(lambda x, Y, w1, w2: tuple(network_gradient(x, Y, (w1, w2)))).passed
    for right in (right_gradient, with_means):
        result = check_tanh_unit_gradient(right)
        assert result.passed and "correct on all 6 held-out cases" in result.message, result.message


@pytest.mark.parametrize(("mutant", "diagnosis"), [
    (flipped_sign, "`d_w1` and `d_w2` look like the sign is flipped"),
    (no_factor_two, "factor 2 is missing"),
    (sum_for_mean, "a sum where the mean belongs"),
    (no_tanh_derivative, "`d_w2` is right. `d_w1` looks like the derivative of tanh is missing"),
    (one_minus_z_squared, "`d_w1` looks like the derivative of tanh is written 1 − z²"),
    (one_minus_tanh, "written 1 − tanh(z) (the square is missing)"),
    (no_outer_weight, "`d_w1` looks like the outer weight w₂ is missing"),
    (no_inner_factor, "`d_w1` looks like the inner factor x is missing"),
    (flattened_targets, "broadcast them into an (m, m) table"),
    (flattened_inputs, "broadcast them into an (m, m) table"),
    (in_place, "changed the caller's `Y` in place"),
    (one_array, "should return 2 things, (d_w1, d_w2)"),
    (raises, "raised ValueError"),
    (starter, "not written yet"),
])
def test_each_classic_mistake_is_named(mutant, diagnosis):
    result = check_tanh_unit_gradient(mutant)
    assert not result.passed
    assert diagnosis in result.message, result.message


def test_an_exception_names_the_line_in_the_learners_function():
    message = check_tanh_unit_gradient(raises).message
    assert "line 4 of `raises`" in message and "r @ t" in message
    assert "gdlib" not in message


def test_an_unmatched_mistake_shows_the_first_case_that_differs():
    def off_by_a_little(x, Y, w1, w2):
        d_w1, d_w2 = right_gradient(x, Y, w1, w2)
        return d_w1, d_w2 * 1.1

    message = check_tanh_unit_gradient(off_by_a_little).message
    assert "`d_w1` is right" in message
    assert "`d_w2` differs from the expected value on a case with x of shape (1, 1)" in message


def test_the_cases_are_awkward_enough_for_each_mistake_to_show():
    cases = [case.args for case in tanh_unit_gradient_exercise().cases]
    sizes = [x.shape[0] for x, *_ in cases]
    assert 1 in sizes and max(sizes) > 5  # a sum and a mean agree only when m = 1
    scales = [np.abs(x).max() for x, *_ in cases]
    assert max(scales) > 30 and min(scales) < 0.1
    assert all(w1 != 0 and abs(w2) != 1 for _, _, w1, w2 in cases)  # w2 = ±1 would hide a missing w2
    # tanh is neither linear (1 - t² ≈ 1) nor flat (≈ 0) on every case: |w1 x| reaches past 0.5
    assert all(np.abs(w1 * x).max() > 0.5 for x, _, w1, _ in cases)


def test_one_number_in_a_1_by_1_array_counts_as_that_number():
    assert check_tanh_unit_gradient(as_columns).passed
