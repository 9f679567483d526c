"""The slider machinery, and the demo slider figure of notebook 00."""

import io

import ipywidgets
import numpy as np
import pytest
from PIL import Image
from slider_checks import PNG_SIGNATURE, check_slider_figure

import gdlib
from gdlib.plots import FIGURE_DPI, animate, new_figure, set_limits
from gdlib.widgets import (
    PIXEL_RATIO,
    SliderFigure,
    figure_png,
    float_slider,
    int_slider,
    log_slider,
    rgba_to_png,
    selection_slider,
    toggle,
    values_at_extremes,
)
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


# --- the redraw engine: background once, animated artists on top --------------------------------


def _pixels(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB"))


def _line_figure(limit_follows_level: bool = False):
    """A slider figure with one animated line whose top is the slider's value."""
    figure, (ax,) = new_figure(height=2.0, width=3.0)
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 6)
    (line,) = animate(*ax.plot([], [], color="black"))

    def update(level: int) -> None:
        line.set_data([0.2, 0.8], [1.0, level + 0.5])  # off the spines, which a full draw puts on top
        if limit_follows_level:
            set_limits(ax, y=(0, 6) if level > 2 else (0, 3))

    slider = int_slider("level", 1, 0, 5)
    return SliderFigure(figure, update, {"level": slider}), slider


def test_moving_only_animated_artists_does_not_draw_the_background_again(monkeypatch):
    slider_figure, slider = _line_figure()
    draws = []
    original = type(slider_figure.figure.canvas).draw
    monkeypatch.setattr(type(slider_figure.figure.canvas), "draw", lambda canvas: draws.append(1) or original(canvas))
    slider.value = 4
    assert draws == []
    # the line is on top of everything, so the picture is the whole figure's, pixel for pixel
    full = figure_png(slider_figure.figure, dpi=slider_figure.figure.dpi)
    np.testing.assert_array_equal(_pixels(slider_figure.png), _pixels(full))


def test_changing_anything_else_draws_the_background_again(monkeypatch):
    slider_figure, slider = _line_figure(limit_follows_level=True)
    draws = []
    original = type(slider_figure.figure.canvas).draw
    monkeypatch.setattr(type(slider_figure.figure.canvas), "draw", lambda canvas: draws.append(1) or original(canvas))
    slider.value = 5  # the y limit moves from (0, 3) to (0, 6): new ticks
    assert draws == [1]
    slider.value = 4  # the limit stays (0, 6): only the line moves
    assert draws == [1]
    slider.value = 1
    assert draws == [1, 1] and slider_figure.figure.axes[0].get_ylim() == (0, 3)
    full = figure_png(slider_figure.figure, dpi=slider_figure.figure.dpi)
    np.testing.assert_array_equal(_pixels(slider_figure.png), _pixels(full))


def test_the_same_values_give_the_same_bytes_whatever_the_way_there():
    slider_figure, slider = _line_figure(limit_follows_level=True)
    first = slider_figure.png
    for value in (5, 0, 3, 1):
        slider.value = value
    assert slider_figure.png == first
    fresh, fresh_slider = _line_figure(limit_follows_level=True)
    fresh_slider.value = 3
    slider.value = 3
    assert fresh.png == slider_figure.png


def test_the_png_has_twice_the_pixels_of_the_size_it_is_shown_at():
    slider_figure, _ = _line_figure()
    assert slider_figure.css_size == (3 * FIGURE_DPI, 2 * FIGURE_DPI)
    width, height = Image.open(io.BytesIO(slider_figure.png)).size
    assert PIXEL_RATIO == 2 and (width, height) == (6 * FIGURE_DPI, 4 * FIGURE_DPI)
    static = Image.open(io.BytesIO(figure_png(new_figure(height=2.0, width=3.0)[0])))
    assert static.size == (6 * FIGURE_DPI, 4 * FIGURE_DPI)


def test_shown_in_a_notebook_the_figure_says_its_css_size(monkeypatch):
    shown = []
    monkeypatch.setattr("gdlib.widgets.display", lambda *objects, **options: shown.append((objects, options)))
    monkeypatch.delenv("VOILA_KERNEL_ID", raising=False)
    monkeypatch.delenv("VOILA_SERVER_URL", raising=False)
    slider_figure, _ = _line_figure()
    slider_figure.show()
    image = shown[-1][0][0]
    assert shown[-1][1] == {"display_id": True}
    assert image.width == 3 * FIGURE_DPI and image.height == 2 * FIGURE_DPI and image.data == slider_figure.png


def test_in_voila_the_figure_is_an_image_widget_of_its_css_size(monkeypatch):
    shown = []
    monkeypatch.setattr("gdlib.widgets.display", lambda *objects, **options: shown.append(objects))
    monkeypatch.setenv("VOILA_KERNEL_ID", "a-kernel")
    slider_figure, slider = _line_figure()
    slider_figure.show()
    image = shown[-1][0]
    assert isinstance(image, ipywidgets.Image)
    assert (image.width, image.height) == (str(3 * FIGURE_DPI), str(2 * FIGURE_DPI))
    slider.value = 4
    assert image.value == slider_figure.png


def test_rgba_to_png_keeps_every_pixel():
    rng = np.random.default_rng(3)
    rgba = rng.integers(0, 256, size=(5, 7, 4), dtype=np.uint8)
    rgba[..., 3] = 255
    decoded = _pixels(rgba_to_png(rgba))
    np.testing.assert_array_equal(decoded, rgba[..., :3])
    with pytest.raises(ValueError, match=r"rgba must be a \(height, width, 4\) buffer of bytes, got shape \(5, 7, 3\)"):
        rgba_to_png(rgba[..., :3].copy())


def test_every_slider_follows_the_hand_by_default():
    sliders = [log_slider("a", 0.1, 0.01, 1.0), int_slider("b", 1, 0, 5), float_slider("c", 0.5, 0.0, 1.0, step=0.1),
               selection_slider("d", [1, 2, 3], 2)]
    assert all(slider.continuous_update for slider in sliders)
    assert not int_slider("b", 1, 0, 5, continuous_update=False).continuous_update
