"""Exercise feedback, and the data files that ship with the course."""

import os

import numpy as np
import pytest

import gdlib


def test_exercise_confirms_a_right_answer_and_hints_at_a_wrong_one(capsys):
    exercise = gdlib.Exercise("slope", [[2.0, -1.0]], "differentiate again")
    assert exercise.feedback([[2.0, -1.0]])[0]
    assert exercise.feedback(np.array([[2.00001, -1.0]]))[0]
    right, message = exercise.feedback([[2.5, -1.0]])
    assert not right and "differentiate again" in message and "2.0" not in message
    right, message = exercise.feedback([2.0, -1.0])
    assert not right and "shape (1, 2)" in message and "(2,)" in message
    right, message = exercise.feedback([[-2.0, 1.0]])
    assert not right and "sign" in message
    right, message = exercise.feedback("two")
    assert not right and "str" in message
    exercise.check([[2.0, -1.0]])
    assert "correct" in capsys.readouterr().out


def test_worked_example_file_is_read_through_the_package(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # the working directory must not matter
    X, Y = gdlib.load_worked_example()
    alpha, beta, learning_rate = gdlib.load_worked_example_start()
    assert X.shape == (4, 2) and Y.shape == (4, 1)
    assert alpha.shape == (1, 1) and beta.shape == (1, 2) and learning_rate > 0
    assert os.path.isabs(gdlib.data_path("worked_example.csv"))


def test_worked_example_targets_follow_the_documented_rule():
    # The file's header says y = 1 + 1*x1 + 2*x2 exactly; check the numbers against it.
    X, Y = gdlib.load_worked_example()
    np.testing.assert_array_equal(Y, 1 + X @ np.array([[1.0], [2.0]]))


def test_a_missing_data_file_is_named():
    with pytest.raises(FileNotFoundError, match="no_such_file.csv"):
        gdlib.data_path("no_such_file.csv")


def test_an_unanswered_exercise_asks_for_an_answer():
    right, message = gdlib.Exercise("slope", 2.0, "differentiate").feedback(None)
    assert not right and "replace None" in message


def test_a_nearly_right_number_is_called_close_and_told_which_way():
    exercise = gdlib.Exercise("slope", 0.18673, "differentiate")
    right, message = exercise.feedback(0.1867)  # within 1%, outside the 1e-4 tolerance
    assert not right and "close" in message and "too low" in message and "more digits" in message
    right, message = exercise.feedback(0.1875)
    assert not right and "too high" in message
    right, message = exercise.feedback(0.19)  # 1.7% off: not close
    assert not right and "close" not in message and "differentiate" in message
    assert "0.1867" not in message and "0.18673" not in exercise.feedback(0.1867)[1]


def test_a_close_array_names_the_entry_that_is_off():
    exercise = gdlib.Exercise("beta", [[1.0, 2.0]], "update both")
    right, message = exercise.feedback([[1.0, 2.01]])
    assert not right and "close" in message and "entry (0, 1)" in message


def test_a_yes_no_question_takes_true_or_false_only():
    exercise = gdlib.Exercise("converges", False, "compare with the critical rate")
    assert exercise.feedback(False)[0]
    right, message = exercise.feedback(True)
    assert not right and "compare with the critical rate" in message
    right, message = exercise.feedback(0)
    assert not right and "True or False" in message and "int 0" in message
