"""Reading the tool's own YAML data files (rule sets, template labels) at libyaml speed.

PyYAML's pure-Python SafeLoader takes ~15 ms for a rule set, the C one (libyaml) ~1 ms with
the same resolver, so the same data. Proposals are read by tiip_writer.source, which keeps
positions; this is for files whose values are all that matters.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import IO, Any

import yaml

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# path -> (the bytes parsed, their data). Building the YAML objects costs ~8 ms for a
# library's tables.yaml; a process that builds many proposals (a batch, the editor)
# parses it once. The key is the file's content, so an edited file is parsed again.
_PARSED: dict[Path, tuple[bytes, Any]] = {}


def load_yaml(stream: str | bytes | IO[str] | IO[bytes]) -> Any:
    """Return the data of one YAML document, like yaml.safe_load."""
    return yaml.load(stream, Loader=_LOADER)  # a safe loader: CSafeLoader or SafeLoader


def load_yaml_file(path: Path) -> Any:
    """Return the data of the YAML file at `path` (a private copy: callers may change it).

    Raises OSError, UnicodeDecodeError and yaml.YAMLError like reading and load_yaml would.
    """
    data = path.read_bytes()
    cached = _PARSED.get(path)
    if cached is None or cached[0] != data:
        cached = (data, load_yaml(data.decode("utf-8")))
        _PARSED[path] = cached
    return copy.deepcopy(cached[1])
