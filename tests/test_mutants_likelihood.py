"""gdlib.likelihood against the Gaussian density written out here, and each refusal in full.

Written for the survivors of `make mutants`.
"""

import math
import warnings

import numpy as np
import pytest
from refusals import refusal

from gdlib import likelihood

X = np.array([[0.0], [1.0], [2.0]])
Y = np.array([[1.0], [2.5], [5.5]])



def _nll_by_hand(alpha, beta, s):
    sigma = math.exp(s)
    terms = [-math.log(math.exp(-((y - alpha - beta * x) ** 2) / (2 * sigma**2)) / (sigma * math.sqrt(2 * math.pi)))
             for (x,), (y,) in zip(X, Y, strict=True)]
    return sum(terms) / len(terms)


@pytest.mark.parametrize("s", [-0.5, 0.0, 0.7])
def test_the_nll_is_the_mean_minus_log_density_and_its_gradient_matches_differences(s):
    assert likelihood.gaussian_nll(X, Y, 0.5, [1.5], s) == pytest.approx(_nll_by_hand(0.5, 1.5, s), rel=1e-13)
    d_alpha, d_beta, d_s = likelihood.gaussian_nll_gradients(X, Y, 0.5, [1.5], s)
    h = 1e-6
    assert d_alpha[0, 0] == pytest.approx((_nll_by_hand(0.5 + h, 1.5, s) - _nll_by_hand(0.5 - h, 1.5, s)) / (2 * h),
                                          rel=1e-6)
    assert d_beta[0, 0] == pytest.approx((_nll_by_hand(0.5, 1.5 + h, s) - _nll_by_hand(0.5, 1.5 - h, s)) / (2 * h),
                                         rel=1e-6)
    assert d_s == pytest.approx((_nll_by_hand(0.5, 1.5, s + h) - _nll_by_hand(0.5, 1.5, s - h)) / (2 * h), rel=1e-6)


def test_every_fit_update_is_minus_the_rate_times_the_gradient():
    fit = likelihood.fit_gaussian(X, Y, 0.1, 3, alpha=0.5, beta=[1.5], log_sigma=0.2)
    alpha, beta, s = 0.5, 1.5, 0.2
    nlls = [_nll_by_hand(alpha, beta, s)]
    for _ in range(3):
        h = 1e-6
        # the gradient from its closed form: residuals r, J = mean r^2, sigma^2 = e^(2s)
        r = [y - alpha - beta * x for (x,), (y,) in zip(X, Y, strict=True)]
        J, var = sum(t * t for t in r) / 3, math.exp(2 * s)
        g_alpha = -2 / 3 * sum(r) / (2 * var)
        g_beta = -2 / 3 * sum(t * x for t, (x,) in zip(r, X, strict=True)) / (2 * var)
        g_s = 1 - J / var
        assert g_s == pytest.approx((_nll_by_hand(alpha, beta, s + h) - _nll_by_hand(alpha, beta, s - h)) / (2 * h),
                                    rel=1e-5)
        alpha, beta, s = alpha - 0.1 * g_alpha, beta - 0.1 * g_beta, s - 0.1 * g_s
        nlls.append(_nll_by_hand(alpha, beta, s))
    np.testing.assert_allclose(fit.nlls, nlls, rtol=1e-12)
    assert fit.alpha[0, 0] == pytest.approx(alpha, rel=1e-12) and fit.beta[0, 0] == pytest.approx(beta, rel=1e-12)
    assert fit.log_sigma == pytest.approx(s, rel=1e-12) and fit.sigma == pytest.approx(math.exp(s), rel=1e-12)
    assert not fit.diverged


def test_the_default_start_is_zero_weights_and_sigma_one():
    default = likelihood.fit_gaussian(X, Y, 0.05, 2)
    spelled = likelihood.fit_gaussian(X, Y, 0.05, 2, alpha=0.0, beta=[0.0], log_sigma=0.0)
    np.testing.assert_array_equal(default.nlls, spelled.nlls)
    assert default.nlls[0] == pytest.approx(_nll_by_hand(0.0, 0.0, 0.0), rel=1e-13)


def test_a_run_that_overflows_stops_as_diverged():
    fit = likelihood.fit_gaussian(X, 1e150 * Y, 1.0, 5, log_sigma=-300.0)
    assert fit.diverged and len(fit.nlls) <= 2 and np.isfinite(fit.alpha).all() and math.isfinite(fit.log_sigma)


REFUSALS = [
    (lambda: likelihood.gaussian_nll(X, Y, 0.0, [0.0], "1"), TypeError,
     "log_sigma must be a real number (the log of the noise sd), got str '1'."),
    (lambda: likelihood.gaussian_nll(X, Y, 0.0, [0.0], True), TypeError,
     "log_sigma must be a real number (the log of the noise sd), got bool True."),
    (lambda: likelihood.gaussian_nll_gradients(X, Y, 0.0, [0.0], math.inf), ValueError,
     "log_sigma must be finite, got inf."),
    (lambda: likelihood.fit_gaussian(X, Y[:2], 0.1, 1), ValueError,
     "Y must have one row per example of X: expected 3 rows, got 2 (shape (2, 1)). "
     "If Y is right, X must have 2 rows instead."),
    (lambda: likelihood.fit_gaussian(X, Y, 0.0, 1), ValueError,
     "learning_rate must be a finite number greater than 0, got 0.0."),
    (lambda: likelihood.fit_gaussian(X, Y, 0.1, -1), ValueError, "iterations must be >= 0, got -1."),
    (lambda: likelihood.fit_gaussian(X, Y, 0.1, 1, alpha=[1.0, 2.0]), ValueError,
     "alpha must be a number or an array of shape (1, 1), got a 1-D array of shape (2,)."),
    (lambda: likelihood.fit_gaussian(X, Y, 0.1, 1, beta=[1.0, 2.0]), ValueError,
     "beta must have shape (1, n) or (n,) with n = 1 (one weight per feature of X), got a 1-D array of shape (2,). "
     "If beta is right, X must have 2 columns (features) instead."),
    (lambda: likelihood.fit_gaussian(X, Y, 0.1, 1, log_sigma=math.nan), ValueError,
     "log_sigma must be finite, got nan."),
]


@pytest.mark.parametrize(("call", "error", "message"), REFUSALS)
def test_each_refusal_in_full(call, error, message):
    assert refusal(call, error) == message


def test_a_step_whose_log_sigma_overflows_stops_before_it_is_taken():
    # sigma^2 = e^-700 (about 1e-304): J / sigma^2 overflows, so the step in log sigma is infinite
    # while the steps in alpha and beta (about 1e306) are still finite numbers.
    fit = likelihood.fit_gaussian(X, 100 * Y, 0.1, 3, log_sigma=-350.0)
    assert fit.diverged and len(fit.nlls) == 1
    assert fit.alpha.tolist() == [[0.0]] and fit.beta.tolist() == [[0.0]] and fit.log_sigma == -350.0


def test_y_is_checked_before_the_learning_rate():
    assert refusal(lambda: likelihood.fit_gaussian(X, Y[:2], 0.0, 1)) == (
        "Y must have one row per example of X: expected 3 rows, got 2 (shape (2, 1)). "
        "If Y is right, X must have 2 rows instead."
    )


def test_a_gradient_that_is_inf_minus_inf_stops_as_diverged_without_a_warning():
    # residuals 1e10 and -1e10 on a feature of 1e300: the two products of (Y - Y_hat)^T X overflow to
    # +inf and -inf, whose sum is nan (an invalid operation) in the first gradient; the start is finite
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with np.errstate(all="warn"):
            fit = likelihood.fit_gaussian([[1e300], [1e300]], [[1e10], [-1e10]], 0.1, 3)
    assert fit.diverged and fit.nlls.tolist() == [0.5 * math.log(2 * math.pi) + 1e20 / 2]
    assert fit.beta.tolist() == [[0.0]] and fit.log_sigma == 0.0
