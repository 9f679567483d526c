"""Notebook 09's figures as a learner sees them: the slider figure's fast runs are gdlib's runs,
its axes stay put while a slider moves, its legend and warning sit where no line runs, and the
static figures keep their text and points clear."""

import numpy as np
import pytest
from figure_checks import text_problems

import gdlib
from gdlib.lessons import minibatch_descent as lesson
from gdlib.lessons.minibatch_descent import house_prices
from gdlib.mse import least_squares, mse_cost
from gdlib.plots.minibatch_descent import gradient_clouds_figure, minibatch_runner, variant_curves_figure
from gdlib.stochastic import minibatch_gradient_descent
from gdlib.widgets import values_at_extremes
from gdlib.widgets.minibatch_descent import BATCH_SIZES, MAX_EPOCHS, variants_explorer


@pytest.fixture(scope="module")
def houses():
    X_raw, Y = house_prices()
    X, _, _ = gdlib.standardize(X_raw)
    return X, Y, mse_cost(X, Y, *least_squares(X, Y))


@pytest.mark.parametrize("batch_size", [1, 5, 20, 30, 200])  # 30 leaves a last batch of 20
@pytest.mark.parametrize("learning_rate", [0.001, 0.1, 0.5, 1.0])  # 0.5 and 1.0 blow up for some
@pytest.mark.parametrize("epochs", [1, 3])
def test_the_sliders_fast_runs_are_gdlibs_runs(houses, batch_size, learning_rate, epochs):
    X, Y, J_star = houses
    excess, examples_seen, diverged = minibatch_runner(X, Y, seed=0)(learning_rate, epochs, batch_size)
    run = minibatch_gradient_descent(X, Y, learning_rate, epochs, batch_size, rng=np.random.default_rng(0))
    assert diverged == run.diverged and excess.size == run.costs.size
    np.testing.assert_array_equal(examples_seen, run.examples_seen)
    np.testing.assert_allclose(excess, run.costs - J_star, rtol=1e-9, atol=1e-12)


def test_the_variant_sliders_axes_stay_put_and_a_move_redraws_only_what_moves():
    explorer = variants_explorer()
    figure = explorer.figure
    ax_updates, ax_examples = figure.axes
    assert ax_examples.get_xlim() == (0.0, MAX_EPOCHS * 200)  # every epoch setting fits
    assert ax_updates.get_xlim()[1] >= MAX_EPOCHS * 200  # batches of 1: 200 updates an epoch
    limits = [ax.get_xlim() + ax.get_ylim() for ax in figure.axes]
    settings = values_at_extremes(explorer.controls) + [
        {**explorer.values(), "batch_size": b} for b in BATCH_SIZES]
    for setting in settings:
        explorer.update(**setting)
        assert not figure.stale, setting  # no background redraw: only animated artists changed
        assert [ax.get_xlim() + ax.get_ylim() for ax in figure.axes] == limits


def test_the_dashed_batch_run_is_drawn_whole_once_and_the_legend_sits_below_the_panels():
    explorer = variants_explorer()
    figure = explorer.figure
    (legend,) = figure.legends
    renderer = figure.canvas.get_renderer()
    assert all(legend.get_window_extent(renderer).y1 <= ax.get_window_extent(renderer).y0 for ax in figure.axes)
    assert [text.get_text() for text in legend.get_texts()] == ["this run", "batch, rate 0.374"]
    for ax in figure.axes:
        dashed = ax.lines[0]
        assert not dashed.get_animated() and dashed.get_linestyle() == "--"
    assert figure.axes[1].lines[0].get_xdata()[-1] == MAX_EPOCHS * 200  # all 20 epochs of the batch run


def test_the_warning_sits_low_where_a_run_that_grew_is_not():
    explorer = variants_explorer()
    explorer.controls["batch_size"].value = 1
    explorer.controls["learning_rate"].value = 1.0
    ax_examples = explorer.figure.axes[1]
    (warning,) = [text for text in ax_examples.texts if text.get_visible()]
    assert "grew" in warning.get_text() and warning.get_position()[1] <= 0.25
    # the run that grew is clipped at the top of the axis
    run = ax_examples.lines[1]
    assert np.nanmin(run.get_ydata()) > 1.0
    assert text_problems(explorer.figure) == []


def test_the_variant_curves_fit_their_panels(houses):
    X, Y, J_star = houses
    runs = {f"b = {b}": minibatch_gradient_descent(X, Y, rate, 20, b, rng=np.random.default_rng(0))
            for b, rate in ((200, 0.3), (20, 0.1), (1, 0.003))}
    figure = variant_curves_figure(runs, J_star, 200)
    assert figure.axes[1].get_title() == "against examples seen"  # "(the work done)" ran off the figure
    assert text_problems(figure) == []


def test_the_gradient_clouds_legend_hides_no_point(houses):
    X, Y, _ = houses
    alpha_star, beta_star = least_squares(X, Y)
    G = lesson.example_gradients(X, Y, alpha_star, beta_star)
    shuffler = np.random.default_rng(2)
    clouds = {f"batches of {b}": lesson.batch_gradient_means(G, b, 200, shuffler)[:400, [1, 3]] for b in (1, 20)}
    figure = gradient_clouds_figure(clouds, ("floor area (m²)", "distance to the centre (km)"))
    figure.canvas.draw()
    renderer = figure.canvas.get_renderer()
    (ax,) = figure.axes
    legend = ax.get_legend()
    assert legend.get_window_extent(renderer).x0 >= ax.get_window_extent(renderer).x1  # beside the axes
    assert text_problems(figure) == []
