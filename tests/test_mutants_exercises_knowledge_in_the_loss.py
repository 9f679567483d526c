"""gdlib.exercises.knowledge_in_the_loss, the unit_vector_gradient checker: its settings and
learner-facing words, and its held-out cases replayed draw by draw from the documented recipe and
seed (unit features from uniform angles, weights size · Q + 0.3 · size · N with Q orthogonal).

Written for the survivors of `make mutants`.
"""

import numpy as np

from gdlib.exercises.knowledge_in_the_loss import _cases, check_unit_vector_gradient, unit_vector_gradient_exercise

#: (size of the weights, penalty) of the six cases, in order.
SIZES_AND_PENALTIES = ((1.8, 2.5), (0.3, 0.4), (1.0, 10.0), (1.6, 4.0), (2.5, 0.05), (0.6, 7.0))


def right_gradient(Phi, U, W, penalty):
    m = Phi.shape[0]
    F = Phi @ W.T
    lengths = np.sum(F**2, axis=1, keepdims=True)
    return 2 / m * (F - U).T @ Phi + penalty * 4 / m * ((lengths - 1) * F).T @ Phi


def raising(Phi, U, W, penalty):
    raise ValueError("not yet")


def starter(Phi, U, W, penalty):
    ...


def _unit(rng, m):
    angles = [rng.uniform(0.0, 2 * np.pi) for _ in range(m)]
    return np.array([[np.cos(a), np.sin(a)] for a in angles])


def _weights(rng, size, W):
    """Replays the two 2 × 2 normal draws A and N of weights(size) and checks W against them:
    (W − 0.3 size N) / size is orthogonal and turns A upper triangular (it is the Q of A's QR)."""
    A = rng.normal(size=(2, 2))
    N = rng.normal(size=(2, 2))
    Q = (W - 0.3 * size * N) / size
    np.testing.assert_allclose(Q.T @ Q, np.eye(2), atol=1e-12)
    R = Q.T @ A
    np.testing.assert_allclose(Q @ R, A, atol=1e-12)
    assert abs(R[1, 0]) < 1e-12


def _check_replay(cases, seed):
    rng = np.random.default_rng(seed)
    assert len(cases) == 6
    assert [penalty for *_, penalty in cases] == [penalty for _, penalty in SIZES_AND_PENALTIES]
    for k, ((Phi, U, W, _), (size, _)) in enumerate(zip(cases, SIZES_AND_PENALTIES, strict=True)):
        if k == 2:  # general features: 3 N (7, 2), then unit targets
            np.testing.assert_allclose(Phi, 3.0 * rng.normal(size=(7, 2)), rtol=1e-15)
            np.testing.assert_allclose(U, _unit(rng, 7), rtol=1e-14, atol=1e-15)
        elif k == 4:  # 0.2 N + 0.5 (3, 2), then N (3, 2)
            np.testing.assert_allclose(Phi, 0.2 * rng.normal(size=(3, 2)) + 0.5, rtol=1e-15)
            np.testing.assert_allclose(U, rng.normal(size=(3, 2)), rtol=1e-15)
        else:
            m = Phi.shape[0]
            np.testing.assert_allclose(Phi, _unit(rng, m), rtol=1e-14, atol=1e-15)
            np.testing.assert_allclose(U, _unit(rng, m), rtol=1e-14, atol=1e-15)
        assert W.shape == (2, 2)
        _weights(rng, size, W)


def test_the_held_out_cases_are_the_documented_draws_from_seed_11():
    exercise = unit_vector_gradient_exercise()
    assert [case.args[0].shape[0] for case in exercise.cases] == [1, 5, 7, 12, 3, 2]
    assert all(case.names == ("Phi", "U", "W", "penalty") for case in exercise.cases)
    _check_replay([case.args for case in exercise.cases], 11)
    _check_replay([case.args for case in unit_vector_gradient_exercise(2).cases], 2)
    _check_replay(_cases(11), 11)


def test_the_cases_are_reproducible():
    for first, second in zip(_cases(11), _cases(11), strict=True):
        for a, b in zip(first[:3], second[:3], strict=True):
            np.testing.assert_array_equal(a, b)


def test_the_settings_the_learner_sees():
    exercise = unit_vector_gradient_exercise()
    assert (exercise.title, exercise.function_name, exercise.outputs) == (
        "unit_vector_gradient", "unit_vector_gradient", ("gradient",))
    assert repr(check_unit_vector_gradient(None)) == (
        "✘ unit_vector_gradient: expected a function, got NoneType: pass the function itself, "
        "`unit_vector_gradient`, without calling it.")
    assert check_unit_vector_gradient(starter).message == (
        "not written yet. Replace the `...` in `unit_vector_gradient` with your code, run that cell, then run "
        "this one again.")
    assert repr(check_unit_vector_gradient(right_gradient)) == (
        "✔ unit_vector_gradient: correct on all 6 held-out cases. Well done.")


def test_an_exception_names_every_argument_of_the_first_case():
    assert check_unit_vector_gradient(raising).message == (
        "your function raised ValueError: not yet at line 2 of `raising`: `raise ValueError(\"not yet\")`. "
        "It was called with Phi of shape (1, 2), U of shape (1, 2), W of shape (2, 2), penalty = 2.5.")
