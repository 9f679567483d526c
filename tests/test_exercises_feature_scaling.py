"""Notebook 05's checker: it passes the reference and a learner's right answer, and names every
classic mistake, each written here as a small mutant of a correct learner's function."""

import numpy as np
import pytest

import gdlib
from gdlib.exercises import check_standardize
from gdlib.exercises.feature_scaling import standardize_exercise


def right(X):
    mean = X.mean(axis=0, keepdims=True)
    std = X.std(axis=0, keepdims=True)
    return (X - mean) / std, mean, std


def right_by_hand(X):
    m = X.shape[0]
    mean = np.sum(X, axis=0, keepdims=True) / m
    std = np.sqrt(np.sum((X - mean) ** 2, axis=0, keepdims=True) / m)
    return (X - mean) / std, mean, std


def sample_std(X):
    mean = X.mean(axis=0, keepdims=True)
    std = X.std(axis=0, ddof=1, keepdims=True)
    return (X - mean) / std, mean, std


def over_rows(X):
    mean = X.mean(axis=1, keepdims=True)
    std = X.std(axis=1, keepdims=True)
    return (X - mean) / std, mean, std


def whole_array(X):
    mean = X.mean()
    std = X.std()
    return (X - mean) / std, mean, std


def whole_array_kept_2d(X):
    mean = X.mean(keepdims=True)
    std = X.std(keepdims=True)
    return (X - mean) / std, mean, std


def over_variance(X):
    mean = X.mean(axis=0, keepdims=True)
    std = X.var(axis=0, keepdims=True)
    return (X - mean) / std, mean, std


def over_variance_right_std(X):
    mean = X.mean(axis=0, keepdims=True)
    std = X.std(axis=0, keepdims=True)
    return (X - mean) / std**2, mean, std


def not_centred(X):
    mean = X.mean(axis=0, keepdims=True)
    std = X.std(axis=0, keepdims=True)
    return X / std, mean, std


def not_scaled(X):
    mean = X.mean(axis=0, keepdims=True)
    std = X.std(axis=0, keepdims=True)
    return X - mean, mean, std


def swapped(X):
    mean = X.mean(axis=0, keepdims=True)
    std = X.std(axis=0, keepdims=True)
    return (X - mean) / std, std, mean


def flattened(X):
    mean = X.mean(axis=0)
    std = X.std(axis=0)
    return (X - mean) / std, mean, std


def in_place(X):
    mean = X.mean(axis=0, keepdims=True)
    std = X.std(axis=0, keepdims=True)
    X -= mean
    X /= std
    return X, mean, std


def only_Z(X):
    return (X - X.mean(axis=0)) / X.std(axis=0)


def raises(X):
    mean = X.mean(axis=0, keepdims=True)
    std = X.std(axis=0, keepdims=True)
    return (X - mean) / std @ std, mean, std


def starter(X):
    """The starter cell's body."""
    ...


@pytest.mark.parametrize("function", [gdlib.standardize, right, right_by_hand])
def test_the_reference_and_right_answers_pass(function):
    result = check_standardize(function)
    assert result.passed and "correct on all 7 held-out cases" in result.message, result.message


@pytest.mark.parametrize(("mutant", "diagnosis"), [
    (sample_std, "`Z` and `std` look like the sample standard deviation, which divides by m − 1 (ddof=1)"),
    (over_rows, "statistics over each row (axis=1)"),
    (whole_array, "one mean and one std for the whole array"),
    (whole_array_kept_2d, "one mean and one std for the whole array"),
    (over_variance, "`Z` and `std` look like dividing by the variance"),
    (over_variance_right_std, "`mean` and `std` are right. `Z` looks like dividing by the variance"),
    (not_centred, "`mean` and `std` are right. `Z` looks like scaling without centring"),
    (not_scaled, "`mean` and `std` are right. `Z` looks like centring without scaling"),
    (swapped, "`Z` is right. `mean` and `std` look like mean and std returned in each other's place"),
    (flattened, "`mean` has the right numbers but lost a dimension: shape (1,), where (1, 1)"),
    (in_place, "changed the caller's `X` in place"),
    (only_Z, "should return 3 things, (Z, mean, std)"),
    (raises, "raised ValueError"),
    (starter, "not written yet"),
])
def test_each_classic_mistake_is_named(mutant, diagnosis):
    result = check_standardize(mutant)
    assert not result.passed
    assert diagnosis in result.message, result.message


def test_statistics_of_the_wrong_shape_are_named_with_their_shape():
    message = check_standardize(over_rows).message
    assert "`mean` has shape (2, 1) where (1, 1) is expected" in message  # the first input is (2, 1)
    message = check_standardize(whole_array).message
    assert "`Z`, `mean` and `std` look like one mean and one std for the whole array" in message
    assert "Also, `mean` has shape () where (1, 1) is expected" in message


def test_a_starter_is_not_a_wrong_answer():
    result = check_standardize(starter)
    assert not result.passed and not result.written
    assert repr(result).startswith("… standardize: not written yet")


def test_an_unmatched_mistake_shows_the_first_case_that_differs():
    def shifted(X):
        Z, mean, std = right(X)
        return Z + 0.5, mean, std

    message = check_standardize(shifted).message
    assert "`mean` and `std` are right" in message
    assert "`Z` differs from the expected value on a case with X of shape (2, 1)" in message


def test_the_cases_cover_awkward_shapes_and_scales_and_no_constant_column():
    cases = standardize_exercise().cases
    shapes = [case.args[0].shape for case in cases]
    assert all(m >= 2 for m, _ in shapes)
    assert any(n == 1 for _, n in shapes) and any(n > m for m, n in shapes)
    stds = np.concatenate([case.args[0].std(axis=0) for case in cases])
    assert stds.min() < 0.1 and stds.max() > 100 and np.all(stds > 1e-6)
    means = [case.args[0].mean(axis=0) for case in cases]
    assert all(np.all(np.abs(mean) > 1e-3) for mean in means)
    assert any(np.ptp(mean) > 1.0 for mean in means)  # columns with different means


def test_the_mistakes_are_told_apart_on_a_hand_made_input():
    # Column 0 is (1, 3): mean 2, std 1 (ddof=0) or √2 (ddof=1); column 1 is (10, 30): mean 20, std 10.
    X = np.array([[1.0, 10.0], [3.0, 30.0]])
    Z, mean, std = gdlib.standardize(X)
    np.testing.assert_array_equal(Z, [[-1.0, -1.0], [1.0, 1.0]])
    np.testing.assert_array_equal(mean, [[2.0, 20.0]])
    np.testing.assert_array_equal(std, [[1.0, 10.0]])
    np.testing.assert_allclose(sample_std(X)[2], [[np.sqrt(2), 10 * np.sqrt(2)]])
    np.testing.assert_allclose(over_variance(X)[0], [[-1.0, -0.1], [1.0, 0.1]])
    np.testing.assert_allclose(not_centred(X)[0], [[1.0, 1.0], [3.0, 3.0]])
