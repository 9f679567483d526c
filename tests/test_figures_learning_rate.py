"""Notebook 03's figures as a learner sees them (issue 12): every text readable and clear of other
text, no label crossed by a line, no legend over a curve, and a slider figure that draws only
what moves (no full redraw while a slider is dragged)."""

import numpy as np
import pytest
from figure_checks import text_problems
from matplotlib.lines import Line2D

import gdlib
from gdlib.lessons import learning_rate as lesson
from gdlib.plots import learning_rate as plots
from gdlib.widgets import values_at_extremes
from gdlib.widgets.learning_rate import learning_rate_explorer

RATE_LABELS = ("1/λmax", "2/(λmin+λmax)", "2/λmax")


@pytest.fixture(scope="module")
def data():
    return lesson.one_feature_data()


def _rates(X) -> dict[str, float]:
    """The four rates of the notebook's regimes cell: 0.05, 0.5, 0.9 and 1.1 times 2/lambda_max."""
    critical = gdlib.critical_learning_rate(X)
    return {"too small": 0.05 * critical, "good": 0.5 * critical, "oscillating": 0.9 * critical,
            "diverging": 1.1 * critical}


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


# --- static figures ------------------------------------------------------------------------------


def test_every_static_figure_of_the_notebook_is_readable_and_unclipped(data):
    X, Y = data
    rates = _rates(X)
    regimes, results = plots.regimes_figure(X, Y, rates, 60, lesson.START_ALPHA, [[lesson.START_BETA]],
                                            lesson.ALPHA_LIMITS, lesson.BETA_LIMITS)
    for figure in (plots.hessian_figure(X, Y, lesson.ALPHA_LIMITS, lesson.BETA_LIMITS),
                   plots.step_factor_figure(X, rates), regimes, plots.regimes_cost_figure(X, Y, results)):
        assert text_problems(figure) == []


def test_the_step_factor_labels_are_apart_above_the_line_one_and_crossed_by_no_line(data):
    X, _ = data
    figure = plots.step_factor_figure(X, _rates(X))
    (ax,) = figure.axes
    renderer = _drawn(figure)
    labels = {text.get_text(): text.get_window_extent(renderer) for text in ax.texts}
    assert set(labels) == set(RATE_LABELS)
    one = ax.transData.transform((0.0, 1.0))[1]
    for name, box in labels.items():
        assert box.y0 > one, f"{name!r} is crossed by (or below) the line y = 1"
        # neither the curves, the dots, y = 1 nor any rate's vertical line goes through a label
        assert _lines_through(ax, box) == [], name
    boxes = list(labels.values())
    assert not any(_overlap(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1:])


@pytest.mark.parametrize("which", ["step factors", "regimes cost"])
def test_the_legend_of_the_one_panel_figures_is_beside_the_curves(data, which):
    X, Y = data
    rates = _rates(X)
    if which == "step factors":
        figure = plots.step_factor_figure(X, rates)
    else:
        _, results = plots.regimes_figure(X, Y, rates, 60, lesson.START_ALPHA, [[lesson.START_BETA]],
                                          lesson.ALPHA_LIMITS, lesson.BETA_LIMITS)
        figure = plots.regimes_cost_figure(X, Y, results)
    (ax,) = figure.axes
    renderer = _drawn(figure)
    (legend,) = figure.legends
    assert ax.get_legend() is None
    assert not _overlap(legend.get_window_extent(renderer), ax.get_window_extent(renderer))
    assert len(legend.get_texts()) == (6 if which == "step factors" else 4)


def test_the_hessian_figure_legend_crosses_no_parabola_and_its_labels_are_readable(data):
    X, Y = data
    figure = plots.hessian_figure(X, Y, lesson.ALPHA_LIMITS, lesson.BETA_LIMITS)
    ax_contours, ax_slices = figure.axes
    renderer = _drawn(figure)
    assert _lines_through(ax_slices, ax_slices.get_legend().get_window_extent(renderer)) == []
    labels = [text for text in ax_contours.texts if "λ" in text.get_text()]
    assert [text.get_text().split(":")[0] for text in labels] == ["flat", "steep"]
    assert [text.get_text() for text in ax_slices.get_legend().get_texts()] == ["flat", "steep"]
    assert all(text.get_fontsize() >= 12 for text in labels)


def test_the_regime_panels_titles_fit_their_panels(data):
    X, Y = data
    figure, _ = plots.regimes_figure(X, Y, _rates(X), 60, lesson.START_ALPHA, [[lesson.START_BETA]],
                                     lesson.ALPHA_LIMITS, lesson.BETA_LIMITS)
    renderer = _drawn(figure)
    for ax, name in zip(figure.axes, _rates(X), strict=True):
        title = ax.title.get_window_extent(renderer)
        panel = ax.get_window_extent(renderer)
        assert ax.get_title().startswith(f"{name}\n")
        assert panel.x0 - 1 <= title.x0 and title.x1 <= panel.x1 + 1, name  # not over the tick labels


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
    """Every control dragged over its range in 8 steps, then the extremes of values_at_extremes."""
    settings = []
    for name, control in controls.items():
        if hasattr(control, "base"):
            values = control.base ** np.linspace(control.min, control.max, 8)
        else:
            values = np.linspace(control.min, control.max, 8)
        if isinstance(control.value, int):
            values = np.round(values).astype(int)
        settings += [{name: value.item()} for value in values]
    return settings + values_at_extremes(controls)


def test_the_explorer_draws_its_background_once_however_the_sliders_move():
    explorer = learning_rate_explorer()
    full_redraws = _counting_full_redraws(explorer)
    for setting in _drag_settings(explorer.controls):
        for name, value in setting.items():
            explorer.controls[name].value = value
    assert full_redraws == []


def test_the_explorer_legends_are_under_its_panels_where_nothing_moves():
    explorer = learning_rate_explorer()
    renderer = _drawn(explorer.figure)
    for ax in explorer.figure.axes:
        legend = ax.get_legend().get_window_extent(renderer)
        assert legend.y1 < ax.get_window_extent(renderer).y0, "a legend inside a panel is drawn under the path"
    ax_path, _ = explorer.figure.axes
    labels = [text.get_text() for text in ax_path.get_legend().get_texts()]
    assert labels == ["minimum", "descent path", "start", "eigenvectors of H"]
    assert isinstance(ax_path.get_legend().legend_handles[-1], Line2D)


def test_the_explorer_titles_keep_two_lines_at_every_setting(data):
    # The layout is solved once, for the first picture: a title that grew a line would overlap.
    X, _ = data
    explorer = learning_rate_explorer()
    smallest, largest = np.linalg.eigvalsh(gdlib.mse_hessian(X))
    rate = explorer.values()["learning_rate"]
    flat, steep = (f"{1 - rate * eigenvalue:+.3f}".replace("-", "−") for eigenvalue in (smallest, largest))
    assert explorer.figure.axes[1].get_title() == f"step factors 1 − ηλ:\nflat {flat}, steep {steep}"
    for setting in values_at_extremes(explorer.controls):
        for name, value in setting.items():
            explorer.controls[name].value = value
        assert [ax.get_title().count("\n") for ax in explorer.figure.axes] == [1, 1], setting
