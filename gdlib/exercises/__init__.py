"""Exercises a learner checks alone.

Exercise: a question answered with a number, an array or True/False.
check_*: a function the learner writes, run on held-out cases and compared with gdlib; a wrong one
is told which classic mistake it matches. Each returns a CheckResult (.passed, .message).
"""

from gdlib.exercises.answers import Exercise
from gdlib.exercises.checking import CheckResult
from gdlib.exercises.derivation import check_mse_gradients, check_numerical_gradient

__all__ = [
    "CheckResult",
    "Exercise",
    "check_mse_gradients",
    "check_numerical_gradient",
]
