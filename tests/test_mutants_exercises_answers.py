"""gdlib.exercises.answers, the number exercises: every kind of feedback, word for word, and the
tolerances at their edges.

Written for the survivors of `make mutants`.
"""

import numpy as np
import pytest

from gdlib.exercises.answers import CLOSE, Exercise

NUMBER = Exercise("J", 2.5, "square the errors first.")
ARRAY = Exercise("beta", [[1.0, -2.0]], "one weight per feature.")
YES_NO = Exercise("convex?", True, "look at the Hessian.")


def test_number_feedback_word_for_word():
    assert NUMBER.feedback(None) == (False, "J: replace None with your answer, then run the cell again.")
    assert NUMBER.feedback(2.5) == (True, "J: correct. Well done.")
    assert NUMBER.feedback(2.5 * (1 + 0.5e-4)) == (True, "J: correct. Well done.")  # inside rtol 1e-4
    assert NUMBER.feedback(-2.5) == (False, "J: not yet. The size is right but the sign is not. Hint: square the "
                                            "errors first.")
    assert NUMBER.feedback(2.52) == (False, "J: close. Within 1%, but a little too high: give more digits, or round "
                                            "only at the end (the check wants a relative error below 0.0001).")
    assert NUMBER.feedback(2.48)[1] == ("J: close. Within 1%, but a little too low: give more digits, or round only "
                                        "at the end (the check wants a relative error below 0.0001).")
    assert NUMBER.feedback(2.6) == (False, "J: not yet. Hint: square the errors first.")
    assert NUMBER.feedback("2.5x") == (False, "J: expected a number or an array of numbers, got str.")
    assert NUMBER.feedback([2.5]) == (False, "J: not yet. Expected shape (), got (1,). Hint: square the errors first.")
    assert CLOSE == 0.01


def test_array_feedback_names_the_first_entry_that_is_off():
    assert ARRAY.feedback([[1.0, -2.0]]) == (True, "beta: correct. Well done.")
    assert ARRAY.feedback(np.array([[1.0, -2.01]])) == (
        False, "beta: close. Within 1%, but a little too low (entry (0, 1)): give more digits, or round only at "
               "the end (the check wants a relative error below 0.0001).")
    assert ARRAY.feedback([1.0, -2.0]) == (False, "beta: not yet. Expected shape (1, 2), got (2,). Hint: one weight "
                                                  "per feature.")
    assert ARRAY.feedback([[-1.0, 2.0]])[1].startswith("beta: not yet. The size is right but the sign is not.")


def test_the_tolerances_are_the_ones_given():
    strict = Exercise("x", 1.0, "h", rtol=1e-9, atol=0.0)
    assert not strict.feedback(1.0 + 1e-8)[0] and strict.feedback(1.0 + 1e-10)[0]
    assert strict.feedback(1.001)[1].endswith("(the check wants a relative error below 1e-09).")
    zero = Exercise("zero", 0.0, "h")  # near 0 only atol (1e-8 by default) counts
    assert zero.feedback(5e-9)[0] and not zero.feedback(5e-8)[0]
    loose = Exercise("zero", 0.0, "h", atol=1e-6)
    assert loose.feedback(5e-7)[0]


def test_yes_no_feedback_word_for_word():
    assert YES_NO.feedback(True) == (True, "convex?: correct. Well done.")
    assert YES_NO.feedback(np.bool_(True)) == (True, "convex?: correct. Well done.")
    assert YES_NO.feedback(False) == (False, "convex?: not yet. Hint: look at the Hessian.")
    assert YES_NO.feedback(1) == (False, "convex?: answer True or False, got int 1.")
    assert YES_NO.feedback(None) == (False, "convex?: replace None with your answer, then run the cell again.")
    assert Exercise("q", np.bool_(False), "h").feedback(False)[0]


@pytest.mark.parametrize(("value", "printed"), [
    (2.5, "✔ J: correct. Well done.\n"),
    (None, "… J: replace None with your answer, then run the cell again.\n"),
    (3.5, "✘ J: not yet. Hint: square the errors first.\n"),
])
def test_check_prints_the_mark_and_the_feedback(value, printed, capsys):
    assert NUMBER.check(value) is None
    assert capsys.readouterr().out == printed
