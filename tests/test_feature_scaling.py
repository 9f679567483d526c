"""Notebook 06 (feature scaling): the house data, the scaling laws, the valley picture, the sliders, the exercises,
and one test for each claim the notebook's prose makes (the numbers typed here are the prose's)."""

import json
import math
from pathlib import Path

import numpy as np
import pytest
from slider_checks import check_slider_figure

import gdlib
from gdlib.lessons import feature_scaling as lesson
from gdlib.plots.feature_scaling import scaling_descent_view, scaling_laws_figure, valley_figure
from gdlib.widgets import figure_png
from gdlib.widgets.feature_scaling import scaling_explorer


@pytest.fixture(scope="module")
def houses():
    return lesson.house_prices()


def _saved_text(path: Path) -> str:
    """A notebook's sources and its saved text outputs (not its images), as one string."""
    parts = []
    for cell in json.loads(path.read_text())["cells"]:
        parts.append("".join(cell["source"]))
        for output in cell.get("outputs", []):
            parts.append("".join(output.get("text", "")))
            parts.append("".join(output.get("data", {}).get("text/plain", "")))
            parts.append("".join(output.get("data", {}).get("text/html", "")))
    return "\n".join(parts)


def _centred(X, Y):
    """X and Y minus their column means, each mean a plain sum over the examples divided by m
    (the test's own, not gdlib.plots.feature_scaling's)."""
    m = X.shape[0]
    means = [math.fsum(X[:, j]) / m for j in range(X.shape[1])]
    return X - np.array([means]), Y - math.fsum(Y[:, 0]) / m


def _least_squares(X, Y):
    A = np.hstack([np.ones((X.shape[0], 1)), X])
    coefficients = np.linalg.lstsq(A, Y, rcond=None)[0]
    return coefficients, float(np.mean((Y - A @ coefficients) ** 2))


# --- the data -----------------------------------------------------------------------------

def test_houses_have_the_documented_ranges_and_are_reproducible(houses):
    X, Y = houses
    assert X.shape == (50, 2) and Y.shape == (50, 1)
    assert set(np.unique(X[:, 0])) <= {1.0, 2.0, 3.0, 4.0, 5.0}
    assert 5_000 <= X[:, 1].min() and X[:, 1].max() <= 50_000
    X_again, Y_again = lesson.house_prices()
    np.testing.assert_array_equal(X, X_again)
    np.testing.assert_array_equal(Y, Y_again)
    assert not np.array_equal(lesson.house_prices(seed=6)[0], X)


def test_prices_follow_the_stated_rule_up_to_the_noise(houses):
    X, Y = houses
    coefficients, best_cost = _least_squares(X, Y)
    rule = np.array([[50.0], [30.0], [0.005]])
    # the residual spread is the noise (std 15); the weights land within a few standard errors of the rule
    assert 10 < math.sqrt(best_cost) < 20
    assert abs(coefficients[1, 0] - rule[1, 0]) < 5
    assert abs(coefficients[2, 0] - rule[2, 0]) < 0.001


def test_too_few_houses_are_refused():
    with pytest.raises(ValueError, match="m must be at least 3"):
        lesson.house_prices(m=2)


def test_scale_feature_multiplies_one_column_and_copies(houses):
    X, _ = houses
    scaled = lesson.scale_feature(X, 0.001)
    np.testing.assert_array_equal(scaled[:, 0], X[:, 0])
    np.testing.assert_allclose(scaled[:, 1], X[:, 1] / 1000, rtol=1e-15)
    assert scaled is not X and X[0, 1] > 5_000  # X unchanged
    with pytest.raises(ValueError, match="c must be a finite number greater than 0"):
        lesson.scale_feature(X, 0.0)
    with pytest.raises(ValueError, match="column must be a feature index"):
        lesson.scale_feature(X, 2.0, column=2)


def test_log_log_slope_recovers_powers():
    s = np.logspace(-2, 3, 7)
    assert lesson.log_log_slope(s, 3 * s**2) == pytest.approx(2.0, abs=1e-12)
    assert lesson.log_log_slope(s, -0.5 / s) == pytest.approx(-1.0, abs=1e-12)
    with pytest.raises(ValueError, match="non-zero"):
        lesson.log_log_slope(s, np.zeros_like(s))
    with pytest.raises(ValueError, match="same length"):
        lesson.log_log_slope(s, s[:-1])


# --- the scaling laws ----------------------------------------------------------------------

def test_mse_gradient_is_a_quadratic_in_s_and_mae_gradient_linear(houses):
    X, Y = houses
    m = X.shape[0]
    alpha, beta = np.zeros((1, 1)), np.array([[1.0, 1.0]])
    scales = np.logspace(0, 4, 9)
    mse_sizes, mae_sizes = [], []
    for s in scales:
        scaled = X * np.array([1.0, s])  # independent of scale_feature
        residual = Y[:, 0] - scaled @ beta[0]
        mse_sizes.append(-(2 / m) * residual @ scaled[:, 1])
        mae_sizes.append(-(1 / m) * np.sign(residual) @ scaled[:, 1])
        assert gdlib.mse_gradients(lesson.scale_feature(X, s), Y, alpha, beta)[1][0, 1] == pytest.approx(
            mse_sizes[-1], rel=1e-12)
    assert lesson.log_log_slope(scales, mse_sizes) == pytest.approx(2.0, abs=0.01)
    assert lesson.log_log_slope(scales, mae_sizes) == pytest.approx(1.0, abs=1e-9)
    # at beta_2 = 0 the error does not depend on s: the MSE gradient is exactly linear
    at_zero = [-(2 / m) * Y[:, 0] @ (s * X[:, 1]) for s in scales]
    assert lesson.log_log_slope(scales, at_zero) == pytest.approx(1.0, abs=1e-9)


def test_hessian_entry_grows_like_s_squared_and_critical_rate_falls_like_its_inverse(houses):
    X, _ = houses
    m = X.shape[0]
    base = (2 / m) * np.sum(X[:, 1] ** 2)
    for s in (1.0, 10.0, 1e3):
        hessian = gdlib.mse_hessian(lesson.scale_feature(X, s))
        assert hessian[2, 2] == pytest.approx(s**2 * base, rel=1e-12)
        assert gdlib.critical_learning_rate(lesson.scale_feature(X, s)) <= 2 / hessian[2, 2]
    rates = [gdlib.critical_learning_rate(lesson.scale_feature(X, s)) for s in (1e2, 1e4)]
    assert rates[0] / rates[1] == pytest.approx(1e4, rel=1e-6)


def test_condition_number_of_standardized_features_matches_the_correlation(houses):
    X, _ = houses
    Z, _, _ = gdlib.standardize(X)
    rho = abs(np.corrcoef(X[:, 0], X[:, 1])[0, 1])
    # H = 2 [[1, 0, 0], [0, 1, rho], [0, rho, 1]]: eigenvalues 2, 2 (1 - rho), 2 (1 + rho)
    assert lesson.condition_number(Z) == pytest.approx((1 + rho) / (1 - rho), rel=1e-10)


def test_iterations_to_reach_by_hand():
    costs = np.array([10.0, 4.0, 2.5, 2.0002, 2.00001])
    assert lesson.iterations_to_reach(costs, 2.0, 1e-3) == 3
    assert lesson.iterations_to_reach(costs, 2.0, 1e-5) == 4
    assert lesson.iterations_to_reach(costs, 2.0, 1e-6) is None


def test_standardized_fit_mapped_back_is_the_least_squares_fit(houses):
    X, Y = houses
    Z, mean, std = gdlib.standardize(X)
    fit = gdlib.gradient_descent(Z, Y, 0.5, 1_000, tolerance=1e-10)
    alpha, beta = gdlib.unstandardize_parameters(fit.alpha, fit.beta, mean, std)
    coefficients, _ = _least_squares(X, Y)
    np.testing.assert_allclose(np.hstack([alpha, beta]).T, coefficients, rtol=1e-9)


def test_standardized_features_need_few_iterations_and_raw_ones_many(houses):
    X, Y = houses
    _, best_cost = _least_squares(X, Y)
    Z, _, _ = gdlib.standardize(X)
    counts = {}
    for name, features in (("standardized", Z), ("acres", lesson.scale_feature(X, 1 / 43_560))):
        eigenvalues = np.linalg.eigvalsh(gdlib.mse_hessian(features))
        run = gdlib.gradient_descent(features, Y, 2 / (eigenvalues[0] + eigenvalues[-1]), 2_000)
        counts[name] = lesson.iterations_to_reach(run.costs, best_cost, 1e-6)
    assert counts["standardized"] <= 5 and 500 < counts["acres"] < 2_000


# --- the figures ---------------------------------------------------------------------------

def test_drawn_ellipses_are_level_sets_of_the_cost(houses):
    X, Y = houses
    figure = valley_figure(X, Y, [1e-3], ["1000 sq ft"], iterations=5)
    ax = figure.axes[0]
    Xc, Yc = _centred(lesson.scale_feature(X, 1e-3), Y)
    level_costs = []
    for line in ax.lines[:9]:  # the nine level sets come first
        points = np.column_stack(line.get_data())
        costs = [gdlib.mse_cost(Xc, Yc, 0.0, point) for point in points[::20]]
        assert np.ptp(costs) <= 1e-9 * max(costs)
        level_costs.append(costs[0])
    assert np.all(np.diff(level_costs) > 0)
    start_cost = gdlib.mse_cost(Xc, Yc, 0.0, np.zeros(2))
    assert level_costs[-1] == pytest.approx(start_cost, rel=1e-9)  # the outermost level passes through the start


def test_scaling_laws_figure_labels_each_line_with_its_slope():
    s = np.logspace(0, 2, 5)
    figure = scaling_laws_figure(s, {"square": s**2, "line": s}, {"inverse square": 1 / s**2})
    labels = [text.get_text() for ax in figure.axes for text in ax.get_legend().get_texts()]
    assert labels == ["square: slope 2.000", "line: slope 1.000", "inverse square: slope -2.000"]
    assert figure_png(figure).startswith(b"\x89PNG")


def test_explorer_at_every_extreme():
    check_slider_figure(scaling_explorer())


def test_explorer_warns_when_the_learning_rate_is_above_critical():
    explorer = scaling_explorer()

    def shown():
        return [text.get_text() for text in explorer.figure.axes[0].texts if text.get_visible()]

    explorer.controls["fraction_of_critical"].value = 1.2
    assert any("diverged" in text for text in shown())
    explorer.controls["fraction_of_critical"].value = 0.9
    assert not any("diverged" in text for text in shown())


def test_standardizing_makes_the_scale_irrelevant(houses):
    X, Y = houses
    figure, update = scaling_descent_view(X, Y)
    paths = []
    for scale in (1e-5, 1.0):
        update(scale=scale, fraction_of_critical=0.9, iterations=50, standardize=True)
        path = figure.axes[0].lines[9]  # after the nine level sets
        paths.append(np.column_stack(path.get_data()))
    np.testing.assert_allclose(paths[0], paths[1], rtol=1e-9, atol=1e-9)


def test_view_path_is_gradient_descent_at_the_stated_fraction(houses):
    X, Y = houses
    figure, update = scaling_descent_view(X, Y)
    update(scale=1e-3, fraction_of_critical=0.5, iterations=30, standardize=False)
    Xc, Yc = _centred(lesson.scale_feature(X, 1e-3), Y)
    run = gdlib.gradient_descent(Xc, Yc, 0.5 * gdlib.critical_learning_rate(Xc), 30)
    np.testing.assert_allclose(np.column_stack(figure.axes[0].lines[9].get_data()), run.betas, rtol=1e-12)


# --- the exercises -------------------------------------------------------------------------

def test_exercises_accept_independent_answers_and_reject_wrong_ones(houses):
    X, Y = houses
    exercises = lesson.exercises()
    assert exercises["square inches"].feedback(144**2)[0]
    assert not exercises["square inches"].feedback(144)[0]

    acres = X * np.array([1.0, 1 / 43_560])
    A = np.hstack([np.ones((X.shape[0], 1)), acres])
    critical = 2 / np.linalg.eigvalsh((2 / X.shape[0]) * A.T @ A)[-1]
    assert exercises["acres"].feedback(critical)[0]
    square_feet_critical = gdlib.critical_learning_rate(X)
    assert not exercises["acres"].feedback(square_feet_critical * 43_560**2)[0]  # the 1/s^2 rule fails here

    # The new house, 3 bedrooms and 20,000 sq ft, priced by the least squares fit on the raw features.
    coefficients, _ = _least_squares(X, Y)
    np.testing.assert_array_equal(lesson.NEW_HOUSE, [[3.0, 20_000.0]])
    price = (np.array([[1.0, 3.0, 20_000.0]]) @ coefficients).item()
    assert exercises["new house"].feedback(price)[0]
    assert not exercises["new house"].feedback(50 + 30 * 3 + 0.005 * 20_000)[0]  # the rule's price, not the fit's
    assert not exercises["new house"].feedback(coefficients[1, 0])[0]  # the old question: the bedroom weight
    mean, std = X.mean(axis=0), X.std(axis=0)
    z_weights = coefficients[1:, 0] * std  # the standardized fit: beta_z = beta * std
    z_bias = coefficients[0, 0] + mean @ coefficients[1:, 0]
    assert np.isclose(z_bias + ((lesson.NEW_HOUSE[0] - mean) / std) @ z_weights, price)
    assert not exercises["new house"].feedback(z_bias + lesson.NEW_HOUSE[0] @ z_weights)[0]  # not standardized
    sample_std = X.std(axis=0, ddof=1)
    assert not exercises["new house"].feedback(z_bias + ((lesson.NEW_HOUSE[0] - mean) / sample_std) @ z_weights)[0]
    assert not exercises["new house"].feedback(None)[0]


def test_no_exercise_answer_is_printed_in_the_notebook():
    path = Path(__file__).resolve().parent.parent / "notebooks" / "06_feature_scaling.ipynb"
    text = _saved_text(path)
    for exercise in lesson.exercises().values():
        answer = float(exercise._answer)
        for digits in (4, 5, 6):
            assert f"{answer:.{digits}g}" not in text, (exercise.name, answer)


def test_exercise_texts_hold(houses):
    X, Y = houses
    # Exercise 3: the table's rate for acres, 2 / (λmin + λmax), is lower than the critical rate asked for.
    eigenvalues = np.linalg.eigvalsh(gdlib.mse_hessian(lesson.scale_feature(X, 1 / lesson.SQUARE_FEET_PER_ACRE)))
    assert 2 / (eigenvalues[0] + eigenvalues[-1]) < 2 / eigenvalues[-1]
    # Exercise 4: the fit mapped back to square feet gives the price the standardized fit gives.
    Z, mean, std = gdlib.standardize(X)
    fit = gdlib.gradient_descent(Z, Y, 0.5, 1_000, tolerance=1e-10)
    alpha_raw, beta_raw = gdlib.unstandardize_parameters(fit.alpha, fit.beta, mean, std)
    assert lesson.exercises()["new house"].feedback(gdlib.predict(lesson.NEW_HOUSE, alpha_raw, beta_raw).item())[0]
    assert lesson.exercises()["new house"].feedback(
        gdlib.predict((lesson.NEW_HOUSE - mean) / std, fit.alpha, fit.beta).item())[0]
    assert lesson.NEW_HOUSE.std(axis=0).max() == 0  # one house has no spread of its own


# --- the claims of the prose, one test each (numbers typed as the notebook states them) ------

def _centred_kappa(X, c):
    X_c = lesson.scale_feature(X, c)
    return lesson.condition_number(X_c - X_c.mean(axis=0), bias=False)


def test_claim_the_lot_size_spreads_about_8000_times_as_much(houses):
    X, _ = houses
    ratio = X[:, 1].std() / X[:, 0].std()
    assert round(ratio, -3) == 8_000


def test_claim_a_new_unit_divides_the_weight_and_keeps_the_predictions(houses):
    X, Y = houses
    coefficients, _ = _least_squares(X, Y)
    thousands, _ = _least_squares(X * np.array([1.0, 1e-3]), Y)
    assert thousands[2, 0] == pytest.approx(1000 * coefficients[2, 0], rel=1e-9)
    assert f"{thousands[2, 0]:.4f}" == "5.0679" and f"{coefficients[2, 0]:.6f}" == "0.005068"
    A = np.hstack([np.ones((50, 1)), X])
    A_thousands = np.hstack([np.ones((50, 1)), X * np.array([1.0, 1e-3])])
    np.testing.assert_allclose(A_thousands @ thousands, A @ coefficients, rtol=1e-9)


def test_claim_the_mse_gradient_is_a1_c_plus_a2_c_squared_and_a2_is_about_110_a1(houses):
    X, Y = houses
    m = X.shape[0]
    r0 = Y[:, 0] - X[:, 0]  # alpha = 0, beta_1 = 1
    a_1 = -(2 / m) * np.sum(r0 * X[:, 1])
    a_2 = (2 / m) * np.sum(X[:, 1] ** 2)
    for c in (1.0, 10.0, 1e3):
        gradient = gdlib.mse_gradients(X * np.array([1.0, c]), Y, np.zeros((1, 1)), np.array([[1.0, 1.0]]))[1]
        assert gradient[0, 1] == pytest.approx(a_1 * c + a_2 * c**2, rel=1e-12)
    assert round(a_2 / abs(a_1), -1) == 110


def test_claim_the_mae_gradient_never_grows_faster_than_c(houses):
    X, Y = houses
    m = X.shape[0]
    for beta in ([[1.0, 1.0]], [[30.0, 0.004]], [[0.0, -0.01]]):
        for c in (0.1, 1.0, 10.0, 1e3):
            X_c = X * np.array([1.0, c])
            residual = Y[:, 0] - X_c @ np.array(beta[0])
            by_hand = -(1 / m) * np.sign(residual) @ X_c[:, 1]
            assert lesson.lot_size_gradients(X, Y, [c], np.array(beta), gdlib.losses.mae)[0] == pytest.approx(by_hand)
            assert abs(by_hand) <= c * X[:, 1].sum() / m


def test_claim_the_fitted_slopes_are_about_2_and_exactly_1(houses):
    X, Y = houses
    factors = np.logspace(0, 4, 9)
    slopes = [lesson.log_log_slope(factors, lesson.lot_size_gradients(X, Y, factors, np.array(beta), loss))
              for beta, loss in (([[1.0, 1.0]], gdlib.losses.mse), ([[1.0, 1.0]], gdlib.losses.mae),
                                 ([[1.0, 0.0]], gdlib.losses.mse))]
    assert f"{slopes[0]:.4f}" == "2.0007"
    assert f"{slopes[1]:.4f}" == "1.0000" and f"{slopes[2]:.4f}" == "1.0000"


def test_claim_the_lot_size_dominates_the_hessian_and_the_rate_is_about_1e_minus_9(houses):
    X, _ = houses
    for c in np.logspace(0, 4, 9):
        X_c = lesson.scale_feature(X, c)
        # the last two columns of the printed table agree to the printed 5 digits
        assert f"{gdlib.critical_learning_rate(X_c):.4e}" == f"{2 / gdlib.mse_hessian(X_c)[2, 2]:.4e}"
    assert 0.5e-9 < gdlib.critical_learning_rate(X) < 2e-9


def test_claim_centring_keeps_the_best_weights_and_makes_the_best_bias_zero(houses):
    X, Y = houses
    coefficients, _ = _least_squares(X, Y)
    Xc, Yc = X - X.mean(axis=0), Y - Y.mean()
    centred, _ = _least_squares(Xc, Yc)
    assert abs(centred[0, 0]) < 1e-9
    np.testing.assert_allclose(centred[1:, 0], coefficients[1:, 0], rtol=1e-9)


def test_claim_the_valleys_are_sqrt_kappa_long_and_beta_1_gets_so_far_in_40_steps(houses):
    X, Y = houses
    assert f"{X[:, 1].std() * 1e-4:.2f}" == "1.24" and f"{X[:, 0].std():.2f}" == "1.49"
    ratios = [math.sqrt(_centred_kappa(X, c)) for c in (1e-4, 1e-3, 1e-2)]
    assert [f"{r:.2g}" for r in ratios] == ["1.2", "8.3", "83"]
    assert f"{_centred_kappa(X, 1e-3):.1f}" == "69.3"
    coefficients, _ = _least_squares(X, Y)
    shares = []
    for c in (1e-4, 1e-3, 1e-2):
        Xc, Yc = _centred(lesson.scale_feature(X, c), Y)
        eigenvalues = np.linalg.eigvalsh((2 / 50) * Xc.T @ Xc)
        run = gdlib.gradient_descent(Xc, Yc, 2 / (eigenvalues[0] + eigenvalues[-1]), 40)
        shares.append(run.beta[0, 0] / coefficients[1, 0])
    assert [f"{share:.1%}" for share in shares] == ["100.0%", "68.5%", "1.1%"]


def test_claim_the_table_of_iterations(houses):
    X, Y = houses
    _, best_cost = _least_squares(X, Y)
    Z, _, _ = gdlib.standardize(X)
    rows = {name: lesson.count_iterations(features, Y, best_cost) for name, features in (
        ("sq ft", X), ("1000 sq ft", lesson.scale_feature(X, 1e-3)),
        ("acres", lesson.scale_feature(X, 1 / 43_560)), ("standardized", Z))}
    assert f"{rows['standardized'].kappa:.3g}" == "1.06" and rows["standardized"].needed == 3
    assert round(rows["acres"].kappa) == 226 and rows["acres"].needed == 1_121 and rows["acres"].bound == 1_127
    assert round(rows["1000 sq ft"].kappa) == 9_529 and rows["1000 sq ft"].needed is None
    assert 1e9 < rows["sq ft"].kappa < 1e11 and rows["sq ft"].needed is None
    assert 1e10 <= rows["sq ft"].bound < 1e11  # tens of billions
    for row in rows.values():  # within the bound the tolerance is guaranteed; beyond the cap, not reached
        assert (row.needed is not None and row.needed <= row.bound) or row.bound > 5_000
    # the number of steps grows like kappa (the bound's ratio is the condition numbers' ratio)
    assert rows["1000 sq ft"].bound / rows["acres"].bound == pytest.approx(
        rows["1000 sq ft"].kappa / rows["acres"].kappa, rel=0.02)


def test_count_iterations_by_hand(houses):
    X, Y = houses
    _, best_cost = _least_squares(X, Y)
    features = lesson.scale_feature(X, 1 / 43_560)
    eigenvalues = np.linalg.eigvalsh(gdlib.mse_hessian(features))
    q = (eigenvalues[-1] - eigenvalues[0]) / (eigenvalues[-1] + eigenvalues[0])
    bound = math.ceil(math.log(1e-6 * best_cost / (np.mean(Y**2) - best_cost)) / (2 * math.log(q)))
    row = lesson.count_iterations(features, Y, best_cost)
    assert row.bound == bound and row.learning_rate == pytest.approx(2 / (eigenvalues[0] + eigenvalues[-1]))


def test_claim_two_condition_numbers_for_the_same_unit(houses):
    X, _ = houses
    thousands = lesson.scale_feature(X, 1e-3)
    centred = thousands - thousands.mean(axis=0)
    assert f"{lesson.condition_number(centred, bias=False):.1f}" == "69.3"
    assert f"{lesson.condition_number(centred):.1f}" == "154.0"
    assert f"{lesson.condition_number(thousands):.1f}" == "9528.8"
    # with centred data the bias direction has curvature exactly 2, the smallest eigenvalue here
    hessian = gdlib.mse_hessian(centred)
    assert hessian[0, 0] == pytest.approx(2.0) and np.allclose(hessian[0, 1:], 0.0, atol=1e-9)
    assert np.linalg.eigvalsh(hessian)[0] == pytest.approx(2.0)


def test_claim_centring_matters_as_much_as_scaling(houses):
    X, _ = houses
    means, stds = X.mean(axis=0), X.std(axis=0)
    assert f"{lesson.condition_number(X):.3g}" == "9.45e+09"
    assert f"{lesson.condition_number(X / stds):.3g}" == "116"
    assert f"{lesson.condition_number(X - means):.3g}" == "1.54e+08"
    assert f"{lesson.condition_number((X - means) / stds):.3g}" == "1.06"
    assert np.all((1.5 < means / stds) & (means / stds < 2.5))  # about two standard deviations from 0
    assert lesson.condition_number(X - means) == pytest.approx(stds[1] ** 2, rel=0.01)  # kappa ≈ s_2^2
    assert f"{stds[1] ** 2:.2g}" == "1.5e+08"


def test_claim_the_standardized_fit_takes_8_iterations(houses):
    X, Y = houses
    Z, _, _ = gdlib.standardize(X)
    fit = gdlib.gradient_descent(Z, Y, 0.5, 1_000, tolerance=1e-10)
    assert fit.converged and fit.iterations_run == 8


def test_claim_the_dashed_curve_is_the_standardized_run_at_the_same_fraction_of_its_own_critical_rate(houses):
    X, Y = houses
    figure, update = scaling_descent_view(X, Y)
    update(scale=1e-3, fraction_of_critical=0.5, iterations=30, standardize=False)
    Zc, Yc = _centred(gdlib.standardize(X)[0], Y)
    run = gdlib.gradient_descent(Zc, Yc, 0.5 * gdlib.critical_learning_rate(Zc), 30)
    best = np.linalg.lstsq(Zc, Yc, rcond=None)[0]
    best_cost = float(np.mean((Yc - Zc @ best) ** 2))
    expected = (run.costs - best_cost) / (run.costs[0] - best_cost)
    dashed = figure.axes[1].lines[1]
    assert dashed.get_linestyle() == "--"
    drawn = dashed.get_ydata()
    shown = expected > 1e-12  # below that, J - J* is rounding (the figure may leave it out: NaN on a log axis)
    np.testing.assert_allclose(drawn[shown], expected[shown], rtol=1e-6, atol=1e-11)  # J* to rounding
    # a different learning rate from this run's: the same fraction of a different critical rate
    Xc, _ = _centred(lesson.scale_feature(X, 1e-3), Y)
    assert gdlib.critical_learning_rate(Zc) / gdlib.critical_learning_rate(Xc) > 10


def test_claim_the_slider_rate_falls_about_7e7_fold_and_half_of_critical_does_not_zigzag(houses):
    X, Y = houses
    rates = [gdlib.critical_learning_rate(_centred(lesson.scale_feature(X, c), Y)[0]) for c in (1e-4, 1.0)]
    assert round(rates[0] / rates[1], -7) == 7e7
    # at half the critical rate every step factor 1 - eta lambda is >= 0: no direction flips sign
    Xc, _ = _centred(lesson.scale_feature(X, 1e-3), Y)
    eigenvalues = np.linalg.eigvalsh((2 / 50) * Xc.T @ Xc)
    assert np.all(1 - 0.5 * (2 / eigenvalues[-1]) * eigenvalues >= 0)
    equal_spread = X[:, 0].std() / X[:, 1].std()  # the c that gives the lot size the bedrooms' spread
    assert 0.5e-4 < equal_spread < 2e-4  # about 1e-4
