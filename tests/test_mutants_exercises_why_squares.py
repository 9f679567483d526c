"""gdlib.exercises.why_squares (notebook 08's nll_gradients checker): the whole feedback a learner
reads for each classic mistake, each mistake's outputs against the same mistake written as a
learner's plain code (values and shapes), the starter and an exception, and the held-out cases:
regression_problems(7) paired with LOG_SIGMAS, the same on every call.

Written for the survivors of `make mutants`; the messages are written out word for word here,
because a learner reads them.
"""

import numpy as np
import pytest

from gdlib.exercises import check_nll_gradients
from gdlib.exercises.cases import regression_problems
from gdlib.exercises.why_squares import LOG_SIGMAS, NLL_MISTAKES, nll_gradients_exercise

D_ALPHA = "∂ℓ/∂α = −(1/(mσ²)) Σ (y − ŷ)"
D_BETA = "∂ℓ/∂β = −(1/(mσ²)) (Y − Ŷ)ᵀ X"
D_S = "∂ℓ/∂s = 1 − J/σ²"
BOTH = f"{D_ALPHA} and {D_BETA}, that is (∂J/∂α, ∂J/∂β) / (2σ²)"
ALL = f"{D_ALPHA}, {D_BETA} and {D_S}"
TABLE = ("a 1-D array (m,) met a column (m, 1), which numpy broadcasts into an (m, m) table. Look at the shapes "
         "of Y and Ŷ: both must be (m, 1) columns (use `X @ beta.T`, never `.ravel()`). Also, `d_beta` has shape "
         "(5, 1) where (1, 1) is expected: many rows where one belongs is what numpy makes when a 1-D array of m "
         "numbers, shape (m,), meets a column (m, 1): it broadcasts the two into an (m, m) table. Keep every "
         "column as (m, 1).")


# --- a learner's mistakes, written as plain code --------------------------------------------

def _learner(*, variance=lambda s: np.exp(2 * s), factor=lambda m: -1 / m, bias=True, third=None, errors=None):
    """A learner's function with one piece changed: the variance, the factor in front of the sum, the
    bias, the third output from (J, sigma, m), or the errors from (Y, Y_hat)."""
    def learner(X, Y, alpha, beta, log_sigma):
        m = X.shape[0]
        v = variance(log_sigma)
        Y_hat = (alpha if bias else 0) + X @ beta.T
        e = Y - Y_hat if errors is None else errors(Y, Y_hat)
        J = np.mean(e**2)
        d_alpha = np.array([[factor(m) * np.sum(e) / v]])
        d_beta = factor(m) * (e.T @ X) / v
        right_third = 1 - J / v
        return d_alpha, d_beta, right_third if third is None else third(J, np.exp(log_sigma), m)
    return learner


def mse_gradients_only(X, Y, alpha, beta, log_sigma):
    m = X.shape[0]
    e = Y - (alpha + X @ beta.T)
    return -(2 / m) * e.sum(axis=0, keepdims=True), -(2 / m) * e.T @ X, 1 - np.mean(e**2) / np.exp(2 * log_sigma)


#: (the learner who makes the mistake, the whole message); the learners are in the order of NLL_MISTAKES.
CLASSIC = [
    (mse_gradients_only, "`d_log_sigma` is right. `d_alpha` and `d_beta` look like the 1/(2σ²) is missing: that "
                         "is the MSE's gradient itself, which points the same way but has another length. "
                         f"Look at {BOTH}."),
    (_learner(factor=lambda m: -2 / m), "`d_log_sigma` is right. `d_alpha` and `d_beta` look like the ½ of "
                                        "1/(2σ²) is lost: it divides the MSE's gradient by σ² instead of 2σ². "
                                        f"Look at {BOTH}."),
    (_learner(factor=lambda m: -0.5 / m), "`d_log_sigma` is right. `d_alpha` and `d_beta` look like the factor 2 is "
                                          f"missing (the 2 from the square cancels the 2 of 2σ²). Look at {BOTH}."),
    (_learner(variance=np.exp), "`d_alpha`, `d_beta` and `d_log_sigma` look like σ² is computed as exp(s), which is "
                                f"σ: the variance is σ² = exp(2s). Look at the σ² in {ALL}."),
    (_learner(variance=lambda s: s**2), "`d_alpha`, `d_beta` and `d_log_sigma` look like log σ is used as if it "
                                        "were σ: the variance is σ² = exp(2s), not s². Look at the σ² in "
                                        f"{ALL}, with σ = exp(s)."),
    (_learner(factor=lambda m: 1 / m), "`d_log_sigma` is right. `d_alpha` and `d_beta` look like the sign is "
                                       f"flipped. Look at the minus in front of 1/(mσ²): {BOTH}."),
    (_learner(factor=lambda m: -1), "`d_log_sigma` is right. `d_alpha` and `d_beta` look like a sum where the mean "
                                    f"belongs (the 1/m is missing). Look at the 1/m in {BOTH}."),
    (_learner(bias=False), "`d_alpha`, `d_beta` and `d_log_sigma` look like the prediction leaves out the bias. "
                           "Look at the prediction Ŷ = α + Xβᵀ: α belongs in it."),
    (_learner(errors=lambda Y, Y_hat: Y.ravel() - Y_hat), f"`d_alpha`, `d_beta` and `d_log_sigma` look like {TABLE}"),
    (_learner(errors=lambda Y, Y_hat: Y - Y_hat.ravel()), f"`d_alpha`, `d_beta` and `d_log_sigma` look like {TABLE}"),
    (_learner(third=lambda J, sigma, m: 1 / sigma - J / sigma**3),
     "`d_alpha` and `d_beta` are right. `d_log_sigma` looks like it is the derivative with respect to σ, "
     "1/σ − J/σ³, not with respect to s = log σ. Look at the chain rule ∂ℓ/∂s = ∂ℓ/∂σ · σ (because σ = exp(s)), "
     f"which gives {D_S}."),
    (_learner(third=lambda J, sigma, m: -J / sigma**2),
     "`d_alpha` and `d_beta` are right. `d_log_sigma` looks like the 1 is missing: it is the derivative of the s "
     f"in ℓ = ½ log(2π) + s + J/(2σ²). Look at {D_S}."),
    (_learner(third=lambda J, sigma, m: J / sigma**2 - 1),
     f"`d_alpha` and `d_beta` are right. `d_log_sigma` looks like the sign is flipped. Look at the order in {D_S}."),
    (_learner(third=lambda J, sigma, m: 1 - J / (2 * sigma**2)),
     "`d_alpha` and `d_beta` are right. `d_log_sigma` looks like the factor 2 is missing: σ² = exp(2s), so "
     f"∂(1/(2σ²))/∂s = −2/(2σ²) = −1/σ². Look at {D_S}: the J/(2σ²) of ℓ becomes J/σ²."),
    (_learner(third=lambda J, sigma, m: 1 - m * J / sigma**2),
     "`d_alpha` and `d_beta` are right. `d_log_sigma` looks like J is the sum of the squared errors where the mean "
     f"belongs. Look at {D_S}, with J = (1/m) Σ (y − ŷ)²."),
]
IDS = [f"mistake_{k}" for k in range(len(CLASSIC))]


@pytest.mark.parametrize(("learner", "message"), CLASSIC, ids=IDS)
def test_each_classic_mistake_gets_its_whole_feedback(learner, message):
    result = check_nll_gradients(learner)
    assert not result.passed and result.written and result.title == "nll_gradients"
    assert result.message == message
    assert repr(result) == f"✘ nll_gradients: {message}"


@pytest.mark.parametrize("index", range(len(CLASSIC)), ids=IDS)
def test_each_mistake_returns_what_the_mistaken_code_returns(index):
    learner, message = CLASSIC[index]
    mistake = NLL_MISTAKES[index]
    assert f" like {mistake.says}. Look at {mistake.look_at}." in message
    for case in nll_gradients_exercise().cases:
        copies = [np.array(a, copy=True) if isinstance(a, np.ndarray) else a for a in case.args]
        got, want = mistake.gives(*copies), learner(*case.args)
        assert len(got) == 3
        for g, w in zip(got, want, strict=True):
            assert np.shape(g) == np.shape(w)
            np.testing.assert_allclose(g, w, rtol=1e-12, atol=1e-12 * float(np.max(np.abs(w))))


def starter(X, Y, alpha, beta, log_sigma):
    ...


def raises_at_once(X, Y, alpha, beta, log_sigma):
    raise ValueError("not yet")


def test_the_starter_an_exception_and_the_names_of_the_arguments():
    result = check_nll_gradients(starter)
    assert not result.passed and not result.written and result.title == "nll_gradients"
    assert result.message == ("not written yet. Replace the `...` in `nll_gradients` with your code, run that "
                              "cell, then run this one again.")
    assert check_nll_gradients(raises_at_once).message == (
        "your function raised ValueError: not yet at line 2 of `raises_at_once`: `raise ValueError(\"not yet\")`. "
        "It was called with X of shape (1, 1), Y of shape (1, 1), alpha of shape (1, 1), beta of shape (1, 1), "
        "log_sigma = 0.9.")
    exercise = nll_gradients_exercise()
    assert (exercise.title, exercise.function_name) == ("nll_gradients", "nll_gradients")
    assert exercise.outputs == ("d_alpha", "d_beta", "d_log_sigma")


def test_the_cases_are_regression_problems_of_seed_7_with_the_log_sigmas():
    assert LOG_SIGMAS == (0.9, -1.2, 1.7, 0.4, -0.8, 2.3, -1.9)
    problems = regression_problems(7)
    for cases in (nll_gradients_exercise().cases, nll_gradients_exercise(7).cases):
        assert len(cases) == len(problems) == len(LOG_SIGMAS)
        for case, problem, log_sigma in zip(cases, problems, LOG_SIGMAS, strict=True):
            assert case.names == ("X", "Y", "alpha", "beta", "log_sigma")
            for got, want in zip(case.args[:4], problem, strict=True):
                np.testing.assert_array_equal(got, want)
            assert case.args[4] == log_sigma
