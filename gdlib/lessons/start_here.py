"""Notebook 00 (start here): its one exercise, on the shapes of the worked example.

The expected answer is computed here from the worked example's starting point, so the notebook
never shows it.
"""

from __future__ import annotations

from gdlib.data import load_worked_example_start
from gdlib.exercises import Exercise


def exercises() -> dict[str, Exercise]:
    """The exercises of notebook 00, by name.

    Returns {name: Exercise}; in the notebook, exercises[name].check(answer) gives feedback.
    """
    alpha, beta, _ = load_worked_example_start()
    named = [
        Exercise(
            "numbers to learn",
            alpha.size + beta.size,
            "gradient descent adjusts the bias alpha and every weight in beta. Read the shapes of "
            "alpha and beta printed above and count the entries of both. Give a whole number.",
        ),
    ]
    return {exercise.name: exercise for exercise in named}
