"""Make a proposal k times the size of a sample: more work items, people, line items and prose.

Scaling copies what grows with a bigger plan and keeps what does not (the companies, their
three years of operations, the declarations). Each copy gets its own codes (`A1` → `A1.2`) and
every reference inside the copy (effort, executor, checkpoints, budget rows) follows, so the
result is schema-valid and its references resolve. Weights are divided by k so they still add
up to 100, and the companies' revenue and R&D expense grow by k so the budget stays
commensurate: at every scale the proposal passes the rules the sample passes.

The period keeps the sample's months: the rules cap a plan at 36 months and want a checkpoint
every 6 months, so a bigger plan has more work items (Gantt rows), not more months.
"""

from __future__ import annotations

import copy
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

# Prose fields that grow with the plan (more background, more method): repeated k times.
PROSE = (
    ("background",), ("market", "narrative"), ("technology", "innovation"),
    ("technology", "advantage"), ("technology", "method"), ("ip", "search"),
    ("competition", "differentiation"),
)
# Lists that grow with the plan without references to other codes: copied k times.
LISTS = (("technology", "specs"), ("market", "figures"), ("risks",), ("competition", "competitors"),
         ("attachments",))
COMPANY_PROSE = ("history", "rd_capability", "resource_allocation")
CODED = ("consumables", "equipment_new", "equipment_existing", "maintenance", "intangible_assets",
         "commissioned_research", "travel_domestic", "travel_foreign")


def scaled_text(sample: Path, factor: int) -> str:
    """Return the YAML of `sample` scaled by `factor` (the sample's own text when factor is 1)."""
    text = sample.read_text(encoding="utf-8")
    if factor == 1:
        return text
    data = yaml.safe_load(text)
    scale(data, factor)
    header = f"# 效能測試用：{sample.name} 放大 {factor} 倍（bench/scale.py 產生）。\n"
    return header + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)


def scale(data: dict[str, Any], k: int) -> None:
    """Scale the proposal `data` in place by the whole number `k` ≥ 2."""
    for path in PROSE:
        _repeat_prose(_parent(data, path), path[-1], k)
    for path in LISTS:
        parent = _parent(data, path)
        if parent is not None and parent.get(path[-1]):
            parent[path[-1]] = [copy.deepcopy(item) for _ in range(k) for item in parent[path[-1]]]
    for company in data["applicants"]["companies"]:
        for key in COMPANY_PROSE:
            _repeat_prose(company, key, k)
        plans = company.get("government_plans")
        if plans:
            company["government_plans"] = [copy.deepcopy(p) for _ in range(k) for p in plans]
        for year in company.get("operations", []):
            year["rd_expense"] = year["rd_expense"] * k
            year["revenue"] = year["revenue"] * k
    copies = range(2, k + 1)
    _scale_work(data, k, copies)
    _scale_team(data, copies)
    _scale_checkpoints(data, k, copies)
    _scale_budget(data, copies)


def code(value: str, n: int) -> str:
    """Return the code of copy `n` of `value` (`A1` → `A1.2`)."""
    return f"{value}.{n}"


def _repeat_prose(parent: dict[str, Any] | None, key: str, k: int) -> None:
    """Repeat the prose at parent[key] k times, as paragraphs."""
    if parent is None or not parent.get(key):
        return
    body = str(parent[key]).strip("\n")
    parent[key] = "\n\n".join([body] * k) + "\n"


def _parent(data: dict[str, Any], path: tuple[str, ...]) -> dict[str, Any] | None:
    node: Any = data
    for key in path[:-1]:
        node = node.get(key) if isinstance(node, dict) else None
    return node if isinstance(node, dict) else None


def _weight(value: Any, k: int) -> float | int:
    """Return `value` / k to four decimals (_balance makes the total exact again)."""
    result = (Decimal(str(value)) / k).quantize(Decimal("0.0001"))
    return int(result) if result == result.to_integral_value() else float(result)


def _balance(entries: list[dict[str, Any]], total: Any) -> None:
    """Add what rounding lost or gained to the last entry, so the weights add up to `total`."""
    missing = Decimal(str(total)) - sum(Decimal(str(e["weight"])) for e in entries)
    if missing:
        last = Decimal(str(entries[-1]["weight"])) + missing
        entries[-1]["weight"] = int(last) if last == last.to_integral_value() else float(last)


def _scale_work(data: dict[str, Any], k: int, copies: range) -> None:
    plans = data["work"]
    total = sum(Decimal(str(item["weight"])) for plan in plans for item in plan["items"])
    for plan in plans:
        for item in plan["items"]:
            item["weight"] = _weight(item["weight"], k)
    extra = []
    for n in copies:
        for plan in plans:
            twin = copy.deepcopy(plan)
            twin["code"] = code(plan["code"], n)
            twin["name"] = f"{plan['name']}（第 {n} 組）"
            for item in twin["items"]:
                item["code"] = code(item["code"], n)
            extra.append(twin)
    plans.extend(extra)
    _balance([item for plan in plans for item in plan["items"]], total)


def _scale_team(data: dict[str, Any], copies: range) -> None:
    team = data["team"]
    extra = []
    for n in copies:
        for person in team:
            twin = copy.deepcopy(person)
            twin["id"] = code(person["id"], n)
            twin.pop("pi", None)  # one principal investigator
            twin["effort"] = {code(item, n): months for item, months in person["effort"].items()}
            extra.append(twin)
    team.extend(extra)


def _scale_checkpoints(data: dict[str, Any], k: int, copies: range) -> None:
    points = data["checkpoints"]
    people = [person["id"] for person in data["team"] if "." not in person["id"]]
    total = sum(Decimal(str(point["weight"])) for point in points)
    for point in points:
        point["weight"] = _weight(point["weight"], k)
    extra = []
    for n in copies:
        for point in points:
            twin = copy.deepcopy(point)
            twin["code"] = code(point["code"], n)
            twin["work_item"] = code(point["work_item"], n)
            twin["responsible"] = [code(person, n) for person in point["responsible"]]
            twin["kpi"] = _renamed(point["kpi"], people, n)
            extra.append(twin)
    points.extend(extra)
    _balance(points, total)


def _renamed(text: str, people: list[str], n: int) -> str:
    """Return a checkpoint's content with each person's code replaced by copy n's (a new hire's
    checkpoint names the hire: budget.new-hire-checkpoint)."""
    for person in people:
        text = re.sub(rf"(?<![A-Za-z0-9._-]){re.escape(person)}(?![A-Za-z0-9_-])",
                      code(person, n), text)
    return text


def _scale_budget(data: dict[str, Any], copies: range) -> None:
    for unit in data["budget"]["units"].values():
        rows = unit.get("personnel", [])
        originals = list(rows)
        rows.extend({**row, "person": code(row["person"], n)} for n in copies for row in originals)
        for category in CODED:
            lines = unit.get(category)
            if not lines:
                continue
            extra = []
            for n in copies:
                for line in lines:
                    twin = copy.deepcopy(line)
                    if "work_item" in twin:
                        twin["work_item"] = code(twin["work_item"], n)
                    extra.append(twin)
            lines.extend(extra)
