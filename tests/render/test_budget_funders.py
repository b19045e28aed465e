"""The academic split: an industry+academia plan's 經費需求總表 shows 工業局 and 科技部 columns."""

from __future__ import annotations

import io

import docx

from tests.render.conftest import ROOT
from tiip_writer.checking.pipeline import check_file
from tiip_writer.render.formatting import money, percent

ACADEMIA = "emerging-assistive-academia"


def budget_tables(data: bytes) -> list[list[list[str]]]:
    """Return every 經費需求總表 of the document as rows of cell texts (one per grid column)."""
    document = docx.Document(io.BytesIO(data))
    tables = []
    for table in document.tables:
        rows = [[cell.text for cell in row.cells] for row in table.rows]
        if rows and rows[0][0] == "會計科目" and "自籌款" in rows[0]:
            tables.append(rows)
    return tables


def row_of(rows: list[list[str]], label: str) -> list[str]:
    return next(r for r in rows if r[0] == label)


def test_academia_summary_splits_the_subsidy_by_funder(built_samples: dict[str, bytes]) -> None:
    plan, firm, school = budget_tables(built_samples[ACADEMIA])[:3]
    assert plan[0][2:5] == ["補助款"] * 3 and plan[1][2:5] == ["工業局", "科技部", "小計"]
    # The figures the sample works out by hand in its closing comment: 工業局 (the company's
    # subsidy) 4,170 = 27.8%, 科技部 (the school's, at its 40%) 1,680 = 11.2% of 15,000.
    assert row_of(plan, "合計")[2:7] == ["4,170", "1,680", "5,850", "9,150", "15,000"]
    assert row_of(plan, "百分比（%）")[2:6] == ["27.8", "11.2", "39.0", "61.0"]
    # The company's table: all of its subsidy is 工業局's; the school's: all of it 科技部's.
    assert row_of(firm, "合計")[2:5] == ["4,170", "0", "4,170"]
    assert row_of(school, "合計")[2:5] == ["0", "1,680", "1,680"]


def test_every_academia_row_adds_up_to_the_engine_figures(built_samples: dict[str, bytes]) -> None:
    report = check_file(ROOT / "samples" / f"{ACADEMIA}.yaml").budget
    assert report is not None and report.academia
    plan = budget_tables(built_samples[ACADEMIA])[0]
    for group in report.table.groups:
        rows = [r for r in plan if r[0] == group.name]
        figures = rows[-1]  # a single row, or the group's 小計 row
        a = group.amounts
        assert figures[2:7] == [money(a.subsidy_moea), money(a.subsidy_most), money(a.subsidy),
                                money(a.self_funding), money(a.total)], group.name
        assert a.subsidy_moea + a.subsidy_most == a.subsidy
    assert row_of(plan, "百分比（%）")[2] == percent(report.amounts.subsidy_moea_pct)


def test_other_plans_keep_one_subsidy_column(built_samples: dict[str, bytes]) -> None:
    for stem, data in built_samples.items():
        if stem == ACADEMIA:
            continue
        for rows in budget_tables(data):
            assert "工業局" not in rows[0] + rows[1], stem
            assert rows[0][2] == "補助款" and rows[0][3] == "自籌款", stem


def test_academia_sample_is_the_only_one_with_a_school() -> None:
    # The split is shown for a 學界 partner; this guards the sample the tests above rely on.
    kinds = {path.stem: [p.kind for p in check_file(path).proposal.applicants.partners]
             for path in sorted((ROOT / "samples").glob("*.yaml"))}
    assert [stem for stem, partner_kinds in kinds.items() if "學界" in partner_kinds] == [ACADEMIA]
