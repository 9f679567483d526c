"""Notebook 12's checker: it passes the reference and names every classic mistake, each written here
as a small mutant of a correct learner's function."""

import numpy as np
import pytest

import gdlib
from gdlib.exercises import check_masked_mse_gradients
from gdlib.exercises.tailoring_mse import masked_mse_gradients_exercise


def right_gradients(X, Y, mask, alpha, beta):
    m = X.shape[0]
    errors = mask * (Y - (alpha + X @ beta.T))
    return -(2 / m) * errors.sum(axis=0, keepdims=True), -(2 / m) * errors.T @ X


def masking_the_inputs_too(X, Y, mask, alpha, beta):
    m = X.shape[0]
    errors = Y - (alpha + X @ beta.T)
    d_alpha = -(2 / m) * np.sum(mask * errors, keepdims=True)
    return d_alpha, -(2 / m) * errors.T @ (mask * X)  # the same numbers: mask_i x_i r_i


def no_mask(X, Y, mask, alpha, beta):
    m = X.shape[0]
    errors = Y - (alpha + X @ beta.T)
    return -(2 / m) * errors.sum(axis=0, keepdims=True), -(2 / m) * errors.T @ X


def mean_over_observed(X, Y, mask, alpha, beta):
    observed = mask.sum()
    errors = mask * (Y - (alpha + X @ beta.T))
    return -(2 / observed) * errors.sum(axis=0, keepdims=True), -(2 / observed) * errors.T @ X


def masked_prediction(X, Y, mask, alpha, beta):
    m = X.shape[0]
    errors = Y - mask * (alpha + X @ beta.T)
    return -(2 / m) * errors.sum(axis=0, keepdims=True), -(2 / m) * errors.T @ X


def masked_targets(X, Y, mask, alpha, beta):
    m = X.shape[0]
    errors = mask * Y - (alpha + X @ beta.T)
    return -(2 / m) * errors.sum(axis=0, keepdims=True), -(2 / m) * errors.T @ X


def flipped_sign(X, Y, mask, alpha, beta):
    m = X.shape[0]
    errors = mask * (Y - (alpha + X @ beta.T))
    return (2 / m) * errors.sum(axis=0, keepdims=True), (2 / m) * errors.T @ X


def no_factor_two(X, Y, mask, alpha, beta):
    m = X.shape[0]
    errors = mask * (Y - (alpha + X @ beta.T))
    return -(1 / m) * errors.sum(axis=0, keepdims=True), -(1 / m) * errors.T @ X


def sum_for_mean(X, Y, mask, alpha, beta):
    errors = mask * (Y - (alpha + X @ beta.T))
    return -2 * errors.sum(axis=0, keepdims=True), -2 * errors.T @ X


def no_bias(X, Y, mask, alpha, beta):
    m = X.shape[0]
    errors = mask * (Y - X @ beta.T)
    return -(2 / m) * errors.sum(axis=0, keepdims=True), -(2 / m) * errors.T @ X


def flat_mask(X, Y, mask, alpha, beta):
    m = X.shape[0]
    errors = mask.ravel() * (Y - (alpha + X @ beta.T))  # (m,) against (m, 1): an (m, m) table
    return -(2 / m) * np.sum(errors).reshape(1, 1), -(2 / m) * errors.T @ X


def mask_only_in_d_beta(X, Y, mask, alpha, beta):
    m = X.shape[0]
    errors = Y - (alpha + X @ beta.T)
    return -(2 / m) * errors.sum(axis=0, keepdims=True), -(2 / m) * (mask * errors).T @ X


def transposed(X, Y, mask, alpha, beta):
    m = X.shape[0]
    errors = mask * (Y - (alpha + X @ beta.T))
    return -(2 / m) * errors.sum(axis=0, keepdims=True), -(2 / m) * X.T @ errors


def flattened(X, Y, mask, alpha, beta):
    m = X.shape[0]
    errors = mask * (Y - (alpha + X @ beta.T))
    return -(2 / m) * errors.sum(axis=0, keepdims=True), -(2 / m) * (errors.T @ X).ravel()


def in_place(X, Y, mask, alpha, beta):
    m = X.shape[0]
    Y -= alpha + X @ beta.T
    Y *= mask
    return -(2 / m) * Y.sum(axis=0, keepdims=True), -(2 / m) * Y.T @ X


def starter(X, Y, mask, alpha, beta):
    """The starter cell's body."""
    ...


def test_the_reference_and_a_learners_right_answers_pass():
    from gdlib.exercises.tailoring_mse import masked_mse_gradients_reference

    assert check_masked_mse_gradients(masked_mse_gradients_reference).passed
    for right in (right_gradients, masking_the_inputs_too):
        result = check_masked_mse_gradients(right)
        assert result.passed and "correct on all 7 held-out cases" in result.message, result.message


def test_the_reference_agrees_with_the_plain_mse_on_the_observed_rows_scaled_by_their_share():
    """Independent of the code under test: leaving rows out of gdlib.mse_gradients, whose mean is
    over the k observed rows, gives the masked gradient times m / k."""
    from gdlib.exercises.tailoring_mse import masked_mse_gradients_reference

    for case in masked_mse_gradients_exercise().cases:
        X, Y, mask, alpha, beta = case.args
        kept = mask[:, 0] == 1
        d_alpha, d_beta = gdlib.mse_gradients(X[kept], Y[kept], alpha, beta)
        share = kept.sum() / X.shape[0]
        got_alpha, got_beta = masked_mse_gradients_reference(X, Y, mask, alpha, beta)
        np.testing.assert_allclose(got_alpha, share * d_alpha, rtol=1e-12)
        np.testing.assert_allclose(got_beta, share * d_beta, rtol=1e-12)


@pytest.mark.parametrize(("mutant", "diagnosis"), [
    (no_mask, "look like the mask is missing: this is the plain MSE"),
    (mean_over_observed, "divides by the number of observed targets instead of m"),
    (masked_prediction, "the mask multiplies the prediction instead of the residual"),
    (masked_targets, "the mask multiplies the targets instead of the residual"),
    (flipped_sign, "`d_alpha` and `d_beta` look like the sign is flipped"),
    (no_factor_two, "factor 2 is missing"),
    (sum_for_mean, "a sum where the mean belongs"),
    (no_bias, "leaves out the bias"),
    (flat_mask, "broadcast them into an (m, m) table"),
    (mask_only_in_d_beta, "`d_beta` is right. `d_alpha` looks like the mask is missing"),
    (transposed, "`d_beta` has the right numbers but is transposed"),
    (flattened, "`d_beta` has the right numbers but lost a dimension"),
    (in_place, "changed the caller's `Y` in place"),
    (starter, "not written yet"),
])
def test_each_classic_mistake_is_named(mutant, diagnosis):
    result = check_masked_mse_gradients(mutant)
    assert not result.passed
    assert diagnosis in result.message, result.message


def test_the_cases_mask_some_targets_out_and_cover_awkward_shapes():
    cases = [case.args for case in masked_mse_gradients_exercise().cases]
    shapes = [X.shape for X, *_ in cases]
    assert any(m == 1 for m, _ in shapes) and any(n == 1 for _, n in shapes) and any(n > m for m, n in shapes)
    for _, Y, mask, alpha, beta in cases:
        assert mask.shape == Y.shape and set(np.unique(mask)) <= {0.0, 1.0} and mask.sum() >= 1
        assert np.all(alpha != 0) and np.all(beta != 0)
    # a mask that leaves some targets out, and one that keeps some but not all (else m and the count agree)
    assert sum(0 < mask.sum() < mask.size for _, _, mask, _, _ in cases) >= 4
