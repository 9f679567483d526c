"""The figures of notebook 12 (tailoring the MSE) as a learner sees them: the histogram holds every
fitted slope at every setting, the truth is never hidden under the fits, slider moves change only
animated artists, and the legends sit where nothing moves."""

import numpy as np
import pytest
from matplotlib.legend import Legend

from gdlib.lessons.tailoring_mse import TRUE_BETA, heatmap_scene, line_data
from gdlib.plots import SMALLEST_TEXT_PT
from gdlib.plots.tailoring_mse import HISTOGRAM_TOP, REPLICATIONS, SLOPE_BINS, heatmap_fits_figure
from gdlib.tailoring import fit_heatmap_center, observed_mask, weighted_line_fits
from gdlib.widgets import values_at_extremes
from gdlib.widgets.tailoring_mse import missing_targets_explorer


@pytest.fixture(scope="module")
def explorer():
    return missing_targets_explorer()


def _slider_values(control):
    return np.arange(control.min, control.max + control.step / 2, control.step)


def test_every_fitted_slope_at_every_setting_falls_inside_the_histogram(explorer):
    """Before, slopes beyond 0.25..0.65 were piled into the end bins (37 in the last one at
    'x', 4, 0.8), which looked like real fits there."""
    x, Y = line_data(REPLICATIONS, 100, 10)
    uniforms = np.random.default_rng(11).uniform(size=Y.shape)
    tallest = 0
    for depends_on in ("y", "x"):
        for strength in _slider_values(explorer.controls["strength"]):
            for share in _slider_values(explorer.controls["missing_share"]):
                mask = observed_mask(Y if depends_on == "y" else x, strength, share, uniforms)
                slopes = weighted_line_fits(x, Y, mask.astype(float))[1]
                assert SLOPE_BINS[0] < slopes.min() and slopes.max() < SLOPE_BINS[-1]
                tallest = max(tallest, np.histogram(slopes, SLOPE_BINS)[0].max())
    assert tallest < HISTOGRAM_TOP
    assert explorer.figure.axes[1].get_ylim() == (0, HISTOGRAM_TOP)
    assert TRUE_BETA in explorer.figure.axes[1].get_xticks()


def test_the_truth_is_drawn_above_the_fits_and_the_bars(explorer):
    scatter, histogram = explorer.figure.axes
    order = explorer.animated_artists()
    truth = [line for ax in (scatter, histogram) for line in ax.get_lines() if line.get_linestyle() == "--"]
    assert len(truth) == 2
    fits = [*histogram.patches, *(line for ax in (scatter, histogram) for line in ax.get_lines()
                                  if line.get_linestyle() != "--")]
    for line in truth:
        assert all(order.index(line) > order.index(fit) for fit in fits)


def test_the_mean_line_is_at_the_mean_of_the_fitted_slopes(explorer):
    x, Y = line_data(REPLICATIONS, 100, 10)
    uniforms = np.random.default_rng(11).uniform(size=Y.shape)
    slopes = weighted_line_fits(x, Y, observed_mask(Y, 2.0, 0.4, uniforms).astype(float))[1]
    histogram = explorer.figure.axes[1]
    mean_line = next(line for line in histogram.get_lines() if line.get_label() == "mean fitted slope")
    assert mean_line.get_xdata()[0] == pytest.approx(slopes.mean())
    assert histogram.title.get_text() == f"mean slope {slopes.mean():.3f}, bias −{TRUE_BETA - slopes.mean():.3f}"


def test_every_slider_move_changes_only_animated_artists(explorer):
    for setting in values_at_extremes(explorer.controls):
        explorer.update(**setting)
        assert not explorer.figure.stale, setting
    explorer.update(**explorer.values())


def _figure_legend_is_below_the_axes(figure):
    legends = [artist for artist in figure.get_children() if isinstance(artist, Legend)]
    assert len(legends) == 1 and not any(ax.get_legend() for ax in figure.axes)
    figure.canvas.draw()
    renderer = figure.canvas.get_renderer()
    box = legends[0].get_window_extent(renderer)
    assert all(box.y1 < ax.get_window_extent(renderer).y0 for ax in figure.axes)
    assert all(text.get_fontsize() >= SMALLEST_TEXT_PT for text in legends[0].get_texts())


def test_the_slider_figure_legend_is_below_the_panels(explorer):
    _figure_legend_is_below_the_axes(explorer.figure)


def test_the_heatmap_legend_leaves_the_image_free_and_the_mask_has_a_frame():
    target, visibility, true_center = heatmap_scene()
    start = np.array([11.5, 11.5])
    plain = fit_heatmap_center(target, np.ones_like(visibility), start, 2.5, 200.0, 300)[-1]
    masked = fit_heatmap_center(target, visibility, start, 2.5, 200.0, 300)[-1]
    figure = heatmap_fits_figure(target, visibility, plain, masked, true_center)
    _figure_legend_is_below_the_axes(figure)
    # the visible (white) part of the mask would melt into the white page without its frame
    assert all(spine.get_visible() for ax in figure.axes for spine in ax.spines.values())


def test_the_scatter_title_counts_the_missing_targets_of_the_data_set_it_shows(explorer):
    x, Y = line_data(REPLICATIONS, 100, 10)
    uniforms = np.random.default_rng(11).uniform(size=Y.shape)
    shown = ~observed_mask(Y, 2.0, 0.4, uniforms)[0]
    scatter = explorer.figure.axes[0]
    missing = next(line for line in scatter.get_lines() if line.get_label() == "missing target")
    assert len(missing.get_xdata()) == shown.sum()
    assert scatter.title.get_text() == f"MNAR: {shown.sum()} of 100 targets missing"
