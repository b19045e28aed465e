"""Build frozen dataclasses from schema-valid plain data, remembering each object's pointer."""

from __future__ import annotations

import dataclasses
import datetime as dt
import inspect
import sys
import types
import typing
from decimal import Decimal
from functools import cache
from typing import Any, TypeVar

from tiip_writer.source.positions import join_pointer

T = TypeVar("T")


def build(cls: type[T], data: Any, pointer: str = "") -> T:
    """Return an instance of dataclass `cls` made from `data` (already schema-valid)."""
    return _convert(cls, data, pointer)


@cache
def _hints(cls: type) -> dict[str, Any]:
    """Return the evaluated field annotations of model class `cls`, as typing.get_type_hints
    would. The model's ~400 annotations are text (`from __future__ import annotations`) and
    get_type_hints compiles each one again (~6 ms a run); the same ~80 texts repeat across
    the classes of a module, so each is compiled once."""
    hints: dict[str, Any] = {}
    try:
        for base in reversed(cls.__mro__):
            for name, value in inspect.get_annotations(base).items():
                hints[name] = (_evaluate(value, base.__module__) if isinstance(value, str)
                               else value)
    except NameError:  # a name only the class itself knows: the standard lookup
        return typing.get_type_hints(cls)
    return hints


@cache
def _evaluate(annotation: str, module: str) -> Any:
    return eval(annotation, vars(sys.modules[module]))  # text from the model's own source


def _convert(annotation: Any, value: Any, pointer: str) -> Any:
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        if value is None:
            return None
        inner = [a for a in typing.get_args(annotation) if a is not type(None)]
        return _convert(inner[0], value, pointer)
    if origin is tuple:
        (item_type, _ellipsis) = typing.get_args(annotation)
        return tuple(_convert(item_type, v, join_pointer(pointer, i)) for i, v in enumerate(value))
    if origin is dict:
        _key_type, value_type = typing.get_args(annotation)
        return {k: _convert(value_type, v, join_pointer(pointer, k)) for k, v in value.items()}
    if dataclasses.is_dataclass(annotation):
        return _dataclass(annotation, value, pointer)  # type: ignore[arg-type]
    if annotation is Decimal:
        return Decimal(str(value))
    if annotation is dt.date:
        return dt.date.fromisoformat(str(value)[:10])
    if annotation is str:
        return str(value)
    return value


def _dataclass(cls: type, data: dict[str, Any], pointer: str) -> Any:
    hints = _hints(cls)
    kwargs: dict[str, Any] = {}
    for field in dataclasses.fields(cls):
        if field.name == "ptr":
            continue
        if field.name in data:
            kwargs[field.name] = _convert(hints[field.name], data[field.name],
                                          join_pointer(pointer, field.name))
    return cls(ptr=pointer, **kwargs)
