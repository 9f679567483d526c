"""gdlib.exercises.tailoring_mse, the masked_mse_gradients checker: its settings and learner-facing
words, the flattened-mask mistake written as a learner writes it, and its held-out masks replayed
draw by draw from the documented recipe and seed.

Written for the survivors of `make mutants`.
"""

import numpy as np

from gdlib.exercises.cases import regression_problems
from gdlib.exercises.tailoring_mse import _masks, check_masked_mse_gradients, masked_mse_gradients_exercise

NAMES = ("X", "Y", "mask", "alpha", "beta")

FLAT_MASK = ("`d_alpha` and `d_beta` look like the mask (m,) met the residuals (m, 1), and numpy broadcast them "
             "into an (m, m) table. Look at the shape of the mask: keep it the (m, 1) column it is (no `.ravel()` "
             "or `[:, 0]`). Also, `d_beta` has shape (5, 1) where (1, 1) is expected: many rows where one belongs "
             "is what numpy makes when a 1-D array of m numbers, shape (m,), meets a column (m, 1): it broadcasts "
             "the two into an (m, m) table. Keep every column as (m, 1).")


def right_gradients(X, Y, mask, alpha, beta):
    m = X.shape[0]
    r = mask * (Y - (alpha + X @ beta.T))
    return -(2 / m) * np.sum(r, axis=0, keepdims=True), -(2 / m) * r.T @ X


def flat_mask(X, Y, mask, alpha, beta):
    m = X.shape[0]
    r = mask.ravel() * (Y - (alpha + X @ beta.T))  # (m,) times (m, 1): an (m, m) table
    return -(2 / m) * np.sum(r, keepdims=True), -(2 / m) * r.T @ X


def flat_mask_scalar_alpha(X, Y, mask, alpha, beta):
    m = X.shape[0]
    r = mask[:, 0] * (Y - alpha - X @ beta.T)
    return -2 / m * r.sum(), -2 / m * (r.T @ X)


def raising(X, Y, mask, alpha, beta):
    raise ValueError("not yet")


def _replay_masks(seed, sizes):
    """The documented recipe: for m > 1, k = integers(1, m), then k distinct rows set to 0."""
    rng = np.random.default_rng(seed)
    masks = []
    for m in sizes:
        mask = np.ones((m, 1))
        if m > 1:
            k = rng.integers(1, m)
            rows = rng.choice(m, size=k, replace=False)
            for row in rows:
                mask[row, 0] = 0.0
        masks.append(mask)
    return masks


def test_the_masks_are_the_documented_draws_and_leave_at_least_one_of_each():
    sizes = [X.shape[0] for X, *_ in regression_problems(10)]
    assert sizes == [1, 1, 5, 2, 7, 6, 4]
    for seed in (10, 3, 21):
        masks = _masks(seed, regression_problems(seed))
        for mask, want in zip(masks, _replay_masks(seed, sizes), strict=True):
            assert mask.shape == want.shape
            np.testing.assert_array_equal(mask, want)
            if mask.shape[0] > 1:
                assert 1 <= np.sum(mask == 0.0) <= mask.shape[0] - 1
            else:
                np.testing.assert_array_equal(mask, [[1.0]])
    # With more rows, the count of masked rows is not always 1 (the documented integers(1, m)).
    wide = _masks(0, [(np.zeros((9, 1)),)] * 30)
    counts = {int(np.sum(mask == 0.0)) for mask in wide}
    assert counts <= set(range(1, 9)) and len(counts) > 2


def test_the_held_out_cases_are_the_problems_of_seed_10_with_their_masks():
    exercise = masked_mse_gradients_exercise()
    problems = regression_problems(10)
    masks = _replay_masks(10, [X.shape[0] for X, *_ in problems])
    assert len(exercise.cases) == 7
    for case, (X, Y, alpha, beta), mask in zip(exercise.cases, problems, masks, strict=True):
        assert case.names == NAMES
        for got, want in zip(case.args, (X, Y, mask, alpha, beta), strict=True):
            np.testing.assert_array_equal(got, want)
    again = masked_mse_gradients_exercise()
    for first, second in zip(exercise.cases, again.cases, strict=True):
        for a, b in zip(first.args, second.args, strict=True):
            np.testing.assert_array_equal(a, b)


def test_the_settings_the_learner_sees():
    exercise = masked_mse_gradients_exercise()
    assert (exercise.title, exercise.function_name, exercise.outputs) == (
        "masked_mse_gradients", "masked_mse_gradients", ("d_alpha", "d_beta"))
    assert repr(check_masked_mse_gradients(3)) == (
        "✘ masked_mse_gradients: expected a function, got int: pass the function itself, `masked_mse_gradients`, "
        "without calling it.")
    assert repr(check_masked_mse_gradients(right_gradients)) == (
        "✔ masked_mse_gradients: correct on all 7 held-out cases. Well done.")


def test_an_exception_names_every_argument_of_the_first_case():
    assert check_masked_mse_gradients(raising).message == (
        "your function raised ValueError: not yet at line 2 of `raising`: `raise ValueError(\"not yet\")`. "
        "It was called with X of shape (1, 1), Y of shape (1, 1), mask of shape (1, 1), alpha of shape (1, 1), "
        "beta of shape (1, 1).")


def test_the_flattened_mask_is_named_for_both_outputs():
    result = check_masked_mse_gradients(flat_mask)
    assert not result.passed
    assert result.message == FLAT_MASK
    # The same values, with d_alpha one number: the shape is named too.
    scalar = check_masked_mse_gradients(flat_mask_scalar_alpha).message
    named, also = FLAT_MASK.split(" Also, ")
    assert scalar == f"{named} Also, `d_alpha` has shape () where (1, 1) is expected. Also, {also}"
