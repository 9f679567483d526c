"""Notebook 04 (robust losses): its data (a clean line with one outlier, a skewed sample) and its
number exercises."""

from __future__ import annotations

import numpy as np

from gdlib.data import load_anscombe
from gdlib.exercises import Exercise
from gdlib.losses import huber, mse
from gdlib.model import predict
from gdlib.robust import fit_line

#: The clean line y = TRUE_ALPHA + TRUE_BETA x, sampled at x = 0, 1, ..., 10 with Gaussian noise.
TRUE_ALPHA, TRUE_BETA, NOISE, SEED = 1.0, 0.5, 0.3, 9
#: The point at x = 9 (the 10th of the eleven, counted from 1) that the outlier slider moves.
OUTLIER_INDEX = 9

#: Exercise 3's Huber threshold: half the delta = 1 of the fits printed in section 4.
EXERCISE_DELTA = 0.5

#: A small right-skewed sample (odd size, so its median is one of its values): waiting times in minutes.
SKEWED_SAMPLE = (2.0, 3.0, 3.0, 4.0, 5.0, 6.0, 8.0, 13.0, 28.0)


def line_with_outlier(outlier_size: float = 0.0) -> tuple[np.ndarray, np.ndarray]:
    """Eleven points near the line 1 + 0.5 x, with the point at x = 9 moved up by outlier_size.

    Returns (X (11, 1), Y (11, 1)); the noise is drawn from a generator seeded with SEED.
    """
    X = np.arange(11.0).reshape(-1, 1)
    rng = np.random.default_rng(SEED)
    Y = TRUE_ALPHA + TRUE_BETA * X + NOISE * rng.standard_normal((11, 1))
    Y[OUTLIER_INDEX, 0] += float(outlier_size)
    return X, Y


def skewed_sample() -> np.ndarray:
    """SKEWED_SAMPLE as a column Y (9, 1)."""
    return np.array(SKEWED_SAMPLE).reshape(-1, 1)


def _outlier_pull_in_set_iii() -> float:
    X, Y = load_anscombe()["III"]
    alpha, beta = fit_line(X, Y, mse)
    outlier = int(np.argmax(Y))
    return float(-2 * (Y[outlier, 0] - predict(X[outlier : outlier + 1], alpha, beta)[0, 0]))


def _largest_residual_in_set_iii() -> float:
    X, Y = load_anscombe()["III"]
    alpha, beta = fit_line(X, Y, mse)
    return float(np.abs(Y - predict(X, alpha, beta)).max())


def _huber_slope_of_set_iii(delta: float = EXERCISE_DELTA) -> float:
    X, Y = load_anscombe()["III"]
    return float(fit_line(X, Y, huber(delta))[1][0, 0])


def _shifts_when_100_joins_the_sample() -> np.ndarray:
    sample = np.array(SKEWED_SAMPLE)
    grown = np.append(sample, 100.0)
    return np.array([grown.mean() - sample.mean(), np.median(grown) - np.median(sample)])


def exercises() -> dict[str, Exercise]:
    """The exercises of notebook 04, by name; every answer is computed here from the data."""
    return {
        "outlier pull": Exercise(
            "the outlier's pull in set III", _outlier_pull_in_set_iii(),
            "fit the least-squares line to set III, take the residual r = y - y_hat of the point (13, 12.74), "
            "and use the MSE's pull -2r.", rtol=1e-3),
        "huber threshold": Exercise(
            "the smallest delta that gives the least-squares line", _largest_residual_in_set_iii(),
            "Huber is the MSE (halved) for every point with |r| <= delta. Which residual of the least-squares "
            "line must fit inside delta, so that the least-squares line still balances the pulls?", rtol=1e-3),
        "huber slope": Exercise(
            f"the slope of set III's Huber line for delta = {EXERCISE_DELTA:g}", _huber_slope_of_set_iii(),
            f"fit set III with robust.fit_line(X, Y, losses.huber({EXERCISE_DELTA:g})) and take beta. A smaller "
            "delta caps the outlier's pull lower, so the line should move from the delta = 1 line towards "
            "the MAE line.", rtol=1e-3),
        "mean and median shift": Exercise(
            "how far the two best constants move", _shifts_when_100_joins_the_sample(),
            "append 100 to the sample; give [new mean - old mean, new median - old median]. An even "
            "sample's median is the average of its two middle values (the middle of the minimising range).",
            rtol=1e-3),
    }
