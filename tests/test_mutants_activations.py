"""gdlib.activations against plain math: identity, sigmoid and softmax, in float64 whatever the input.

Written for the survivors of `make mutants`: nothing called identity's value or derivative
directly, and no test gave softmax anything but float64 logits.
"""

import math

import numpy as np
import pytest

from gdlib.activations import Activation, identity, sigmoid, softmax


def test_identity_is_z_and_its_derivative_is_one_in_float64():
    z = np.array([[-2], [0], [3]], dtype=np.int64)
    value = identity.value(z)
    assert value.dtype == np.float64 and value.tolist() == [[-2.0], [0.0], [3.0]]
    derivative = identity.derivative(z)
    assert derivative.dtype == np.float64 and derivative.shape == (3, 1) and derivative.tolist() == [[1.0]] * 3
    assert identity([1, 2]).tolist() == [1.0, 2.0] and repr(identity) == "identity"


def test_sigmoid_and_its_derivative_at_points_worked_by_hand():
    z = np.array([-30.0, -1.0, 0.0, 2.0, 40.0])
    expected = [1.0 / (1.0 + math.exp(-t)) for t in z]
    np.testing.assert_allclose(sigmoid(z), expected, rtol=1e-14, atol=0)
    np.testing.assert_allclose(sigmoid.derivative(z), [s * (1 - s) if abs(t) < 20 else math.exp(-abs(t))
                                                       for s, t in zip(expected, z, strict=True)], rtol=1e-9)
    assert repr(sigmoid) == "sigmoid"


def test_the_base_class_leaves_value_and_derivative_to_the_subclasses():
    with pytest.raises(NotImplementedError):
        Activation().value(np.zeros(1))
    with pytest.raises(NotImplementedError):
        Activation().derivative(np.zeros(1))
    assert repr(Activation()) == "activation"


def _softmax_by_hand(rows):
    out = []
    for row in rows:
        top = max(row)
        exps = [math.exp(float(v) - float(top)) for v in row]
        out.append([e / sum(exps) for e in exps])
    return out


def test_softmax_is_computed_in_float64_even_for_float32_or_integer_logits():
    logits32 = np.array([[0.1, 0.2, 0.3], [1.0, -1.0, 0.5]], dtype=np.float32)
    probabilities = softmax(logits32)
    assert probabilities.dtype == np.float64
    np.testing.assert_allclose(probabilities, _softmax_by_hand(logits32.astype(float).tolist()), rtol=1e-14)
    ints = softmax([[1, 2], [3, 3]])
    assert ints.dtype == np.float64
    np.testing.assert_allclose(ints, _softmax_by_hand([[1, 2], [3, 3]]), rtol=1e-14)
    flags = softmax(np.array([[True, False]]))  # numpy cannot subtract booleans: they must become floats first
    np.testing.assert_allclose(flags, _softmax_by_hand([[1.0, 0.0]]), rtol=1e-14)


def test_softmax_refuses_anything_but_a_matrix_of_logits_and_says_so():
    with pytest.raises(ValueError) as raised:
        softmax(np.zeros(3))
    assert str(raised.value) == "Z must be a 2-D array of logits (m, k), got a 1-D array of shape (3,)."


def test_sigmoid_works_in_float64_even_for_float32_input():
    z32 = np.array([-3.3, 0.1, 2.7], dtype=np.float32)
    expected = [1.0 / (1.0 + math.exp(-float(t))) for t in z32]
    value, derivative = sigmoid.value(z32), sigmoid.derivative(z32)
    assert value.dtype == np.float64 and derivative.dtype == np.float64
    np.testing.assert_allclose(value, expected, rtol=1e-14)
    np.testing.assert_allclose(derivative, [s * (1 - s) for s in expected], rtol=1e-13)


def test_the_sigmoid_derivative_of_unsigned_integers_and_booleans_is_that_of_the_numbers():
    # -z of a uint8 array wraps around (-1 -> 255) and booleans cannot be negated: z must become float first
    z8 = np.array([0, 1, 3], dtype=np.uint8)
    expected = [math.exp(-t) / (1.0 + math.exp(-t)) ** 2 for t in (0.0, 1.0, 3.0)]
    derivative = sigmoid.derivative(z8)
    assert derivative.dtype == np.float64
    np.testing.assert_allclose(derivative, expected, rtol=1e-14)
    np.testing.assert_allclose(sigmoid.derivative(np.array([True, False])), [expected[1], expected[0]], rtol=1e-14)
