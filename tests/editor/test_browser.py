"""The editor page in a real headless Chromium (Debian's, through Playwright): edit a budget
line and a paragraph, watch the figures, findings and preview follow, save, and read the file.

The screenshots in docs/images/editor-*.png (shown in the README) are taken here.
"""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.editor.conftest import LARGEST_SAMPLE, Editor

CHROMIUM = Path("/usr/bin/chromium")
DOC_IMAGES = Path(__file__).resolve().parents[2] / "docs" / "images"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium (.ci/run)")

P05_SALARY = "/budget/units/JH/personnel/4/monthly_salary"  # a 100%-subsidised new hire


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, editor: Editor):
    # bypass_csp: Playwright evaluates its wait conditions as strings, which the page's
    # policy (no eval) would refuse; the page itself needs no such exception.
    context = browser.new_context(viewport={"width": 1440, "height": 900}, locale="zh-TW",
                                  bypass_csp=True)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(editor.url)
    page.wait_for_selector("body.ready")
    yield page
    context.close()
    assert not errors, errors


def field(page, pointer: str):
    return page.locator(f'[data-input="{pointer}"]')


def finding(page, rule: str):
    return page.locator(f'#panel-findings .finding-item[data-rule="{rule}"]')


def comments(text: str) -> list[str]:
    return [line.split("#", 1)[1] for line in text.splitlines() if "#" in line]


def test_edit_budget_and_prose_then_save(page, editor: Editor) -> None:
    original = editor.file.read_text(encoding="utf-8")
    page.click('[data-section="budget"]')
    page.click('[data-panel="budget"]')
    total = page.locator("#budget-total")
    assert total.inner_text() == "24,000"
    cap = page.locator('.limit[data-rule="budget.subsidy-cap"]')
    assert "ok" in cap.get_attribute("class")
    assert finding(page, "budget.subsidy-cap").count() == 0

    # P05 from 85 to 900 a month: the plan total and the subsidy share rise past the 50% cap.
    field(page, P05_SALARY).fill("900")
    page.wait_for_function("document.querySelector('#budget-total').textContent === '37,040'")
    page.wait_for_selector('.limit.fail[data-rule="budget.subsidy-cap"]')
    assert cap.locator(".figure").inner_text() == "65.1%"
    assert finding(page, "budget.subsidy-cap").count() == 1
    page.wait_for_selector('.outline-item[data-section="budget"] .mark.sev-error')
    page.wait_for_selector(".finding.sev-error")  # shown at the field too
    assert "12,000" not in page.locator(
        '[data-computed="/budget/units/JH/personnel/4"]').inner_text()
    assert "900 × 16 = 14,400" in page.locator(
        '[data-computed="/budget/units/JH/personnel/4"]').inner_text()
    field(page, P05_SALARY).scroll_into_view_if_needed()
    shoot(page, "editor-budget")

    # Fixed: back to 85, and the finding goes.
    field(page, P05_SALARY).fill("85")
    page.wait_for_function("document.querySelector('#budget-total').textContent === '24,000'")
    finding(page, "budget.subsidy-cap").wait_for(state="detached")
    assert "ok" in cap.get_attribute("class")

    # A paragraph: the preview follows.
    page.click('[data-section="background"]')
    page.click('[data-panel="preview"]')
    new_text = "伺服系統是智慧機械的核心模組，本計畫以國產自主伺服系統取代進口。"
    field(page, "/background").fill(new_text)
    page.locator("#preview", has_text=new_text).wait_for()
    shoot(page, "editor-preview")

    page.click("#save")
    page.wait_for_selector("#save-state:not(.dirty)")
    saved = editor.file.read_text(encoding="utf-8")
    changed = [line for line in difflib.unified_diff(original.splitlines(), saved.splitlines(),
                                                     lineterm="", n=0)
               if line[:1] in "+-" and not line.startswith(("+++", "---"))]
    removed = [line[1:] for line in changed if line.startswith("-")]
    added = [line[1:] for line in changed if line.startswith("+")]
    background = original.split("background: |\n", 1)[1].split("\n\nmarket:", 1)[0]
    assert removed == background.splitlines()
    assert added == ["  " + new_text]
    assert comments(saved) == comments(original)


def test_row_tables_fit_a_laptop_window(page, editor: Editor) -> None:
    """At 1440×900 every row table of the budget, team, work and checkpoints shows whole:
    no column cut at the right, no text clipped inside its cell."""
    for section in ("budget", "team", "work", "checkpoints", "risks"):
        page.click(f'[data-section="{section}"]')
        page.wait_for_selector(f'.outline-item.active[data-section="{section}"]')
        cut = page.evaluate("""() => [...document.querySelectorAll('#form .table-scroll')]
            .filter((box) => box.scrollWidth > box.clientWidth + 1)
            .map((box) => box.closest('[data-pointer]').dataset.pointer)""")
        assert cut == [], (section, cut)
        clipped = page.evaluate("""() => [...document.querySelectorAll(
              '#form table.rows input[type=text], #form table.rows textarea, #form .computed-cell')]
            .filter((box) => box.scrollWidth > box.clientWidth + 1
                             || box.scrollHeight > box.clientHeight + 1)
            .map((box) => box.dataset.input || box.dataset.computed)""")
        assert clipped == [], (section, clipped)
    # A line's own subsidy rate sits behind its "⋯", which says it holds a value.
    page.click('[data-section="budget"]')
    more = page.locator('[data-pointer="/budget/units/JH/personnel/4"] .icon.more')
    assert "filled" in more.get_attribute("class") and "本筆補助比率" in more.get_attribute("title")
    more.click()
    assert field(page, "/budget/units/JH/personnel/4/subsidy_rate").is_visible()
    # The caps read whole: a ratio's label comes with the amounts behind it.
    page.click('[data-panel="budget"]')
    rd = page.locator('.limit[data-rule="budget.rd-commensurate"]').first
    assert "÷" in rd.locator(".limit-detail").inner_text()
    label = rd.locator(".linklike")
    assert label.evaluate("b => b.scrollWidth <= b.clientWidth + 1")


def test_findings_list_jumps_to_the_field(page, editor: Editor) -> None:
    page.click('[data-section="summary"]')
    field(page, "/summary/benefits").fill("效益" * 120)  # past the 200-character limit
    item = finding(page, "writing.length")
    item.wait_for()
    page.click('[data-section="team"]')
    item.click()
    page.wait_for_selector('.outline-item.active[data-section="summary"]')
    assert page.evaluate("document.activeElement.dataset.input") == "/summary/benefits"
    assert "240 / 200" in page.locator('[data-pointer="/summary/benefits"] .counter').inner_text()
    page.wait_for_selector('[data-pointer="/summary/benefits"] .finding.sev-warning, '
                           '[data-pointer="/summary/benefits"] .finding.sev-error')
    shoot(page, "editor-findings")


def test_team_table_rows_can_be_added_moved_and_removed(page, editor: Editor) -> None:
    page.click('[data-section="checkpoints"]')
    rows = page.locator('[data-pointer="/checkpoints"] tr.data-row')
    assert rows.count() == 10
    page.locator('[data-pointer="/checkpoints"] > .rows-wrap > .add').click()
    page.wait_for_function(
        "document.querySelectorAll('[data-pointer=\"/checkpoints\"] tr.data-row').length === 11")
    page.locator('[data-pointer="/checkpoints/10"] button[title="上移"]').click()
    page.wait_for_function(
        "document.querySelector('[data-input=\"/checkpoints/10/code\"]').value === 'C2-1'")
    page.locator('[data-pointer="/checkpoints/9"] button[title="刪除"]').click()
    page.wait_for_function(
        "document.querySelectorAll('[data-pointer=\"/checkpoints\"] tr.data-row').length === 10")
    page.click("#undo")
    page.wait_for_function(
        "document.querySelectorAll('[data-pointer=\"/checkpoints\"] tr.data-row').length === 11")
    assert editor.file.read_text(encoding="utf-8") == LARGEST_SAMPLE.read_text(encoding="utf-8")


def test_a_change_on_disk_is_offered_not_overwritten(page, editor: Editor) -> None:
    page.click('[data-section="title"]')
    field(page, "/title").fill("我在編輯器裡改的名稱")
    page.wait_for_selector("#save-state.dirty")
    theirs = editor.file.read_text(encoding="utf-8").replace("months: 30", "months: 28")
    editor.file.write_text(theirs, encoding="utf-8")
    page.wait_for_selector("#banner:not([hidden])", timeout=10_000)
    page.click("#save")  # saving still refuses to overwrite silently
    page.wait_for_selector("#banner:not([hidden])")
    assert editor.file.read_text(encoding="utf-8") == theirs
    page.click("#banner-keep")
    page.wait_for_selector("#banner", state="hidden")
    mine = editor.file.read_text(encoding="utf-8")
    assert "title: 我在編輯器裡改的名稱" in mine and "months: 30" in mine


HAN = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff08\uff09\uff0c\uff1a]")  # Chinese, its punctuation


def test_english_page(browser, sample_copy: Path) -> None:
    from tests.editor.conftest import start_editor, stop_editor

    running = start_editor(sample_copy, "--lang", "en")
    try:
        context = browser.new_context(viewport={"width": 1440, "height": 900})
        page = context.new_page()
        page.goto(running.url)
        page.wait_for_selector("body.ready")
        assert page.locator("#save").inner_text() == "Save"
        assert page.locator('.outline-item[data-section="budget"]').inner_text() == "Budget"
        outline = page.locator(".outline-title").all_inner_texts()
        assert "Industry and market" in outline and "Team" in outline
        for section in ("budget", "team", "market", "plan_specific", "applicants"):
            page.click(f'[data-section="{section}"]')
            page.wait_for_selector(f'.outline-item.active[data-section="{section}"]')
            # What the page itself says (not the proposal's text) reads as English.
            words = page.locator(".form-head h1, .form-head .lead, .field-label, .help, "
                                 "table.rows th, .add").all_inner_texts()
            assert words and not [w for w in words if HAN.search(w)], section
        page.click('[data-section="budget"]')
        labels = page.locator(".field-label").all_inner_texts()
        assert "Government subsidy rate (%)*" in labels  # * required
        heads = page.locator('[data-pointer="/budget/units/JH/personnel"] table.rows th')
        assert "Monthly salary (NT$ k)" in heads.all_inner_texts()
        assert "subsidy_rate" not in labels and "budget" not in labels
        shoot(page, "editor-english")
        context.close()
    finally:
        stop_editor(running)


def shoot(page, name: str) -> None:
    """Take a screenshot; it replaces the documentation's image only when asked, so a test run
    never leaves the checkout changed: `TIIP_EDITOR_SCREENSHOTS=docs pytest tests/editor`."""
    if os.environ.get("TIIP_EDITOR_SCREENSHOTS") == "docs":
        folder = DOC_IMAGES
    else:
        folder = Path(os.environ.get("TMPDIR", "/tmp")) / "tiip-editor-screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / f"{name}.png"))
    assert (folder / f"{name}.png").stat().st_size > 10_000  # a real page, not a blank one
