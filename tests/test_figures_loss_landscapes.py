"""The figures of notebook 11 (loss landscapes) as a learner sees them: the slider figure moves
only its animated artists, its axes hold every run the sliders allow, nothing hides the legend,
and the picture says what the notebook says about it."""

from pathlib import Path

import nbformat
import numpy as np
import pytest
from matplotlib.legend import Legend
from matplotlib.text import Annotation

from gdlib.lessons.loss_landscapes import network_data
from gdlib.plots import SMALLEST_TEXT_PT
from gdlib.plots.loss_landscapes import COST_RANGE, DIAGONALS, WEIGHT_RANGE, descent_runs, saddle_figure
from gdlib.tiny_network import network_cost, network_descent
from gdlib.widgets import values_at_extremes
from gdlib.widgets.loss_landscapes import MAX_ITERATIONS, network_landscape_explorer

NOTEBOOK = Path(__file__).parent.parent / "notebooks" / "11_loss_landscapes.ipynb"
PROSE = " ".join("\n".join(cell.source for cell in nbformat.read(NOTEBOOK, as_version=4).cells
                           if cell.cell_type == "markdown").split())
x, Y = network_data()
STARTS = np.arange(WEIGHT_RANGE[0], WEIGHT_RANGE[1] + 1e-9, 0.5)
RATES = (0.01, 0.05, 0.3, 1.0)


@pytest.fixture(scope="module")
def explorer():
    return network_landscape_explorer()


def _axes(explorer):
    landscape, curve = explorer.figure.axes
    return landscape, curve


def test_the_fast_runs_are_network_descent_number_for_number():
    run = descent_runs(x, Y, MAX_ITERATIONS)
    for rate in RATES:
        for w1 in STARTS:
            for w2 in STARTS:
                expected = network_descent(x, Y, (w1, w2), rate, MAX_ITERATIONS)
                got = run(w1, w2, rate)
                assert np.array_equal(got.weights, expected.weights), (w1, w2, rate)
                assert np.array_equal(got.costs, expected.costs), (w1, w2, rate)
    # a shorter run is the first steps of the long one
    short = network_descent(x, Y, (0.9, -1.2), 0.05, 120)
    assert np.array_equal(run(0.9, -1.2, 0.05).weights[:121], short.weights)


def test_the_cost_axis_is_fixed_and_holds_every_run_the_sliders_allow(explorer):
    _, curve = _axes(explorer)
    assert curve.get_xlim() == (0, MAX_ITERATIONS) == (0, explorer.controls["iterations"].max)
    assert curve.get_ylim() == pytest.approx(COST_RANGE)
    run = descent_runs(x, Y, MAX_ITERATIONS)
    for rate in RATES:
        for w1 in STARTS:
            for w2 in STARTS:
                costs = run(w1, w2, rate).costs
                assert COST_RANGE[0] < costs.min() and costs.max() < COST_RANGE[1], (w1, w2, rate)


def test_every_slider_move_changes_only_animated_artists(explorer):
    """A move that touched the background (limits, a title that is not animated, a legend) would
    leave the figure stale and make the slider redraw everything (slow while dragging)."""
    for setting in values_at_extremes(explorer.controls):
        explorer.update(**setting)
        assert not explorer.figure.stale, setting
    explorer.update(**explorer.values())


def test_the_legend_is_below_the_panels_where_no_moving_artist_goes(explorer):
    legends = [artist for artist in explorer.figure.get_children() if isinstance(artist, Legend)]
    assert len(legends) == 1 and not any(ax.get_legend() for ax in explorer.figure.axes)
    renderer = explorer.figure.canvas.get_renderer()
    box = legends[0].get_window_extent(renderer)
    for ax in explorer.figure.axes:
        assert box.y1 < ax.get_window_extent(renderer).y0
    labels = [text.get_text() for text in legends[0].get_texts()]
    assert "negative curvature" in labels and f"J at the saddle, {network_cost(x, Y, (0, 0)):.2f}" in labels
    assert all(text.get_fontsize() >= SMALLEST_TEXT_PT for text in legends[0].get_texts())


def test_the_title_says_where_the_run_ends_even_off_the_plot_and_when_it_never_moves():
    explorer = network_landscape_explorer()
    _, curve = _axes(explorer)
    explorer.controls["learning_rate"].value = 1.0
    explorer.controls["start_w1"].value, explorer.controls["start_w2"].value = -0.25, 2.5
    end = network_descent(x, Y, (-0.25, 2.5), 1.0, 300).weights[-1]
    assert end[0] > WEIGHT_RANGE[1]
    assert curve.title.get_text().endswith(f"w = ({end[0]:.2f}, {end[1]:.2f}), off the plot")
    explorer.controls["start_w1"].value = explorer.controls["start_w2"].value = 0.0
    assert curve.title.get_text() == "after 0 steps: J = 1.3609\nthe gradient is 0 at the start"


def test_the_start_is_drawn_whole_on_the_edge_of_the_window(explorer):
    landscape, _ = _axes(explorer)
    start = next(line for line in landscape.get_lines() if line.get_label() == "start")
    assert not start.get_clip_on() and start.get_animated()


def test_the_shoulder_of_the_default_run_lies_on_the_saddle_level_for_about_40_iterations(explorer):
    _, curve = _axes(explorer)
    level = next(line for line in curve.get_lines() if line.get_label().startswith("J at the saddle"))
    J_saddle = network_cost(x, Y, (0.0, 0.0))
    assert level.get_ydata()[0] == J_saddle
    costs = network_descent(x, Y, (0.9, -1.2), 0.05, 300).costs
    near = np.flatnonzero(np.abs(costs / J_saddle - 1) < 0.05)
    assert near.size == near[-1] - near[0] + 1 == 42  # one stretch, iterations 14 to 55
    assert "about 40 iterations along the dotted line of the saddle's level" in PROSE


def test_the_saddle_figure_names_each_line_on_the_map_and_marks_the_saddle_on_both_panels():
    figure = saddle_figure(x, Y)
    ax_map, ax_cuts = figure.axes
    assert ax_map.get_legend() is None  # the lines are named where they are
    names = {text.get_text() for text in ax_map.texts if isinstance(text, Annotation)}
    assert names == {*DIAGONALS, "saddle"}
    for ax, point in ((ax_map, (0.0, 0.0)), (ax_cuts, (0.0, network_cost(x, Y, (0.0, 0.0))))):
        crosses = [line for line in ax.get_lines() if line.get_marker() == "X"]
        assert len(crosses) == 1 and (crosses[0].get_xdata()[0], crosses[0].get_ydata()[0]) == point
    assert all(text.get_fontsize() >= SMALLEST_TEXT_PT for text in ax_cuts.get_legend().get_texts())
