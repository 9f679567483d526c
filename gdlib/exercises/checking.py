"""Checking a function the learner wrote: held-out cases, the reference, and the classic mistakes.

A checker runs the learner's function on cases it generates, compares every output with the
reference in gdlib, and, when they differ, says which classic mistake the outputs match (a flipped
sign, a missing factor 2, a transpose, ...), in a learner's words, with the formula to look at.
Where no mistake matches it shows the first case that differs: the shapes of the inputs, the
expected and the received values. It never shows the reference code.

    result = check_function(fn, spec)   # a CheckResult: .passed, .message, shown as rich output

Each mistake is written as the output the mistaken code gives (a small mutant of the reference),
so a diagnosis is a comparison of numbers, not a guess from the source text.
"""

from __future__ import annotations

import ast
import inspect
import linecache
import textwrap
import traceback
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np


@dataclass(frozen=True)
class CheckResult:
    """What a checker found: .passed (bool) and .message (str), shown as one line in a notebook.

    written is False while the function's body is still the starter's `...`.
    """

    title: str
    passed: bool
    message: str
    written: bool = True

    @property
    def mark(self) -> str:
        return "✔" if self.passed else ("…" if not self.written else "✘")

    def __repr__(self) -> str:
        return f"{self.mark} {self.title}: {self.message}"

    def _repr_markdown_(self) -> str:
        return f"{self.mark} **{self.title}:** {self.message}"


@dataclass(frozen=True)
class Case:
    """One held-out case: the arguments the learner's function is called with.

    args: positional arguments, in the order of the exercise's signature.
    names: the names of those arguments, used to describe the case ("X (3, 2), Y (3, 1)").
    """

    args: tuple
    names: tuple[str, ...]

    def describe(self) -> str:
        """The arguments by name, arrays by shape and numbers by value: 'X (3, 2), learning_rate 0.01'."""
        parts = []
        for name, value in zip(self.names, self.args, strict=True):
            if isinstance(value, np.ndarray):
                parts.append(f"{name} of shape {value.shape}")
            elif callable(value):
                parts.append(f"{name} a function")
            else:
                parts.append(f"{name} = {value!r}")
        return ", ".join(parts)


@dataclass(frozen=True)
class Mistake:
    """A classic mistake: what the mistaken code returns, and what to tell a learner who made it.

    says: the mistake in a learner's words ("the sign is flipped").
    look_at: where to look ("the minus in front of 2/m in ∂J/∂α = −(2/m) Σ (y − ŷ)").
    gives: takes the case's arguments, like the reference, and returns what the mistaken code returns.
    where: takes the case's arguments and says whether the mistake can be recognised on that case
        (None: on every case); for example 2/λmin only where λmin is not 0.
    """

    says: str
    look_at: str
    gives: Callable
    where: Callable | None = None

    def applies(self, case: Case) -> bool:
        return self.where is None or bool(self.where(*case.args))


@dataclass(frozen=True)
class Exercise:
    """Everything a checker needs to know about one coding exercise.

    title: shown before the verdict ("mse_gradients").
    function_name: the name the learner's function has in the starter cell.
    outputs: the names of the returned values, in order; one name means one returned array.
    reference: the correct function, from gdlib; takes a case's arguments.
    cases: the held-out cases.
    mistakes: the classic mistakes to recognise, most specific first.
    rtol: the relative tolerance of a comparison (scaled by each output's largest entry).
    """

    title: str
    function_name: str
    outputs: tuple[str, ...]
    reference: Callable
    cases: Sequence[Case]
    mistakes: Sequence[Mistake] = field(default_factory=tuple)
    rtol: float = 1e-6


class _Raised(Exception):
    """The learner's function raised: carries the feedback sentence."""


def check_function(function, exercise: Exercise) -> CheckResult:
    """Run the learner's function on the exercise's cases and say whether it is right, and if not why.

    function: what the learner wrote; it is called with fresh copies of each case's arguments.
    Returns a CheckResult; the reference code is never shown, only the numbers it gives.
    """
    title = exercise.title
    if not callable(function):
        return CheckResult(title, False, f"expected a function, got {type(function).__name__}: pass the "
                                         f"function itself, `{exercise.function_name}`, without calling it.")
    if _body_is_empty(function):
        return CheckResult(title, False, f"not written yet. Replace the `...` in `{exercise.function_name}` "
                                         "with your code, run that cell, then run this one again.", written=False)
    got_all, want_all = [], []
    for case in exercise.cases:
        try:
            got = _call(function, case)
        except _Raised as raised:
            return CheckResult(title, False, str(raised))
        changed = _changed_arguments(case, got.arguments_after)
        if changed:
            return CheckResult(title, False, _in_place_message(changed))
        if got.value is None:
            return CheckResult(title, False, "your function returned None. Did you forget the `return` line?")
        outputs = _as_outputs(got.value, exercise.outputs)
        if isinstance(outputs, str):
            return CheckResult(title, False, outputs)
        want = _as_outputs(_quietly(exercise.reference, case.args), exercise.outputs)
        got_all.append(tuple(_one_number_as_scalar(g, w) for g, w in zip(outputs, want, strict=True)))
        want_all.append(want)
    wrong = [k for k in range(len(exercise.outputs))
             if not all(_same(got[k], want[k], exercise.rtol, strict=True)
                        for got, want in zip(got_all, want_all, strict=True))]
    if not wrong:
        cases = len(exercise.cases)
        return CheckResult(title, True, f"correct on all {cases} held-out cases. Well done.")
    return CheckResult(title, False, _diagnose(exercise, wrong, got_all, want_all))


def _one_number_as_scalar(got: np.ndarray, want: np.ndarray) -> np.ndarray:
    """Where one number is expected, a (1, 1) or (1,) array holding one number counts as that number."""
    return got.reshape(()) if want.ndim == 0 and got.size == 1 else got


@dataclass(frozen=True)
class _Call:
    value: object
    arguments_after: tuple


def _call(function, case: Case) -> _Call:
    """Call the learner's function on copies of the case's arguments; an exception becomes _Raised."""
    arguments = tuple(np.array(value, copy=True) if isinstance(value, np.ndarray) else value for value in case.args)
    try:
        with warnings.catch_warnings(), np.errstate(all="ignore"):
            warnings.simplefilter("ignore")
            value = function(*arguments)
    except Exception as error:  # the learner's code: any exception becomes feedback
        raise _Raised(_exception_message(function, error, case)) from None
    return _Call(value, arguments)


def _quietly(function, arguments: tuple):
    """Call a reference or a mistake without numpy warnings (a mistake may overflow on purpose)."""
    copies = tuple(np.array(value, copy=True) if isinstance(value, np.ndarray) else value for value in arguments)
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        return function(*copies)


def _body_is_empty(function) -> bool:
    """True when the function's body, after its docstring, is only `...` or `pass` (the starter)."""
    try:
        source = textwrap.dedent(inspect.getsource(function))
        tree = ast.parse(source)
    except (OSError, TypeError, SyntaxError):
        return False
    definition = next((node for node in tree.body if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)), None)
    if definition is None:
        return False
    body = definition.body
    if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) \
            and isinstance(body[0].value.value, str):
        body = body[1:]
    return all(isinstance(node, ast.Pass) or (isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)
                                              and node.value.value is Ellipsis) for node in body)


def _exception_message(function, error: Exception, case: Case) -> str:
    """The exception and the line of the learner's function it came from, with the case's shapes."""
    code = getattr(function, "__code__", None)
    line = ""
    if code is not None:
        # the learner's own frames: an error inside a helper of the same cell is shown at the line that called it
        frames = [frame for frame in traceback.extract_tb(error.__traceback__)
                  if frame.filename == code.co_filename and frame.name == code.co_name]
        if frames:
            frame = frames[-1]
            text = (frame.line or linecache.getline(frame.filename, frame.lineno)).strip()
            line = f" at line {frame.lineno - code.co_firstlineno + 1} of `{function.__name__}`: `{text}`"
    return (f"your function raised {type(error).__name__}: {error}{line}. It was called with "
            f"{case.describe()}.")


def _changed_arguments(case: Case, after: tuple) -> list[str]:
    """The names of array arguments the learner's function changed in place."""
    return [name for name, before, now in zip(case.names, case.args, after, strict=True)
            if isinstance(before, np.ndarray) and not np.array_equal(before, now, equal_nan=True)]


def _in_place_message(changed: list[str]) -> str:
    names = " and ".join(f"`{name}`" for name in changed)
    return (f"your function changed the caller's {names} in place (for example with `-=` or by assigning "
            "into it). The caller's arrays must stay as they were: make a new array (`new = old - change`, "
            "not `old -= change`), or work on a copy (`old.copy()`).")


def _as_outputs(value, names: tuple[str, ...]) -> tuple[np.ndarray, ...] | str:
    """The returned value as a tuple of float arrays, one per name, or a sentence saying what is wrong."""
    if len(names) == 1:
        items = (value,)
    else:
        wanted = "(" + ", ".join(names) + ")"
        if not isinstance(value, tuple | list) or len(value) != len(names):
            got = f"a {type(value).__name__} of length {len(value)}" if isinstance(value, tuple | list) \
                else f"one {type(value).__name__}"
            return f"your function should return {len(names)} things, {wanted}, but returned {got}."
        items = tuple(value)
    arrays = []
    for name, item in zip(names, items, strict=True):
        try:
            arrays.append(np.asarray(item, dtype=float))
        except (TypeError, ValueError):
            return f"`{name}` should be a number or an array of numbers, got {type(item).__name__}."
    return tuple(arrays)


def _same(got: np.ndarray, want: np.ndarray, rtol: float, *, strict: bool) -> bool:
    """Equal within rtol of the larger entry; strict also requires the same shape (else equal sizes do)."""
    if got.shape != want.shape and (strict or got.size != want.size):
        return False
    got, want = got.reshape(want.shape), want
    scale = max(float(np.max(np.abs(want[np.isfinite(want)]), initial=0.0)), 1e-300)
    with np.errstate(all="ignore"):
        return bool(np.allclose(got, want, rtol=rtol, atol=rtol * scale, equal_nan=True))


def _diagnose(exercise: Exercise, wrong: list[int], got_all: list, want_all: list) -> str:
    """A sentence per wrong output (the shape, a matching mistake, or the first case that differs);
    outputs that share a diagnosis share a sentence."""
    right = [f"`{name}`" for k, name in enumerate(exercise.outputs) if k not in wrong]
    sentences = [f"{_listed(right)} {'is' if len(right) == 1 else 'are'} right."] if right else []
    mistaken = [[_as_outputs(_quietly(mistake.gives, case.args), exercise.outputs) for case in exercise.cases]
                for mistake in exercise.mistakes]
    explains = [{k for k in wrong if _matches(k, mistake, gives, exercise, got_all, want_all)}
                for mistake, gives in zip(exercise.mistakes, mistaken, strict=True)]
    shared: dict[str, list[str]] = {}  # a mistake's sentence -> the outputs it explains
    for k in wrong:
        name = exercise.outputs[k]
        got, want = [outputs[k] for outputs in got_all], [outputs[k] for outputs in want_all]
        reshaped = _right_values_wrong_shape(name, got, want)
        if reshaped:
            sentences.append(reshaped)
            continue
        candidates = [i for i, outputs in enumerate(explains) if k in outputs]
        index = _first_wrong_shape(got, want)
        if candidates:
            match = exercise.mistakes[max(candidates, key=lambda i: (len(explains[i]), -i))]
            key = f"{match.says}. Look at {match.look_at}."
            if key not in shared:
                shared[key] = []
                sentences.append(key)
            shared[key].append(name)
            if index is not None:
                sentences.append(f"Also, {_shape_sentence(name, got, want)}")
        elif index is not None:
            sentences.append(_shape_sentence(name, got, want))
        else:
            sentences.append(_first_difference(exercise, k, got_all, want_all))
    for key, names in shared.items():
        subject = _listed([f"`{name}`" for name in names])
        verb = "looks" if len(names) == 1 else "look"
        sentences[sentences.index(key)] = f"{subject} {verb} like {key}"
    return " ".join(sentences)


def _listed(items: list[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _matches(k: int, mistake: Mistake, gives: list, exercise: Exercise, got_all: list, want_all: list) -> bool:
    """True when output k of the learner equals output k of the mistake on every case where the mistake
    applies, and the mistake differs from the reference on at least one of them (so it explains something)."""
    rtol = exercise.rtol
    where = [i for i, case in enumerate(exercise.cases) if mistake.applies(case)]
    if not all(_same(got_all[i][k], gives[i][k], rtol, strict=False) for i in where):
        return False
    return any(not _same(gives[i][k], want_all[i][k], rtol, strict=True) for i in where)


def _first_wrong_shape(got: list[np.ndarray], want: list[np.ndarray]) -> int | None:
    return next((i for i, (g, w) in enumerate(zip(got, want, strict=True)) if g.shape != w.shape), None)


def _right_values_wrong_shape(name: str, got: list[np.ndarray], want: list[np.ndarray]) -> str | None:
    """A sentence for an output with the right numbers in the wrong shape (transposed or flattened)."""
    index = _first_wrong_shape(got, want)
    if index is None or not all(_same(g, w, 1e-6, strict=False) or _same(g.T, w, 1e-6, strict=True)
                                for g, w in zip(got, want, strict=True)):
        return None
    g, w = got[index], want[index]
    if g.ndim == 2 and g.shape == w.T.shape and _same(g.T, w, 1e-6, strict=True):
        return (f"`{name}` has the right numbers but is transposed: shape {g.shape}, where {w.shape} is "
                f"expected. Write down the shape of each factor: which product gives {w.shape}?")
    if g.ndim < w.ndim:
        return (f"`{name}` has the right numbers but lost a dimension: shape {g.shape}, where {w.shape} is "
                f"expected. Keep it 2-D: sum with `keepdims=True`, or index with `[:, 0:1]` instead of `[:, 0]`.")
    return f"`{name}` has the right numbers in the wrong shape: {g.shape}, where {w.shape} is expected."


def _shape_sentence(name: str, got: list[np.ndarray], want: list[np.ndarray]) -> str | None:
    """A sentence naming the first wrong shape of an output (and the (m,) against (m, 1) table), or None."""
    index = _first_wrong_shape(got, want)
    if index is None:
        return None
    g, w = got[index], want[index]
    if w.ndim == 0:
        return f"`{name}` should be one number, but it has shape {g.shape}."
    if g.ndim == 2 and w.ndim == 2 and g.size > w.size and g.shape[0] > 1 and w.shape[0] == 1:
        return (f"`{name}` has shape {g.shape} where {w.shape} is expected: many rows where one belongs is "
                "what numpy makes when a 1-D array of m numbers, shape (m,), meets a column (m, 1): it "
                "broadcasts the two into an (m, m) table. Keep every column as (m, 1).")
    return f"`{name}` has shape {g.shape} where {w.shape} is expected."


def _first_difference(exercise: Exercise, k: int, got_all: list, want_all: list) -> str:
    """The first case where output k differs: its inputs' shapes, and what was expected and received."""
    index = next(i for i, (got, want) in enumerate(zip(got_all, want_all, strict=True))
                 if not _same(got[k], want[k], exercise.rtol, strict=True))
    with np.printoptions(precision=4, suppress=False, floatmode="maxprec", linewidth=200, threshold=12):
        expected, received = np.array2string(want_all[index][k]), np.array2string(got_all[index][k])
    return (f"`{exercise.outputs[k]}` differs from the expected value on a case with "
            f"{exercise.cases[index].describe()}: expected {expected}, got {received}.")
