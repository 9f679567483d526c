"""Notebook 07's machinery: best constants, the Beta posterior on a grid, the Gaussian likelihood,
the slider figure and the exercises."""

import math
import warnings

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
from gdlib.widgets import figure_png
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


def test_figures_draw():
    from gdlib.plots.why_squares import likelihood_figure, posterior_figure

    X, Y = noisy_line()
    assert figure_png(likelihood_figure(X, Y, [0.5, 1.0]))
    theta = np.linspace(0, 1, 201)
    density = beta_density(theta, 3.0, 9.0)
    guesses = np.linspace(0, 0.6, 61)
    squared, absolute = density_expected_losses(theta, density, guesses)
    assert figure_png(posterior_figure(theta, density, guesses, squared, absolute, mean=0.25, median=0.236,
                                       mode=0.2, name="Beta(3, 9)"))


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
