"""`tiip rules [--year N]`: every rule of a programme year with severity, threshold, citation,
and where the rule set came from; `--explain ID` prints one rule's documentation, `--format
markdown` all of it (docs/rule-reference.md). `tiip rules new|lint|sets` handle the rule set
files (cli/rules_files.py)."""

from __future__ import annotations

import json
from typing import Any

import click

from tiip_writer.cli import rules_files
from tiip_writer.cli.common import EXIT_INPUT, echo_err, lang_option
from tiip_writer.foundation.diagnostics import Text
from tiip_writer.report import ruledoc
from tiip_writer.report.check_json import ruleset_source_json
from tiip_writer.rules import Rule, active_rules
from tiip_writer.ruleset import RuleEntry, RuleSet, known_years, load_ruleset

VERSION = 1
HEAD = Text("民國 {year} 年度規則集：{programme}（{agency}），{count} 條規則",
            "Programme year {year}: {programme} ({agency}), {count} rules")
SOURCE = Text("來源：{origin}，{path}", "from: {origin}, {path}")
LABELS = {"threshold": Text("門檻：", "threshold: "), "citation": Text("依據：", "source: ")}
NO_RULE = Text("沒有規則「{rule}」。", "there is no rule '{rule}'.")
SUGGEST = Text("是不是要找：{ids}", " Did you mean: {ids}")
UNKNOWN = Text("沒有民國 {year} 年度的規則集；已知年度：{known}",
               "there is no rule set for programme year {year}; known years: {known}")


@click.group(invoke_without_command=True)
@click.option("--year", type=int, default=None,
              help="計畫年度（民國），預設為最新年度。Programme year (ROC), default the latest.")
@click.option("--format", "output", type=click.Choice(["text", "json", "markdown"]),
              default="text", show_default=True,
              help="輸出格式；markdown 即 docs/rule-reference.md。Output format (markdown: docs/rule-reference.md).")
@click.option("--explain", "explain_id", metavar="ID", default=None,
              help="顯示一條規則的完整說明。Print one rule's documentation.")
@lang_option
@click.pass_context
def rules(ctx: click.Context, year: int | None, output: str, explain_id: str | None,
          lang: str) -> None:
    """列出年度規則集的每一條規則：代號、嚴重度、門檻與依據條文，以及規則集的來源。

    子指令：new（複製為新年度）、lint（檢查規則集檔案）、sets（列出找到的規則集）。"""
    if ctx.invoked_subcommand is not None:
        return
    years = known_years()
    chosen = year if year is not None else years[-1]
    if chosen not in years:
        known = "、".join(str(y) for y in years) if lang == "zh" else ", ".join(map(str, years))
        echo_err(UNKNOWN.get(lang).format(year=chosen, known=known))
        raise SystemExit(EXIT_INPUT)
    rs = load_ruleset(chosen)
    if explain_id is not None:
        _explain(explain_id, rs, lang)
        return
    if output == "markdown":
        click.echo(ruledoc.markdown(rs), nl=False)
        return
    entries = active_rules(rs)
    if output == "json":
        click.echo(json.dumps(rules_json(rs, entries), ensure_ascii=False, indent=2))
        return
    click.echo(HEAD.get(lang).format(year=rs.year, programme=rs.programme, agency=rs.agency,
                                     count=len(entries)))
    if rs.origin is not None:
        click.echo(SOURCE.get(lang).format(origin=rs.origin.describe().get(lang),
                                           path=rs.origin.path))
    click.echo("\n".join(rules_text(rs, entries, lang)))


def _explain(rule_id: str, rs: RuleSet, lang: str) -> None:
    """Print the documentation of `rule_id`, or exit 2 with the closest ids."""
    if rule_id not in ruledoc.known_ids():
        close = ruledoc.suggest(rule_id)
        echo_err(NO_RULE.get(lang).format(rule=rule_id) + (
            SUGGEST.get(lang).format(ids="、".join(close) if lang == "zh" else ", ".join(close))
            if close else ""))
        raise SystemExit(EXIT_INPUT)
    click.echo(ruledoc.explain(rule_id, rs, lang))


def rules_text(rs: RuleSet, entries: list[tuple[RuleEntry, Rule]], lang: str) -> list[str]:
    """Return two lines per rule (id, severity, title; threshold and citation), by section."""
    lines: list[str] = []
    widest = max(len(entry.id) for entry, _rule in entries)
    section = ""
    for entry, rule in entries:
        if entry.id.split(".")[0] != section:
            section = entry.id.split(".")[0]
            lines.append("")
        lines.append(f"{entry.id.ljust(widest)}  {entry.severity.ljust(7)}  {rule.title.get(lang)}")
        parts = [f"{LABELS['threshold'].get(lang)}{rule.threshold(rs).get(lang)}"] \
            if rule.threshold else []
        parts.append(f"{LABELS['citation'].get(lang)}{entry.citation}")
        lines.append("    " + ("；" if lang == "zh" else "; ").join(parts))
    return lines

def rules_json(rs: RuleSet, entries: list[tuple[RuleEntry, Rule]]) -> dict[str, Any]:
    """Return the rule set's rules as a versioned JSON object."""
    def one(entry: RuleEntry, rule: Rule) -> dict[str, Any]:
        threshold = rule.threshold(rs) if rule.threshold else None
        return {"id": entry.id, "severity": entry.severity,
                "title": {"zh": rule.title.zh, "en": rule.title.en},
                "threshold": {"zh": threshold.zh, "en": threshold.en} if threshold else None,
                "citation": entry.citation}
    return {"version": VERSION, "year": rs.year, "programme": rs.programme, "agency": rs.agency,
            "source": ruleset_source_json(rs),
            "rules": [one(entry, rule) for entry, rule in entries]}


rules.add_command(rules_files.new)
rules.add_command(rules_files.lint)
rules.add_command(rules_files.sets)
