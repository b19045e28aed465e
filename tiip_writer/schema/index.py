"""Answers questions about the proposal schema: what the field at a data path is called."""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from tiip_writer.foundation.resources import schema_path

Schema = dict[str, Any]


@cache
def load_schema(name: str = "proposal.schema.json") -> Schema:
    """Return the bundled JSON Schema `name`, parsed once per process."""
    with open(schema_path(name), encoding="utf-8") as handle:
        return json.load(handle)


class SchemaIndex:
    """Walks a schema along a data path, following $ref, properties and items."""

    def __init__(self, schema: Schema):
        self.schema = schema

    def resolve(self, node: Schema) -> Schema:
        """Return `node` with its local $ref followed; the node's own keywords win."""
        seen = 0
        while "$ref" in node and seen < 20:
            target = self._lookup(node["$ref"])
            node = {**target, **{k: v for k, v in node.items() if k != "$ref"}}
            seen += 1
        return node

    def at(self, path: list[str | int]) -> Schema | None:
        """Return the resolved subschema describing the value at `path`, or None if unknown."""
        node = self.resolve(self.schema)
        for token in path:
            child = self._child(node, token)
            if child is None:
                return None
            node = self.resolve(child)
        return node

    def title_at(self, path: list[str | int]) -> str:
        """Return the zh-TW title of the field at `path`, falling back to its key."""
        for cut in range(len(path), 0, -1):
            node = self.at(path[:cut])
            if node and node.get("title"):
                return str(node["title"])
        return str(path[-1]) if path else "計畫書"

    def allowed_keys(self, path: list[str | int]) -> list[str]:
        """Return the keys the mapping at `path` may hold."""
        node = self.at(path)
        return list(node.get("properties", {})) if node else []

    def _child(self, node: Schema, token: str | int) -> Schema | None:
        if isinstance(token, int) or (isinstance(token, str) and token.isdigit() and "items" in node):
            items = node.get("items")
            return items if isinstance(items, dict) else None
        properties = node.get("properties", {})
        if token in properties:
            return properties[token]
        extra = node.get("additionalProperties")
        return extra if isinstance(extra, dict) else None

    def _lookup(self, ref: str) -> Schema:
        if not ref.startswith("#/"):
            raise ValueError(f"only local $ref is supported, got {ref!r}")
        node: Any = self.schema
        for token in ref[2:].split("/"):
            node = node[token]
        return node
