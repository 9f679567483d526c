"""Exercises a learner can check alone: a right answer is confirmed, a wrong one gets a hint.

The checker never prints the expected answer; it compares with a tolerance and names what
is off (the shape, the sign, or the size), then gives the exercise's hint.
"""

from __future__ import annotations

import numpy as np


class Exercise:
    """One exercise: the expected answer (a number or an array), a hint, and a tolerance.

    name: a short title shown in the feedback.
    answer: the expected value; arrays are compared by shape first, then entry by entry.
    hint: what to reconsider when the answer is wrong (never the answer itself).
    rtol, atol: the tolerance of numpy.allclose.
    """

    def __init__(self, name: str, answer, hint: str, *, rtol: float = 1e-4, atol: float = 1e-8):
        self.name = name
        self._answer = np.asarray(answer, dtype=float)
        self.hint = hint
        self.rtol, self.atol = rtol, atol

    def feedback(self, value) -> tuple[bool, str]:
        """(is it right, the message to show) for a learner's value; None means 'not answered yet'."""
        if value is None:
            return False, f"{self.name}: replace None with your answer, then run the cell again."
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
        return False, f"{self.name}: not yet. Hint: {self.hint}"

    def check(self, value) -> None:
        """Print the feedback for a learner's value (use feedback() to get it as data)."""
        correct, message = self.feedback(value)
        mark = "✔" if correct else ("…" if value is None else "✘")
        print(f"{mark} {message}")

