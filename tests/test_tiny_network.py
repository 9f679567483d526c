"""The one-unit tanh network of notebook 11: derivatives, the saddle, the grids, the sliders."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from slider_checks import check_slider_figure

import gdlib
from gdlib.lessons.loss_landscapes import exercises, network_data
from gdlib.tiny_network import (
    network_cost,
    network_cost_grid,
    network_descent,
    network_gradient,
    network_hessian,
    network_min_curvature_grid,
    network_predict,
)
from gdlib.widgets.loss_landscapes import network_landscape_explorer

X_DATA, Y_DATA = network_data()


def test_cost_by_hand():
    x = np.array([[1.0], [-2.0]])
    Y = np.array([[1.0], [0.0]])
    w = (0.5, 2.0)
    expected = ((1 - 2 * np.tanh(0.5)) ** 2 + (0 - 2 * np.tanh(-1.0)) ** 2) / 2
    assert network_cost(x, Y, w) == pytest.approx(expected, rel=1e-14)
    np.testing.assert_allclose(network_predict(x, w), [[2 * np.tanh(0.5)], [2 * np.tanh(-1.0)]])


@given(st.floats(-2.5, 2.5), st.floats(-2.5, 2.5))
def test_gradient_and_hessian_match_finite_differences(w1, w2):
    w = np.array([w1, w2])
    numeric = gdlib.numerical_gradient(lambda v: network_cost(X_DATA, Y_DATA, v), w)
    np.testing.assert_allclose(network_gradient(X_DATA, Y_DATA, w), numeric, atol=1e-7)
    rows = [gdlib.numerical_gradient(lambda v, i=i: network_gradient(X_DATA, Y_DATA, v)[i], w) for i in range(2)]
    np.testing.assert_allclose(network_hessian(X_DATA, Y_DATA, w), np.array(rows), atol=1e-6)


def test_origin_is_a_saddle_with_the_hessian_derived_by_hand():
    c = -2 * np.mean(X_DATA * Y_DATA)  # d2J/dw1dw2 at the origin; both diagonal entries vanish
    np.testing.assert_allclose(network_gradient(X_DATA, Y_DATA, (0, 0)), [0, 0], atol=1e-15)
    np.testing.assert_allclose(network_hessian(X_DATA, Y_DATA, (0, 0)), [[0, c], [c, 0]], atol=1e-14)
    low, high = np.linalg.eigvalsh(network_hessian(X_DATA, Y_DATA, (0, 0)))
    assert low < 0 < high


def test_mirror_weights_give_the_same_cost_and_descent_finds_both_minima():
    right = network_descent(X_DATA, Y_DATA, (0.5, 0.5), 0.3, 1500).weights[-1]
    left = network_descent(X_DATA, Y_DATA, (-0.5, -0.5), 0.3, 1500).weights[-1]
    np.testing.assert_allclose(left, -right, atol=1e-8)
    assert network_cost(X_DATA, Y_DATA, right) == pytest.approx(network_cost(X_DATA, Y_DATA, -right))
    np.testing.assert_allclose(network_gradient(X_DATA, Y_DATA, right), 0, atol=1e-6)
    assert np.all(np.linalg.eigvalsh(network_hessian(X_DATA, Y_DATA, right)) > 0)
    np.testing.assert_allclose(right, (1.0, 1.5), atol=0.15)  # near the weights the data came from


def test_grids_agree_with_the_pointwise_functions():
    w1, w2 = np.linspace(-2, 2, 5), np.linspace(-1, 3, 4)
    J = network_cost_grid(X_DATA, Y_DATA, w1, w2)
    curvature = network_min_curvature_grid(X_DATA, Y_DATA, w1, w2)
    assert J.shape == curvature.shape == (4, 5)
    for i, b in enumerate(w2):
        for j, a in enumerate(w1):
            assert J[i, j] == pytest.approx(network_cost(X_DATA, Y_DATA, (a, b)), rel=1e-12)
            assert curvature[i, j] == pytest.approx(np.linalg.eigvalsh(network_hessian(X_DATA, Y_DATA, (a, b)))[0],
                                                    abs=1e-10)


def test_bad_weights_are_named():
    with pytest.raises(ValueError, match=r"weights must be the pair \(w1, w2\).*\(3,\)"):
        network_cost(X_DATA, Y_DATA, (1.0, 2.0, 3.0))
    with pytest.raises(ValueError, match="Y must have one row per example"):
        network_cost(X_DATA, Y_DATA[:-1], (1.0, 2.0))


def exercise_answers_by_hand() -> dict[str, np.ndarray]:
    """On the line w1 = 0, t = 0 and s = 1, so the Hessian at (0, 2) is [[a, c], [c, 0]] with
    a = (2/m) sum (w2 x)^2 and c = -(2/m) sum x y; the first step uses the gradient formulas."""
    a = 2 * np.mean((2.0 * X_DATA) ** 2)
    c = -2 * np.mean(X_DATA * Y_DATA)
    root = np.sqrt(a**2 + 4 * c**2)
    w1, w2 = 0.9, -1.2
    t = np.tanh(w1 * X_DATA)
    r = Y_DATA - w2 * t
    gradient = -2 * np.array([np.mean(r * w2 * X_DATA * (1 - t**2)), np.mean(r * t)])
    return {"curvature in w1": np.array(a), "eigenvalues": np.array([(a - root) / 2, (a + root) / 2]),
            "first step": np.array([w1, w2]) - 0.05 * gradient}


def test_exercises_accept_the_right_answers_and_reject_wrong_ones():
    checks, answers = exercises(), exercise_answers_by_hand()
    assert set(checks) == set(answers)
    for name, answer in answers.items():
        assert checks[name].feedback(answer)[0], name
    assert answers["curvature in w1"] > 1 and not checks["curvature in w1"].feedback(0.0)[0]  # 0 at the saddle
    low, high = answers["eigenvalues"]
    assert low < 0 < high
    c = -2 * np.mean(X_DATA * Y_DATA)
    assert not checks["eigenvalues"].feedback([-abs(c), abs(c)])[0]  # the saddle's eigenvalues
    step_back = 2 * np.array([0.9, -1.2]) - answers["first step"]  # the gradient added, not subtracted
    assert not checks["first step"].feedback(step_back)[0]


def test_the_exercises_answers_are_not_printed_in_the_notebook():
    import json
    from pathlib import Path

    notebook = json.loads((Path(__file__).parent.parent / "notebooks" / "11_loss_landscapes.ipynb").read_text())
    text = " ".join("".join(cell["source"]) + " ".join(
        "".join(output.get("text", "")) + "".join(output.get("data", {}).get("text/plain", ""))
        for output in cell.get("outputs", [])) for cell in notebook["cells"])
    for name, answer in exercise_answers_by_hand().items():
        for value in np.atleast_1d(answer):
            for digits in (3, 4):
                assert f"{value:.{digits}f}" not in text, (name, value)


def test_landscape_sliders_at_every_extreme():
    check_slider_figure(network_landscape_explorer())
