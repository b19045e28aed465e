"""What every model object is: frozen, keyword-only, and aware of its JSON pointer."""

from __future__ import annotations

from dataclasses import field

from tiip_writer.foundation.records import dataclass

model = dataclass(frozen=True, kw_only=True)


@model
class Node:
    ptr: str = field(default="", compare=False, repr=False)
