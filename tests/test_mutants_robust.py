"""gdlib.robust: the Monte Carlo's documented defaults and edges, against numpy and by hand.

Written for the survivors of `make mutants`: nothing compared a default run with one whose
arguments are spelled out, nor used the smallest allowed trials or batch.
"""

import numpy as np
import pytest

from gdlib import losses, robust

X_VALUES = np.array([0.0, 1.0, 2.0, 4.0])


def _message(call, error=ValueError) -> str:
    with pytest.raises(error) as raised:
        call()
    return str(raised.value)


def test_the_monte_carlo_defaults_are_the_documented_line_and_seed():
    default = robust.slope_monte_carlo(X_VALUES, [np.inf, 2.0], 5, [losses.mse, losses.mae])
    spelled = robust.slope_monte_carlo(X_VALUES, [np.inf, 2.0], 5, [losses.mse, losses.mae], alpha=1.0, beta=0.5,
                                       seed=0)
    np.testing.assert_array_equal(default.slopes, spelled.slopes)
    assert default.beta == 0.5 and default.dfs == (np.inf, 2.0) and default.loss_names == ("mse", "mae")
    np.testing.assert_array_equal(default.x, X_VALUES)


def test_the_monte_carlo_draws_its_noise_as_documented():
    # The noise of each df is rng.standard_t(df, (trials, m)) (standard_normal for inf), one generator, dfs in order.
    rng = np.random.default_rng(3)
    first = 2.0 + 0.25 * X_VALUES + rng.standard_normal((4, 4))
    second = 2.0 + 0.25 * X_VALUES + rng.standard_t(3.0, size=(4, 4))
    run = robust.slope_monte_carlo(X_VALUES, [np.inf, 3.0], 4, [losses.mse], alpha=2.0, beta=0.25, seed=3)
    for d, Y in enumerate((first, second)):
        centred = X_VALUES - X_VALUES.mean()
        expected = [sum(c * (y - row.mean()) for c, y in zip(centred, row, strict=True)) / (centred @ centred)
                    for row in Y]
        np.testing.assert_allclose(run.slopes[d, 0], expected, rtol=1e-12)


def test_two_trials_and_a_batch_of_two_are_enough():
    run = robust.slope_monte_carlo(X_VALUES, [np.inf], 2, [losses.mse])
    assert run.slopes.shape == (1, 1, 2)
    run = robust.slope_monte_carlo(X_VALUES, [np.inf], 6, [losses.mse])
    s = run.slopes[0, 0]
    # batches (s0, s1), (s2, s3), (s4, s5); each std with ddof 1 is |a - b| / sqrt 2; the median of three
    expected = sorted(abs(s[i] - s[i + 1]) / np.sqrt(2) for i in (0, 2, 4))[1]
    assert run.typical_standard_deviation(2)[0, 0] == pytest.approx(expected, rel=1e-12)


def test_the_monte_carlo_refusals_name_their_argument():
    assert _message(lambda: robust.slope_monte_carlo(X_VALUES, [np.inf], 1, [losses.mse])) == (
        "trials must be at least 2 to measure a spread, got 1."
    )
    assert _message(lambda: robust.slope_monte_carlo(X_VALUES, [np.inf], -1, [losses.mse])) == (
        "trials must be >= 0, got -1."
    )
    run = robust.slope_monte_carlo(X_VALUES, [np.inf], 4, [losses.mse])
    assert _message(lambda: run.typical_standard_deviation(-1)) == "batch must be >= 0, got -1."
    assert _message(lambda: run.typical_standard_deviation(1)) == (
        "batch must be between 2 and the number of trials 4, got 1."
    )
    assert _message(lambda: run.typical_standard_deviation(5)) == (
        "batch must be between 2 and the number of trials 4, got 5."
    )


def test_gradient_descent_fits_run_the_documented_100_iterations_per_rate():
    X = np.array([[0.0], [1.0], [2.0], [3.0], [5.0]])
    Y = np.array([[1.0], [2.0], [2.5], [4.5], [6.0]])
    default = robust.fit_by_gradient_descent(X, Y, losses.mae)
    spelled = robust.fit_by_gradient_descent(X, Y, losses.mae, learning_rates=robust.DECAYING_LEARNING_RATES,
                                             iterations=100)
    for got, expected in zip(default, spelled, strict=True):
        np.testing.assert_array_equal(got, expected)


def test_gradient_descent_fits_check_y_against_x_before_standardizing():
    constant = np.array([[1.0], [1.0], [1.0]])  # would fail standardizing, but Y is checked first
    assert _message(lambda: robust.fit_by_gradient_descent(constant, [1.0, 2.0], losses.mse)) == (
        "Y must have one row per example of X: expected 3 rows, got 2 (shape (2, 1)). "
        "If Y is right, X must have 2 rows instead."
    )


def test_the_abscissae_and_the_data_sets_are_named_when_refused():
    assert _message(lambda: robust.fit_lines([2.0, 2.0, 2.0], [1.0, 2.0, 3.0], losses.mse)) == (
        "x must hold at least two different values to fit a line, got 3 copies of 2."
    )
    assert _message(lambda: robust.fit_lines(np.zeros((2, 2)), [1.0, 2.0], losses.mse)) == (
        "x must have shape (m, 1) or (m,), got a 2-D array of shape (2, 2)."
    )
    assert _message(lambda: robust.fit_lines([0.0, 1.0], [[1.0, np.nan]], losses.mse)) == (
        "Y must contain only finite numbers, got 1 NaN or infinite value(s), the first at index (1, 0): nan."
    )
    assert _message(lambda: robust.fit_lines([0.0, 1.0], [1.0, 2.0, 3.0], losses.mse)) == (
        "Y must have shape (k, m) with m = 2 (one data set per row, one column per x), got a 2-D array of shape "
        "(1, 3)."
    )
    assert _message(lambda: robust.fit_line([[0.0], [1.0], [2.0]], [[1.0], [2.0]], losses.mse)) == (
        "Y must have one row per example of X: expected 3 rows, got 2 (shape (2, 1)). "
        "If Y is right, X must have 2 rows instead."
    )
