"""`tiip review FILE`: the self-assessment checklist of the review criteria (審查重點) of the
proposal's plan type; exit 0 when every criterion has its evidence, 1 otherwise, 2 unreadable."""

from __future__ import annotations

import json
from pathlib import Path

import click

from tiip_writer.checking.pipeline import CheckResult
from tiip_writer.checking.review import ChecklistRow, review_checklist
from tiip_writer.cli.common import (
    EXIT_CLEAN,
    EXIT_FINDINGS,
    check_or_exit,
    color_option,
    colour_wanted,
    echo_err,
    format_diagnostic,
    lang_option,
)
from tiip_writer.foundation.diagnostics import Severity, Text

VERSION = 1
HEAD = Text("審查重點自評表：{title}（{plan_type}，民國 {year} 年度）",
            "Self-assessment against the review criteria: {title} ({plan_type}, year {year})")
NOT_READY = Text("計畫書有 {count} 個錯誤，無法逐項自評；請先以 tiip check 修正：",
                 "the proposal has {count} error(s) and cannot be assessed; fix them first "
                 "(tiip check):")
MISSING = Text("缺少", "missing")
TALLY = Text("{met}/{total} 項審查重點有完整佐證。", "{met} of {total} criteria have all their evidence.")


@click.command()
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--format", "output", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="輸出格式。Output format.")
@color_option
@lang_option
def review(file: Path, output: str, color: bool | None, lang: str) -> None:
    """列出計畫類型的每一項審查重點，以及計畫書在哪裡回應（檔案:行）或缺少什麼。"""
    result = check_or_exit(file, lang)
    if result.ruleset is None or result.proposal is None:
        _not_ready(result, lang, colour_wanted(color, err=True))
    rows = review_checklist(result)
    met = all(row.met for row in rows)
    if output == "json":
        click.echo(json.dumps(review_json(result, rows, lang), ensure_ascii=False, indent=2))
    else:
        click.echo("\n".join(review_text(result, rows, lang)))
    raise SystemExit(EXIT_CLEAN if met else EXIT_FINDINGS)


def review_text(result: CheckResult, rows: list[ChecklistRow], lang: str) -> list[str]:
    """Return the checklist as lines: each criterion, then each piece of evidence."""
    assert result.proposal is not None and result.ruleset is not None
    programme = result.proposal.programme
    lines = [HEAD.get(lang).format(title=result.proposal.title, plan_type=programme.plan_type,
                                   year=result.ruleset.year), ""]
    for row in rows:
        mark = "✓" if row.met else "✗"
        lines.append(f"{mark} {row.title.get(lang)}  [{row.rule}，{row.citation}]"
                     if lang == "zh" else
                     f"{mark} {row.title.get(lang)}  [{row.rule}, {row.citation}]")
        lines.append(f"     {row.criterion}")
        for e in row.evidence:
            where = f"{result.source.display}:{e.line}"
            if e.found:
                lines.append(f"   ✓ {e.label.get(lang)} — {where}")
            else:
                todo = f"：{e.missing.get(lang)}" if e.missing and lang == "zh" else \
                    f": {e.missing.get(lang)}" if e.missing else ""
                lines.append(f"   ✗ {MISSING.get(lang)} {e.label.get(lang)} — {where}{todo}")
        lines.append("")
    lines.append(TALLY.get(lang).format(met=sum(r.met for r in rows), total=len(rows)))
    return lines


def review_json(result: CheckResult, rows: list[ChecklistRow], lang: str) -> dict:
    """Return the checklist as a versioned JSON object."""
    assert result.proposal is not None and result.ruleset is not None
    return {"version": VERSION, "file": result.source.display, "ruleset": result.ruleset.year,
            "plan_type": result.proposal.programme.plan_type,
            "met": all(r.met for r in rows), "criteria": [r.as_dict(lang) for r in rows]}


def _not_ready(result: CheckResult, lang: str, colour: bool) -> None:
    """Print why the proposal cannot be assessed (a section's placeholders as one), and exit 1."""
    from tiip_writer.report.grouping import grouped

    errors = [d for d in result.diagnostics if d.severity is Severity.ERROR]
    echo_err(NOT_READY.get(lang).format(count=len(errors)))
    for d in grouped(errors):
        click.echo(format_diagnostic(d, lang, colour), err=True, color=colour)
    raise SystemExit(EXIT_FINDINGS)
