"""Notebook 02's figure (issue 12): the run it draws is gradient descent's, its axes stay put
while a slider is dragged, nothing moving is drawn again with the background, and its legend
names the residuals only when one is long enough to see."""

import numpy as np
import pytest
from figure_checks import text_problems
from matplotlib.legend import Legend

import gdlib
from gdlib.plots.worked_example import MAX_ITERATIONS, VISIBLE_RESIDUAL, descent_runner, worked_example_view
from gdlib.widgets.worked_example import worked_example_explorer

CRITICAL = 0.08092  # 2 / lambda_max of the worked example, to 4 digits (test_worked_example checks it)


@pytest.fixture(scope="module")
def start():
    X, Y = gdlib.load_worked_example()
    alpha, beta, _ = gdlib.load_worked_example_start()
    return X, Y, alpha, beta


# Rates across the slider, both sides of the critical rate, and run lengths that stop before
# and after the blow-up.
RUNS = [(0.001, 5000), (0.01, 100), (0.05, 1500), (0.0807, 2000), (0.0874, 20), (0.0874, 5000), (0.12, 5000),
        (0.05, 0), (0.12, 1)]


@pytest.mark.parametrize(("learning_rate", "iterations"), RUNS)
def test_the_runner_gives_the_run_gdlib_gradient_descent_makes(start, learning_rate, iterations):
    X, Y, alpha, beta = start
    loop = gdlib.gradient_descent(X, Y, learning_rate, iterations, alpha, beta)
    fast = descent_runner(X, Y, alpha, beta)(learning_rate, iterations)
    assert fast.iterations_run == loop.iterations_run and fast.diverged == loop.diverged
    assert fast.alpha.shape == (1, 1) and fast.beta.shape == (1, 2)
    np.testing.assert_allclose(np.column_stack([fast.alphas, fast.betas]),
                               np.column_stack([loop.alphas, loop.betas]), rtol=1e-9, atol=1e-9)
    # Costs agree to rounding; near zero, rounding is all there is (J of 1e-25 is y - ŷ of 3e-13).
    np.testing.assert_allclose(fast.costs, loop.costs, rtol=1e-6, atol=1e-20)


def test_the_runner_refuses_what_gdlib_refuses(start):
    run = descent_runner(*start)
    with pytest.raises(ValueError, match="learning_rate"):
        run(-0.1, 10)
    with pytest.raises(ValueError, match="iterations"):
        run(0.05, -1)


def _visible_legend_texts(ax) -> list[str]:
    legends = [artist for artist in ax.get_children() if isinstance(artist, Legend) and artist.get_visible()]
    return [text.get_text() for legend in legends for text in legend.get_texts() if text.get_visible()]


def test_the_legend_names_the_residuals_only_when_one_is_long_enough_to_see(start):
    X, Y, alpha, beta = start
    figure, update = worked_example_view(X, Y, alpha=alpha, beta=beta)
    fit_ax = figure.axes[1]
    span = np.diff(fit_ax.get_ylim())[0]
    update(learning_rate=0.05, iterations=1500)  # the saved picture: the fit has converged
    (segments,) = fit_ax.collections
    lengths = [abs(segment[1][1] - segment[0][1]) for segment in segments.get_segments()]
    assert max(lengths) < 1e-3 < VISIBLE_RESIDUAL * span  # "no residual is long enough to see"
    assert sorted(_visible_legend_texts(fit_ax)) == ["end of the run", "start", "ŷ = y (perfect fit)"]
    update(learning_rate=0.05, iterations=0)  # the start: residuals 4.5, 3.5, 7 and 6
    lengths = [abs(segment[1][1] - segment[0][1]) for segment in segments.get_segments()]
    np.testing.assert_allclose(lengths, [4.5, 3.5, 7.0, 6.0])
    assert sorted(_visible_legend_texts(fit_ax)) == ["end of the run", "residual y − ŷ", "start", "ŷ = y (perfect fit)"]
    assert text_problems(figure) == []


def test_the_legend_sits_beside_the_fit_where_nothing_moves():
    explorer = worked_example_explorer()
    figure = explorer.figure
    renderer = figure.canvas.get_renderer()
    fit_box = figure.axes[1].get_window_extent(renderer)
    legends = [artist for artist in figure.axes[1].get_children() if isinstance(artist, Legend)]
    assert len(legends) == 2
    for legend in legends:
        assert legend.get_window_extent(renderer).x0 > fit_box.x1


def test_the_axes_cover_every_setting_and_a_drag_never_draws_the_background_again(monkeypatch):
    explorer = worked_example_explorer()
    cost_ax, fit_ax = explorer.figure.axes
    limits = [ax.get_xlim() + ax.get_ylim() for ax in (cost_ax, fit_ax)]
    assert cost_ax.get_xlim() == (0, MAX_ITERATIONS) == (0, explorer.controls["iterations"].max)
    draws = []
    canvas_type = type(explorer.figure.canvas)
    original = canvas_type.draw
    monkeypatch.setattr(canvas_type, "draw", lambda canvas: draws.append(1) or original(canvas))
    rate, iterations = explorer.controls["learning_rate"], explorer.controls["iterations"]
    for exponent in np.linspace(rate.min, rate.max, 15):  # a drag across the learning rates
        rate.value = 10**exponent
    for value in range(0, MAX_ITERATIONS + 1, 250):  # and across the iterations
        iterations.value = value
    assert draws == []
    assert [ax.get_xlim() + ax.get_ylim() for ax in (cost_ax, fit_ax)] == limits


def test_the_static_figure_of_the_notebook_reaches_its_10000_iterations_and_reads_well(start):
    X, Y, alpha, beta = start
    figure, draw = worked_example_view(X, Y, alpha=alpha, beta=beta, max_iterations=10_000)
    draw(learning_rate=0.01, iterations=10_000)
    cost_ax = figure.axes[0]
    assert cost_ax.get_xlim() == (0, 10_000) and cost_ax.lines[0].get_xdata()[-1] == 10_000
    assert text_problems(figure) == []
    with pytest.raises(ValueError, match="at most max_iterations = 10000"):
        draw(learning_rate=0.01, iterations=10_001)


def test_titles_of_a_blown_up_run_stay_short(start):
    X, Y, alpha, beta = start
    figure, update = worked_example_view(X, Y, alpha=alpha, beta=beta)
    update(learning_rate=0.12, iterations=5000)
    run = gdlib.gradient_descent(X, Y, 0.12, 5000, alpha, beta)
    assert run.diverged and np.all(np.abs(np.hstack([run.alpha, run.beta])) > 1000)
    # 3 significant digits once a parameter passes 1000, such as −5.36e+03
    a, b1, b2 = (f"{value:.3g}".replace("-", "−") for value in (run.alpha[0, 0], *run.beta[0]))
    assert figure.axes[1].get_title().splitlines() == [f"end of the run: α = {a}", f"β = [{b1}, {b2}]"]
    assert any(f"0.12 > critical {CRITICAL:.4f}" in text.get_text() for text in figure.axes[0].texts)
    assert text_problems(figure) == []
