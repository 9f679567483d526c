"""gdlib.exercises.checking, the machinery behind every coding-exercise checker, on a tiny exercise
made here: every kind of feedback, word for word.

The exercise: given X (m, 2) and w (2, 1), return p = X w (m, 1) and q = 2 * sum(w) (one number).
Its two classic mistakes: "p without w's second entry" and "q halved". Written for the survivors of
`make mutants`: the checkers' own tests check that feedback names the mistake, not its every word.
"""

import numpy as np
import pytest

from gdlib.exercises.checking import Case, CheckResult, Exercise, Mistake, check_function

X1 = np.array([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
W1 = np.array([[1.0], [1.0]])
X2 = np.array([[1.0, 0.0]])
W2 = np.array([[2.0], [3.0]])
CASES = (Case((X1, W1), ("X", "w")), Case((X2, W2), ("X", "w")))


def reference(X, w):
    return X @ w, 2.0 * float(w.sum())


FIRST_ONLY = Mistake("p leaves out w's second entry", "the product X w", lambda X, w: (X[:, :1] * w[0, 0],
                                                                                      2.0 * float(w.sum())))
HALVED = Mistake("q is halved", "the factor 2 in q", lambda X, w: (X @ w, float(w.sum())))
BOTH = Mistake("everything is doubled", "both outputs", lambda X, w: (2 * (X @ w), 4.0 * float(w.sum())))
EXERCISE = Exercise(title="tiny", function_name="tiny", outputs=("p", "q"), reference=reference, cases=CASES,
                    mistakes=(FIRST_ONLY, HALVED, BOTH))


def _feedback(function, exercise=EXERCISE) -> str:
    result = check_function(function, exercise)
    assert result.title == exercise.title and not result.passed
    return result.message


def test_a_right_function_passes_with_the_number_of_cases():
    result = check_function(lambda X, w: (X @ w, 2.0 * w.sum()), EXERCISE)
    assert result.passed and result.written and result.message == "correct on all 2 held-out cases. Well done."
    assert repr(result) == "✔ tiny: correct on all 2 held-out cases. Well done."
    assert result._repr_markdown_() == "✔ **tiny:** correct on all 2 held-out cases. Well done."


def test_a_one_entry_array_counts_as_one_number():
    assert check_function(lambda X, w: (X @ w, np.array([[2.0 * w.sum()]])), EXERCISE).passed
    assert check_function(lambda X, w: (X @ w, [2.0 * w.sum()]), EXERCISE).passed


def test_what_is_not_a_function_or_not_written_yet():
    assert _feedback(3) == "expected a function, got int: pass the function itself, `tiny`, without calling it."

    def tiny(X, w):
        """Return p and q."""
        ...

    result = check_function(tiny, EXERCISE)
    assert not result.written and result.mark == "…"
    assert result.message == ("not written yet. Replace the `...` in `tiny` with your code, run that cell, then run "
                              "this one again.")
    assert repr(result).startswith("… tiny: not written yet.")

    def passing(X, w):
        pass

    assert not check_function(passing, EXERCISE).written


def test_an_exception_is_reported_with_its_line_and_the_case():
    def tiny(X, w):
        p = X @ w
        q = w.sum() / undefined_name  # noqa: F821
        return p, q

    assert _feedback(tiny) == ("your function raised NameError: name 'undefined_name' is not defined at line 3 of "
                               "`tiny`: `q = w.sum() / undefined_name  # noqa: F821`. It was called with X of "
                               "shape (3, 2), w of shape (2, 1).")
    assert _feedback(np.linalg.inv).startswith("your function raised TypeError: ")  # no Python source: no line


def test_cases_are_described_by_shape_value_or_function():
    case = Case((np.zeros((2, 3)), 0.5, "mse", len), ("X", "rate", "loss", "f"))
    assert case.describe() == "X of shape (2, 3), rate = 0.5, loss = 'mse', f a function"


def test_changing_the_arguments_in_place_is_named():
    def tiny(X, w):
        w *= 1.0
        X += 0.0
        X[0, 0] = 9.0
        w[0, 0] = 7.0
        return X @ w, 2.0 * w.sum()

    assert _feedback(tiny) == (
        "your function changed the caller's `X` and `w` in place (for example with `-=` or by assigning into it). "
        "The caller's arrays must stay as they were: make a new array (`new = old - change`, not "
        "`old -= change`), or work on a copy (`old.copy()`)."
    )


def test_what_was_returned_when_it_is_not_the_outputs():
    assert _feedback(lambda X, w: None) == "your function returned None. Did you forget the `return` line?"
    assert _feedback(lambda X, w: X @ w) == "your function should return 2 things, (p, q), but returned one ndarray."
    assert _feedback(lambda X, w: [X @ w]) == (
        "your function should return 2 things, (p, q), but returned a list of length 1."
    )
    assert _feedback(lambda X, w: (X @ w, "two")) == "`q` should be a number or an array of numbers, got str."


def test_a_matching_mistake_is_named_with_where_to_look_and_the_right_output_is_said_right():
    assert _feedback(lambda X, w: (X[:, :1] * w[0, 0], 2.0 * w.sum())) == (
        "`q` is right. `p` looks like p leaves out w's second entry. Look at the product X w."
    )
    assert _feedback(lambda X, w: (X @ w, w.sum())) == (
        "`p` is right. `q` looks like q is halved. Look at the factor 2 in q."
    )


def test_one_mistake_explaining_two_outputs_is_said_once():
    assert _feedback(lambda X, w: (2 * (X @ w), 4.0 * w.sum())) == (
        "`p` and `q` look like everything is doubled. Look at both outputs."
    )


def test_a_mistake_that_changes_nothing_on_the_cases_explains_nothing():
    same = Mistake("nothing", "nowhere", reference)
    exercise = Exercise(title="tiny", function_name="tiny", outputs=("p", "q"), reference=reference, cases=CASES,
                        mistakes=(same,))
    assert _feedback(lambda X, w: (X @ w, 3.0 * w.sum()), exercise) == (
        "`p` is right. `q` differs from the expected value on a case with X of shape (3, 2), w of shape (2, 1): "
        "expected 4., got 6.."  # numpy prints a 0-d 4.0 as 4.
    )


def test_a_mistake_recognised_only_where_it_applies():
    odd = Mistake("q is wrong on one-row X", "the rows", lambda X, w: (X @ w, 0.0 if X.shape[0] == 1 else 99.0),
                  where=lambda X, w: X.shape[0] == 1)
    exercise = Exercise(title="tiny", function_name="tiny", outputs=("p", "q"), reference=reference, cases=CASES,
                        mistakes=(odd,))
    assert _feedback(lambda X, w: (X @ w, 0.0 if X.shape[0] == 1 else 2.0 * w.sum()), exercise) == (
        "`p` is right. `q` looks like q is wrong on one-row X. Look at the rows."
    )


def test_the_first_differing_case_shows_both_values():
    assert _feedback(lambda X, w: (X @ w + (X.shape[0] == 1), 2.0 * w.sum())) == (
        "`q` is right. `p` differs from the expected value on a case with X of shape (1, 2), w of shape (2, 1): "
        "expected [[2.]], got [[3.]]."
    )


def test_the_shape_feedback():
    assert _feedback(lambda X, w: ((X @ w).T, 2.0 * w.sum())) == (
        "`q` is right. `p` has the right numbers but is transposed: shape (1, 3), where (3, 1) is expected. "
        "Write down the shape of each factor: which product gives (3, 1)?"
    )
    assert _feedback(lambda X, w: ((X @ w)[:, 0], 2.0 * w.sum())) == (
        "`q` is right. `p` has the right numbers but lost a dimension: shape (3,), where (3, 1) is expected. "
        "Keep it 2-D: sum with `keepdims=True`, or index with `[:, 0:1]` instead of `[:, 0]`."
    )
    assert _feedback(lambda X, w: ((X @ w)[:, :, None], 2.0 * w.sum())) == (
        "`q` is right. `p` has the right numbers in the wrong shape: (3, 1, 1), where (3, 1) is expected."
    )
    assert _feedback(lambda X, w: (X @ w + 1.0, np.array([1.0, 2.0]))) == (
        "`p` differs from the expected value on a case with X of shape (3, 2), w of shape (2, 1): expected "
        "[[ 3.]\n [ 7.]\n [11.]], got [[ 4.]\n [ 8.]\n [12.]]. `q` should be one number, but it has shape (2,)."
    )


def test_a_broadcast_table_is_explained():
    one_row = Exercise(title="row", function_name="row", outputs=("r",), reference=lambda X, w: (X @ w).T,
                       cases=CASES)
    assert _feedback(lambda X, w: (X @ w) + (X @ w).T, one_row) == (
        "`r` has shape (3, 3) where (1, 3) is expected: many rows where one belongs is what numpy makes when a "
        "1-D array of m numbers, shape (m,), meets a column (m, 1): it broadcasts the two into an (m, m) table. "
        "Keep every column as (m, 1)."
    )


def test_a_mistake_and_a_wrong_shape_are_both_said():
    assert _feedback(lambda X, w: (X[:, :1] * w[0, 0], np.array([2.0 * w.sum()] * 2))) == (
        "`p` looks like p leaves out w's second entry. Look at the product X w. `q` should be one number, but it "
        "has shape (2,)."
    )


def test_a_check_result_marks_a_failure():
    result = CheckResult("t", False, "no")
    assert result.mark == "✘" and repr(result) == "✘ t: no" and result._repr_markdown_() == "✘ **t:** no"


def test_three_right_outputs_are_listed_with_commas_and_and():
    def four(X, w):
        return X @ w, w.sum(), w.max(), w.min()

    exercise = Exercise(title="four", function_name="four", outputs=("a", "b", "c", "d"), reference=four,
                        cases=CASES)
    assert _feedback(lambda X, w: (X @ w, w.sum(), w.max(), w.min() + 1), exercise) == (
        "`a`, `b` and `c` are right. `d` differs from the expected value on a case with X of shape (3, 2), w of "
        "shape (2, 1): expected 1., got 2.."
    )


@pytest.mark.parametrize("rtol", [1e-6, 1e-3])
def test_the_tolerance_is_relative_to_the_largest_entry(rtol):
    exercise = Exercise(title="t", function_name="t", outputs=("p",), reference=lambda X, w: X @ w * 1000.0,
                        cases=CASES, rtol=rtol)
    # a slip of 1e-4 of the largest entry (11000 on the first case) in the smallest one
    slip = lambda X, w: X @ w * 1000.0 + np.where(X @ w == (X @ w).min(), 1.1, 0.0)  # noqa: E731
    assert check_function(slip, exercise).passed == (rtol == 1e-3)
