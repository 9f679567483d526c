"""Notebook 09 (loss landscapes): its data set and its exercises."""

from __future__ import annotations

import numpy as np

from gdlib.exercises import Exercise
from gdlib.tiny_network import network_cost, network_hessian

#: The weights the data were generated with: y = 1.5 tanh(1.0 x) + noise.
TRUE_WEIGHTS = (1.0, 1.5)


def network_data(m: int = 40, seed: int = 9) -> tuple[np.ndarray, np.ndarray]:
    """The notebook's data: x (m, 1) uniform on [-2, 2], Y (m, 1) = 1.5 tanh(x) + N(0, 0.1^2) noise."""
    rng = np.random.default_rng(seed)
    x = rng.uniform(-2.0, 2.0, size=(m, 1))
    Y = TRUE_WEIGHTS[1] * np.tanh(TRUE_WEIGHTS[0] * x) + 0.1 * rng.normal(size=(m, 1))
    return x, Y


def exercises() -> dict[str, Exercise]:
    """The notebook's exercises, keyed by a short name; answers are computed from the data."""
    x, Y = network_data()
    hessian = network_hessian(x, Y, (0.0, 0.0))
    return {
        "off-diagonal": Exercise(
            "Hessian entry d2J/dw1dw2 at the origin", hessian[0, 1],
            "at w = (0, 0) every prediction is 0 and s = 1; keep only the term -(2/m) sum r x s",
        ),
        "eigenvalues": Exercise(
            "eigenvalues of the Hessian at the origin (smallest first)", np.linalg.eigvalsh(hessian),
            "a symmetric matrix [[0, c], [c, 0]] stretches (1, 1) and (1, -1); by how much each?",
        ),
        "saddle height": Exercise(
            "J at the saddle point", network_cost(x, Y, (0.0, 0.0)),
            "with both weights zero the network predicts 0 for every x",
        ),
    }
