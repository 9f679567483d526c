"""Notebook 13's checker: it passes the reference and names every classic mistake, each written here
as a small mutant of a correct learner's function."""

import numpy as np
import pytest

from gdlib.exercises import check_unit_vector_gradient
from gdlib.exercises.knowledge_in_the_loss import unit_vector_gradient_exercise
from gdlib.unit_vectors import unit_vector_gradient


def right_gradient(Phi, U, W, penalty):
    m = Phi.shape[0]
    F = Phi @ W.T
    excess = np.sum(F**2, axis=1, keepdims=True) - 1
    return 2 / m * (F - U).T @ Phi + penalty * 4 / m * (excess * F).T @ Phi


def plain_mse(Phi, U, W, penalty):
    m = Phi.shape[0]
    F = Phi @ W.T
    return 2 / m * (F - U).T @ Phi


def no_lambda(Phi, U, W, penalty):
    m = Phi.shape[0]
    F = Phi @ W.T
    excess = np.sum(F**2, axis=1, keepdims=True) - 1
    return 2 / m * (F - U).T @ Phi + 4 / m * (excess * F).T @ Phi


def chain_factor_missing(Phi, U, W, penalty):
    m = Phi.shape[0]
    F = Phi @ W.T
    excess = np.sum(F**2, axis=1, keepdims=True) - 1
    return 2 / m * (F - U).T @ Phi + penalty * 2 / m * (excess * F).T @ Phi


def other_penalty(Phi, U, W, penalty):  # the gradient of (‖f‖ − 1)²
    m = Phi.shape[0]
    F = Phi @ W.T
    length = np.sqrt(np.sum(F**2, axis=1, keepdims=True))
    return 2 / m * (F - U).T @ Phi + penalty * 2 / m * ((length - 1) / length * F).T @ Phi


def length_not_squared(Phi, U, W, penalty):
    m = Phi.shape[0]
    F = Phi @ W.T
    excess = np.linalg.norm(F, axis=1, keepdims=True) - 1
    return 2 / m * (F - U).T @ Phi + penalty * 4 / m * (excess * F).T @ Phi


def flipped_sign(Phi, U, W, penalty):
    m = Phi.shape[0]
    F = Phi @ W.T
    excess = np.sum(F**2, axis=1, keepdims=True) - 1
    return -(2 / m * (F - U).T @ Phi + penalty * 4 / m * (excess * F).T @ Phi)


def data_sign_flipped(Phi, U, W, penalty):
    m = Phi.shape[0]
    F = Phi @ W.T
    excess = np.sum(F**2, axis=1, keepdims=True) - 1
    return 2 / m * (U - F).T @ Phi + penalty * 4 / m * (excess * F).T @ Phi


def data_factor_two_missing(Phi, U, W, penalty):
    m = Phi.shape[0]
    F = Phi @ W.T
    excess = np.sum(F**2, axis=1, keepdims=True) - 1
    return 1 / m * (F - U).T @ Phi + penalty * 4 / m * (excess * F).T @ Phi


def mean_over_entries(Phi, U, W, penalty):
    F = Phi @ W.T
    excess = np.sum(F**2, axis=1, keepdims=True) - 1
    return 2 * (F - U).T @ Phi / F.size + penalty * 4 * (excess * F).T @ Phi / F.size


def sum_for_mean(Phi, U, W, penalty):
    F = Phi @ W.T
    excess = np.sum(F**2, axis=1, keepdims=True) - 1
    return 2 * (F - U).T @ Phi + penalty * 4 * (excess * F).T @ Phi


def penalty_sum_for_mean(Phi, U, W, penalty):
    m = Phi.shape[0]
    F = Phi @ W.T
    excess = np.sum(F**2, axis=1, keepdims=True) - 1
    return 2 / m * (F - U).T @ Phi + penalty * 4 * (excess * F).T @ Phi


def prediction_not_transposed(Phi, U, W, penalty):
    m = Phi.shape[0]
    F = Phi @ W
    excess = np.sum(F**2, axis=1, keepdims=True) - 1
    return 2 / m * (F - U).T @ Phi + penalty * 4 / m * (excess * F).T @ Phi


def transposed(Phi, U, W, penalty):
    m = Phi.shape[0]
    F = Phi @ W.T
    excess = np.sum(F**2, axis=1, keepdims=True) - 1
    return 2 / m * Phi.T @ (F - U) + penalty * 4 / m * Phi.T @ (excess * F)


def lengths_as_a_row(Phi, U, W, penalty):
    m = Phi.shape[0]
    F = Phi @ W.T
    excess = np.sum(F**2, axis=1) - 1  # (m,) against F (m, 2)
    return 2 / m * (F - U).T @ Phi + penalty * 4 / m * (excess * F).T @ Phi


def flattened(Phi, U, W, penalty):
    return right_gradient(Phi, U, W, penalty).ravel()


def in_place(Phi, U, W, penalty):
    m = Phi.shape[0]
    F = Phi @ W.T
    excess = np.sum(F**2, axis=1, keepdims=True) - 1
    U -= F
    return -2 / m * U.T @ Phi + penalty * 4 / m * (excess * F).T @ Phi


def forgot_return(Phi, U, W, penalty):
    m = Phi.shape[0]
    F = Phi @ W.T
    2 / m * (F - U).T @ Phi


def starter(Phi, U, W, penalty):
    """The starter cell's body."""
    ...


def test_the_right_answer_written_here_is_the_gradient_of_the_loss():
    # Central differences of L written out, so that the mutants below are mutants of the right thing.
    rng = np.random.default_rng(0)
    Phi, U, W, penalty = rng.normal(size=(4, 2)), rng.normal(size=(4, 2)), 2 * rng.normal(size=(2, 2)), 3.0

    def loss(W):
        F = Phi @ W.T
        return np.sum((F - U) ** 2) / 4 + penalty * np.mean((np.sum(F**2, axis=1) - 1) ** 2)

    numeric = np.zeros((2, 2))
    for index in np.ndindex(2, 2):
        step = np.zeros((2, 2))
        step[index] = 1e-6
        numeric[index] = (loss(W + step) - loss(W - step)) / 2e-6
    np.testing.assert_allclose(right_gradient(Phi, U, W, penalty), numeric, rtol=1e-6)


def test_the_reference_and_a_learners_right_answer_pass():
    assert check_unit_vector_gradient(unit_vector_gradient).passed
    result = check_unit_vector_gradient(right_gradient)
    assert result.passed and "correct on all 6 held-out cases" in result.message


@pytest.mark.parametrize(("mutant", "diagnosis"), [
    (plain_mse, "the penalty's gradient is missing"),
    (no_lambda, "γ is left out"),
    (chain_factor_missing, "the chain rule's factor 2 from ‖f‖² is missing"),
    (other_penalty, "the gradient of the other penalty, (‖f‖ − 1)²"),
    (length_not_squared, "‖f‖ − 1 stands where ‖f‖² − 1 belongs"),
    (flipped_sign, "`gradient` looks like the sign is flipped"),
    (data_sign_flipped, "the data term's sign is flipped"),
    (data_factor_two_missing, "the data term's factor 2 is missing"),
    (mean_over_entries, "divides by the 2m entries of F"),
    (sum_for_mean, "like a sum where the mean belongs"),
    (penalty_sum_for_mean, "the penalty's term is a sum where the mean belongs"),
    (prediction_not_transposed, "the prediction is Φ W where Φ Wᵀ belongs"),
    (transposed, "the result is transposed"),
    (lengths_as_a_row, "raised ValueError"),
    (flattened, "lost a dimension: shape (4,), where (2, 2)"),
    (in_place, "changed the caller's `U` in place"),
    (forgot_return, "returned None"),
    (starter, "not written yet"),
])
def test_each_classic_mistake_is_named(mutant, diagnosis):
    result = check_unit_vector_gradient(mutant)
    assert not result.passed
    assert diagnosis in result.message, result.message


def test_lengths_as_a_row_names_the_line_and_the_shapes():
    message = check_unit_vector_gradient(lengths_as_a_row).message
    assert "could not be broadcast" in message and "(excess * F)" in message
    assert "Phi of shape (5, 2)" in message  # m = 1 broadcasts harmlessly; m = 5 does not


def test_the_cases_make_every_mistake_visible():
    cases = [case.args for case in unit_vector_gradient_exercise().cases]
    rows = [Phi.shape[0] for Phi, _, _, _ in cases]
    assert 1 in rows and max(rows) > 2  # a sum and a mean differ only when m > 1
    penalties = [penalty for _, _, _, penalty in cases]
    assert all(penalty not in (0.0, 1.0, 2.0) for penalty in penalties)  # γ left out, γ/2 and 2γ all show
    assert min(penalties) == 0.05 and max(penalties) == 10  # as the notebook says
    lengths = np.concatenate([np.linalg.norm(Phi @ W.T, axis=1) for Phi, _, W, _ in cases])
    assert lengths.min() < 0.5 and lengths.max() > 2  # far inside and far outside the circle
    assert all(not np.allclose(W, W.T) for _, _, W, _ in cases)  # W for Wᵀ shows
