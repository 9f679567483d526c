"""The claims of notebook 12 (tailoring MSE), each computed with gdlib and the lesson's settings and
compared with the number or the statement its prose makes. The numbers typed here are the prose's."""

import json
from functools import cache
from pathlib import Path

import numpy as np
import pytest

import gdlib
from gdlib.exercises.tailoring_mse import masked_mse_gradients_reference
from gdlib.lessons.tailoring_mse import (
    TRUE_BETA,
    exercises,
    expert_commands,
    heatmap_scene,
    line_data,
    masked_learning_rate,
    two_channel_data,
)
from gdlib.plots.tailoring_mse import REPLICATIONS
from gdlib.tailoring import (
    fit_heatmap_center,
    heatmap_cost,
    heatmap_gradient,
    inverse_sqrt,
    observed_mask,
    shared_line_fit,
    weighted_line_fits,
)

NOTEBOOK = Path(__file__).resolve().parent.parent / "notebooks" / "12_tailoring_mse.ipynb"
SIGMA = np.array([[1.0, 1.2], [1.2, 4.0]])
W_COST = np.diag([10.0, 1.0])


def standard_error(values):
    return values.std() / np.sqrt(values.size)


# --- 1. the masked MSE ------------------------------------------------------------------------

@cache
def one_masked_data_set():
    x, Y = line_data(replications=1, m=100, seed=1)
    weights = (np.random.default_rng(2).uniform(size=(1, 100)) >= 0.4).astype(float)
    return x, Y, weights


def test_60_of_100_targets_observed_and_gradient_descent_reaches_the_closed_form_line():
    x, Y, weights = one_masked_data_set()
    assert weights.sum() == 60
    learning_rate = masked_learning_rate(x.T, weights.T)
    fit = gdlib.gradient_descent(x.T, Y.T, learning_rate, 20_000, loss=gdlib.losses.weighted_mse(weights.T))
    alpha, beta = weighted_line_fits(x, Y, weights)
    # printed: alpha = 1.8751, beta = 0.5060 both ways
    assert round(fit.alpha[0, 0], 4) == round(alpha[0], 4) == 1.8751
    assert round(fit.beta[0, 0], 4) == round(beta[0], 4) == 0.5060


def test_the_learning_rate_is_90_percent_of_the_critical_rate_and_descent_diverges_above_it():
    x, Y, weights = one_masked_data_set()
    rate = masked_learning_rate(x.T, weights.T)
    critical = rate / 0.9
    loss = gdlib.losses.weighted_mse(weights.T)
    above = gdlib.gradient_descent(x.T, Y.T, 1.05 * critical, 3_000, loss=loss)
    below = gdlib.gradient_descent(x.T, Y.T, 0.95 * critical, 3_000, loss=loss)
    assert abs(below.beta[0, 0]) < 1 and abs(above.beta[0, 0]) > 1000


def test_the_masked_mse_is_weighted_mse_with_0_1_weights_divided_by_all_m():
    x, Y, weights = one_masked_data_set()
    prediction = np.full((100, 1), 3.0)
    kept = weights[0] == 1
    expected = np.sum((Y[0, kept] - 3.0) ** 2) / 100  # by all m = 100, not by the 60 observed
    assert gdlib.losses.weighted_mse(weights.T).value(Y.T, prediction) == pytest.approx(expected)


def worked_solution(X, Y, mask, alpha, beta):
    """The notebook's worked solution, as written there."""
    m = X.shape[0]
    residuals = mask * (Y - (alpha + X @ beta.T))
    d_alpha = -(2 / m) * residuals.sum(axis=0, keepdims=True)
    d_beta = -(2 / m) * residuals.T @ X
    return d_alpha, d_beta


def test_a_missing_targets_finite_value_does_not_matter_but_a_nan_spoils_the_sums():
    rng = np.random.default_rng(0)
    X, Y = rng.normal(size=(6, 2)), rng.normal(size=(6, 1))
    mask = np.array([[1.0], [0.0], [1.0], [1.0], [0.0], [1.0]])
    alpha, beta = np.array([[0.3]]), np.array([[0.5, -1.0]])
    stored = Y.copy()
    stored[mask[:, 0] == 0] = 1e6
    for got, want in zip(worked_solution(X, stored, mask, alpha, beta),
                         masked_mse_gradients_reference(X, Y, mask, alpha, beta), strict=True):
        np.testing.assert_allclose(got, want)
    stored[mask[:, 0] == 0] = np.nan
    with np.errstate(invalid="ignore"):
        d_alpha, d_beta = worked_solution(X, stored, mask, alpha, beta)
    assert np.isnan(d_alpha).all() and np.isnan(d_beta).all()
    assert np.isnan(0.0 * np.nan)


# --- when is leaving them out safe? -----------------------------------------------------------

@cache
def missingness_table():
    """{name: (share missing, slopes (4000,))} for the notebook's four masks."""
    x, Y = line_data(replications=4000, m=60, seed=3)
    uniforms = np.random.default_rng(4).uniform(size=x.shape)
    masks = {
        "none missing": np.ones_like(x, dtype=bool),
        "MCAR": observed_mask(Y, 0.0, 0.4, uniforms),
        "MAR on x": observed_mask(x, 2.0, 0.4, uniforms),
        "MNAR": observed_mask(Y, 2.0, 0.4, uniforms),
    }
    return {name: (np.mean(~observed), weighted_line_fits(x, Y, observed.astype(float))[1])
            for name, observed in masks.items()}


def test_mcar_and_mar_on_x_are_unbiased_and_land_where_the_full_data_do():
    table = missingness_table()
    full = table["none missing"][1]
    for name in ("none missing", "MCAR", "MAR on x"):
        slopes = table[name][1]
        assert abs(slopes.mean() - TRUE_BETA) < 2 * standard_error(slopes), name  # within two SE
        assert abs(slopes.mean() - full.mean()) < 0.0002, name
    # the figure for MAR on x: 0.5002 +- 0.0013 in another simulation; here 0.5014 +- 0.0013
    assert standard_error(table["MAR on x"][1]) == pytest.approx(0.0013, abs=0.00005)


def test_missing_data_only_spread_the_slopes_more_mar_most():
    table = missingness_table()
    spreads = [table[name][1].std() for name in ("none missing", "MCAR", "MAR on x")]
    assert spreads[0] < spreads[1] < spreads[2]


def test_the_shares_missing_are_the_printed_40_44_44_percent():
    table = missingness_table()
    assert [round(100 * table[name][0]) for name in ("none missing", "MCAR", "MAR on x", "MNAR")] == [0, 40, 44, 44]


def test_mnar_pulls_the_slope_to_042_more_than_60_standard_errors_low():
    slopes = missingness_table()["MNAR"][1]
    assert round(slopes.mean(), 2) == 0.42
    assert (TRUE_BETA - slopes.mean()) / standard_error(slopes) > 60


def test_under_mnar_the_survivors_at_the_right_end_are_mostly_below_the_line():
    x, Y = line_data(replications=4000, m=60, seed=3)
    uniforms = np.random.default_rng(4).uniform(size=x.shape)
    observed = observed_mask(Y, 2.0, 0.4, uniforms)
    below = Y < 2.0 + TRUE_BETA * x
    assert below[observed & (x > 7)].mean() > 0.7
    assert below[observed & (x < 3)].mean() < 0.6  # much less so where targets are small


def test_mar_on_x_moves_the_fit_only_when_the_model_is_wrong():
    """A straight line fitted through a curve: MAR on x changes which part of the curve it sees."""
    x, _ = line_data(replications=4000, m=60, seed=3)
    curve = 2 + 0.5 * x + 0.1 * (x - 5) ** 2 + np.random.default_rng(9).normal(size=x.shape)
    uniforms = np.random.default_rng(4).uniform(size=x.shape)
    full = weighted_line_fits(x, curve)[1]
    mcar = weighted_line_fits(x, curve, observed_mask(x, 0.0, 0.4, uniforms).astype(float))[1]
    mar = weighted_line_fits(x, curve, observed_mask(x, 2.0, 0.4, uniforms).astype(float))[1]
    assert abs(mcar.mean() - full.mean()) < 3 * standard_error(mcar)
    assert full.mean() - mar.mean() > 50 * standard_error(mar)


def slider_slopes(strength, missing_share, depends_on):
    """The 400 slopes of the slider figure's histogram (the same data and draws as the figure)."""
    x, Y = line_data(REPLICATIONS, 100, 10)
    uniforms = np.random.default_rng(11).uniform(size=Y.shape)
    observed = observed_mask(Y if depends_on == "y" else x, strength, missing_share, uniforms)
    return weighted_line_fits(x, Y, observed.astype(float))[1]


def test_the_sliders_depending_on_y_shift_the_slopes_left_and_on_x_only_widen_them():
    at_zero = slider_slopes(0.0, 0.4, "y")
    assert abs(at_zero.mean() - TRUE_BETA) < 2 * standard_error(at_zero)  # strength 0: centred
    means_y = [slider_slopes(s, 0.4, "y").mean() for s in (0.0, 1.0, 2.0, 3.0, 4.0)]
    assert all(later < earlier for earlier, later in zip(means_y, means_y[1:], strict=False))
    for share in (0.1, 0.4, 0.8):
        spreads = []
        for strength in (0.0, 1.0, 2.0, 3.0, 4.0):
            slopes = slider_slopes(strength, share, "x")
            assert abs(slopes.mean() - at_zero.mean()) < 3 * standard_error(slopes)
            spreads.append(slopes.std())
        assert spreads[-1] > spreads[0]
    # the default strength 2 shows a clearly biased slope
    assert TRUE_BETA - slider_slopes(2.0, 0.4, "y").mean() > 0.05


# --- 2. weights per example -------------------------------------------------------------------

@cache
def noisy_fits():
    x, Y = line_data(4000, 60, seed=5, noise=0.2, noise_growth=0.3)
    sigma = 0.2 + 0.3 * x
    return x, Y, sigma


def test_noise_grows_from_02_to_32_so_weights_fall_up_to_256_fold():
    x, _, sigma = noisy_fits()
    assert sigma.min() >= 0.2 and sigma.max() <= 3.2
    assert sigma.min() == pytest.approx(0.2, abs=1e-3) and sigma.max() == pytest.approx(3.2, abs=1e-3)
    assert (3.2 / 0.2) ** 2 == 256


def test_both_fits_are_unbiased_and_the_weighted_one_spreads_about_a_third_less():
    x, Y, sigma = noisy_fits()
    plain = weighted_line_fits(x, Y)[1]
    weighted = weighted_line_fits(x, Y, 1 / sigma**2)[1]
    for slopes in (plain, weighted):
        assert abs(slopes.mean() - TRUE_BETA) < 2 * standard_error(slopes)
        assert standard_error(slopes) <= 0.0015
    # printed: 0.0934 and 0.0592
    assert round(plain.std(), 4) == 0.0934 and round(weighted.std(), 4) == 0.0592
    assert 0.6 < weighted.std() / plain.std() < 0.72


def test_no_other_weights_give_a_smaller_spread():
    """On every data set, the exact variance of the weighted slope, sum_i c_i^2 sigma_i^2 with the
    fit's linear coefficients c_i, is smallest for w = 1/sigma^2."""
    x, _, sigma = noisy_fits()
    x, sigma = x[:200], sigma[:200]

    def slope_variance(weights):
        x_mean = (weights * x).sum(axis=1, keepdims=True) / weights.sum(axis=1, keepdims=True)
        c = weights * (x - x_mean) / (weights * (x - x_mean) ** 2).sum(axis=1, keepdims=True)
        return (c**2 * sigma**2).sum(axis=1)

    best = slope_variance(1 / sigma**2)
    for power in (0.0, 1.0, 1.5, 2.5, 3.0, 4.0):
        assert np.all(best <= slope_variance(sigma**-power) * (1 + 1e-12)), power


# --- 3. the heatmap ---------------------------------------------------------------------------

def test_the_heatmap_scene_is_24_by_24_with_420_of_576_pixels_visible_and_a_brighter_blob():
    target, visibility, true_center = heatmap_scene()
    assert target.shape == visibility.shape == (24, 24) and visibility.size == 576
    assert visibility.sum() == 420
    np.testing.assert_array_equal(true_center, [9.0, 12.0])
    assert target[visibility == 0].max() == pytest.approx(1.5, abs=0.01)  # brighter than the joint's 1
    assert target[visibility == 1].max() == pytest.approx(1.0)


def test_the_heatmap_gradient_matches_finite_differences_to_ten_decimals():
    target, visibility, _ = heatmap_scene()
    point = np.array([10.3, 11.2])
    analytic = heatmap_gradient(point, target, visibility, 2.5)
    numeric = gdlib.numerical_gradient(lambda c: heatmap_cost(c, target, visibility, 2.5), point)
    assert np.array_equal(np.round(analytic, 10), np.round(numeric, 10))


def hessian(cost, point, h=1e-4):
    """Central-difference Hessian of a function of two variables."""
    steps = np.eye(2) * h
    return np.array([[(cost(point + a + b) - cost(point + a - b) - cost(point - a + b) + cost(point - a - b))
                      / (4 * h * h) for b in steps] for a in steps])


def test_the_fits_and_the_learning_rate_200_below_the_critical_rates_370_and_220():
    target, visibility, true_center = heatmap_scene()
    every_pixel = np.ones_like(visibility)
    plain = fit_heatmap_center(target, every_pixel, (11.5, 11.5), 2.5, 200.0, 300)[-1]
    masked = fit_heatmap_center(target, visibility, (11.5, 11.5), 2.5, 200.0, 300)[-1]
    np.testing.assert_allclose(masked, true_center, atol=1e-3)
    assert list(np.round(plain, 2)) == [13.70, 9.24]
    assert np.linalg.norm(plain - np.array([14.0, 9.0])) < 0.5  # dragged to the blob at (14, 9)
    at_joint = hessian(lambda c: heatmap_cost(c, target, visibility, 2.5), true_center)
    at_plain_end = hessian(lambda c: heatmap_cost(c, target, every_pixel, 2.5), plain)
    critical_joint = 2 / np.linalg.eigvalsh(at_joint).max()
    critical_plain = 2 / np.linalg.eigvalsh(at_plain_end).max()
    assert critical_joint == pytest.approx(370, rel=0.03) and critical_plain == pytest.approx(220, rel=0.03)
    assert 200 < min(critical_joint, critical_plain)


# --- 4. GLS -----------------------------------------------------------------------------------

def test_the_channels_correlate_at_06_and_whitening_whitens():
    assert SIGMA[0, 1] / np.sqrt(SIGMA[0, 0] * SIGMA[1, 1]) == pytest.approx(0.6)
    P = inverse_sqrt(SIGMA)
    np.testing.assert_allclose(P, [[1.2223, -0.2619], [-0.2619, 0.5675]], atol=5e-5)
    np.testing.assert_allclose(P, P.T)
    np.testing.assert_allclose(P @ P, np.linalg.inv(SIGMA), atol=1e-12)
    np.testing.assert_allclose(P @ SIGMA @ P.T, np.eye(2), atol=1e-12)
    r = np.array([0.7, -1.9])
    assert r @ np.linalg.inv(SIGMA) @ r == pytest.approx(np.sum((P @ r) ** 2))


@cache
def gls_data():
    return two_channel_data(SIGMA, replications=4000, m=60, seed=6)


def test_the_gls_closed_form_agrees_with_plain_least_squares_on_the_whitened_problem():
    x, Y = gls_data()
    x_set, Y_set = x[0], Y[0]
    P = inverse_sqrt(SIGMA)
    alpha, beta = shared_line_fit(x_set, Y_set, np.linalg.inv(SIGMA))
    rows = np.concatenate([np.outer(P @ np.ones(2), [1.0, xi]) for xi in x_set])
    white = np.linalg.lstsq(rows, (Y_set @ P.T).reshape(-1), rcond=None)[0]
    assert f"{alpha:.6f} {beta:.6f}" == "2.495338 0.435872"
    np.testing.assert_allclose(white, [alpha, beta], rtol=1e-10)


def test_gls_is_centred_and_spreads_about_a_quarter_less():
    x, Y = gls_data()
    plain = shared_line_fit(x, Y)[1]
    gls = shared_line_fit(x, Y, np.linalg.inv(SIGMA))[1]
    for slopes in (plain, gls):
        assert abs(slopes.mean() - TRUE_BETA) < 2 * standard_error(slopes)
    assert round(plain.std(), 4) == 0.0612 and round(gls.std(), 4) == 0.0450
    assert 0.7 < gls.std() / plain.std() < 0.8
    # the ratio of the averages' noise variances explains it: sqrt(0.98 / 1.85) = 0.73
    assert np.sqrt(0.9846 / 1.85) == pytest.approx(0.73, abs=0.005)
    assert gls.std() / plain.std() == pytest.approx(0.73, abs=0.01)


def test_the_channel_weights_and_the_noise_of_each_average():
    weights_plain = np.ones(2) / 2
    W = np.linalg.inv(SIGMA)
    weights_gls = W.sum(axis=0) / W.sum()
    np.testing.assert_allclose(weights_gls, [1.0769, -0.0769], atol=5e-5)
    assert weights_plain @ SIGMA @ weights_plain == pytest.approx(1.85)
    gls_variance = weights_gls @ SIGMA @ weights_gls
    assert gls_variance == pytest.approx(0.9846, abs=5e-5)
    assert gls_variance < min(SIGMA[0, 0], SIGMA[1, 1])  # less noisy than either channel
    assert gls_variance < 0.55 * 1.85  # about half the plain average's
    # the least noisy of all averages c y_1 + (1 - c) y_2
    c = np.linspace(-1, 2, 30001)
    variances = c**2 * SIGMA[0, 0] + 2 * c * (1 - c) * SIGMA[0, 1] + (1 - c) ** 2 * SIGMA[1, 1]
    assert c[np.argmin(variances)] == pytest.approx(weights_gls[0], abs=1e-4)


def test_a_shared_line_fits_the_weighted_average_of_the_channels():
    x, Y = gls_data()
    W = np.linalg.inv(SIGMA)
    average = Y[:5] @ W.sum(axis=0) / W.sum()
    np.testing.assert_allclose(shared_line_fit(x[:5], Y[:5], W), weighted_line_fits(x[:5], average))


# --- 5. W for cost ----------------------------------------------------------------------------

def shared_fit_table():
    x, expert = expert_commands()
    rows = {}
    for name, W in {"plain MSE": np.eye(2), "W-weighted": W_COST}.items():
        alpha, beta = shared_line_fit(x, expert, W)
        residuals = expert - (alpha + beta * x)[:, None]
        rows[name] = (np.sqrt(np.mean(residuals**2, axis=0)),
                      np.mean(np.sum(residuals @ W_COST * residuals, axis=1)))
    return rows


def test_the_expert_commands_are_the_two_stated_lines_plus_small_noise():
    x, expert = expert_commands()
    assert x.shape == (50,) and expert.shape == (50, 2) and np.all(np.diff(x) >= 0)
    noise = expert - np.column_stack([1.0 + 0.8 * x, 0.5 + 1.1 * x])
    assert 0.07 < noise.std() < 0.13


def test_the_weighted_fit_follows_joint_1_and_costs_about_a_third():
    rows = shared_fit_table()
    (plain_rms, plain_cost), (weighted_rms, weighted_cost) = rows["plain MSE"], rows["W-weighted"]
    np.testing.assert_allclose(plain_rms, [0.6683, 0.6661], atol=5e-5)
    np.testing.assert_allclose(weighted_rms, [0.1548, 1.2048], atol=5e-5)
    assert weighted_rms[0] < plain_rms[0] and weighted_rms[1] > plain_rms[1]
    assert 0.3 < weighted_cost / plain_cost < 0.37


def test_with_a_line_per_joint_the_residuals_are_not_zero_but_A_transpose_R_is():
    x, expert = expert_commands()
    A = np.column_stack([np.ones(50), x])
    Theta = np.linalg.lstsq(A, expert, rcond=None)[0]
    residuals = expert - A @ Theta
    rms = np.sqrt(np.mean(residuals**2, axis=0))
    assert np.all((rms > 0.07) & (rms < 0.12))  # "about 0.1": the lines do not fit perfectly
    assert np.abs(A.T @ residuals).max() < 1e-9 * np.abs(A.T @ expert).max()
    gradient = -2 / 50 * A.T @ residuals @ W_COST
    assert f"{np.abs(gradient).max():.6f}" == "0.000000"
    assert round(np.abs(A.T @ expert).max(), 1) == 1931.9


@pytest.mark.parametrize("W", [np.diag([10.0, 1.0]), np.array([[2.0, 0.9], [0.9, 1.0]]), np.diag([1e-3, 5.0])])
def test_any_positive_definite_W_gives_the_separate_plain_lines(W):
    """The W-weighted normal equations of vec(Y) = (I_2 kron A) vec(Theta) solve to the plain lines;
    for one shared line, the same W changes the answer."""
    x, expert = expert_commands()
    A = np.column_stack([np.ones(50), x])
    design = np.kron(np.eye(2), A)
    weight = np.kron(W, np.eye(50))
    targets = expert.T.reshape(-1)
    theta_W = np.linalg.solve(design.T @ weight @ design, design.T @ weight @ targets)
    theta_plain = np.linalg.lstsq(A, expert, rcond=None)[0].T.reshape(-1)
    np.testing.assert_allclose(theta_W, theta_plain, rtol=1e-9)
    # J_W is a bowl: its Hessian (2/m) W kron A^T A is positive definite
    assert np.linalg.eigvalsh(2 / 50 * np.kron(W, A.T @ A)).min() > 0
    shared_W, shared_plain = shared_line_fit(x, expert, W), shared_line_fit(x, expert)
    assert not np.allclose(shared_W, shared_plain, rtol=1e-3)


# --- the exercises and the notebook itself -----------------------------------------------------

def saved_outputs():
    cells = json.loads(NOTEBOOK.read_text())["cells"]
    return "\n".join("".join(output.get("text", "")) + "".join(output.get("data", {}).get("text/plain", ""))
                     for cell in cells for output in cell.get("outputs", []))


def test_no_exercise_answer_is_printed_above_it():
    checks = exercises()
    outputs = saved_outputs()
    assert checks["masked slope"].feedback(19 / 14)[0] and "1.357" not in outputs
    assert checks["channel weights"].feedback([0.8, 0.2])[0]
    assert "0.8000" not in outputs and "0.2000" not in outputs
    assert checks["shared slope"].feedback(2.0)[0] and "slope 2.0" not in outputs


def test_the_notebook_ends_by_naming_the_next_one():
    cells = json.loads(NOTEBOOK.read_text())["cells"]
    assert "".join(cells[-1]["source"]).startswith("Next: `13_knowledge_in_the_loss.ipynb`")
