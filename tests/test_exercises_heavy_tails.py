"""Notebook 05's checker: it passes the reference and learner-style right answers, and names every
classic mistake, each written here as a small mutant of a correct learner's least_squares_slopes.
Expected values come from numpy.polyfit and plain loops, never from the checker's reference."""

import numpy as np
import pytest

from gdlib.exercises import check_least_squares_slopes
from gdlib.exercises.heavy_tails import least_squares_slopes, least_squares_slopes_cases


def right_with_weights(x, Y_sim):
    centred = x - x.mean()
    weights = centred / np.sum(centred**2)
    return Y_sim @ weights


def right_with_both_centred(x, Y_sim):
    x_c = x - np.mean(x)
    Y_c = Y_sim - Y_sim.mean(axis=1, keepdims=True)
    return (Y_c @ x_c) / (x_c @ x_c)


def right_with_polyfit(x, Y_sim):
    return np.polyfit(x, Y_sim.T, 1)[0]


def not_centred(x, Y_sim):
    return Y_sim @ x / np.sum(x**2)


def denominator_not_centred(x, Y_sim):
    return Y_sim @ (x - x.mean()) / np.sum(x**2)


def divides_by_m(x, Y_sim):
    return Y_sim @ (x - x.mean()) / len(x)


def square_root_denominator(x, Y_sim):
    centred = x - x.mean()
    return Y_sim @ centred / np.sqrt(np.sum(centred**2))


def cov_over_var(x, Y_sim):
    return np.array([np.cov(x, y)[0, 1] / np.var(x) for y in Y_sim])


def var_over_cov_ddof(x, Y_sim):
    centred = x - x.mean()
    return (Y_sim @ centred / len(x)) / np.var(x, ddof=1)


def flipped_sign(x, Y_sim):
    centred = x.mean() - x
    return Y_sim @ centred / np.sum(centred**2)


def x_on_y(x, Y_sim):
    Y_c = Y_sim - Y_sim.mean(axis=1, keepdims=True)
    return Y_c @ (x - x.mean()) / np.sum(Y_c**2, axis=1)


def intercepts(x, Y_sim):
    centred = x - x.mean()
    slopes = Y_sim @ centred / np.sum(centred**2)
    return Y_sim.mean(axis=1) - slopes * x.mean()


def columns(x, Y_sim):
    centred = x - x.mean()
    return Y_sim.T @ centred / np.sum(centred**2)


def column_result(x, Y_sim):
    centred = x - x.mean()
    return (Y_sim @ centred / np.sum(centred**2)).reshape(-1, 1)


def one_mean_slope(x, Y_sim):
    centred = x - x.mean()
    return np.mean(Y_sim @ centred / np.sum(centred**2))


def in_place(x, Y_sim):
    x -= x.mean()
    return Y_sim @ x / np.sum(x**2)


def returns_nothing(x, Y_sim):
    centred = x - x.mean()
    slopes = Y_sim @ centred / np.sum(centred**2)  # noqa: F841 - the forgotten return


def starter(x, Y_sim):
    """The starter cell's body."""
    ...


def _slopes_by_loops(x, Y_sim):
    """Each row's least-squares slope from np.polyfit, one row at a time."""
    return np.array([np.polyfit(x, row, 1)[0] for row in Y_sim])


def test_the_reference_is_the_least_squares_slope_of_each_row():
    for case in least_squares_slopes_cases():
        x, Y_sim = case.args
        slopes = least_squares_slopes(x, Y_sim)
        assert slopes.shape == (Y_sim.shape[0],)
        np.testing.assert_allclose(slopes, _slopes_by_loops(x, Y_sim), rtol=1e-9, atol=1e-9 * np.abs(Y_sim).max())


def test_the_cases_are_awkward():
    cases = least_squares_slopes_cases()
    shapes = [case.args[1].shape for case in cases]
    assert (1, 2) in shapes  # one data set, the fewest points a line needs
    assert any(trials == m for trials, m in shapes)  # square: rows and columns can be mixed up
    assert any(m == 11 for _, m in shapes)  # the lesson's eleven x values
    assert all(abs(case.args[0].mean()) > 0.5 for case in cases)  # x not centred, so centring matters
    scales = [np.abs(case.args[1]).max() for case in cases]
    assert max(scales) > 500 and min(scales) < 0.1


def test_the_reference_and_learners_right_answers_pass():
    for function in (least_squares_slopes, right_with_weights, right_with_both_centred, right_with_polyfit):
        result = check_least_squares_slopes(function)
        assert result.passed and "correct on all 5 held-out cases" in result.message, result.message


@pytest.mark.parametrize(("mutant", "diagnosis"), [
    (not_centred, "x is not centred: Σ xᵢyᵢ / Σ xᵢ² is the slope of a line forced through the origin"),
    (denominator_not_centred, "the numerator is centred but the denominator is Σ xᵢ²"),
    (divides_by_m, "the denominator is m, not Σ (xⱼ − x̄)²"),
    (square_root_denominator, "the denominator is the square root of Σ (xⱼ − x̄)²"),
    (cov_over_var, "m / (m − 1) times too large"),
    (var_over_cov_ddof, "(m − 1) / m of the right ones"),
    (flipped_sign, "the sign is flipped"),
    (x_on_y, "this is x regressed on y"),
    (intercepts, "these are the intercepts"),
    (columns, "raised ValueError"),
    (column_result, "right numbers in the wrong shape: (1, 1), where (1,) is expected"),
    (one_mean_slope, "`slopes` has shape () where (1,) is expected"),
    (in_place, "changed the caller's `x` in place"),
    (returns_nothing, "returned None"),
    (starter, "not written yet"),
])
def test_each_classic_mistake_is_named(mutant, diagnosis):
    result = check_least_squares_slopes(mutant)
    assert not result.passed
    assert diagnosis in result.message, result.message


def test_a_diagnosis_points_at_the_formula():
    message = check_least_squares_slopes(not_centred).message
    assert "Look at the x̄ in β = Σᵢ wᵢ yᵢ with wᵢ = (xᵢ − x̄) / Σⱼ (xⱼ − x̄)²" in message


def test_rows_read_as_columns_are_named_on_a_square_case():
    """On a square Y_sim the mix-up runs without an error; the checker names it there."""
    from gdlib.exercises.checking import Exercise, check_function
    from gdlib.exercises.heavy_tails import MISTAKES

    square = [case for case in least_squares_slopes_cases() if case.args[1].shape[0] == case.args[1].shape[1]]
    exercise = Exercise(title="least_squares_slopes", function_name="least_squares_slopes", outputs=("slopes",),
                        reference=least_squares_slopes, cases=square, mistakes=MISTAKES)
    message = check_function(columns, exercise).message
    assert "the data sets are read as columns" in message


def test_an_unmatched_mistake_shows_the_first_case_that_differs_not_the_code():
    def off_by_a_little(x, Y_sim):
        return right_with_weights(x, Y_sim) + 0.5

    message = check_least_squares_slopes(off_by_a_little).message
    assert "`slopes` differs from the expected value on a case with x of shape (2,), Y_sim of shape (1, 2)" in message
    assert "fit_lines" not in message
