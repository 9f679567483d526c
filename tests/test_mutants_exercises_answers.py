"""gdlib.exercises.answers, the number exercises: every kind of feedback, word for word, and the
tolerances at their edges.

Written for the survivors of `make mutants`.
"""

from fractions import Fraction

import numpy as np
import pytest

from gdlib.exercises.answers import CLOSE, Exercise


# Built inside each test, not at import, so that a mutant of Exercise.__init__ is the one the test meets.
def _number():
    return Exercise("J", 2.5, "square the errors first.")


def _array():
    return Exercise("beta", [[1.0, -2.0]], "one weight per feature.")


def _yes_no():
    return Exercise("convex?", True, "look at the Hessian.")


def test_number_feedback_word_for_word():
    assert _number().feedback(None) == (False, "J: replace None with your answer, then run the cell again.")
    assert _number().feedback(2.5) == (True, "J: correct. Well done.")
    assert _number().feedback(2.5 * (1 + 0.5e-4)) == (True, "J: correct. Well done.")  # inside rtol 1e-4
    assert _number().feedback(-2.5) == (False, "J: not yet. The size is right but the sign is not. Hint: square the "
                                            "errors first.")
    assert _number().feedback(2.52) == (False, "J: close. Within 1%, but a little too high: give more digits, or round "
                                            "only at the end (the check wants a relative error below 0.0001).")
    assert _number().feedback(2.48)[1] == ("J: close. Within 1%, but a little too low: give more digits, or round only "
                                        "at the end (the check wants a relative error below 0.0001).")
    assert _number().feedback(2.6) == (False, "J: not yet. Hint: square the errors first.")
    assert _number().feedback("2.5x") == (False, "J: expected a number or an array of numbers, got str.")
    assert _number().feedback([2.5]) == (False, "J: not yet. Expected shape (), got (1,). Hint: square the errors "
                                                "first.")
    assert CLOSE == 0.01


def test_array_feedback_names_the_first_entry_that_is_off():
    assert _array().feedback([[1.0, -2.0]]) == (True, "beta: correct. Well done.")
    assert _array().feedback(np.array([[1.0, -2.01]])) == (
        False, "beta: close. Within 1%, but a little too low (entry (0, 1)): give more digits, or round only at "
               "the end (the check wants a relative error below 0.0001).")
    assert _array().feedback([1.0, -2.0]) == (False, "beta: not yet. Expected shape (1, 2), got (2,). Hint: one weight "
                                                  "per feature.")
    assert _array().feedback([[-1.0, 2.0]])[1].startswith("beta: not yet. The size is right but the sign is not.")


def test_the_tolerances_are_the_ones_given():
    strict = Exercise("x", 1.0, "h", rtol=1e-9, atol=0.0)
    assert not strict.feedback(1.0 + 1e-8)[0] and strict.feedback(1.0 + 1e-10)[0]
    assert strict.feedback(1.001)[1].endswith("(the check wants a relative error below 1e-09).")
    zero = Exercise("zero", 0.0, "h")  # near 0 only atol (1e-8 by default) counts
    assert zero.feedback(5e-9)[0] and not zero.feedback(5e-8)[0]
    loose = Exercise("zero", 0.0, "h", atol=1e-6)
    assert loose.feedback(5e-7)[0]


def test_yes_no_feedback_word_for_word():
    assert _yes_no().feedback(True) == (True, "convex?: correct. Well done.")
    assert _yes_no().feedback(np.bool_(True)) == (True, "convex?: correct. Well done.")
    assert _yes_no().feedback(False) == (False, "convex?: not yet. Hint: look at the Hessian.")
    assert _yes_no().feedback(1) == (False, "convex?: answer True or False, got int 1.")
    assert _yes_no().feedback(None) == (False, "convex?: replace None with your answer, then run the cell again.")
    assert Exercise("q", np.bool_(False), "h").feedback(False)[0]


@pytest.mark.parametrize(("value", "printed"), [
    (2.5, "✔ J: correct. Well done.\n"),
    (None, "… J: replace None with your answer, then run the cell again.\n"),
    (3.5, "✘ J: not yet. Hint: square the errors first.\n"),
])
def test_check_prints_the_mark_and_the_feedback(value, printed, capsys):
    assert _number().check(value) is None
    assert capsys.readouterr().out == printed


def test_an_exact_answer_is_compared_as_a_float():
    # a Fraction or an integer beyond int64 would be an object array, which numpy cannot compare
    assert Exercise("p", Fraction(2, 3), "h").feedback(2 / 3) == (True, "p: correct. Well done.")
    assert Exercise("big", 10**20, "h").feedback(1.0e20) == (True, "big: correct. Well done.")
    assert Exercise("big", 10**20, "h").feedback(1.005e20) == (
        False, "big: close. Within 1%, but a little too high: give more digits, or round only at the end (the "
               "check wants a relative error below 0.0001).")


def test_a_yes_no_answer_false_is_false():
    no = Exercise("diverges?", False, "compare alpha with 2/L.")
    assert no.feedback(False) == (True, "diverges?: correct. Well done.")
    assert no.feedback(True) == (False, "diverges?: not yet. Hint: compare alpha with 2/L.")
    assert no.feedback(0.0) == (False, "diverges?: answer True or False, got float 0.0.")


def test_a_one_dimensional_answer_names_its_entry():
    vector = Exercise("v", [4.0, 8.0], "h")
    assert vector.feedback([4.0, 7.99]) == (
        False, "v: close. Within 1%, but a little too low (entry (1,)): give more digits, or round only at the end "
               "(the check wants a relative error below 0.0001).")


def test_the_exercise_atol_counts_in_every_comparison():
    # entry 0 is inside atol = 1e-3 (but not the default 1e-8); entry 1 is 0.5% too high
    loose = Exercise("w", [[0.0, 100.0]], "h", atol=1e-3)
    assert loose.feedback([[5e-4, 100.5]]) == (
        False, "w: close. Within 1%, but a little too high (entry (0, 1)): give more digits, or round only at the end "
               "(the check wants a relative error below 0.0001).")
    # the flipped entry 1 and an entry 0 inside atol: the sign is what is wrong
    assert loose.feedback([[5e-4, -100.0]]) == (False, "w: not yet. The size is right but the sign is not. Hint: h")


def test_the_exercise_rtol_counts_in_every_comparison():
    # rtol 1e-3: entry 0 is 0.05% off (inside), entry 1 is 0.5% off (outside, but within 1%)
    coarse = Exercise("w", [[10.0, 100.0]], "h", rtol=1e-3)
    assert coarse.feedback([[10.005, 99.5]]) == (
        False, "w: close. Within 1%, but a little too low (entry (0, 1)): give more digits, or round only at the end "
               "(the check wants a relative error below 0.001).")
    assert coarse.feedback([[-10.005, -100.05]]) == (
        False, "w: not yet. The size is right but the sign is not. Hint: h")
    assert coarse.feedback([[10.005, 100.05]]) == (True, "w: correct. Well done.")
