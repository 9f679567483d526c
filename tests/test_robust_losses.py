"""Notebook 04 (outliers): Anscombe's data, the MSE / MAE / Huber line fits, the Monte Carlo,
the slider figures and the exercises. Expected values come from numpy.polyfit, lstsq, hand
arithmetic, optimality conditions and gdlib.gradient_descent, never from gdlib.robust itself."""

import itertools
import json
import warnings
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from slider_checks import check_slider_figure

import gdlib
from gdlib import losses, robust
from gdlib.data import load_anscombe
from gdlib.lessons.robust_losses import (
    EXERCISE_DELTA,
    OUTLIER_INDEX,
    SKEWED_SAMPLE,
    exercises,
    line_with_outlier,
    skewed_sample,
)
from gdlib.plots.robust_losses import anscombe_figure, mean_median_figure, spread_growth_figure
from gdlib.widgets import figure_png
from gdlib.widgets.robust_losses import heavy_tails_explorer, heavy_tails_monte_carlo, outlier_explorer


def _mae_total(x, y, alpha, beta):
    return float(np.abs(y - alpha - beta * x).sum())


def _corner_costs(x, y):
    """MAE of every line through two points of different x, by plain loops: [(cost, alpha, beta)]."""
    corners = []
    for i, j in itertools.combinations(range(len(x)), 2):
        if x[i] != x[j]:
            beta = (y[j] - y[i]) / (x[j] - x[i])
            alpha = y[i] - beta * x[i]
            corners.append((_mae_total(x, y, alpha, beta), alpha, beta))
    return sorted(corners)


def _huber_gradient(x, y, alpha, beta, delta):
    """The gradient of the summed Huber loss, from its definition (minus the clipped errors)."""
    pull = -np.clip(y - alpha - beta * x, -delta, delta)
    return pull.sum(), pull @ x


# ---------------------------------------------------------------- Anscombe's quartet


def test_anscombe_matches_the_published_summary_statistics(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # read through the package, not the working directory
    quartet = load_anscombe()
    assert list(quartet) == ["I", "II", "III", "IV"]
    for X, Y in quartet.values():
        assert X.shape == (11, 1) and Y.shape == (11, 1)
        x, y = X[:, 0], Y[:, 0]
        slope, intercept = np.polyfit(x, y, 1)
        assert x.mean() == 9.0 and x.var(ddof=1) == pytest.approx(11.0)
        assert y.mean() == pytest.approx(7.50, abs=0.005)
        assert y.var(ddof=1) == pytest.approx(4.125, abs=0.01)
        assert intercept == pytest.approx(3.00, abs=0.005) and slope == pytest.approx(0.500, abs=0.0005)
        assert np.corrcoef(x, y)[0, 1] == pytest.approx(0.816, abs=0.001)


def test_anscombe_layout_and_the_outlier_of_set_iii():
    quartet = load_anscombe()
    x1 = quartet["I"][0]
    np.testing.assert_array_equal(x1, quartet["II"][0])
    np.testing.assert_array_equal(x1, quartet["III"][0])
    assert sorted(x1[:, 0]) == list(range(4, 15))
    assert sorted(quartet["IV"][0][:, 0]) == [8.0] * 10 + [19.0]
    X, Y = quartet["III"]
    outlier = int(np.argmax(Y))
    assert (X[outlier, 0], Y[outlier, 0]) == (13.0, 12.74)
    clean = np.arange(11) != outlier
    assert np.corrcoef(X[clean, 0], Y[clean, 0])[0, 1] > 0.99999
    # y = 4.01 + 0.345 x holds to the printed two decimals for every clean point
    np.testing.assert_allclose(Y[clean, 0], 4.01 + 0.345 * X[clean, 0], atol=0.0051)


# ---------------------------------------------------------------- pulls and fits


def test_pulls_are_minus_2e_minus_sign_and_clipped_errors():
    Y = np.array([[3.0], [0.0], [-1.0], [10.0]])
    Y_hat = np.array([[1.0], [0.0], [-0.5], [-10.0]])  # e = 2, 0, -0.5, 20
    np.testing.assert_array_equal(robust.pulls(losses.mse, Y, Y_hat), [[-4.0], [0.0], [1.0], [-40.0]])
    np.testing.assert_array_equal(robust.pulls(losses.mae, Y, Y_hat), [[-1.0], [0.0], [1.0], [-1.0]])
    np.testing.assert_array_equal(robust.pulls(losses.huber(1.5), Y, Y_hat), [[-1.5], [0.0], [0.5], [-1.5]])


@given(seed=st.integers(0, 10_000))
def test_mse_lines_are_the_least_squares_lines(seed):
    rng = np.random.default_rng(seed)
    x = rng.uniform(-5, 5, size=7)
    Y = rng.standard_t(2.0, size=(4, 7)) * 3
    alpha, beta = robust.fit_lines(x, Y, losses.mse)
    for row in range(4):
        slope, intercept = np.polyfit(x, Y[row], 1)
        assert alpha[row] == pytest.approx(intercept, abs=1e-9) and beta[row] == pytest.approx(slope, abs=1e-9)


@given(seed=st.integers(0, 10_000))
def test_mae_lines_are_minimal_among_all_lines_through_two_points_and_locally(seed):
    rng = np.random.default_rng(seed)
    x = np.round(rng.uniform(0, 10, size=9), 1)
    Y = np.round(rng.standard_t(1.5, size=(3, 9)), 2)
    alpha, beta = robust.fit_lines(x, Y, losses.mae)
    directions = rng.normal(size=(50, 2))
    for row in range(3):
        best = _mae_total(x, Y[row], alpha[row], beta[row])
        assert best == pytest.approx(_corner_costs(x, Y[row])[0][0], abs=1e-9)
        # convex: no small step in any direction lowers the MAE, so the minimum is global
        for d_alpha, d_beta in directions * 1e-3:
            assert _mae_total(x, Y[row], alpha[row] + d_alpha, beta[row] + d_beta) >= best - 1e-12


def test_mae_line_by_hand_ignores_a_far_point():
    x = np.array([0.0, 1.0, 2.0, 3.0, 4.0])
    y = np.array([0.0, 1.0, 2.0, 3.0, 100.0])  # four points on y = x
    alpha, beta = robust.fit_lines(x, y, losses.mae)
    assert alpha[0] == pytest.approx(0.0, abs=1e-12) and beta[0] == pytest.approx(1.0)


@pytest.mark.parametrize("delta", [0.05, 0.5, 1.345, 20.0])
@pytest.mark.parametrize("df", [0.7, 1.0, 3.0, np.inf])
def test_huber_lines_satisfy_the_optimality_condition(delta, df):
    rng = np.random.default_rng(11)
    x = np.arange(11.0)
    noise = rng.standard_normal((300, 11)) if np.isinf(df) else rng.standard_t(df, size=(300, 11))
    Y = 1 + 0.5 * x + noise
    alpha, beta = robust.fit_lines(x, Y, losses.huber(delta))
    for row in range(0, 300, 7):
        g_alpha, g_beta = _huber_gradient(x, Y[row], alpha[row], beta[row], delta)
        scale = delta * 11 * (1 + x.max())
        assert abs(g_alpha) < 1e-9 * scale and abs(g_beta) < 1e-9 * scale


@given(seed=st.integers(0, 10_000), delta=st.floats(0.01, 50.0))
def test_huber_lines_are_stationary_for_any_delta_and_design(seed, delta):
    rng = np.random.default_rng(seed)
    x = np.round(rng.uniform(-3, 8, size=8), 0)  # repeated x values are allowed
    if np.ptp(x) == 0:
        x[0] += 1
    Y = rng.standard_t(1.0, size=(5, 8)) * rng.uniform(0.1, 10)
    alpha, beta = robust.fit_lines(x, Y, losses.huber(delta))
    for row in range(5):
        g_alpha, g_beta = _huber_gradient(x, Y[row], alpha[row], beta[row], delta)
        scale = delta * 8 * (1 + np.abs(x).max())
        assert abs(g_alpha) < 1e-9 * scale and abs(g_beta) < 1e-9 * scale


@pytest.mark.parametrize("delta", [0.1, 1.0, 3.0])
@pytest.mark.parametrize("size", [-15.0, 0.0, 10.0])
def test_huber_fit_equals_gradient_descent(delta, size):
    X, Y = line_with_outlier(size)
    Z, mean, std = gdlib.standardize(X)
    result = gdlib.gradient_descent(Z, Y, 1.0, 20_000, loss=losses.huber(delta), tolerance=1e-11)
    assert result.converged
    alpha, beta = gdlib.unstandardize_parameters(result.alpha, result.beta, mean, std)
    alpha_fit, beta_fit = robust.fit_line(X, Y, losses.huber(delta))
    np.testing.assert_allclose(alpha_fit, alpha, atol=1e-8)
    np.testing.assert_allclose(beta_fit, beta, atol=1e-8)


def test_huber_with_a_large_delta_is_least_squares():
    X, Y = line_with_outlier(10.0)
    A = np.hstack([np.ones_like(X), X])
    theta = np.linalg.lstsq(A, Y, rcond=None)[0]
    delta = 1.01 * np.abs(Y - A @ theta).max()
    alpha, beta = robust.fit_line(X, Y, losses.huber(delta))
    np.testing.assert_allclose([alpha[0, 0], beta[0, 0]], theta[:, 0], atol=1e-10)


@pytest.mark.parametrize("size", [-15.0, -3.0, 10.0, 15.0])
def test_mae_by_decaying_gradient_descent_reaches_the_unique_minimiser(size):
    X, Y = line_with_outlier(size)
    x, y = X[:, 0], Y[:, 0]
    corners = _corner_costs(x, y)
    best_cost, best_alpha, best_beta = corners[0]
    # the minimiser is unique: every other corner line costs clearly more
    assert all(cost > best_cost + 1e-3 for cost, a, b in corners[1:] if abs(a - best_alpha) + abs(b - best_beta) > 1e-9)
    alpha, beta = robust.fit_by_gradient_descent(X, Y, losses.mae)
    assert alpha[0, 0] == pytest.approx(best_alpha, abs=1e-3) and beta[0, 0] == pytest.approx(best_beta, abs=1e-3)
    alpha_fit, beta_fit = robust.fit_line(X, Y, losses.mae)
    assert alpha_fit[0, 0] == pytest.approx(best_alpha, abs=1e-12)
    assert beta_fit[0, 0] == pytest.approx(best_beta, abs=1e-12)


def test_mae_line_of_anscombe_iii_by_gradient_descent_is_the_line_of_the_clean_points():
    X, Y = load_anscombe()["III"]
    alpha, beta = robust.fit_by_gradient_descent(X, Y, losses.mae)
    assert alpha[0, 0] == pytest.approx(4.01, abs=1e-3) and beta[0, 0] == pytest.approx(0.345, abs=1e-3)


def test_mae_of_anscombe_iv_is_minimised_by_a_whole_range_of_lines():
    X, Y = load_anscombe()["IV"]
    costs = _corner_costs(X[:, 0], Y[:, 0])
    assert costs[0][0] == pytest.approx(costs[1][0]) and costs[0][1:] != pytest.approx(costs[1][1:])
    alpha, beta = robust.fit_line(X, Y, losses.mae)
    assert _mae_total(X[:, 0], Y[:, 0], alpha[0, 0], beta[0, 0]) == pytest.approx(costs[0][0])
    assert alpha[0, 0] + 19 * beta[0, 0] == pytest.approx(12.5)  # every minimiser passes through (19, 12.5)


def test_line_with_outlier_moves_only_the_outlier():
    X0, Y0 = line_with_outlier(0.0)
    X1, Y1 = line_with_outlier(7.5)
    np.testing.assert_array_equal(X0, np.arange(11.0).reshape(-1, 1))
    np.testing.assert_array_equal(X0, X1)
    difference = (Y1 - Y0)[:, 0]
    assert difference[OUTLIER_INDEX] == pytest.approx(7.5)
    assert np.count_nonzero(difference) == 1


def test_bad_arguments_are_named():
    x = np.arange(4.0)
    with pytest.raises(ValueError, match="x must hold at least two different values"):
        robust.fit_lines(np.ones(4), np.ones((2, 4)), losses.mse)
    with pytest.raises(ValueError, match=r"Y must have shape \(k, m\) with m = 4.*\(2, 5\)"):
        robust.fit_lines(x, np.ones((2, 5)), losses.mse)
    with pytest.raises(TypeError, match="mse, mae or huber"):
        robust.fit_lines(x, np.ones(4), losses.binary_cross_entropy)
    with pytest.raises(TypeError, match="loss must be one of gdlib.losses"):
        robust.fit_lines(x, np.ones(4), "mae")
    with pytest.raises(ValueError, match=r"X must have exactly one feature.*\(4, 2\)"):
        robust.fit_line(np.ones((4, 2)), np.ones((4, 1)), losses.mse)
    with pytest.raises(ValueError, match="dfs must be one or more degrees of freedom > 0"):
        robust.slope_monte_carlo(x, [0.0], 10, [losses.mse])
    with pytest.raises(ValueError, match="trials must be at least 2"):
        robust.slope_monte_carlo(x, [1.0], 1, [losses.mse])


# ---------------------------------------------------------------- the Monte Carlo


def test_monte_carlo_slopes_come_from_the_documented_noise():
    x = np.arange(6.0)
    result = robust.slope_monte_carlo(x, [2.0, np.inf], 50, [losses.mse, losses.mae], alpha=1.0, beta=0.5, seed=3)
    assert result.slopes.shape == (2, 2, 50) and result.loss_names == ("mse", "mae")
    rng = np.random.default_rng(3)
    t_noise = rng.standard_t(2.0, size=(50, 6))
    gaussian_noise = rng.standard_normal((50, 6))
    for d, noise in enumerate((t_noise, gaussian_noise)):
        slopes = np.polyfit(x, (1.0 + 0.5 * x + noise).T, 1)[0]
        np.testing.assert_allclose(result.slopes[d, 0], slopes, atol=1e-10)


def test_spreads_by_hand():
    slopes = np.array([[[1.0, 2.0, 3.0, 4.0, 10.0, 20.0, 30.0, 40.0]]])
    result = robust.SlopeMonteCarlo(x=np.arange(3.0), beta=0.0, dfs=(1.0,), loss_names=("mse",), slopes=slopes)
    assert result.standard_deviation()[0, 0] == pytest.approx(np.sqrt(np.var(slopes[0, 0]) * 8 / 7))
    # batches of 4: standard deviations of [1, 2, 3, 4] and [10, 20, 30, 40]; median = their mean
    expected = (np.std([1, 2, 3, 4], ddof=1) + np.std([10, 20, 30, 40], ddof=1)) / 2
    assert result.typical_standard_deviation(4)[0, 0] == pytest.approx(expected)
    # numpy's default percentile interpolates: 25% at position 1.75, 75% at position 5.25
    assert result.interquartile_range()[0, 0] == pytest.approx((20 + 0.25 * 10) - (2 + 0.75 * 1))
    with pytest.raises(ValueError, match="batch must be between 2"):
        result.typical_standard_deviation(9)


def test_heavy_tails_make_the_mse_spread_explode_but_not_the_robust_ones():
    result = heavy_tails_monte_carlo()
    deviations = result.standard_deviation()
    cauchy, gaussian = result.dfs.index(1.0), result.dfs.index(np.inf)
    assert deviations[cauchy, 0] > 10 * deviations[cauchy, 1:].max()
    assert deviations[gaussian, 0] == pytest.approx(1 / np.sqrt(110), rel=0.05)  # sigma / sqrt(sum (x - mean)^2)
    assert deviations[gaussian].argmin() == 0
    typical_small, typical_large = result.typical_standard_deviation(10), result.typical_standard_deviation(2000)
    assert typical_large[cauchy, 0] > 10 * typical_small[cauchy, 0]
    assert np.all(typical_large[:, 1:] < 1.5 * typical_small[:, 1:])


# ---------------------------------------------------------------- figures and sliders


def test_outlier_explorer_at_every_extreme():
    check_slider_figure(outlier_explorer())


def test_outlier_explorer_draws_the_fits_and_the_mse_pulls():
    explorer = outlier_explorer()
    size = explorer.values()["outlier_size"]
    X, Y = line_with_outlier(size)
    A = np.hstack([np.ones_like(X), X])
    theta = np.linalg.lstsq(A, Y, rcond=None)[0]
    residual = (Y - A @ theta)[:, 0]
    data_ax, mse_ax = explorer.figure.axes[3], explorer.figure.axes[0]
    mse_line = next(line for line in data_ax.lines if line.get_color() == "#0072B2")
    line_x, line_y = mse_line.get_data()
    np.testing.assert_allclose(line_y, theta[0, 0] + theta[1, 0] * np.asarray(line_x))
    heights = [patch.get_height() for patch in mse_ax.patches]
    np.testing.assert_allclose(heights, -2 * residual, atol=1e-9)


def test_heavy_tails_explorer_at_every_extreme():
    check_slider_figure(heavy_tails_explorer(heavy_tails_monte_carlo(trials=200)))


def test_static_figures_draw_without_warnings():
    Y = skewed_sample()
    candidates = np.linspace(0, 30, 301)
    quartet = load_anscombe()
    fits = {name: {"mse": robust.fit_line(X, Y_, losses.mse)} for name, (X, Y_) in quartet.items()}
    result = heavy_tails_monte_carlo(trials=100)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        errors = Y - candidates
        for figure in (
            mean_median_figure(Y, candidates, (errors**2).mean(axis=0), np.abs(errors).mean(axis=0)),
            anscombe_figure(quartet, fits),
            spread_growth_figure(result, (1.0, np.inf), (10, 50, 100)),
        ):
            assert figure_png(figure).startswith(b"\x89PNG")


# ---------------------------------------------------------------- exercises


def test_skewed_sample_mean_and_median_by_hand():
    assert sum(SKEWED_SAMPLE) / len(SKEWED_SAMPLE) == 8.0 and sorted(SKEWED_SAMPLE)[4] == 5.0
    assert skewed_sample().shape == (9, 1)


def _huber_slope_by_gradient_descent(X, Y, delta):
    """The slope of the Huber line by gdlib.gradient_descent on the standardized feature."""
    Z, mean, std = gdlib.standardize(X)
    result = gdlib.gradient_descent(Z, Y, 1.0, 20_000, loss=losses.huber(delta), tolerance=1e-12)
    assert result.converged
    return gdlib.unstandardize_parameters(result.alpha, result.beta, mean, std)[1][0, 0]


def test_exercises_accept_independent_answers_and_reject_wrong_ones():
    quartet = load_anscombe()
    x, y = quartet["III"][0][:, 0], quartet["III"][1][:, 0]
    slope, intercept = np.polyfit(x, y, 1)
    residual = y - (intercept + slope * x)
    outlier_error = 12.74 - (intercept + slope * 13)
    mae_slope = (6.08 - 5.39) / (6 - 4)  # through (4, 5.39) and (6, 6.08), both clean
    answers = {
        "outlier pull": (-2 * outlier_error, 2 * outlier_error),
        "huber threshold": (np.abs(residual).max(), 1.0),
        "huber slope": (_huber_slope_by_gradient_descent(*quartet["III"], EXERCISE_DELTA), mae_slope),
        "mean and median shift": (np.array([172 / 10 - 72 / 9, (5 + 6) / 2 - 5]), np.array([0.0, 0.0])),
    }
    checks = exercises()
    assert set(checks) == set(answers)
    for name, (right, wrong) in answers.items():
        assert checks[name].feedback(right)[0], name
        assert not checks[name].feedback(wrong)[0], name
        assert not checks[name].feedback(None)[0], name


def test_the_huber_threshold_is_where_huber_and_least_squares_part():
    X, Y = load_anscombe()["III"]
    slope, intercept = np.polyfit(X[:, 0], Y[:, 0], 1)
    threshold = np.abs(Y[:, 0] - intercept - slope * X[:, 0]).max()
    Z, mean, std = gdlib.standardize(X)
    for factor, same in ((1.0001, True), (0.98, False)):
        loss = losses.huber(float(threshold) * factor)
        result = gdlib.gradient_descent(Z, Y, 1.0, 20_000, loss=loss, tolerance=1e-12)
        alpha, beta = gdlib.unstandardize_parameters(result.alpha, result.beta, mean, std)
        agrees = abs(alpha[0, 0] - intercept) < 1e-8 and abs(beta[0, 0] - slope) < 1e-8
        assert agrees == same, factor


def test_exercise_3_moves_the_huber_line_of_set_iii_towards_the_mae_line():
    X, Y = load_anscombe()["III"]
    least_squares_slope = np.polyfit(X[:, 0], Y[:, 0], 1)[0]
    mae_slope = (6.08 - 5.39) / (6 - 4)
    slope_at_1 = _huber_slope_by_gradient_descent(X, Y, 1.0)
    slope_at_half = _huber_slope_by_gradient_descent(X, Y, EXERCISE_DELTA)
    assert EXERCISE_DELTA == 0.5  # "Halve delta: ... with delta = 0.5"
    assert mae_slope < slope_at_1 < least_squares_slope  # "lands between" (section 4)
    assert mae_slope < slope_at_half < slope_at_1


def _notebook_cells():
    path = Path(__file__).resolve().parent.parent / "notebooks" / "04_robust_losses.ipynb"
    return json.loads(path.read_text())["cells"]


def _cell_text(cell) -> str:
    outputs = "".join("".join(output.get("text", "")) + "".join(output.get("data", {}).get("text/plain", ""))
                      for output in cell.get("outputs", []))
    return "".join(cell["source"]) + outputs


def test_no_number_exercise_has_its_answer_printed_above_it():
    cells = _notebook_cells()
    for name, exercise in exercises().items():
        index = next(i for i, cell in enumerate(cells) if f'exercises["{name}"]' in "".join(cell["source"]))
        above = "".join(_cell_text(cell) for cell in cells[:index])
        for value in np.atleast_1d(exercise._answer):
            if abs(value) not in (0.5, 1.0):  # round numbers appear everywhere and give nothing away
                for text in (f"{value:.3f}", f"{value:.4f}", f"{abs(value):.3f}"):
                    assert text not in above, (name, text)


def test_exercise_3_asks_for_the_lessons_delta():
    cells = _notebook_cells()
    index = next(i for i, cell in enumerate(cells) if 'exercises["huber slope"]' in "".join(cell["source"]))
    question = "".join(cells[index - 1]["source"])
    assert question.startswith("**3.**") and f"$\\delta = {EXERCISE_DELTA:g}$" in question
