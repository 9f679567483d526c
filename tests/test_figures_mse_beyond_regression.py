"""Notebook 14's figures as the notebook draws them: readable, and nothing of the data under a
legend; the autoencoder's excess error stops at a marked rounding floor (issue 12)."""

import numpy as np
import pytest
from figure_checks import text_problems
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle

from gdlib.alignment import align, shift_cost
from gdlib.autoencoder import pca_subspace, principal_angles, train_autoencoder
from gdlib.energy_model import energy, grid_density, train_energy_model
from gdlib.lessons.mse_beyond_regression import SIGNAL, autoencoder_data, mixture_data, recording, shift_valley
from gdlib.plots import SMALLEST_TEXT_PT
from gdlib.plots.mse_beyond_regression import (
    ROUNDING_FLOOR_ULPS,
    alignment_figure,
    autoencoder_figure,
    energy_model_figure,
)


@pytest.fixture(scope="module")
def alignment():
    """The figure of cell 7, with the notebook's settings; and J on its grid."""
    t, y = recording()
    starts = np.linspace(-2.0, 2.0, 9)
    ends = align(t, y, starts, SIGNAL, learning_rate=0.05, iterations=300).x
    taus = np.linspace(-4.0, 4.0, 801)
    costs = shift_cost(t, y, taus, SIGNAL)
    best = ends[np.argmin(shift_cost(t, y, ends, SIGNAL))]
    return alignment_figure(t, y, SIGNAL, best, taus, costs, starts, ends, shift_valley(t, y)), costs


@pytest.fixture(scope="module")
def autoencoder():
    X = autoencoder_data()
    U_c, variances = pca_subspace(X, 2)
    training = train_autoencoder(X, 2, learning_rate=0.05, iterations=300, seed=1)
    angles = np.array([principal_angles(step, U_c) for step in training.path])
    return autoencoder_figure(training.costs, angles, variances[2:].sum()), variances[2:].sum()


@pytest.fixture(scope="module")
def energy_model():
    data = mixture_data()
    model = train_energy_model(data, [0.0, 0.0, 0.0, 1.0], learning_rate=0.4, updates=500, chains=500,
                               langevin_steps=5, step_size=0.1, seed=6)
    x_grid = np.linspace(-5.0, 5.0, 1001)
    figure = energy_model_figure(data, model.samples, x_grid, grid_density(x_grid, model.theta),
                                 energy(x_grid, model.theta))
    return figure, data


def _legend_box(ax):
    """The legend's box in ax's data coordinates (draws the figure first)."""
    renderer = ax.figure.canvas.get_renderer()
    ax.figure.canvas.draw()
    return ax.get_legend().get_window_extent(renderer).transformed(ax.transData.inverted())


def test_every_text_is_readable_unclipped_and_apart(alignment, autoencoder, energy_model):
    for figure in (alignment[0], autoencoder[0], energy_model[0]):
        assert text_problems(figure) == []
        for ax in figure.axes:
            assert all(text.get_fontsize() >= SMALLEST_TEXT_PT for text in ax.get_legend().get_texts())


def test_the_alignment_legends_sit_above_the_signals_the_curve_and_the_valley(alignment):
    figure, costs = alignment
    signal_ax, cost_ax = figure.axes
    box = _legend_box(signal_ax)
    highest = max(line.get_ydata().max() for line in signal_ax.get_lines())
    assert box.y0 > highest
    box = _legend_box(cost_ax)
    assert box.y0 > costs.max()
    assert all(line.get_ydata().max() < box.y0 for line in cost_ax.get_lines() if len(line.get_ydata()))
    (valley,) = [patch for patch in cost_ax.patches if patch.get_label() == "valley of the true shift"]
    top = valley.get_transform().transform(valley.get_path().vertices)[:, 1].max()
    assert top < cost_ax.transData.transform((0.0, box.y0))[1]  # the shading stops below the legend


def test_the_excess_error_stops_at_a_shaded_rounding_floor(autoencoder):
    figure, pca_error = autoencoder
    cost_ax = figure.axes[0]
    floor = ROUNDING_FLOOR_ULPS * np.spacing(pca_error)
    (line,) = cost_ax.get_lines()
    excess = line.get_ydata()
    assert excess.min() == pytest.approx(floor)
    # Once at the floor, the line stays there: no band of rounding noise down to a sentinel value.
    reached = int(np.argmax(excess <= floor))
    assert 80 < reached < 150
    assert np.all(excess[reached:] == excess[reached])
    (band,) = [patch for patch in cost_ax.patches if patch.get_label() == "rounding floor of J"]
    corners = band.get_transform().transform(band.get_path().vertices)
    assert cost_ax.transData.inverted().transform(corners)[:, 1].max() == pytest.approx(floor)
    assert cost_ax.get_ylim()[0] < floor / 10


def test_the_histogram_legend_is_above_every_bar_and_the_energy_marks_the_data(energy_model):
    figure, data = energy_model
    histogram_ax, energy_ax = figure.axes
    box = _legend_box(histogram_ax)
    tallest = max(patch.get_path().vertices[:, 1].max() for patch in histogram_ax.patches
                  if not isinstance(patch, Rectangle) or patch.get_label())
    density = max(line.get_ydata().max() for line in histogram_ax.get_lines())
    assert box.y0 > max(tallest, density)
    (rug,) = [line for line in energy_ax.get_lines() if line.get_label() == "data"]
    assert isinstance(rug, Line2D) and rug.get_marker() == "|"
    np.testing.assert_array_equal(rug.get_xdata(), data)
    (curve,) = [line for line in energy_ax.get_lines() if line.get_label() == "E(x)"]
    box = _legend_box(energy_ax)
    x, y = curve.get_data()
    under = (x > box.x0) & (x < box.x1)
    assert np.all(y[under] < box.y0)  # the energy curve passes below its legend
