"""Notebook 05's figures as a learner sees them (issue 12): readable, nothing on top of the texts,
and a slider that redraws only what moves. Expected numbers come from numpy, not from the figure code."""

import numpy as np
import pytest
from figure_checks import drawn_texts, text_problems

from gdlib.lessons import heavy_tails as lesson
from gdlib.plots import SMALLEST_TEXT_PT
from gdlib.plots.heavy_tails import noisy_lines_figure, spread_growth_figure
from gdlib.widgets import values_at_extremes
from gdlib.widgets.heavy_tails import heavy_tails_explorer


@pytest.fixture(scope="module")
def monte_carlo():
    return lesson.heavy_tails_monte_carlo(trials=200)


@pytest.fixture(scope="module")
def explorer(monte_carlo):
    return heavy_tails_explorer(monte_carlo)


def _static_figures(monte_carlo):
    return {
        "noisy lines": noisy_lines_figure(lesson.x_values(), lesson.figure_data_sets(), true_alpha=1.0,
                                          true_beta=0.5, delta=lesson.MONTE_CARLO_DELTA),
        "spread growth": spread_growth_figure(monte_carlo, (1.0, 2.0, np.inf), (10, 20, 50, 100, 200)),
    }


def test_static_figures_are_readable_and_their_legends_are_not_small(monte_carlo):
    for name, figure in _static_figures(monte_carlo).items():
        assert text_problems(figure) == [], name
        legends = [ax.get_legend() for ax in figure.axes if ax.get_legend()] + list(figure.legends)
        assert legends, name
        for legend in legends:
            assert all(text.get_fontsize() >= SMALLEST_TEXT_PT for text in legend.get_texts()), name


def test_the_losses_are_named_as_the_notebook_writes_them(monte_carlo, explorer):
    spread_legend = explorer.figure.axes[1].get_legend()
    labels = [text.get_text() for text in spread_legend.get_texts()]
    assert labels[:3] == ["MSE", "MAE", "Huber δ = 1.345"]
    growth = _static_figures(monte_carlo)["spread growth"]
    assert [text.get_text() for text in growth.axes[-1].get_legend().get_texts()] == labels[:3]


def test_the_histogram_notes_give_each_loss_its_iqr_and_the_slopes_off_the_plot(monte_carlo, explorer):
    hist_ax = explorer.figure.axes[0]
    for df in (1.0, np.inf):
        explorer.controls["df"].value = df
        d = monte_carlo.dfs.index(df)
        notes = [text.get_text() for text in hist_ax.texts]
        for j, name in enumerate(("MSE", "MAE", "Huber δ = 1.345")):
            slopes = monte_carlo.slopes[d, j]
            iqr = np.percentile(slopes, 75) - np.percentile(slopes, 25)
            off = int(np.sum(np.abs(slopes - 0.5) > 1.0))  # the histograms cover 0.5 +- 1
            assert notes[j] == f"{name}: IQR {iqr:.3f}, {off} off the plot"
    explorer.controls["df"].value = 1.0


def test_the_true_slope_line_stops_below_the_notes(explorer):
    hist_ax = explorer.figure.axes[0]
    dashed = [line for line in hist_ax.lines if line.get_linestyle() == "--"]
    assert len(dashed) == 1
    top = dashed[0].get_ydata()[1]  # in axes fractions (an axvline)
    lowest_note = min(box for box in (text.box[1] for text in drawn_texts(explorer.figure)
                                      if "off the plot" in text.text))
    axes_box = hist_ax.get_window_extent()
    scale = 80 / explorer.figure.dpi  # CSS px per figure pixel
    assert axes_box.y0 * scale + top * axes_box.height * scale < lowest_note


def test_a_slider_move_redraws_only_the_animated_artists(explorer):
    explorer.render()  # after the other tests' drawings, start from a drawn background
    for setting in values_at_extremes(explorer.controls) + [{"df": df} for df in lesson.HEAVY_TAIL_DFS]:
        explorer.update(**setting)
        assert not explorer.figure.stale, f"{setting} changed the background"
        explorer.render()
    explorer.controls["df"].value = 1.0
