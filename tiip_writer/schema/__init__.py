"""Stage 2: validate plain data against schemas/proposal.schema.json, with positions."""

from tiip_writer.schema.validate import validate

__all__ = ["validate"]
