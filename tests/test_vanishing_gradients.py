"""Notebook 06 (vanishing gradients): the closed-form gradients, the two-class data, training from a
confidently wrong start, the softmax gradients, the sliders and the exercises."""

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
    expected = lesson.iterations_to_accuracy(X, Y, run.alphas, run.betas)
    assert expected is not None
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
    drawn = figure.axes[0].lines[0].get_ydata()  # the MSE cost curve
    np.testing.assert_array_equal(drawn, run.costs)


def test_title_reports_the_iterations_to_the_accuracy_goal(data):
    X, Y = data
    figure, update = training_view(X, Y)
    update(starting_logit=-7.0, learning_rate=2.0, iterations=500)
    alpha, beta = lesson.confidently_wrong_start(-7.0)
    run = gdlib.gradient_descent(X, Y, 2.0, 500, alpha, beta, loss=losses.mse, activation=gdlib.sigmoid)
    count = lesson.iterations_to_accuracy(X, Y, run.alphas, run.betas)
    assert f"MSE {count}," in figure.axes[0].get_title()
    update(starting_logit=-20.0, learning_rate=0.1, iterations=10)
    assert "MSE not yet" in figure.axes[0].get_title()


# --- the exercises -------------------------------------------------------------------------

def test_exercises_accept_independent_answers_and_reject_wrong_ones(data):
    X, Y = data
    exercises = lesson.exercises()

    slope = math.exp(6) / (1 + math.exp(6)) ** 2  # sigmoid'(-6)
    assert exercises["ratio"].feedback(1 / (2 * slope))[0]
    assert not exercises["ratio"].feedback(2 * slope)[0]

    p = (1 + math.sqrt(1 - 0.004)) / 2  # p (1 - p) = 0.001
    assert exercises["saturation"].feedback(math.log(p / (1 - p)))[0]
    assert not exercises["saturation"].feedback(lesson.saturation_edge(SATURATION))[0]

    alpha, beta = lesson.confidently_wrong_start(-6.0)
    run = gdlib.gradient_descent(X, Y, 1.0, 600, alpha, beta, loss=losses.mse, activation=gdlib.sigmoid)
    accuracy = ((run.alphas[:, None] + run.betas @ X.T > 0) == (Y.T == 1)).mean(axis=1)
    count = int(np.argmax(accuracy >= 0.9))
    assert exercises["mse iterations"].feedback(count)[0]
    assert not exercises["mse iterations"].feedback(count + 1)[0]

    e = np.exp(np.array([1.0, 3.0, -1.0]) - 3.0)
    assert exercises["softmax"].feedback(e / e.sum() - np.array([0.0, 0.0, 1.0]))[0]
    assert not exercises["softmax"].feedback(e / e.sum())[0]


def test_no_number_answer_is_printed_in_the_notebook():
    """The ratio and the saturation edge must not appear in the text or the saved outputs of notebook 06."""
    from pathlib import Path

    import nbformat

    notebook = nbformat.read(Path(__file__).parent.parent / "notebooks" / "07_vanishing_gradients.ipynb", as_version=4)
    shown = []
    for cell in notebook.cells:
        shown.append(cell.source)
        for output in cell.get("outputs", []):
            shown.append(output.get("text", "") + "".join(output.get("data", {}).get("text/plain", "")))
    text = "\n".join(shown)
    slope = math.exp(6) / (1 + math.exp(6)) ** 2  # sigmoid'(-6)
    p = (1 + math.sqrt(1 - 0.004)) / 2  # p (1 - p) = 0.001
    for answer in (1 / (2 * slope), math.log(p / (1 - p))):
        for written in (f"{answer:.3f}", f"{answer:.4g}"):
            assert written not in text, written
