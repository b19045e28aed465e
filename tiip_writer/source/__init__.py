"""Stage 1: read a proposal file into plain data plus the position of every value."""

from tiip_writer.source.loader import Source, load_source, load_text
from tiip_writer.source.positions import PositionMap, join_pointer

__all__ = ["PositionMap", "Source", "join_pointer", "load_source", "load_text"]
