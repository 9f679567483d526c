"""The slider machinery, and the demo slider figure of notebook 00."""

import numpy as np
import pytest
from slider_checks import PNG_SIGNATURE, check_slider_figure

import gdlib
from gdlib.plots import new_figure
from gdlib.widgets import SliderFigure, figure_png, int_slider, log_slider, toggle, values_at_extremes
from gdlib.widgets.start_here import cost_curve_explorer


def test_a_control_change_redraws_the_figure():
    figure, (ax,) = new_figure()
    calls = []

    def update(level: int) -> None:
        calls.append(level)
        ax.clear()
        ax.plot([0, 1], [0, level])

    slider = int_slider("level", 1, 0, 5)
    slider_figure = SliderFigure(figure, update, {"level": slider})
    before = figure_png(figure)
    slider.value = 4
    assert calls == [1, 4] and slider_figure.values() == {"level": 4}
    assert figure_png(figure) != before


def test_values_at_extremes_covers_each_control_alone_and_together():
    controls = {
        "learning_rate": log_slider("learning rate", 0.01, 1e-3, 1.0),
        "iterations": int_slider("iterations", 50, 0, 500),
        "standardize": toggle("standardize"),
    }
    settings = values_at_extremes(controls)
    assert settings[0] == {"learning_rate": 0.01, "iterations": 50, "standardize": False}
    assert {"learning_rate": pytest.approx(1e-3), "iterations": 50, "standardize": False} in settings
    assert {"learning_rate": 0.01, "iterations": 500, "standardize": False} in settings
    assert {"learning_rate": 0.01, "iterations": 50, "standardize": True} in settings
    assert settings[-1] == {"learning_rate": pytest.approx(1.0), "iterations": 500, "standardize": True}
    assert len(settings) == 1 + 2 * 3 + 2


def test_slider_figure_needs_a_control():
    figure, _ = new_figure()
    with pytest.raises(ValueError, match="controls must name at least one widget"):
        SliderFigure(figure, lambda: None, {})


def test_start_here_demo_at_every_extreme():
    pictures = check_slider_figure(cost_curve_explorer())
    assert all(png.startswith(PNG_SIGNATURE) for png in pictures.values())


def test_demo_warns_on_the_plot_when_the_run_diverges():
    explorer = cost_curve_explorer()
    X, _ = gdlib.load_worked_example()
    explorer.controls["learning_rate"].value = 0.2
    assert 0.2 > gdlib.critical_learning_rate(X)
    texts = [text.get_text() for text in explorer.figure.axes[0].texts]
    assert any("diverged" in text for text in texts)
    explorer.controls["learning_rate"].value = 0.05
    assert not any("diverged" in text.get_text() for text in explorer.figure.axes[0].texts)
    assert np.isfinite(explorer.figure.axes[0].lines[0].get_ydata()).all()


def test_a_log_slider_can_step_back_to_its_default_exactly():
    slider = log_slider("learning rate", 0.05, 1e-3, 0.12)
    # the default sits on the grid min + k * step, and the grid covers [low, high]
    k = (np.log10(0.05) - slider.min) / slider.step
    assert abs(k - round(k)) < 1e-9
    assert slider.base**slider.min <= 1e-3 * (1 + 1e-12) and slider.base**slider.max >= 0.12 * (1 - 1e-12)
    assert slider.base ** (slider.max - slider.step) < 0.12 and slider.base ** (slider.min + slider.step) > 1e-3
    with pytest.raises(ValueError, match="0 < low <= value <= high"):
        log_slider("learning rate", 2.0, 1e-3, 1.0)
