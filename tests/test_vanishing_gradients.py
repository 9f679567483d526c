"""Notebook 07 (vanishing gradients): the closed-form gradients, the two-class data, training from a
confidently wrong start, the softmax gradients, the sliders and the exercises, and one test for each
claim the notebook's prose makes (the numbers typed here are the prose's)."""

import math

import numpy as np
import pytest
from slider_checks import check_slider_figure

import gdlib
from gdlib import losses
from gdlib.lessons import vanishing_gradients as lesson
from gdlib.plots.vanishing_gradients import SATURATION, saturation_figure, training_view
from gdlib.widgets import figure_png
from gdlib.widgets.vanishing_gradients import vanishing_explorer


def _sigmoid(z):
    """An independent sigmoid for moderate z (|z| < 700)."""
    return 1.0 / (1.0 + np.exp(-np.asarray(z, dtype=float)))


def _first_accurate(X, Y, run, goal=0.9):
    """The first recorded step at which at least `goal` of the examples are on the right side of
    p = 1/2 (the logit alpha + beta x > 0 means label 1), counted example by example; None if never."""
    m = X.shape[0]
    for k, (alpha, beta) in enumerate(zip(run.alphas, run.betas, strict=True)):
        right = sum((alpha + float(X[i] @ beta) > 0) == (Y[i, 0] == 1) for i in range(m))
        if right >= goal * m:
            return k
    return None


@pytest.fixture(scope="module")
def data():
    return lesson.two_classes()


# --- one example: the two gradients --------------------------------------------------------

@pytest.mark.parametrize("y", [0.0, 1.0])
@pytest.mark.parametrize("z", [-8.0, -2.5, 0.0, 0.7, 5.0])
def test_logit_gradients_match_finite_differences(y, z):
    p = _sigmoid(z)
    step = 1e-6
    for loss, value in ((losses.mse, lambda t: (_sigmoid(t) - y) ** 2),
                        (losses.binary_cross_entropy,
                         lambda t: -(y * np.log(_sigmoid(t)) + (1 - y) * np.log(1 - _sigmoid(t))))):
        numeric = (value(z + step) - value(z - step)) / (2 * step)
        assert lesson.logit_gradient(z, y, loss) == pytest.approx(numeric, rel=1e-6, abs=1e-10)
    assert lesson.logit_gradient(z, y, losses.binary_cross_entropy) == pytest.approx(p - y, rel=1e-12, abs=1e-300)


def test_logit_gradients_match_the_chain_rule_gdlib_runs():
    z = np.linspace(-30, 30, 61).reshape(-1, 1)
    for loss in (losses.mse, losses.binary_cross_entropy):
        # gdlib's losses average over m examples: multiply by m to get each example's derivative
        chain_rule = loss.gradient(np.ones_like(z), gdlib.sigmoid(z)) * gdlib.sigmoid.derivative(z) * z.shape[0]
        np.testing.assert_allclose(chain_rule, lesson.logit_gradient(z, 1.0, loss), rtol=1e-9, atol=1e-15)


def test_confidently_wrong_mse_gradient_vanishes_and_cross_entropy_does_not():
    z = -20.0
    assert abs(lesson.logit_gradient(z, 1.0, losses.mse)) == pytest.approx(2 * math.exp(z), rel=1e-6)
    assert lesson.logit_gradient(z, 1.0, losses.binary_cross_entropy) == pytest.approx(-1.0, abs=1e-8)


def test_logit_gradient_refuses_other_losses():
    with pytest.raises(ValueError, match="loss must be gdlib.losses.mse or gdlib.losses.binary_cross_entropy"):
        lesson.logit_gradient(0.0, 1.0, losses.mae)


def test_saturation_edge_is_where_the_slope_equals_the_level():
    for level in (0.2, SATURATION, 1e-3, 1e-8):
        edge = lesson.saturation_edge(level)
        low, high = 0.0, 40.0  # bisection on the independent sigmoid's slope, which decreases for z > 0
        for _ in range(200):
            middle = (low + high) / 2
            low, high = (middle, high) if _sigmoid(middle) * (1 - _sigmoid(middle)) > level else (low, middle)
        assert edge == pytest.approx(low, rel=1e-9)
    with pytest.raises(ValueError, match="below 1/4"):
        lesson.saturation_edge(0.25)


# --- the data and a whole model ------------------------------------------------------------

def test_two_classes_are_as_documented(data):
    X, Y = data
    assert X.shape == (40, 1) and Y.shape == (40, 1)
    assert set(np.unique(Y)) == {0.0, 1.0} and Y.sum() == 20
    assert np.all((0.6 <= np.abs(X)) & (np.abs(X) <= 1.4))
    mislabelled = (X[:, 0] > 0) != (Y[:, 0] == 1)
    assert mislabelled.sum() == 2 and (X[mislabelled, 0] > 0).sum() == 1
    np.testing.assert_array_equal(lesson.two_classes()[0], X)
    with pytest.raises(ValueError, match="even number"):
        lesson.two_classes(m=5)


def test_accuracies_by_hand():
    X = np.array([[-1.0], [0.5], [2.0]])
    Y = np.array([[0.0], [0.0], [1.0]])
    # alpha = 0, beta = 1: logits -1, 0.5, 2 -> predictions 0, 1, 1 -> 2 of 3 right
    # alpha = -1, beta = 1: logits -2, -0.5, 1 -> 0, 0, 1 -> all right
    np.testing.assert_allclose(lesson.accuracies(X, Y, [0.0, -1.0], [[1.0], [1.0]]), [2 / 3, 1.0])
    assert lesson.iterations_to_accuracy(X, Y, [0.0, -1.0], [[1.0], [1.0]], goal=0.9) == 1
    assert lesson.iterations_to_accuracy(X, Y, [0.0], [[1.0]], goal=0.9) is None


@pytest.mark.parametrize("loss", [losses.mse, losses.binary_cross_entropy], ids=repr)
def test_gradient_norms_are_the_steps_gdlib_took(data, loss):
    X, Y = data
    alpha, beta = lesson.confidently_wrong_start(-7.0)
    run = gdlib.gradient_descent(X, Y, 0.5, 40, alpha, beta, loss=loss, activation=gdlib.sigmoid)
    steps = np.hypot(np.diff(run.alphas), np.diff(run.betas[:, 0])) / 0.5
    np.testing.assert_allclose(lesson.gradient_norms(X, Y, run.alphas, run.betas, loss)[:-1], steps, rtol=1e-6)


def test_gradient_norms_match_finite_differences_of_the_cost(data):
    X, Y = data
    alpha, beta = np.array([[0.3]]), np.array([[-2.0]])
    for loss in (losses.mse, losses.binary_cross_entropy):
        def cost(theta, loss=loss):
            return loss.value(Y, _sigmoid(theta[0] + theta[1] * X))
        numeric = gdlib.numerical_gradient(cost, np.array([0.3, -2.0]))
        norm = lesson.gradient_norms(X, Y, alpha[0], beta, loss)[0]
        assert norm == pytest.approx(np.linalg.norm(numeric), rel=1e-6)


def test_mse_stalls_where_cross_entropy_recovers(data):
    X, Y = data
    alpha, beta = lesson.confidently_wrong_start(-7.0)
    needed = {}
    for loss in (losses.mse, losses.binary_cross_entropy):
        run = gdlib.gradient_descent(X, Y, 2.0, 500, alpha, beta, loss=loss, activation=gdlib.sigmoid)
        predictions = _sigmoid(run.alphas[:, None] + run.betas @ X.T) > 0.5  # independent accuracy
        accuracy = (predictions == (Y.T == 1)).mean(axis=1)
        needed[loss.name] = int(np.argmax(accuracy >= 0.9))
        assert accuracy.max() >= 0.9
    assert needed["binary_cross_entropy"] <= 10 and needed["mse"] > 50 * needed["binary_cross_entropy"]


@pytest.mark.parametrize("loss", [losses.mse, losses.binary_cross_entropy], ids=repr)
def test_training_in_chunks_counts_like_one_long_run(data, loss):
    X, Y = data
    alpha, beta = lesson.confidently_wrong_start(-6.0)
    run = gdlib.gradient_descent(X, Y, 1.0, 400, alpha, beta, loss=loss, activation=gdlib.sigmoid)
    expected = _first_accurate(X, Y, run)
    assert lesson.ACCURACY_GOAL == 0.9 and expected is not None and expected > 7  # more than one chunk
    assert lesson.train_until_accurate(X, Y, -6.0, 1.0, loss, cap=400, chunk=7) == expected
    assert lesson.train_until_accurate(X, Y, -6.0, 1.0, loss, cap=expected - 1, chunk=7) is None


# --- softmax -------------------------------------------------------------------------------

@pytest.mark.parametrize("z", [[0.0, 2.0, 0.0], [1.0, -0.5, 3.0], [0.2, 0.1, -0.3, 1.5]])
def test_softmax_gradients_match_finite_differences(z):
    z = np.array(z)
    y = np.zeros_like(z)
    y[0] = 1.0

    def probabilities(t):
        e = np.exp(t - t.max())
        return e / e.sum()

    mse_numeric = gdlib.numerical_gradient(lambda t: np.sum((probabilities(t) - y) ** 2), z)
    cross_entropy_numeric = gdlib.numerical_gradient(lambda t: -np.log(probabilities(t)[0]), z)
    np.testing.assert_allclose(lesson.softmax_mse_gradient(z, y), mse_numeric, atol=1e-8)
    np.testing.assert_allclose(lesson.softmax_cross_entropy_gradient(z, y), cross_entropy_numeric, atol=1e-8)
    jacobian = lesson.softmax_jacobian(z)
    np.testing.assert_allclose(jacobian, jacobian.T, atol=1e-15)
    np.testing.assert_allclose(jacobian.sum(axis=1), 0.0, atol=1e-15)


def test_softmax_mse_gradient_vanishes_when_confidently_wrong():
    y = np.array([1.0, 0.0, 0.0])
    z = np.array([0.0, 20.0, 0.0])
    assert np.linalg.norm(lesson.softmax_mse_gradient(z, y)) < 1e-7
    np.testing.assert_allclose(lesson.softmax_cross_entropy_gradient(z, y), [-1.0, 1.0, 0.0], atol=1e-8)
    with pytest.raises(ValueError, match="one-hot"):
        lesson.softmax_cross_entropy_gradient(z, y[:2])


# --- figures and sliders -------------------------------------------------------------------

def test_saturation_figure_draws():
    figure = saturation_figure()
    assert len(figure.axes) == 2 and figure_png(figure).startswith(b"\x89PNG")


def test_explorer_at_every_extreme():
    check_slider_figure(vanishing_explorer())


def test_extended_runs_equal_one_long_run(data):
    X, Y = data
    figure, update = training_view(X, Y)
    update(starting_logit=-6.0, learning_rate=1.0, iterations=100)
    update(starting_logit=-6.0, learning_rate=1.0, iterations=300)  # extends the cached run
    alpha, beta = lesson.confidently_wrong_start(-6.0)
    run = gdlib.gradient_descent(X, Y, 1.0, 300, alpha, beta, loss=losses.mse, activation=gdlib.sigmoid)
    drawn = figure.axes[1].lines[0].get_ydata()  # the MSE run's gradient length
    np.testing.assert_array_equal(drawn, lesson.gradient_norms(X, Y, run.alphas, run.betas, losses.mse))
    np.testing.assert_array_equal(figure.axes[0].lines[0].get_ydata(), lesson.accuracies(X, Y, run.alphas, run.betas))


def test_title_reports_the_iterations_to_the_accuracy_goal(data):
    X, Y = data
    figure, update = training_view(X, Y)
    update(starting_logit=-7.0, learning_rate=2.0, iterations=500)
    alpha, beta = lesson.confidently_wrong_start(-7.0)
    run = gdlib.gradient_descent(X, Y, 2.0, 500, alpha, beta, loss=losses.mse, activation=gdlib.sigmoid)
    count = _first_accurate(X, Y, run)
    assert count is not None and f"MSE {count}," in figure.axes[0].get_title()
    update(starting_logit=-20.0, learning_rate=0.1, iterations=10)
    assert "MSE not yet" in figure.axes[0].get_title()


# --- the exercises -------------------------------------------------------------------------

def test_exercises_accept_independent_answers_and_reject_wrong_ones(data):
    X, Y = data
    exercises = lesson.exercises()
    assert set(exercises) == {"saturation", "mse iterations"}

    p = (1 + math.sqrt(1 - 0.004)) / 2  # p (1 - p) = 0.001
    assert exercises["saturation"].feedback(math.log(p / (1 - p)))[0]
    assert not exercises["saturation"].feedback(lesson.saturation_edge(SATURATION))[0]

    alpha, beta = lesson.confidently_wrong_start(-6.0)
    run = gdlib.gradient_descent(X, Y, 1.0, 600, alpha, beta, loss=losses.mse, activation=gdlib.sigmoid)
    accuracy = ((run.alphas[:, None] + run.betas @ X.T > 0) == (Y.T == 1)).mean(axis=1)
    count = int(np.argmax(accuracy >= 0.9))
    assert exercises["mse iterations"].feedback(count)[0]
    assert not exercises["mse iterations"].feedback(count + 1)[0]


def _notebook_text() -> str:
    from pathlib import Path

    import nbformat

    notebook = nbformat.read(Path(__file__).parent.parent / "notebooks" / "07_vanishing_gradients.ipynb", as_version=4)
    shown = []
    for cell in notebook.cells:
        shown.append(cell.source)
        for output in cell.get("outputs", []):
            shown.append(output.get("text", "") + "".join(output.get("data", {}).get("text/plain", "")))
    return "\n".join(shown)


def test_no_number_answer_is_printed_in_the_notebook():
    """The saturation edge and exercise 2's count must not appear in the text or the saved outputs of notebook 07."""
    text = _notebook_text()
    p = (1 + math.sqrt(1 - 0.004)) / 2  # p (1 - p) = 0.001
    edge = math.log(p / (1 - p))
    for written in (f"{edge:.3f}", f"{edge:.4g}"):
        assert written not in text, written
    count = int(lesson.exercises()["mse iterations"]._answer)
    assert f"after {count} iterations" not in text and f" {count:14d} " not in text


def test_the_notebook_writes_sigmoid_and_p_not_sigma():
    """sigma is reserved for standard deviations (course notation): the sigmoid is sigmoid(z), its output p."""
    text = _notebook_text()
    assert "\\sigma" not in text and "σ" not in text and "sigma" not in text.replace("sigmoid", "")


# --- the claims of the prose, one test each (numbers typed as the notebook states them) ------

def test_claim_the_slope_is_at_most_a_quarter_and_falls_like_exp_minus_abs_z():
    z = np.linspace(-30, 30, 601)
    slope = gdlib.sigmoid.derivative(z)
    assert slope.max() == pytest.approx(0.25) and z[np.argmax(slope)] == 0.0
    for far in (10.0, 20.0, 30.0):
        assert gdlib.sigmoid.derivative(far) / math.exp(-far) == pytest.approx(1.0, abs=1e-4)
    assert f"{gdlib.sigmoid.derivative(10.0):.1e}" == "4.5e-05"
    assert round(math.log10(gdlib.sigmoid.derivative(30.0))) == -13


def test_claim_the_ratio_is_one_over_twice_the_slope_and_grows_about_e_per_unit():
    for z in (-2.0, -5.0, -10.0, -30.0):
        ratio = lesson.logit_gradient(z, 1.0, losses.binary_cross_entropy) / lesson.logit_gradient(z, 1.0, losses.mse)
        assert ratio == pytest.approx(1 / (2 * _sigmoid(z) * (1 - _sigmoid(z))), rel=1e-9)
    growth = [lesson.logit_gradient(z - 1, 1.0, losses.mse) / lesson.logit_gradient(z, 1.0, losses.mse)
              for z in (-3.0, -10.0, -20.0)]
    assert all(1 / g == pytest.approx(math.e, rel=0.1) for g in growth)
    at_30 = lesson.logit_gradient(-30.0, 1.0, losses.binary_cross_entropy) / lesson.logit_gradient(
        -30.0, 1.0, losses.mse)
    assert f"{at_30:.0e}" == "5e+12"


def test_claim_no_threshold_gets_all_40_right_and_the_best_gets_39(data):
    X, Y = data
    x, y = X[:, 0], Y[:, 0] == 1
    ordered = np.sort(x)
    thresholds = np.concatenate([[-2.0], (ordered[1:] + ordered[:-1]) / 2, [2.0]])
    best = max(max(((x > t) == y).sum(), ((x < t) == y).sum()) for t in thresholds)
    assert best == 39


def test_claim_the_start_is_confidently_wrong_for_all_but_the_two_mislabelled(data):
    X, Y = data
    alpha, beta = lesson.confidently_wrong_start(-7.0)
    assert (alpha + beta * 1.0).item() == -7.0  # the logit of an example at x = 1
    logits = gdlib.predict(X, alpha, beta)[:, 0]
    wrong = (logits > 0) != (Y[:, 0] == 1)
    assert wrong.sum() == 38 and np.all(np.abs(logits[wrong]) >= 4)  # p(right class) below 2%
    assert lesson.accuracies(X, Y, [0.0], beta)[0] == pytest.approx(0.05)


def test_claim_cross_entropy_starts_250_times_longer_and_needs_4_iterations_against_345(data):
    X, Y = data
    alpha, beta = lesson.confidently_wrong_start(-7.0)
    lengths, needed = {}, {}
    for loss in (losses.mse, losses.binary_cross_entropy):
        run = gdlib.gradient_descent(X, Y, 2.0, 500, alpha, beta, loss=loss, activation=gdlib.sigmoid)
        lengths[loss.name] = lesson.gradient_norms(X, Y, run.alphas, run.betas, loss)[0]
        needed[loss.name] = lesson.iterations_to_accuracy(X, Y, run.alphas, run.betas)
    assert round(lengths["binary_cross_entropy"] / lengths["mse"], -1) == 250
    assert needed == {"mse": 345, "binary_cross_entropy": 4}


def test_claim_mse_crosses_two_plateaus_with_the_wrong_examples_saturated(data):
    X, Y = data
    alpha, beta = lesson.confidently_wrong_start(-7.0)
    run = gdlib.gradient_descent(X, Y, 2.0, 500, alpha, beta, loss=losses.mse, activation=gdlib.sigmoid)
    accuracy = lesson.accuracies(X, Y, run.alphas, run.betas)
    logits = run.alphas[:, None] + run.betas @ X.T  # (k + 1, m)
    # first plateau: nothing learned for 100 iterations while the bias creeps up
    assert np.all(accuracy[:101] == 0.05) and np.all(run.costs[:101] > 0.93)
    assert np.all(np.diff(run.alphas[:101]) > 0)
    # second plateau: every example predicted 1, half right, cost near 0.5, the weight turning round
    for k in (150, 200, 250, 300):
        assert np.all(logits[k] > 0) and accuracy[k] == 0.5 and abs(run.costs[k] - 0.5) < 0.01
    assert run.betas[150, 0] < run.betas[300, 0] < 0 < run.betas[-1, 0]
    # on both, most of the examples still wrong sit in the saturated band
    for k in (0, 50, 100, 200, 250, 300):
        wrong = (logits[k] > 0) != (Y[:, 0] == 1)
        assert (gdlib.sigmoid.derivative(logits[k][wrong]) < SATURATION).mean() > 0.75


def test_claim_two_units_of_confidence_multiply_the_mse_wait_by_four_to_nine(data):
    X, Y = data
    counts = {start: [lesson.train_until_accurate(X, Y, start, 2.0, loss, cap=5_000)
                      for loss in (losses.mse, losses.binary_cross_entropy)] for start in (-2.0, -4.0, -6.0, -8.0)}
    assert counts == {-2.0: [5, 2], -4.0: [21, 3], -6.0: [122, 4], -8.0: [1042, 5]}
    mse = [counts[start][0] for start in (-2.0, -4.0, -6.0, -8.0)]
    assert all(4 <= later / earlier <= 9 for earlier, later in zip(mse, mse[1:], strict=False))


def test_claim_confidently_wrong_softmax_jacobian_is_near_zero_and_the_gradients_tend_as_stated():
    label = np.array([1.0, 0.0, 0.0])
    jacobian = lesson.softmax_jacobian(np.array([0.0, 20.0, 0.0]))
    assert np.abs(jacobian).max() < 1e-8  # every entry has a factor near 0
    p = gdlib.softmax(np.array([[0.3, -1.0, 2.0]]))[0]
    np.testing.assert_allclose(np.diag(lesson.softmax_jacobian([0.3, -1.0, 2.0])), p * (1 - p), rtol=1e-12)
    np.testing.assert_allclose(lesson.softmax_jacobian([0.3, -1.0, 2.0])[0, 2], -p[0] * p[2], rtol=1e-12)
    norms = {c: np.linalg.norm(lesson.softmax_mse_gradient([0.0, c, 0.0], label)) for c in (10.0, 20.0)}
    assert norms[10.0] / norms[20.0] == pytest.approx(math.exp(10), rel=0.1)  # fades like e^-c
    cross_entropy = lesson.softmax_cross_entropy_gradient([0.0, 20.0, 0.0], label)
    assert np.linalg.norm(cross_entropy) == pytest.approx(math.sqrt(2), rel=1e-8)


def test_claim_gdlib_uses_the_closed_form_for_cross_entropy_after_a_sigmoid():
    """The worked solution says gdlib.gradient_descent uses (sigmoid(z) - y) / m: one step where the sigmoid
    is saturated to rounding (z = 40, p == 1.0 exactly) still moves by the learning rate times it."""
    X, Y = np.array([[1.0], [2.0]]), np.array([[0.0], [1.0]])
    alpha, beta = np.array([[40.0]]), np.array([[0.0]])
    run = gdlib.gradient_descent(X, Y, 0.1, 1, alpha, beta, loss=losses.binary_cross_entropy, activation=gdlib.sigmoid)
    d_z = losses.binary_cross_entropy.gradient_from_logits(Y, np.full((2, 1), 40.0))
    np.testing.assert_allclose(d_z, (_sigmoid(np.full((2, 1), 40.0)) - Y) / 2, rtol=1e-12)
    assert run.alpha.item() == pytest.approx(40.0 - 0.1 * d_z.sum(), rel=1e-15)
    assert run.beta.item() == pytest.approx(-0.1 * (d_z.T @ X).item(), rel=1e-12)


def test_the_figure_text_uses_the_course_notation():
    figure = saturation_figure()
    texts = [figure.axes[0].get_title()] + [text.get_text() for text in figure.axes[0].get_legend().get_texts()]
    assert texts == ["the sigmoid saturates where p (1 − p) < 0.01 (shaded)", "p = sigmoid(z)", "slope p (1 − p)"]
    assert SATURATION == 0.01
