"""gdlib.tiny_network: every refusal names its argument; the grids are the pointwise functions.

Written for the survivors of `make mutants`: the grid functions' argument checks were never hit.
"""

import math

import numpy as np
import pytest
from refusals import refusal

from gdlib import tiny_network as net

x = np.array([-1.0, 0.5, 2.0])
Y = np.array([0.3, -0.2, 0.9])



# The rows of Y are counted against x (the message named a non-existent X before `make mutants`).
ROWS = ("Y must have one row per example of x: expected 3 rows, got 2 (shape (2, 1)). "
        "If Y is right, x must have 2 rows instead.")
REFUSALS = [
    (lambda: net.network_predict(np.zeros((3, 2)), [1.0, 1.0]),
     "x must have shape (m, 1) or (m,), got a 2-D array of shape (3, 2)."),
    (lambda: net.network_predict(x, [1.0, 1.0, 1.0]),
     "weights must be the pair (w1, w2), an array of shape (2,), got shape (3,)."),
    (lambda: net.network_predict(x, [1.0, np.inf]), "weights must be finite, got [1.0, inf]."),
    (lambda: net.network_cost(np.zeros((3, 2)), Y, [1.0, 1.0]),
     "x must have shape (m, 1) or (m,), got a 2-D array of shape (3, 2)."),
    (lambda: net.network_gradient(x, Y[:2], [1.0, 1.0]), ROWS),
    (lambda: net.network_cost_grid(np.zeros((3, 2)), Y, [1.0], [1.0]),
     "x must have shape (m, 1) or (m,), got a 2-D array of shape (3, 2)."),
    (lambda: net.network_cost_grid(x, Y[:2], [1.0], [1.0]), ROWS),
    (lambda: net.network_min_curvature_grid(x, np.zeros((3, 2)), [1.0], [1.0]),
     "Y must have shape (m, 1) or (m,) with m = 3, got a 2-D array of shape (3, 2)."),
    (lambda: net.network_descent(x, Y, [1.0], 0.1, 3),
     "weights must be the pair (w1, w2), an array of shape (2,), got shape (1,)."),
]


@pytest.mark.parametrize(("call", "message"), REFUSALS)
def test_each_refusal_names_its_argument(call, message):
    assert refusal(call) == message


def test_the_cost_grid_is_the_cost_at_each_pair_of_weights():
    w1s, w2s = [-1, 0, 2], [3, -1]  # integers: the grid is computed in floats all the same
    grid = net.network_cost_grid(x, Y, w1s, w2s)
    assert grid.shape == (2, 3)
    for i, w2 in enumerate(w2s):
        for j, w1 in enumerate(w1s):
            by_hand = sum((y - w2 * math.tanh(w1 * xi)) ** 2 for xi, y in zip(x, Y, strict=True)) / 3
            assert grid[i, j] == pytest.approx(by_hand, rel=1e-13)
