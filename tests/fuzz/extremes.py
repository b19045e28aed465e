"""Absurd numbers in every number field the schema has, checked under memory and time limits.

The fields are found by walking schemas/proposal.schema.json (not by a hand list), so a field
added later is tried too. `cases()` places a value in a copy of a sample's data; `main()` is the
worker that tests/fuzz/test_extremes.py starts in a subprocess with an address-space limit
(resource.setrlimit), so a regression that allocates without bound fails with MemoryError
instead of making the machine swap; each check is also timed.
"""

from __future__ import annotations

import copy
import functools
import json
import math
import resource
import sys
import tempfile
import time
import traceback
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = json.loads((ROOT / "schemas" / "proposal.schema.json").read_text(encoding="utf-8"))
SAMPLES = sorted((ROOT / "samples").glob("*.yaml"))
ITEM, ANY_KEY = "*", "{}"   # path tokens: an array's items, a mapping's additionalProperties


@dataclass(frozen=True)
class Field:
    """A number the schema allows somewhere: its path and the bounds the schema gives it."""

    path: tuple[str, ...]
    integer: bool
    minimum: float | None
    maximum: float | None
    exclusive_minimum: float | None

    def allows(self, value: float) -> bool:
        """Return whether the schema's bounds (and type) admit `value`."""
        if isinstance(value, float) and not math.isfinite(value):
            return False
        if self.integer and not float(value).is_integer():
            return False
        return not ((self.minimum is not None and value < self.minimum)
                    or (self.maximum is not None and value > self.maximum)
                    or (self.exclusive_minimum is not None and value <= self.exclusive_minimum))


def _resolve(node: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        target: Any = SCHEMA
        for token in node["$ref"][2:].split("/"):
            target = target[token]
        node = {**target, **{k: v for k, v in node.items() if k != "$ref"}}
    return node


def number_fields(node: dict[str, Any] | None = None, path: tuple[str, ...] = ()) -> list[Field]:
    """Return every number or integer field of the proposal schema."""
    node = _resolve(SCHEMA if node is None else node)
    found: list[Field] = []
    for option in node.get("oneOf", []):          # e.g. as_of: a year (integer) or a text
        if _resolve(option).get("type") in ("integer", "number"):
            found += number_fields({**option, **{k: v for k, v in node.items() if k != "oneOf"}},
                                   path)
    types = node.get("type")
    types = types if isinstance(types, list) else [types]
    if "integer" in types or "number" in types:
        found.append(Field(path, "integer" in types and "number" not in types,
                           node.get("minimum"), node.get("maximum"),
                           node.get("exclusiveMinimum")))
    for key, sub in node.get("properties", {}).items():
        found += number_fields(sub, (*path, key))
    if isinstance(node.get("additionalProperties"), dict):
        found += number_fields(node["additionalProperties"], (*path, ANY_KEY))
    if isinstance(node.get("items"), dict):
        found += number_fields(node["items"], (*path, ITEM))
    return found


def _parents(data: Any, path: tuple[str, ...], pointer: str = "") -> Iterator[tuple[Any, str]]:
    """Yield (mapping, its JSON pointer) for each place in `data` that holds path's last key."""
    if len(path) == 1:
        if isinstance(data, dict):
            yield data, pointer
        return
    token, rest = path[0], path[1:]
    if token == ITEM and isinstance(data, list):
        for index, item in enumerate(data):
            yield from _parents(item, rest, f"{pointer}/{index}")
    elif token == ANY_KEY and isinstance(data, dict):
        for key, value in data.items():
            yield from _parents(value, rest, f"{pointer}/{key}")
    elif isinstance(data, dict) and token in data:
        yield from _parents(data[token], rest, f"{pointer}/{token}")


def place(data: dict[str, Any], field: Field, value: Any) -> str | None:
    """Set `field` to `value` at its first place in `data` (adding the key when the mapping
    that holds it exists); return the value's JSON pointer, or None when there is no place."""
    for parent, pointer in _parents(data, field.path):
        key = field.path[-1]
        if key == ANY_KEY:
            if not parent:
                continue
            key = next(iter(parent))
        parent[key] = value
        return f"{pointer}/{key}"
    return _create(data, field.path, value)


def _create(data: Any, path: tuple[str, ...], value: Any) -> str | None:
    """Add `value` at `path` by creating the mappings on the way (e.g. budget.declared, which
    no sample has); None when the way passes through a list or an unnamed key."""
    pointer = ""
    for token in path[:-1]:
        if token in (ITEM, ANY_KEY) or not isinstance(data, dict):
            return None
        data = data.setdefault(token, {})
        pointer += f"/{token}"
    if not isinstance(data, dict) or path[-1] in (ITEM, ANY_KEY):
        return None
    data[path[-1]] = value
    return f"{pointer}/{path[-1]}"


def place_everywhere(data: dict[str, Any], field: Field, value: Any) -> int:
    """Set `field` to `value` wherever `data` already has it; return how many were set."""
    count = 0
    for parent, _pointer in _parents(data, field.path):
        keys = list(parent) if field.path[-1] == ANY_KEY else [field.path[-1]]
        for key in keys:
            if key in parent:
                parent[key] = value
                count += 1
    return count


_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


@functools.cache
def _sample(sample: Path) -> dict[str, Any]:
    return yaml.load(sample.read_text(encoding="utf-8"), Loader=_LOADER)


def sample_data(sample: Path) -> dict[str, Any]:
    """Return a fresh copy of the sample's data."""
    return copy.deepcopy(_sample(sample))


def dump(data: Any) -> str:
    return yaml.dump(data, Dumper=_DUMPER, allow_unicode=True, sort_keys=False, width=100)


def run_case(path: Path, pointer: str | None, commands: tuple[str, ...]) -> dict[str, Any]:
    """Check (and, when asked, build, budget and review) the proposal at `path`; return what a
    user would see of it: the errors' rules and positions, and the seconds it took."""
    from click.testing import CliRunner

    from tiip_writer.checking.pipeline import check_file
    from tiip_writer.cli.main import cli

    start = time.perf_counter()
    result = check_file(path, display="p.yaml")
    outcome: dict[str, Any] = {
        "errors": [[d.rule, d.pointer, d.line, d.column] for d in result.diagnostics
                   if d.severity.value == "error"],
        "at_pointer": [[d.rule, d.line, d.column] for d in result.diagnostics
                       if pointer is not None and d.pointer == pointer],
        "exits": {}}
    for command in commands:
        args = {"build": ["build", "--draft", str(path), "-o", str(path.with_suffix(".docx"))],
                "budget": ["budget", str(path)], "review": ["review", str(path)]}[command]
        run = CliRunner().invoke(cli, args, catch_exceptions=False)
        outcome["exits"][command] = run.exit_code
    outcome["seconds"] = time.perf_counter() - start
    return outcome


def main() -> None:
    """Read jobs (JSON on stdin), run each under the address-space limit, print JSON lines."""
    jobs = json.load(sys.stdin)
    limit = int(sys.argv[1])
    import jsonschema  # noqa: F401

    import tiip_writer.checking.pipeline
    import tiip_writer.cli.main  # noqa: F401

    with open("/proc/self/status", encoding="ascii") as status:
        size = next(int(line.split()[1]) * 1024 for line in status if line.startswith("VmSize"))
    resource.setrlimit(resource.RLIMIT_AS, (size + limit, size + limit))
    with tempfile.TemporaryDirectory() as folder:
        for number, job in enumerate(jobs):
            path = Path(folder) / f"case{number}.yaml"
            path.write_text(job["text"], encoding="utf-8")
            try:
                outcome = run_case(path, job["pointer"], tuple(job["commands"]))
            except BaseException as exc:  # noqa: BLE001  (MemoryError too: report, do not die)
                outcome = {"crash": f"{type(exc).__name__}: {exc}",
                           "trace": traceback.format_exc()[-1500:]}
            print(json.dumps({"name": job["name"], **outcome}), flush=True)


if __name__ == "__main__":
    main()
