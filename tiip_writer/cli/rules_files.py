"""`tiip rules new | lint | sets`: the rule set files themselves (for the programme office and
whoever checks which year's rules a proposal meets)."""

from __future__ import annotations

from pathlib import Path

import click

from tiip_writer.cli.common import (
    EXIT_CLEAN,
    EXIT_FINDINGS,
    EXIT_INPUT,
    echo_err,
    format_diagnostic,
    format_input_error,
    lang_option,
)
from tiip_writer.foundation.diagnostics import InputError, Text

MESSAGES = {
    "no-source": Text("沒有民國 {year} 年度的規則集可複製；已知年度：{known}",
                      "there is no rule set of programme year {year} to copy; known years: {known}"),
    "exists": Text("{path} 已存在，tiip rules new 不會覆寫；請換一個檔名（-o）。",
                   "{path} already exists; tiip rules new never overwrites: choose another name (-o)."),
    "unwritable": Text("無法寫入 {path}：{reason}", "cannot write {path}: {reason}"),
    "unreadable": Text("無法讀取 {path}：{reason}", "cannot read {path}: {reason}"),
    "wrote": Text("已建立 {path}（民國 {year} 年度，複製自 {source} 年度）。接著：\n"
                  "  1. 依當年度公告修改門檻、清單與引用條文\n"
                  "  2. tiip rules lint {path}\n"
                  "  3. TIIP_RULESET_PATH={folder} tiip check 計畫書.yaml  （以 year: {year} 試用）\n"
                  "  4. 放進年度版本的 rulesets/ 資料夾，簽署後發布（docs/publishing-an-edition.md）",
                  "wrote {path} (programme year {year}, copied from {source}). Next:\n"
                  "  1. edit the thresholds, lists and citations to the year's announcement\n"
                  "  2. tiip rules lint {path}\n"
                  "  3. TIIP_RULESET_PATH={folder} tiip check proposal.yaml  (with year: {year})\n"
                  "  4. put it in the edition's rulesets/ folder, sign and publish it "
                  "(docs/publishing-an-edition.md)"),
    "clean": Text("{path}：沒有發現問題。", "{path}: no problems found."),
    "problems": Text("{path}：{count} 個問題。", "{path}: {count} problem(s)."),
    "sets-head": Text("已找到的規則集（依優先順序；同一年度以第一個為準）：",
                      "rule sets found (in order of precedence; the first of a year is used):"),
    "used": Text("使用中", "in use"),
    "shadowed": Text("被前者取代", "shadowed"),
}


def _say(key: str, lang: str, **values: object) -> str:
    return MESSAGES[key].get(lang).format(**values)


@click.command("new")
@click.argument("year", type=click.IntRange(min=100, max=199))
@click.option("--from", "from_year", type=int, default=None, metavar="YEAR",
              help="複製哪一年度的規則集（預設為最新年度）。The year to copy (default: the latest).")
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None,
              help="新檔案（預設 ./YEAR.yaml）；給資料夾則寫入其中的 YEAR.yaml。The new file.")
@lang_option
def new(year: int, from_year: int | None, output: Path | None, lang: str) -> None:
    """複製一個年度的規則集為民國 YEAR 年度的可編輯草稿（不覆寫既有檔案）。"""
    from tiip_writer.editions.ruleset_copy import new_year_text
    from tiip_writer.foundation.fileio import write_new
    from tiip_writer.ruleset import RulesetError, find_ruleset, known_years, load_ruleset

    years = known_years()
    chosen = from_year if from_year is not None else years[-1]
    found = find_ruleset(chosen)
    if found is None:
        echo_err(_say("no-source", lang, year=chosen, known=", ".join(map(str, years))))
        raise SystemExit(EXIT_INPUT)
    target = output or Path(f"{year}.yaml")
    if target.is_dir():
        target = target / f"{year}.yaml"
    if target.exists():
        echo_err(_say("exists", lang, path=target))
        raise SystemExit(EXIT_INPUT)
    try:
        source = load_ruleset(chosen)
        text = new_year_text(found.path.read_text(encoding="utf-8"), source, year,
                             found.describe().zh)
    except (OSError, UnicodeDecodeError, RulesetError, ValueError) as error:
        echo_err(_say("unreadable", lang, path=found.path, reason=error))
        raise SystemExit(EXIT_INPUT) from None
    try:
        write_new(target, text.encode("utf-8"))
    except FileExistsError:
        echo_err(_say("exists", lang, path=target))
        raise SystemExit(EXIT_INPUT) from None
    except OSError as error:
        echo_err(_say("unwritable", lang, path=target, reason=error.strerror or error))
        raise SystemExit(EXIT_INPUT) from None
    click.echo(_say("wrote", lang, path=target, year=year, source=chosen,
                    folder=target.parent.resolve()))


@click.command("lint")
@click.argument("files", metavar="FILE...", nargs=-1, required=True,
                type=click.Path(path_type=Path))
@lang_option
def lint(files: tuple[Path, ...], lang: str) -> None:
    """檢查規則集檔案：格式、規則代號、各規則需要的門檻與清單，每個問題附行與欄。"""
    from tiip_writer.editions.ruleset_lint import lint_ruleset

    problems, unreadable = 0, False
    for path in files:
        try:
            found = lint_ruleset(path, display=str(path))
        except InputError as error:
            echo_err(format_input_error(error, lang))
            unreadable = True
            continue
        for diagnostic in found:
            click.echo(format_diagnostic(diagnostic, lang))
        problems += len(found)
        echo_err(_say("problems" if found else "clean", lang, path=path, count=len(found)))
    raise SystemExit(EXIT_INPUT if unreadable else EXIT_FINDINGS if problems else EXIT_CLEAN)


@click.command("sets")
@lang_option
def sets(lang: str) -> None:
    """列出找到的每個規則集：年度、來源（TIIP_RULESET_PATH、已安裝的年度版本、內建）與檔案。"""
    from tiip_writer.ruleset.discovery import ruleset_files

    click.echo(_say("sets-head", lang))
    seen: set[int] = set()
    for found in ruleset_files():
        state = "shadowed" if found.year in seen else "used"
        seen.add(found.year)
        click.echo(f"  {found.year}  {_say(state, lang)}  {found.describe().get(lang)}  {found.path}")
