"""Notebook 00's slider demo (issue 12): fixed axes that hold every run, a drag that never draws
the background again, and a warning whenever the learning rate is past the critical one."""

import numpy as np
from figure_checks import text_problems

import gdlib
from gdlib.plots.start_here import COST_LIMITS
from gdlib.widgets.start_here import MAX_ITERATIONS, cost_curve_explorer


def _warnings(explorer) -> list[str]:
    return [text.get_text() for text in explorer.figure.axes[0].texts if text.get_visible()]


def test_the_axes_hold_the_demos_runs_and_a_drag_never_draws_the_background_again(monkeypatch):
    explorer = cost_curve_explorer()
    (ax,) = explorer.figure.axes
    assert ax.get_xlim() == (0, MAX_ITERATIONS) == (0, explorer.controls["iterations"].max)
    assert ax.get_ylim() == COST_LIMITS
    draws = []
    canvas_type = type(explorer.figure.canvas)
    original = canvas_type.draw
    monkeypatch.setattr(canvas_type, "draw", lambda canvas: draws.append(1) or original(canvas))
    rate, iterations = explorer.controls["learning_rate"], explorer.controls["iterations"]
    for exponent in np.linspace(rate.min, rate.max, 15):
        rate.value = 10**exponent
    for value in range(0, MAX_ITERATIONS + 1, 100):
        iterations.value = value
    assert draws == [] and ax.get_xlim() == (0, MAX_ITERATIONS) and ax.get_ylim() == COST_LIMITS


def test_the_default_run_falls_inside_the_axes_all_the_way():
    explorer = cost_curve_explorer()
    X, Y = gdlib.load_worked_example()
    alpha, beta, _ = gdlib.load_worked_example_start()
    values = explorer.values()
    run = gdlib.gradient_descent(X, Y, values["learning_rate"], values["iterations"], alpha, beta)
    assert COST_LIMITS[0] < run.costs.min() and run.costs.max() < COST_LIMITS[1]
    np.testing.assert_allclose(explorer.figure.axes[0].lines[0].get_ydata(), run.costs, rtol=1e-6)
    # the longest run at the default rate stays inside too
    longest = gdlib.gradient_descent(X, Y, values["learning_rate"], MAX_ITERATIONS, alpha, beta)
    assert COST_LIMITS[0] < longest.cost


def test_past_the_critical_rate_the_plot_says_so_before_and_after_the_blow_up():
    explorer = cost_curve_explorer()
    X, _ = gdlib.load_worked_example()
    critical = gdlib.critical_learning_rate(X)
    explorer.controls["iterations"].value = 0
    explorer.controls["learning_rate"].value = 0.2
    assert _warnings(explorer) == [f"the learning rate is above the critical {critical:.3g}:\nthe cost will blow up"]
    explorer.controls["iterations"].value = 500
    (warning,) = _warnings(explorer)
    assert warning.startswith("diverged after ") and f"above the critical {critical:.3g}" in warning
    assert text_problems(explorer.figure) == []
    explorer.controls["learning_rate"].value = 0.05
    assert _warnings(explorer) == []
