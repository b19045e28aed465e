"""The schema documents every field, and the typed model follows it exactly."""

from __future__ import annotations

import dataclasses
import typing

from tiip_writer.model import proposal as model
from tiip_writer.schema.index import SchemaIndex, load_schema


def _walk(index: SchemaIndex, node: dict, path: str):
    node = index.resolve(node)
    for key, child in node.get("properties", {}).items():
        resolved = index.resolve(child)
        yield f"{path}/{key}", resolved
        yield from _walk(index, child, f"{path}/{key}")
    for keyword in ("items", "additionalProperties"):
        child = node.get(keyword)
        if isinstance(child, dict):
            yield from _walk(index, child, f"{path}/*")


def test_every_field_has_a_chinese_title_and_description():
    schema = load_schema()
    index = SchemaIndex(schema)
    missing = [path for path, node in _walk(index, schema, "")
               if not node.get("title") or not node.get("description")]
    assert missing == []


def _model_for(annotation):
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, __import__("types").UnionType):
        return _model_for(next(a for a in typing.get_args(annotation) if a is not type(None)))
    if origin in (tuple, dict):
        return _model_for(typing.get_args(annotation)[-2 if origin is tuple else 1])
    return annotation if dataclasses.is_dataclass(annotation) else None


def test_model_fields_match_schema_properties():
    index = SchemaIndex(load_schema())
    mismatches = []

    def compare(cls, node):
        node = index.resolve(node)
        while "items" in node or ("additionalProperties" in node and "properties" not in node):
            node = index.resolve(node.get("items") or node["additionalProperties"])
        fields = {f.name for f in dataclasses.fields(cls)} - {"ptr"}
        properties = set(node.get("properties", {}))
        if fields != properties:
            mismatches.append((cls.__name__, sorted(fields ^ properties)))
        hints = typing.get_type_hints(cls)
        for name in fields & properties:
            child = _model_for(hints[name])
            if child is not None:
                compare(child, node["properties"][name])

    compare(model.Proposal, load_schema())
    assert mismatches == []
