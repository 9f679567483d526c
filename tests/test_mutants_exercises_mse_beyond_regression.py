"""gdlib.exercises.mse_beyond_regression, the reconstruction_gradient checker: its settings and
learner-facing words (the name of its output included), and its held-out cases replayed draw by
draw from the documented recipe, shapes, scales and seed.

Written for the survivors of `make mutants`.
"""

import numpy as np

from gdlib.exercises.mse_beyond_regression import (
    _cases,
    check_reconstruction_gradient,
    reconstruction_gradient_exercise,
)

#: (m, n, c) and the scale of X, case by case: one example, n > m, a code of 1, c = n, far from 1.
SHAPES = ((1, 3, 1), (6, 4, 2), (3, 5, 2), (8, 2, 2), (10, 3, 1), (4, 6, 3))
SCALES = (7.0, 0.4, 3.0, 1.5, 12.0, 0.8)


def right_gradient(X, W):
    m = X.shape[0]
    R = X - X @ W @ W.T
    return -(2 / m) * (X.T @ R @ W + R.T @ X @ W)


def flipped(X, W):
    m = X.shape[0]
    R = X @ W @ W.T - X
    return -(2 / m) * (X.T @ R @ W + R.T @ X @ W)


def transposed(X, W):
    return right_gradient(X, W).T


def raising(X, W):
    raise ValueError("not yet")


def _replay(seed):
    """The documented recipe: X = scale N + 0.5 (m, n), then W = 0.6 N (n, c), case by case."""
    rng = np.random.default_rng(seed)
    cases = []
    for (m, n, c), scale in zip(SHAPES, SCALES, strict=True):
        X = np.array([[scale * rng.normal() + 0.5 for _ in range(n)] for _ in range(m)])
        W = np.array([[0.6 * rng.normal() for _ in range(c)] for _ in range(n)])
        cases.append((X, W))
    return cases


def _assert_same_cases(cases, replayed):
    assert len(cases) == len(replayed) == 6
    for (X, W), (X_r, W_r) in zip(cases, replayed, strict=True):
        assert X.shape == X_r.shape and W.shape == W_r.shape
        np.testing.assert_allclose(X, X_r, rtol=1e-14)
        np.testing.assert_allclose(W, W_r, rtol=1e-14)


def test_the_held_out_cases_are_the_documented_draws_from_seed_14():
    exercise = reconstruction_gradient_exercise()
    assert [case.args[0].shape + case.args[1].shape[1:] for case in exercise.cases] == list(SHAPES)
    assert all(case.names == ("X", "W") for case in exercise.cases)
    _assert_same_cases([case.args for case in exercise.cases], _replay(14))
    _assert_same_cases([case.args for case in reconstruction_gradient_exercise(5).cases], _replay(5))
    _assert_same_cases(_cases(14), _replay(14))
    for first, second in zip(_cases(14), _cases(14), strict=True):
        np.testing.assert_array_equal(first[0], second[0])
        np.testing.assert_array_equal(first[1], second[1])


def test_the_settings_the_learner_sees():
    exercise = reconstruction_gradient_exercise()
    assert (exercise.title, exercise.function_name, exercise.outputs) == (
        "reconstruction_gradient", "reconstruction_gradient", ("gradient",))
    assert repr(check_reconstruction_gradient(1.5)) == (
        "✘ reconstruction_gradient: expected a function, got float: pass the function itself, "
        "`reconstruction_gradient`, without calling it.")
    assert repr(check_reconstruction_gradient(right_gradient)) == (
        "✔ reconstruction_gradient: correct on all 6 held-out cases. Well done.")


def test_the_feedback_names_the_output_gradient():
    assert check_reconstruction_gradient(flipped).message == (
        "`gradient` looks like the sign is flipped. Look at the minus in front of 2/m, and R = X − X̂ "
        "(not X̂ − X): ∂J/∂W = −(2/m)(XᵀR W + RᵀX W) with R = X − X W Wᵀ.")
    assert check_reconstruction_gradient(transposed).message == (
        "`gradient` has the right numbers but is transposed: shape (1, 3), where (3, 1) is expected. Write "
        "down the shape of each factor: which product gives (3, 1)?")


def test_an_exception_names_the_arguments_of_the_first_case():
    message = check_reconstruction_gradient(raising).message
    assert message.startswith("your function raised ValueError: not yet at line 2 of `raising`: ")
    assert message.endswith(". It was called with X of shape (1, 3), W of shape (3, 1).")
