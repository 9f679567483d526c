"""Notebook 13's slider figures as a learner sees them: what they show, where their text sits, and
that a drag only redraws what moves (issue 12)."""

import numpy as np
import pytest
from matplotlib.legend import Legend
from matplotlib.lines import Line2D

from gdlib.lessons.knowledge_in_the_loss import B0_GPA, V0, energy_samples
from gdlib.plots import SMALLEST_TEXT_PT, apply_style
from gdlib.widgets.knowledge_in_the_loss import equation_of_state_explorer, unit_vector_explorer

apply_style()  # as gdlib.notebook.setup() does before a notebook draws anything

BUILDERS = [unit_vector_explorer, equation_of_state_explorer]


def _positions(slider_figure):
    """Every value the penalty slider can take (its log-spaced steps), in order."""
    control = slider_figure.controls["penalty"]
    steps = round((control.max - control.min) / control.step)
    return [control.base ** (control.min + k * control.step) for k in range(steps + 1)]


@pytest.fixture(scope="module", params=BUILDERS, ids=lambda builder: builder.__name__)
def explorer(request):
    return request.param()


def test_a_drag_across_the_whole_slider_never_draws_the_background_again(explorer):
    # SliderFigure draws the background again only when a move marks a non-animated artist stale.
    explorer.render()
    for value in _positions(explorer):
        explorer.update(penalty=value)
        assert not explorer.figure.stale, f"penalty = {value:.3g} changed a background artist"
        explorer.render()


def test_no_moving_artist_enters_a_legend_at_any_slider_position(explorer):
    # Animated artists are drawn over the legends, so they must never pass through one.
    figure = explorer.figure
    renderer = figure.canvas.get_renderer()
    legends = [ax.get_legend() for ax in figure.axes]
    boxes = [legend.get_window_extent(renderer) for legend in legends]
    moving = [artist for artist in explorer.animated_artists() if isinstance(artist, Line2D)]
    assert moving
    for value in _positions(explorer):
        explorer.update(penalty=value)
        for line in moving:
            points = line.get_transform().transform(np.column_stack(line.get_data()))
            for box in boxes:
                inside = ((points[:, 0] > box.x0) & (points[:, 0] < box.x1)
                          & (points[:, 1] > box.y0) & (points[:, 1] < box.y1))
                assert not inside.any(), f"at penalty = {value:.3g}, {line.get_label()!r} crosses a legend"


def test_legends_and_titles_are_at_least_the_smallest_text(explorer):
    for ax in explorer.figure.axes:
        legend = ax.get_legend()
        assert isinstance(legend, Legend)
        assert all(text.get_fontsize() >= SMALLEST_TEXT_PT for text in legend.get_texts())
        assert ax.title.get_fontsize() > SMALLEST_TEXT_PT


def test_the_volume_axes_have_a_tick_at_the_equilibrium_volume():
    slider_figure = equation_of_state_explorer()
    slider_figure.render()
    for ax in slider_figure.figure.axes:
        ticks = list(ax.get_xticks())
        assert any(abs(tick - 1.0) < 1e-12 for tick in ticks), ticks
        labels = {label.get_text() for label in ax.get_xticklabels() if label.get_visible()}
        assert "1.0" in labels
        low, high = ax.get_xlim()
        assert low < 0.8 and high > 1.3 - 1e-9  # the whole grid, 0.78 V0 to 1.3 V0, is shown


def test_the_titles_read_out_the_two_facts_at_v0_and_never_a_negative_zero():
    slider_figure = equation_of_state_explorer()
    energy_ax, pressure_ax = slider_figure.figure.axes
    titles = {}
    for value in (1e-6, 1e-4, 1.0, 100.0):
        slider_figure.update(penalty=value)
        titles[value] = (energy_ax.title.get_text(), pressure_ax.title.get_text())
    assert titles[1e-6][1] == "pressure: P(V₀) = −7.91 GPa (truth 0)"  # as 13 says: P(V0) = -7.9 GPa
    assert titles[1e-4][1] == "pressure: P(V₀) = −0.70 GPa (truth 0)"  # within 1 GPa of zero
    assert titles[100.0] == (f"energy: V₀E″(V₀) = {B0_GPA:.0f} GPa (truth {B0_GPA:.0f})",
                             "pressure: P(V₀) = 0.00 GPa (truth 0)")
    assert all("-" not in title for pair in titles.values() for title in pair)


def test_the_truth_and_the_data_are_drawn_over_the_moving_fit():
    slider_figure = equation_of_state_explorer()
    order = [artist.get_label() for artist in slider_figure.animated_artists() if isinstance(artist, Line2D)]
    for panel in range(2):
        fit = [k for k, label in enumerate(order) if label == "physics-informed fit"][panel]
        truth = [k for k, label in enumerate(order) if label == "truth (Vinet)"][panel]
        assert fit < truth
    assert order.index("data") > max(k for k, label in enumerate(order) if label == "physics-informed fit")
    V, _ = energy_samples()
    (data,) = [artist for artist in slider_figure.animated_artists() if artist.get_label() == "data"]
    np.testing.assert_allclose(data.get_xdata(), V / V0)


def test_the_trade_off_panel_has_a_tick_at_length_one_and_the_circle_panel_no_empty_margin():
    slider_figure = unit_vector_explorer()
    circle_ax, trade_ax = slider_figure.figure.axes
    assert 1.0 in [round(tick, 12) for tick in trade_ax.get_yticks()]
    # The circle is square (equal aspect): its column is sized so that little of its box is lost,
    # and the legend beside it reaches the next panel's labels without a wide empty gap.
    box, active = circle_ax.get_position(original=True), circle_ax.get_position()
    assert active.width > 0.95 * box.width
    renderer = slider_figure.figure.canvas.get_renderer()
    gap = trade_ax.get_tightbbox(renderer).x0 - circle_ax.get_legend().get_window_extent(renderer).x1
    assert 0 <= gap < 0.05 * slider_figure.figure.bbox.width
