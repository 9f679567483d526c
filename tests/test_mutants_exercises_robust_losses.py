"""gdlib.exercises.robust_losses (notebook 04's huber_gradients checker): the whole feedback a
learner reads for each classic mistake, each mistake's outputs against the same mistake written as
a learner's plain code, the held-out cases replayed from their documented recipe, and the delta
of each case from the documented threshold, worked out by hand.

Written for the survivors of `make mutants`; the messages are written out word for word here,
because a learner reads them.
"""

import math

import numpy as np
import pytest

from gdlib.exercises import check_huber_gradients
from gdlib.exercises.cases import regression_problems
from gdlib.exercises.robust_losses import MISTAKES, _threshold, huber_gradients_cases, huber_gradients_exercise

D_ALPHA = "∂J/∂α = −(1/m) Σ clip(yᵢ − ŷᵢ, −δ, δ)"
D_BETA = "∂J/∂β = −(1/m) clip(Y − Ŷ, −δ, δ)ᵀ X"
BOTH = f"{D_ALPHA} and {D_BETA}"
CLIP = f"the clip in {BOTH}: residuals inside [−δ, δ] are kept as they are, larger ones become ±δ"


# --- a learner's mistakes, written as plain code --------------------------------------------

def _pulls_learner(pull, divide_by="m", bias=True):
    """A learner's function: each example's pull from its residual r and delta, averaged over divide_by."""
    def learner(X, Y, alpha, beta, delta):
        m, n = X.shape
        errors = Y - ((alpha if bias else 0.0) + X @ beta.T)
        pulls = pull(errors, delta)
        if divide_by == "m":
            pulls = pulls / m
        elif divide_by == "n":
            pulls = pulls / n
        return pulls.sum(axis=0, keepdims=True), pulls.T @ X
    return learner


def _clip(errors, delta):
    return np.minimum(np.maximum(errors, -delta), delta)


flipped_sign = _pulls_learner(lambda e, d: _clip(e, d))
mse_gradient = _pulls_learner(lambda e, d: -2 * e)
not_clipped = _pulls_learner(lambda e, d: -e)
clipped_to_one = _pulls_learner(lambda e, d: -_clip(e, 1.0))
outside_pulls_one = _pulls_learner(lambda e, d: np.where(np.abs(e) <= d, -e, -np.sign(e)))
mae_gradient = _pulls_learner(lambda e, d: -np.sign(e))
swapped_cases = _pulls_learner(lambda e, d: np.where(np.abs(e) > d, -e, -d * np.sign(e)))
lost_the_sign = _pulls_learner(lambda e, d: -np.minimum(np.abs(e), d))
factor_two = _pulls_learner(lambda e, d: -2 * _clip(e, d))
sum_for_mean = _pulls_learner(lambda e, d: -_clip(e, d), divide_by=None)
divides_by_n = _pulls_learner(lambda e, d: -_clip(e, d), divide_by="n")
no_bias = _pulls_learner(lambda e, d: -_clip(e, d), bias=False)


def clipped_the_gradient(X, Y, alpha, beta, delta):
    m = X.shape[0]
    errors = Y - (alpha + X @ beta.T)
    d_alpha = np.array([[-sum(errors[i, 0] for i in range(m)) / m]])
    d_beta = -(errors.T @ X) / m
    return _clip(d_alpha, delta), _clip(d_beta, delta)


def broadcast(X, Y, alpha, beta, delta):
    m = X.shape[0]
    table = -_clip(Y.ravel() - (alpha + X @ beta.T), delta) / m  # (m,) against (m, 1): (m, m)
    return np.array([[table.sum()]]), table.T @ X


def raises_at_once(X, Y, alpha, beta, delta):
    raise ValueError("not yet")


def starter(X, Y, alpha, beta, delta):
    ...


#: (the mistake's index in MISTAKES, the learner who makes it, the whole message).
CLASSIC = [
    (0, flipped_sign, "`d_alpha` and `d_beta` look like the sign is flipped. Look at the minus in front of "
                      f"1/m: {BOTH}."),
    (1, mse_gradient, "`d_alpha` and `d_beta` look like the gradient of the MSE: nothing is clipped, so each "
                      f"example pulls with −2r however large r is. Look at {CLIP}."),
    (2, not_clipped, "`d_alpha` and `d_beta` look like nothing is clipped (this is the gradient of half the MSE, "
                     f"which an outlier drags as hard as the MSE). Look at {CLIP}."),
    (3, clipped_to_one, "`d_alpha` and `d_beta` look like the residuals are clipped to [−1, 1] instead of [−δ, δ]. "
                        f"Look at the bounds of {CLIP}."),
    (4, outside_pulls_one, "`d_alpha` and `d_beta` look like the residuals beyond δ pull with ±1 instead of ±δ "
                           f"(the slope of δ(|r| − δ/2) is ±δ). Look at the bounds of {CLIP}."),
    (5, mae_gradient, "`d_alpha` and `d_beta` look like the gradient of the MAE: every example pulls with ±1, the "
                      f"sign of its residual, and the residuals inside [−δ, δ] lose their size. Look at {CLIP}."),
    (6, swapped_cases, "`d_alpha` and `d_beta` look like the two cases are swapped: the residuals inside [−δ, δ] "
                       f"pull with ±δ and the larger ones with −r. Look at {CLIP}."),
    (7, lost_the_sign, "`d_alpha` and `d_beta` look like the sign of each residual is lost: every pull is "
                       f"−min(|r|, δ), the right size but always negative. Look at {BOTH}: clip the signed "
                       "residual r = y − ŷ."),
    (8, clipped_the_gradient, "`d_alpha` and `d_beta` look like the gradients are clipped after averaging, "
                              f"instead of each example's residual before it. Look at {CLIP}."),
    (9, factor_two, "`d_alpha` and `d_beta` look like an extra factor 2: the Huber loss is r²/2 inside [−δ, δ], "
                    f"so the pull there is −r, not the MSE's −2r. Look at {BOTH}."),
    (10, sum_for_mean, "`d_alpha` and `d_beta` look like a sum where the mean belongs (the 1/m is missing). "
                       f"Look at the 1/m in {BOTH}."),
    (11, divides_by_n, "`d_alpha` and `d_beta` look like it divides by the number of features n instead of the "
                       f"number of examples m. Look at the m in {BOTH}: m = X.shape[0]."),
    (12, no_bias, "`d_alpha` and `d_beta` look like the prediction leaves out the bias. Look at the prediction "
                  "Ŷ = α + Xβᵀ: α belongs in it."),
    (13, broadcast, "`d_alpha` and `d_beta` look like a 1-D array (m,) subtracted from a column (m, 1), which "
                    "numpy broadcasts into an (m, m) table. Look at the shapes of Y and Ŷ: both must be (m, 1) "
                    "columns (never `.ravel()` or `[:, 0]`). Also, `d_beta` has shape (5, 1) where (1, 1) is "
                    "expected: many rows where one belongs is what numpy makes when a 1-D array of m numbers, "
                    "shape (m,), meets a column (m, 1): it broadcasts the two into an (m, m) table. Keep every "
                    "column as (m, 1)."),
]


@pytest.mark.parametrize(("index", "learner", "message"), CLASSIC, ids=[c[1].__name__ for c in CLASSIC])
def test_each_classic_mistake_gets_its_whole_feedback(index, learner, message):
    result = check_huber_gradients(learner)
    assert not result.passed and result.written
    assert result.title == "huber_gradients"
    assert result.message == message
    assert repr(result) == f"✘ huber_gradients: {message}"


def _extra_cases():
    """Hand-made cases where the unclipped gradients lie beyond +δ and beyond −δ, entry by entry."""
    X = np.array([[1.0, -2.0], [2.0, 0.5], [-1.0, 3.0]])
    alpha, beta = np.array([[0.5]]), np.array([[0.25, -0.5]])
    far_above = np.array([[10.0], [12.0], [9.0]])
    return [(X, far_above, alpha, beta, 1.0), (X, -far_above, alpha, beta, 1.0),
            (X, np.array([[0.1], [-0.2], [20.0]]), alpha, beta, 0.5)]


@pytest.mark.parametrize(("index", "learner", "message"), CLASSIC, ids=[c[1].__name__ for c in CLASSIC])
def test_each_mistake_returns_what_the_mistaken_code_returns(index, learner, message):
    mistake = MISTAKES[index]
    assert message.split(" look like ")[1].startswith(mistake.says)
    for args in [case.args for case in huber_gradients_cases()] + _extra_cases():
        copies = [np.array(a, copy=True) if isinstance(a, np.ndarray) else a for a in args]
        got, want = mistake.gives(*copies), learner(*args)
        assert len(got) == 2
        for g, w in zip(got, want, strict=True):
            assert np.shape(g) == w.shape
            np.testing.assert_allclose(g, w, rtol=1e-12, atol=1e-12 * float(np.max(np.abs(w))))


def test_the_extra_cases_reach_beyond_both_bounds():
    """The hand-made cases above do what they are for: unclipped gradients above δ and below −δ."""
    seen = set()
    for X, Y, alpha, beta, delta in _extra_cases():
        m = X.shape[0]
        errors = Y - (alpha + X @ beta.T)
        for value in [-errors.sum() / m, *(-(errors.T @ X) / m)[0]]:
            seen.add("above" if value > delta else "below" if value < -delta else "inside")
    assert {"above", "below"} <= seen


def test_the_starter_an_exception_and_the_names_of_the_arguments():
    result = check_huber_gradients(starter)
    assert not result.passed and not result.written
    assert result.message == ("not written yet. Replace the `...` in `huber_gradients` with your code, run "
                              "that cell, then run this one again.")
    assert repr(result) == f"… huber_gradients: {result.message}"
    message = check_huber_gradients(raises_at_once).message
    assert message == ("your function raised ValueError: not yet at line 2 of `raises_at_once`: "
                       "`raise ValueError(\"not yet\")`. It was called with X of shape (1, 1), Y of shape (1, 1), "
                       "alpha of shape (1, 1), beta of shape (1, 1), delta = 2.89.")
    exercise = huber_gradients_exercise()
    assert (exercise.title, exercise.function_name, exercise.outputs) == ("huber_gradients", "huber_gradients",
                                                                          ("d_alpha", "d_beta"))
    for case in exercise.cases:
        assert case.names == ("X", "Y", "alpha", "beta", "delta")


# --- the held-out cases ---------------------------------------------------------------------

def test_the_cases_are_the_documented_problems():
    """regression_problems(seed), then two problems of seed + 1 and shapes (5, 2), (3, 4) with Y, alpha
    and beta 100 times larger and 100 times smaller (X as drawn)."""
    for seed in (4, 11):
        plain = regression_problems(seed)
        scaled = regression_problems(seed + 1, shapes=((5, 2, 3.0), (3, 4, 0.1)))
        expected = plain + [(X, f * Y, f * a, f * b) for (X, Y, a, b), f in zip(scaled, (100.0, 0.01), strict=True)]
        cases = huber_gradients_cases(seed) if seed != 4 else huber_gradients_exercise().cases
        assert len(cases) == 9
        for case, problem in zip(cases, expected, strict=True):
            for got, want in zip(case.args[:4], problem, strict=True):
                np.testing.assert_array_equal(got, want)
    again = huber_gradients_cases(4)
    for first, second in zip(huber_gradients_cases(4), again, strict=True):
        for a, b in zip(first.args, second.args, strict=True):
            np.testing.assert_array_equal(a, b)


def _three_digits(x):
    return float(f"{x:.3g}")


def test_each_delta_is_the_documented_threshold():
    """One example: half its residual's size (the first case) or twice it (the second); more: the
    geometric mean of the two middle sizes, to 3 significant digits."""
    for seed in (4, 11):
        for number, case in enumerate(huber_gradients_cases(seed)):
            X, Y, alpha, beta, delta = case.args
            m, n = X.shape
            sizes = sorted(abs(Y[i, 0] - alpha[0, 0] - sum(X[i, j] * beta[0, j] for j in range(n))) for i in range(m))
            if m == 1:
                want = _three_digits(sizes[0] * (0.5 if number == 0 else 2.0))
            else:
                want = _three_digits(math.sqrt(sizes[m // 2 - 1] * sizes[m // 2]))
                assert sizes[m // 2 - 1] < want < sizes[m // 2]
            assert delta == pytest.approx(want, rel=1e-12)


@pytest.mark.parametrize(("residuals", "outside", "delta"), [
    ([[1.23456]], True, 0.617),
    ([[-1.23456]], False, 2.47),
    ([[1.0], [-4.0]], True, 2.0),
    ([[-4.0], [1.0], [9.0], [-16.0]], True, 6.0),  # the two middle sizes, 4 and 9
    ([[25.0], [-4.0], [9.0], [1.0], [16.0]], True, 6.0),  # five: sizes[1] = 4 and sizes[2] = 9
    ([[2.0], [3.0]], True, 2.45),  # √6 = 2.449..., to 3 digits
    # rounding √(1.0001 · 1.0004) to 3 digits gives 1.0, below both sizes: the unrounded mean is kept
    ([[0.5], [1.0001], [-1.0004], [7.0]], True, math.sqrt(1.0001 * 1.0004)),
    ([[1.0], [1.004]], True, math.sqrt(1.004)),  # 3 digits give 1.0, equal to the smaller size
    ([[0.9995], [1.0]], True, math.sqrt(0.9995)),  # 3 digits give 1.0, equal to the larger size
])
def test_the_threshold_by_hand(residuals, outside, delta):
    got = _threshold(np.array(residuals), outside)
    assert isinstance(got, float)
    assert got == pytest.approx(delta, rel=1e-14)
