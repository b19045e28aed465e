"""`dataclass` as the standard library's, without compiling methods for every class.

The standard decorator writes `__init__`, `__repr__`, `__eq__`, `__hash__` and, for a frozen
class, `__setattr__` and `__delattr__` as source text and compiles each one when the class is
defined: ~0.3 ms a class, 30–40 ms of every `tiip` command for the ~100 classes of the model,
budget, rules and renderer. This decorator lets the standard one record the fields (so
`dataclasses.fields`, `replace`, `asdict` and `is_dataclass` work unchanged) and gives the class
methods made of closures over its fields: the same behaviour and hashes, nothing compiled (a
class without a docstring gets one listing its fields, not the standard signature text).
Options other than init, repr, eq, frozen and kw_only go to the standard decorator.

    from tiip_writer.foundation.records import dataclass
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import MISSING, Field, FrozenInstanceError
from typing import Any


def dataclass(cls: type | None = None, /, *, init: bool = True, repr: bool = True,
              eq: bool = True, frozen: bool = False, kw_only: bool = False,
              **other: Any) -> Any:
    """Return `cls` made a dataclass, as `dataclasses.dataclass` with the same options would."""

    def wrap(cls: type) -> type:
        if other:
            return dataclasses.dataclass(cls, init=init, repr=repr, eq=eq, frozen=frozen,
                                         kw_only=kw_only, **other)
        return _process(cls, init, repr, eq, frozen, kw_only)

    return wrap if cls is None else wrap(cls)


def _process(cls: type, init: bool, repr_: bool, eq: bool, frozen: bool, kw_only: bool) -> type:
    own = dict(cls.__dict__)
    if not cls.__doc__:
        # The standard decorator would build it from inspect.signature (tokenize and its
        # regular expressions for a class without its own __init__ yet): the field names do.
        cls.__doc__ = f"{cls.__name__}({', '.join(getattr(cls, '__annotations__', {}))})"
    # Fields, defaults, kw_only and __match_args__ as the standard decorator finds them; with
    # these options it compiles nothing.
    dataclasses.dataclass(cls, init=False, repr=False, eq=False, kw_only=kw_only)
    fields = dataclasses.fields(cls)
    if init and "__init__" not in own:
        _set(cls, "__init__", _init_method(cls, fields, frozen))
    if repr_ and "__repr__" not in own:
        _set(cls, "__repr__", _repr_method(fields))
    if eq and "__eq__" not in own:
        _set(cls, "__eq__", _eq_method(fields))
    # The standard table for __hash__: a class's own __hash__ stays (Python sets it to None
    # when the class defines __eq__ alone, which does not count as its own).
    class_hash = own.get("__hash__", MISSING)
    explicit_hash = not (class_hash is MISSING or (class_hash is None and "__eq__" in own))
    if eq and not explicit_hash:
        if frozen:
            _set(cls, "__hash__", _hash_method(fields))
        else:
            cls.__hash__ = None  # type: ignore[assignment]  # mutable and comparable: unhashable
    if frozen:
        if "__setattr__" in own or "__delattr__" in own:
            raise TypeError(f"cannot overwrite attribute __setattr__ in class {cls.__name__}")
        setter, deleter = _frozen_methods(cls, fields)
        _set(cls, "__setattr__", setter)
        _set(cls, "__delattr__", deleter)
    return cls


def _set(cls: type, name: str, function: Callable[..., Any]) -> None:
    function.__qualname__ = f"{cls.__qualname__}.{name}"
    setattr(cls, name, function)


def _init_method(cls: type, fields: tuple[Field[Any], ...], frozen: bool
                 ) -> Callable[..., None]:
    parameters = [f for f in fields if f.init]
    positional = tuple(f.name for f in parameters if not f.kw_only)
    # Every init field in field order with its default: copied and updated with the arguments,
    # it is the instance's attributes in the order the standard __init__ assigns them.
    template = {f.name: f.default for f in parameters}
    size = len(template)
    required = frozenset(f.name for f in parameters
                         if f.default is MISSING and f.default_factory is MISSING)
    factories = tuple((f.name, f.default_factory) for f in parameters
                      if f.default_factory is not MISSING)
    # init=False fields with a default are set by __init__ too (without one they stay unset)
    preset = tuple((f.name, f.default, f.default_factory) for f in fields if not f.init and
                   (f.default is not MISSING or f.default_factory is not MISSING))
    post_init = hasattr(cls, "__post_init__")
    name_of = cls.__qualname__
    setter = object.__setattr__ if frozen else setattr

    def __init__(self: Any, *args: Any, **kwargs: Any) -> None:
        if args:
            if len(args) > len(positional):
                raise TypeError(f"{name_of}.__init__() takes {len(positional) + 1} positional "
                                f"arguments but {len(args) + 1} were given")
            for name, value in zip(positional, args):
                if name in kwargs:
                    raise TypeError(f"{name_of}.__init__() got multiple values for argument "
                                    f"{name!r}")
                kwargs[name] = value
        values = template.copy()
        values.update(kwargs)
        if len(values) != size or not required.issubset(kwargs):
            unexpected = [name for name in kwargs if name not in template]
            if unexpected:
                raise TypeError(f"{name_of}.__init__() got an unexpected keyword argument "
                                f"{unexpected[0]!r}")
            missing = next(name for name in template if name in required and name not in kwargs)
            raise TypeError(f"{name_of}.__init__() missing 1 required argument: {missing!r}")
        for name, factory in factories:
            if name not in kwargs:
                values[name] = factory()
        for name, default, factory in preset:
            values[name] = default if factory is MISSING else factory()
        # One attribute at a time, as the standard __init__: Python then keeps the values
        # inline in the object (touching self.__dict__ would make every instance a full dict,
        # twice the memory).
        for name, value in values.items():
            setter(self, name, value)
        if post_init:
            self.__post_init__()

    return __init__


def _repr_method(fields: tuple[Field[Any], ...]) -> Callable[[Any], str]:
    shown = tuple(f.name for f in fields if f.repr)

    def __repr__(self: Any) -> str:
        inner = ", ".join(f"{name}={getattr(self, name)!r}" for name in shown)
        return f"{self.__class__.__qualname__}({inner})"

    return __repr__


def _values(fields: tuple[Field[Any], ...], which: Callable[[Field[Any]], bool]
            ) -> Callable[[Any], tuple[Any, ...]]:
    """Return a function giving an object's values of the chosen fields as a tuple, in order."""
    names = tuple(f.name for f in fields if which(f))
    return lambda obj: tuple([getattr(obj, name) for name in names])


def _eq_method(fields: tuple[Field[Any], ...]) -> Callable[[Any, Any], Any]:
    compared = _values(fields, lambda f: f.compare)

    def __eq__(self: Any, other: Any) -> Any:
        if other.__class__ is self.__class__:
            return compared(self) == compared(other)
        return NotImplemented

    return __eq__


def _hash_method(fields: tuple[Field[Any], ...]) -> Callable[[Any], int]:
    hashed = _values(fields, lambda f: f.compare if f.hash is None else f.hash)

    def __hash__(self: Any) -> int:
        return hash(hashed(self))

    return __hash__


def _frozen_methods(cls: type, fields: tuple[Field[Any], ...]
                    ) -> tuple[Callable[..., None], Callable[..., None]]:
    names = frozenset(f.name for f in fields)

    def __setattr__(self: Any, name: str, value: Any) -> None:
        if type(self) is cls or name in names:
            raise FrozenInstanceError(f"cannot assign to field {name!r}")
        super(cls, self).__setattr__(name, value)

    def __delattr__(self: Any, name: str) -> None:
        if type(self) is cls or name in names:
            raise FrozenInstanceError(f"cannot delete field {name!r}")
        super(cls, self).__delattr__(name)

    return __setattr__, __delattr__
