"""Notebook 06's figures as a learner sees them (issue 12): the 100 sq ft panel shows its path, the
contours are not faint, nothing hides the start or the minimum, and a slider move redraws only what
moves. Expected numbers come from numpy and gdlib's descent, not from the figure code."""

import matplotlib.colors as mcolors
import numpy as np
import pytest
from figure_checks import drawn_texts, text_problems

import gdlib
from gdlib.lessons import feature_scaling as lesson
from gdlib.plots.feature_scaling import _centred, scaling_laws_figure, valley_figure
from gdlib.widgets import values_at_extremes
from gdlib.widgets.feature_scaling import scaling_explorer

UNITS = {"10,000 sq ft": 1e-4, "1000 sq ft": 1e-3, "100 sq ft": 1e-2}


@pytest.fixture(scope="module")
def houses():
    return lesson.house_prices()


@pytest.fixture(scope="module")
def valleys(houses):
    X, Y = houses
    return valley_figure(X, Y, list(UNITS.values()), [f"lot size in {unit}" for unit in UNITS])


@pytest.fixture(scope="module")
def explorer():
    return scaling_explorer()


def _best_rate_run(X, Y, c, iterations=40):
    Xc, Yc = _centred(lesson.scale_feature(X, c), Y)
    eigenvalues = np.linalg.eigvalsh((2 / X.shape[0]) * Xc.T @ Xc)
    return gdlib.gradient_descent(Xc, Yc, 2 / (eigenvalues[0] + eigenvalues[-1]), iterations), Xc, Yc


def _contrast_with_white(color) -> float:
    """The WCAG contrast ratio of a colour against white."""
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in mcolors.to_rgb(color)]
    luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    return 1.05 / (luminance + 0.05)


def test_static_figures_are_readable(houses, valleys):
    X, Y = houses
    factors = np.logspace(0, 4, 9)
    laws = scaling_laws_figure(factors, {"MSE": factors**2, "MAE": factors},
                               {"H": factors**2, "2/λmax": factors**-2.0})
    assert text_problems(laws) == []
    assert text_problems(valleys) == []


def test_the_scaling_laws_legends_sit_above_every_line():
    factors = np.logspace(0, 4, 9)
    figure = scaling_laws_figure(factors, {"a": 1e9 * factors**2, "b": 1e7 * factors, "c": 1e4 * factors},
                                 {"H": 1e9 * factors**2, "rate": 1e-9 * factors**-2.0})
    figure.canvas.draw()
    for ax in figure.axes:
        legend_bottom = ax.get_legend().get_window_extent().y0
        for line in ax.get_lines():
            assert np.all(ax.transData.transform(line.get_xydata())[:, 1] < legend_bottom)


def test_the_100_sq_ft_panel_shows_where_its_path_is(houses, valleys):
    X, Y = houses
    ax = valleys.axes[2]
    run, Xc, Yc = _best_rate_run(X, Y, 1e-2)
    path, start = ax.lines[9], ax.lines[11]
    np.testing.assert_allclose(np.column_stack(path.get_data()), run.betas, rtol=1e-9, atol=1e-12)
    # the start is hollow and under the path, so the path's few points show through it
    assert start.get_markerfacecolor() == "none" and start.get_zorder() < path.get_zorder()
    best = np.linalg.solve(Xc.T @ Xc, Xc.T @ Yc[:, 0])
    share = run.betas[-1, 0] / best[0]
    assert f"{share:.1%}" == "1.1%"  # notebook 06: "1.1% in the third"
    arrows = [text for text in ax.texts if "zigzag" in text.get_text()]
    assert len(arrows) == 1 and "β₁ 1.1% of the way" in arrows[0].get_text()
    assert arrows[0].xy == pytest.approx(tuple(run.betas[0]))
    # the other panels' paths are long enough to see: no arrow there
    assert not any("zigzag" in text.get_text() for panel in valleys.axes[:2] for text in panel.texts)


def test_each_valley_notes_the_last_beta_and_the_minimum(houses, valleys):
    X, Y = houses
    for ax, c in zip(valleys.axes, UNITS.values(), strict=True):
        run, Xc, Yc = _best_rate_run(X, Y, c)
        best = np.linalg.solve(Xc.T @ Xc, Xc.T @ Yc[:, 0])
        note = [text.get_text() for text in ax.texts if text.get_text().startswith("after")]
        last = run.betas[-1]
        assert note == [f"after 40 steps:\nβ = ({last[0]:.3g}, {last[1]:.3g})\nβ* = ({best[0]:.3g}, {best[1]:.3g})"
                        .replace("-", "−")]
    # notebook 06: 31.53 in the first panel, 68.5% of the way in the second
    first, second = (_best_rate_run(X, Y, c)[0].betas[-1, 0] for c in (1e-4, 1e-3))
    assert f"{first:.2f}" == "31.53" and f"{second / 31.5324:.1%}" == "68.5%"


def test_the_level_sets_are_not_faint(valleys, explorer):
    for ax in (*valleys.axes, explorer.figure.axes[0]):
        for line in ax.lines[:9]:
            assert line.get_linewidth() >= 1.4
            assert _contrast_with_white(line.get_color()) >= 1.9


def test_the_legends_are_outside_the_panels(valleys, explorer):
    for figure in (valleys, explorer.figure):
        assert len(figure.legends) == 1 and not any(ax.get_legend() for ax in figure.axes)
        figure.canvas.draw()
        legend = figure.legends[0].get_window_extent()
        assert all(legend.y1 <= ax.get_window_extent().y0 for ax in figure.axes)


def _marker_css_boxes(figure, ax):
    """The start's and the minimum's markers as drawn, in CSS px: [(x0, y0, x1, y1)]."""
    scale = 80 / figure.dpi
    boxes = []
    for line in ax.lines[10:12]:
        x, y = line.get_transform().transform(line.get_xydata())[0] * scale
        radius = line.get_markersize() / 2 * 80 / 72
        boxes.append((x - radius, y - radius, x + radius, y + radius))
    return boxes


def test_the_slider_note_never_hides_the_start_or_the_minimum(explorer):
    ax = explorer.figure.axes[0]
    settings = values_at_extremes(explorer.controls) + [{"scale": c} for c in np.geomspace(1e-5, 1.0, 11)]
    for setting in settings:
        for name, value in setting.items():
            explorer.controls[name].value = value
        notes = [text for text in drawn_texts(explorer.figure) if text.text.startswith("after")]
        if notes:  # hidden when the run diverged
            x0, y0, x1, y1 = notes[0].box
            for mx0, my0, mx1, my1 in _marker_css_boxes(explorer.figure, ax):
                assert mx1 <= x0 or mx0 >= x1 or my1 <= y0 or my0 >= y1, f"at {setting} the note hides a marker"
    for name, value in {"scale": 1e-3, "fraction_of_critical": 0.9, "iterations": 100, "standardize": False}.items():
        explorer.controls[name].value = value


def test_the_slider_path_is_in_beta_units_while_the_window_is_fixed(houses, explorer):
    X, Y = houses
    ax = explorer.figure.axes[0]
    for c in (1e-5, 1e-3, 1.0):
        explorer.update(scale=c, fraction_of_critical=0.5, iterations=30, standardize=False)
        assert ax.get_xlim() == (-1.0, 1.0) and ax.get_ylim() == (-1.0, 1.0)
        Xc, Yc = _centred(lesson.scale_feature(X, c), Y)
        run = gdlib.gradient_descent(Xc, Yc, 0.5 * gdlib.critical_learning_rate(Xc), 30)
        np.testing.assert_allclose(np.column_stack(ax.lines[9].get_data()), run.betas, rtol=1e-12)
        # the start and the minimum are inside the window, on the same scale in both directions
        shown = ax.lines[9].get_transform().transform(np.vstack([run.betas[0], ax.lines[10].get_xydata()[0]]))
        window = ax.get_window_extent()
        assert np.all(shown >= [window.x0, window.y0]) and np.all(shown <= [window.x1, window.y1])
    explorer.redraw()


def test_a_slider_move_redraws_only_the_animated_artists_except_the_standardize_switch(explorer):
    defaults = explorer.values()
    explorer.redraw()
    settings = values_at_extremes(explorer.controls) + [{**defaults, "iterations": k} for k in (0, 10, 250, 500)]
    for setting in settings:
        switched = setting["standardize"] != explorer.values()["standardize"]
        explorer.update(**setting)
        assert switched or not explorer.figure.stale, f"{setting} changed the background"
        explorer.render()
        for name, value in setting.items():
            explorer.controls[name].value = value
    for name, value in defaults.items():
        explorer.controls[name].value = value


def test_the_divergence_warning_shows_only_when_the_run_diverged(explorer):
    ax = explorer.figure.axes[0]

    def shown():
        return [text.get_text() for text in ax.texts if text.get_visible() and "diverged" in text.get_text()]

    explorer.controls["fraction_of_critical"].value = 1.2
    assert shown() and "1.20 × the critical rate" in shown()[0]
    explorer.controls["fraction_of_critical"].value = 0.9
    assert not shown()
