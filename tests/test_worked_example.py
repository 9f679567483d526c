"""Notebook 02: the written-out first iteration, the exercises, and the slider figure.

Expected values come from hand arithmetic on the 4 x 2 data (rows (1, 2), (2, 1), (3, 3), (4, 2),
targets 6, 5, 10, 9; start alpha = 0, beta = [0.5, 0.5], learning rate 0.01) or from plain
numpy written here, never from the code under test.
"""

import json
import re
import warnings
from pathlib import Path

import numpy as np
import pytest
from slider_checks import PNG_SIGNATURE, check_slider_figure

import gdlib
from gdlib.lessons import worked_example as lesson
from gdlib.plots.worked_example import worked_example_view
from gdlib.widgets import figure_png, values_at_extremes
from gdlib.widgets.worked_example import worked_example_explorer

NOTEBOOK = Path(__file__).resolve().parent.parent / "notebooks" / "02_worked_example.ipynb"


@pytest.fixture
def start():
    X, Y = gdlib.load_worked_example()
    alpha, beta, learning_rate = gdlib.load_worked_example_start()
    return X, Y, alpha, beta, learning_rate


def _critical_by_numpy(X):
    """2 / the largest eigenvalue of (2/m) A^T A, A = [1 | X], straight from numpy."""
    A = np.hstack([np.ones((X.shape[0], 1)), X])
    return 2.0 / np.linalg.eigvalsh(2.0 / X.shape[0] * A.T @ A).max()


def _saved_text():
    """The text of every markdown cell and every saved output of the committed notebook."""
    cells = json.loads(NOTEBOOK.read_text())["cells"]
    parts = []
    for cell in cells:
        if cell["cell_type"] == "markdown":
            parts.append("".join(cell["source"]))
        for output in cell.get("outputs", []):
            parts.append("".join(output.get("text", "")))
            parts.append("".join(output.get("data", {}).get("text/plain", "")))
    return "\n".join(parts)


# --- the first iteration, written out -------------------------------------------------------

def test_by_hand_writes_numbers_as_on_paper():
    assert lesson.by_hand(0.5) == "0.5"
    assert lesson.by_hand(3.0) == "3"
    assert lesson.by_hand(29.375) == "29.375"
    assert lesson.by_hand(-28.25) == "−28.25"
    assert lesson.by_hand(16.877409375) == "16.8774"
    assert lesson.by_hand(-0.00001) == "0"


def test_written_predictions_match_the_hand_arithmetic(start):
    X, _, alpha, beta, _ = start
    assert lesson.written_predictions(X, alpha, beta).splitlines() == [
        "ŷ₁ = 0 + 0.5·1 + 0.5·2 = 1.5",
        "ŷ₂ = 0 + 0.5·2 + 0.5·1 = 1.5",
        "ŷ₃ = 0 + 0.5·3 + 0.5·3 = 3",
        "ŷ₄ = 0 + 0.5·4 + 0.5·2 = 3",
    ]


def test_written_cost_matches_the_hand_arithmetic(start):
    X, Y, alpha, beta, _ = start
    assert lesson.written_cost(X, Y, alpha, beta).splitlines() == [
        "residuals y − ŷ:  6 − 1.5 = 4.5,  5 − 1.5 = 3.5,  10 − 3 = 7,  9 − 3 = 6",
        "J = (4.5² + 3.5² + 7² + 6²) / 4",
        "  = (20.25 + 12.25 + 49 + 36) / 4",
        "  = 117.5 / 4 = 29.375",
    ]


def test_written_gradients_match_the_hand_arithmetic(start):
    X, Y, alpha, beta, _ = start
    assert lesson.written_d_alpha(X, Y, alpha, beta) == "∂J/∂α = −(2/4)·(4.5 + 3.5 + 7 + 6) = −(2/4)·21 = −10.5"
    assert lesson.written_d_beta(X, Y, alpha, beta).splitlines() == [
        "∂J/∂β₁ = −(2/4)·(4.5·1 + 3.5·2 + 7·3 + 6·4) = −(2/4)·56.5 = −28.25",
        "∂J/∂β₂ = −(2/4)·(4.5·2 + 3.5·1 + 7·3 + 6·2) = −(2/4)·45.5 = −22.75",
    ]


def test_written_updates_match_the_hand_arithmetic():
    assert lesson.written_alpha_update([[0.0]], [[-10.5]], 0.01) == "α ← 0 − 0.01·(−10.5) = 0.105"
    assert lesson.written_beta_update([[0.5, 0.5]], [[-28.25, -22.75]], 0.01).splitlines() == [
        "β₁ ← 0.5 − 0.01·(−28.25) = 0.7825",
        "β₂ ← 0.5 − 0.01·(−22.75) = 0.7275",
    ]


def test_negative_numbers_are_bracketed_after_an_operator():
    # alpha = 2, beta = [2, 2] overshoots the first target: y1_hat = 2 + 2 + 4 = 8, error 6 - 8 = -2.
    X, Y = gdlib.load_worked_example()
    text = lesson.written_cost(X, Y, [[2.0]], [[2.0, 2.0]])
    assert "6 − 8 = −2" in text and "(−2)²" in text
    assert lesson.written_d_alpha(X, Y, [[2.0]], [[2.0, 2.0]]) == (
        "∂J/∂α = −(2/4)·((−2) + (−3) + (−4) + (−5)) = −(2/4)·(−14) = 7")


def test_written_helpers_validate_their_input(start):
    X, Y, alpha, beta, _ = start
    with pytest.raises(ValueError, match="beta must have shape"):
        lesson.written_predictions(X, alpha, beta.T)
    with pytest.raises(ValueError, match="Y must have one row per example"):
        lesson.written_cost(X, Y[:3], alpha, beta)
    with pytest.raises(ValueError, match="learning_rate must be a finite number greater than 0"):
        lesson.written_alpha_update(alpha, [[1.0]], -0.1)


# --- step 12: the loop in the open, then gdlib ------------------------------------------------

def test_the_open_loop_and_gdlib_agree_exactly_after_100_updates(start):
    # The notebook says the largest difference is zero and that row 100 of the table that
    # follows is where its loop stopped.
    X, Y, alpha, beta, learning_rate = start
    A = np.hstack([np.ones((4, 1)), X])
    theta = np.array([[0.0], [0.5], [0.5]])
    for _ in range(100):
        theta = theta + learning_rate * (2 / 4) * A.T @ (Y - A @ theta)
    result = gdlib.gradient_descent(X, Y, learning_rate, 100, alpha, beta)
    np.testing.assert_allclose(np.hstack([result.alpha, result.beta])[0], theta[:, 0], rtol=1e-12)
    alpha_k, beta_k = alpha, beta  # the notebook's six lines, to check that the difference is zero
    for _ in range(100):
        errors = Y - (alpha_k + X @ beta_k.T)
        d_alpha = -(2 / 4) * errors.sum(axis=0, keepdims=True)
        d_beta = -(2 / 4) * errors.T @ X
        alpha_k = alpha_k - learning_rate * d_alpha
        beta_k = beta_k - learning_rate * d_beta
    assert np.array_equal(result.alpha, alpha_k) and np.array_equal(result.beta, beta_k)
    run = gdlib.gradient_descent(X, Y, learning_rate, 10_000, alpha, beta)
    assert run.alphas[100] == result.alpha[0, 0] and np.array_equal(run.betas[100], result.beta[0])


def test_the_committed_comparison_prints_a_zero_difference():
    assert "The largest difference, over α and both weights, is 0.0e+00." in _saved_text()


def test_the_coding_exercise_solution_passes_and_is_the_loop_of_step_12():
    from coding_exercises import coding_exercises

    (exercise,) = coding_exercises(NOTEBOOK)
    assert exercise.checker == "check_gradient_descent" and exercise.function == "gradient_descent"
    namespace = {"np": np, "gdlib": gdlib}
    exec(exercise.solution, namespace)
    X, Y = gdlib.load_worked_example()
    alpha, beta, learning_rate = gdlib.load_worked_example_start()
    alpha_start, beta_start = alpha.copy(), beta.copy()
    alpha_100, beta_100 = namespace["gradient_descent"](X, Y, learning_rate, 100, alpha, beta)
    result = gdlib.gradient_descent(X, Y, learning_rate, 100, alpha, beta)
    np.testing.assert_allclose(alpha_100, result.alpha, rtol=1e-14)
    np.testing.assert_allclose(beta_100, result.beta, rtol=1e-14)
    assert np.array_equal(alpha, alpha_start) and np.array_equal(beta, beta_start)


# --- the exercises ----------------------------------------------------------------------------

def test_exercise_d_alpha_with_other_weights():
    # beta = [1, 1]: predictions 3, 3, 6, 6; errors 3, 2, 4, 3 (sum 12); d_alpha = -(2/4) 12 = -6.
    exercise = lesson.exercises()["d_alpha"]
    assert exercise.feedback(-6.0)[0]
    right, message = exercise.feedback(6.0)
    assert not right and "sign" in message
    assert not exercise.feedback(-10.5)[0]


def test_exercise_beta_after_one_update():
    # errors 3, 2, 4, 3; d_beta = -(1/2) [3 + 4 + 12 + 12, 6 + 2 + 12 + 6] = [-15.5, -13].
    exercise = lesson.exercises()["beta update"]
    assert exercise.feedback(np.array([[1.155, 1.13]]))[0]
    assert not exercise.feedback(np.array([[0.845, 0.87]]))[0]
    right, message = exercise.feedback([1.155, 1.13])
    assert not right and "shape (1, 2)" in message


def test_exercise_iterations_to_reach_the_target_cost():
    X, Y = gdlib.load_worked_example()
    A = np.hstack([np.ones((4, 1)), X])
    theta = np.array([[0.0], [0.5], [0.5]])
    k = 0
    while np.mean((Y - A @ theta) ** 2) >= 1e-3:  # plain gradient descent on theta = (alpha, beta)
        theta = theta + 0.05 * (2 / 4) * A.T @ (Y - A @ theta)
        k += 1
    exercise = lesson.exercises()["iterations"]
    assert exercise.feedback(k)[0]
    assert not exercise.feedback(k - 1)[0] and not exercise.feedback(k + 1)[0]


def test_exercise_convergence_at_0_09():
    X, _ = gdlib.load_worked_example()
    assert 0.09 > _critical_by_numpy(X)  # so the answer is "no"
    exercise = lesson.exercises()["converges at 0.09"]
    assert exercise.feedback(False)[0]
    assert not exercise.feedback(True)[0]
    for number in (0, 1, 0.0):  # a yes/no question takes True or False only
        right, message = exercise.feedback(number)
        assert not right and "answer True or False" in message
    assert "Answer True for yes, False for no" in exercise.hint


def test_the_number_exercises_ask_for_nothing_printed_in_the_notebook():
    # Their answers: -6, [1.155, 1.13], the first k with J_k < 0.001 at 0.05, and False.
    X, Y = gdlib.load_worked_example()
    A = np.hstack([np.ones((4, 1)), X])
    theta = np.array([[0.0], [0.5], [0.5]])
    k = 0
    while np.mean((Y - A @ theta) ** 2) >= 1e-3:
        theta = theta + 0.05 * (2 / 4) * A.T @ (Y - A @ theta)
        k += 1
    printed = _saved_text()
    for answer in ("−6", "-6.0", "-6.", "1.155", "1.1300", "[1.155", f" {k} ", f"{k} updates"):
        assert answer not in printed, answer
    assert not re.search(r"1\.13(?![0-9])", printed)  # 1.1343 in the iteration table is another number


def test_first_iteration_below_a_target():
    assert lesson.first_iteration_below([5.0, 2.0, 0.5, 0.1], 1.0) == 2
    assert lesson.first_iteration_below([0.5], 1.0) == 0
    with pytest.raises(ValueError, match="run more iterations"):
        lesson.first_iteration_below([5.0, 2.0], 1.0)


def test_exercises_never_print_their_answers(capsys):
    for exercise in lesson.exercises().values():
        exercise.check(None)
        exercise.check(123.0)
    out = capsys.readouterr().out
    for answer in ("-6", "−6", "1.155", "1.13", "166"):
        assert answer not in out


# --- the slider figure -----------------------------------------------------------------------

def _texts(ax):
    return [text.get_text() for text in ax.texts if text.get_visible()]


def test_view_draws_the_first_update_by_hand(start):
    X, Y, alpha, beta, learning_rate = start
    figure, update = worked_example_view(X, Y, alpha=alpha, beta=beta)
    update(learning_rate=learning_rate, iterations=1)
    cost_ax, fit_ax = figure.axes
    np.testing.assert_allclose(cost_ax.lines[0].get_ydata(), [29.375, 16.877409375])
    # after one update alpha = 0.105, beta = [0.7825, 0.7275]: y1_hat = 0.105 + 0.7825 + 1.455
    fitted = fit_ax.lines[-1]
    np.testing.assert_allclose(fitted.get_xdata(), [6, 5, 10, 9])
    np.testing.assert_allclose(fitted.get_ydata()[0], 0.105 + 0.7825 + 2 * 0.7275)
    assert fit_ax.get_title().splitlines() == ["end of the run: α = 0.1050", "β = [0.7825, 0.7275]"]
    assert not _texts(cost_ax) and not _texts(fit_ax)


def test_view_at_zero_iterations_shows_the_start(start):
    X, Y, alpha, beta, _ = start
    figure, update = worked_example_view(X, Y, alpha=alpha, beta=beta)
    update(learning_rate=0.01, iterations=0)
    np.testing.assert_allclose(figure.axes[1].lines[-1].get_ydata(), [1.5, 1.5, 3, 3])
    assert figure_png(figure).startswith(PNG_SIGNATURE)


def test_view_warns_on_the_plot_above_the_critical_rate(start):
    X, Y, alpha, beta, _ = start
    critical = _critical_by_numpy(X)
    figure, update = worked_example_view(X, Y, alpha=alpha, beta=beta)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        update(learning_rate=1.08 * critical, iterations=3)  # above, not yet blown up
        assert any("will blow up" in text for text in _texts(figure.axes[0]))
        update(learning_rate=1.08 * critical, iterations=5000)
        assert any("diverged after" in text for text in _texts(figure.axes[0]))
        assert _texts(figure.axes[1])
        figure_png(figure)
        update(learning_rate=0.98 * critical, iterations=5000)
        assert not _texts(figure.axes[0]) and not _texts(figure.axes[1])


def test_view_at_every_slider_extreme_without_warnings(start):
    X, Y, alpha, beta, _ = start
    figure, update = worked_example_view(X, Y, alpha=alpha, beta=beta)
    controls = worked_example_explorer().controls
    before = figure_png(figure)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for setting in values_at_extremes(controls):
            update(**setting)
            png = figure_png(figure)
            assert png.startswith(PNG_SIGNATURE) and png != before


def test_explorer_moves_every_control_to_its_extremes():
    explorer = worked_example_explorer()
    pictures = check_slider_figure(explorer)
    assert len(pictures) == 1 + len({repr(setting) for setting in values_at_extremes(explorer.controls)})


def test_explorer_defaults_show_a_converged_fit():
    explorer = worked_example_explorer()
    X, _ = gdlib.load_worked_example()
    assert explorer.values()["learning_rate"] < _critical_by_numpy(X)
    cost_ax, fit_ax = explorer.figure.axes
    # least squares: y = 1 + x1 + 2 x2
    assert fit_ax.get_title().splitlines() == ["end of the run: α = 1.0000", "β = [1.0000, 2.0000]"]
    assert not _texts(cost_ax) and not _texts(fit_ax)


def test_explorer_shows_the_critical_rate_and_reaches_beyond_it():
    explorer = worked_example_explorer()
    X, _ = gdlib.load_worked_example()
    critical = _critical_by_numpy(X)
    assert f"{critical:.4f}" in explorer.header.value
    slider = explorer.controls["learning_rate"]
    assert slider.base**slider.min < critical < slider.base**slider.max


def test_explorer_renders_each_move_once():
    # No layout engine left after the first drawing: savefig would otherwise draw twice per move.
    assert worked_example_explorer().figure.get_layout_engine() is None


# --- the claims of the notebook's text ----------------------------------------------------------
# Each test types in the number or statement the prose makes and computes it afresh.


def test_claim_shapes_and_start(start):
    X, Y, alpha, beta, learning_rate = start
    assert X.shape == (4, 2) and Y.shape == (4, 1)  # m = 4 examples, n = 2 features
    assert alpha.shape == (1, 1) and alpha[0, 0] == 0  # "starts from alpha = 0"
    assert beta.shape == (1, 2) and beta.tolist() == [[0.5, 0.5]]
    assert learning_rate == 0.01  # "this example uses eta = 0.01"
    assert Y[:, 0].tolist() == [6, 5, 10, 9]


def test_claim_every_prediction_falls_short_and_the_largest_residual(start):
    X, Y, alpha, beta, _ = start
    residuals = (Y - (alpha + X @ beta.T))[:, 0]
    assert np.all(residuals > 0)  # "every prediction falls short of its target"
    assert residuals.max() == 7 and residuals.max() ** 2 == 49 and np.sum(residuals**2) == 117.5


def test_claim_the_slopes_at_the_start(start):
    X, Y, alpha, beta, _ = start
    residuals = Y - (alpha + X @ beta.T)
    d_alpha = -(2 / 4) * residuals.sum()
    d_beta = -(2 / 4) * (residuals.T @ X)[0]
    assert d_alpha == -10.5 and d_beta.tolist() == [-28.25, -22.75]
    assert np.all(d_beta < 0) and np.all(np.abs(d_beta) > abs(d_alpha))  # "steeper than for alpha"
    assert np.all(residuals > 0) and X.min() >= 1  # the reason the text gives
    numerical = gdlib.numerical_gradient(lambda a: gdlib.mse_cost(X, Y, a, beta), alpha)
    assert f"{numerical[0, 0]:.7f}" == "-10.5000000"  # printed beside the formula
    numerical = gdlib.numerical_gradient(lambda b: gdlib.mse_cost(X, Y, alpha, b), beta)
    assert [f"{value:.7f}" for value in numerical[0]] == ["-28.2500000", "-22.7500000"]


def test_claim_step_9_the_hessian_its_curvatures_and_the_critical_rate(start):
    X, Y, alpha, beta, learning_rate = start
    A = np.hstack([np.ones((4, 1)), X])
    H = (2 / 4) * A.T @ A
    np.testing.assert_allclose(gdlib.mse_hessian(X), H, rtol=1e-14)  # "H = (2/m) A^T A"

    def cost(theta):
        return np.mean((Y[:, 0] - A @ theta) ** 2)

    # H is the matrix of second derivatives: finite differences of J give it back.
    theta, h = np.array([0.3, -1.0, 2.0]), 1e-3
    for i in range(3):
        for j in range(3):
            e_i, e_j = h * np.eye(3)[i], h * np.eye(3)[j]
            second = (cost(theta + e_i + e_j) - cost(theta + e_i - e_j) - cost(theta - e_i + e_j)
                      + cost(theta - e_i - e_j)) / (4 * h * h)
            assert second == pytest.approx(H[i, j], rel=1e-6, abs=1e-9)
    # The eigenvalues are the curvatures of J along the eigenvectors.
    eigenvalues, eigenvectors = np.linalg.eigh(H)
    for eigenvalue, v in zip(eigenvalues, eigenvectors.T, strict=True):
        curvature = (cost(theta + h * v) - 2 * cost(theta) + cost(theta - h * v)) / h**2
        assert curvature == pytest.approx(eigenvalue, rel=1e-6)
    assert f"{eigenvalues[-1] / eigenvalues[0]:.0f}" == "151"
    assert 140 < eigenvalues[-1] / eigenvalues[0] < 160  # "about 150 times smaller"
    critical = 2 / eigenvalues[-1]
    assert f"{critical:.4f}" == "0.0809" == f"{gdlib.critical_learning_rate(X):.4f}"
    assert learning_rate < critical


def test_claim_above_the_critical_rate_the_steep_direction_overshoots_more_each_step(start):
    X, Y, alpha, beta, _ = start
    critical = _critical_by_numpy(X)
    A = np.hstack([np.ones((4, 1)), X])
    eigenvalues, eigenvectors = np.linalg.eigh((2 / 4) * A.T @ A)
    theta_star = np.linalg.lstsq(A, Y, rcond=None)[0][:, 0]
    run = gdlib.gradient_descent(X, Y, 1.02 * critical, 60, alpha, beta)
    steep = (np.column_stack([run.alphas, run.betas]) - theta_star) @ eigenvectors[:, -1]
    assert np.all(steep[:-1] * steep[1:] < 0)  # overshoots the bottom at every step
    assert np.all(np.abs(steep[1:]) > np.abs(steep[:-1]))  # by more than the step before
    assert gdlib.gradient_descent(X, Y, 1.02 * critical, 5000, alpha, beta).diverged


def test_claim_one_step_and_the_table(start):
    X, Y, alpha, beta, learning_rate = start
    one = gdlib.gradient_descent(X, Y, learning_rate, 1, alpha, beta)
    assert one.alpha[0, 0] == pytest.approx(0.105) and one.beta[0].tolist() == pytest.approx([0.7825, 0.7275])
    assert one.costs[0] == 29.375 and f"{one.cost:.2f}" == "16.88"  # "from 29.375 to about 16.88"
    run = gdlib.gradient_descent(X, Y, learning_rate, 10_000, alpha, beta)
    assert run.iterations_run == 10_000 and not run.diverged
    assert np.all(np.diff(run.costs) < 0)  # "the cost falls at every step"
    assert run.betas[2, 0] < 1 < run.betas[3, 0]  # "beta_1 passes its final value 1 at the third update"
    assert run.betas[1000, 0] > 1.005 and abs(run.betas[10_000, 0] - 1) < 1e-5  # "thousands more"
    Y_hat = gdlib.predict(X, run.alpha, run.beta)
    assert np.abs(Y_hat - Y).max() < 1e-6  # "after 10,000 iterations the predictions sit on their targets"


def test_claim_the_slow_phase_is_a_straight_line_set_by_the_flattest_direction(start):
    X, Y, alpha, beta, learning_rate = start
    run = gdlib.gradient_descent(X, Y, learning_rate, 10_000, alpha, beta)
    smallest = np.linalg.eigvalsh(gdlib.mse_hessian(X))[0]
    ratios = run.costs[1:] / run.costs[:-1]
    # a straight line on the log scale: the same fraction per iteration, that of the flattest direction
    np.testing.assert_allclose(ratios[2000:], (1 - learning_rate * smallest) ** 2, rtol=1e-6)


def test_claim_least_squares_and_the_agreement_with_descent(start):
    X, Y, alpha, beta, learning_rate = start
    assert np.array_equal(Y, 1 + X @ np.array([[1.0], [2.0]]))  # "made with y = 1 + x1 + 2 x2, no noise"
    A = np.hstack([np.ones((4, 1)), X])
    theta = np.linalg.lstsq(A, Y, rcond=None)[0][:, 0]
    np.testing.assert_allclose(theta, [1, 1, 2], atol=1e-12)
    assert gdlib.mse_cost(X, Y, [[theta[0]]], [theta[1:]]) < 1e-20  # "with cost zero"
    run = gdlib.gradient_descent(X, Y, learning_rate, 10_000, alpha, beta)
    largest = np.abs(np.hstack([run.alpha, run.beta])[0] - theta).max()
    assert 1e-9 < largest < 1e-7  # "agrees to about 10^-8"


def _slider_stops():
    slider = worked_example_explorer().controls["learning_rate"]
    return slider.base ** np.arange(slider.min, slider.max + slider.step / 2, slider.step)


def test_claim_the_slider_range_and_its_stops_around_the_critical_rate(start):
    X, Y, alpha, beta, _ = start
    critical = _critical_by_numpy(X)
    stops = _slider_stops()
    assert abs(stops[0] - 0.001) / 0.001 < 0.1 and abs(stops[-1] - 0.12) / 0.12 < 0.1  # "about 0.001 to 0.12"
    assert "0.001" in [f"{stop:.3g}" for stop in stops]  # "a small rate (0.001)" is a stop
    below, above = stops[stops < critical][-1], stops[stops > critical][0]
    assert f"{below:.3g}" == "0.0807" and f"{above:.3g}" == "0.0874"  # the readouts the text names
    slow = gdlib.gradient_descent(X, Y, below, 5000, alpha, beta)
    assert np.all(np.diff(slow.costs) < 0)  # "the cost falls"
    assert slow.costs[1] > 0.98 * slow.costs[0]  # "slowly at first"
    fast = gdlib.gradient_descent(X, Y, above, 5000, alpha, beta)
    assert fast.diverged and np.all(np.diff(fast.costs) > 0)  # "the cost grows at every step"


def test_claim_a_small_rate_for_5000_iterations_gets_about_where_0_05_got_in_100(start):
    X, Y, alpha, beta, _ = start
    small = gdlib.gradient_descent(X, Y, 0.001, 5000, alpha, beta).cost
    default = gdlib.gradient_descent(X, Y, 0.05, 100, alpha, beta).cost
    assert small == pytest.approx(default, rel=0.05)


def test_claim_the_saved_slider_picture(start):
    from gdlib.widgets.worked_example import DEFAULT_ITERATIONS, DEFAULT_LEARNING_RATE

    assert (DEFAULT_LEARNING_RATE, DEFAULT_ITERATIONS) == (0.05, 1500)  # "eta = 0.05 for 1,500 iterations"


def test_the_notebook_names_the_residuals_and_the_hessian_before_using_them():
    text = _saved_text()
    assert text.index("**residual**") < text.index("residuals y − ŷ")
    assert text.index("**Hessian**") < text.index("critical rate 2/λ_max")
    assert "errors" not in text
