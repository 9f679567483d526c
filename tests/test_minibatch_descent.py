"""Notebook 08's machinery: its data, helpers, figures, slider figure and exercises."""

import math

import numpy as np
import pytest
from slider_checks import check_slider_figure

import gdlib
from gdlib.lessons import minibatch_descent
from gdlib.lessons.minibatch_descent import (
    batch_gradient_variance,
    example_gradients,
    heavy_ball_costs,
    heavy_ball_theory,
    house_prices,
    iterations_to_tolerance,
    valley_houses,
)
from gdlib.stochastic import minibatch_gradient_descent
from gdlib.widgets import figure_png
from gdlib.widgets.minibatch_descent import momentum_explorer, variants_explorer


def test_the_data_sets_are_seeded_and_shaped():
    X, Y = house_prices()
    assert X.shape == (200, 3) and Y.shape == (200, 1)
    np.testing.assert_array_equal(house_prices()[0], X)
    V, V_Y = valley_houses()
    assert V.shape == (200, 2) and V_Y.shape == (200, 1)
    assert set(np.unique(V[:, 0])) <= {1.0, 2.0, 3.0, 4.0, 5.0}
    assert V[:, 1].std() > 5 * V[:, 0].std()  # two very different scales


def test_least_squares_has_a_zero_gradient():
    X, Y = house_prices()
    alpha, beta = gdlib.least_squares(X, Y)
    d_alpha, d_beta = gdlib.mse_gradients(X, Y, alpha, beta)
    assert abs(d_alpha[0, 0]) < 1e-8 and np.abs(d_beta).max() < 1e-6
    assert alpha.shape == (1, 1) and beta.shape == (1, X.shape[1])


def test_iterations_to_tolerance_counts_from_where_the_run_stays_below():
    costs = [11.0, 6.0, 1.0005, 1.2, 1.0004, 1.00001]  # J* = 1, start excess 10; tolerance 1e-3 -> 0.01
    assert iterations_to_tolerance(costs, 1.0, 1e-3) == 2 + 2
    assert iterations_to_tolerance(costs, 1.0, 1e-9) is None
    assert iterations_to_tolerance([3.0, 1.0], 1.0, 0.5) == 1


def test_heavy_ball_costs_match_the_library_run():
    V, Y = valley_houses()
    V = V - V.mean(axis=0)
    grid = heavy_ball_costs(V, Y, [0.005, 0.012], [0.0, 0.5], 50)
    assert grid.shape == (2, 2, 51)
    for i, rate in enumerate((0.005, 0.012)):
        for j, momentum in enumerate((0.0, 0.5)):
            run = minibatch_gradient_descent(V, Y, rate, 50, 200, rng=np.random.default_rng(0), momentum=momentum)
            np.testing.assert_allclose(grid[i, j], run.costs, rtol=1e-10)


def test_heavy_ball_theory_on_a_bowl_with_known_eigenvalues():
    # Centred features with covariance diag(4, 1/4) (exactly, by construction): H = 2 diag(1, 4, 1/4).
    X = np.array([[2.0, 0.5], [-2.0, 0.5], [2.0, -0.5], [-2.0, -0.5]])
    theory = heavy_ball_theory(X)
    low, high = 0.5, 8.0
    assert theory["condition"] == pytest.approx(16.0)
    assert theory["gd_learning_rate"] == pytest.approx(2 / (low + high))
    assert theory["momentum"] == pytest.approx(((4 - 1) / (4 + 1)) ** 2)
    assert theory["momentum_learning_rate"] == pytest.approx(4 / (math.sqrt(high) + math.sqrt(low)) ** 2)


def test_momentum_needs_far_fewer_iterations_in_the_valley():
    V, Y = valley_houses()
    V = V - V.mean(axis=0)
    theory = heavy_ball_theory(V)
    optimum = gdlib.mse_cost(V, Y, *gdlib.least_squares(V, Y))
    plain = minibatch_gradient_descent(V, Y, theory["gd_learning_rate"], 600, 200, rng=np.random.default_rng(0))
    heavy = minibatch_gradient_descent(V, Y, theory["momentum_learning_rate"], 600, 200,
                                       rng=np.random.default_rng(0), momentum=theory["momentum"])
    assert 4 * iterations_to_tolerance(heavy.costs, optimum, 1e-6) < iterations_to_tolerance(plain.costs, optimum, 1e-6)


def test_batch_gradient_variance_by_enumerating_every_batch():
    # m = 6 examples, batches of 2: all 15 batches are equally likely; average over them exactly.
    rng = np.random.default_rng(0)
    X, Y = rng.normal(size=(6, 2)), rng.normal(size=(6, 1))
    alpha, beta = np.array([[0.2]]), np.array([[0.1, -0.3]])
    G = example_gradients(X, Y, alpha, beta)
    full = np.hstack(gdlib.mse_gradients(X, Y, alpha, beta))[0]
    np.testing.assert_allclose(G.mean(axis=0), full, rtol=1e-12)
    pairs = [(i, j) for i in range(6) for j in range(i + 1, 6)]
    exact = np.mean([np.sum((G[[i, j]].mean(axis=0) - full) ** 2) for i, j in pairs])
    assert batch_gradient_variance(X, Y, alpha, beta, 2) == pytest.approx(exact, rel=1e-12)
    assert batch_gradient_variance(X, Y, alpha, beta, 6) == pytest.approx(0.0, abs=1e-15)
    with pytest.raises(ValueError, match="batch_size must be between 1 and m = 6"):
        batch_gradient_variance(X, Y, alpha, beta, 7)


def test_figures_draw():
    from gdlib.plots.minibatch_descent import gradient_clouds_figure, valley_figure, variant_curves_figure

    X, Y = house_prices()
    Z, _, _ = gdlib.standardize(X)
    optimum = gdlib.mse_cost(Z, Y, *gdlib.least_squares(Z, Y))
    runs = {f"b={b}": minibatch_gradient_descent(Z, Y, 0.01, 2, b, rng=np.random.default_rng(0)) for b in (1, 200)}
    for figure in (variant_curves_figure(runs, optimum, 200),
                   gradient_clouds_figure({"one": np.ones((3, 2))}, ("a", "b"))):
        assert figure_png(figure)
    V, V_Y = valley_houses()
    V = V - V.mean(axis=0)
    run = minibatch_gradient_descent(V, V_Y, 0.01, 30, 200, rng=np.random.default_rng(0))
    assert figure_png(valley_figure(V, V_Y, {"gd": run}, feature_names=("a", "b"), tolerance=1e-6))
    with pytest.raises(ValueError, match="two centred features"):
        valley_figure(V + 1.0, V_Y, {"gd": run}, feature_names=("a", "b"), tolerance=1e-6)


def test_variants_explorer_at_every_extreme():
    check_slider_figure(variants_explorer())


def test_variants_explorer_warns_when_the_cost_grows():
    explorer = variants_explorer()
    explorer.controls["batch_size"].value = 1
    explorer.controls["learning_rate"].value = 1.0
    assert any("grew" in text.get_text() and text.get_visible() for text in explorer.figure.axes[1].texts)
    explorer.controls["learning_rate"].value = 0.001
    assert not any(text.get_visible() and text.get_text() for text in explorer.figure.axes[1].texts)


def test_momentum_explorer_at_every_extreme():
    check_slider_figure(momentum_explorer())


def test_momentum_explorer_counts_iterations_and_warns_when_it_blows_up():
    explorer = momentum_explorer()
    title = explorer.figure.texts[0].get_text()  # the suptitle, at the default (best) settings
    assert "tolerance 1e-06 in " in title and "no momentum: not within 100" in title
    explorer.controls["momentum"].value = 0.0
    explorer.controls["learning_rate"].value = 0.05
    assert "blew up" in explorer.figure.texts[0].get_text()
    assert any("blew up" in text.get_text() and text.get_visible() for text in explorer.figure.axes[1].texts)


def _independent_answers():
    X, Y = house_prices()
    mean, std = X.mean(axis=0), X.std(axis=0)
    Z = (X - mean) / std
    A = np.hstack([np.ones((200, 1)), Z])
    two = A[:, :3]  # the bias, floor area and rooms
    theta = np.linalg.lstsq(two, Y, rcond=None)[0]
    eigenvalues = np.linalg.eigvalsh(2 / 200 * A.T @ A)
    root = math.sqrt(eigenvalues[-1] / eigenvalues[0])
    return {
        "updates": 3 * 7,
        "variance ratio": 40 * 199 / 160,
        "floor with two features": float(np.mean((Y - two @ theta) ** 2)),
        "momentum for the houses": ((root - 1) / (root + 1)) ** 2,
    }


def test_exercises_accept_the_right_answer_and_reject_a_wrong_one():
    exercises = minibatch_descent.exercises()
    answers = _independent_answers()
    assert set(exercises) == set(answers)
    for name, answer in answers.items():
        assert exercises[name].feedback(answer)[0], name
        assert not exercises[name].feedback(answer * 1.1 + 0.5)[0], name


def test_no_exercise_answer_is_printed_in_the_notebook():
    import json
    from pathlib import Path

    notebook = json.loads((Path(__file__).parent.parent / "notebooks" / "09_minibatch_descent.ipynb").read_text())
    text = "\n".join("".join(cell["source"]) + "".join(
        "".join(output.get("text", "")) + "".join(output.get("data", {}).get("text/plain", ""))
        for output in cell.get("outputs", [])) for cell in notebook["cells"])
    answers = _independent_answers()
    for name, answer in answers.items():
        for digits in (3, 4):
            printed = f"{answer:.{digits}f}".rstrip("0").rstrip(".")
            assert printed not in text or name == "updates", (name, printed)
    assert "21 updates" not in text
