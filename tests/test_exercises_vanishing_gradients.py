"""Notebook 07's checkers: each passes gdlib and a learner's right answer, and names every classic
mistake, each written here as a small mutant of a correct learner's function."""

import numpy as np
import pytest

import gdlib
from gdlib.exercises import check_cross_entropy_dz, check_mse_sigmoid_dz


def sigmoid(z):
    """A learner's sigmoid (fine for |z| < 700)."""
    return 1 / (1 + np.exp(-z))


# --- the MSE behind a sigmoid --------------------------------------------------------------

def right_mse(z, y):
    m = z.shape[0]
    p = sigmoid(z)
    return (2 / m) * (p - y) * p * (1 - p)


def right_mse_with_gdlib(z, y):
    m = z.shape[0]
    return 2 * (gdlib.sigmoid(z) - y) * gdlib.sigmoid.derivative(z) / m


def mse_no_slope(z, y):
    m = z.shape[0]
    return (2 / m) * (sigmoid(z) - y)


def mse_flipped_sign(z, y):
    m = z.shape[0]
    p = sigmoid(z)
    return (2 / m) * (y - p) * p * (1 - p)


def mse_no_factor_two(z, y):
    m = z.shape[0]
    p = sigmoid(z)
    return (1 / m) * (p - y) * p * (1 - p)


def mse_sum_for_mean(z, y):
    p = sigmoid(z)
    return 2 * (p - y) * p * (1 - p)


def mse_is_cross_entropy(z, y):
    return (sigmoid(z) - y) / z.shape[0]


def mse_slope_of_z(z, y):
    m = z.shape[0]
    return (2 / m) * (sigmoid(z) - y) * z * (1 - z)


def mse_one_number(z, y):
    p = sigmoid(z)
    return np.mean(2 * (p - y) * p * (1 - p))


def mse_flat_logits(z, y):
    m = z.shape[0]
    p = sigmoid(z.ravel())  # (m,) against y (m, 1): an (m, m) table
    return (2 / m) * (p - y) * p * (1 - p)


def mse_flat_labels(z, y):
    m = z.shape[0]
    p = sigmoid(z)
    return (2 / m) * (p - y[:, 0]) * p * (1 - p)


def mse_flattened(z, y):
    return right_mse(z, y)[:, 0]


def mse_in_place(z, y):
    m = z.shape[0]
    z[:] = sigmoid(z)
    return (2 / m) * (z - y) * z * (1 - z)


def mse_raises(z, y):
    m = z.shape[0]
    p = sigmoid(z)
    return (2 / m) * (p - y) @ p * (1 - p)


def starter_mse(z, y):
    """The starter cell's body."""
    ...


def test_the_mse_reference_and_right_answers_pass():
    from gdlib.exercises.vanishing_gradients import mse_sigmoid_dz_exercise

    exercise = mse_sigmoid_dz_exercise()
    assert check_mse_sigmoid_dz(exercise.reference).passed
    for function in (right_mse, right_mse_with_gdlib):
        result = check_mse_sigmoid_dz(function)
        assert result.passed and "correct" in result.message, result.message


@pytest.mark.parametrize(("mutant", "diagnosis"), [
    (mse_no_slope, "the sigmoid's slope p(1 − p) is missing: that is ∂J/∂p"),
    (mse_flipped_sign, "the sign is flipped"),
    (mse_no_factor_two, "the factor 2 is missing"),
    (mse_sum_for_mean, "a sum where the mean belongs"),
    (mse_is_cross_entropy, "it is the cross-entropy's gradient, (p − y)/m"),
    (mse_slope_of_z, "computed from the logit, z(1 − z), instead of from the prediction, p(1 − p)"),
    (mse_one_number, "it is one number, the mean of the derivatives"),
    (mse_flat_logits, "broadcasts into an (m, m) table"),
    (mse_flat_labels, "broadcasts into an (m, m) table"),
    (mse_flattened, "lost a dimension: shape (1,), where (1, 1)"),
    (mse_in_place, "changed the caller's `z` in place"),
    (mse_raises, "raised ValueError"),
    (starter_mse, "not written yet"),
])
def test_each_mse_mistake_is_named(mutant, diagnosis):
    result = check_mse_sigmoid_dz(mutant)
    assert not result.passed
    assert diagnosis in result.message, result.message


def test_the_broadcast_message_also_names_the_shape():
    message = check_mse_sigmoid_dz(mse_flat_labels).message
    assert "Also, `dz` has shape (3, 3) where (3, 1) is expected" in message


# --- the cross-entropy behind a sigmoid ----------------------------------------------------

def right_cross_entropy(z, y):
    return (sigmoid(z) - y) / z.shape[0]


def right_cross_entropy_by_the_chain_rule(z, y):
    m = z.shape[0]
    p = gdlib.sigmoid(z)
    return (p - y) / (p * (1 - p)) * gdlib.sigmoid.derivative(z) / m


def ce_extra_slope(z, y):
    m = z.shape[0]
    p = sigmoid(z)
    return (p - y) * p * (1 - p) / m


def ce_is_mse(z, y):
    return right_mse(z, y)


def ce_flipped_sign(z, y):
    return (y - sigmoid(z)) / z.shape[0]


def ce_sum_for_mean(z, y):
    return sigmoid(z) - y


def ce_factor_two(z, y):
    return 2 * (sigmoid(z) - y) / z.shape[0]


def ce_with_respect_to_p(z, y):
    m = z.shape[0]
    p = sigmoid(z)
    return (p - y) / (p * (1 - p)) / m


def ce_logit_for_probability(z, y):
    return (z - y) / z.shape[0]


def ce_one_number(z, y):
    return np.mean(sigmoid(z) - y)


def ce_flat_labels(z, y):
    return (sigmoid(z) - y.ravel()) / z.shape[0]


def ce_flat_logits(z, y):
    return (sigmoid(z[:, 0]) - y) / z.shape[0]


def ce_transposed(z, y):
    return right_cross_entropy(z, y).T


def ce_forgot_return(z, y):
    (sigmoid(z) - y) / z.shape[0]


def starter_cross_entropy(z, y):
    """The starter cell's body."""
    ...


def test_the_cross_entropy_reference_and_right_answers_pass():
    from gdlib.exercises.vanishing_gradients import cross_entropy_dz_exercise

    assert check_cross_entropy_dz(cross_entropy_dz_exercise().reference).passed
    for function in (right_cross_entropy, right_cross_entropy_by_the_chain_rule):
        result = check_cross_entropy_dz(function)
        assert result.passed and "correct" in result.message, result.message


@pytest.mark.parametrize(("mutant", "diagnosis"), [
    (ce_extra_slope, "an extra factor p(1 − p)"),
    (ce_is_mse, "it is the MSE's gradient, (2/m)(p − y) p(1 − p)"),
    (ce_flipped_sign, "the sign is flipped"),
    (ce_sum_for_mean, "a sum where the mean belongs"),
    (ce_factor_two, "a factor 2, which belongs to the MSE's square"),
    (ce_with_respect_to_p, "it is ∂J/∂p, the derivative with respect to the prediction p = sigmoid(z)"),
    (ce_logit_for_probability, "the logit z where the prediction p = sigmoid(z) belongs"),
    (ce_one_number, "it is one number, the mean of the derivatives"),
    (ce_flat_labels, "broadcasts into an (m, m) table"),
    (ce_flat_logits, "broadcasts into an (m, m) table"),
    (ce_transposed, "transposed: shape (1, 3), where (3, 1)"),
    (ce_forgot_return, "returned None"),
    (starter_cross_entropy, "not written yet"),
])
def test_each_cross_entropy_mistake_is_named(mutant, diagnosis):
    result = check_cross_entropy_dz(mutant)
    assert not result.passed
    assert diagnosis in result.message, result.message


# --- the cases -----------------------------------------------------------------------------

def test_the_cases_have_one_example_both_labels_and_logits_up_to_30():
    from gdlib.exercises.vanishing_gradients import cross_entropy_dz_exercise, mse_sigmoid_dz_exercise

    for exercise in (mse_sigmoid_dz_exercise(), cross_entropy_dz_exercise()):
        logits = [case.args[0] for case in exercise.cases]
        labels = [case.args[1] for case in exercise.cases]
        assert all(z.ndim == 2 and z.shape[1] == 1 and y.shape == z.shape for z, y in zip(logits, labels, strict=True))
        assert any(z.shape[0] == 1 for z in logits) and max(z.shape[0] for z in logits) >= 10
        assert all(set(np.unique(y)) <= {0.0, 1.0} for y in labels)
        assert all(set(np.unique(y)) == {0.0, 1.0} for y in labels if y.shape[0] > 1)
        assert max(np.abs(z).max() for z in logits) == 30.0
        assert min(np.abs(z).max() for z in logits) < 0.5  # a case where the sigmoid is nearly linear


def test_the_references_are_exact_on_the_confidently_wrong_logits():
    """Where a label is 1 and z = -30 both closed forms are computed without cancellation:
    compare them with values written out from exp(-30) (not from the code under test)."""
    from gdlib.exercises.vanishing_gradients import cross_entropy_dz_exercise, mse_sigmoid_dz_exercise

    z, y = next(case.args for case in mse_sigmoid_dz_exercise().cases if case.args[0].min() == -30.0)
    m, e = z.shape[0], np.exp(-30.0)
    p = 1 / (1 + 1 / e)  # sigmoid(-30) = e^-30 / (1 + e^-30)
    mse_entry = mse_sigmoid_dz_exercise().reference(z, y)[0, 0]
    cross_entropy_entry = cross_entropy_dz_exercise().reference(z, y)[0, 0]
    assert mse_entry == pytest.approx(2 * (p - 1) * p * (1 - p) / m, rel=1e-13)
    assert mse_entry == pytest.approx(-2 * np.exp(-30.0) / m, rel=1e-12)
    assert cross_entropy_entry == pytest.approx(-(1 - p) / m, rel=1e-15)


def test_the_messages_use_the_course_notation():
    """sigma is reserved for standard deviations: the checkers write the sigmoid's output p and its slope p(1 − p)."""
    from gdlib.exercises.vanishing_gradients import CROSS_ENTROPY_MISTAKES, MSE_MISTAKES

    for mistake in MSE_MISTAKES + CROSS_ENTROPY_MISTAKES:
        for text in (mistake.says, mistake.look_at):
            assert "σ" not in text, text
    message = check_mse_sigmoid_dz(mse_flipped_sign).message
    assert "∂J/∂zᵢ = (2/m) (pᵢ − yᵢ) pᵢ(1 − pᵢ)" in message, message
    message = check_cross_entropy_dz(ce_flipped_sign).message
    assert "∂J/∂zᵢ = (1/m) (pᵢ − yᵢ)" in message, message
