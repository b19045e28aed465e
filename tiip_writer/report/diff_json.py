"""The JSON report of `tiip diff --format json` (shape documented in docs/json-format.md)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from tiip_writer import __version__
from tiip_writer.compare import Comparison
from tiip_writer.report.check_json import VERSION, diagnostic_json, text_json


def diff_json(comparison: Comparison, exit_code: int) -> dict[str, Any]:
    """Return the whole comparison as plain JSON data."""
    return {
        "version": VERSION, "tool": {"name": "tiip-writer", "version": __version__},
        "old": comparison.old_file, "new": comparison.new_file, "equal": comparison.equal,
        "sections": [{
            "key": s.key, "title": text_json(s.title),
            "texts": [{"pointer": t.pointer, "field": t.path,
                       "pieces": [{"kind": p.kind, "text": p.text} for p in t.pieces]}
                      for t in s.texts],
            "values": [{"pointer": v.pointer, "field": v.path, "old": _plain(v.old),
                        "new": _plain(v.new), "old_month": _month(v.old_month),
                        "new_month": _month(v.new_month)} for v in s.values],
            "items": [{"change": i.change, "kind": text_json(i.kind), "code": i.code,
                       "pointer": i.pointer, "old_name": i.old_name, "new_name": i.new_name}
                      for i in s.items],
            "figures": [{"key": f.key, "label": text_json(f.label), "old": _plain(f.old),
                         "new": _plain(f.new), "delta": _plain(f.delta),
                         "unit": text_json(f.unit)} for f in s.figures],
        } for s in comparison.sections],
        "findings": [{"change": f.change, "file": f.diagnostic.file,
                      **diagnostic_json(f.diagnostic)} for f in comparison.findings],
        "exit_code": exit_code,
    }


def _plain(value: Any) -> Any:
    """Return a value JSON can hold: Decimal as int or float, a date as YYYY-MM-DD."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _month(day: dt.date | None) -> str | None:
    return f"{day:%Y-%m}" if day else None
