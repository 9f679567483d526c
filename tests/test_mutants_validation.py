"""gdlib.validation, exactly: every refusal's whole message, typed here, and what passes unchanged.

Written for the survivors of `make mutants`: the other tests check that a message contains some
words, so a message whose wording, case or one part went missing still passed them. Here each
message is the whole sentence a learner reads: it names the argument, what was expected and what
was got.
"""

import numpy as np
import pytest
from refusals import refusal

from gdlib import validation as v

# --- _as_float_array -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("1, 2", "X must contain real numbers, got a string: '1, 2'."),
        (b"12", "X must contain real numbers, got a string: b'12'."),
        ([[1, 2], [3]], None),  # numpy's own words follow; checked below
        (np.array([True, False]),
         "X must contain real numbers, got booleans; convert with X.astype(float) if you mean 0/1."),
        (np.array([1 + 2j]), "X must contain real numbers, got complex numbers (dtype complex128)."),
        (np.array(["a"]), "X must contain real numbers, got dtype <U1 (for example strings or objects)."),
        (np.array([None], dtype=object),
         "X must contain real numbers, got dtype object (for example strings or objects)."),
    ],
)
def test_every_refusal_of_a_non_real_array_in_full(value, message):
    got = refusal(lambda: v._as_float_array(value, "X"), TypeError)
    if message is None:
        assert got.startswith("X must be an array of real numbers; numpy could not read it: ")
        assert len(got) > len("X must be an array of real numbers; numpy could not read it: ")
    else:
        assert got == message


def test_integers_become_float64_and_a_float64_array_is_not_copied():
    ints = np.array([[1, 2]], dtype=np.int32)
    converted = v._as_float_array(ints, "X")
    assert converted.dtype == np.float64 and converted.tolist() == [[1.0, 2.0]]
    floats = np.array([[1.5, 2.5]])
    assert v._as_float_array(floats, "X") is floats
    assert v._as_float_array(np.array([3], dtype=np.uint8), "X").tolist() == [3.0]


# --- _check_finite ---------------------------------------------------------------------------------


def test_the_non_finite_message_counts_them_and_names_the_first():
    array = np.array([[1.0, np.inf], [np.nan, 2.0], [3.0, -np.inf]])
    assert refusal(lambda: v._check_finite(array, "X")) == (
        "X must contain only finite numbers, got 3 NaN or infinite value(s), the first at index (0, 1): inf."
    )
    column = np.array([[0.0], [np.nan]])
    assert refusal(lambda: v._check_finite(column, "Y")) == (
        "Y must contain only finite numbers, got 1 NaN or infinite value(s), the first at index (1, 0): nan."
    )
    assert v._check_finite(np.array([[1.0, -2.0]]), "X") is None


# --- as_X ------------------------------------------------------------------------------------------


def test_as_X_refusals_in_full():
    assert refusal(lambda: v.as_X(np.arange(4.0))) == (
        "X must be a 2-D array of shape (m, n), got a 1-D array of shape (4,). If it holds one feature, "
        "reshape it with X.reshape(-1, 1); if it is one example, with X.reshape(1, -1)."
    )
    assert refusal(lambda: v.as_X(np.zeros((1, 2, 3)))) == (
        "X must be a 2-D array of shape (m, n), got a 3-D array of shape (1, 2, 3)."
    )
    assert refusal(lambda: v.as_X(np.float64(2.0))) == (
        "X must be a 2-D array of shape (m, n), got a 0-D array of shape ()."
    )
    for shape in ((0, 2), (3, 0), (0, 0)):
        assert refusal(lambda shape=shape: v.as_X(np.zeros(shape))) == (
            f"X must have at least one example and one feature, got an empty array of shape {shape}."
        )


def test_as_X_accepts_one_by_one_and_returns_float64():
    assert v.as_X([[7]]).tolist() == [[7.0]] and v.as_X([[7]]).dtype == np.float64
    assert v.as_X([[1, 2, 3]]).shape == (1, 3)


# --- as_column / as_Y ----------------------------------------------------------------------------


def test_as_column_refusals_in_full():
    assert refusal(lambda: v.as_column(np.zeros((1, 3)), "Y", 3)) == (
        "Y must have shape (m, 1) or (m,) with m = 3, got a 2-D array of shape (1, 3). "
        "Did you mean Y.T or Y.reshape(-1, 1)?"
    )
    assert refusal(lambda: v.as_column(np.zeros((3, 2)), "Y", 3)) == (
        "Y must have shape (m, 1) or (m,) with m = 3, got a 2-D array of shape (3, 2)."
    )
    assert refusal(lambda: v.as_column(np.zeros((2, 1, 1)), "Y_hat")) == (
        "Y_hat must have shape (m, 1) or (m,), got a 3-D array of shape (2, 1, 1)."
    )
    assert refusal(lambda: v.as_column(np.zeros((1, 1, 3)), "Y")) == (
        "Y must have shape (m, 1) or (m,), got a 3-D array of shape (1, 1, 3)."
    )
    assert refusal(lambda: v.as_column(np.zeros(0), "Y")) == (
        "Y must have at least one example, got an empty array of shape (0, 1)."
    )
    assert refusal(lambda: v.as_column(np.zeros((0, 1)), "Y", 0)) == (
        "Y must have at least one example, got an empty array of shape (0, 1)."
    )
    assert refusal(lambda: v.as_column(np.zeros(3), "Y", 2)) == (
        "Y must have one row per example of X: expected 2 rows, got 3 (shape (3, 1)). "
        "If Y is right, X must have 3 rows instead."
    )
    assert refusal(lambda: v.as_column(np.zeros((1, 1)), "weights", 4, reference="Y")) == (
        "weights must have one row per example of Y: expected 4 rows, got 1 (shape (1, 1)). "
        "If weights is right, Y must have 1 row instead."
    )
    assert refusal(lambda: v.as_column([[1.0], [np.inf]], "Y", 2)) == (
        "Y must contain only finite numbers, got 1 NaN or infinite value(s), the first at index (1, 0): inf."
    )


def test_as_column_takes_a_flat_array_as_a_column_of_any_length_when_m_is_none():
    column = v.as_column([1, 2, 3], "Y")
    assert column.shape == (3, 1) and column.dtype == np.float64 and column[:, 0].tolist() == [1.0, 2.0, 3.0]
    assert v.as_column([[5.0]], "Y", 1).tolist() == [[5.0]]
    assert v.as_Y([4, 5], 2).tolist() == [[4.0], [5.0]]
    assert refusal(lambda: v.as_Y([4, 5], 3)).startswith("Y must have one row per example of X: expected 3 rows")


# --- as_alpha / as_beta ----------------------------------------------------------------------------


def test_as_alpha_in_full():
    assert v.as_alpha(2).tolist() == [[2.0]] and v.as_alpha([[3]]).tolist() == [[3.0]]
    assert refusal(lambda: v.as_alpha([1.0])) == (
        "alpha must be a number or an array of shape (1, 1), got a 1-D array of shape (1,)."
    )
    assert refusal(lambda: v.as_alpha(np.zeros((1, 1, 1)))) == (
        "alpha must be a number or an array of shape (1, 1), got a 3-D array of shape (1, 1, 1)."
    )
    assert refusal(lambda: v.as_alpha(np.inf)) == (
        "alpha must contain only finite numbers, got 1 NaN or infinite value(s), the first at index (0, 0): inf."
    )


def test_as_beta_in_full():
    assert v.as_beta([1, 2], 2).tolist() == [[1.0, 2.0]]
    assert v.as_beta([[3]], 1).tolist() == [[3.0]]
    assert refusal(lambda: v.as_beta(np.zeros((2, 1)), 2)) == (
        "beta must have shape (1, n) or (n,) with n = 2 (one weight per feature of X), "
        "got a 2-D array of shape (2, 1). Did you mean beta.T?"
    )
    assert refusal(lambda: v.as_beta(np.zeros(3), 2)) == (
        "beta must have shape (1, n) or (n,) with n = 2 (one weight per feature of X), "
        "got a 1-D array of shape (3,). If beta is right, X must have 3 columns (features) instead."
    )
    assert refusal(lambda: v.as_beta(np.zeros((1, 1)), 2)) == (
        "beta must have shape (1, n) or (n,) with n = 2 (one weight per feature of X), "
        "got a 2-D array of shape (1, 1). If beta is right, X must have 1 column (features) instead."
    )
    assert refusal(lambda: v.as_beta(np.zeros((1, 3)), 2, reference="Z")) == (
        "beta must have shape (1, n) or (n,) with n = 2 (one weight per feature of Z), "
        "got a 2-D array of shape (1, 3). If beta is right, Z must have 3 columns (features) instead."
    )
    assert refusal(lambda: v.as_beta(np.zeros((1, 3)), 2, reference=None)) == (
        "beta must have shape (1, n) or (n,) with n = 2, got a 2-D array of shape (1, 3)."
    )
    assert refusal(lambda: v.as_beta(np.zeros((2, 3)), 3)) == (
        "beta must have shape (1, n) or (n,) with n = 3 (one weight per feature of X), "
        "got a 2-D array of shape (2, 3)."
    )
    assert refusal(lambda: v.as_beta(np.zeros((1, 0)), 2)) == (
        "beta must have shape (1, n) or (n,) with n = 2 (one weight per feature of X), "
        "got a 2-D array of shape (1, 0)."
    )
    assert refusal(lambda: v.as_beta(0.5, 1)) == (
        "beta must have shape (1, n) or (n,) with n = 1 (one weight per feature of X), got a 0-D array of shape ()."
    )
    assert refusal(lambda: v.as_beta([[0.0, np.nan]], 2)) == (
        "beta must contain only finite numbers, got 1 NaN or infinite value(s), the first at index (0, 1): nan."
    )


def test_as_parameters_validates_the_three_together():
    X, alpha, beta = v.as_parameters([[1, 2], [3, 4]], 1, [5, 6])
    assert X.tolist() == [[1.0, 2.0], [3.0, 4.0]] and alpha.tolist() == [[1.0]] and beta.tolist() == [[5.0, 6.0]]
    refused = refusal(lambda: v.as_parameters([[1, 2]], 0, [1, 2, 3]))
    assert refused.startswith("beta must have shape (1, n) or (n,) with n = 2")


# --- check_positive / check_learning_rate / check_iterations ----------------------------------------


def test_the_number_checks_in_full():
    assert v.check_positive(3, "eps") == 3.0 and isinstance(v.check_positive(3, "eps"), float)
    assert v.check_positive(np.float32(0.5), "eps") == 0.5
    assert refusal(lambda: v.check_positive(True, "eps"), TypeError) == "eps must be a real number, got bool True."
    assert refusal(lambda: v.check_positive("1", "eps"), TypeError) == "eps must be a real number, got str '1'."
    assert refusal(lambda: v.check_positive(0, "eps")) == "eps must be a finite number greater than 0, got 0.0."
    assert refusal(lambda: v.check_positive(-2, "eps")) == "eps must be a finite number greater than 0, got -2.0."
    assert refusal(lambda: v.check_positive(np.inf, "eps")) == "eps must be a finite number greater than 0, got inf."
    assert refusal(lambda: v.check_learning_rate(0)) == (
        "learning_rate must be a finite number greater than 0, got 0.0."
    )
    assert v.check_learning_rate(0.25) == 0.25
    assert v.check_iterations(0) == 0 and v.check_iterations(np.int16(7)) == 7
    assert type(v.check_iterations(np.int64(7))) is int
    assert refusal(lambda: v.check_iterations(-1)) == "iterations must be >= 0, got -1."
    assert refusal(lambda: v.check_iterations(-3, "epochs")) == "epochs must be >= 0, got -3."
    assert refusal(lambda: v.check_iterations(2.0), TypeError) == (
        "iterations must be a whole number (int) >= 0, got float 2.0."
    )
    assert refusal(lambda: v.check_iterations(False, "epochs"), TypeError) == (
        "epochs must be a whole number (int) >= 0, got bool False."
    )


# --- each public check names its own argument in the refusals it hands down ------------------------


def test_the_public_checks_name_their_argument_when_the_values_are_not_real_or_not_finite():
    assert refusal(lambda: v.as_X("1 2"), TypeError) == "X must contain real numbers, got a string: '1 2'."
    assert refusal(lambda: v.as_X([[True]]), TypeError) == (
        "X must contain real numbers, got booleans; convert with X.astype(float) if you mean 0/1."
    )
    assert refusal(lambda: v.as_X([[1.0, np.nan]])) == (
        "X must contain only finite numbers, got 1 NaN or infinite value(s), the first at index (0, 1): nan."
    )
    assert refusal(lambda: v.as_Y("abc", 3), TypeError) == "Y must contain real numbers, got a string: 'abc'."
    assert refusal(lambda: v.as_column([1j], "Y_hat"), TypeError) == (
        "Y_hat must contain real numbers, got complex numbers (dtype complex128)."
    )
    assert refusal(lambda: v.as_alpha("0.5"), TypeError) == "alpha must contain real numbers, got a string: '0.5'."
    assert refusal(lambda: v.as_alpha(True), TypeError) == (
        "alpha must contain real numbers, got booleans; convert with alpha.astype(float) if you mean 0/1."
    )
    assert refusal(lambda: v.as_beta("1, 2", 2), TypeError) == "beta must contain real numbers, got a string: '1, 2'."
    assert refusal(lambda: v.as_beta([True, False], 2), TypeError) == (
        "beta must contain real numbers, got booleans; convert with beta.astype(float) if you mean 0/1."
    )
