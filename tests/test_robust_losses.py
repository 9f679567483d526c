"""Notebook 04 (robust losses) and the line fits of gdlib.robust: Anscombe's data, the MSE / MAE /
Huber line fits, the slider figure, the exercises, and every claim the notebook's text makes.
Expected values come from numpy.polyfit, lstsq, hand arithmetic, optimality conditions and
gdlib.gradient_descent, never from gdlib.robust itself. The Monte Carlo of notebook 05 is tested
in test_heavy_tails.py."""

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
from gdlib.plots.robust_losses import anscombe_figure, losses_and_pulls_figure, mean_median_figure
from gdlib.widgets import figure_png
from gdlib.widgets.robust_losses import outlier_explorer


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


def test_static_figures_draw_without_warnings():
    Y = skewed_sample()
    candidates = np.linspace(0, 30, 301)
    quartet = load_anscombe()
    fits = {name: {"mse": robust.fit_line(X, Y_, losses.mse)} for name, (X, Y_) in quartet.items()}
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        errors = Y - candidates
        for figure in (
            mean_median_figure(Y, candidates, (errors**2).mean(axis=0), np.abs(errors).mean(axis=0)),
            anscombe_figure(quartet, fits),
            losses_and_pulls_figure(0.5),
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
        index = next(i for i, cell in enumerate(cells) if f'["{name}"].check' in "".join(cell["source"]))
        above = "".join(_cell_text(cell) for cell in cells[:index])
        for value in np.atleast_1d(exercise._answer):
            if abs(value) not in (0.5, 1.0):  # round numbers appear everywhere and give nothing away
                for text in (f"{value:.3f}", f"{value:.4f}", f"{abs(value):.3f}"):
                    assert text not in above, (name, text)


def test_exercise_3_asks_for_the_lessons_delta():
    cells = _notebook_cells()
    index = next(i for i, cell in enumerate(cells) if '["huber slope"].check' in "".join(cell["source"]))
    question = "".join(cells[index - 1]["source"])
    assert question.startswith("**3.**") and f"$\\delta = {EXERCISE_DELTA:g}$" in question


# ---------------------------------------------------------------- the claims of notebook 04's text


def _point_costs(loss, residuals):
    """Each residual's own penalty: m * J of one example, from gdlib.losses."""
    return np.array([loss.value(np.array([[r]]), np.zeros((1, 1))) for r in residuals])


def test_a_residual_of_10_costs_a_hundred_times_a_residual_of_1():
    assert _point_costs(losses.mse, [10.0])[0] / _point_costs(losses.mse, [1.0])[0] == pytest.approx(100)


def test_the_huber_loss_is_a_parabola_inside_delta_and_a_line_of_slope_delta_outside():
    delta = 1.5
    inside = np.linspace(-delta, delta, 7)
    np.testing.assert_allclose(_point_costs(losses.huber(delta), inside), inside**2 / 2)
    outside = np.array([2.0, 3.0, 7.0])
    costs = _point_costs(losses.huber(delta), np.concatenate([outside, -outside]))
    np.testing.assert_allclose(costs, delta * (np.abs(np.concatenate([outside, -outside])) - delta / 2))
    assert (costs[1] - costs[0]) == pytest.approx(delta)  # slope delta per unit of |r|


@given(residual=st.floats(-1e6, 1e6), delta=st.floats(0.01, 100.0))
def test_pulls_are_bounded_for_the_mae_and_huber_only(residual, delta):
    Y, Y_hat = np.array([[residual]]), np.zeros((1, 1))
    assert abs(robust.pulls(losses.mae, Y, Y_hat)[0, 0]) <= 1.0
    assert abs(robust.pulls(losses.huber(delta), Y, Y_hat)[0, 0]) <= delta * (1 + 1e-15)
    assert robust.pulls(losses.mse, Y, Y_hat)[0, 0] == pytest.approx(-2 * residual)


def test_the_five_pulls_by_formula_gdlib_and_finite_differences():
    """Cell of section 1: the formulas, gdlib.robust.pulls and finite differences agree."""
    Y = np.zeros((5, 1))
    Y_hat = np.array([[-20.0], [-1.5], [-0.2], [0.5], [3.0]])
    residuals = Y - Y_hat
    formulas = {losses.mse: -2 * residuals, losses.mae: -np.sign(residuals),
                losses.huber(1.0): -np.clip(residuals, -1.0, 1.0)}
    for loss, formula in formulas.items():
        pull = robust.pulls(loss, Y, Y_hat)
        assert pull.shape == (5, 1)
        np.testing.assert_allclose(pull, formula)
        numeric = 5 * gdlib.numerical_gradient(lambda P, loss=loss: loss.value(Y, P), Y_hat)
        np.testing.assert_allclose(pull, numeric, atol=1e-6)
    # "the residual of 20 pulls with -40, as hard as twenty points with residual 1; -1 under MAE and Huber"
    assert formulas[losses.mse][0, 0] == -40.0 == 20 * -2 * 1.0
    assert formulas[losses.mae][0, 0] == formulas[losses.huber(1.0)][0, 0] == -1.0


def test_the_gradient_is_the_average_of_the_pulls():
    X, Y = line_with_outlier(10.0)
    alpha, beta = np.zeros((1, 1)), np.zeros((1, 1))
    pull = robust.pulls(losses.mse, Y, gdlib.predict(X, alpha, beta))
    d_alpha, d_beta = gdlib.mse_gradients(X, Y, alpha, beta)
    assert pull.mean() == pytest.approx(d_alpha[0, 0])
    np.testing.assert_allclose(pull.T @ X / 11, d_beta)


def test_mean_and_median_of_the_skewed_sample_and_the_grid_minima():
    Y = skewed_sample()
    candidates = np.linspace(0.0, 30.0, 3001)
    residuals = Y - candidates
    mse_curve, mae_curve = np.mean(residuals**2, axis=0), np.mean(np.abs(residuals), axis=0)
    assert candidates[mse_curve.argmin()] == pytest.approx(8.0) and Y.mean() == 8.0
    assert candidates[mae_curve.argmin()] == pytest.approx(5.0) and np.median(Y) == 5.0
    assert np.sum(Y < 8.0) == 6  # "to the right of six of the nine waiting times"
    index = 1234
    constant = np.full_like(Y, candidates[index])
    assert mse_curve[index] == pytest.approx(losses.mse.value(Y, constant))
    assert mae_curve[index] == pytest.approx(losses.mae.value(Y, constant))
    # the derivatives: the MSE's vanishes at the mean, the MAE's votes cancel at the median
    assert np.mean(Y - 8.0) == 0 and np.sum(Y < 5.0) == np.sum(Y > 5.0) == 4


def test_a_ten_times_longer_wait_moves_the_mean_not_the_median():
    longer = skewed_sample()
    longer[-1] = 280.0
    assert longer.mean() == pytest.approx(36.0) and np.median(longer) == 5.0


def test_the_mse_fit_on_a_standardized_feature_is_one_newton_step():
    X, Y = line_with_outlier(10.0)
    Z, _, _ = gdlib.standardize(X)
    A = np.hstack([np.ones_like(Z), Z])
    np.testing.assert_allclose(2 * A.T @ A / 11, 2 * np.eye(2), atol=1e-12)  # the Hessian is 2I
    result = gdlib.gradient_descent(Z, Y, 0.5, 5_000, loss=losses.mse, tolerance=1e-10)
    assert result.converged and result.iterations_run == 1
    huber_run = gdlib.gradient_descent(Z, Y, 0.5, 5_000, loss=losses.huber(1.0), tolerance=1e-10)
    assert huber_run.converged


def test_a_constant_learning_rate_keeps_the_mae_slope_hopping():
    X, Y = line_with_outlier(10.0)
    Z, _, _ = gdlib.standardize(X)
    slopes = gdlib.gradient_descent(Z, Y, 0.01, 3_000, loss=losses.mae).betas[-100:, 0]
    assert np.ptp(slopes) > 1e-3
    assert np.any(np.diff(np.sign(np.diff(slopes))) != 0)  # it turns back, not a slow drift


def test_gradient_descent_and_the_independent_fits_agree_to_the_printed_decimals():
    X, Y = line_with_outlier(10.0)
    A = np.hstack([np.ones_like(X), X])
    least_squares = np.linalg.lstsq(A, Y, rcond=None)[0][:, 0]
    Z, mean, std = gdlib.standardize(X)
    for loss in (losses.mse, losses.huber(1.0)):
        result = gdlib.gradient_descent(Z, Y, 0.5, 5_000, loss=loss, tolerance=1e-10)
        alpha, beta = gdlib.unstandardize_parameters(result.alpha, result.beta, mean, std)
        alpha_fit, beta_fit = robust.fit_line(X, Y, loss)
        assert abs(alpha - alpha_fit)[0, 0] < 5e-4 and abs(beta - beta_fit)[0, 0] < 5e-4
        if loss is losses.mse:
            np.testing.assert_allclose([alpha[0, 0], beta[0, 0]], least_squares, atol=1e-8)
    alpha, beta = robust.fit_by_gradient_descent(X, Y, losses.mae)
    alpha_fit, beta_fit = robust.fit_line(X, Y, losses.mae)
    assert abs(alpha - alpha_fit)[0, 0] < 5e-4 and abs(beta - beta_fit)[0, 0] < 5e-4


def test_the_pulls_balance_at_each_fitted_line():
    X, Y = line_with_outlier(10.0)
    others = np.arange(11) != 9
    assert X[9, 0] == 9.0  # the 10th point, counted from 1, sits at x = 9
    printed = {losses.mse: -15.1262, losses.huber(1.0): -1.0}
    for loss, outlier_pull in printed.items():
        alpha, beta = robust.fit_line(X, Y, loss)
        pull = robust.pulls(loss, Y, gdlib.predict(X, alpha, beta))
        assert abs(pull.sum()) < 1e-9 and abs((pull.T @ X)[0, 0]) < 1e-9
        assert pull[9, 0] == pytest.approx(outlier_pull, abs=5e-5)
        assert pull[others].sum() == pytest.approx(-outlier_pull, abs=5e-5)


def test_the_mae_balance_needs_the_points_on_the_line_to_take_pulls_inside_minus_1_to_1():
    X, Y = line_with_outlier(10.0)
    alpha, beta = robust.fit_line(X, Y, losses.mae)
    residuals = (Y - gdlib.predict(X, alpha, beta))[:, 0]
    on_line = np.abs(residuals) < 1e-9
    assert on_line.sum() == 2
    # with pulls -sign(r) off the line, the two points on it can balance both sums with pulls in [-1, 1]
    off = -np.sign(residuals[~on_line])
    A = np.array([[1.0, 1.0], X[on_line, 0]])
    needed = np.linalg.solve(A, -np.array([off.sum(), off @ X[~on_line, 0]]))
    assert np.all(np.abs(needed) <= 1.0)


def test_the_slider_messages_about_the_outlier_size():
    slopes = {}
    for size in np.arange(-15.0, 15.5, 0.5):
        X, Y = line_with_outlier(size)
        slopes[size] = [robust.fit_line(X, Y, loss)[1][0, 0] for loss in (losses.mse, losses.mae, losses.huber(1.0))]
    x = np.arange(11.0)
    assert (9 - x.mean()) / np.sum((x - x.mean()) ** 2) == pytest.approx(4 / 110)
    for size, (mse_slope, _, _) in slopes.items():  # the MSE slope moves by 4/110 of the shift
        assert mse_slope == pytest.approx(slopes[0.0][0] + size * 4 / 110)
    mae = np.array([slopes[size][1] for size in slopes])
    assert len(np.unique(np.round(mae, 12))) == 2  # the MAE line jumps once over the slider's range
    huber = {size: slope[2] for size, slope in slopes.items()}
    assert huber[2.0] == pytest.approx(huber[15.0]) and huber[-2.0] == pytest.approx(huber[-15.0])
    assert huber[0.0] != pytest.approx(huber[2.0])  # it moves a little first
    X, Y = line_with_outlier(2.0)  # stopped: the outlier's Huber residual is beyond delta
    alpha, beta = robust.fit_line(X, Y, losses.huber(1.0))
    assert (Y - gdlib.predict(X, alpha, beta))[9, 0] > 1.0


def test_a_small_delta_makes_huber_behave_like_the_mae():
    X, Y = line_with_outlier(10.0)
    mae_line = np.hstack(robust.fit_line(X, Y, losses.mae))
    gaps = [np.abs(np.hstack(robust.fit_line(X, Y, losses.huber(delta))) - mae_line).max()
            for delta in (0.1, 0.01, 0.001)]
    assert gaps[0] > gaps[1] > gaps[2] and gaps[2] < 1e-3


def test_the_mae_line_of_set_iii_runs_within_0_005_of_the_ten_clean_points_and_huber_lands_between():
    X, Y = load_anscombe()["III"]
    clean = Y[:, 0] != 12.74
    alpha, beta = robust.fit_line(X, Y, losses.mae)
    assert np.abs(Y[clean, 0] - alpha[0, 0] - beta[0, 0] * X[clean, 0]).max() < 0.005
    assert (alpha[0, 0], beta[0, 0]) == (pytest.approx(4.01, abs=5e-4), pytest.approx(0.345, abs=5e-4))
    slope, intercept = np.polyfit(X[:, 0], Y[:, 0], 1)
    h_alpha, h_beta = robust.fit_line(X, Y, losses.huber(1.0))
    assert beta[0, 0] < h_beta[0, 0] < slope and intercept < h_alpha[0, 0] < alpha[0, 0]


def test_set_iv_has_minimisers_through_one_point_and_through_two():
    X, Y = load_anscombe()["IV"]
    x, y = X[:, 0], Y[:, 0]
    at_eight = np.sort(y[x == 8])
    assert (at_eight[4], at_eight[5]) == (6.89, 7.04)  # the 5th and 6th smallest, counted from 1
    best = _corner_costs(x, y)[0][0]
    for height, points_on_it in ((6.89, 2), (6.95, 1), (7.04, 2)):
        beta = (12.5 - height) / 11
        alpha = height - 8 * beta
        assert _mae_total(x, y, alpha, beta) == pytest.approx(best)  # a minimiser
        assert _mae_total(x, y, alpha, beta) / 11 == pytest.approx(0.9027, abs=5e-5)
        assert np.sum(np.isclose(y, alpha + beta * x, rtol=0, atol=1e-12)) == points_on_it
    # every minimising corner line passes through (19, 12.5); the MAE is convex, so the minimisers
    # form the segment between these corners, which all pass through (19, 12.5) too
    ties = [(a, b) for cost, a, b in _corner_costs(x, y) if cost == pytest.approx(best)]
    assert len(ties) >= 2 and all(a + 19 * b == pytest.approx(12.5) for a, b in ties)
    # a line through (19, 12.5) that misses the medians at x = 8 costs more
    assert _mae_total(x, y, 7.2 - 8 * (12.5 - 7.2) / 11, (12.5 - 7.2) / 11) > best + 0.1


@given(seed=st.integers(0, 10_000))
def test_some_mae_minimiser_always_passes_through_two_points(seed):
    """No line on a fine grid around the best two-point line beats it (the MAE is convex)."""
    rng = np.random.default_rng(seed)
    x = rng.uniform(0, 10, size=7)
    y = rng.standard_t(1.5, size=7)
    best, alpha, beta = _corner_costs(x, y)[0]
    alphas, betas = np.meshgrid(alpha + np.linspace(-1, 1, 81), beta + np.linspace(-0.2, 0.2, 81))
    costs = np.abs(y - alphas[..., None] - betas[..., None] * x).sum(axis=2)
    assert costs.min() >= best - 1e-9


def test_the_notebook_no_longer_says_every_mae_minimiser_passes_through_two_points():
    text = "".join("".join(cell["source"]) for cell in _notebook_cells() if cell["cell_type"] == "markdown")
    assert "a line that minimises the MAE passes through two of them" not in text
    assert "*some*\nminimising line always passes through two of them" in text
    assert "need not be the only one" in text
