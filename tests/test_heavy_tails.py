"""Notebook 05 (heavy tails): the Monte Carlo of slopes in gdlib.robust, the notebook's data, figures,
slider and number exercise, and every claim its text makes. Expected values come from numpy.polyfit,
closed forms (the Student t variance, the Cauchy tail, Huber's Gaussian efficiency) and hand
arithmetic, never from the code under test."""

import json
import math
import warnings
from pathlib import Path

import numpy as np
import pytest
from slider_checks import check_slider_figure

from gdlib import losses, robust
from gdlib.lessons import heavy_tails as lesson
from gdlib.plots.heavy_tails import noisy_lines_figure, spread_growth_figure
from gdlib.widgets import figure_png
from gdlib.widgets.heavy_tails import heavy_tails_explorer

MSE, MAE, HUBER = 0, 1, 2


@pytest.fixture(scope="module")
def monte_carlo():
    return lesson.heavy_tails_monte_carlo()


# ---------------------------------------------------------------- the Monte Carlo in gdlib.robust


def test_monte_carlo_slopes_come_from_the_documented_noise():
    x = np.arange(6.0)
    result = robust.slope_monte_carlo(x, [2.0, np.inf], 50, [losses.mse, losses.mae], alpha=1.0, beta=0.5, seed=3)
    assert result.slopes.shape == (2, 2, 50) and result.loss_names == ("mse", "mae")
    rng = np.random.default_rng(3)
    t_noise = rng.standard_t(2.0, size=(50, 6))
    gaussian_noise = rng.standard_normal((50, 6))
    for d, noise in enumerate((t_noise, gaussian_noise)):
        slopes = np.polyfit(x, (1.0 + 0.5 * x + noise).T, 1)[0]
        np.testing.assert_allclose(result.slopes[d, 0], slopes, atol=1e-10)


def test_spreads_by_hand():
    slopes = np.array([[[1.0, 2.0, 3.0, 4.0, 10.0, 20.0, 30.0, 40.0]]])
    result = robust.SlopeMonteCarlo(x=np.arange(3.0), beta=0.0, dfs=(1.0,), loss_names=("mse",), slopes=slopes)
    assert result.standard_deviation()[0, 0] == pytest.approx(np.sqrt(np.var(slopes[0, 0]) * 8 / 7))
    # batches of 4: standard deviations of [1, 2, 3, 4] and [10, 20, 30, 40]; median = their mean
    expected = (np.std([1, 2, 3, 4], ddof=1) + np.std([10, 20, 30, 40], ddof=1)) / 2
    assert result.typical_standard_deviation(4)[0, 0] == pytest.approx(expected)
    # numpy's default percentile interpolates: 25% at position 1.75, 75% at position 5.25
    assert result.interquartile_range()[0, 0] == pytest.approx((20 + 0.25 * 10) - (2 + 0.75 * 1))
    with pytest.raises(ValueError, match="batch must be between 2"):
        result.typical_standard_deviation(9)


def test_bad_monte_carlo_arguments_are_named():
    x = np.arange(4.0)
    with pytest.raises(ValueError, match="dfs must be one or more degrees of freedom > 0"):
        robust.slope_monte_carlo(x, [0.0], 10, [losses.mse])
    with pytest.raises(ValueError, match="trials must be at least 2"):
        robust.slope_monte_carlo(x, [1.0], 1, [losses.mse])


def test_the_lessons_data_sets_are_the_documented_draws():
    x = lesson.x_values()
    np.testing.assert_array_equal(x, np.arange(11.0))
    rng = np.random.default_rng(7)
    np.testing.assert_allclose(lesson.noisy_data_sets(3.0, 4, 7), 1 + 0.5 * x + rng.standard_t(3.0, size=(4, 11)))
    rng = np.random.default_rng(7)
    np.testing.assert_allclose(lesson.noise_draws(np.inf, 5, 7), rng.standard_normal(5))


def test_the_monte_carlo_uses_the_lessons_settings(monte_carlo):
    assert monte_carlo.dfs == (1.0, 1.5, 2.0, 3.0, 5.0, 10.0, np.inf)
    assert monte_carlo.slopes.shape == (7, 3, 2000)
    assert monte_carlo.loss_names == ("mse", "mae", "huber(delta=1.345)")


# ---------------------------------------------------------------- the claims of notebook 05's text


def test_the_opening_figure_gaussian_lines_agree_and_the_cauchy_outlier_tilts_the_mse_line():
    x = lesson.x_values()
    data = lesson.figure_data_sets()
    gaussian, cauchy = data["Gaussian noise"], data["Cauchy noise (t, ν = 1)"]
    fit = {name: [robust.fit_lines(x, y, loss)[1][0] for loss in (losses.mse, losses.mae, losses.huber(1.345))]
           for name, y in (("gaussian", gaussian), ("cauchy", cauchy))}
    assert np.ptp(fit["gaussian"]) < 0.01  # "the three lines agree"
    noise = cauchy - (1 + 0.5 * x)
    assert noise.min() == pytest.approx(-30, abs=1.5) and np.sort(np.abs(noise))[-2] < 6  # one point ~30 below
    assert fit["cauchy"][MSE] < 0  # "its slope turns negative"
    assert all(abs(slope - 0.5) < 0.15 for slope in fit["cauchy"][1:])  # "near the true slope 0.5"


def test_tail_shares_and_sample_variances_of_a_million_draws():
    shares = {nu: np.mean(np.abs(lesson.noise_draws(nu, 1_000_000, seed=0)) > 5) for nu in (1.0, 3.0, np.inf)}
    cauchy_tail = 1 - 2 / math.pi * math.atan(5)  # P(|Cauchy| > 5)
    assert shares[1.0] == pytest.approx(cauchy_tail, rel=0.01) and shares[1.0] == pytest.approx(1 / 8, rel=0.02)
    assert shares[3.0] == pytest.approx(1 / 65, rel=0.03)  # "about one in 65"
    assert shares[np.inf] < 2e-6  # "essentially never": P(|Z| > 5) = 5.7e-7
    variances = {nu: lesson.noise_draws(nu, 1_000_000, seed=0).var() for nu in (1.0, 3.0, 10.0, np.inf)}
    assert variances[3.0] == pytest.approx(3 / (3 - 2), rel=0.03)
    assert variances[10.0] == pytest.approx(10 / 8, abs=0.01) and 10 / 8 == 1.25
    assert variances[np.inf] == pytest.approx(1.0, abs=0.005)
    assert variances[1.0] > 1000  # "a huge number"


def test_the_least_squares_slope_is_the_true_slope_plus_weighted_noises():
    x = lesson.x_values()
    rng = np.random.default_rng(2)
    noise = rng.standard_t(3.0, size=(50, 11))
    weights = (x - x.mean()) / np.sum((x - x.mean()) ** 2)
    assert weights.sum() == pytest.approx(0.0, abs=1e-15)  # so the y values need no centring
    slopes = np.polyfit(x, (1 + 0.5 * x + noise).T, 1)[0]
    np.testing.assert_allclose(slopes, 0.5 + noise @ weights, atol=1e-12)
    np.testing.assert_allclose(robust.fit_lines(x, 1 + 0.5 * x + noise, losses.mse)[1], slopes, atol=1e-12)
    assert np.sum((x - x.mean()) ** 2) == 110


def test_the_spread_for_nu_3_is_close_to_the_prediction():
    x = lesson.x_values()
    slopes = robust.fit_lines(x, lesson.noisy_data_sets(3.0, trials=2_000, seed=1), losses.mse)[1]
    assert np.sqrt(3 / 110) == pytest.approx(0.165, abs=5e-4)
    assert slopes.std(ddof=1) == pytest.approx(0.165, rel=0.1)


def test_huber_1345_keeps_95_percent_of_the_mse_precision_under_gaussian_noise(monte_carlo):
    delta = 1.345  # asymptotic efficiency (2 Phi(d) - 1)^2 / E[clip(Z, -d, d)^2]
    Phi, phi = 0.5 * (1 + math.erf(delta / math.sqrt(2))), math.exp(-delta**2 / 2) / math.sqrt(2 * math.pi)
    inside = 2 * Phi - 1
    efficiency = inside**2 / (inside - 2 * delta * phi + 2 * delta**2 * (1 - Phi))
    assert efficiency == pytest.approx(0.95, abs=0.001) and lesson.MONTE_CARLO_DELTA == delta
    sd = monte_carlo.standard_deviation()[monte_carlo.dfs.index(np.inf)]
    assert (sd[MSE] / sd[HUBER]) ** 2 == pytest.approx(0.95, abs=0.03)


def test_the_table_from_the_bottom_up(monte_carlo):
    sd = monte_carlo.standard_deviation()
    iqr = monte_carlo.interquartile_range()
    row = {nu: d for d, nu in enumerate(monte_carlo.dfs)}
    gaussian = sd[row[np.inf]]
    assert gaussian.argmin() == MSE and gaussian[MSE] == pytest.approx(1 / np.sqrt(110), abs=0.002)
    assert 1 / np.sqrt(110) == pytest.approx(0.095, abs=5e-4)
    assert gaussian[HUBER] < 1.05 * gaussian[MSE]  # "close behind"
    assert gaussian[MAE] / gaussian[MSE] == pytest.approx(1.2, abs=0.05)  # "about 20%"
    assert sd[row[10.0], HUBER] == pytest.approx(sd[row[10.0], MSE], rel=0.02)  # "about as precise at 10"
    for nu in (1.0, 1.5, 2.0, 3.0, 5.0):  # "more precise below"
        assert sd[row[nu], HUBER] < sd[row[nu], MSE]
    for nu in (1.0, 1.5, 2.0, 3.0):  # "the MAE overtakes the MSE at nu = 3"
        assert sd[row[nu], MAE] < sd[row[nu], MSE]
    assert sd[row[5.0], MAE] > sd[row[5.0], MSE]
    assert sd[row[1.0], MSE] == pytest.approx(18, abs=0.5)  # "to about 18 at nu = 1"
    for nu in (1.0, 1.5, 2.0):  # "the robust ones little more than double"
        assert np.all(sd[row[nu], 1:] < 2.5 * gaussian[1:])
    assert sd[row[1.0], MSE] > 100 * gaussian[MSE]
    assert iqr[row[1.0], MSE] / iqr[row[np.inf], MSE] == pytest.approx(4, abs=0.5)  # "about fourfold"


def test_the_typical_spread_grows_without_limit_only_for_the_mse_under_heavy_tails(monte_carlo):
    batches = np.array([10, 20, 50, 100, 250, 500, 1000, 2000])
    typical = np.stack([monte_carlo.typical_standard_deviation(int(n)) for n in batches], axis=2)
    row = {nu: d for d, nu in enumerate(monte_carlo.dfs)}
    cauchy = typical[row[1.0], MSE]
    exponent = np.polyfit(np.log(batches), np.log(cauchy), 1)[0]
    assert 0.4 < exponent < 0.75  # "roughly like sqrt N"
    assert cauchy[-1] / cauchy[0] == pytest.approx(20, rel=0.1)  # "about twentyfold"
    assert 1.2 < typical[row[2.0], MSE, -1] / typical[row[2.0], MSE, 0] < 2  # "grows slowly"
    rises = typical[:, 1:, -1] / typical[:, 1:, 0]
    assert np.all(rises < 1.25)  # robust: "rising by at most a quarter"
    assert typical[row[np.inf], MSE, -1] / typical[row[np.inf], MSE, 0] < 1.1
    assert np.all(np.abs(typical[:, 1:, -1] / typical[:, 1:, -2] - 1) < 0.05)  # they level off


def test_the_exercise_accepts_the_formula_and_rejects_the_nearby_rows():
    check = lesson.exercises()["predicted spread"]
    right = np.sqrt(4 / (4 - 2) / 110)
    assert check.feedback(right)[0] and check.feedback(0.1348)[0]
    for wrong in (np.sqrt(3 / 110), np.sqrt(5 / 3 / 110), 2 / 110, None):
        assert not check.feedback(wrong)[0]
    assert lesson.EXERCISE_DF not in lesson.HEAVY_TAIL_DFS


def _notebook_cells():
    path = Path(__file__).resolve().parent.parent / "notebooks" / "05_heavy_tails.ipynb"
    return json.loads(path.read_text())["cells"]


def test_the_exercise_answer_is_not_printed_above_it():
    cells = _notebook_cells()
    index = next(i for i, cell in enumerate(cells) if '["predicted spread"].check' in "".join(cell["source"]))
    above = ""
    for cell in cells[:index]:
        above += "".join(cell["source"])
        for output in cell.get("outputs", []):
            above += "".join(output.get("text", "")) + "".join(output.get("data", {}).get("text/plain", ""))
    value = lesson.predicted_mse_slope_spread(lesson.EXERCISE_DF)
    for text in (f"{value:.3f}", f"{value:.4f}"):
        assert text not in above
    assert "$\\nu = 4$" in "".join(cells[index - 1]["source"])


# ---------------------------------------------------------------- figures and slider


def test_heavy_tails_explorer_at_every_extreme():
    check_slider_figure(heavy_tails_explorer(lesson.heavy_tails_monte_carlo(trials=200)))


def test_static_figures_draw_without_warnings():
    result = lesson.heavy_tails_monte_carlo(trials=100)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for figure in (
            spread_growth_figure(result, (1.0, np.inf), (10, 50, 100)),
            noisy_lines_figure(lesson.x_values(), lesson.figure_data_sets(), true_alpha=1.0, true_beta=0.5,
                               delta=1.345),
        ):
            assert figure_png(figure).startswith(b"\x89PNG")
