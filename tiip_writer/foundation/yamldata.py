"""Reading the tool's own YAML data files (rule sets, template labels) at libyaml speed.

PyYAML's pure-Python SafeLoader takes ~15 ms for a rule set, the C one (libyaml) ~4 ms with
the same resolver, so the same data, and what it parsed is kept between runs
(foundation.datacache). Proposals are read by tiip_writer.source, which keeps positions; this
is for files whose values are all that matters.
"""

from __future__ import annotations

import copy
import marshal
from pathlib import Path
from typing import IO, Any

import yaml

from tiip_writer.foundation.datacache import parsed

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_PARSER = f"yaml {yaml.__version__} {_LOADER.__name__}"  # what the cached data depends on

# path -> (the bytes parsed, their data as marshal bytes, or the data itself when marshal
# cannot write it). A process that builds many proposals (a batch, the editor) parses each
# file once; the key is the file's content, so an edited file is parsed again.
_PARSED: dict[Path, tuple[bytes, bytes | None, Any]] = {}


def load_yaml(stream: str | bytes | IO[str] | IO[bytes]) -> Any:
    """Return the data of one YAML document, like yaml.safe_load."""
    return yaml.load(stream, Loader=_LOADER)  # a safe loader: CSafeLoader or SafeLoader


def load_yaml_file(path: Path) -> Any:
    """Return the data of the YAML file at `path` (a private copy: callers may change it).

    Raises OSError, UnicodeDecodeError and yaml.YAMLError like reading and load_yaml would.
    """
    data = path.read_bytes()
    cached = _PARSED.get(path)
    if cached is not None and cached[0] == data:
        _data, blob, value = cached
        return marshal.loads(blob) if blob is not None else copy.deepcopy(value)
    value, blob = parsed(data, _PARSER, lambda raw: load_yaml(raw.decode("utf-8")))
    _PARSED[path] = (data, blob, None if blob is not None else copy.deepcopy(value))
    return value
