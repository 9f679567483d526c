"""Notebook 04's figures as a learner sees them (issue 12): every text readable and clear of other
text, no legend crossed by a line or hiding points, and an outlier explorer whose axes stay put and
which draws only what moves (no full redraw while a slider is dragged)."""

import numpy as np
import pytest
from figure_checks import text_problems

from gdlib import losses, robust
from gdlib.data import load_anscombe
from gdlib.lessons.robust_losses import OUTLIER_INDEX, line_with_outlier, skewed_sample
from gdlib.plots import robust_losses as plots
from gdlib.widgets import values_at_extremes
from gdlib.widgets.robust_losses import LARGEST_OUTLIER, outlier_explorer

MSE_BLUE = "#0072B2"


def _drawn(figure):
    """Draw figure; returns its renderer, so boxes are those of the picture."""
    figure.canvas.draw()
    return figure.canvas.get_renderer()


def _lines_through(ax, box) -> list[str]:
    """The labels (or colours) of ax's visible lines and dots that enter the display box."""
    crossing = []
    for line in ax.get_lines():
        if not line.get_visible() or len(line.get_xdata()) == 0:
            continue
        path = line.get_transform().transform_path(line.get_path())
        dots_only = line.get_linestyle() in ("None", "none", "", " ")
        inside = box.count_contains(path.vertices) > 0 if dots_only else path.intersects_bbox(box, filled=False)
        if inside:
            crossing.append(line.get_label() or str(line.get_color()))
    return crossing


def _overlap(first, second) -> bool:
    return first.x0 < second.x1 and second.x0 < first.x1 and first.y0 < second.y1 and second.y0 < first.y1


def _anscombe():
    quartet = load_anscombe()
    fits = {name: {repr(loss): robust.fit_line(X, Y, loss) for loss in (losses.mse, losses.mae, losses.huber(1.0))}
            for name, (X, Y) in quartet.items()}
    return plots.anscombe_figure(quartet, fits)


def _mean_median():
    Y = skewed_sample()
    candidates = np.linspace(0.0, 30.0, 3001)
    residuals = Y - candidates
    return plots.mean_median_figure(Y, candidates, np.mean(residuals**2, axis=0), np.mean(np.abs(residuals), axis=0))


# --- static figures ------------------------------------------------------------------------------


def test_every_static_figure_of_the_notebook_is_readable_and_unclipped():
    for figure in (plots.losses_and_pulls_figure(delta=1.0), _mean_median(), _anscombe()):
        assert text_problems(figure) == []


def test_the_losses_legend_is_where_no_curve_goes():
    figure = plots.losses_and_pulls_figure(delta=1.0)
    loss_ax, pull_ax = figure.axes
    renderer = _drawn(figure)
    assert loss_ax.get_legend() is None  # there the lines r = 0 and r = ±δ would cross it
    assert [text.get_text() for text in pull_ax.get_legend().get_texts()] == ["MSE", "MAE", "Huber, δ = 1"]
    assert _lines_through(pull_ax, pull_ax.get_legend().get_window_extent(renderer)) == []


def test_the_mean_and_median_lines_stop_below_the_legends():
    figure = _mean_median()
    renderer = _drawn(figure)
    for ax in figure.axes:
        assert _lines_through(ax, ax.get_legend().get_window_extent(renderer)) == []


def test_the_anscombe_legend_is_under_the_panels_and_no_line_hides_another_or_a_point():
    figure = _anscombe()
    renderer = _drawn(figure)
    (legend,) = figure.legends
    assert [text.get_text() for text in legend.get_texts()] == ["data", "MSE line", "MAE line", "Huber (δ = 1) line"]
    box = legend.get_window_extent(renderer)
    assert all(not _overlap(box, ax.get_window_extent(renderer)) and ax.get_legend() is None for ax in figure.axes)
    assert figure.get_suptitle() and figure._suptitle.get_fontsize() >= 14
    for ax in figure.axes:
        points, *lines = ax.get_lines()
        widths = [line.get_linewidth() for line in lines]
        assert widths == sorted(widths, reverse=True) and len(set(widths)) == 3  # each later line is thinner
        assert points.get_zorder() > max(line.get_zorder() for line in lines)  # the points on top


# --- the slider figure ---------------------------------------------------------------------------


def _counting_full_redraws(slider_figure) -> list:
    """Make slider_figure count its full redraws (canvas.draw); returns the list they go into."""
    calls = []
    draw = slider_figure.figure.canvas.draw

    def counted(*args, **kwargs):
        calls.append(1)
        return draw(*args, **kwargs)

    slider_figure.figure.canvas.draw = counted
    return calls


def _drag_settings(controls) -> list[dict]:
    """Every control dragged over its range in 10 steps, then the extremes of values_at_extremes."""
    settings = []
    for name, control in controls.items():
        if hasattr(control, "base"):
            values = control.base ** np.linspace(control.min, control.max, 10)
        else:
            values = np.linspace(control.min, control.max, 10)
        settings += [{name: value.item()} for value in values]
    return settings + values_at_extremes(controls)


def _panels(explorer):
    """(data axes, {loss name: pull axes}) of the outlier explorer."""
    mse_ax, mae_ax, huber_ax, data_ax = explorer.figure.axes
    return data_ax, {"mse": mse_ax, "mae": mae_ax, "huber": huber_ax}


def test_the_explorer_draws_its_background_once_however_the_sliders_move():
    explorer = outlier_explorer()
    full_redraws = _counting_full_redraws(explorer)
    for setting in _drag_settings(explorer.controls):
        for name, value in setting.items():
            explorer.controls[name].value = value
    assert full_redraws == []


def test_the_explorer_axes_stay_put_and_show_every_bar_and_the_outlier():
    explorer = outlier_explorer()
    data_ax, pull_axes = _panels(explorer)
    axes = [data_ax, *pull_axes.values()]
    limits = [(ax.get_xlim(), ax.get_ylim()) for ax in axes]
    assert explorer.controls["outlier_size"].max == LARGEST_OUTLIER == -explorer.controls["outlier_size"].min
    for setting in values_at_extremes(explorer.controls):
        for name, value in setting.items():
            explorer.controls[name].value = value
        assert [(ax.get_xlim(), ax.get_ylim()) for ax in axes] == limits, setting
        outlier = next(line for line in data_ax.lines if line.get_label() == "the outlier")
        low, high = data_ax.get_ylim()
        assert low < outlier.get_ydata()[0] < high, setting
        for name, ax in pull_axes.items():
            low, high = ax.get_ylim()
            assert all(low < patch.get_height() < high for patch in ax.patches), (setting, name)


def test_the_huber_panel_counts_the_pulls_in_units_of_delta():
    explorer = outlier_explorer()
    _, pull_axes = _panels(explorer)
    huber_ax = pull_axes["huber"]
    assert [label.get_text() for label in huber_ax.get_yticklabels()] == ["−δ", "0", "δ"]
    assert list(huber_ax.get_yticks()) == [-1, 0, 1]
    assert sorted(line.get_ydata()[0] for line in huber_ax.lines if line.get_linestyle() == ":") == [-1, 1]
    for size, delta in ((10.0, 0.1), (-15.0, 1.0), (3.0, 10.0)):
        explorer.controls["outlier_size"].value = size
        explorer.controls["delta"].value = delta
        delta = explorer.values()["delta"]  # the slider's own step
        X, Y = line_with_outlier(size)
        alpha, beta = robust.fit_line(X, Y, losses.huber(delta))
        expected = -np.clip(Y - alpha - X @ beta.T, -delta, delta)[:, 0]
        heights = np.array([patch.get_height() for patch in huber_ax.patches])
        np.testing.assert_allclose(heights * delta, expected, atol=1e-9)
        assert np.abs(heights).max() <= 1 + 1e-12


def test_the_equations_follow_their_legend_entries_and_describe_the_lines():
    explorer = outlier_explorer()
    data_ax, _ = _panels(explorer)
    legend = data_ax.get_legend()
    entries = legend.get_texts()[-3:]
    assert [text.get_text() for text in entries] == ["MSE:", "MAE:", "Huber:"]
    equations = [text for text in data_ax.texts if text.get_animated()]
    assert len(equations) == 3
    for size in (-LARGEST_OUTLIER, 0.0, 10.0, LARGEST_OUTLIER):
        explorer.controls["outlier_size"].value = size
        renderer = _drawn(explorer.figure)
        assert [text.get_text() for text in legend.get_texts()[-3:]] == ["MSE:", "MAE:", "Huber:"]  # background
        for entry, equation, line in zip(entries, equations, data_ax.lines[-3:], strict=True):
            x, y = (np.asarray(values, dtype=float) for values in line.get_data())
            slope = (y[1] - y[0]) / (x[1] - x[0])
            intercept = y[0] - slope * x[0]
            sign = "−" if round(slope, 3) < 0 else "+"
            assert equation.get_text() == f"{intercept:.2f} {sign} {abs(slope):.3f} x".replace("-", "−"), size
            after, before = equation.get_window_extent(renderer), entry.get_window_extent(renderer)
            assert before.x1 < after.x0 < before.x1 + 10 and abs(after.y0 + after.y1 - before.y0 - before.y1) < 2
    explorer.controls["outlier_size"].value = -LARGEST_OUTLIER
    mse = data_ax.texts[[text.get_animated() for text in data_ax.texts].index(True)]
    assert " − " in mse.get_text()  # the MSE slope turns negative: "2.38 − 0.068 x", not "+ −0.068"


def test_the_outlier_never_hides_the_legend_or_an_equation():
    explorer = outlier_explorer()
    data_ax, _ = _panels(explorer)
    outlier = next(line for line in data_ax.lines if line.get_label() == "the outlier")
    for size in np.linspace(-LARGEST_OUTLIER, LARGEST_OUTLIER, 13):
        explorer.controls["outlier_size"].value = float(size)
        renderer = _drawn(explorer.figure)
        boxes = [data_ax.get_legend().get_window_extent(renderer)]
        boxes += [text.get_window_extent(renderer) for text in data_ax.texts if text.get_animated()]
        centre = data_ax.transData.transform((outlier.get_xdata()[0], outlier.get_ydata()[0]))
        radius = outlier.get_markersize() / 2 * explorer.figure.dpi / 72
        for box in boxes:
            assert not (box.x0 - radius < centre[0] < box.x1 + radius and box.y0 - radius < centre[1] < box.y1 + radius)


@pytest.mark.parametrize("name", ["mse", "mae", "huber"])
def test_the_pull_panels_titles_do_not_change(name):
    explorer = outlier_explorer()
    _, pull_axes = _panels(explorer)
    title = pull_axes[name].get_title()
    assert title.startswith({"mse": "MSE", "mae": "MAE", "huber": "Huber"}[name])
    for setting in values_at_extremes(explorer.controls):
        for control, value in setting.items():
            explorer.controls[control].value = value
        assert pull_axes[name].get_title() == title
    assert OUTLIER_INDEX == 9 and explorer.figure.axes[3].get_title() == "the outlier is the point at x = 9"
