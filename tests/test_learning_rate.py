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
    eigenvalues, eigenvectors = plots.hessian_eigen(X)
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
    eigenvalues, eigenvectors = plots.hessian_eigen(X)
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


def test_every_run_stays_under_its_bound(data):
    X, Y = data
    _, _, cost_min = plots.cost_minimum(X, Y)
    eigenvalues = _closed_form_eigenvalues(X)
    for result in _regime_runs(X, Y).values():
        factor = np.abs(1 - result.learning_rate * eigenvalues).max()
        k, bound = plots._error_bound(result.costs, cost_min, factor, top=1e300)
        excess = result.costs[k] - cost_min
        assert np.all(excess <= bound * (1 + 1e-9) + 1e-12)


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
