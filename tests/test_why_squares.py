"""Notebook 08's machinery: best constants, the Beta posterior on a grid, the Gaussian likelihood,
the slider figure and the exercises."""

import math
import warnings
from pathlib import Path

import numpy as np
import pytest
from slider_checks import check_slider_figure

import gdlib
from gdlib.lessons import why_squares
from gdlib.lessons.why_squares import (
    beta_density,
    density_expected_losses,
    density_median,
    exercise_sample,
    lognormal_sample,
    noisy_line,
    sample_expected_losses,
)
from gdlib.likelihood import fit_gaussian, gaussian_nll, gaussian_nll_gradients
from gdlib.widgets.why_squares import skew_explorer


def test_sample_expected_losses_by_hand():
    squared, absolute = sample_expected_losses([1.0, 2.0, 6.0], [0.0, 2.0, 3.0])
    np.testing.assert_allclose(squared, [(1 + 4 + 36) / 3, (1 + 0 + 16) / 3, (4 + 1 + 9) / 3])
    np.testing.assert_allclose(absolute, [9 / 3, 5 / 3, 6 / 3])


def test_the_mean_and_the_median_minimise_the_sample_losses():
    sample = lognormal_sample(1.0)
    assert sample.shape == (501,) and np.all(sample > 0)
    constants = np.linspace(0.0, 4.0, 4001)
    squared, absolute = sample_expected_losses(sample, constants)
    assert abs(constants[np.argmin(squared)] - np.mean(sample)) <= 0.001
    assert abs(constants[np.argmin(absolute)] - np.median(sample)) <= 0.001
    assert np.mean(sample) > 1.3 * np.median(sample)  # skewed: the mean is pulled to the right


def test_lognormal_spread_is_the_sd_of_the_log():
    sample = lognormal_sample(0.5)
    assert np.std(np.log(sample)) == pytest.approx(0.5 * np.std(np.log(lognormal_sample(1.0))), rel=1e-12)
    with pytest.raises(ValueError, match="spread must be a finite number greater than 0"):
        lognormal_sample(0.0)


def test_beta_density_integrates_to_one_with_the_textbook_moments():
    theta = np.linspace(0.0, 1.0, 4001)
    for a, b in ((3.0, 9.0), (5.0, 3.0), (2.0, 2.0)):
        density = beta_density(theta, a, b)
        assert np.trapezoid(density, theta) == pytest.approx(1.0, abs=1e-6)  # the trapezoid rule's error
        mean = np.trapezoid(theta * density, theta)
        assert mean == pytest.approx(a / (a + b), abs=1e-6)
        variance = np.trapezoid((theta - mean) ** 2 * density, theta)
        assert variance == pytest.approx(a * b / ((a + b) ** 2 * (a + b + 1)), abs=1e-6)
    # Beta(2, 2) is symmetric: its median is 1/2; Beta(1, 1) is uniform: density 1 inside.
    assert density_median(theta, beta_density(theta, 2.0, 2.0)) == pytest.approx(0.5, abs=1e-9)
    np.testing.assert_allclose(beta_density(np.array([0.25, 0.5]), 1.0, 1.0), [1.0, 1.0])


def test_density_expected_losses_are_minimised_at_the_mean_and_median():
    theta = np.linspace(0.0, 1.0, 2001)
    density = beta_density(theta, 3.0, 9.0)
    guesses = np.linspace(0.0, 0.6, 601)
    squared, absolute = density_expected_losses(theta, density, guesses)
    assert guesses[np.argmin(squared)] == pytest.approx(0.25, abs=0.0005)
    # the median of Beta(3, 9) solves I_x(3, 9) = 1/2; bisect on the exact CDF (a finite sum)
    def cdf(x):
        return sum(math.comb(11, j) * x**j * (1 - x) ** (11 - j) for j in range(3, 12))
    low, high = 0.0, 1.0
    for _ in range(60):
        low, high = ((low + high) / 2, high) if cdf((low + high) / 2) < 0.5 else (low, (low + high) / 2)
    assert density_median(theta, density) == pytest.approx(low, abs=1e-6)
    assert guesses[np.argmin(absolute)] == pytest.approx(low, abs=0.001)
    with pytest.raises(ValueError, match="same length"):
        density_expected_losses(theta, density[:-1], guesses)


def test_gaussian_nll_is_the_sum_of_log_densities():
    X, Y = noisy_line()
    alpha, beta, sigma = 0.5, [1.0, 0.2], 1.7
    residual = Y[:, 0] - (alpha + X @ np.array(beta))
    log_densities = -0.5 * np.log(2 * np.pi * sigma**2) - residual**2 / (2 * sigma**2)
    assert gaussian_nll(X, Y, alpha, beta, math.log(sigma)) == pytest.approx(-np.mean(log_densities), rel=1e-13)


def test_gaussian_nll_gradients_match_finite_differences():
    X, Y = noisy_line()
    alpha, beta, log_sigma = np.array([[0.3]]), np.array([[0.9, -0.2]]), -0.4
    d_alpha, d_beta, d_log_sigma = gaussian_nll_gradients(X, Y, alpha, beta, log_sigma)
    assert d_alpha.shape == (1, 1) and d_beta.shape == (1, 2) and isinstance(d_log_sigma, float)
    np.testing.assert_allclose(d_alpha, gdlib.numerical_gradient(lambda a: gaussian_nll(X, Y, a, beta, log_sigma),
                                                                 alpha), rtol=1e-7)
    np.testing.assert_allclose(d_beta, gdlib.numerical_gradient(lambda b: gaussian_nll(X, Y, alpha, b, log_sigma),
                                                                beta), rtol=1e-7)
    numeric = gdlib.numerical_gradient(lambda s: gaussian_nll(X, Y, alpha, beta, float(s[0])), [log_sigma])
    assert d_log_sigma == pytest.approx(numeric[0], rel=1e-7)


def test_fitting_sigma_by_gradient_descent_agrees_with_least_squares():
    X, Y = noisy_line()
    A = np.hstack([np.ones((100, 1)), X])
    theta = np.linalg.lstsq(A, Y, rcond=None)[0][:, 0]
    sigma = math.sqrt(np.mean((Y[:, 0] - A @ theta) ** 2))
    fit = fit_gaussian(X, Y, 0.2, 400)
    np.testing.assert_allclose(np.hstack([fit.alpha[0], fit.beta[0]]), theta, atol=1e-9)
    assert fit.sigma == pytest.approx(sigma, abs=1e-9)
    assert fit.nlls.shape == (401,) and not fit.diverged
    assert fit.nlls[-1] == pytest.approx(0.5 * math.log(2 * math.pi * sigma**2) + 0.5, rel=1e-12)


def test_least_squares_solves_the_normal_equations():
    X, Y = noisy_line()
    alpha, beta = gdlib.least_squares(X, Y)
    A = np.hstack([np.ones((100, 1)), X])
    theta = np.linalg.solve(A.T @ A, A.T @ Y)[:, 0]
    np.testing.assert_allclose(np.hstack([alpha[0], beta[0]]), theta, rtol=1e-10)


def test_a_diverging_fit_stops_without_warnings():
    X, Y = noisy_line()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fit = fit_gaussian(X * 1e200, Y, 1.0, 10)  # the first step throws the predictions past 1e308
    assert fit.diverged and fit.nlls.size == 2 and np.isfinite(fit.nlls[0]) and fit.nlls[-1] == np.inf


def test_bad_log_sigma_is_named():
    X, Y = noisy_line()
    with pytest.raises(TypeError, match="log_sigma must be a real number"):
        gaussian_nll(X, Y, 0.0, [0.0, 0.0], "1")
    with pytest.raises(ValueError, match="log_sigma must be finite"):
        gaussian_nll(X, Y, 0.0, [0.0, 0.0], float("nan"))


def _nll_by_hand(X, Y, alpha, beta, sigma):
    """-(1/m) log L of Gaussian noise: (1/2) log(2 pi sigma^2) + sum (y - y_hat)^2 / (2 m sigma^2), in a loop."""
    m = len(Y)
    squares = sum((Y[i, 0] - alpha - sum(beta[j] * X[i, j] for j in range(X.shape[1]))) ** 2 for i in range(m))
    return 0.5 * math.log(2 * math.pi * sigma**2) + squares / (2 * m * sigma**2)


def test_the_likelihood_figure_draws_minus_log_l_against_a_weight_and_against_sigma():
    from gdlib.plots.why_squares import likelihood_figure

    X, Y = noisy_line()
    A = np.hstack([np.ones((100, 1)), X])
    theta = np.linalg.lstsq(A, Y[:, 0], rcond=None)[0]
    J_star = float(np.mean((Y[:, 0] - A @ theta) ** 2))
    figure = likelihood_figure(X, Y, [0.5, 1.0])
    ax_weight, ax_sigma = figure.axes
    curves = [line for line in ax_weight.lines if line.get_label().startswith("σ = ")]
    dots = [line for line in ax_weight.lines if line.get_marker() == "o"]
    assert [line.get_label() for line in curves] == ["σ = 0.5", "σ = 1"] and len(dots) == 2
    for sigma, curve, dot in zip((0.5, 1.0), curves, dots, strict=True):
        weights, values = curve.get_data()
        assert len(weights) == 121
        np.testing.assert_allclose(weights, theta[1] + np.linspace(-1, 1, 121), rtol=1e-9)
        for weight, value in list(zip(weights, values, strict=True))[::20]:
            assert value == pytest.approx(_nll_by_hand(X, Y, theta[0], [weight, theta[2]], sigma), rel=1e-9)
        # the lowest point is at the least-squares weight (the grid passes through it), whatever sigma
        assert dot.get_xdata()[0] == pytest.approx(theta[1], rel=1e-9)
        assert dot.get_ydata()[0] == pytest.approx(_nll_by_hand(X, Y, theta[0], theta[1:], sigma), rel=1e-9)
    (least_squares_line,) = [line for line in ax_weight.lines if line.get_label() == "least squares"]
    assert least_squares_line.get_xdata()[0] == pytest.approx(theta[1], rel=1e-9)
    (sigma_curve, best_sigma) = ax_sigma.lines
    sigmas, values = sigma_curve.get_data()
    assert sigmas[0] == pytest.approx(0.2) and sigmas[-1] == pytest.approx(2.0) and len(sigmas) == 200
    for sigma, value in list(zip(sigmas, values, strict=True))[::40]:
        assert value == pytest.approx(_nll_by_hand(X, Y, theta[0], theta[1:], sigma), rel=1e-9)
    assert best_sigma.get_xdata()[0] == pytest.approx(math.sqrt(J_star), rel=1e-9)
    assert best_sigma.get_label() == f"σ = √J* = {math.sqrt(J_star):.4f}"
    # and the drawn curve bottoms out there: the grid point nearest sqrt(J*) is its lowest
    assert sigmas[np.argmin(values)] == pytest.approx(math.sqrt(J_star), rel=0.02)


def test_the_posterior_figure_draws_the_density_its_centres_and_the_scaled_losses():
    from gdlib.plots.why_squares import posterior_figure

    theta = np.linspace(0, 1, 201)
    density = beta_density(theta, 3.0, 9.0)
    guesses = np.linspace(0, 0.6, 61)
    # Beta(3, 9): mean 3/12, variance 3 * 9 / (12^2 * 13); E[(a - theta)^2] = variance + (a - mean)^2
    squared = 27 / (144 * 13) + (guesses - 0.25) ** 2
    _, absolute = density_expected_losses(theta, density, guesses)
    figure = posterior_figure(theta, density, guesses, squared, absolute, mean=0.25, median=0.236, mode=0.2,
                              name="Beta(3, 9)")
    ax_density, ax_losses = figure.axes
    (density_line,) = [line for line in ax_density.lines if len(line.get_xdata()) > 2]
    np.testing.assert_array_equal(density_line.get_xdata(), theta)
    np.testing.assert_array_equal(density_line.get_ydata(), density)
    marks = {line.get_label(): line.get_xdata()[0] for line in ax_density.lines if line is not density_line}
    assert marks == {"mean 0.2500": 0.25, "median 0.2360": 0.236, "mode 0.2000": 0.2}
    assert "Beta(3, 9)" in ax_density.get_title()
    curves = {line.get_label(): line for line in ax_losses.lines if len(line.get_xdata()) > 2}
    np.testing.assert_allclose(curves["squared loss"].get_ydata(), squared / squared.min(), rtol=1e-12)
    np.testing.assert_allclose(curves["absolute loss"].get_ydata(), absolute / absolute.min(), rtol=1e-12)
    for curve in curves.values():
        np.testing.assert_array_equal(curve.get_xdata(), guesses)
    dots = sorted(line.get_xdata()[0] for line in ax_losses.lines if line.get_marker() == "o")
    assert dots == pytest.approx([0.24, 0.25])  # the grid points nearest the median 0.2364 and the mean 0.25
    assert ax_losses.get_xlim() == pytest.approx((0.0, 0.6)) and ax_losses.get_ylim() == pytest.approx((0.95, 2.0))


def test_skew_explorer_at_every_extreme():
    check_slider_figure(skew_explorer())


def test_skew_explorer_marks_the_mean_and_the_median():
    explorer = skew_explorer()
    explorer.controls["spread"].value = 1.5
    sample = lognormal_sample(1.5)
    ax_values = explorer.figure.axes[0]
    positions = sorted(line.get_xdata()[0] for line in ax_values.lines)
    assert positions == pytest.approx(sorted([np.mean(sample), np.median(sample)]))


def _independent_answers():
    waits = exercise_sample()
    X, Y = noisy_line()
    A = np.hstack([np.ones((100, 1)), X])
    residual = Y[:, 0] - A @ np.linalg.lstsq(A, Y, rcond=None)[0][:, 0]
    return {
        "absolute": sorted(waits)[5],
        "smallest squared": sum((w - sum(waits) / 11) ** 2 for w in waits) / 11,
        "posterior mean": 5 / 8,
        "smallest nll": 0.5 * math.log(2 * math.pi * np.mean(residual**2)) + 0.5,  # sigma^2 = J*: J/(2 sigma^2) = 1/2
    }


def test_exercises_accept_the_right_answer_and_reject_a_wrong_one():
    exercises = why_squares.exercises()
    answers = _independent_answers()
    assert set(exercises) == set(answers)
    for name, answer in answers.items():
        assert exercises[name].feedback(answer)[0], name
        assert not exercises[name].feedback(answer * 1.1 + 0.5)[0], name
    assert not exercises["absolute"].feedback(float(np.mean(exercise_sample())))[0]  # the mean is not it


def test_no_exercise_answer_is_printed_in_the_notebook():
    """The answers must not appear above their exercises, in the text or in the saved outputs."""
    from pathlib import Path

    import nbformat

    notebook = nbformat.read(Path(__file__).parent.parent / "notebooks" / "08_why_squares.ipynb", as_version=4)
    shown = []
    for cell in notebook.cells:
        shown.append(cell.source)
        for output in cell.get("outputs", []):
            shown.append(output.get("text", "") + "".join(output.get("data", {}).get("text/plain", "")))
    text = "\n".join(shown)
    for name, answer in _independent_answers().items():
        if name == "absolute":
            continue  # the median is one of the printed waits: finding which one is the exercise
        for written in (f"{answer:.4f}", f"{answer:.3f}", f"{answer:.4g}"):
            assert written not in text, (name, written)


# --- The claims of notebook 08, one test each: the numbers typed here are the ones its prose states.

NOTEBOOK = Path(__file__).parent.parent / "notebooks" / "08_why_squares.ipynb"


def _notebook_text() -> tuple[str, str]:
    """(the markdown of notebook 08, the saved text outputs of its code cells)."""
    import nbformat

    notebook = nbformat.read(NOTEBOOK, as_version=4)
    prose = "\n".join(cell.source for cell in notebook.cells if cell.cell_type == "markdown")
    outputs = "\n".join(output.get("text", "") + output.get("data", {}).get("text/plain", "")
                        for cell in notebook.cells for output in cell.get("outputs", []))
    return " ".join(prose.split()), outputs


PROSE, OUTPUTS = _notebook_text()
SAMPLE = lognormal_sample(0.8)
CONSTANTS = np.linspace(0.0, 4.0, 4001)


def test_claim_the_sample_has_501_right_skewed_values_and_the_grid_steps_by_0_001():
    assert "501 values" in PROSE and "from 0 to 4 in steps of 0.001" in PROSE
    assert SAMPLE.shape == (501,) and np.all(SAMPLE > 0)
    assert np.allclose(np.diff(CONSTANTS), 0.001) and CONSTANTS[0] == 0 and CONSTANTS[-1] == 4
    centred = SAMPLE - SAMPLE.mean()
    assert np.mean(centred**3) > 0 and SAMPLE.mean() > np.median(SAMPLE)  # right-skewed


def test_claim_completing_the_square():
    squared, _ = sample_expected_losses(SAMPLE, CONSTANTS)
    np.testing.assert_allclose(squared, (CONSTANTS - SAMPLE.mean()) ** 2 + SAMPLE.var(), rtol=1e-12)
    slope = np.diff(squared) / 0.001  # the derivative 2a - 2 mean, at the midpoints
    np.testing.assert_allclose(slope, 2 * (CONSTANTS[:-1] + 0.0005 - SAMPLE.mean()), atol=1e-9)


def test_claim_the_best_a_is_the_grid_point_nearest_the_mean_and_the_smallest_loss_the_variance():
    squared, _ = sample_expected_losses(SAMPLE, CONSTANTS)
    best = CONSTANTS[np.argmin(squared)]
    assert best == CONSTANTS[np.argmin(np.abs(CONSTANTS - SAMPLE.mean()))]
    assert (round(SAMPLE.mean(), 4), round(best, 4)) == (1.1909, 1.1910)
    assert squared.min() - SAMPLE.var() <= 0.0005**2 and round(squared.min(), 4) == round(SAMPLE.var(), 4) == 0.9703


def test_claim_the_slope_of_the_absolute_loss_counts_values_below_minus_above():
    _, absolute = sample_expected_losses(SAMPLE, CONSTANTS)
    midpoints = CONSTANTS[:-1] + 0.0005
    below = (SAMPLE[None, :] < midpoints[:, None]).sum(axis=1)
    slope = np.diff(absolute) / 0.001
    # only grid intervals that hold no data value: there the loss is a straight piece
    clean = ~np.any((SAMPLE[None, :] > CONSTANTS[:-1, None]) & (SAMPLE[None, :] < CONSTANTS[1:, None]), axis=1)
    np.testing.assert_allclose(slope[clean], ((2 * below - 501) / 501)[clean], atol=1e-9)
    median = np.median(SAMPLE)
    assert np.all(slope[clean & (midpoints < median)] < 0) and np.all(slope[clean & (midpoints > median)] > 0)


def test_claim_the_median_is_one_of_the_values_with_250_on_each_side():
    median = np.median(SAMPLE)
    assert "250 on each side" in PROSE and median in SAMPLE
    assert np.sum(SAMPLE < median) == np.sum(SAMPLE > median) == 250
    _, absolute = sample_expected_losses(SAMPLE, CONSTANTS)
    assert abs(CONSTANTS[np.argmin(absolute)] - median) <= 0.0005
    assert (round(median, 4), round(CONSTANTS[np.argmin(absolute)], 4)) == (0.9216, 0.9220)
    assert round(SAMPLE.mean() / median, 3) == 1.292


def test_claim_the_slider_a_small_spread_agrees_a_large_one_drags_the_mean():
    explorer = skew_explorer()
    slider = explorer.controls["spread"]
    assert (slider.value, slider.min, slider.max) == (0.8, 0.05, 1.5)
    small, large = lognormal_sample(slider.min), lognormal_sample(slider.max)
    assert abs(small.mean() / np.median(small) - 1) < 0.001
    assert large.mean() / np.median(large) > 2
    # each curve is divided by its own minimum: both bottom out at 1
    ax_losses = explorer.figure.axes[1]
    assert [round(float(np.min(line.get_ydata())), 12) for line in ax_losses.lines[:2]] == [1.0, 1.0]


def test_claim_descent_lands_on_the_mean_with_mse_and_rattles_around_the_median_with_mae():
    always_zero = np.zeros((501, 1))
    with_mse = gdlib.gradient_descent(always_zero, SAMPLE, 0.4, 200, loss=gdlib.losses.mse)
    with_mae = gdlib.gradient_descent(always_zero, SAMPLE, 1.0, 3000, loss=gdlib.losses.mae)
    assert abs(with_mse.alpha[0, 0] - SAMPLE.mean()) < 1e-10
    assert "1/501 \\approx 0.002" in PROSE
    last = with_mae.alphas[-10:]
    np.testing.assert_allclose(np.abs(np.diff(last)), 1.0 / 501, rtol=1e-9)  # steps of eta/m
    assert len(set(np.round(last, 12))) == 2  # back and forth between two values ...
    low, high = sorted(set(np.round(last, 12)))
    assert low < np.median(SAMPLE) < high  # ... one on each side of the median


def test_claim_the_beta_3_9_posterior_of_2_successes_in_10_with_a_uniform_prior():
    p = np.linspace(0.0, 1.0, 2001)
    inside = p[1:-1]
    ratio = beta_density(inside, 3.0, 9.0) / (inside**2 * (1 - inside) ** 8)  # uniform prior x likelihood
    np.testing.assert_allclose(ratio, ratio[0], rtol=1e-10)
    density = beta_density(p, 3.0, 9.0)
    assert p[np.argmax(density)] == pytest.approx(0.2, abs=1e-12)  # the mode
    assert np.trapezoid(density, p) == pytest.approx(1.0, abs=1e-9)
    mean = np.trapezoid(p * density, p)
    assert mean == pytest.approx(3 / 12, abs=1e-9)
    assert 3 * 9 / (12**2 * 13) == 27 / 1872
    assert np.trapezoid((p - mean) ** 2 * density, p) == pytest.approx(27 / 1872, abs=1e-9)
    assert "area 1, mean $3/12$, variance $27/1872$" in PROSE and "2001 equally spaced points" in PROSE


def test_claim_the_posterior_losses_bottom_out_at_the_mean_and_median_and_the_mode_is_worse():
    p = np.linspace(0.0, 1.0, 2001)
    density = beta_density(p, 3.0, 9.0)
    guesses = np.linspace(0.0, 0.6, 601)
    squared, absolute = density_expected_losses(p, density, guesses)
    mean, median = np.trapezoid(p * density, p), density_median(p, density)
    np.testing.assert_allclose(squared, (guesses - mean) ** 2 + np.trapezoid((p - mean) ** 2 * density, p),
                               atol=1e-9)
    assert guesses[np.argmin(squared)] == pytest.approx(0.25, abs=1e-12)
    assert abs(guesses[np.argmin(absolute)] - median) <= 0.0005 and round(median, 3) == 0.236
    mode_index = 200  # the guess 0.2
    assert guesses[mode_index] == pytest.approx(0.2)
    assert squared[mode_index] > squared.min() and absolute[mode_index] > absolute.min()
    assert "mean (0.25)" in PROSE and "median (about 0.236)" in PROSE and "dotted, 0.2" in PROSE


def test_claim_the_noisy_line_is_100_examples_of_the_stated_line_with_noise_sd_0_5():
    X, Y = noisy_line()
    assert X.shape == (100, 2) and Y.shape == (100, 1)
    noise = Y[:, 0] - (2 + X @ np.array([1.5, -0.7]))
    assert abs(np.std(noise) - 0.5) < 0.1
    assert "100 examples of $y = 2 + 1.5x_1 - 0.7x_2$ plus noise of standard deviation 0.5" in PROSE


def test_claim_minus_log_L_three_ways():
    X, Y = noisy_line()
    alpha, beta, sigma = np.array([[1.0]]), np.array([[1.0, -1.0]]), 0.8
    residuals = Y - gdlib.predict(X, alpha, beta)
    from_densities = -np.sum(np.log(np.exp(-(residuals**2) / (2 * sigma**2)) / np.sqrt(2 * np.pi * sigma**2)))
    J = gdlib.mse_cost(X, Y, alpha, beta)
    from_formula = 50 * np.log(2 * np.pi * sigma**2) + 100 * J / (2 * sigma**2)
    assert from_densities == pytest.approx(from_formula, rel=1e-12)
    assert 100 * gaussian_nll(X, Y, alpha, beta, math.log(sigma)) == pytest.approx(from_formula, rel=1e-12)
    assert round(from_formula, 4) == 199.7455 and OUTPUTS.count("199.7455") == 3


def test_claim_the_gradients_in_alpha_and_beta_are_the_mses_over_two_sigma_squared():
    X, Y = noisy_line()
    alpha, beta, sigma = np.array([[1.0]]), np.array([[1.0, -1.0]]), 0.8
    d_alpha, d_beta, d_log_sigma = gaussian_nll_gradients(X, Y, alpha, beta, math.log(sigma))
    mse_d_alpha, mse_d_beta = gdlib.mse_gradients(X, Y, alpha, beta)
    np.testing.assert_allclose(d_alpha, mse_d_alpha / (2 * sigma**2), rtol=1e-12)
    np.testing.assert_allclose(d_beta, mse_d_beta / (2 * sigma**2), rtol=1e-12)
    assert d_log_sigma == pytest.approx(1 - gdlib.mse_cost(X, Y, alpha, beta) / sigma**2, rel=1e-12)
    numeric = gdlib.numerical_gradient(lambda s: gaussian_nll(X, Y, alpha, beta, s[0]), [math.log(sigma)])
    assert d_log_sigma == pytest.approx(numeric[0], rel=1e-7)


def test_claim_the_exercise_cases_have_sigma_from_about_0_15_to_10():
    from gdlib.exercises.why_squares import LOG_SIGMAS

    assert "σ from about 0.15 to 10" in PROSE
    assert round(math.exp(min(LOG_SIGMAS)), 2) == 0.15 and round(math.exp(max(LOG_SIGMAS))) == 10


def test_claim_the_best_sigma_is_the_root_of_the_mse_at_the_optimum():
    X, Y = noisy_line()
    alpha_star, beta_star = gdlib.least_squares(X, Y)
    J_star = gdlib.mse_cost(X, Y, alpha_star, beta_star)
    sigmas = np.arange(0.40, 0.60, 0.0001)
    nlls = [gaussian_nll(X, Y, alpha_star, beta_star, math.log(s)) for s in sigmas]
    assert abs(sigmas[np.argmin(nlls)] - math.sqrt(J_star)) <= 0.0001
    assert (round(J_star, 6), round(math.sqrt(J_star), 6)) == (0.233576, 0.483297)
    unbiased = math.sqrt(100 * J_star / (100 - 2 - 1))  # m - n - 1 with n = 2 features
    assert round(unbiased, 6) == 0.490714 and unbiased > math.sqrt(J_star)
    # the figure's left panel: for every fixed sigma, the same best weight (the least-squares one)
    weights = beta_star[0, 0] + np.linspace(-1.0, 1.0, 121)
    for sigma in (0.3, 0.5, 1.0, 2.0):
        values = [gaussian_nll(X, Y, alpha_star, [[w, beta_star[0, 1]]], math.log(sigma)) for w in weights]
        assert np.argmin(values) == 60  # the middle of the grid, beta_1 of least squares


def test_claim_three_routes_agree_in_every_printed_digit():
    X, Y = noisy_line()
    alpha_star, beta_star = gdlib.least_squares(X, Y)
    J_star = gdlib.mse_cost(X, Y, alpha_star, beta_star)
    nll_fit = fit_gaussian(X, Y, 0.2, 400)  # from alpha = 0, beta = 0, sigma = 1: the defaults
    assert nll_fit.nlls[0] == pytest.approx(gaussian_nll(X, Y, 0.0, [0.0, 0.0], 0.0))
    mse_fit = gdlib.gradient_descent(X, Y, 0.2, 400)
    rows = [np.hstack([alpha_star[0], beta_star[0], math.sqrt(J_star)]),
            np.hstack([mse_fit.alpha[0], mse_fit.beta[0], math.sqrt(mse_fit.cost)]),
            np.hstack([nll_fit.alpha[0], nll_fit.beta[0], nll_fit.sigma])]
    printed = [" ".join(f"{v:8.5f}" for v in row) for row in rows]
    assert printed[0] == printed[1] == printed[2] == " 2.03101  1.48778 -0.76407  0.48330"
    assert np.all(np.diff(nll_fit.nlls) <= 1e-15)  # every step went downhill


def test_claim_laplace_noise_gives_the_absolute_error():
    X, Y = noisy_line()
    residuals = Y[:, 0] - (1.0 + X @ np.array([1.0, -1.0]))
    b = 0.7
    minus_log_L = -np.sum(np.log(np.exp(-np.abs(residuals) / b) / (2 * b)))
    assert minus_log_L == pytest.approx(100 * math.log(2 * b) + np.sum(np.abs(residuals)) / b, rel=1e-12)


def test_claim_cross_references_and_the_next_notebook():
    folder = NOTEBOOK.parent
    assert "(notebook 04)" in PROSE and (folder / "04_robust_losses.ipynb").exists()
    assert "Next: `09_minibatch_descent.ipynb`" in PROSE
    assert "0.4833" in OUTPUTS  # exercise 4 says the maximum-likelihood sigma is printed above
