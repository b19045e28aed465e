"""The document's sections by stable key: their titles and the YAML fields each one shows.

`tiip diff` groups its changes by these sections, a review response names the sections it
changed by key (`review_responses[].sections`), and the official templates mark where each
section starts (`anchor(key)`), so its page can be measured. The keys are the names of the
official templates' blocks.
"""

from __future__ import annotations

import fnmatch

from tiip_writer.foundation.diagnostics import Text
from tiip_writer.foundation.records import dataclass
from tiip_writer.source.datadiff import changed_leaves


@dataclass(frozen=True)
class Section:
    """A section of the proposal: key, title, the JSON-pointer patterns of its own fields, and
    of fields it shows too (the Gantt marks the checkpoints, the summary sheet the budget)."""

    key: str
    title: Text
    fields: tuple[str, ...]  # fnmatch patterns over JSON pointers; the most specific wins
    shows: tuple[str, ...] = ()  # other sections' fields this one shows as well


SECTIONS: tuple[Section, ...] = (
    Section("cover", Text("封面", "Cover"),
            ("/title", "/period", "/period/*", "/programme", "/programme/*", "/submission_date")),
    Section("summary", Text("計畫書摘要表", "Summary sheet"),
            ("/summary", "/summary/*", "/contact", "/contact/*"),
            ("/title", "/period/*", "/budget/*", "/team/*/effort/*", "/team/*/pi")),
    Section("company", Text("壹、公司概況", "Company profile"), ("/applicants", "/applicants/*")),
    Section("background", Text("貳、一、背景與說明", "Background"), ("/background",)),
    Section("industry", Text("貳、二、產業現況及競爭力分析", "Industry and competition"),
            ("/market", "/market/*", "/competition", "/competition/*")),
    Section("objectives", Text("貳、三、計畫目標", "Objectives"),
            ("/target", "/target/*", "/technology/specs", "/technology/specs/*")),
    Section("innovation", Text("貳、四、創新性及技術優勢", "Innovation and advantage"),
            ("/technology/innovation", "/technology/advantage")),
    Section("architecture", Text("貳、五、計畫架構", "Plan structure"),
            ("/work", "/work/*")),
    Section("method", Text("貳、六、實施方法及步驟", "Method and steps"), ("/technology/method",)),
    Section("outsourcing", Text("貳、七、技術引進及委託研究", "Technology transfer and research"),
            ("/budget/units/*/intangible_assets", "/budget/units/*/intangible_assets/*",
             "/budget/units/*/commissioned_research", "/budget/units/*/commissioned_research/*")),
    Section("ip", Text("貳、八、智慧財產權", "Intellectual property"), ("/ip", "/ip/*")),
    Section("marketing", Text("貳、九、行銷策略", "Marketing"), ("/marketing", "/marketing/*")),
    Section("benefits", Text("貳、十、預期效益", "Expected benefits"), ("/benefits", "/benefits/*")),
    Section("plan_type", Text("貳、計畫類型專屬內容", "Plan-type content"),
            ("/plan_specific", "/plan_specific/*")),
    Section("risks", Text("參、風險評估與因應對策", "Risks"), ("/risks", "/risks/*")),
    Section("gantt", Text("肆、一、預定進度表", "Schedule"),
            ("/work/*/items/*/start_month", "/work/*/items/*/end_month"),
            ("/work/*", "/checkpoints/*/month", "/team/*/effort/*", "/period/*")),
    Section("checkpoints", Text("肆、二、查核點說明", "Checkpoints"),
            ("/checkpoints", "/checkpoints/*")),
    Section("team", Text("伍、二、參與計畫人員", "Project staff"), ("/team", "/team/*")),
    Section("budget", Text("伍、四、經費需求", "Budget"), ("/budget", "/budget/*"),
            ("/team/*", "/period/*")),
    Section("attachments", Text("陸、一、附件清單", "Attachments"),
            ("/attachments", "/attachments/*")),
    Section("declarations", Text("陸、二、申請聲明", "Declarations"),
            ("/declarations", "/declarations/*")),
)

KEYS: tuple[str, ...] = tuple(s.key for s in SECTIONS)
_BY_KEY = {s.key: s for s in SECTIONS}
# (pattern, key), the patterns with most segments first: a work item's months are the
# schedule's, the rest of the work breakdown is the plan structure's
_PATTERNS = sorted(((p, s.key) for s in SECTIONS for p in s.fields),
                   key=lambda item: -item[0].count("/"))


def section(key: str) -> Section:
    """Return the section `key` (KeyError for an unknown key)."""
    return _BY_KEY[key]


def section_of(pointer: str) -> str | None:
    """Return the key of the section that shows the field at `pointer`, or None (e.g. the
    review responses themselves, format_version)."""
    for pattern, key in _PATTERNS:
        if fnmatch.fnmatchcase(pointer, pattern):
            return key
    return None


# Fields that change with every submission and answer no reviewer's comment.
ROUTINE = frozenset({"/submission_date"})


def changed_sections(old: object, new: object) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Return the keys of the sections whose own fields differ between two versions' plain
    data, and of every section that shows a differing field (a superset), in document order.

    Routine fields and the review responses themselves are left out.
    """
    leaves, _keyed = changed_leaves(old, new)
    pointers = [leaf.pointer for leaf in leaves if leaf.pointer not in ROUTINE]
    own = {section_of(p) for p in pointers}
    shown = own | {s.key for s in SECTIONS for p in pointers
                   if any(fnmatch.fnmatchcase(p, pattern) for pattern in s.shows)}
    return tuple(k for k in KEYS if k in own), tuple(k for k in KEYS if k in shown)
