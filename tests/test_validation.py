"""Every public function refuses bad input with a message that names the argument, what was
expected and what was got; nothing broadcasts silently."""

import numpy as np
import pytest

import gdlib

X = np.array([[1.0, 2.0], [2.0, 1.0], [3.0, 3.0], [4.0, 2.0]])
Y = np.array([[6.0], [5.0], [10.0], [9.0]])
ALPHA = np.zeros((1, 1))
BETA = np.zeros((1, 2))

# (argument to replace, bad value, exception, words the message must contain)
BAD_INPUTS = [
    ("X", X[:, 0], ValueError, ["X", "2-D", "(4,)", "reshape(-1, 1)"]),
    ("X", X[None], ValueError, ["X", "2-D", "(1, 4, 2)"]),
    ("X", np.empty((0, 2)), ValueError, ["X", "empty", "(0, 2)"]),
    ("X", np.empty((4, 0)), ValueError, ["X", "empty", "(4, 0)"]),
    ("X", np.where(X == 3.0, np.nan, X), ValueError, ["X", "NaN", "(2, 0)"]),
    ("X", np.where(X == 4.0, np.inf, X), ValueError, ["X", "infinite", "(3, 0)"]),
    ("X", X.astype(str), TypeError, ["X", "real numbers", "<U"]),
    ("X", X > 2, TypeError, ["X", "booleans"]),
    ("X", X + 1j, TypeError, ["X", "complex"]),
    ("X", [[1, 2], [3]], TypeError, ["X", "could not read"]),
    ("X", "1, 2, 3", TypeError, ["X", "string"]),
    ("Y", Y.T, ValueError, ["Y", "(m, 1) or (m,)", "(1, 4)", "Y.T"]),
    ("Y", Y[:3], ValueError, ["Y", "expected 4 rows", "got 3"]),
    ("Y", Y[:, 0][:3], ValueError, ["Y", "expected 4 rows", "got 3"]),
    ("Y", np.hstack([Y, Y]), ValueError, ["Y", "(4, 2)"]),
    ("Y", np.where(Y == 5.0, np.nan, Y), ValueError, ["Y", "NaN", "(1, 0)"]),
    ("Y", np.array(["a", "b", "c", "d"], dtype=object), TypeError, ["Y", "object"]),
    ("alpha", np.zeros(1), ValueError, ["alpha", "(1, 1)", "(1,)"]),
    ("alpha", np.zeros((2, 1)), ValueError, ["alpha", "(1, 1)", "(2, 1)"]),
    ("alpha", np.nan, ValueError, ["alpha", "NaN"]),
    ("alpha", "0", TypeError, ["alpha", "string"]),
    ("beta", np.zeros((2, 1)), ValueError, ["beta", "(1, n) or (n,)", "n = 2", "(2, 1)", "beta.T"]),
    ("beta", np.zeros(3), ValueError, ["beta", "n = 2", "(3,)"]),
    ("beta", np.zeros((1, 3)), ValueError, ["beta", "n = 2", "(1, 3)"]),
    ("beta", 0.5, ValueError, ["beta", "(1, n)", "0-D"]),
    ("beta", [[np.inf, 0.0]], ValueError, ["beta", "infinite"]),
]

FUNCTIONS = {
    "predict": lambda X, Y, alpha, beta: gdlib.predict(X, alpha, beta),
    "mse_cost": gdlib.mse_cost,
    "mse_gradients": gdlib.mse_gradients,
    "gradient_descent": lambda X, Y, alpha, beta: gdlib.gradient_descent(X, Y, 0.01, 3, alpha, beta),
}


CASES = [
    pytest.param(function, *case, id=f"{function}-{case[0]}-{index}")
    for function in FUNCTIONS
    for index, case in enumerate(BAD_INPUTS)
    if not (function == "predict" and case[0] == "Y")  # predict takes no Y
]


@pytest.mark.parametrize(("function", "argument", "value", "error", "words"), CASES)
def test_bad_input_is_refused_with_a_clear_message(function, argument, value, error, words):
    arguments = {"X": X, "Y": Y, "alpha": ALPHA, "beta": BETA, argument: value}
    with pytest.raises(error) as raised:
        FUNCTIONS[function](**arguments)
    for word in words:
        assert word in str(raised.value), f"{word!r} missing from: {raised.value}"


@pytest.mark.parametrize(
    ("learning_rate", "error", "words"),
    [
        (0, ValueError, ["learning_rate", "greater than 0", "0.0"]),
        (-0.1, ValueError, ["learning_rate", "greater than 0", "-0.1"]),
        (np.nan, ValueError, ["learning_rate", "finite", "nan"]),
        (np.inf, ValueError, ["learning_rate", "finite", "inf"]),
        ("0.1", TypeError, ["learning_rate", "real number", "str"]),
        (True, TypeError, ["learning_rate", "real number", "bool"]),
        (np.array([0.1]), TypeError, ["learning_rate", "real number", "ndarray"]),
        (None, TypeError, ["learning_rate", "real number", "NoneType"]),
    ],
)
def test_bad_learning_rate(learning_rate, error, words):
    with pytest.raises(error) as raised:
        gdlib.gradient_descent(X, Y, learning_rate, 10)
    for word in words:
        assert word in str(raised.value)


@pytest.mark.parametrize(
    ("iterations", "error", "words"),
    [
        (-1, ValueError, ["iterations", ">= 0", "-1"]),
        (2.5, TypeError, ["iterations", "whole number", "float 2.5"]),
        (10.0, TypeError, ["iterations", "whole number", "float 10.0"]),
        ("10", TypeError, ["iterations", "whole number", "str"]),
        (True, TypeError, ["iterations", "whole number", "bool"]),
        (None, TypeError, ["iterations", "whole number", "NoneType"]),
    ],
)
def test_bad_iterations(iterations, error, words):
    with pytest.raises(error) as raised:
        gdlib.gradient_descent(X, Y, 0.01, iterations)
    for word in words:
        assert word in str(raised.value)


def test_numpy_integer_iterations_and_float32_data_are_accepted():
    result = gdlib.gradient_descent(X.astype(np.float32), Y.astype(np.int64), np.float32(0.01), np.int64(3))
    assert result.iterations_run == 3 and result.beta.dtype == np.float64


def test_one_dimensional_Y_is_a_column_and_never_broadcasts():
    # The classic bug: Y (m,) minus Y_hat (m, 1) broadcasts to (m, m). gdlib takes Y (m,) as (m, 1).
    beta = np.array([[1.0, 1.0]])
    residual = Y - gdlib.predict(X, ALPHA, beta)  # (4, 1): errors 3, 2, 4, 3
    broadcast = Y[:, 0] - gdlib.predict(X, ALPHA, beta)  # (4,) - (4, 1) -> (4, 4)
    assert broadcast.shape == (4, 4)
    assert gdlib.mse_cost(X, Y[:, 0], ALPHA, beta) == pytest.approx((9 + 4 + 16 + 9) / 4)
    assert np.mean(residual**2) == pytest.approx((9 + 4 + 16 + 9) / 4)
    assert np.mean(broadcast**2) != pytest.approx((9 + 4 + 16 + 9) / 4)


def test_critical_learning_rate_and_numerical_gradient_validate_too():
    with pytest.raises(ValueError, match="X must be a 2-D array"):
        gdlib.critical_learning_rate([1.0, 2.0])
    with pytest.raises(TypeError, match="f must be a function"):
        gdlib.numerical_gradient(3.0, [1.0])
    with pytest.raises(ValueError, match="eps must be a finite number greater than 0"):
        gdlib.numerical_gradient(np.sum, [1.0], eps=0)
    with pytest.raises(ValueError, match="tolerance must be a number >= 0"):
        gdlib.gradient_descent(X, Y, 0.01, 3, tolerance=-1)
