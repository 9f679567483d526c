"""gdlib.exercises.checking, the machinery behind every coding-exercise checker, on a tiny exercise
made here: every kind of feedback, word for word.

The exercise: given X (m, 2) and w (2, 1), return p = X w (m, 1) and q = 2 * sum(w) (one number).
Its two classic mistakes: "p without w's second entry" and "q halved". Written for the survivors of
`make mutants`: the checkers' own tests check that feedback names the mistake, not its every word.
Also the edges every checker relies on: which mistake is named when several match, the shape
sentences at each boundary, values printed the same whatever the learner's print options or numpy
error state, NaN in a case, and references or mistakes that change their arguments in place.
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
    assert result.title == exercise.title and result.passed is False and result.written is True
    return result.message


def test_a_right_function_passes_with_the_number_of_cases():
    result = check_function(lambda X, w: (X @ w, 2.0 * w.sum()), EXERCISE)
    assert result.passed is True and result.written is True
    assert result.message == "correct on all 2 held-out cases. Well done."
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
    assert result.passed is False and result.written is False and result.mark == "…"
    assert result.message == ("not written yet. Replace the `...` in `tiny` with your code, run that cell, then run "
                              "this one again.")
    assert repr(result).startswith("… tiny: not written yet.")

    def passing(X, w):
        pass

    assert check_function(passing, EXERCISE).written is False


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


def test_a_case_whose_names_do_not_match_its_arguments_is_an_error():
    with pytest.raises(ValueError):
        Case((np.zeros(2), 0.5), ("X",)).describe()


def test_an_exception_from_a_function_without_python_code():
    # len has no __code__: the message has no line, but still the exception and the case
    assert _feedback(len) == ("your function raised TypeError: len() takes exactly one argument (2 given). It was "
                              "called with X of shape (3, 2), w of shape (2, 1).")


def test_an_exception_from_a_function_whose_source_is_not_at_hand():
    namespace = {}
    exec(compile("def tiny(X, w):\n    p = X @ w\n    return p, w.sum() / undefined_name\n", "<typed in>", "exec"),
         namespace)
    # the line number is known, its text is not (linecache has nothing for "<typed in>")
    assert _feedback(namespace["tiny"]) == ("your function raised NameError: name 'undefined_name' is not defined at "
                                            "line 3 of `tiny`: ``. It was called with X of shape (3, 2), w of shape "
                                            "(2, 1).")


def _one_case(value, outputs=("v",)):
    """An exercise whose one case is `value` itself (named a) and whose reference returns it."""
    return Exercise(title="v", function_name="v", outputs=outputs, reference=lambda a: a.copy(),
                    cases=(Case((value,), ("a",)),))


PRINTED = ("`v` differs from the expected value on a case with a of shape (1, 2): expected [[1.2346e+00 1.0000e-10]], "
           "got [[2.2346 1.    ]].")


def test_values_are_printed_to_four_digits_without_suppressing_small_ones():
    assert _feedback(lambda a: a + 1.0, _one_case(np.array([[1.23456789, 1e-10]]))) == PRINTED


def test_the_printed_values_do_not_depend_on_the_learners_print_options():
    with np.printoptions(precision=8, suppress=True, floatmode="fixed", linewidth=20, threshold=1000):
        assert _feedback(lambda a: a + 1.0, _one_case(np.array([[1.23456789, 1e-10]]))) == PRINTED


def test_more_than_twelve_numbers_are_summarised():
    value = np.arange(13.0).reshape(1, 13) + 0.5
    assert _feedback(lambda a: a + 1.0, _one_case(value)) == (
        "`v` differs from the expected value on a case with a of shape (1, 13): expected "
        "[[ 0.5  1.5  2.5 ... 10.5 11.5 12.5]], got [[ 1.5  2.5  3.5 ... 11.5 12.5 13.5]]."
    )


def test_a_row_longer_than_200_characters_is_wrapped():
    # twelve 14-character numbers in eleven brackets: 201 characters on one line, so the last one wraps
    value = np.full((1,) * 10 + (12,), -12345678.1234)
    expected = "[" * 11 + " ".join(["-12345678.1234"] * 11) + "\n" + " " * 11 + "-12345678.1234" + "]" * 11
    received = expected.replace("-12345678.1234", "-12344678.1234")
    assert _feedback(lambda a: a + 1000.0, _one_case(value)) == (
        f"`v` differs from the expected value on a case with a of shape {value.shape}: expected {expected}, got "
        f"{received}."
    )


TABLE = ("`v` has shape {got} where {want} is expected: many rows where one belongs is what numpy makes when a 1-D "
         "array of m numbers, shape (m,), meets a column (m, 1): it broadcasts the two into an (m, m) table. Keep "
         "every column as (m, 1).")
PLAIN = "`v` has shape {got} where {want} is expected."


@pytest.mark.parametrize(("want", "got", "sentence"), [
    ((1, 3), (3, 3), TABLE),
    ((1, 3), (2, 3), TABLE),   # two rows are already many
    ((1, 2), (3, 1), TABLE),   # more rows, whatever the columns
    ((1, 3), (3,), PLAIN),     # not 2-D
    ((1, 1), (2, 1, 1), PLAIN),
    ((1,), (3, 3), PLAIN),     # the expected value is not 2-D
    ((1, 3), (1, 2), PLAIN),   # fewer numbers
    ((1, 4), (2, 2), PLAIN),   # as many numbers
    ((1, 3), (1, 5), PLAIN),   # one row, more columns
    ((2, 1), (4, 1), PLAIN),   # the expected value has more than one row
    ((1, 3), (3, 1), PLAIN),   # as many numbers, transposed, but not the right ones
])
def test_the_broadcast_table_only_where_one_row_became_many(want, got, sentence):
    # wrong numbers as well as the wrong shape, so that only the shape is said
    exercise = Exercise(title="v", function_name="v", outputs=("v",), reference=lambda a: np.ones(want),
                        cases=(Case((0.0,), ("a",)),))
    assert _feedback(lambda a: np.full(got, 2.0), exercise) == sentence.format(got=got, want=want)


def _helper_that_fails(w):
    return w.sum() / undefined_name  # noqa: F821


def test_an_exception_in_a_helper_is_shown_at_the_line_of_the_function_that_called_it():
    def tiny(X, w):
        p = X @ w
        return p, _helper_that_fails(w)

    assert _feedback(tiny) == ("your function raised NameError: name 'undefined_name' is not defined at line 3 of "
                               "`tiny`: `return p, _helper_that_fails(w)`. It was called with X of shape (3, 2), w of "
                               "shape (2, 1).")


def test_a_case_with_names_that_do_not_match_its_arguments_fails_loudly():
    exercise = Exercise(title="tiny", function_name="tiny", outputs=("p", "q"), reference=reference,
                        cases=(Case((X1, W1), ("X",)),))
    with pytest.raises(ValueError):
        check_function(lambda X, w: (X @ w, 2.0 * w.sum()), exercise)


NAN_CASE = (Case((np.array([[np.nan, 1.0]]), W1), ("X", "w")),)


def test_a_missing_value_in_a_case_is_not_a_change_and_nan_equals_nan():
    exercise = Exercise(title="tiny", function_name="tiny", outputs=("p", "q"), reference=reference, cases=NAN_CASE)
    result = check_function(lambda X, w: (X @ w, 2.0 * w.sum()), exercise)
    assert result.passed is True and result.message == "correct on all 1 held-out cases. Well done."
    assert _feedback(lambda X, w: (np.zeros((1, 1)), 2.0 * w.sum()), exercise) == (
        "`q` is right. `p` differs from the expected value on a case with X of shape (1, 2), w of shape (2, 1): "
        "expected [[nan]], got [[0.]]."
    )


def test_the_tolerance_scales_with_small_values_too():
    # expected values of size 1e-3: a slip of 1e-8 is a relative error of 1e-5, above rtol = 1e-6
    exercise = _one_case(np.array([[1e-3, -2e-3]]))
    assert _feedback(lambda a: a + 1e-8, exercise).startswith("`v` differs from the expected value")
    assert check_function(lambda a: a + 1e-10, exercise).passed is True


def test_an_entry_near_zero_is_allowed_rtol_times_the_largest_entry():
    exercise = Exercise(title="v", function_name="v", outputs=("v",), reference=lambda a: a.copy(),
                        cases=(Case((np.array([[1000.0, 0.0]]),), ("a",)),), rtol=1e-3)
    assert check_function(lambda a: a + np.array([[0.0, 0.5]]), exercise).passed is True   # 0.5 < 1e-3 * 1000
    assert check_function(lambda a: a + np.array([[0.0, 1.5]]), exercise).passed is False


def test_numpy_raising_on_overflow_does_not_break_the_checker():
    # a learner (or a notebook) may have called np.seterr(all="raise"); the checker runs everything quietly
    overflows = Mistake("q overflows", "the exponent", lambda X, w: (X @ w, float(np.exp(np.float64(1000.0)))))
    exercise = Exercise(title="tiny", function_name="tiny", outputs=("p", "q"),
                        reference=lambda X, w: (X @ w, 2.0 * float(w.sum()) + 0.0 * np.exp(np.float64(1000.0))),
                        cases=CASES, mistakes=(overflows,))
    with np.errstate(all="raise"):
        message = _feedback(lambda X, w: (X @ w, np.float64(w.sum()) / np.float64(0.0)), exercise)
    assert message == "`p` is right. `q` looks like q overflows. Look at the exponent."
    with np.errstate(all="raise"):  # comparing 1e308 with -1e308 overflows in numpy's isclose
        message = _feedback(lambda a: -a, _one_case(np.array([[1e308]])))
    assert message == ("`v` differs from the expected value on a case with a of shape (1, 1): expected [[1.e+308]], "
                       "got [[-1.e+308]].")


def test_the_reference_and_the_mistakes_cannot_change_the_cases():
    def in_place_reference(X, w):
        w *= 2.0
        return X @ w, 2.0 * float(w.sum())

    def in_place_mistake(X, w):
        X *= 3.0
        return X @ w, 0.0

    X, w = X1.copy(), W1.copy()
    exercise = Exercise(title="tiny", function_name="tiny", outputs=("p", "q"), reference=in_place_reference,
                        cases=(Case((X, w), ("X", "w")),), mistakes=(Mistake("q is zero", "q", in_place_mistake),))
    assert check_function(lambda X, w: (2.0 * (X @ w), 4.0 * w.sum()), exercise).passed is True
    assert _feedback(lambda X, w: (2.0 * (X @ w), 0.0), exercise) == (
        "`p` is right. `q` looks like q is zero. Look at q."
    )
    np.testing.assert_array_equal(X, X1)
    np.testing.assert_array_equal(w, W1)


def test_returning_one_array_or_one_number_where_two_are_expected():
    assert _feedback(lambda X, w: np.array([1.0, 2.0])) == (
        "your function should return 2 things, (p, q), but returned one ndarray."
    )
    assert _feedback(lambda X, w: 3.0) == "your function should return 2 things, (p, q), but returned one float."


def test_integers_returned_are_printed_as_the_floats_they_are_compared_as():
    assert _feedback(lambda X, w: (X @ w, 3 * int(w.sum()))) == (
        "`p` is right. `q` differs from the expected value on a case with X of shape (3, 2), w of shape (2, 1): "
        "expected 4., got 6.."
    )


def test_one_number_in_a_1d_array_where_a_1_by_1_is_expected_lost_a_dimension():
    exercise = _one_case(np.array([[2.0]]))
    assert _feedback(lambda a: a[0], exercise) == (
        "`v` has the right numbers but lost a dimension: shape (1,), where (1, 1) is expected. Keep it 2-D: sum "
        "with `keepdims=True`, or index with `[:, 0:1]` instead of `[:, 0]`."
    )


@pytest.mark.parametrize(("value", "learner", "sentence"), [
    # the numbers of a transposed matrix, read row by row into the expected shape: not the right numbers
    (np.array([[1.0, 2.0, 3.0, 4.0, 5.0, 6.0]]), lambda a: a.reshape(2, 3).T,
     "`v` has shape (3, 2) where (1, 6) is expected."),
    # a column where a 1-D array is expected
    (np.array([1.0, 2.0, 3.0]), lambda a: a[:, None],
     "`v` has the right numbers in the wrong shape: (3, 1), where (3,) is expected."),
    # the right numbers in order, in another 2-D shape: neither transposed nor a lost dimension
    (np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]), lambda a: a.reshape(3, 2),
     "`v` has the right numbers in the wrong shape: (3, 2), where (2, 3) is expected."),
    # a 3-D transpose is not what "transposed" means here
    (np.array([1.0, 2.0, 3.0]).reshape(3, 1, 1), lambda a: a.T,
     "`v` has the right numbers in the wrong shape: (1, 1, 3), where (3, 1, 1) is expected."),
])
def test_the_right_numbers_in_the_wrong_shape(value, learner, sentence):
    assert _feedback(learner, _one_case(value)) == sentence


def test_a_wrong_shape_of_one_output_does_not_hide_the_others():
    assert _feedback(lambda X, w: ((X @ w).T, 3.0 * w.sum())) == (
        "`p` has the right numbers but is transposed: shape (1, 3), where (3, 1) is expected. Write down the shape "
        "of each factor: which product gives (3, 1)? `q` differs from the expected value on a case with X of shape "
        "(3, 2), w of shape (2, 1): expected 4., got 6.."
    )


P_DOUBLED = lambda X, w: (2 * (X @ w), 2.0 * float(w.sum()))  # noqa: E731
ALL_DOUBLED = lambda X, w: (2 * (X @ w), 4.0 * float(w.sum()))  # noqa: E731


def _mistakes(*mistakes):
    return Exercise(title="tiny", function_name="tiny", outputs=("p", "q"), reference=reference, cases=CASES,
                    mistakes=mistakes)


def test_the_mistake_that_explains_the_most_outputs_is_named():
    exercise = _mistakes(Mistake("everything is doubled", "both", ALL_DOUBLED), Mistake("p is doubled", "p", P_DOUBLED))
    # both explain p, the first also explains q: it is named for both
    assert _feedback(lambda X, w: (2 * (X @ w), 4.0 * w.sum()), exercise) == (
        "`p` and `q` look like everything is doubled. Look at both."
    )


def test_between_mistakes_explaining_as_much_the_first_listed_is_named():
    exercise = _mistakes(Mistake("first", "one", P_DOUBLED), Mistake("second", "two", P_DOUBLED),
                         Mistake("third", "three", P_DOUBLED))
    assert _feedback(lambda X, w: (2 * (X @ w), 2.0 * w.sum()), exercise) == (
        "`q` is right. `p` looks like first. Look at one."
    )


def test_a_mistake_is_recognised_in_a_wrong_shape_and_both_are_said():
    assert _feedback(lambda X, w: ((X[:, :1] * w[0, 0])[:, 0], 2.0 * w.sum())) == (
        "`q` is right. `p` looks like p leaves out w's second entry. Look at the product X w. Also, `p` has shape "
        "(3,) where (3, 1) is expected."
    )


def test_a_mistake_that_only_changes_the_shape_where_it_applies_explains_it():
    flat = Mistake("p is flat on one-row X", "the keepdims", lambda X, w: ((X @ w)[:, 0], 2.0 * float(w.sum())),
                   where=lambda X, w: X.shape[0] == 1)
    exercise = _mistakes(flat)
    # flat on the one-row case, and wrong numbers on the other: not "the right numbers in the wrong shape"
    learner = lambda X, w: ((X @ w)[:, 0] if X.shape[0] == 1 else X @ w + 1.0, 2.0 * w.sum())  # noqa: E731
    assert _feedback(learner, exercise) == (
        "`q` is right. `p` looks like p is flat on one-row X. Look at the keepdims. Also, `p` has shape (1,) where "
        "(1, 1) is expected."
    )


def test_a_function_with_code_before_the_dots_is_written():
    def tiny(X, w):
        print(end="")
        ...

    def documented(X, w):
        """Return p and q."""
        return None

    assert _feedback(tiny) == "your function returned None. Did you forget the `return` line?"
    assert _feedback(documented) == "your function returned None. Did you forget the `return` line?"


def test_arguments_that_are_not_arrays_are_passed_as_they_are():
    # only arrays are copied: a function stays callable and a number stays a Python number
    def apply(f, x):
        assert callable(f) and isinstance(x, float)
        return f(x)

    exercise = Exercise(title="apply", function_name="apply", outputs=("y",), reference=apply,
                        cases=(Case((np.tanh, 0.5), ("f", "x")),))
    result = check_function(apply, exercise)
    assert result.passed is True and result.message == "correct on all 1 held-out cases. Well done."
