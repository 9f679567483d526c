"""Hypothesis strategies that draw the arrays themselves (not a seed for numpy), so that a failing
case shrinks element by element to a small one and is reported as the arrays it used."""

import numpy as np
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays


def bounded_floats(bound: float) -> st.SearchStrategy[float]:
    """Finite float64 numbers in [-bound, bound], no subnormals."""
    return st.floats(-bound, bound, allow_nan=False, allow_infinity=False, allow_subnormal=False)


def float_arrays(shape: tuple[int, ...], bound: float) -> st.SearchStrategy[np.ndarray]:
    """float64 arrays of the given shape with every element drawn in [-bound, bound].

    fill=st.nothing() draws each element on its own instead of filling most of the array with
    one repeated value (hypothesis's default for large arrays), which would make many X singular.
    """
    return arrays(np.float64, shape, elements=bounded_floats(bound), fill=st.nothing())


@st.composite
def problems(draw, min_extra_rows: int = 0, max_features: int = 5, max_examples: int = 40, x_bound: float = 20.0):
    """A linear-model problem (X (m, n), Y (m, 1), alpha (1, 1), beta (1, n)) with 1 <= n <= max_features
    and n + 1 + min_extra_rows <= m <= max_examples; X in [-x_bound, x_bound], Y in [-10, 10],
    alpha and beta in [-3, 3]."""
    n = draw(st.integers(1, max_features))
    m = draw(st.integers(n + 1 + min_extra_rows, max_examples))
    X = draw(float_arrays((m, n), x_bound))
    Y = draw(float_arrays((m, 1), 10.0))
    alpha = draw(float_arrays((1, 1), 3.0))
    beta = draw(float_arrays((1, n), 3.0))
    return X, Y, alpha, beta
