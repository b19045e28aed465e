"""The Jinja sandbox untrusted templates run in: what they may touch, and the render limits.

On top of Jinja's ImmutableSandboxedEnvironment (no `_` attributes, no Python internals, no
changing lists or dicts):

- attributes only of this project's objects and plain values (text, numbers, dates,
  collections): a `Path` or any other object with side effects is out of reach;
- text methods only from an allow-list, with the size of their result predicted first;
- every attribute access, call, loop iteration, intercepted operator (`+ * ** %`), namespace
  assignment and output chunk asks the render's `Guard` (render/limits.py) for time and size;
- whatever turns a value into text — output, `~`, `str.format` fields, `%`, `join`, `string`
  and the other text filters, `sum` of lists — has the size of its result counted first, from
  the sizes of the parts (a list of 1,000 references to one long text is 1,000 long texts);
- a macro's or block's output (`super()`) counts as Markdown the template wrote (values
  inside were escaped already).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction
from typing import Any

import jinja2
from jinja2 import nodes
from jinja2.filters import sync_do_join, sync_do_sum
from jinja2.runtime import BlockReference, LoopContext, Macro
from jinja2.sandbox import (
    MAX_RANGE,
    ImmutableSandboxedEnvironment,
    SandboxedEscapeFormatter,
    SandboxedFormatter,
    SecurityError,
)
from jinja2.utils import Cycler, Joiner, Namespace
from jinja2.visitor import NodeTransformer
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
    text_size,
)

LOOP_FILTER = "tiip.loop"  # wraps every {% for %} iterable; not listed in the documentation
CONCAT_FILTER = "tiip.concat"  # replaces every `a ~ b`; not listed either
# Filters that turn their input into text: a list given to them is written out whole first.
TEXT_INPUT_FILTERS = frozenset({"capitalize", "lower", "upper", "title", "trim", "replace",
                                "truncate", "wordcount", "string", "md", "prose"})
_FORMAT_SPEC_NUMBER = re.compile(r"\d+")

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
        self.filters[CONCAT_FILTER] = self._concat
        finalize = self.finalize
        if finalize is not None:
            def guarded_finalize(value: Any) -> Any:
                self.guard.check_text(value)
                return finalize(value)
            self.finalize = guarded_finalize

    def start(self, limits: RenderLimits) -> None:
        """Begin a render under `limits` (a fresh deadline and counters)."""
        self.guard = Guard(limits)

    # --- parsing: every loop checks the clock ------------------------------------------

    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        tree = super()._parse(source, name, filename)
        for loop in tree.find_all(nodes.For):
            loop.iter = nodes.Filter(loop.iter, LOOP_FILTER, [], [], None, None,
                                     lineno=loop.lineno)
        return _ConcatToFilter().visit(tree)

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
            values = right.values() if isinstance(right, dict) else (
                right if isinstance(right, tuple) else (right,))
            guard.check_length(len(left) + sum(text_size(v, guard.limits.max_chars)
                                               for v in values))
        return guard.check_size(super().call_binop(context, operator, left, right))

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        """Return str.format / format_map sandboxed, each field's size counted as it is made."""
        if super().wrap_str_format(value) is None:
            return None
        owner: str = value.__self__
        is_format_map = value.__name__ == "format_map"

        def wrapper(*args: Any, **kwargs: Any) -> str:
            if is_format_map:
                if kwargs or len(args) != 1:
                    raise TypeError("format_map() takes exactly one mapping")
                args, kwargs = (), args[0]
            formatter = (_GuardedEscapeFormatter(self, escape=owner.escape)
                         if isinstance(owner, Markup) else _GuardedFormatter(self))
            formatter.total = len(owner)
            return type(owner)(formatter.vformat(owner, args, kwargs))

        return functools.update_wrapper(wrapper, value)

    def _concat(self, parts: list[Any]) -> str:
        """`a ~ b ~ …`: the parts' text, its size counted before it is built."""
        guard = self.guard
        guard.tick()
        limit = guard.limits.max_chars
        guard.check_length(sum(text_size(part, limit) for part in parts))
        return "".join(map(str, parts))

    @jinja2.pass_eval_context
    def _join(self, eval_ctx: Any, value: Any, d: str = "", attribute: Any = None) -> str:
        """The `join` filter, its items' sizes counted one by one (a generator's too)."""
        if attribute is not None:
            value = map(jinja2.filters.make_attrgetter(self, attribute), value)
        return sync_do_join(eval_ctx, _counted_items(self.guard, value, len(str(d))), d)

    def _cn_join(self, items: Any, sep: str = "、") -> str:
        """The `cn_join` filter, its items' sizes counted like join's."""
        return str(sep).join(map(str, _counted_items(self.guard, items, len(str(sep)))))

    @jinja2.pass_environment
    def _sum(self, environment: Any, iterable: Any, attribute: Any = None,
             start: Any = 0) -> Any:
        """The `sum` filter; lists are concatenated in linear time, their length counted."""
        if attribute is not None:
            iterable = map(jinja2.filters.make_attrgetter(environment, attribute), iterable)
        if not isinstance(start, (list, tuple)):
            return sync_do_sum(environment, iterable, start=start)
        guard, result = self.guard, list(start)
        for item in iterable:
            if type(item) is not type(start):
                raise TypeError(f"can only concatenate {type(start).__name__} "
                                f"(not \"{type(item).__name__}\")")
            guard.check_length(len(result) + len(item))
            guard.tick()
            result.extend(item)
        return result if isinstance(start, list) else tuple(result)

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
        # the ones that build text or lists from many parts count the parts as they go
        allowed.update(join=self._join, cn_join=self._cn_join, sum=self._sum)
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
            if name in TEXT_INPUT_FILTERS and values:
                guard.check_text(values[0])
            return guard.check_size(function(*args, **kwargs))

        return guarded

    def _range(self, *args: Any) -> range:
        """Return range(*args), refusing more than MAX_RANGE numbers."""
        numbers = range(*args)
        if len(numbers) > MAX_RANGE:
            raise LimitExceeded(f"range() 最多 {MAX_RANGE:,} 個數字",
                                f"range() gives at most {MAX_RANGE:,} numbers")
        return numbers


class _ConcatToFilter(NodeTransformer):
    """Turns every `a ~ b` into the guarded concatenation filter (Jinja joins them itself)."""

    def visit_Concat(self, node: nodes.Concat) -> nodes.Node:
        parts = [self.visit(part) for part in node.nodes]
        return nodes.Filter(nodes.List(parts, lineno=node.lineno), CONCAT_FILTER, [], [], None,
                            None, lineno=node.lineno)


class _SizeCountingFields:
    """A str.format formatter that refuses a huge width and counts each field's size (also
    widths given as arguments, `'{:{}}'.format('x', 10**9)`) before making it."""

    _env: MarkdownSandbox
    total = 0

    def format_field(self, value: Any, format_spec: str) -> Any:
        guard = self._env.guard
        guard.tick()
        widths = [int(number) for number in _FORMAT_SPEC_NUMBER.findall(format_spec)]
        if any(width > MAX_FORMAT_WIDTH for width in widths):
            raise LimitExceeded("格式字串的寬度或精度過大", "a format width or precision is too large")
        self.total += max([text_size(value, guard.limits.max_chars), *widths])
        guard.check_length(self.total)
        return super().format_field(value, format_spec)  # type: ignore[misc]


class _GuardedFormatter(_SizeCountingFields, SandboxedFormatter):
    pass


class _GuardedEscapeFormatter(_SizeCountingFields, SandboxedEscapeFormatter):
    pass


def _counted_items(guard: Guard, items: Any, separator: int) -> list[Any]:
    """Return `items` as a list, refusing them once their text (with a separator of
    `separator` characters between them) would exceed the output limit."""
    limit, total, kept = guard.limits.max_chars, 0, []
    for item in items:
        total += text_size(item, limit) + separator
        guard.check_length(total)
        kept.append(item)
    guard.tick()
    return kept


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
