"""Stage 3: the proposal as frozen dataclasses (rules and templates never see raw dicts)."""

from tiip_writer.model.build import build
from tiip_writer.model.proposal import Proposal, add_months

__all__ = ["Proposal", "add_months", "build", "build_proposal"]


def build_proposal(data: dict) -> Proposal:
    """Return the Proposal for schema-valid `data`."""
    return build(Proposal, data)
