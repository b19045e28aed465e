"""Untrusted templates: escape attempts and runaway templates stop with the template's file and
line — never a traceback, never a hang, never gigantic output."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from tests.helpers import run_tiip
from tests.templates.helpers import SAMPLE, build, make_library
from tiip_writer.render.limits import RenderLimits

INTERNALS = "樣板試圖存取不允許的內部屬性或方法（沙箱拒絕）："
TOO_BIG = "樣板輸出或其中的值超過 20,000,000 字元上限"
LOOPS = "樣板的迴圈總共超過 5,000,000 次"

CASES = {
    "class": ("{{ ''.__class__ }}", INTERNALS + "access to attribute '__class__' of 'str' object is unsafe."),
    "subclasses": ("{{ proposal.__class__.__mro__[1].__subclasses__() }}",
                   INTERNALS + "access to attribute '__class__' of 'Proposal' object is unsafe."),
    "item": ("{{ proposal['__class__'] }}",
             INTERNALS + "access to attribute '__class__' of 'Proposal' object is unsafe."),
    "globals": ("{{ cycler.__init__.__globals__ }}",
                INTERNALS + "access to attribute '__init__' of 'type' object is unsafe."),
    "path": ("{{ source_dir.joinpath('x').read_text() }}",
             INTERNALS + "access to attribute 'joinpath' of 'PosixPath' object is unsafe."),
    "mutate": ("{{ labels.clear() }}", INTERNALS + "access to attribute 'clear' of 'dict' object is unsafe."),
    "text method": ("{{ 'x'.translate({}) }}",
                    INTERNALS + "access to attribute 'translate' of 'str' object is unsafe."),
    "big range": ("{{ range(10**9) }}", "range() 最多 100,000 個數字"),
    "power": ("{{ 2 ** 10000000 }}", "樣板產生的數字過大"),
    "repeat": ("{{ 'x' * 10**9 }}", TOO_BIG),
    "nested loops": ("{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}",
                     LOOPS),
    "loops over text": ("{% set s = 'x' * 100000 %}{% for a in s %}{% for b in s %}{% endfor %}{% endfor %}",
                        LOOPS),
    "macro recursion": ("{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}",
                        "巨集或函式呼叫層數超過 60 層（可能是無窮遞迴）"),
    "include itself": ('{% include "parts/30-risks.md.j2" %}',
                       "樣板遞迴過深（巨集、include 或 extends 呼叫自己？）"),
    "doubling": (("{% set ns = namespace(s='x') %}{% for i in range(60) %}"
                  "{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s | length }}"), TOO_BIG),
    "doubling macro": (("{% macro d(s, n) %}{% if n %}{{ d(s ~ s, n - 1) }}{% else %}"
                        "{{ s | length }}{% endif %}{% endmacro %}{{ d('x', 40) }}"), TOO_BIG),
    "gigantic output": (("{% for i in range(100000) %}{% for j in range(40) %}"
                         + "x" * 62 + "{% endfor %}{% endfor %}"), TOO_BIG),
    "format width": ("{{ '{:>999999999}'.format(1) }}", "格式字串的寬度或精度過大"),
    "percent width": ("{{ '%999999999d' % 1 }}", "格式字串的寬度或精度過大"),
    "strftime width": ("{{ plan.start.strftime('%999999999Y') }}", "格式字串的寬度或精度過大"),
    "center": ("{{ 'x'.center(10**9) }}", TOO_BIG),
    "replace": ("{{ ('x' * 1000000) | replace('x', 'y' * 1000) }}", TOO_BIG),
    "join": ("{{ ('x' * 1000000).join('y' * 100000) }}", TOO_BIG),
    "number places": ("{{ 1 | number(10**8) }}", "過濾器 number 的數字參數過大（上限 10000）"),
    "lipsum": ("{{ lipsum(10**6) }}", "樣板使用了未定義的變數或欄位：'lipsum' is undefined"),
}


@pytest.mark.parametrize("name", CASES)
def test_escapes_and_runaways_stop_at_the_template_line(tmp_path: Path, name: str) -> None:
    body, message = CASES[name]
    library = make_library(tmp_path / "lib", files={
        "parts/30-risks.md.j2": f"# 參、風險評估與因應對策\n\n{body}\n"})
    started = time.monotonic()
    built = build(library)
    assert time.monotonic() - started < 15
    assert built.docx is None
    [finding] = built.diagnostics
    assert (finding.rule, finding.message.zh) == ("build.template", message)
    assert finding.file == str(library / "parts" / "30-risks.md.j2") and finding.line == 3


def test_the_time_limit_stops_a_slow_template(tmp_path: Path) -> None:
    library = make_library(tmp_path / "lib", files={"parts/30-risks.md.j2": (
        "{% for i in range(100000) %}{% for j in range(40) %}"
        "{{ proposal.team | map(attribute='id') | join }}{% endfor %}{% endfor %}\n")})
    started = time.monotonic()
    built = build(library, limits=RenderLimits(seconds=0.5))
    assert time.monotonic() - started < 5
    [finding] = built.diagnostics
    assert finding.message.zh == "樣板執行超過時間上限 0.5 秒（可能是無窮迴圈或過大的迴圈）"
    assert finding.file.endswith("30-risks.md.j2") and finding.line == 1


def test_limits_are_configurable_from_the_command_line(tmp_path: Path) -> None:
    library = make_library(tmp_path / "lib", files={"parts/30-risks.md.j2": (
        "{% for i in range(5000) %}{{ proposal.title }}{% endfor %}\n")})
    # the sample's chapters and tables before this one write about 12,000 characters
    result = run_tiip("build", str(SAMPLE), "--template", str(library), "-o",
                      str(tmp_path / "x.docx"), "--render-max-chars", "50000", "--lang", "en")
    assert result.exit_code == 1
    assert (f"{library / 'parts' / '30-risks.md.j2'}:1:1  error  build.template  the template's "
            "output or a value in it exceeds the limit of 50,000 characters") in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "x.docx").exists()
    default = run_tiip("build", str(SAMPLE), "--template", str(library), "-o",
                       str(tmp_path / "x.docx"))
    assert default.exit_code == 0, default.stderr


def test_the_environment_sets_the_default_limits(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TIIP_RENDER_TIMEOUT", "2.5")
    monkeypatch.setenv("TIIP_RENDER_MAX_CHARS", "1000")
    assert RenderLimits.from_env() == RenderLimits(seconds=2.5, max_chars=1000)
    assert RenderLimits.from_env(seconds=9) == RenderLimits(seconds=9, max_chars=1000)
    monkeypatch.setenv("TIIP_RENDER_TIMEOUT", "soon")
    assert RenderLimits.from_env().seconds == RenderLimits().seconds


def test_what_the_official_templates_need_still_works(tmp_path: Path) -> None:
    library = make_library(tmp_path / "lib", files={"parts/30-risks.md.j2": (
        "# 參、風險評估與因應對策\n\n"
        "{% set ns = namespace(n=0) %}{% for r in proposal.risks %}{% set ns.n = ns.n + 1 %}{% endfor %}"
        "共 {{ ns.n }} 項；{{ '{}年'.format(plan.year) }}；{{ plan.title | replace('計畫', '案') }}；"
        "{{ companies | map(attribute='name') | join('、') }}；{{ plan.start.year }}\n")})
    built = build(library)
    assert built.docx is not None, built.diagnostics
    assert "共 3 項；105年；高精度五軸加工機智慧熱變位補償系統開發案；鴻鈞精密機械股份有限公司；2016" \
        in (built.markdown or "")
