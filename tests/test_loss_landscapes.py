"""The claims of notebook 11 (loss landscapes), one test each: every number, comparison and shape its
prose states is computed here with gdlib and the lesson's settings, and compared with the number typed
in the test."""

from pathlib import Path

import nbformat
import numpy as np
import pytest

import gdlib
from gdlib.lessons.loss_landscapes import (
    DESCENT_LEARNING_RATE,
    DESCENT_START,
    TRUE_WEIGHTS,
    finite_difference_hessian,
    linear_problem,
    network_data,
    stacked_mse_gradient,
)
from gdlib.plots.loss_landscapes import DIAGONALS, SADDLE_REACH, WEIGHT_RANGE, saddle_figure
from gdlib.tiny_network import (
    network_cost,
    network_descent,
    network_gradient,
    network_hessian,
    network_min_curvature_grid,
)
from gdlib.widgets import figure_png
from gdlib.widgets.loss_landscapes import network_landscape_explorer

NOTEBOOK = Path(__file__).parent.parent / "notebooks" / "11_loss_landscapes.ipynb"
_cells = nbformat.read(NOTEBOOK, as_version=4).cells
PROSE = " ".join("\n".join(cell.source for cell in _cells if cell.cell_type == "markdown").split())
OUTPUTS = "\n".join(output.get("text", "") + output.get("data", {}).get("text/plain", "")
                    for cell in _cells for output in cell.get("outputs", []))
X, Y = linear_problem()
x, Y_NET = network_data()
MINIMUM = network_descent(x, Y_NET, (0.5, 0.5), 0.3, 1500).weights[-1]


def test_claim_the_linear_hessian_is_two_over_m_a_transpose_a_and_the_same_at_three_points():
    assert X.shape == (30, 2) and Y.shape == (30, 1)
    A = np.hstack([np.ones((30, 1)), X])
    H = gdlib.mse_hessian(X)
    assert H.shape == (3, 3)  # (n + 1, n + 1)
    np.testing.assert_allclose(H, 2 / 30 * A.T @ A, rtol=1e-12)
    rng = np.random.default_rng(3)
    for theta in rng.normal(scale=5.0, size=(3, 3)):
        assert np.abs(finite_difference_hessian(X, Y, theta) - H).max() < 1e-7  # rounding only
    np.testing.assert_allclose(stacked_mse_gradient(X, Y, np.zeros(3)), 2 / 30 * A.T @ A @ np.zeros(3) - 2 / 30
                               * (A.T @ Y)[:, 0], rtol=1e-12)


def test_claim_the_linear_hessian_is_positive_semidefinite_and_the_chords_lie_above():
    A = np.hstack([np.ones((30, 1)), X])
    H = gdlib.mse_hessian(X)
    for v in np.random.default_rng(0).normal(size=(20, 3)):
        assert v @ H @ v == pytest.approx(2 / 30 * np.sum((A @ v) ** 2), rel=1e-12) and v @ H @ v >= 0
    eigenvalues = np.linalg.eigvalsh(H)
    assert np.all(eigenvalues >= 0) and "[1.7458 1.9931 2.8535]" in OUTPUTS
    np.testing.assert_allclose(eigenvalues, [1.7458, 1.9931, 2.8535], atol=5e-5)
    rng = np.random.default_rng(3)
    rng.normal(scale=5.0, size=(3, 3))  # the three points of the first cell
    pairs = rng.normal(scale=5.0, size=(1000, 2, 3))

    def J(theta):
        return gdlib.mse_cost(X, Y, theta[0], theta[1:])

    assert all(J((a + b) / 2) <= (J(a) + J(b)) / 2 for a, b in pairs)
    assert "for all 1000 pairs: True" in " ".join(OUTPUTS.split())


def test_claim_descent_on_the_linear_bowl_reaches_the_bottom_from_anywhere_below_the_critical_rate():
    alpha_star, beta_star = gdlib.least_squares(X, Y)
    rate = 0.9 * gdlib.critical_learning_rate(X)
    for start in ((50.0, [-80.0, 30.0]), (-5.0, [200.0, 1.0])):
        run = gdlib.gradient_descent(X, Y, rate, 2000, *start)
        np.testing.assert_allclose(np.hstack([run.alpha[0], run.beta[0]]),
                                   np.hstack([alpha_star[0], beta_star[0]]), atol=1e-8)
    assert "below the critical one of notebook 03" in PROSE
    assert (NOTEBOOK.parent / "03_learning_rate.ipynb").exists()


def test_claim_the_network_data_40_examples_of_the_model_with_noise_sd_0_1():
    assert x.shape == Y_NET.shape == (40, 1) and TRUE_WEIGHTS == (1.0, 1.5)
    assert "x from -1.98 to 1.95" in OUTPUTS
    noise = Y_NET - 1.5 * np.tanh(1.0 * x)
    assert abs(np.std(noise) - 0.1) < 0.03
    # at the generating weights the residuals are the noise: J is its mean square, 0.0077
    assert network_cost(x, Y_NET, TRUE_WEIGHTS) == pytest.approx(np.mean(noise**2), rel=1e-12)
    assert round(network_cost(x, Y_NET, TRUE_WEIGHTS), 4) == 0.0077 and 0.1**2 == pytest.approx(0.01)
    assert network_cost(x, Y_NET, MINIMUM) < network_cost(x, Y_NET, TRUE_WEIGHTS)  # no perfect fit


def test_claim_network_gradient_agrees_with_finite_differences_at_0_7_minus_1_2():
    w = np.array([0.7, -1.2])
    numeric = gdlib.numerical_gradient(lambda v: network_cost(x, Y_NET, v), w)
    np.testing.assert_allclose(network_gradient(x, Y_NET, w), numeric, atol=1e-8)
    np.testing.assert_allclose(network_gradient(x, Y_NET, w), [2.4347, -2.6568], atol=5e-5)


def test_claim_mirror_weights_and_two_minima_found_by_descent():
    for w in np.random.default_rng(1).uniform(-2.5, 2.5, size=(10, 2)):
        assert network_cost(x, Y_NET, w) == pytest.approx(network_cost(x, Y_NET, -w), rel=1e-14)
    left = network_descent(x, Y_NET, (-0.5, -0.5), 0.3, 1500).weights[-1]
    np.testing.assert_allclose(left, -MINIMUM, atol=1e-8)
    np.testing.assert_allclose(MINIMUM, [0.9181, 1.5236], atol=5e-5)
    assert round(network_cost(x, Y_NET, MINIMUM), 5) == 0.00704


def test_claim_the_midpoint_of_the_minima_is_the_origin_and_far_higher():
    J_origin = network_cost(x, Y_NET, (0.0, 0.0))
    assert np.allclose((MINIMUM + -MINIMUM) / 2, 0)
    assert J_origin == pytest.approx(np.mean(Y_NET**2), rel=1e-14)
    assert round(J_origin, 4) == 1.3609 and round(network_cost(x, Y_NET, MINIMUM), 4) == 0.0070
    assert round(J_origin, 2) == 1.36 and "$J(0, 0) = 1.36$" in PROSE


def test_claim_the_origin_is_a_saddle_falling_along_w2_equals_w1_and_rising_along_the_other():
    assert np.linalg.norm(network_gradient(x, Y_NET, (0.0, 0.0))) == 0.0
    J_origin = network_cost(x, Y_NET, (0.0, 0.0))
    distances = np.concatenate([np.linspace(-SADDLE_REACH, -0.01, 60), np.linspace(0.01, SADDLE_REACH, 60)])
    falling, rising = DIAGONALS["w₂ = w₁"], DIAGONALS["w₂ = −w₁"]
    assert all(network_cost(x, Y_NET, d * falling) < J_origin for d in distances)
    assert all(network_cost(x, Y_NET, d * rising) > J_origin for d in distances)
    # w2 = w1 points towards both valleys: the minima lie within 45 degrees of it, not of the other
    direction = MINIMUM / np.linalg.norm(MINIMUM)
    assert abs(direction @ falling) > abs(direction @ rising)
    assert figure_png(saddle_figure(x, Y_NET))


def test_claim_the_hessian_at_the_origin_and_its_eigenvectors_are_the_diagonals():
    c = -2 / 40 * np.sum(x * Y_NET)
    H = network_hessian(x, Y_NET, (0.0, 0.0))
    np.testing.assert_allclose(H, [[0, c], [c, 0]], atol=1e-14)
    assert round(c, 4) == -3.0261
    eigenvalues, eigenvectors = np.linalg.eigh(H)
    np.testing.assert_allclose(eigenvalues, [-abs(c), abs(c)], rtol=1e-12)
    negative, positive = eigenvectors.T
    assert abs(negative @ DIAGONALS["w₂ = w₁"]) == pytest.approx(1.0, abs=1e-12)  # (1, 1)/sqrt(2), up to sign
    assert abs(positive @ DIAGONALS["w₂ = −w₁"]) == pytest.approx(1.0, abs=1e-12)
    rows = [gdlib.numerical_gradient(lambda v, i=i: network_gradient(x, Y_NET, v)[i], np.zeros(2)) for i in range(2)]
    np.testing.assert_allclose(np.array(rows), H, atol=1e-6)


def test_claim_three_quarters_of_the_square_curve_down_and_the_minimum_is_a_true_floor():
    assert WEIGHT_RANGE == (-2.5, 2.5)
    grid = np.linspace(*WEIGHT_RANGE, 121)
    smallest = network_min_curvature_grid(x, Y_NET, grid, grid)
    assert smallest.shape == (121, 121)
    share = np.mean(smallest < 0)
    assert f"{share:.1%}" == "75.4%" and abs(share - 0.75) < 0.01
    eigenvalues = np.linalg.eigvalsh(network_hessian(x, Y_NET, MINIMUM))
    assert np.all(eigenvalues > 0) and round(eigenvalues[0], 4) == 0.0702
    assert "121 × 121 grid" in PROSE and "three quarters" in PROSE


def test_claim_the_first_part_of_the_hessian_is_positive_semidefinite():
    """d2J = (2/m) sum [grad y_hat grad y_hat^T - r d2 y_hat]: the first part alone never curves down."""
    for w1, w2 in np.random.default_rng(2).uniform(-2.5, 2.5, size=(20, 2)):
        t = np.tanh(w1 * x[:, 0])
        gradients = np.stack([w2 * x[:, 0] * (1 - t**2), t], axis=1)  # (m, 2)
        assert np.linalg.eigvalsh(2 / 40 * gradients.T @ gradients)[0] >= -1e-12


def _starts():
    runs = [network_descent(x, Y_NET, start, 0.05, 300) for start in ((0.85, -1.2), (0.9, -1.2), (0.95, -1.2))]
    plateaus = [int(np.sum(run.costs > 1)) for run in runs]
    closest = [run.weights[np.argmin(np.linalg.norm(run.weights, axis=1))] for run in runs]
    return runs, plateaus, closest


def test_claim_the_middle_start_waits_more_than_three_times_as_long_and_the_neighbours_part():
    runs, plateaus, closest = _starts()
    assert plateaus == [16, 64, 19] and plateaus[1] > 3 * max(plateaus[0], plateaus[2])
    distances = [round(float(np.linalg.norm(point)), 3) for point in closest]
    assert distances == [0.404, 0.012, 0.407]
    # the neighbours pass the saddle on opposite sides of the rising line w2 = -w1 ...
    assert np.sign(closest[0].sum()) != np.sign(closest[2].sum())
    # ... and end in opposite valleys
    ends = [run.weights[-1] for run in runs]
    assert np.sign(ends[0][0]) != np.sign(ends[2][0])
    assert [f"({end[0]:+.2f}, {end[1]:+.2f})" for end in ends] == ["(-0.96, -1.50)", "(-0.98, -1.49)",
                                                                   "(+0.98, +1.49)"]


def test_claim_the_slider_defaults_to_the_middle_start_with_steps_of_0_05():
    explorer = network_landscape_explorer()
    controls = explorer.controls
    assert (controls["start_w1"].value, controls["start_w2"].value) == DESCENT_START == (0.9, -1.2)
    assert controls["start_w1"].step == 0.05 and controls["learning_rate"].value == DESCENT_LEARNING_RATE
    assert "one slider step (0.05) apart" in PROSE


def test_claim_the_start_minus_2_2_is_in_the_shaded_region_far_from_both_valleys():
    assert np.linalg.eigvalsh(network_hessian(x, Y_NET, (-2.0, 2.0)))[0] < 0
    assert min(np.linalg.norm(np.array([-2.0, 2.0]) - MINIMUM), np.linalg.norm(np.array([-2.0, 2.0]) + MINIMUM)) > 2


def test_claim_the_only_critical_points_are_the_two_minima_and_the_origin():
    """For fixed w1 != 0, J is a parabola in w2; its best w2 gives a profile in w1 whose critical points
    are those of J. The profile falls then rises on (0, 30]: one minimum, no other critical point.
    On the line w1 = 0, dJ/dw1 = -(2/m) w2 sum x y vanishes only at w2 = 0, the origin."""
    w1 = np.linspace(1e-3, 30.0, 30001)
    t = np.tanh(w1[:, None] * x[:, 0][None, :])
    best_w2 = (t @ Y_NET[:, 0]) / np.sum(t**2, axis=1)
    profile = np.mean((Y_NET[:, 0][None, :] - best_w2[:, None] * t) ** 2, axis=1)
    slopes = np.sign(np.diff(profile))
    assert np.sum(slopes[1:] != slopes[:-1]) == 1
    assert w1[np.argmin(profile)] == pytest.approx(MINIMUM[0], abs=0.01)
    assert np.sum(x * Y_NET) != 0
    assert "| saddle points | none | one, the origin |" in PROSE
    assert "| minima | one bowl | two mirror images |" in PROSE


def test_claim_cross_references_and_the_next_notebook():
    folder = NOTEBOOK.parent
    assert "notebooks 09 (mini-batches) and 10 (momentum)" in PROSE
    assert (folder / "09_minibatch_descent.ipynb").exists()
    assert (folder / "10_momentum.ipynb").exists()
    assert "Next: `12_tailoring_mse.ipynb`" in PROSE and (folder / "12_tailoring_mse.ipynb").exists()
    assert "the middle start of section 4" in PROSE and "## 4. Gradient descent on this landscape" in PROSE
