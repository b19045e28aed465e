"""The types behind the template context, read from the code's annotations.

`tiip templates lint` follows these to check `proposal.market.narative` before a build, and
the template documentation lists them, so neither can drift from the objects templates get.
"""

from __future__ import annotations

import collections.abc
import dataclasses
import datetime as dt
import types
import typing
from decimal import Decimal
from fractions import Fraction
from functools import cache
from typing import Any

from tiip_writer.render.context import TemplateContext
from tiip_writer.render.sandbox import TEXT_METHODS, VALUE_TYPES

MISSING = object()  # the attribute does not exist


@dataclasses.dataclass(frozen=True)
class Method:
    """A method a template may call; `returns` is its annotated result."""

    returns: Any


def context_types() -> dict[str, Any]:
    """Return {template variable: its annotated type}."""
    return _hints(TemplateContext)


def unwrap_optional(tp: Any) -> Any:
    """Return `tp` without `| None`; a union of several other types becomes Any."""
    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        rest = [a for a in typing.get_args(tp) if a is not type(None)]
        return rest[0] if len(rest) == 1 else Any
    return tp


def attribute_type(tp: Any, attr: str) -> Any:
    """Return the type of `tp.attr` as Jinja resolves it, MISSING, or Any when unknown."""
    tp = unwrap_optional(tp)
    if tp is Any or isinstance(tp, typing.TypeVar):
        return Any
    origin = typing.get_origin(tp) or tp
    if isinstance(origin, type) and issubclass(origin, collections.abc.Mapping):
        if hasattr(origin, attr) and not attr.startswith("_"):
            return Method(Any)
        args = typing.get_args(tp)
        return args[1] if len(args) == 2 else Any  # Jinja falls back to the key
    if isinstance(origin, type) and dataclasses.is_dataclass(origin):
        return public_members(origin).get(attr, MISSING)
    if isinstance(origin, type):
        if not hasattr(origin, attr):
            return MISSING
        return Method(Any) if callable(getattr(origin, attr)) else Any
    return Any


def element_type(tp: Any) -> Any:
    """Return the type of the items a loop over `tp` gives."""
    tp = unwrap_optional(tp)
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if origin in (tuple, list, collections.abc.Sequence, collections.abc.Iterable) and args:
        return args[0]
    if isinstance(origin, type) and issubclass(origin, collections.abc.Mapping) and args:
        return args[0]
    return str if tp is str else Any


def item_type(tp: Any) -> Any:
    """Return the type of `tp[key]`."""
    tp = unwrap_optional(tp)
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if isinstance(origin, type) and issubclass(origin, collections.abc.Mapping) and len(args) == 2:
        return args[1]
    return element_type(tp)


def sequence_of(tp: Any) -> Any:
    """Return a tuple type holding the elements of `tp` (what `| list` or `| sort` give)."""
    element = element_type(tp)
    return Any if element is Any else tuple[element, ...]  # type: ignore[valid-type]


@cache
def public_members(cls: type) -> dict[str, Any]:
    """Return {name: type} of a dataclass's fields, properties and public methods."""
    members: dict[str, Any] = dict(_hints(cls))
    for name in dir(cls):
        if name.startswith("_") or name in members:
            continue
        value = getattr(cls, name)
        if isinstance(value, property) and value.fget is not None:
            members[name] = _hints(value.fget).get("return", Any)
        elif callable(value):
            members[name] = Method(_hints(value).get("return", Any))
    return members


def field_names(tp: Any) -> list[str]:
    """Return the attribute names of a dataclass type (for 'did you mean' hints), else []."""
    origin = typing.get_origin(unwrap_optional(tp)) or unwrap_optional(tp)
    if isinstance(origin, type) and dataclasses.is_dataclass(origin):
        return sorted(public_members(origin))
    return []


def sandbox_refuses(tp: Any, attr: str, value_type: Any) -> bool:
    """Return True when the sandbox would refuse `attr` on a value of type `tp`."""
    tp = unwrap_optional(tp)
    origin = typing.get_origin(tp) or tp
    if attr.startswith("_"):
        return True
    if origin is Any or not isinstance(origin, type):
        return False
    if issubclass(origin, str) and isinstance(value_type, Method):
        return attr not in TEXT_METHODS
    return not (origin.__module__.startswith("tiip_writer.") or issubclass(origin, VALUE_TYPES)
                or issubclass(origin, collections.abc.Mapping))


def type_label(tp: Any) -> str:
    """Return a short zh-TW description of a type for the documentation."""
    optional = typing.get_origin(tp) in (typing.Union, types.UnionType) and type(None) in \
        typing.get_args(tp)
    tp = unwrap_optional(tp)
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if origin in (tuple, list) and args:
        label = f"{type_label(args[0])} 的清單"
    elif isinstance(origin, type) and issubclass(origin, collections.abc.Mapping) and args:
        label = f"{type_label(args[0])} → {type_label(args[1])} 對照表"
    elif isinstance(tp, Method):
        label = "方法"
    else:
        label = _SIMPLE_LABELS.get(tp) or str(getattr(tp, "__name__", tp))
    return f"{label}（可為 None）" if optional else label


_SIMPLE_LABELS: dict[Any, str] = {
    str: "文字", int: "整數", bool: "是/否", float: "數字", Decimal: "數字（Decimal）",
    Fraction: "分數", dt.date: "日期", Any: "任意值",
}


def _hints(obj: Any) -> dict[str, Any]:
    try:
        return typing.get_type_hints(obj)
    except Exception:  # noqa: BLE001  # an annotation that cannot be evaluated: unknown
        return {}
