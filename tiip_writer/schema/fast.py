"""A compiled yes/no check of a bundled schema, so a valid file never loads jsonschema.

Importing jsonschema costs ~70 ms (referencing, attrs, rpds, the metaschemas) and validating a
large proposal ~10 ms more; most files a user checks are schema-valid, and `tiip check` is meant
to run on every save. This module compiles the schema once per process into nested closures
that answer only "valid or not" for the keywords the proposal schema uses, with jsonschema's
Draft 2020-12 semantics (bool is neither integer nor number, `True != 1` in enum and const, an
integral float is an integer, keywords ignore values of other types). When the answer is "not
valid", schema.validate asks jsonschema for the findings, so every message is unchanged; a
schema keyword this module does not know disables it altogether. Tests hold both to the same
verdict on many mutated proposals.
"""

from __future__ import annotations

import datetime as dt
import numbers
import re
from collections.abc import Callable
from functools import cache
from typing import Any

from tiip_writer.schema.index import Schema, load_schema
from tiip_writer.source.loader import YamlDate

Check = Callable[[Any], bool]

# Keywords that never affect validity (annotations, and the containers walked through $ref).
_ANNOTATIONS = frozenset({"title", "description", "$schema", "$id", "$defs", "$comment",
                          "examples", "default", "x-hint", "x-accepts-date", "x-title-en",
                          "x-description-en"})

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def is_date(value: object) -> bool:
    """The `date` format: an existing calendar day written YYYY-MM-DD (other types pass)."""
    if not isinstance(value, str):
        return True
    if not _DATE.match(value):
        return False
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def is_email(value: object) -> bool:
    """The `email` format: something@domain.tld without spaces (other types pass)."""
    return not isinstance(value, str) or bool(_EMAIL.match(value))


FORMATS: dict[str, Callable[[object], bool]] = {"date": is_date, "email": is_email}

_TYPES: dict[str, Check] = {
    "string": lambda v: isinstance(v, str),
    "integer": lambda v: (isinstance(v, int) and not isinstance(v, bool))
    or (isinstance(v, float) and v.is_integer()),
    "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
    "array": lambda v: isinstance(v, list),
    "object": lambda v: isinstance(v, dict),
}


class Unsupported(Exception):
    """The schema uses a keyword (or form of one) this module does not implement."""


def is_valid(data: Any, schema: str = "proposal.schema.json") -> bool | None:
    """Return whether `data` is valid against bundled `schema`; None when undecidable here."""
    check = _compiled(schema)
    return None if check is None else check(data)


@cache
def _compiled(schema: str) -> Check | None:
    try:
        return compile_schema(load_schema(schema))
    except Unsupported:
        return None


def compile_schema(schema: Schema) -> Check:
    """Return the yes/no check of `schema` (raise Unsupported for keywords it does not know)."""
    return _Compiler(schema).node(schema)


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def equal(one: Any, two: Any) -> bool:
    """JSON equality as jsonschema sees it: booleans are not numbers, containers recurse."""
    if one is two:
        return True
    if isinstance(one, str) or isinstance(two, str):
        return bool(one == two)
    if isinstance(one, list) and isinstance(two, list):
        return len(one) == len(two) and all(equal(a, b) for a, b in zip(one, two))
    if isinstance(one, dict) and isinstance(two, dict):
        return one.keys() == two.keys() and all(equal(one[k], two[k]) for k in one)
    if isinstance(one, bool) or isinstance(two, bool):
        return isinstance(one, bool) and isinstance(two, bool) and one == two
    return bool(one == two)


class _Compiler:
    def __init__(self, root: Schema):
        self.root = root
        self.refs: dict[str, Check] = {}

    def node(self, schema: Any) -> Check:
        if schema is True:
            return lambda value: True
        if schema is False:
            return lambda value: False
        if not isinstance(schema, dict):
            raise Unsupported(repr(schema))
        checks = [self._keyword(key, value, schema) for key, value in schema.items()
                  if key not in _ANNOTATIONS and key not in ("properties", "additionalProperties")]
        if "properties" in schema or "additionalProperties" in schema:
            checks.append(self._members(schema.get("properties", {}),
                                        schema.get("additionalProperties", True)))
        checks = [c for c in checks if c is not None]
        if len(checks) == 1:
            return checks[0]

        def check(value: Any) -> bool:
            for each in checks:
                if not each(value):
                    return False
            return True
        return check

    def _keyword(self, key: str, value: Any, schema: Schema) -> Check | None:
        if key == "type":
            return self._type(value, schema)
        if key == "$ref":
            return self._ref(value)
        if key == "required":
            names = tuple(value)
            return lambda v: not isinstance(v, dict) or all(n in v for n in names)
        if key == "items":
            item = self.node(value)
            return lambda v: not isinstance(v, list) or all(item(x) for x in v)
        if key == "enum":
            options = list(value)
            return lambda v: any(equal(option, v) for option in options)
        if key == "const":
            return lambda v: equal(v, value)
        if key == "oneOf":
            subs = [self.node(s) for s in value]
            return lambda v: sum(1 for s in subs if s(v)) == 1
        return self._simple(key, value)

    def _simple(self, key: str, limit: Any) -> Check | None:
        if key == "minLength":
            return lambda v: not isinstance(v, str) or len(v) >= limit
        if key == "pattern":
            regex = re.compile(limit)
            return lambda v: not isinstance(v, str) or regex.search(v) is not None
        if key == "minimum":
            return lambda v: not _number(v) or v >= limit
        if key == "maximum":
            return lambda v: not _number(v) or v <= limit
        if key == "exclusiveMinimum":
            return lambda v: not _number(v) or v > limit
        if key == "minItems":
            return lambda v: not isinstance(v, list) or len(v) >= limit
        if key == "maxItems":
            return lambda v: not isinstance(v, list) or len(v) <= limit
        if key == "minProperties":
            return lambda v: not isinstance(v, dict) or len(v) >= limit
        if key == "uniqueItems":
            return (lambda v: not isinstance(v, list) or _unique(v)) if limit else None
        if key == "format":
            return FORMATS.get(limit)  # like the tool's FormatChecker: other formats pass
        raise Unsupported(key)

    def _type(self, types: Any, schema: Schema) -> Check:
        names = [types] if isinstance(types, str) else list(types)
        if any(name not in _TYPES for name in names):
            raise Unsupported(f"type {types!r}")
        checks = [_TYPES[name] for name in names]
        # An unquoted YAML date is not text, except where the schema asks for a date.
        accepts_date = schema.get("format") == "date" or bool(schema.get("x-accepts-date"))

        def check(value: Any) -> bool:
            if not accepts_date and isinstance(value, YamlDate):
                return False
            return any(c(value) for c in checks)
        return check

    def _ref(self, ref: str) -> Check:
        if not ref.startswith("#/"):
            raise Unsupported(f"$ref {ref!r}")
        if ref not in self.refs:
            slot: list[Check] = []
            self.refs[ref] = lambda v: slot[0](v)  # a recursive $ref meets this placeholder
            target: Any = self.root
            for token in ref[2:].split("/"):
                target = target[token.replace("~1", "/").replace("~0", "~")]
            slot.append(self.node(target))
            self.refs[ref] = slot[0]
        return self.refs[ref]

    def _members(self, properties: Schema, additional: Any) -> Check:
        known = {name: self.node(sub) for name, sub in properties.items()}
        extra = None if additional is True else self.node(additional)

        def check(value: Any) -> bool:
            if not isinstance(value, dict):
                return True
            for key, item in value.items():
                sub = known.get(key)
                if sub is not None:
                    if not sub(item):
                        return False
                elif extra is not None and not extra(item):
                    return False
            return True
        return check


def _unique(values: list[Any]) -> bool:
    """Return True when no two values are `equal`: by hashing, in linear time."""
    seen: set[Any] = set()
    for value in values:
        key = _identity(value)
        if key in seen:
            return False
        seen.add(key)
    return True


def _identity(value: Any) -> Any:
    """Return a hashable key: two values have equal keys exactly when `equal` holds.

    Booleans, texts and numbers are kept apart by a tag (JSON's true is not 1); numbers keep
    their own hash, so 1 and 1.0 meet. A value of any other type stands for itself.
    """
    if isinstance(value, str):
        return "s", str(value)
    if isinstance(value, bool):
        return "b", value
    if isinstance(value, list):
        return "l", tuple(_identity(item) for item in value)
    if isinstance(value, dict):
        return "d", frozenset((key, _identity(item)) for key, item in value.items())
    if isinstance(value, numbers.Number) or value is None:
        return "n", value
    try:
        return "o", hash(value), value
    except TypeError:
        return "o", id(value)
