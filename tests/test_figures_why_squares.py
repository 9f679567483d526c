"""Notebook 08's figures as a learner sees them: fixed axes while the slider moves, every value of
the sample drawn or counted, legends clear of the curves, every minimum marker visible."""

import numpy as np
import pytest
from figure_checks import text_problems

from gdlib.lessons.why_squares import (
    beta_density,
    density_expected_losses,
    density_median,
    lognormal_sample,
    noisy_line,
)
from gdlib.plots import SMALLEST_TEXT_PT
from gdlib.plots.why_squares import SKEW_AXIS_END, likelihood_figure, posterior_figure
from gdlib.widgets import values_at_extremes
from gdlib.widgets.why_squares import skew_explorer


def _curve_points_inside(figure, legend, lines) -> int:
    """How many vertices of lines (as drawn) fall inside the legend's box."""
    figure.canvas.draw()
    box = legend.get_window_extent(figure.canvas.get_renderer())
    inside = 0
    for line in lines:
        points = line.get_transform().transform(np.column_stack(line.get_data()))
        inside += int(np.sum((points[:, 0] >= box.x0) & (points[:, 0] <= box.x1)
                             & (points[:, 1] >= box.y0) & (points[:, 1] <= box.y1)))
    return inside


def _spreads(explorer):
    slider = explorer.controls["spread"]
    return np.arange(slider.min, slider.max + slider.step / 2, slider.step)


def test_the_skew_sliders_axes_stay_put_and_a_move_redraws_only_what_moves():
    explorer = skew_explorer()
    ax_values, ax_losses = explorer.figure.axes
    limits = [ax.get_xlim() + ax.get_ylim() for ax in (ax_values, ax_losses)]
    assert ax_values.get_xlim() == ax_losses.get_xlim() == (0.0, SKEW_AXIS_END)  # one value scale
    for spread in [*_spreads(explorer), *(s["spread"] for s in values_at_extremes(explorer.controls))]:
        explorer.update(spread=float(spread))
        assert not explorer.figure.stale, spread  # no background redraw: only animated artists changed
        assert [ax.get_xlim() + ax.get_ylim() for ax in (ax_values, ax_losses)] == limits


@pytest.mark.parametrize("spread", [0.05, 0.8, 1.5])
def test_every_value_of_the_sample_is_drawn_or_counted_beyond_the_axis(spread):
    explorer = skew_explorer()
    explorer.controls["spread"].value = spread
    ax_values = explorer.figure.axes[0]
    sample = lognormal_sample(spread)
    (stairs,) = [patch for patch in ax_values.patches if patch.get_label() == "sample"]
    counts = stairs.get_data().values
    (note,) = ax_values.texts
    above = int(np.sum(sample > SKEW_AXIS_END))
    assert counts.sum() + above == sample.size
    assert counts.max() <= ax_values.get_ylim()[1]  # the tallest bar fits under the fixed count axis
    assert note.get_text() == (f"{above} values above 6 →" if above else "")
    assert (above > 0) == (spread == 1.5 or spread == 0.8)  # 3 values above 6 at 0.8, 40 at 1.5


def test_the_skew_figures_legend_is_below_the_panels_where_no_curve_runs():
    explorer = skew_explorer()
    figure = explorer.figure
    (legend,) = figure.legends
    renderer = figure.canvas.get_renderer()
    box = legend.get_window_extent(renderer)
    assert all(box.y1 <= ax.get_window_extent(renderer).y0 for ax in figure.axes)
    assert [text.get_text() for text in legend.get_texts()] == [
        "sample", "mean", "median", "squared loss", "absolute loss"]
    assert not any(ax.get_legend() for ax in figure.axes)


def _posterior():
    p = np.linspace(0.0, 1.0, 2001)
    density = beta_density(p, 3.0, 9.0)
    guesses = np.linspace(0.0, 0.6, 601)
    squared, absolute = density_expected_losses(p, density, guesses)
    mean = float(np.trapezoid(p * density, p))
    return posterior_figure(p, density, guesses, squared, absolute, mean=mean,
                            median=density_median(p, density), mode=0.2, name="Beta(3, 9)")


def test_the_posterior_figures_loss_legend_is_clear_of_the_curves():
    figure = _posterior()
    ax_losses = figure.axes[1]
    curves = [line for line in ax_losses.lines if len(line.get_xdata()) > 2]
    assert _curve_points_inside(figure, ax_losses.get_legend(), curves) == 0
    assert text_problems(figure) == []


def test_the_posterior_minimisers_stay_visible_side_by_side():
    # The median 0.236 and the mean 0.25 are closer than a marker's width: white edges part them.
    dots = [line for line in _posterior().axes[1].lines if line.get_marker() == "o"]
    assert len(dots) == 2 and all(dot.get_markeredgecolor() == "white" for dot in dots)


def test_the_likelihood_figures_legend_sits_above_the_curves_and_every_minimum_shows():
    X, Y = noisy_line()
    figure = likelihood_figure(X, Y, [0.3, 0.5, 1.0, 2.0])
    ax_weight, ax_sigma = figure.axes
    curves = [line for line in ax_weight.lines if line.get_label().startswith("σ = ")]
    assert _curve_points_inside(figure, ax_weight.get_legend(), ax_weight.lines) == 0
    # The minima share one weight (σ = 0.3 and σ = 1 nearly one height too): rings, each larger
    # than the next, so that every one shows around the others.
    rings = [line for line in ax_weight.lines if line.get_marker() == "o"]
    assert len(rings) == len(curves) == 4
    assert all(ring.get_markerfacecolor() == "none" for ring in rings)
    sizes = [ring.get_markersize() for ring in rings]
    assert sizes == sorted(sizes, reverse=True) and len(set(sizes)) == 4
    assert ax_sigma.get_ylabel() == "−log L / m"  # the long label moved to the x axis
    assert text_problems(figure) == []


def test_no_explicit_font_size_below_the_smallest_text():
    explorer = skew_explorer()
    X, Y = noisy_line()
    for figure in (explorer.figure, _posterior(), likelihood_figure(X, Y, [0.5, 1.0])):
        texts = figure.findobj(lambda artist: hasattr(artist, "get_fontsize") and hasattr(artist, "get_text"))
        assert min(text.get_fontsize() for text in texts) >= SMALLEST_TEXT_PT
