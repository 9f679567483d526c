"""Notebook 03: the MSE landscape of one feature, its Hessian, the learning-rate regimes, the
slider figure and the exercises. Expected values come from closed forms for one feature, hand
arithmetic, numpy.linalg and finite differences, never from the code under test."""

import json
import re
import warnings
from pathlib import Path

import numpy as np
import pytest
from slider_checks import PNG_SIGNATURE, check_slider_figure

import gdlib
from gdlib.lessons import learning_rate as lesson
from gdlib.plots import learning_rate as plots
from gdlib.plots import new_figure
from gdlib.widgets import figure_png
from gdlib.widgets.learning_rate import DEFAULT_LEARNING_RATE, learning_rate_explorer


@pytest.fixture(scope="module")
def data():
    return lesson.one_feature_data()


def _closed_form_eigenvalues(X):
    """Eigenvalues of H = 2 [[1, mean x], [mean x, mean x^2]] from the 2 x 2 formula, ascending."""
    x = X[:, 0]
    a, b, d = 2.0, 2.0 * x.mean(), 2.0 * np.mean(x**2)
    half_trace, root = (a + d) / 2, np.sqrt(((a - d) / 2) ** 2 + b**2)
    return np.array([half_trace - root, half_trace + root])


def _closed_form_minimum(X, Y):
    """One-feature least squares: beta = cov(x, y) / var(x), alpha = mean y - beta mean x."""
    x, y = X[:, 0], Y[:, 0]
    beta = np.mean((x - x.mean()) * (y - y.mean())) / np.mean((x - x.mean()) ** 2)
    return y.mean() - beta * x.mean(), beta


# --- the data set -------------------------------------------------------------------------------


def test_data_is_seeded_uncentred_and_well_shaped(data):
    X, Y = data
    X2, Y2 = lesson.one_feature_data()
    np.testing.assert_array_equal(X, X2)
    np.testing.assert_array_equal(Y, Y2)
    assert X.shape == (40, 1) and Y.shape == (40, 1)
    assert 0 <= X.min() and X.max() <= 3 and X.mean() > 1  # not centred: alpha and beta are coupled
    eigenvalues = _closed_form_eigenvalues(X)
    assert 5 < eigenvalues[1] / eigenvalues[0] < 50  # elongated, but readable


def test_lesson_helpers_refuse_bad_input(data):
    X, _ = data
    with pytest.raises(ValueError, match="m must be at least 2"):
        lesson.one_feature_data(m=1)
    with pytest.raises(ValueError, match="below the critical rate"):
        lesson.iterations_to_shrink(X, 0.3, 0.01)
    with pytest.raises(ValueError, match="fraction must be"):
        lesson.iterations_to_shrink(X, 0.1, 1.5)
    with pytest.raises(ValueError, match="learning_rate must be a finite number greater than 0"):
        lesson.regime_codes(X, [0.1, -0.2])


# --- the bowl -----------------------------------------------------------------------------------


def test_cost_minimum_matches_the_one_feature_closed_form(data):
    X, Y = data
    alpha, beta, cost_min = plots.cost_minimum(X, Y)
    alpha_expected, beta_expected = _closed_form_minimum(X, Y)
    assert alpha.shape == (1, 1) and beta.shape == (1, 1)
    assert alpha[0, 0] == pytest.approx(alpha_expected, rel=1e-12)
    assert beta[0, 0] == pytest.approx(beta_expected, rel=1e-12)
    residual = Y[:, 0] - alpha_expected - beta_expected * X[:, 0]
    assert cost_min == pytest.approx(np.mean(residual**2), rel=1e-12)


def test_cost_grid_equals_the_cost_computed_point_by_point(data):
    X, Y = data
    alpha_values, beta_values, costs = plots.cost_grid(X, Y, (-1, 3), (0, 5), points=7)
    assert alpha_values.shape == (7,) and beta_values.shape == (7,) and costs.shape == (7, 7)
    for i, j in [(0, 0), (0, 6), (6, 0), (3, 4), (6, 6)]:
        residual = Y[:, 0] - alpha_values[j] - beta_values[i] * X[:, 0]
        assert costs[i, j] == pytest.approx(np.mean(residual**2), rel=1e-12)


def test_hessian_eigen_matches_the_two_by_two_formula(data):
    X, _ = data
    eigenvalues, eigenvectors = lesson.hessian_eigen(X)
    np.testing.assert_allclose(eigenvalues, _closed_form_eigenvalues(X), rtol=1e-12)
    x = X[:, 0]
    H = 2.0 * np.array([[1.0, x.mean()], [x.mean(), np.mean(x**2)]])
    np.testing.assert_allclose(H @ eigenvectors, eigenvectors * eigenvalues, atol=1e-12)
    np.testing.assert_allclose(eigenvectors.T @ eigenvectors, np.eye(2), atol=1e-12)
    assert np.all(eigenvectors[-1] >= 0)


def test_hessian_is_constant_and_matches_finite_differences_of_the_gradient(data):
    X, Y = data

    def gradient(theta):
        d_alpha, d_beta = gdlib.mse_gradients(X, Y, theta[0], theta[1:])
        return np.concatenate([d_alpha.ravel(), d_beta.ravel()])

    for point in ([0.0, 0.0], [4.0, -0.5], [-20.0, 13.0]):
        columns = [gdlib.numerical_gradient(lambda t, i=i: gradient(t)[i], np.array(point)) for i in range(2)]
        np.testing.assert_allclose(np.array(columns), gdlib.mse_hessian(X), atol=1e-6)
    assert np.all(_closed_form_eigenvalues(X) > 0)


def test_along_each_eigenvector_the_cost_is_a_parabola_of_curvature_lambda(data):
    X, Y = data
    alpha, beta, cost_min = plots.cost_minimum(X, Y)
    eigenvalues, eigenvectors = lesson.hessian_eigen(X)
    for eigenvalue, vector in zip(eigenvalues, eigenvectors.T, strict=True):
        for t in (-1.5, 0.3, 2.0):
            cost = gdlib.mse_cost(X, Y, alpha + t * vector[0], beta + t * vector[1])
            assert cost == pytest.approx(cost_min + 0.5 * eigenvalue * t**2, rel=1e-10)


def test_contour_levels_are_geometric_above_the_minimum():
    levels = plots.contour_levels(1.0, 11.0, 4)
    np.testing.assert_allclose(levels, 1.0 + 10.0 * np.array([1e-3, 1e-2, 1e-1, 1.0]))
    with pytest.raises(ValueError, match="cost_max must exceed cost_min"):
        plots.contour_levels(2.0, 2.0)


# --- drawing helpers ----------------------------------------------------------------------------


def test_contours_fix_the_window_and_name_the_axes(data):
    X, Y = data
    figure, (ax,) = new_figure()
    lines = plots.draw_cost_contours(ax, X, Y, (-1.0, 3.0), (0.5, 4.5), levels=6)
    assert ax.get_xlim() == (-1.0, 3.0) and ax.get_ylim() == (0.5, 4.5)
    assert "α" in ax.get_xlabel() and "β" in ax.get_ylabel()
    assert len(lines.levels) == 6
    assert figure_png(figure).startswith(PNG_SIGNATURE)


def test_the_landscape_helpers_refuse_what_they_cannot_draw(data):
    X, Y = data
    with pytest.raises(ValueError, match="exactly one feature"):
        plots.cost_grid(np.hstack([X, X]), Y, (0, 1), (0, 1))
    with pytest.raises(ValueError, match="low < high"):
        plots.cost_grid(X, Y, (1, 0), (0, 1))
    with pytest.raises(TypeError, match="beta_limits must be a pair"):
        plots.cost_grid(X, Y, (0, 1), 3)
    with pytest.raises(ValueError, match="points must be at least 2"):
        plots.cost_grid(X, Y, (0, 1), (0, 1), points=1)
    figure, (ax,) = new_figure()
    with pytest.raises(ValueError, match="one value per point"):
        plots.draw_parameter_path(ax, [0.0, 1.0], [0.0])
    with pytest.raises(ValueError, match="excess must be"):
        plots.draw_eigenvectors(ax, X, Y, excess=0.0)


def test_a_path_drops_points_that_blew_up():
    figure, (ax,) = new_figure()
    path = plots.draw_parameter_path(ax, [0.0, 1.0, np.inf], [[0.0], [2.0], [np.nan]])
    np.testing.assert_array_equal(path.line.get_xdata(), [0.0, 1.0])
    np.testing.assert_array_equal(path.line.get_ydata(), [0.0, 2.0])
    np.testing.assert_array_equal(path.start.get_xdata(), [0.0])


def test_eigenvector_arrows_end_on_the_dashed_contour(data):
    X, Y = data
    figure, (ax,) = new_figure()
    artists = plots.draw_eigenvectors(ax, X, Y, excess=0.7, labels=False)
    _, _, cost_min = plots.cost_minimum(X, Y)
    arrows = artists[:2]
    for arrow in arrows:
        tip_alpha, tip_beta = arrow.xy
        assert gdlib.mse_cost(X, Y, tip_alpha, [[tip_beta]]) == pytest.approx(cost_min + 0.7, rel=1e-10)
    lengths = [np.hypot(arrow.xy[0] - arrow.xyann[0], arrow.xy[1] - arrow.xyann[1]) for arrow in arrows]
    eigenvalues = _closed_form_eigenvalues(X)
    assert lengths[0] / lengths[1] == pytest.approx(np.sqrt(eigenvalues[1] / eigenvalues[0]), rel=1e-10)


# --- regimes ------------------------------------------------------------------------------------


def test_regime_label_follows_the_steepest_step_factor():
    assert plots.regime_label(0.1, 1.0) == "too small"
    assert plots.regime_label(0.5, 1.0) == "good"
    assert plots.regime_label(1.0, 1.0) == "good"
    assert plots.regime_label(1.5, 1.0) == "oscillating"
    assert plots.regime_label(2.0, 1.0) == "on the edge"
    assert plots.regime_label(2.5, 1.0) == "diverging"


def _regime_runs(X, Y):
    critical = 2.0 / _closed_form_eigenvalues(X)[1]
    rates = {"too small": 0.05 * critical, "good": 0.5 * critical, "oscillating": 0.9 * critical,
             "diverging": 1.1 * critical}
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        figure, results = plots.regimes_figure(X, Y, rates, 60, lesson.START_ALPHA, [[lesson.START_BETA]],
                                                   lesson.ALPHA_LIMITS, lesson.BETA_LIMITS)
        assert figure_png(figure).startswith(PNG_SIGNATURE)
    return results


def test_the_four_regimes_behave_as_their_step_factors_predict(data):
    X, Y = data
    results = _regime_runs(X, Y)
    alpha_star, beta_star = _closed_form_minimum(X, Y)
    steep = np.linalg.eigh(gdlib.mse_hessian(X))[1][:, 1]

    def steep_components(result):
        return (result.alphas - alpha_star) * steep[0] + (result.betas[:, 0] - beta_star) * steep[1]

    too_small = steep_components(results["too small"])
    assert np.all(too_small[:-1] * too_small[1:] > 0)  # never flips sign
    assert np.all(np.abs(too_small[1:]) < np.abs(too_small[:-1]))
    good = steep_components(results["good"])
    assert abs(good[0]) > 0.1 and np.all(np.abs(good[1:]) < 1e-12)  # factor 1 - 1: gone in one step
    for name in ("too small", "good", "oscillating"):
        assert np.all(np.diff(results[name].costs) < 0), name
    oscillating = steep_components(results["oscillating"])[:30]
    assert np.all(oscillating[:-1] * oscillating[1:] < 0)  # flips every step
    assert np.all(np.abs(oscillating[1:]) < np.abs(oscillating[:-1]))  # and shrinks
    assert not any(results[name].diverged for name in ("too small", "good", "oscillating"))
    assert results["diverging"].diverged
    assert results["diverging"].costs[-1] > 1e6 * results["diverging"].costs[0]


def _closed_form_cost_minimum(X, Y):
    alpha, beta = _closed_form_minimum(X, Y)
    return float(np.mean((Y[:, 0] - alpha - beta * X[:, 0]) ** 2))


def _bound(costs, cost_min, factor):
    """q^(2k) (J_0 - J_min) for k = 0..len(costs) - 1, one power at a time."""
    return [factor ** (2 * k) * (costs[0] - cost_min) for k in range(len(costs))]


def test_every_run_stays_under_its_bound(data):
    # J - J_min = sum over the eigen-directions of lambda/2 c_i^2 (1 - lr lambda_i)^(2k) <= q^(2k) (J_0 - J_min).
    X, Y = data
    cost_min = _closed_form_cost_minimum(X, Y)
    eigenvalues = _closed_form_eigenvalues(X)
    results = _regime_runs(X, Y)
    assert list(results) == ["too small", "good", "oscillating", "diverging"]
    for name, result in results.items():
        factor = max(abs(1 - result.learning_rate * eigenvalue) for eigenvalue in eigenvalues)
        assert result.costs[0] - cost_min > 1.0 and result.iterations_run >= 20, name
        for k, (cost, bound) in enumerate(zip(result.costs, _bound(result.costs, cost_min, factor), strict=True)):
            assert cost - cost_min <= bound * (1 + 1e-9) + 1e-12, (name, k)


def test_the_cost_figure_draws_each_runs_bound_dotted(data):
    X, Y = data
    cost_min = _closed_form_cost_minimum(X, Y)
    eigenvalues = _closed_form_eigenvalues(X)
    results = _regime_runs(X, Y)
    figure = plots.regimes_cost_figure(X, Y, results)
    (ax,) = figure.axes
    dotted = [line for line in ax.lines if line.get_linestyle() == ":"]
    solid = [line for line in ax.lines if line.get_linestyle() == "-"]
    assert len(dotted) == len(solid) == len(results)
    for (name, result), bound_line, cost_line in zip(results.items(), dotted, solid, strict=True):
        factor = max(abs(1 - result.learning_rate * eigenvalue) for eigenvalue in eigenvalues)
        bound = np.array(_bound(result.costs, cost_min, factor))
        shown = (bound >= 1e-12) & (bound <= 1e12)  # the drawn range: the excess-cost floor to the top of the cut
        assert shown.sum() >= 2, name
        np.testing.assert_array_equal(bound_line.get_xdata(), np.flatnonzero(shown))
        np.testing.assert_allclose(bound_line.get_ydata(), bound[shown], rtol=1e-9)
        excess = result.costs - cost_min
        drawn = np.isfinite(excess) & (excess > 1e-12)
        np.testing.assert_array_equal(cost_line.get_xdata(), np.flatnonzero(drawn))
        np.testing.assert_allclose(cost_line.get_ydata(), excess[drawn], rtol=1e-9, atol=1e-13)
        assert bound_line.get_color() == cost_line.get_color()
        assert f"{name} (q = {factor:.3f})" == cost_line.get_label()


def test_cost_and_factor_figures_draw_without_warnings(data):
    X, Y = data
    results = _regime_runs(X, Y)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for figure in (plots.regimes_cost_figure(X, Y, results),
                       plots.step_factor_figure(X, {"oscillating": 0.25}),
                       plots.hessian_figure(X, Y, lesson.ALPHA_LIMITS, lesson.BETA_LIMITS)):
            assert figure_png(figure).startswith(PNG_SIGNATURE)


# --- the slider figure --------------------------------------------------------------------------


def test_explorer_at_every_extreme():
    pictures = check_slider_figure(learning_rate_explorer())
    assert all(png.startswith(PNG_SIGNATURE) for png in pictures.values())


def test_explorer_default_is_oscillating_and_converging(data):
    X, _ = data
    critical = 2.0 / _closed_form_eigenvalues(X)[1]
    assert 0.5 * critical < DEFAULT_LEARNING_RATE < critical  # sign flips along the steep direction
    explorer = learning_rate_explorer()
    ax_path, ax_cost = explorer.figure.axes
    assert "oscillating" in ax_path.get_title()
    assert not any(text.get_visible() for text in ax_path.texts if "diverged" in text.get_text())


def test_explorer_warns_above_the_critical_rate_and_keeps_its_window(data):
    X, _ = data
    explorer = learning_rate_explorer()
    ax_path, ax_cost = explorer.figure.axes
    limits = (ax_path.get_xlim(), ax_path.get_ylim(), ax_cost.get_ylim())
    explorer.controls["learning_rate"].value = 0.4
    assert 0.4 > gdlib.critical_learning_rate(X)
    assert any(text.get_visible() and "diverged" in text.get_text() for text in ax_path.texts)
    assert "diverging" in ax_path.get_title()
    assert (ax_path.get_xlim(), ax_path.get_ylim(), ax_cost.get_ylim()) == limits
    explorer.controls["learning_rate"].value = 0.1
    assert not any(text.get_visible() and "diverged" in text.get_text() for text in ax_path.texts)


def test_explorer_warns_just_above_the_critical_rate_before_the_run_blows_up(data):
    X, _ = data
    critical = 2.0 / _closed_form_eigenvalues(X)[1]
    explorer = learning_rate_explorer()
    ax_path = explorer.figure.axes[0]
    explorer.controls["learning_rate"].value = 1.03 * critical
    run = gdlib.gradient_descent(X, lesson.one_feature_data()[1], 1.03 * critical, 50,
                                 lesson.START_ALPHA, [[lesson.START_BETA]])
    assert not run.diverged and run.costs[-1] > run.costs[0]  # growing, not yet stopped
    shown = [text.get_text() for text in ax_path.texts if text.get_visible()]
    assert any("above the critical" in text and "grows" in text for text in shown)


def test_explorer_moves_the_path_to_the_start_sliders():
    explorer = learning_rate_explorer()
    explorer.controls["start_alpha"].value = -1.0
    explorer.controls["start_beta"].value = 3.0
    ax_path = explorer.figure.axes[0]
    starts = [line for line in ax_path.lines if len(line.get_xdata()) == 1 and line.get_markerfacecolor() == "white"]
    assert [(float(line.get_xdata()[0]), float(line.get_ydata()[0])) for line in starts] == [(-1.0, 3.0)]


# --- exercises ----------------------------------------------------------------------------------


def test_exercise_critical_rate_by_hand():
    # A = [1 | x] with x = 1, 2, 3, 6: A^T A = [[4, 12], [12, 50]], so H = [[2, 6], [6, 25]],
    # lambda_max = (27 + sqrt(27^2 - 4 * 14)) / 2 and the critical rate is 2 / lambda_max.
    expected = 4.0 / (27.0 + np.sqrt(673.0))
    exercise = lesson.exercises()["critical rate"]
    assert exercise.feedback(expected)[0]
    assert not exercise.feedback(2.0 * expected)[0]
    assert not exercise.feedback(1.0 / (27.0 + np.sqrt(673.0)))[0]  # 1/lambda_max


def test_exercise_regimes(data):
    X, _ = data
    largest = _closed_form_eigenvalues(X)[1]
    products = np.array(lesson.EXERCISE_RATES) * largest
    assert np.all(np.abs(products - 1) > 0.1) and np.all(np.abs(products - 2) > 0.1)  # no borderline case
    expected = [3 if p > 2 else 2 if p > 1 else 1 for p in products]
    exercise = lesson.exercises()["regimes"]
    assert exercise.feedback(expected)[0]
    assert not exercise.feedback([2, 2, 2, 2])[0]
    assert not exercise.feedback(expected[:3])[0]


def test_exercise_flat_crawl(data):
    X, _ = data
    smallest, largest = _closed_form_eigenvalues(X)
    factor = 1 - smallest / largest  # at eta = 1 / lambda_max
    k = 1
    while factor**k > 0.01:
        k += 1
    exercise = lesson.exercises()["flat crawl"]
    assert exercise.feedback(k)[0]
    assert not exercise.feedback(k - 1)[0] and not exercise.feedback(k + 1)[0]


def test_exercises_never_print_their_answers(capsys):
    for exercise in lesson.exercises().values():
        exercise.check(None)
        exercise.check(12345.0)
    out = capsys.readouterr().out
    assert "replace None" in out and "Hint" in out
    assert f"{gdlib.critical_learning_rate(lesson.SMALL_X):.3f}" not in out


def test_no_exercise_answer_is_printed_in_the_notebook():
    path = Path(__file__).resolve().parent.parent / "notebooks" / "03_learning_rate.ipynb"
    parts = []
    for cell in json.loads(path.read_text())["cells"]:
        parts.append("".join(cell["source"]))
        for output in cell.get("outputs", []):
            parts.append("".join(output.get("text", "")))
            parts.append("".join(output.get("data", {}).get("text/plain", "")))
            parts.append("".join(output.get("data", {}).get("text/html", "")))
    text = "\n".join(parts)
    exercises = lesson.exercises()
    critical = float(exercises["critical rate"]._answer)
    for digits in (3, 4, 5):
        assert f"{critical:.{digits}g}" not in text
    steps = int(exercises["flat crawl"]._answer)
    assert not re.search(rf"(?<![\d.]){steps}(?![\d.])", text)


# --- the claims of the notebook's text ----------------------------------------------------------
# Each test types in the number or statement the prose makes and computes it afresh.

NOTEBOOK = Path(__file__).resolve().parent.parent / "notebooks" / "03_learning_rate.ipynb"


def _theta_star(X, Y):
    alpha, beta = _closed_form_minimum(X, Y)
    return np.array([alpha, beta])


def _coordinates(result, X, Y):
    """Delta theta_k of a run in the eigenvector basis: row 0 c_flat, row 1 c_steep."""
    _, eigenvectors = np.linalg.eigh(gdlib.mse_hessian(X))
    distances = np.vstack([result.alphas, result.betas[:, 0]]) - _theta_star(X, Y)[:, None]
    return eigenvectors.T @ distances


def _run(X, Y, rate, iterations, alpha=lesson.START_ALPHA, beta=lesson.START_BETA):
    return gdlib.gradient_descent(X, Y, rate, iterations, alpha, [[beta]])


def test_claim_notebook_02_blows_up_a_little_above_0_08():
    X02, _ = gdlib.load_worked_example()
    assert 0.08 < gdlib.critical_learning_rate(X02) < 0.085


def test_claim_the_data_and_the_bottom_of_the_bowl(data):
    X, Y = data
    assert X.shape == (40, 1) and 0 <= X.min() and X.max() <= 3
    assert f"{X.mean():.1f}" == "1.4"  # "its mean is about 1.4"
    alpha, beta = _closed_form_minimum(X, Y)
    assert abs(alpha - 1) < 0.2 and abs(beta - 2) < 0.05  # close to the rule alpha = 1, beta = 2
    residuals = Y[:, 0] - alpha - beta * X[:, 0]
    assert abs(np.mean(residuals**2) - 0.25) < 0.01  # J_min close to the noise variance 0.5^2


def test_claim_the_long_axis_pivots_the_line_inside_the_data_and_the_path_walks_the_floor(data):
    X, Y = data
    _, eigenvectors = np.linalg.eigh(gdlib.mse_hessian(X))
    v_flat = eigenvectors[:, 0]
    assert v_flat[0] * v_flat[1] < 0  # raising alpha while lowering beta
    assert X.min() < -v_flat[0] / v_flat[1] < X.max()  # the pivot lies inside the data
    smallest, largest = _closed_form_eigenvalues(X)
    assert 1 - 0.1 * largest == pytest.approx(0.29, abs=0.005)  # steep keeps 29% per step
    assert 1 - 0.1 * smallest == pytest.approx(0.96, abs=0.005)  # flat keeps 96%
    c = _coordinates(_run(X, Y, 0.1, 40), X, Y)
    assert 1e-6 < abs(c[1, 10] / c[1, 0]) < 1e-5  # "a few millionths of its start after ten steps"
    assert 0.15 < c[0, 40] / c[0, 0] < 0.25  # "a fifth of it is left after 40"


def test_claim_the_hessian_formulas(data):
    X, Y = data
    A = np.hstack([np.ones((40, 1)), X])
    H = 2.0 * np.array([[1.0, X.mean()], [X.mean(), np.mean(X**2)]])
    np.testing.assert_allclose((2 / 40) * A.T @ A, H, rtol=1e-14)
    np.testing.assert_allclose(gdlib.mse_hessian(X), H, rtol=1e-14)
    theta = np.array([[0.5], [-1.0]])  # the stacked gradient is notebook 01's pair
    d_alpha, d_beta = gdlib.mse_gradients(X, Y, theta[:1], theta[1:].T)
    np.testing.assert_allclose(np.vstack([d_alpha, d_beta.T]), -(2 / 40) * A.T @ (Y - A @ theta))
    # nabla J = H Delta theta
    np.testing.assert_allclose(np.vstack([d_alpha, d_beta.T]), H @ (theta[:, 0] - _theta_star(X, Y))[:, None])


def test_claim_positive_semidefinite_and_the_exact_taylor_identity(data):
    X, Y = data
    H = gdlib.mse_hessian(X)
    A = np.hstack([np.ones((40, 1)), X])
    V = np.random.default_rng(0).normal(size=(2, 1000))
    np.testing.assert_allclose(np.sum(V * (H @ V), axis=0), (2 / 40) * np.sum((A @ V) ** 2, axis=0))
    assert np.all(np.linalg.eigvalsh(H) > 0)
    assert abs(np.linalg.eigvalsh(gdlib.mse_hessian(np.full((40, 1), 1.5)))[0]) < 1e-12  # constant feature
    theta_star = _theta_star(X, Y)
    J_min = np.mean((Y[:, 0] - A @ theta_star) ** 2)
    for theta in ([4.0, -0.5], [0.0, 0.0], [-1.0, 3.5]):
        d = np.array(theta) - theta_star
        assert np.mean((Y[:, 0] - A @ np.array(theta)) ** 2) == pytest.approx(J_min + 0.5 * d @ H @ d, rel=1e-12)


def test_claim_the_printed_condition_number_and_centring(data):
    X, _ = data
    smallest, largest = _closed_form_eigenvalues(X)
    assert f"{largest / smallest:.1f}" == "18.6"
    H_centred = gdlib.mse_hessian(X - X.mean())
    assert abs(H_centred[0, 1]) < 1e-12  # the off-diagonal vanishes
    assert f"{H_centred[0, 0]:.2f}" == "2.00" and f"{H_centred[1, 1]:.2f}" == "1.36"  # diag(2, 1.36)
    assert H_centred[1, 1] == pytest.approx(2 * X.var())  # 2 s^2
    centred = np.linalg.eigvalsh(H_centred)
    assert f"{centred[1] / centred[0]:.2f}" == "1.47"
    assert (NOTEBOOK.parent / "06_feature_scaling.ipynb").exists()  # "Notebook 06 builds on this"


def test_claim_each_coordinate_follows_its_step_factor(data):
    X, Y = data
    eigenvalues = _closed_form_eigenvalues(X)
    c = _coordinates(_run(X, Y, 0.1, 40), X, Y)
    k = np.arange(41)
    np.testing.assert_allclose(c, c[:, :1] * (1 - 0.1 * eigenvalues)[:, None] ** k, atol=1e-10)


def test_claim_the_regimes_of_the_four_chosen_rates(data):
    X, _ = data
    largest = _closed_form_eigenvalues(X)[1]
    critical = 2 / largest
    for fraction, name in ((0.05, "too small"), (0.5, "good"), (0.9, "oscillating"), (1.1, "diverging")):
        assert plots.regime_label(fraction * critical, largest) == name
    assert plots.regime_label(0.49 / largest, largest) == "too small"  # eta lambda_max < 1/2
    assert plots.regime_label(0.51 / largest, largest) == "good"


def test_claim_the_best_rate_and_its_convergence_factor(data):
    X, _ = data
    smallest, largest = _closed_form_eigenvalues(X)
    kappa = largest / smallest
    grid = np.linspace(0, 2 / largest, 200_001)[1:]
    q = np.maximum(np.abs(1 - grid * smallest), np.abs(1 - grid * largest))
    assert grid[q.argmin()] == pytest.approx(2 / (smallest + largest), abs=1e-5)
    assert q.min() == pytest.approx((kappa - 1) / (kappa + 1), abs=1e-5)
    assert 1 / largest < 2 / (smallest + largest) < 2 / largest  # inside the oscillating range
    # the flat factor stays above 1 - 2/kappa = 0.89 wherever the run converges
    assert np.all(1 - grid * smallest >= 1 - 2 / kappa) and f"{1 - 2 / kappa:.2f}" == "0.89"
    assert 1 - smallest / largest == pytest.approx(1 - 1 / kappa)  # q at 1/lambda_max


def test_claim_the_step_factor_figure_colours(data):
    X, _ = data
    figure = plots.step_factor_figure(X)
    flat, steep = figure.axes[0].lines[:2]
    assert flat.get_color() == "#009E73" and "flat" in flat.get_label()  # green
    assert steep.get_color() == "#E69F00" and "steep" in steep.get_label()  # orange


def test_claim_one_newton_step_lands_on_the_least_squares_solution():
    X, Y = gdlib.load_worked_example()
    alpha, beta, _ = gdlib.load_worked_example_start()
    A = np.hstack([np.ones((4, 1)), X])
    theta_0 = np.array([0.0, 0.5, 0.5])
    gradient = -(2 / 4) * A.T @ (Y[:, 0] - A @ theta_0)
    theta_1 = theta_0 - np.linalg.solve((2 / 4) * A.T @ A, gradient)
    np.testing.assert_allclose(theta_1, [1.0, 1.0, 2.0], atol=1e-12)  # notebook 02's least squares
    # gradient descent from the same start needs thousands of steps to get as close
    run = gdlib.gradient_descent(X, Y, 0.01, 1000, alpha, beta)
    assert np.abs(np.hstack([run.alpha, run.beta])[0] - [1, 1, 2]).max() > 1e-2


def test_claim_newton_on_any_quadratic_is_exact_in_one_step(data):
    X, Y = data
    H = gdlib.mse_hessian(X)
    for theta_0 in ([4.0, -0.5], [-30.0, 25.0]):
        d_alpha, d_beta = gdlib.mse_gradients(X, Y, [[theta_0[0]]], [[theta_0[1]]])
        step = np.linalg.solve(H, np.array([d_alpha[0, 0], d_beta[0, 0]]))
        np.testing.assert_allclose(np.array(theta_0) - step, _theta_star(X, Y), rtol=1e-10)


def test_claim_what_the_four_paths_do(data):
    X, Y = data
    critical = 2 / _closed_form_eigenvalues(X)[1]
    runs = {name: _run(X, Y, fraction * critical, 60)
            for name, fraction in (("too small", 0.05), ("good", 0.5), ("oscillating", 0.9), ("diverging", 1.1))}
    too_small = _coordinates(runs["too small"], X, Y)
    assert abs(too_small[1, -1]) < 0.01 * abs(too_small[1, 0])  # crept into the valley
    assert 0.2 < 1 - too_small[0, -1] / too_small[0, 0] < 0.35  # "about a quarter of the way along it"
    good = _coordinates(runs["good"], X, Y)
    assert np.all(np.abs(good[1, 1:]) < 1e-12)  # onto the valley floor in one step
    distances = {name: np.linalg.norm(_coordinates(run, X, Y)[:, -1]) for name, run in runs.items()}
    assert min(distances, key=distances.get) == "oscillating"  # ends closest to the minimum
    assert min(runs, key=lambda name: runs[name].cost) == "oscillating"
    diverging = runs["diverging"]
    assert diverging.diverged and diverging.iterations_run < 60  # stopped early
    assert diverging.costs[-1] > 1e8 * diverging.costs[0] and gdlib.descent.BLOW_UP_FACTOR == 1e8
    alpha_low, alpha_high = lesson.ALPHA_LIMITS
    assert not alpha_low < diverging.alphas[-1] < alpha_high  # leaves the picture


def test_claim_late_in_each_run_the_excess_cost_shrinks_by_q_squared(data):
    X, Y = data
    eigenvalues = _closed_form_eigenvalues(X)
    _, _, cost_min = plots.cost_minimum(X, Y)
    critical = 2 / eigenvalues[1]
    factors = {}
    for fraction in (0.05, 0.5, 0.9, 1.1):
        run = _run(X, Y, fraction * critical, 60)
        q = np.abs(1 - fraction * critical * eigenvalues).max()
        excess = run.costs - cost_min
        assert excess[-1] / excess[-2] == pytest.approx(q**2, rel=0.01)
        factors[fraction] = q
    # of the three that converge, the oscillating one (0.9) has the smallest q
    assert min((0.05, 0.5, 0.9), key=factors.get) == 0.9


def _slider_stops():
    slider = learning_rate_explorer().controls["learning_rate"]
    return slider.base ** np.arange(slider.min, slider.max + slider.step / 2, slider.step)


def test_claim_the_slider_range_default_and_suggestions(data):
    X, Y = data
    smallest, largest = _closed_form_eigenvalues(X)
    critical = 2 / largest
    stops = _slider_stops()
    assert abs(stops[0] / 0.002 - 1) < 0.05 and abs(stops[-1] / 0.4 - 1) < 0.1  # "about 0.002 to 0.4"
    assert f"{DEFAULT_LEARNING_RATE / critical:.2f}" == "0.89"
    below = stops[stops < 1 / largest][-1]
    assert f"{below:.3g}" == "0.135" and 0 < 1 - below * largest < 0.05  # "the stop just below it"
    assert f"{stops[0]:.3g}" == "0.00194"  # "the slider's lowest"
    tiny = _coordinates(_run(X, Y, stops[0], 300), X, Y)
    assert abs(tiny[1, -1]) < 0.02 * abs(tiny[1, 0])  # "just reaches the valley floor"
    _, _, cost_min = plots.cost_minimum(X, Y)
    assert _run(X, Y, stops[0], 300).cost > 5 * cost_min  # "far above J_min"
    above = stops[stops > critical][0]
    assert not _run(X, Y, above, 50).diverged and _run(X, Y, above, 300).diverged  # more iterations: blows up
    long_axis = _coordinates(_run(X, Y, 0.25, 50, -0.4, 2.8), X, Y)
    default = _coordinates(_run(X, Y, 0.25, 50), X, Y)
    assert np.abs(long_axis[1]).max() < 0.1 * np.abs(default[1]).max()  # little zigzag


def test_the_notebook_uses_the_course_notation():
    text = NOTEBOOK.read_text()
    assert "ρ" not in text and "\\\\rho" not in text  # the convergence factor is q
    assert "e_k" not in text and "Delta\\\\theta" in text  # the distance to the minimum is Δθ
    assert "as landscape" not in text and "eta_{\\\\text{crit}}" not in text
