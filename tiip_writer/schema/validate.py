"""Turn JSON Schema validation errors into positioned, translated findings.

A schema-valid proposal is recognised by the compiled check in schema.fast and never loads
jsonschema; only a proposal with something to report pays for importing it.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from typing import TYPE_CHECKING, Any

from tiip_writer.foundation.diagnostics import Diagnostic, Severity, Text
from tiip_writer.foundation.messages import TYPE_NAMES, YAML_TYPE_NAMES, msg
from tiip_writer.schema.fast import FORMATS, is_valid
from tiip_writer.schema.index import SchemaIndex, load_schema
from tiip_writer.source.loader import Source, YamlDate
from tiip_writer.source.positions import join_pointer

if TYPE_CHECKING:
    from jsonschema import ValidationError


PROPOSAL_SCHEMA = "proposal.schema.json"


@cache
def _validator(schema: str) -> Any:
    """Return the jsonschema validator of bundled `schema`, with the tool's formats and its
    YAML-date-aware `type`."""
    from jsonschema import Draft202012Validator, FormatChecker, ValidationError, validators

    formats = FormatChecker(formats=())
    for name, check in FORMATS.items():
        formats.checks(name)(check)
    type_keyword = Draft202012Validator.VALIDATORS["type"]

    def type_rejecting_yaml_dates(validator: Any, types: Any, instance: Any,
                                  schema: dict) -> Iterator[ValidationError]:
        """The standard `type` keyword, except that an unquoted YAML date is not text."""
        accepts_date = schema.get("format") == "date" or schema.get("x-accepts-date")
        if isinstance(instance, YamlDate) and not accepts_date:
            yield ValidationError("yaml-date", validator="type", validator_value=types,
                                  instance=instance)
            return
        yield from type_keyword(validator, types, instance, schema)

    extended = validators.extend(Draft202012Validator, {"type": type_rejecting_yaml_dates})
    return extended(load_schema(schema), format_checker=formats)


def validate(source: Source, schema: str = PROPOSAL_SCHEMA) -> list[Diagnostic]:
    """Return every finding of `source` against bundled `schema` (never only the first)."""
    # The compiled yes/no check answers the common case (a valid file) without jsonschema.
    if source.data is None or is_valid(source.data, schema):
        return []
    index = SchemaIndex(load_schema(schema))
    already = {d.pointer for d in source.diagnostics if d.pointer}
    findings: list[Diagnostic] = []
    required_done: set[str] = set()
    for error in _validator(schema).iter_errors(source.data):
        path = list(error.absolute_path)
        pointer = "".join(join_pointer("", p) for p in path)
        if pointer in already:
            continue  # the loader already explained what is wrong here
        if error.validator == "required":
            if pointer in required_done:
                continue
            required_done.add(pointer)
        findings.extend(_translate(error, path, pointer, source, index))
    return findings


def _translate(error: ValidationError, path: list, pointer: str, source: Source,
               index: SchemaIndex) -> list[Diagnostic]:
    """Return the findings one jsonschema error stands for."""
    kind = str(error.validator)
    schema = error.schema if isinstance(error.schema, dict) else {}
    title = index.title_at(path)
    value = error.instance
    hint: Text | None = None
    xhint = schema.get("x-hint")
    positions = source.positions

    def one(rule: str, message: Text, hint: Text | None = None, at: str | None = None,
            use_key: bool = False) -> Diagnostic:
        where = at if at is not None else pointer
        line, column = positions.key_at(where) if use_key else positions.value_at(where)
        return Diagnostic(rule=rule, severity=Severity.ERROR, message=message, file=source.display,
                          line=line, column=column, pointer=where, hint=hint)

    if kind == "required":
        present = value if isinstance(value, dict) else {}
        result = []
        for key in error.validator_value:
            if key in present:
                continue
            key_title = index.title_at([*path, key])
            result.append(one("schema.required", msg("schema.required", key=key, title=key_title),
                              msg("schema.required.hint"), use_key=True))
        return result
    if kind == "additionalProperties":
        allowed = index.allowed_keys(path)
        result = []
        for key in value:
            if key in allowed:
                continue
            import difflib  # only to suggest a fix for a mistake

            close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
            if close:
                key_hint = msg("schema.unknown-key.hint", suggestion=close[0])
            else:
                key_hint = msg("schema.unknown-key.hint-list", allowed="、".join(allowed))
            result.append(one("schema.unknown-key", msg("schema.unknown-key", key=key), key_hint,
                              at=join_pointer(pointer, key), use_key=True))
        return result
    if kind == "type":
        implicit = positions.implicit.get(pointer)
        expected = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
        if implicit and "string" in expected:
            raw = positions.raw.get(pointer, str(value))
            zh, en = YAML_TYPE_NAMES[implicit]
            return [one("yaml.unquoted", msg("yaml.unquoted", raw=raw, yaml_type=zh, yaml_type_en=en, title=title),
                        msg("yaml.unquoted.hint", raw=raw))]
        if value is None:
            return [one("schema.empty", msg("schema.empty", title=title), msg("schema.empty.hint"))]
        actual = _json_type(value)
        return [one("schema.type", msg(
            "schema.type", title=title,
            expected="或".join(TYPE_NAMES[t][0] for t in expected),
            expected_en=" or ".join(TYPE_NAMES[t][1] for t in expected),
            actual=TYPE_NAMES[actual][0], actual_en=TYPE_NAMES[actual][1]))]
    if kind == "enum":
        allowed = [str(v) for v in error.validator_value]
        import difflib  # only to suggest a fix for a mistake

        close = difflib.get_close_matches(str(value), allowed, n=1, cutoff=0.5)
        if close:
            hint = msg("schema.enum.hint-suggest", suggestion=close[0], allowed="、".join(allowed))
        else:
            hint = msg("schema.enum.hint", allowed="、".join(allowed))
        return [one("schema.enum", msg("schema.enum", value=value, title=title), hint)]
    if kind == "const":
        return [one("schema.const", msg("schema.const", title=title, expected=error.validator_value))]
    if kind == "format":
        if error.validator_value == "date":
            return [one("schema.date", msg("schema.date", value=value), Text(xhint, xhint) if xhint else None)]
        return [one("schema.format", msg("schema.format", value=value, title=title))]
    if kind in ("pattern", "oneOf", "anyOf"):
        rule = "schema.pattern" if kind == "pattern" else "schema.one-of"
        return [one(rule, msg(rule, value=value, title=title), _hint_text(xhint))]
    if kind == "minLength" and value == "":
        return [one("schema.empty", msg("schema.empty", title=title), msg("schema.empty.hint"))]
    bounds = {"minimum": "schema.minimum", "maximum": "schema.maximum",
              "exclusiveMinimum": "schema.exclusive-minimum"}
    if kind in bounds:
        return [one(bounds[kind], msg(bounds[kind], title=title, limit=error.validator_value, value=value))]
    if kind in ("minItems", "maxItems"):
        rule = "schema.min-items" if kind == "minItems" else "schema.max-items"
        return [one(rule, msg(rule, title=title, limit=error.validator_value, count=len(value)), use_key=True)]
    if kind == "minProperties":
        return [one("schema.min-properties", msg("schema.min-properties", title=title, limit=error.validator_value),
                    use_key=True)]
    if kind == "uniqueItems":
        return [one("schema.unique", msg("schema.unique", title=title), use_key=True)]
    return [one("schema.other", msg("schema.other", title=title, detail=error.message))]


def _hint_text(xhint: str | None) -> Text | None:
    return Text(xhint, xhint) if xhint else None


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object"
