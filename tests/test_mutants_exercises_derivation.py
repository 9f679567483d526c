"""gdlib.exercises.derivation: the held-out cases of both checkers, replayed from their documented
recipe; the classic mistakes' outputs, computed here with plain loops; the tolerance; and the
feedback a learner reads, word for word.

Written for the survivors of `make mutants`.
"""

import math

import numpy as np
import pytest
from test_exercises_derivation import central  # the learner's central difference

from gdlib.exercises import check_mse_gradients, check_numerical_gradient
from gdlib.exercises.cases import regression_problems
from gdlib.exercises.derivation import (
    GRADIENT_MISTAKES,
    NUMERICAL_MISTAKES,
    mse_gradients_exercise,
    numerical_gradient_exercise,
)

# --- the held-out cases -------------------------------------------------------------------


def test_the_mse_gradients_cases_are_the_seeded_regression_problems_every_time():
    first, second = mse_gradients_exercise(), mse_gradients_exercise()
    expected = regression_problems(1)  # seed 1, the exercise's default
    assert len(first.cases) == len(expected) == 7
    for case, again, problem in zip(first.cases, second.cases, expected, strict=True):
        assert case.names == ("X", "Y", "alpha", "beta")
        for a, b, c in zip(case.args, again.args, problem, strict=True):
            np.testing.assert_array_equal(a, b)
            np.testing.assert_array_equal(a, c)


def _normals(rng, rows, columns):
    """Standard normals drawn one at a time, row by row."""
    return np.array([[rng.normal() for _ in range(columns)] for _ in range(rows)])


def _mse(X, Y, alpha, beta):
    """J = (1/m) Σ (y − α − Σ_j x_j β_j)², as a plain loop."""
    m, n = X.shape
    total = 0.0
    for i in range(m):
        prediction = alpha[0, 0] + sum(X[i, j] * beta[0, j] for j in range(n))
        total += (Y[i, 0] - prediction) ** 2
    return total / m


def _curved(weights, x):
    """Σ w·exp(2x) + (Σ x)², as a plain loop."""
    rows, columns = x.shape
    entries = [(r, c) for r in range(rows) for c in range(columns)]
    return sum(weights[e] * math.exp(2.0 * x[e]) for e in entries) + sum(x[e] for e in entries) ** 2


def test_the_numerical_gradient_cases_replay_their_documented_recipe():
    cases = numerical_gradient_exercise().cases  # seed 2, the default
    again = numerical_gradient_exercise().cases
    assert len(cases) == 5 and all(case.names == ("f", "x", "eps") for case in cases)
    (X, Y, alpha, beta), (X2, Y2, alpha2, beta2) = regression_problems(2, shapes=((5, 3, 1.0), (2, 5, 10.0)))
    rng = np.random.default_rng(2)
    weights = _normals(rng, 2, 3)
    point = _normals(rng, 2, 3)
    small = 0.1 * _normals(rng, 2, 3)
    assert X.shape == (5, 3) and X2.shape == (2, 5)

    (f, x, eps) = cases[0].args
    np.testing.assert_array_equal(x, alpha)
    assert eps == 1e-6
    for a in (alpha, alpha + 0.7, np.array([[-3.0]])):
        assert f(a) == pytest.approx(_mse(X, Y, a, beta), rel=1e-12)

    (f, x, eps) = cases[1].args
    np.testing.assert_array_equal(x, beta2)
    assert eps == 1e-5
    for b in (beta2, beta2 + 0.01, np.zeros((1, 5))):
        assert f(b) == pytest.approx(_mse(X2, Y2, alpha2, b), rel=1e-12)

    for case, at, step in ((cases[2], point, 1e-3), (cases[3], small, 1e-2)):
        (f, x, eps) = case.args
        np.testing.assert_allclose(x, at, rtol=1e-15)
        assert eps == step
        for y in (at, np.zeros((2, 3)), at + 0.5):
            assert f(y) == pytest.approx(_curved(weights, y), rel=1e-12)

    (f, x, eps) = cases[4].args
    np.testing.assert_array_equal(x, [[0.3]])
    assert eps == 1e-3
    assert f(np.array([[0.3]])) == pytest.approx(40.0 * math.cos(0.9), rel=1e-14)
    assert f(np.array([[-0.5]])) == pytest.approx(40.0 * math.cos(-1.5), rel=1e-14)

    for case, other in zip(cases, again, strict=True):  # the same cases on every call
        np.testing.assert_array_equal(case.args[1], other.args[1])
        assert case.args[0](case.args[1]) == other.args[0](other.args[1])


# --- the classic mistakes, computed here ------------------------------------------------------

X_SMALL = np.array([[1.0, 2.0], [3.0, 4.0], [5.0, 7.0]])
Y_SMALL = np.array([[1.0], [0.0], [2.0]])
ALPHA_SMALL = np.array([[0.5]])
BETA_SMALL = np.array([[0.1, -0.2]])


def _residuals(bias=True):
    return [Y_SMALL[i, 0] - ((ALPHA_SMALL[0, 0] if bias else 0.0)
                             + sum(X_SMALL[i, j] * BETA_SMALL[0, j] for j in range(2))) for i in range(3)]


def _scaled_gradients(factor, bias=True):
    r = _residuals(bias)
    return (np.array([[factor * sum(r)]]),
            np.array([[factor * sum(r[i] * X_SMALL[i, j] for i in range(3)) for j in range(2)]]))


@pytest.mark.parametrize(("index", "factor", "bias"), [
    (0, 2.0 / 3, True),       # the sign flipped
    (1, -1.0 / 3, True),      # no factor 2
    (2, -2.0, True),          # a sum for the mean
    (3, -2.0 / 2, True),      # n = 2 for m = 3
    (4, -2.0 / 3, False),     # no bias
    (5, -2.0 / 9, True),      # m twice
])
def test_each_gradient_mistake_gives_what_the_mistaken_code_gives(index, factor, bias):
    d_alpha, d_beta = GRADIENT_MISTAKES[index].gives(X_SMALL, Y_SMALL, ALPHA_SMALL, BETA_SMALL)
    want_alpha, want_beta = _scaled_gradients(factor, bias)
    assert d_alpha.shape == (1, 1) and d_beta.shape == (1, 2)
    np.testing.assert_allclose(d_alpha, want_alpha, rtol=1e-13)
    np.testing.assert_allclose(d_beta, want_beta, rtol=1e-13)


def test_the_broadcast_mistakes_give_the_m_by_m_table():
    predictions = [ALPHA_SMALL[0, 0] + X_SMALL[k] @ BETA_SMALL[0] for k in range(3)]
    table = [[Y_SMALL[i, 0] - predictions[k] for i in range(3)] for k in range(3)]  # y_i − ŷ_k
    total = sum(sum(row) for row in table)
    flattened_targets = GRADIENT_MISTAKES[6].gives(X_SMALL, Y_SMALL, ALPHA_SMALL, BETA_SMALL)
    flattened_predictions = GRADIENT_MISTAKES[7].gives(X_SMALL, Y_SMALL, ALPHA_SMALL, BETA_SMALL)
    for d_alpha, _ in (flattened_targets, flattened_predictions):
        assert d_alpha.shape == (1, 1)
        assert d_alpha[0, 0] == pytest.approx(-(2.0 / 3) * total, rel=1e-13)
    # Y[:, 0] − Ŷ: row k holds y_i − ŷ_k; its transpose times X sums over the predictions k.
    want = [[-(2.0 / 3) * sum(table[k][i] * X_SMALL[k, j] for k in range(3)) for j in range(2)] for i in range(3)]
    np.testing.assert_allclose(flattened_targets[1], want, rtol=1e-13)
    # Y − Ŷ[:, 0]: row i holds y_i − ŷ_k; its transpose times X sums over the targets i.
    want = [[-(2.0 / 3) * sum(table[k][i] * X_SMALL[i, j] for i in range(3)) for j in range(2)] for k in range(3)]
    np.testing.assert_allclose(flattened_predictions[1], want, rtol=1e-13)


def test_the_summed_over_features_mistake_gives_one_number():
    d_alpha, d_beta = GRADIENT_MISTAKES[8].gives(X_SMALL, Y_SMALL, ALPHA_SMALL, BETA_SMALL)
    want_alpha, want_beta = _scaled_gradients(-2.0 / 3)
    np.testing.assert_allclose(d_alpha, want_alpha, rtol=1e-13)
    assert np.ndim(d_beta) == 0 and float(d_beta) == pytest.approx(want_beta.sum(), rel=1e-13)


def _cubic(x):
    return 0.1 * float(np.sum(x**3))


# At x the partial derivatives of 0.1 Σ x³ are 0.3 x². With the step h, a forward difference gives
# 0.1 (3x² + 3xh + h²), a central one 0.1 (3x² + h²).
X_POINT = np.array([[1.0, 2.0], [-1.0, 3.0]])
H = 1e-6


def _forward_by_hand(x, h):
    return 0.1 * (3 * x**2 + 3 * x * h + h**2)


def _central_by_hand(x, h):
    return 0.1 * (3 * x**2 + h**2)


@pytest.mark.parametrize(("index", "by_hand"), [
    (0, lambda x, h: _forward_by_hand(x, h)),                                    # forward
    (1, lambda x, h: 2.0 * _central_by_hand(x, h)),                              # h for 2h
    (2, lambda x, h: np.full_like(x, _central_by_hand(x, h).sum())),             # all at once
    (3, lambda x, h: _forward_by_hand(x, h) / 2.0),                              # no reset
    (4, lambda x, h: np.repeat(_central_by_hand(x, h).sum(axis=1, keepdims=True), x.shape[1], axis=1)),  # rows
    (5, lambda x, h: _central_by_hand(x, 1e-6)),                                 # a fixed step
])
def test_each_numerical_mistake_gives_what_the_mistaken_code_gives(index, by_hand):
    gives = NUMERICAL_MISTAKES[index].gives
    np.testing.assert_allclose(gives(_cubic, X_POINT), by_hand(X_POINT, H), rtol=1e-6)  # eps's default 1e-6
    np.testing.assert_allclose(gives(_cubic, X_POINT, 1e-2), by_hand(X_POINT, 1e-2), rtol=1e-6)
    whole = gives(_cubic, np.array([[1, 2], [-1, 3]]), 1e-2)  # integers work on a float copy
    assert whole.dtype == np.float64
    np.testing.assert_allclose(whole, by_hand(X_POINT, 1e-2), rtol=1e-6)


# --- the feedback, word for word ----------------------------------------------------------------


def test_a_value_or_a_starter_is_named_with_the_functions_name():
    assert repr(check_mse_gradients(3)) == ("✘ mse_gradients: expected a function, got int: pass the function "
                                            "itself, `mse_gradients`, without calling it.")
    assert repr(check_numerical_gradient(None)) == ("✘ numerical_gradient: expected a function, got NoneType: "
                                                    "pass the function itself, `numerical_gradient`, without "
                                                    "calling it.")

    def gradients_starter(X, Y, alpha, beta):
        """The starter."""
        ...

    def numerical_starter(f, x, eps=1e-6):
        ...

    assert check_mse_gradients(gradients_starter).message == (
        "not written yet. Replace the `...` in `mse_gradients` with your code, run that cell, then run this "
        "one again.")
    result = check_numerical_gradient(numerical_starter)
    assert result.title == "numerical_gradient" and not result.written
    assert result.message == ("not written yet. Replace the `...` in `numerical_gradient` with your code, run "
                              "that cell, then run this one again.")


def test_an_exception_names_every_argument_of_the_first_case():
    def gradients_that_stop(X, Y, alpha, beta):
        raise ValueError("stop here")

    def differences_that_stop(f, x, eps=1e-6):
        raise ValueError("stop here")

    assert check_mse_gradients(gradients_that_stop).message == (
        'your function raised ValueError: stop here at line 2 of `gradients_that_stop`: `raise ValueError("stop '
        'here")`. It was called with X of shape (1, 1), Y of shape (1, 1), alpha of shape (1, 1), beta of shape '
        '(1, 1).')
    assert check_numerical_gradient(differences_that_stop).message == (
        'your function raised ValueError: stop here at line 2 of `differences_that_stop`: `raise '
        'ValueError("stop here")`. It was called with f a function, x of shape (1, 1), eps = 1e-06.')


def test_numerical_gradient_is_checked_to_one_part_in_ten_million():
    assert check_numerical_gradient(central).passed
    assert check_numerical_gradient(lambda f, x, eps=1e-6: central(f, x, eps) * (1 + 2e-8)).passed
    result = check_numerical_gradient(lambda f, x, eps=1e-6: central(f, x, eps) * (1 + 5e-7))
    assert not result.passed
    assert result.message.startswith("`gradient` differs from the expected value on a case with f a function, "
                                      "x of shape (1, 1), eps = 1e-06: expected [[")


def test_a_forward_difference_is_named_word_for_word():
    def forward(f, x, eps=1e-6):
        gradient = np.zeros_like(x)
        for i in np.ndindex(x.shape):
            up = x.copy()
            up[i] += eps
            gradient[i] = (f(up) - f(x)) / eps
        return gradient

    assert check_numerical_gradient(forward).message == (
        "`gradient` looks like a forward difference (f(x + h) − f(x)) / h, which is off by about h·f″/2. "
        "Look at the central difference (f(x + h eᵢ) − f(x − h eᵢ)) / (2h): one step up and one step down.")
