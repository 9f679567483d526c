"""Notebook 12's machinery: weighted line fits, GLS and whitening, the masked heatmap, the sliders."""

import numpy as np
import pytest
from slider_checks import check_slider_figure

import gdlib
from gdlib.lessons.tailoring_mse import exercises, heatmap_scene, line_data, masked_learning_rate
from gdlib.tailoring import (
    fit_heatmap_center,
    gaussian_heatmap,
    heatmap_cost,
    heatmap_gradient,
    inverse_sqrt,
    observed_mask,
    shared_line_fit,
    weighted_line_fits,
)
from gdlib.widgets.tailoring_mse import missing_targets_explorer


def test_weighted_line_fits_match_lstsq_on_each_data_set():
    rng = np.random.default_rng(0)
    x, Y, weights = rng.normal(size=(3, 8)), rng.normal(size=(3, 8)), rng.uniform(0.1, 2.0, size=(3, 8))
    a, b = weighted_line_fits(x, Y, weights)
    for i in range(3):
        root = np.sqrt(weights[i])
        A = np.column_stack([root, root * x[i]])
        expected = np.linalg.lstsq(A, root * Y[i], rcond=None)[0]
        np.testing.assert_allclose([a[i], b[i]], expected)


def test_a_zero_weight_is_the_same_as_dropping_the_example():
    x, Y = np.array([0.0, 1.0, 2.0, 3.0]), np.array([1.0, 2.0, 2.0, 5.0])
    a, b = weighted_line_fits(x, Y, np.array([1.0, 1.0, 0.0, 1.0]))
    # through (0, 1), (1, 2), (3, 5): x mean 4/3, y mean 8/3, slope (sum dx dy) / (sum dx^2) = 19/3 / 14/3
    assert b == pytest.approx(19 / 14) and a == pytest.approx(8 / 3 - 19 / 14 * 4 / 3)


def test_weighted_mse_loss_in_gradient_descent_reaches_the_weighted_fit():
    rng = np.random.default_rng(1)
    x = rng.uniform(-1, 1, size=30)
    Y = 1 + 2 * x + rng.normal(size=30)
    weights = rng.uniform(0.0, 1.0, size=30)
    fit = gdlib.gradient_descent(x[:, None], Y, 0.5, 5_000, loss=gdlib.losses.weighted_mse(weights))
    a, b = weighted_line_fits(x, Y, weights)
    np.testing.assert_allclose([fit.alpha[0, 0], fit.beta[0, 0]], [a, b], atol=1e-8)
    numeric = gdlib.numerical_gradient(lambda p: gdlib.losses.weighted_mse(weights).value(Y, p), np.zeros((30, 1)))
    np.testing.assert_allclose(gdlib.losses.weighted_mse(weights).gradient(Y, np.zeros(30)), numeric, atol=1e-8)


def test_whitening_matrix_whitens():
    Sigma = np.array([[2.0, 0.6, 0.1], [0.6, 1.0, 0.3], [0.1, 0.3, 0.5]])
    P = inverse_sqrt(Sigma)
    np.testing.assert_allclose(P @ Sigma @ P.T, np.eye(3), atol=1e-12)
    np.testing.assert_allclose(P, P.T)


def test_shared_line_fit_matches_generalized_least_squares_normal_equations():
    rng = np.random.default_rng(2)
    x, Y = rng.uniform(0, 10, size=20), rng.normal(size=(20, 3))
    W = np.array([[3.0, 0.5, 0.0], [0.5, 1.0, 0.2], [0.0, 0.2, 2.0]])
    design = np.concatenate([np.outer(np.ones(3), [1.0, xi]) for xi in x])  # (3m, 2)
    weight = np.kron(np.eye(20), W)
    expected = np.linalg.solve(design.T @ weight @ design, design.T @ weight @ Y.reshape(-1))
    np.testing.assert_allclose(shared_line_fit(x, Y, W), expected)
    np.testing.assert_allclose(shared_line_fit(x, Y, W=W), expected)
    np.testing.assert_allclose(shared_line_fit(x, Y), weighted_line_fits(x, Y.mean(axis=1)))


def test_observed_mask_rates():
    rng = np.random.default_rng(3)
    Y = rng.normal(size=(200, 100))
    uniforms = rng.uniform(size=Y.shape)
    mcar = observed_mask(Y, 0.0, 0.3, uniforms)
    assert np.mean(~mcar) == pytest.approx(0.3, abs=0.01)
    mnar = observed_mask(Y, 3.0, 0.3, uniforms)
    assert Y[mnar].mean() < Y[~mnar].mean() - 1  # large targets go missing
    x = rng.uniform(0.0, 10.0, size=Y.shape)
    mar = observed_mask(x, 3.0, 0.3, uniforms)  # depends on x: large x go missing
    assert x[mar].mean() < x[~mar].mean() - 2
    assert Y[mar].mean() == pytest.approx(Y[~mar].mean(), abs=0.05)  # and not on Y
    np.testing.assert_array_equal(observed_mask(x, 0.0, 0.3, uniforms), mcar)  # strength 0: MCAR


def test_heatmap_gradient_matches_finite_differences_and_the_mask_recovers_the_joint():
    target, visibility, true_center = heatmap_scene()
    assert gaussian_heatmap(true_center, 24, 2.5)[12, 9] == pytest.approx(1.0)  # row 12, column 9
    for point in ([10.3, 11.2], [5.0, 18.0], [14.0, 9.5]):
        numeric = gdlib.numerical_gradient(lambda c: heatmap_cost(c, target, visibility, 2.5), np.array(point))
        np.testing.assert_allclose(heatmap_gradient(point, target, visibility, 2.5), numeric, atol=1e-10)
    masked = fit_heatmap_center(target, visibility, (11.5, 11.5), 2.5, 200.0, 300)[-1]
    plain = fit_heatmap_center(target, np.ones_like(visibility), (11.5, 11.5), 2.5, 200.0, 300)[-1]
    np.testing.assert_allclose(masked, true_center, atol=1e-3)
    assert np.linalg.norm(plain - true_center) > 3


def test_bad_inputs_are_named():
    with pytest.raises(ValueError, match="weights must have the shape"):
        weighted_line_fits(np.zeros(4), np.zeros(4), np.zeros(3))
    with pytest.raises(ValueError, match="weights must not be all 0"):
        weighted_line_fits(np.arange(4.0), np.zeros(4), np.zeros(4))
    with pytest.raises(ValueError, match="Sigma must be positive definite"):
        inverse_sqrt(np.array([[1.0, 2.0], [2.0, 1.0]]))
    with pytest.raises(ValueError, match="W must be \\(2, 2\\)"):
        shared_line_fit(np.arange(3.0), np.zeros((3, 2)), np.eye(3))
    with pytest.raises(ValueError, match="missing_share must be strictly between 0 and 1"):
        observed_mask(np.zeros(3), 1.0, 1.0, np.zeros(3))
    with pytest.raises(ValueError, match="weights must be >= 0 and not all 0"):
        gdlib.losses.weighted_mse([0.0, 0.0])


def test_exercises_accept_the_right_answers_and_reject_wrong_ones():
    checks = exercises()
    assert checks["masked slope"].feedback(19 / 14)[0] and not checks["masked slope"].feedback(1.2)[0]
    assert checks["channel weights"].feedback([0.8, 0.2])[0] and not checks["channel weights"].feedback([0.5, 0.5])[0]
    # averages 0.8*3 + 0.2*8 = 4 and 0.8*5 + 0.2*10 = 6: slope 2
    assert checks["shared slope"].feedback(2.0)[0] and not checks["shared slope"].feedback(2.5)[0]


def test_missing_targets_sliders_at_every_extreme():
    pictures = check_slider_figure(missing_targets_explorer())
    assert any("'depends_on': 'x'" in setting for setting in pictures)


def test_line_data_draws_the_noise_of_each_point_with_its_own_standard_deviation():
    x, Y = line_data(3, 50, seed=5, noise=0.2, noise_growth=0.3)
    rng = np.random.default_rng(5)  # the same draws, in the same order: x, then the normals
    np.testing.assert_array_equal(x, rng.uniform(0.0, 10.0, size=(3, 50)))
    np.testing.assert_allclose(Y, 2.0 + 0.5 * x + (0.2 + 0.3 * x) * rng.normal(size=(3, 50)))
    x_plain, Y_plain = line_data(3, 50, seed=5)  # default: noise of standard deviation 1
    np.testing.assert_allclose((Y - 2.0 - 0.5 * x) / (0.2 + 0.3 * x), Y_plain - 2.0 - 0.5 * x_plain)


def test_masked_learning_rate_is_the_fraction_of_the_critical_rate_of_the_kept_rows():
    rng = np.random.default_rng(4)
    X = rng.uniform(0.0, 10.0, size=(30, 2))
    weights = (rng.uniform(size=(30, 1)) > 0.3).astype(float)
    kept = weights[:, 0] == 1
    # the masked cost is (k/m) times the plain MSE of the k kept rows: its Hessian scales the same
    hessian = kept.mean() * gdlib.mse_hessian(X[kept])
    expected = 0.9 * 2 / np.linalg.eigvalsh(hessian).max()
    assert masked_learning_rate(X, weights) == pytest.approx(expected, rel=1e-12)
    assert masked_learning_rate(X, weights, fraction=0.5) == pytest.approx(expected / 0.9 * 0.5)
