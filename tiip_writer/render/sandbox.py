"""The Jinja sandbox untrusted templates run in: what they may touch, and the render limits.

On top of Jinja's ImmutableSandboxedEnvironment (no `_` attributes, no Python internals, no
changing lists or dicts):

- attributes only of this project's objects and plain values (text, numbers, dates,
  collections): a `Path` or any other object with side effects is out of reach;
- text methods only from an allow-list, with the size of their result predicted first;
- every attribute access, call, loop iteration, intercepted operator (`+ * ** %`), namespace
  assignment and output chunk asks the render's `Guard` (render/limits.py) for time and size;
- a macro's or block's output (`super()`) counts as Markdown the template wrote (values
  inside were escaped already).
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction
from typing import Any

import jinja2
from jinja2 import nodes
from jinja2.runtime import BlockReference, LoopContext, Macro
from jinja2.sandbox import MAX_RANGE, ImmutableSandboxedEnvironment, SecurityError
from jinja2.utils import Cycler, Joiner, Namespace
from markupsafe import Markup

from tiip_writer.render.filters import BOUNDED_ARGUMENT_FILTERS, BUILTIN_FILTERS, project_filters
from tiip_writer.render.limits import (
    MAX_FORMAT_WIDTH,
    Guard,
    LimitExceeded,
    RenderLimits,
    check_format_string,
    predicted_int_bits,
    predicted_length,
)

LOOP_FILTER = "tiip.loop"  # wraps every {% for %} iterable; not listed in the documentation

# Plain values whose attributes templates may read (besides this project's own objects).
VALUE_TYPES = (str, int, float, bool, Decimal, Fraction, dt.date, dt.timedelta, tuple, list,
               dict, Namespace, LoopContext, Cycler, Joiner, Macro)
# Text methods templates may call; everything else on text (translate, expandtabs …) is refused.
TEXT_METHODS = frozenset({
    "capitalize", "center", "count", "endswith", "find", "format", "index", "isalnum",
    "isalpha", "isdigit", "islower", "isnumeric", "isspace", "isupper", "join", "ljust",
    "lower", "lstrip", "partition", "removeprefix", "removesuffix", "replace", "rfind",
    "rjust", "rpartition", "rsplit", "rstrip", "split", "splitlines", "startswith", "strip",
    "title", "upper", "zfill",
})


class RefusedCall(SecurityError):
    """A template called a method outside the allow-list (e.g. str.translate)."""

    def __init__(self, method: str):
        super().__init__(f"{method} is not allowed in templates")
        self.method = method


class MarkdownSandbox(ImmutableSandboxedEnvironment):
    """The sandbox with render limits, where a macro's output counts as Markdown."""

    intercepted_binops = frozenset({"*", "**", "+", "%"})

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.guard = Guard(RenderLimits())
        self.globals.pop("lipsum", None)  # random text of any size: nothing a proposal needs
        self.globals["namespace"] = self._namespace
        self.globals["range"] = self._range
        self.filters = {name: self._guarded_filter(name, function)
                        for name, function in self._allowed_filters().items()}
        self.filters[LOOP_FILTER] = lambda iterable: self.guard.loop(iterable)

    def start(self, limits: RenderLimits) -> None:
        """Begin a render under `limits` (a fresh deadline and counters)."""
        self.guard = Guard(limits)

    # --- parsing: every loop checks the clock ------------------------------------------

    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        tree = super()._parse(source, name, filename)
        for loop in tree.find_all(nodes.For):
            loop.iter = nodes.Filter(loop.iter, LOOP_FILTER, [], [], None, None,
                                     lineno=loop.lineno)
        return tree

    # --- what may be touched ------------------------------------------------------------

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        if not super().is_safe_attribute(obj, attr, value):
            return False
        if isinstance(obj, str) and callable(value):
            return attr in TEXT_METHODS
        return type(obj).__module__.startswith("tiip_writer.") or isinstance(obj, VALUE_TYPES)

    def getattr(self, obj: Any, attribute: str) -> Any:
        self.guard.tick()
        return super().getattr(obj, attribute)

    def getitem(self, obj: Any, argument: Any) -> Any:
        self.guard.tick()
        return super().getitem(obj, argument)

    def call(self, context: Any, obj: Any, /, *args: Any, **kwargs: Any) -> Any:
        guard = self.guard
        guard.tick()
        for value in (*args, *kwargs.values()):
            guard.check_size(value)
        _predict_method_call(guard, obj, args)
        guard.enter()
        try:
            result = super().call(context, obj, *args, **kwargs)
        finally:
            guard.leave()
        guard.check_size(result)
        if isinstance(obj, (Macro, BlockReference)) and not isinstance(result, Markup):
            return Markup(result)  # a macro's or block's output (super()) is template Markdown
        return result

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        guard = self.guard
        guard.tick()
        length = predicted_length(operator, left, right)
        if length is not None:
            guard.check_length(length)
        bits = predicted_int_bits(operator, left, right)
        if bits is not None:
            guard.check_int_bits(bits)
        if operator == "%" and isinstance(left, str):
            check_format_string(guard, left)
        return guard.check_size(super().call_binop(context, operator, left, right))

    # --- helpers ------------------------------------------------------------------------

    def _namespace(self, *args: Any, **kwargs: Any) -> Namespace:
        """Return a namespace whose assignments are size-checked."""
        guard = self.guard

        class GuardedNamespace(Namespace):
            def __setitem__(self, name: str, value: Any) -> None:
                guard.tick()
                super().__setitem__(name, guard.check_size(value))

        return GuardedNamespace(*args, **kwargs)

    def _allowed_filters(self) -> dict[str, Callable[..., Any]]:
        allowed = {name: self.filters[name] for name in BUILTIN_FILTERS}
        allowed.update(project_filters())
        return allowed

    def _guarded_filter(self, name: str, function: Callable[..., Any]) -> Callable[..., Any]:
        """Return `function` wrapped with time and size checks (keeping Jinja's pass_* mark)."""
        bounded = name in BOUNDED_ARGUMENT_FILTERS
        skip = 1 if getattr(function, "jinja_pass_arg", None) else 0  # context/eval_ctx first

        @functools.wraps(function)
        def guarded(*args: Any, **kwargs: Any) -> Any:
            guard = self.guard
            guard.tick()
            values = args[skip:]  # the filtered value, then the filter's own arguments
            extra = (*values[1:], *kwargs.values())
            if bounded and any(_is_int(v) and abs(v) > MAX_FORMAT_WIDTH for v in extra):
                raise LimitExceeded(f"過濾器 {name} 的數字參數過大（上限 {MAX_FORMAT_WIDTH}）",
                                    f"a number given to filter {name} is too large "
                                    f"(limit {MAX_FORMAT_WIDTH})")
            if name == "replace" and len(values) >= 3:
                _predict_replace(guard, values[0], values[1], values[2])
            if name == "join" and values and hasattr(values[0], "__len__"):
                separator = values[1] if len(values) > 1 else kwargs.get("d", "")
                guard.check_length(len(values[0]) * len(str(separator)))
            return guard.check_size(function(*args, **kwargs))

        return guarded

    def _range(self, *args: Any) -> range:
        """Return range(*args), refusing more than MAX_RANGE numbers."""
        numbers = range(*args)
        if len(numbers) > MAX_RANGE:
            raise LimitExceeded(f"range() 最多 {MAX_RANGE:,} 個數字",
                                f"range() gives at most {MAX_RANGE:,} numbers")
        return numbers


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _predict_replace(guard: Guard, text: Any, old: Any, new: Any) -> None:
    """Raise LimitExceeded when replacing `old` by `new` in `text` would exceed the limit."""
    text, old, new = str(text), str(old), str(new)
    hits = text.count(old) if old else len(text) + 1
    guard.check_length(len(text) + hits * max(0, len(new) - len(old)))


def _predict_method_call(guard: Guard, method: Any, args: tuple[Any, ...]) -> None:
    """Raise LimitExceeded before a text method builds a result over the limit."""
    target = getattr(method, "__wrapped__", method)  # str.format comes wrapped by the sandbox
    owner, name = getattr(target, "__self__", None), getattr(target, "__name__", "")
    if name == "strftime" and args and isinstance(args[0], str):
        check_format_string(guard, args[0])
    if not isinstance(owner, str):
        return
    if name not in TEXT_METHODS:
        raise RefusedCall(f"str.{name}")
    if name in ("format", "format_map"):
        check_format_string(guard, owner)
    elif name in ("center", "ljust", "rjust", "zfill") and args and _is_int(args[0]):
        guard.check_length(args[0])
    elif name == "join" and args and hasattr(args[0], "__len__"):
        guard.check_length(len(owner) * len(args[0]))
    elif name == "replace" and len(args) >= 2:
        _predict_replace(guard, owner, args[0], args[1])


def sandbox_environment(loader: jinja2.BaseLoader, finalize: Callable[[Any], Any],
                        bytecode_cache: jinja2.BytecodeCache | None = None) -> MarkdownSandbox:
    """Return a sandbox that loads templates through `loader` and finalizes output with `finalize`."""
    return MarkdownSandbox(
        loader=loader,
        bytecode_cache=bytecode_cache,
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        finalize=finalize,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
