"""Notebook 10's figures as a learner sees them: the cost panel ends where the heavy ball is done,
the map's contour labels stay away from the stability boundary, the slider figure's fast runs are
gdlib's runs and its axes stay put while a slider moves."""

import numpy as np
import pytest
from figure_checks import text_problems

import gdlib
from gdlib.lessons.momentum import VALLEY_FEATURES, convergence_factor, heavy_ball_theory, valley_houses
from gdlib.plots import SMALLEST_TEXT_PT
from gdlib.plots.momentum import MAP_LEVELS, convergence_map_figure, heavy_ball_runner, valley_figure
from gdlib.stochastic import minibatch_gradient_descent
from gdlib.widgets import values_at_extremes
from gdlib.widgets.momentum import MAX_MOMENTUM_ITERATIONS, momentum_explorer


@pytest.fixture(scope="module")
def valley():
    X_raw, Y = valley_houses()
    X = X_raw - X_raw.mean(axis=0)
    return {"X": X, "Y": Y, "theory": heavy_ball_theory(X),
            "eigenvalues": np.linalg.eigvalsh(gdlib.mse_hessian(X))}


def _notebook_valley_figure(valley):
    X, Y, theory = valley["X"], valley["Y"], valley["theory"]
    rng = np.random.default_rng(0)
    plain = minibatch_gradient_descent(X, Y, theory["gd_learning_rate"], 600, 200, rng=rng)
    heavy = minibatch_gradient_descent(X, Y, theory["momentum_learning_rate"], 600, 200, rng=rng,
                                       momentum=theory["momentum"])
    runs = {"gradient descent": plain, f"momentum {heavy.momentum:.2f}": heavy}
    return valley_figure(X, Y, runs, feature_names=VALLEY_FEATURES, tolerance=1e-6)


def test_the_valley_cost_panel_ends_by_k_80_and_says_where_gradient_descent_gets_there(valley):
    figure = _notebook_valley_figure(valley)
    ax_paths, ax_costs = figure.axes
    assert ax_costs.get_xlim() == (0.0, 80.0)  # not 600: the heavy ball is done by 55
    heavy = ax_costs.lines[2]
    assert np.all(heavy.get_ydata()[heavy.get_xdata() >= 60] < 1e-8)  # below the panel's floor
    (note,) = ax_costs.texts
    assert note.get_text() == "tolerance at k = 246 →" and note.get_color() == ax_costs.lines[1].get_color()
    # the star of the minimum is drawn over the paths that end at it
    star, *paths = ax_paths.lines
    assert star.get_marker() == "*" and all(star.get_zorder() > path.get_zorder() for path in paths)
    # one legend, below both panels
    (legend,) = figure.legends
    assert not ax_paths.get_legend() and not ax_costs.get_legend()
    assert [text.get_text() for text in legend.get_texts()] == [
        "minimum", "gradient descent", "momentum 0.64", "tolerance 1e-06"]
    assert text_problems(figure) == []


def _notebook_map(valley):
    rates, momenta = np.linspace(0.0003, 0.03, 100), np.linspace(0.0, 0.98, 99)
    q = convergence_factor(rates[:, None], momenta[None, :], valley["eigenvalues"])
    theory = valley["theory"]
    figure = convergence_map_figure(rates, momenta, q, largest_eigenvalue=valley["eigenvalues"][-1],
                                    best=(theory["momentum_learning_rate"], theory["momentum"]),
                                    plain_best=theory["gd_learning_rate"])
    return figure, rates, momenta


def test_the_maps_contour_labels_are_readable_one_per_level_and_away_from_the_boundary(valley):
    figure, rates, momenta = _notebook_map(valley)
    (ax,) = [ax for ax in figure.axes if ax.get_xlabel() == "learning rate η"]
    labels = [text for text in ax.texts if text.get_text().startswith("q = ")]
    assert sorted(text.get_text() for text in labels) == sorted(f"q = {level:g}" for level in MAP_LEVELS)
    assert all(text.get_fontsize() >= SMALLEST_TEXT_PT for text in labels)
    largest = valley["eigenvalues"][-1]
    for text in labels:
        eta, mu = text.get_position()
        # horizontal distance to eta = 2 (1 + mu) / lambda_max, as a share of the axis
        assert (2 * (1 + mu) / largest - eta) / np.ptp(rates) > 0.1, text.get_text()
    # where every direction spirals, q = sqrt(mu): the labels of the flat lines sit there, upright
    for level in (0.95, 0.9, 0.85):
        (text,) = [text for text in labels if text.get_text() == f"q = {level:g}"]
        assert text.get_position()[1] == pytest.approx(level**2, abs=np.diff(momenta)[0])
        assert abs(text.get_rotation() % 180) < 1
    assert text_problems(figure) == []


def test_the_maps_contour_lines_stop_short_of_the_grey_region(valley):
    figure, rates, momenta = _notebook_map(valley)
    ax = figure.axes[0]
    (contours,) = [c for c in ax.collections if hasattr(c, "levels")]
    largest = valley["eigenvalues"][-1]
    step = np.diff(rates)[0]
    for path in contours.get_paths():
        if len(path.vertices):
            eta, mu = path.vertices.T
            assert np.all(eta < 2 * (1 + mu) / largest - step)  # not along the boundary's staircase


@pytest.mark.parametrize("learning_rate", [0.001, 0.023, 0.03, 0.05])
@pytest.mark.parametrize("momentum", [0.0, 0.5, 0.95])
def test_the_sliders_fast_runs_are_gdlibs_runs(valley, learning_rate, momentum):
    X, Y = valley["X"], valley["Y"]
    betas, costs, diverged = heavy_ball_runner(X, Y)(learning_rate, momentum, 120)
    run = minibatch_gradient_descent(X, Y, learning_rate, 120, 200, rng=np.random.default_rng(0), momentum=momentum)
    assert diverged == run.diverged and costs.size == run.costs.size
    np.testing.assert_allclose(costs, run.costs, rtol=1e-9)
    np.testing.assert_allclose(betas, run.betas, rtol=1e-9, atol=1e-12)


def test_the_momentum_sliders_axes_stay_put_and_a_move_redraws_only_what_moves():
    explorer = momentum_explorer()
    figure = explorer.figure
    ax_paths, ax_costs = figure.axes
    assert ax_costs.get_xlim() == (0.0, MAX_MOMENTUM_ITERATIONS)
    limits = [ax.get_xlim() + ax.get_ylim() for ax in figure.axes]
    for setting in values_at_extremes(explorer.controls):
        explorer.update(**setting)
        assert not figure.stale, setting  # no background redraw: only animated artists changed
        assert [ax.get_xlim() + ax.get_ylim() for ax in figure.axes] == limits
    star = ax_paths.lines[0]
    assert star.get_label() == "minimum" and star.get_animated()  # drawn over the moving paths


def test_the_momentum_warning_sits_in_the_upper_right_and_fits():
    explorer = momentum_explorer()
    explorer.controls["learning_rate"].value = 0.05
    explorer.controls["momentum"].value = 0.0
    (warning,) = [text for text in explorer.figure.axes[1].texts if text.get_visible()]
    assert warning.get_text() == "blew up:\nrate too large\nfor μ = 0.00"
    assert warning.get_position() == (0.72, 0.78)
    assert text_problems(explorer.figure) == []
