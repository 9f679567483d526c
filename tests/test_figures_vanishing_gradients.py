"""Notebook 07's figures as a learner sees them (issue 12): the training figure compares the losses by
accuracy, not by two different costs on one axis; the saturation figure's note stays clear of the axis
label; a slider move redraws only what moves. Expected numbers come from gdlib's descent."""

import numpy as np
import pytest
from figure_checks import text_problems

import gdlib
from gdlib import losses
from gdlib.lessons import vanishing_gradients as lesson
from gdlib.plots.vanishing_gradients import saturation_figure, training_view
from gdlib.widgets import values_at_extremes
from gdlib.widgets.vanishing_gradients import vanishing_explorer


@pytest.fixture(scope="module")
def data():
    return lesson.two_classes()


def _run(X, Y, loss, starting_logit=-7.0, learning_rate=2.0, iterations=500):
    alpha, beta = lesson.confidently_wrong_start(starting_logit)
    return gdlib.gradient_descent(X, Y, learning_rate, iterations, alpha, beta, loss=loss, activation=gdlib.sigmoid)


def test_the_saturation_figure_is_readable_and_its_note_stays_inside_its_panel():
    figure = saturation_figure()
    assert text_problems(figure) == []
    right = figure.axes[1]
    figure.canvas.draw()
    (note,) = right.texts
    box, axes_box = note.get_window_extent(), right.get_window_extent()
    assert axes_box.x0 <= box.x0 and box.x1 <= axes_box.x1 and axes_box.y0 <= box.y0 and box.y1 <= axes_box.y1
    assert not box.overlaps(right.yaxis.label.get_window_extent())


def test_no_panel_puts_the_two_costs_on_one_axis(data):
    X, Y = data
    figure, update = training_view(X, Y)
    update(starting_logit=-7.0, learning_rate=2.0, iterations=500)
    costs = {label: _run(X, Y, loss).costs for label, loss in (("MSE", losses.mse),
                                                                ("cross-entropy", losses.binary_cross_entropy))}
    for ax in figure.axes:
        for line in ax.get_lines():
            y = np.asarray(line.get_ydata(), dtype=float)
            assert not any(y.size == cost.size and np.allclose(y, cost) for cost in costs.values())


def test_the_left_panel_is_each_runs_accuracy_with_a_drop_line_where_it_reaches_the_goal(data):
    X, Y = data
    figure, update = training_view(X, Y)
    update(starting_logit=-7.0, learning_rate=2.0, iterations=500)
    accuracy_ax = figure.axes[0]
    solid = [line for line in accuracy_ax.get_lines() if line.get_linestyle() == "-"]
    drops = [line for line in accuracy_ax.get_lines() if line.get_linestyle() == ":"]
    for curve, drop, loss in zip(solid, drops, (losses.mse, losses.binary_cross_entropy), strict=True):
        run = _run(X, Y, loss)
        expected = lesson.accuracies(X, Y, run.alphas, run.betas)
        np.testing.assert_array_equal(curve.get_ydata(), expected)
        reached = lesson.iterations_to_accuracy(X, Y, run.alphas, run.betas)
        assert drop.get_visible() and list(drop.get_xdata()) == [reached, reached]
        assert list(drop.get_ydata()) == [0.0, lesson.ACCURACY_GOAL]
    assert accuracy_ax.get_title() == "iterations to 90% accuracy:\nMSE 345, cross-entropy 4"  # notebook 07
    # the right panel: each run's gradient length
    run = _run(X, Y, losses.mse)
    np.testing.assert_allclose(figure.axes[1].get_lines()[0].get_ydata(),
                               lesson.gradient_norms(X, Y, run.alphas, run.betas, losses.mse), rtol=1e-12)
    update(starting_logit=-20.0, learning_rate=0.1, iterations=10)
    assert not any(drop.get_visible() for drop in drops)


def test_the_iteration_axes_cover_the_whole_slider_and_the_legend_is_below_the_panels():
    explorer = vanishing_explorer()
    figure = explorer.figure
    for ax in figure.axes:
        assert ax.get_xlim() == (0.0, explorer.controls["iterations"].max)
        assert ax.get_legend() is None
    legend = figure.legends[0].get_window_extent()
    assert all(legend.y1 <= ax.get_window_extent().y0 for ax in figure.axes)
    assert [text.get_text() for text in figure.legends[0].get_texts()] == [
        "MSE", "cross-entropy", "90% accuracy, the goal"]


def test_a_slider_move_redraws_only_the_animated_artists():
    explorer = vanishing_explorer()
    settings = values_at_extremes(explorer.controls) + [
        {"starting_logit": s, "learning_rate": 2.0, "iterations": 500} for s in (-12.0, -4.0)]
    for setting in settings:
        explorer.update(**setting)
        assert not explorer.figure.stale, f"{setting} changed the background"
        explorer.render()
