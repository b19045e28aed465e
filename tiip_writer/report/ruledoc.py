"""Rule documentation generated from the code and the rule set, so that it cannot drift:
`tiip rules --explain ID`, docs/rule-reference.md, SARIF help and the link every finding carries.

A rule's zh-TW text is `Rule.about`, its English text the rule module's docstring; severity,
citation, threshold and (for review rules) the criterion's wording come from the rule set.
"""

from __future__ import annotations

from functools import cache

from tiip_writer.checking.suppress import TOOL_RULES
from tiip_writer.foundation.diagnostics import Text
from tiip_writer.foundation.records import dataclass
from tiip_writer.rules import all_rules, rule_modules
from tiip_writer.ruleset import RuleSet

DOCS_FILE = "docs/rule-reference.md"
# The [project.urls] entry naming where docs/rule-reference.md is published, if it is.
URL_LABEL = "Rule documentation"
FAMILIES = {
    "eligibility": Text("申請資格", "Eligibility"), "period": Text("計畫期程", "Period"),
    "scope": Text("計畫範圍", "Scope"), "budget": Text("經費", "Budget"),
    "execution": Text("執行一致性", "Execution consistency"),
    "docs": Text("聲明與附件", "Declarations and attachments"),
    "writing": Text("撰寫要點", "Writing guidelines"), "review": Text("審查重點", "Review criteria"),
    "text": Text("正體中文與臺灣用語", "Traditional Chinese text"),
    "suppression": Text("忽略註解", "Suppression comments"),
}


@dataclass(frozen=True)
class RuleDoc:
    """Everything the documentation says about one rule."""

    id: str
    title: Text
    body: Text
    severity: str | None        # None: not applied in this rule set
    citation: str | None
    threshold: Text | None
    criterion: str | None
    tool: bool = False          # a finding of tiip itself, not a rule of the rule set


def rule_doc(rule_id: str, rs: RuleSet) -> RuleDoc:
    """Return the documentation of `rule_id` under rule set `rs` (KeyError if unknown)."""
    if rule_id in TOOL_RULES:
        tool = TOOL_RULES[rule_id]
        return RuleDoc(rule_id, tool.title, Text(tool.about, tool.doc), tool.severity.value,
                       None, None, None, tool=True)
    rule = all_rules()[rule_id]
    entry = rs.rule(rule_id)
    english = " ".join((rule_modules()[rule_id].__doc__ or "").split())
    review = rs.data.get("review_criteria", {}).get(rule_id)
    criterion = f"（{'、'.join(review['plan_types'])}）{review['criterion']}" if review else None
    return RuleDoc(rule_id, rule.title, Text(rule.about or english, english or rule.title.en),
                   entry.severity if entry else None,
                   entry.citation if entry else None,
                   rule.threshold(rs) if rule.threshold else None, criterion)


def known_ids() -> list[str]:
    """Return every documented rule id, programme rules first."""
    return [*all_rules(), *TOOL_RULES]


def suggest(rule_id: str) -> list[str]:
    """Return the known ids closest to a mistyped `rule_id`."""
    import difflib  # only for a mistake

    return difflib.get_close_matches(rule_id, known_ids(), n=3, cutoff=0.6)


def doc_link(rule_id: str) -> str:
    """Return the link to the rule's documentation: absolute when the package declares where
    docs/rule-reference.md is published ([project.urls] "Rule documentation"), else relative to
    the repository."""
    base = _published_docs()
    return f"{base or DOCS_FILE}#{rule_id}"


@cache
def _published_docs() -> str | None:
    from importlib import metadata

    try:
        urls = metadata.metadata("tiip-writer").get_all("Project-URL") or []
    except metadata.PackageNotFoundError:
        return None
    return next((url.split(",", 1)[1].strip() for url in urls
                 if url.split(",", 1)[0].strip() == URL_LABEL), None)


def explain(rule_id: str, rs: RuleSet, lang: str) -> str:
    """Return the terminal documentation of one rule, as `tiip rules --explain` prints it."""
    doc = rule_doc(rule_id, rs)
    zh = lang == "zh"
    lines = [f"{doc.id} — {doc.title.get(lang)}", ""]
    if doc.severity is None:
        lines.append(f"民國 {rs.year} 年度規則集不適用此規則。" if zh else
                     f"Not applied in the rule set of programme year {rs.year}.")
    else:
        year = f"（民國 {rs.year} 年度規則集）" if zh else f" (programme year {rs.year})"
        if doc.tool:
            year = "（tiip 本身的檢查）" if zh else " (a check of tiip itself)"
        lines.append(("嚴重度：" if zh else "severity: ") + doc.severity + year)
    if doc.citation:
        lines.append(("依據：" if zh else "source: ") + doc.citation)
    if doc.threshold:
        lines.append(("門檻：" if zh else "threshold: ") + doc.threshold.get(lang))
    if doc.criterion:
        lines.append(("審查重點原文：" if zh else "criterion (briefing): ") + doc.criterion)
    lines += ["", doc.body.get(lang), "", ("文件：" if zh else "docs: ") + doc_link(rule_id)]
    return "\n".join(lines)


def markdown_section(doc: RuleDoc, level: str = "###") -> str:
    """Return one rule's section of docs/rule-reference.md (both languages)."""
    rows = [("嚴重度 severity", doc.severity or "—"), ("依據 source", doc.citation or "—")]
    if doc.threshold:
        rows.append(("門檻 threshold", doc.threshold.zh))
    if doc.criterion:
        rows.append(("審查重點 criterion", doc.criterion))
    table = "\n".join(f"| {name} | {value.replace('|', '｜')} |" for name, value in rows)
    zh = "" if doc.body.zh == doc.body.en else f"{doc.body.zh}\n\n"
    return (f'<a id="{doc.id}"></a>\n{level} `{doc.id}` {doc.title.zh}\n\n'
            f"| | |\n|---|---|\n{table}\n\n{zh}*{doc.title.en}.* {doc.body.en}\n")


def markdown(rs: RuleSet) -> str:
    """Return docs/rule-reference.md: every rule of rule set `rs` and the tool's own findings."""
    ids = [entry.id for entry in rs.rules] + list(TOOL_RULES)
    parts = [(f"# 規則說明 Rule reference\n\n"
             f"由 `tiip rules --format markdown` 依民國 {rs.year} 年度規則集與規則程式產生，請勿手動編輯。\n"
             f"Generated by `tiip rules --format markdown` from the rules' code and the rule set "
             f"of programme year {rs.year}; do not edit by hand.\n")]
    family = ""
    for rule_id in ids:
        if rule_id.split(".")[0] != family:
            family = rule_id.split(".")[0]
            name = FAMILIES.get(family, Text(family, family))
            parts.append(f"## {name.zh} {name.en} (`{family}.*`)\n")
        parts.append(markdown_section(rule_doc(rule_id, rs)))
    return "\n".join(parts)
