"""Stage 1: where a proposal comes from. Takes a YAML file, gives plain data plus the position of
every value; also writes the starter proposal of `tiip new` (scaffold.py)."""

from tiip_writer.source.loader import Source, load_source, load_text
from tiip_writer.source.positions import PositionMap, join_pointer

__all__ = ["PositionMap", "Source", "join_pointer", "load_source", "load_text"]
