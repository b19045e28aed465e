"""The sandbox accounts for the size of every text and list a template builds (issue 20, item 6).

Each case used to grow until the process limit (or 1 GB) before anything refused it. Each now
stops with the template's file and line, in a real `tiip build` under 500 MB and 5 s of CPU.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.hostile.limited import answered, run_limited
from tests.templates.helpers import SAMPLE, make_library

LIMIT = "20,000,000 字元上限"
CASES = {
    "nested format width": ("{{ '{:{}}'.format('x', 10**9) }}", "格式字串的寬度或精度過大"),
    "many format fields": ("{{ ('{0:9999}' * 2000000).format('x') }}", LIMIT),
    "format of a big list": ("{{ '{}'.format(['x' * 10**7] * 1000) }}", LIMIT),
    "join of repeated text": ("{{ (['x' * 10**7] * 1000) | join }}", LIMIT),
    "join of mapped text": ("{{ (['x' * 10**7] * 1000) | map('upper') | join }}", LIMIT),
    "cn_join": ("{{ (['x' * 10**7] * 1000) | cn_join }}", LIMIT),
    "string filter": ("{{ (['x' * 10**7] * 1000) | string }}", LIMIT),
    "upper of a list": ("{{ (['x' * 10**7] * 1000) | upper }}", LIMIT),
    "percent": ("{{ '%s' % ((['x' * 10**7] * 1000),) }}", LIMIT),
    "percent many": ("{{ '%s%s%s' % ('x' * 10**7, 'x' * 10**7, 'x' * 10**7) }}", LIMIT),
    "sum of lists": ("{{ ([['x'] * 10**7] * 1000) | sum(start=[]) | length }}", LIMIT),
    "output of a list": ("{{ ['x' * 10**7] * 1000 }}", LIMIT),
    "concatenation": ("{{ (['x' * 10**7] * 1000) ~ '' }}", LIMIT),
    "set block": (("{% set s %}{% for i in range(100000) %}{{ 'y' * 10000 }}{% endfor %}"
                   "{% endset %}{{ s | length }}"), "記憶體"),
    "repeated tables": ("{% for i in range(100000) %}{{ table('budget_summary') }}{% endfor %}",
                        "樣板放入的表格與段落（table()、title() 等）超過 2,000 個"),
}


@pytest.mark.parametrize("name", CASES)
def test_a_template_building_something_huge_is_stopped_at_its_line(tmp_path: Path,
                                                                   name: str) -> None:
    body, message = CASES[name]
    library = make_library(tmp_path / "lib", files={
        "parts/30-risks.md.j2": f"# 參、風險評估與因應對策\n\n{body}\n"})
    proposal = Path(shutil.copy(SAMPLE, tmp_path / "p.yaml"))
    target = tmp_path / "p.docx"
    result = run_limited("build", str(proposal), "--template", str(library), "-o", str(target))
    stderr = answered(result, 1)
    assert f"{library / 'parts' / '30-risks.md.j2'}:3" in stderr
    assert message in stderr
    assert not target.exists()
