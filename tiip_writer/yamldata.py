"""Reading the tool's own YAML data files (rule sets, template labels) at libyaml speed.

PyYAML's pure-Python SafeLoader takes ~15 ms for a rule set, the C one (libyaml) ~1 ms with
the same resolver, so the same data. Proposals are read by tiip_writer.source, which keeps
positions; this is for files whose values are all that matters.
"""

from __future__ import annotations

from typing import IO, Any

import yaml

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(stream: str | bytes | IO[str] | IO[bytes]) -> Any:
    """Return the data of one YAML document, like yaml.safe_load."""
    return yaml.load(stream, Loader=_LOADER)  # a safe loader: CSafeLoader or SafeLoader
