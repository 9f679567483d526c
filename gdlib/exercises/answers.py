"""Exercises answered with a number, an array or True/False: a right answer is confirmed, a wrong one
gets a hint, and a nearly right one is told how near it is.

The checker never prints the expected answer. It compares with a tolerance and names what is off
(the shape, the sign, which way and how far), then gives the exercise's hint.
"""

from __future__ import annotations

import numpy as np

#: An answer this close (relative) but outside the tolerance is "close", not wrong.
CLOSE = 0.01


class Exercise:
    """One exercise: the expected answer (a number, an array or a bool), a hint, and a tolerance.

    name: a short title shown in the feedback.
    answer: the expected value; arrays are compared by shape first, then entry by entry; a bool
        (a yes/no question) must be answered with True or False.
    hint: what to reconsider when the answer is wrong (never the answer itself).
    rtol, atol: the tolerance of numpy.allclose.
    """

    def __init__(self, name: str, answer, hint: str, *, rtol: float = 1e-4, atol: float = 1e-8):
        self.name = name
        self._yes_no = isinstance(answer, bool | np.bool_)
        self._answer = bool(answer) if self._yes_no else np.asarray(answer, dtype=float)
        self.hint = hint
        self.rtol, self.atol = rtol, atol

    def feedback(self, value) -> tuple[bool, str]:
        """(is it right, the message to show) for a learner's value; None means 'not answered yet'."""
        if value is None:
            return False, f"{self.name}: replace None with your answer, then run the cell again."
        if self._yes_no:
            return self._yes_no_feedback(value)
        try:
            given = np.asarray(value, dtype=float)
        except (TypeError, ValueError):
            return False, f"{self.name}: expected a number or an array of numbers, got {type(value).__name__}."
        if given.shape != self._answer.shape:
            return False, (f"{self.name}: not yet. Expected shape {self._answer.shape}, got {given.shape}. "
                           f"Hint: {self.hint}")
        if np.allclose(given, self._answer, rtol=self.rtol, atol=self.atol):
            return True, f"{self.name}: correct. Well done."
        if np.allclose(-given, self._answer, rtol=self.rtol, atol=self.atol):
            return False, f"{self.name}: not yet. The size is right but the sign is not. Hint: {self.hint}"
        if np.allclose(given, self._answer, rtol=CLOSE, atol=self.atol):
            return False, f"{self.name}: close. {self._how_close(given)}"
        return False, f"{self.name}: not yet. Hint: {self.hint}"

    def _how_close(self, given: np.ndarray) -> str:
        """Which way a nearly right answer is off, for answers within CLOSE of the expected one."""
        off = np.flatnonzero(~np.isclose(given, self._answer, rtol=self.rtol, atol=self.atol))
        entry = tuple(int(i) for i in np.unravel_index(off[0], given.shape))
        where = "" if given.ndim == 0 else f" (entry {entry})"
        first = given.reshape(-1)[off[0]], self._answer.reshape(-1)[off[0]]
        direction = "a little too high" if first[0] > first[1] else "a little too low"
        return (f"Within 1%, but {direction}{where}: give more digits, or round only at the end "
                f"(the check wants a relative error below {self.rtol:g}).")

    def _yes_no_feedback(self, value) -> tuple[bool, str]:
        """Feedback for a yes/no question, answered with True or False."""
        if not isinstance(value, bool | np.bool_):
            return False, f"{self.name}: answer True or False, got {type(value).__name__} {value!r}."
        if bool(value) == self._answer:
            return True, f"{self.name}: correct. Well done."
        return False, f"{self.name}: not yet. Hint: {self.hint}"

    def check(self, value) -> None:
        """Print the feedback for a learner's value (use feedback() to get it as data)."""
        correct, message = self.feedback(value)
        mark = "✔" if correct else ("…" if value is None else "✘")
        print(f"{mark} {message}")
