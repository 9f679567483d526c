"""Notebook 10 (tailoring MSE): its data sets and its exercises."""

from __future__ import annotations

import numpy as np

from gdlib.exercises import Exercise
from gdlib.tailoring import gaussian_heatmap, shared_line_fit, weighted_line_fits

#: The line every simulated data set of the notebook comes from: y = 2 + 0.5 x + noise.
TRUE_ALPHA, TRUE_BETA = 2.0, 0.5


def line_data(replications: int, m: int, seed: int, noise=1.0) -> tuple[np.ndarray, np.ndarray]:
    """replications data sets of m points: x (r, m) uniform on [0, 10], Y (r, m) = 2 + 0.5 x + noise.

    noise: a number or an array broadcastable to (r, m): the standard deviation of each point's noise.
    """
    rng = np.random.default_rng(seed)
    x = rng.uniform(0.0, 10.0, size=(replications, m))
    return x, TRUE_ALPHA + TRUE_BETA * x + noise * rng.normal(size=(replications, m))


def heatmap_scene(size: int = 24, width: float = 2.5) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """A target heatmap for a joint at (9, 12), partly hidden by an occluder whose pixels show a
    second, brighter blob at (14, 9) (another person's joint, say).

    Returns (target (size, size), visibility (size, size): 0 on the occluder, true centre (2,)).
    """
    true_center = np.array([9.0, 12.0])
    target = gaussian_heatmap(true_center, size, width)
    columns, rows = np.meshgrid(np.arange(size), np.arange(size))
    occluded = (columns >= 12) & (rows <= 12)
    target = np.where(occluded, 1.5 * gaussian_heatmap((14.0, 9.0), size, width), target)
    return target, (~occluded).astype(float), true_center


def exercises() -> dict[str, Exercise]:
    """The notebook's exercises, keyed by a short name; answers computed, never typed in."""
    x = np.array([0.0, 1.0, 2.0, 3.0])
    Y = np.array([1.0, 2.0, 2.0, 5.0])
    mask = np.array([1.0, 1.0, 0.0, 1.0])
    _, masked_slope = weighted_line_fits(x, Y, mask)
    Sigma = np.array([[1.0, 0.0], [0.0, 4.0]])
    R = np.linalg.inv(Sigma)
    averaging = R.sum(axis=0) / R.sum()
    outputs = np.array([[[3.0, 8.0]], [[5.0, 10.0]]])
    _, shared_slope = shared_line_fit(np.array([[0.0], [1.0]]).T, outputs.transpose(1, 0, 2), R)
    return {
        "masked slope": Exercise(
            "slope of the masked fit", masked_slope,
            "drop the example whose mask is 0, then fit a line through the other three",
        ),
        "channel weights": Exercise(
            "GLS weights of the two channels", averaging,
            "with R = Sigma^-1, the fit averages the outputs with weights 1^T R / (1^T R 1)",
        ),
        "shared slope": Exercise(
            "GLS slope through the two examples", shared_slope[0],
            "average each example's two outputs with the GLS weights first, then join the two averages",
        ),
    }
