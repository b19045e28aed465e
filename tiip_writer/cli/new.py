"""`tiip new FILE --plan TYPE`: write a complete scaffold; never overwrite an existing file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from tiip_writer.cli.common import EXIT_INPUT, echo_err, lang_option
from tiip_writer.foundation.fileio import failure_reason, write_atomic
from tiip_writer.source.scaffold import PLAN_TYPES, resolve_plan_type


@click.command()
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--plan", "plan", required=True, metavar="TYPE",
              help="計畫類型：" + "、".join(PLAN_TYPES) + "（也可用 high-value、key-component、"
                   "system、emerging、topdown）。Plan type.")
@click.option("--partner", type=click.Choice(["學界", "法人"]), default=None,
              help="加入學研合作單位的範本段落。Add an academic (學界) or institute (法人) partner.")
@lang_option
def new(file: Path, plan: str, partner: str | None, lang: str) -> None:
    """產生一份完整的計畫書範本 FILE（YAML），每段都有填寫說明。"""
    plan_type = resolve_plan_type(plan)
    en = lang == "en"
    if plan_type is None:
        allowed = "、".join(PLAN_TYPES)
        echo_err(f"tiip new: unknown plan type '{plan}'. Use one of: {allowed}" if en
                 else f"tiip new：不認得計畫類型「{plan}」。可用：{allowed}")
        raise SystemExit(EXIT_INPUT)
    if file.exists():
        echo_err(f"{file}: already exists; tiip new never overwrites a file. Choose another name."
                 if en else f"{file}：檔案已存在，tiip new 不會覆寫既有檔案，請換一個檔名。")
        raise SystemExit(EXIT_INPUT)
    if not file.parent.is_dir():
        echo_err(f"{file}: folder {file.parent} does not exist." if en
                 else f"{file}：資料夾 {file.parent} 不存在。")
        raise SystemExit(EXIT_INPUT)
    text = render_text(file, plan_type, partner)
    try:
        write_atomic(file, text.encode("utf-8"))
    except OSError as exc:
        reason = failure_reason(exc, lang)
        echo_err(f"{file}: cannot write: {reason}" if en else f"{file}：無法寫入：{reason}")
        raise SystemExit(EXIT_INPUT) from exc
    if en:
        click.echo(f"Wrote {file} ({plan_type}). Fill in the 請填寫 parts, then run: tiip check {file}")
    else:
        click.echo(f"已建立 {file}（{plan_type}）。請依說明填寫「請填寫」的部分，再執行：tiip check {file}")
    _say_year(dt.date.today(), en)


def _say_year(today: dt.date, en: bool) -> None:
    """Say so when the newest rule set installed is not this calendar year's (dates moved)."""
    from tiip_writer.ruleset import known_years
    from tiip_writer.source.scaffold import ROC_OFFSET

    year, this_year = max(known_years()), today.year - ROC_OFFSET
    if year == this_year:
        return
    if year > this_year:  # the office published next year's edition ahead of the call
        echo_err(f"Note: the scaffold is for programme year {year}, the newest rule set installed; "
                 f"its dates are in {year + ROC_OFFSET}." if en else
                 f"注意：範本以已安裝最新的規則集（民國 {year} 年度）撰寫，日期設在民國 {year} 年。")
        return
    echo_err(f"Note: the newest rule set installed is programme year {year} ({year + ROC_OFFSET}); "
             f"the scaffold is dated in {year + ROC_OFFSET} to agree with it. For a {this_year} "
             "application install that year's edition from the programme office (tiip templates "
             "install ...) and run tiip new again; tiip rules sets lists the rule sets installed."
             if en else
             f"注意：已安裝最新的規則集是民國 {year} 年度，範本的日期因此設在民國 {year} 年（與規則集"
             f"一致）。若要申請民國 {this_year} 年度，請向計畫辦公室取得該年度的版本並安裝（tiip "
             "templates install …）後重新執行 tiip new；tiip rules sets 列出已安裝的規則集。")


def render_text(file: Path, plan_type: str, partner: str | None) -> str:
    """Return the scaffold text (separate so tests can render without writing)."""
    from tiip_writer.source.scaffold import render_scaffold

    return render_scaffold(file, plan_type, partner, dt.date.today())
