"""Straight lines fitted by the MSE, the MAE and the Huber loss, many data sets at once.

A line y_hat = alpha + beta x is fitted to every row of Y (k, m) against the same x (m,), so a
Monte Carlo of k simulated data sets costs a few array operations, not a Python loop over them:

    mse           closed form: beta = sum (x - mean x)(y - mean y) / sum (x - mean x)^2
    mae           exact search: some least-absolute-deviation line passes through two of the points
    huber(delta)  from the MAE line, Newton steps on the quadratic pieces, each with an exact line search

Each point's pull on the gradient is pulls(loss, Y, Y_hat) = m * loss.gradient(Y, Y_hat):
-2r for the MSE (unbounded), -sign(r) for the MAE, -clip(r, -delta, delta) for Huber.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from gdlib.descent import gradient_descent
from gdlib.losses import Loss, as_loss, huber, mae, mse
from gdlib.scaling import standardize, unstandardize_parameters
from gdlib.validation import as_column, as_X, as_Y, check_iterations

__all__ = ["SlopeMonteCarlo", "fit_by_gradient_descent", "fit_line", "fit_lines", "pulls", "slope_monte_carlo"]

#: The learning rates fit_by_gradient_descent runs through, each run starting where the last stopped.
DECAYING_LEARNING_RATES = (0.5, 0.1, 0.03, 0.01, 0.003, 0.001, 3e-4, 1e-4)


def pulls(loss: Loss, Y, Y_hat) -> np.ndarray:
    """Each example's pull on the gradient: m * loss.gradient(Y, Y_hat), with r = y - y_hat.

    Y, Y_hat: (m, 1). Returns (m, 1): -2r (mse), -sign(r) (mae), -clip(r, -delta, delta) (huber).
    dJ/dalpha is the mean of the pulls and dJ/dbeta the mean of pull * x, so at a fitted line
    the pulls balance: they sum to zero (for the MAE, a point exactly on the line, where |e| has
    its kink, may take any pull between -1 and 1 to make them balance).
    """
    gradient = as_loss(loss).gradient(Y, Y_hat)
    return gradient * gradient.shape[0]


def _as_abscissae(x) -> np.ndarray:
    """x (m,) or (m, 1) with at least two different values -> float array (m,)."""
    x = as_column(x, "x").ravel()
    if np.ptp(x) == 0:
        raise ValueError(f"x must hold at least two different values to fit a line, got {x.size} copies of {x[0]:g}.")
    return x


def _as_rows(Y, m: int) -> np.ndarray:
    """Y (k, m), one data set per row, or (m,) for one data set -> float array (k, m)."""
    array = np.asarray(Y)
    if array.ndim == 1:
        array = array.reshape(1, -1)
    if array.ndim != 2 or array.shape[1] != m:
        raise ValueError(f"Y must have shape (k, m) with m = {m} (one data set per row, one column per x), "
                         f"got a {array.ndim}-D array of shape {array.shape}.")
    return as_column(array.reshape(-1), "Y").reshape(array.shape)


def _mse_lines(x, Y):
    """Least-squares lines: beta = sum (x - mean x)(y - mean y) / sum (x - mean x)^2. Returns (k,), (k,)."""
    centred = x - x.mean()
    beta = (Y - Y.mean(axis=1, keepdims=True)) @ centred / (centred @ centred)
    return Y.mean(axis=1) - beta * x.mean(), beta


def _mae_lines(x, Y, chunk_elements: int = 1 << 20):
    """Exact least-absolute-deviation lines: the best of the lines through two points of different x.

    The MAE of a line is convex and piecewise linear in (alpha, beta); its minimum is reached at a
    corner, where two residuals are zero. When several lines tie, the first pair (i, j) wins.
    """
    first, second = np.triu_indices(x.size, 1)
    keep = x[first] != x[second]
    first, second = first[keep], second[keep]
    alpha, beta = np.empty(Y.shape[0]), np.empty(Y.shape[0])
    rows_per_chunk = max(1, chunk_elements // (first.size * x.size))
    for start in range(0, Y.shape[0], rows_per_chunk):
        Y_chunk = Y[start : start + rows_per_chunk]
        slopes = (Y_chunk[:, second] - Y_chunk[:, first]) / (x[second] - x[first])  # (chunk, pairs)
        intercepts = Y_chunk[:, first] - slopes * x[first]
        residuals = Y_chunk[:, None, :] - intercepts[:, :, None] - slopes[:, :, None] * x  # (chunk, pairs, m)
        best = np.abs(residuals).sum(axis=2).argmin(axis=1)
        rows = np.arange(Y_chunk.shape[0])
        alpha[start : start + rows_per_chunk] = intercepts[rows, best]
        beta[start : start + rows_per_chunk] = slopes[rows, best]
    return alpha, beta


def _newton_direction(x, residual, delta):
    """The Newton direction (d_alpha, d_beta), each (k,), of the summed Huber loss.

    Its Hessian counts only the quadratic points (|e| <= delta): [[q, sum x], [sum x, sum x^2]] over
    them. A tiny multiple of the identity is added, so with fewer than two quadratic points (no
    curvature along some direction) the direction there follows minus the gradient instead.
    """
    pull = np.clip(residual, -delta, delta)  # minus the gradient, per point
    g_alpha, g_beta = pull.sum(axis=1), pull @ x
    quadratic = (np.abs(residual) <= delta).astype(float)
    h_aa, h_ab, h_bb = quadratic.sum(axis=1), quadratic @ x, quadratic @ x**2
    damping = 1e-10 * (x.size + x @ x)  # the curvature if every point were quadratic, times 1e-10
    h_aa, h_bb = h_aa + damping, h_bb + damping
    determinant = h_aa * h_bb - h_ab**2
    return (h_bb * g_alpha - h_ab * g_beta) / determinant, (h_aa * g_beta - h_ab * g_alpha) / determinant


def _exact_line_search(x, residual, d_alpha, d_beta, delta):
    """The step t >= 0 (k,) that minimises sum_i huber(e_i - t s_i), s_i = d_alpha + d_beta x_i.

    That function of t is convex and piecewise quadratic: its derivative -sum clip(e_i - t s_i) s_i
    is piecewise linear, with corners where some e_i - t s_i = +-delta. Find the first corner where
    the derivative is no longer negative, and interpolate linearly back to its zero.
    """
    shift = d_alpha[:, None] + d_beta[:, None] * x  # (k, m)
    with np.errstate(divide="ignore", invalid="ignore"):
        corners = np.concatenate([(residual - delta) / shift, (residual + delta) / shift], axis=1)
    corners = np.sort(np.where(corners > 0, corners, np.inf), axis=1)  # (k, 2m), inf pads
    corners = np.concatenate([np.zeros((corners.shape[0], 1)), corners], axis=1)
    finite = np.isfinite(corners)
    at = np.where(finite, corners, 0.0)
    slope = -(np.clip(residual[:, None, :] - at[:, :, None] * shift[:, None, :], -delta, delta)
              * shift[:, None, :]).sum(axis=2)  # (k, 2m + 1) the derivative at each corner
    slope = np.where(finite, slope, np.inf)
    rows = np.arange(residual.shape[0])
    after = np.argmax(slope >= 0, axis=1)  # the first corner where the derivative is >= 0
    last = finite.sum(axis=1) - 1
    found = slope[rows, after] >= 0
    after = np.where(found, np.maximum(after, 1), last)
    t_low, t_high = at[rows, after - 1], at[rows, after]
    s_low, s_high = slope[rows, after - 1], slope[rows, after]
    with np.errstate(divide="ignore", invalid="ignore"):
        t = t_low - s_low * (t_high - t_low) / (s_high - s_low)
    return np.where(found & np.isfinite(t), np.clip(t, t_low, t_high), at[rows, last])


def _huber_lines(x, Y, delta, max_iterations: int = 200):
    """Huber lines by Newton's method with an exact line search, on all rows at once, from the MAE lines.

    With the points split into quadratic (|e| <= delta) and linear pieces the loss is a quadratic,
    whose minimum one Newton step reaches; when the split changes on the way, the exact line search
    stops at the lowest point along the step instead, and the next step uses the new split. Rows
    stop once their gradient vanishes to rounding.
    """
    alpha, beta = _mae_lines(x, Y)  # a robust start, with two quadratic points already
    active = np.arange(Y.shape[0])
    for _ in range(max_iterations):
        residual = Y[active] - alpha[active, None] - beta[active, None] * x
        pull = np.clip(residual, -delta, delta)  # minus the gradient of the summed loss, per point
        # rounding: the pulls to 1e-12, and each quadratic point's residual y - alpha - beta x to
        # about 1e-13 of the size of its terms (the linear points' pulls are exactly +-delta)
        terms = (np.abs(Y[active]) + np.abs(alpha[active, None]) + np.abs(beta[active, None] * x)) * (
            np.abs(residual) <= delta)
        rounding = (1e-12 * np.abs(pull) + 1e-13 * terms) @ (1 + np.abs(x)) + 1e-12 * delta
        moving = np.abs(pull.sum(axis=1)) + np.abs(pull @ x) > rounding
        active, residual = active[moving], residual[moving]
        if active.size == 0:
            return alpha, beta
        d_alpha, d_beta = _newton_direction(x, residual, delta)
        t = _exact_line_search(x, residual, d_alpha, d_beta, delta)
        alpha[active] += t * d_alpha
        beta[active] += t * d_beta
    raise RuntimeError(f"the Huber fit did not converge in {max_iterations} iterations for {active.size} data "
                       "set(s); this should not happen, please report the data.")


def fit_lines(x, Y, loss: Loss) -> tuple[np.ndarray, np.ndarray]:
    """The line alpha + beta x that minimises `loss` for each row of Y.

    x: (m,) the abscissae shared by every data set, at least two different values.
    Y: (k, m), one data set per row, or (m,) for a single data set.
    loss: gdlib.losses.mse, gdlib.losses.mae or gdlib.losses.huber(delta).
    Returns (alpha (k,), beta (k,)). For the MAE several lines can be minimisers (as any number
    between the two middle values is a median of an even sample); one of them is returned. Its
    search tries all m (m - 1) / 2 lines through two points: meant for tens of points, not thousands.
    """
    x = _as_abscissae(x)
    Y = _as_rows(Y, x.size)
    loss = as_loss(loss)
    if loss is mse:
        return _mse_lines(x, Y)
    if loss is mae:
        return _mae_lines(x, Y)
    if isinstance(loss, huber):
        return _huber_lines(x, Y, loss.delta)
    raise TypeError(f"loss must be gdlib.losses.mse, mae or huber(delta) to fit a line, got {loss!r}.")


def fit_line(X, Y, loss: Loss) -> tuple[np.ndarray, np.ndarray]:
    """The line that minimises `loss` on one data set, in the course's shapes.

    X: (m, 1) one feature; Y: (m, 1). loss: mse, mae or huber(delta).
    Returns (alpha (1, 1), beta (1, 1)).
    """
    X = as_X(X)
    if X.shape[1] != 1:
        raise ValueError(f"X must have exactly one feature (shape (m, 1)) to fit a line, got shape {X.shape}.")
    Y = as_Y(Y, X.shape[0])
    alpha, beta = fit_lines(X[:, 0], Y[:, 0], loss)
    return alpha.reshape(1, 1), beta.reshape(1, 1)


def fit_by_gradient_descent(X, Y, loss: Loss, *, learning_rates=DECAYING_LEARNING_RATES, iterations: int = 100):
    """Gradient descent on `loss`, on standardized features, with a learning rate lowered in stages.

    A constant step never settles on the MAE's minimum: its gradient keeps the size 1 next to a
    kink, so the iterates hop around it by about the learning rate. Running `iterations` updates
    at each rate of `learning_rates` in turn (each run starting where the last one stopped)
    shrinks the hops with the rate.
    X: (m, n); Y: (m, 1); loss: one of gdlib.losses. Returns (alpha (1, 1), beta (1, n)) for X.
    """
    X = as_X(X)
    Y = as_Y(Y, X.shape[0])
    iterations = check_iterations(iterations)
    Z, mean, std = standardize(X)
    alpha = beta = None
    for learning_rate in learning_rates:
        result = gradient_descent(Z, Y, learning_rate, iterations, alpha, beta, loss=loss)
        alpha, beta = result.alpha, result.beta
    return unstandardize_parameters(alpha, beta, mean, std)


@dataclass(frozen=True)
class SlopeMonteCarlo:
    """Slopes fitted to many simulated data sets y = alpha + beta x + noise, noise ~ Student t.

    x: (m,) abscissae; beta: the true slope; dfs: (D,) degrees of freedom (inf: Gaussian noise);
    loss_names: (L,) the losses, in order; slopes: (D, L, trials) the fitted slopes.
    """

    x: np.ndarray
    beta: float
    dfs: tuple[float, ...]
    loss_names: tuple[str, ...]
    slopes: np.ndarray

    def interquartile_range(self) -> np.ndarray:
        """(D, L): the spread of the middle half of the slopes, finite whatever the tails."""
        upper, lower = np.percentile(self.slopes, [75, 25], axis=2)
        return upper - lower

    def standard_deviation(self) -> np.ndarray:
        """(D, L): the sample standard deviation of the slopes (it estimates nothing if the variance is infinite)."""
        return self.slopes.std(axis=2, ddof=1)

    def typical_standard_deviation(self, batch: int) -> np.ndarray:
        """(D, L): the median, over consecutive batches of `batch` slopes, of each batch's standard deviation.

        With a finite variance it settles as the batch grows; with an infinite one it keeps growing.
        The last, incomplete batch is left out.
        """
        batch = check_iterations(batch, "batch")
        trials = self.slopes.shape[2]
        if not 2 <= batch <= trials:
            raise ValueError(f"batch must be between 2 and the number of trials {trials}, got {batch}.")
        batches = self.slopes[:, :, : trials // batch * batch].reshape(*self.slopes.shape[:2], -1, batch)
        return np.median(batches.std(axis=3, ddof=1), axis=2)


def slope_monte_carlo(x, dfs, trials: int, losses, *, alpha: float = 1.0, beta: float = 0.5,
                      seed: int = 0) -> SlopeMonteCarlo:
    """Fit every loss to `trials` data sets per number of degrees of freedom, all trials at once.

    x: (m,); dfs: degrees of freedom of the Student t noise, each > 0 (np.inf: standard normal);
    trials: data sets per df; losses: a sequence of mse, mae, huber(delta); alpha, beta: the true
    line. The noise of each df is rng.standard_t(df, size=(trials, m)) from one generator seeded
    with `seed`, drawn in the order of dfs. Returns a SlopeMonteCarlo.
    """
    x = _as_abscissae(x)
    trials = check_iterations(trials, "trials")
    if trials < 2:
        raise ValueError(f"trials must be at least 2 to measure a spread, got {trials}.")
    dfs = tuple(float(df) for df in dfs)
    if not dfs or not all(df > 0 for df in dfs):
        raise ValueError(f"dfs must be one or more degrees of freedom > 0 (np.inf for Gaussian noise), got {dfs}.")
    losses = tuple(as_loss(loss) for loss in losses)
    rng = np.random.default_rng(seed)
    slopes = np.empty((len(dfs), len(losses), trials))
    for d, df in enumerate(dfs):  # a handful of noise laws; each fit handles all trials at once
        shape = (trials, x.size)
        noise = rng.standard_normal(shape) if np.isinf(df) else rng.standard_t(df, size=shape)
        Y = alpha + beta * x + noise
        for j, loss in enumerate(losses):
            slopes[d, j] = fit_lines(x, Y, loss)[1]
    return SlopeMonteCarlo(x=x, beta=beta, dfs=dfs, loss_names=tuple(repr(loss) for loss in losses), slopes=slopes)
