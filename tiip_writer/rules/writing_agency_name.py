"""writing.agency-name: the agency named matches the programme year (105: 經濟部工業局; from 112:
經濟部產業發展署).

programme.agency, when given, must be the rule set's `agency`. Any text naming an agency of
`agency_names` that did not yet exist in the programme year (its `from` is later) is an
anachronism. Former names are not flagged in prose, where they may rightly describe past plans.
"""

from __future__ import annotations

from collections.abc import Iterator

from tiip_writer.foundation.diagnostics import Text
from tiip_writer.rules.base import Context, Finding, Rule
from tiip_writer.rules.prose import text_fields


def check(ctx: Context) -> Iterator[Finding]:
    """Return findings for a wrong cover agency and for agency names from a later year."""
    year, agency = ctx.rs.year, ctx.rs.agency
    programme = ctx.proposal.programme
    if programme.agency is not None and programme.agency.strip() != agency:
        yield Finding(programme.ptr + "/agency", Text(
            f"主辦機關寫成「{programme.agency}」，但民國 {year} 年度應為「{agency}」",
            f"the agency is '{programme.agency}', but in programme year {year} it is '{agency}'"),
            Text(f"改為「{agency}」，或刪除 agency 由工具依年度填入",
                 f"write '{agency}', or delete agency and let the tool fill it in"))
    later = [n["name"] for n in ctx.rs.items("agency_names") if int(n.get("from", 0)) > year]
    for pointer, text in text_fields(ctx.proposal):
        if pointer == programme.ptr + "/agency":
            continue
        for name in later:
            if name in text:
                yield Finding(pointer, Text(
                    f"民國 {year} 年度尚無「{name}」，主辦機關應為「{agency}」",
                    f"'{name}' did not exist in programme year {year}; the agency is '{agency}'"),
                    Text(f"改為「{agency}」", f"write '{agency}'"), char=text.index(name))


RULE = Rule(
    id="writing.agency-name",
    title=Text("主辦機關名稱符合計畫年度", "the agency name matches the programme year"),
    check=check,
    threshold=lambda rs: Text(rs.agency, rs.agency),
    about="主辦機關的名稱隨年度改變（105 年為經濟部工業局；112 年起為經濟部產業發展署，對照表在規則集 "
          "agency_names）。本規則檢查 programme.agency 是該年度的名稱，並找出文中在計畫年度時尚未"
          "成立的機關名稱。舊名稱出現在文中不會回報，因為描述過去執行的計畫時是正確的。")
