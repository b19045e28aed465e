"""Report formats of tiip check: SARIF 2.1.0 (validated against the official schema), GitHub
workflow annotations, JSON and text."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlparse

import jsonschema
import pytest

from tests.helpers import SAMPLES, run_tiip
from tests.variants import edit, locate, sample

SCHEMA = json.loads((Path(__file__).parent / "fixtures" / "sarif-schema-2.1.0.json")
                    .read_text(encoding="utf-8"))
ANONYMOUS = ("name: 日本 Okuma", "name: A公司")
TERM = ("撰寫與 CNC 的即時通訊與補償軟體", "撰寫與 CNC 的即時通訊與補償軟件")


def assert_valid_sarif(log: dict) -> None:
    """Fail unless `log` validates against the SARIF 2.1.0 schema (and its URIs are URIs)."""
    validator = jsonschema.validators.validator_for(SCHEMA)
    validator.check_schema(SCHEMA)
    errors = sorted(validator(SCHEMA).iter_errors(log), key=lambda e: list(e.path))
    assert errors == [], [f"{list(e.path)}: {e.message}" for e in errors[:5]]
    assert urlparse(log["$schema"]).scheme == "https"
    for run in log["runs"]:
        for result in run["results"]:
            for location in result["locations"]:
                uri = location["physicalLocation"]["artifactLocation"]["uri"]
                assert uri.isascii() and " " not in uri, uri
        for rule in run["tool"]["driver"]["rules"]:
            if "helpUri" in rule:
                assert urlparse(rule["helpUri"]).scheme in ("http", "https")


def sarif(*args: str) -> tuple[int, dict]:
    result = run_tiip("check", "--format", "sarif", *args)
    return result.exit_code, json.loads(result.stdout)


def test_sarif_of_clean_samples_is_valid():
    code, log = sarif(*map(str, SAMPLES))
    assert code == 0
    assert_valid_sarif(log)
    assert log["version"] == "2.1.0" and log["runs"][0]["results"] == []
    assert log["runs"][0]["invocations"] == [{"executionSuccessful": True, "exitCode": 0}]


def test_sarif_with_findings_of_every_kind_is_valid(tmp_path):
    findings = tmp_path / "計畫 書.yaml"
    text = edit(sample(), ANONYMOUS, TERM, ("    - name: 德國 DMG MORI\n",
                                           "    - name: 德國 DMG MORI  # tiip: ignore[writing.x]\n"))
    findings.write_text(text, encoding="utf-8")
    broken = tmp_path / "broken.yaml"
    broken.write_text(edit(sample(), ("employees: 286", "employees: 很多")), encoding="utf-8")
    code, log = sarif(str(findings), str(broken), str(tmp_path / "missing.yaml"))
    assert code == 2
    assert_valid_sarif(log)
    run = log["runs"][0]
    by_rule = {r["ruleId"]: r for r in run["results"]}
    assert set(by_rule) == {"writing.competitors", "text.taiwan-term", "suppression.missing-reason",
                            "suppression.unknown-rule", "schema.type"}
    term = by_rule["text.taiwan-term"]
    line, column = locate(text, "軟件")
    region = term["locations"][0]["physicalLocation"]["region"]
    assert region == {"startLine": line, "startColumn": column}
    assert term["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == \
        (tmp_path / "計畫 書.yaml").as_uri()
    assert term["level"] == "warning"
    assert term["message"]["text"] == "「軟件」是中國大陸用語，臺灣用「軟體」\n提示：改為「軟體」"
    assert term["properties"]["doc"] == "docs/rule-reference.md#text.taiwan-term"
    descriptor = run["tool"]["driver"]["rules"][term["ruleIndex"]]
    assert descriptor["id"] == "text.taiwan-term"
    assert descriptor["defaultConfiguration"] == {"level": "warning"}
    assert '<a id="text.taiwan-term"></a>' in descriptor["help"]["markdown"]
    assert run["invocations"][0]["executionSuccessful"] is False
    assert run["invocations"][0]["toolExecutionNotifications"][0]["message"]["text"] == "找不到檔案。"


def test_sarif_relative_paths_stay_relative():
    from tiip_writer.report.sarif import artifact_uri

    assert artifact_uri("samples/計畫書 v2.yaml") == "samples/%E8%A8%88%E7%95%AB%E6%9B%B8%20v2.yaml"
    assert artifact_uri("/srv/p.yaml") == "file:///srv/p.yaml"


def test_sarif_in_english(tmp_path):
    path = tmp_path / "p.yaml"
    path.write_text(edit(sample(), ANONYMOUS), encoding="utf-8")
    _code, log = sarif("--lang", "en", str(path))
    assert_valid_sarif(log)
    assert log["runs"][0]["results"][0]["message"]["text"].startswith("competitor 'A公司' is not named")


def test_github_annotations(tmp_path):
    path = tmp_path / "a,b.yaml"
    text = edit(sample(), ANONYMOUS)
    path.write_text(text, encoding="utf-8")
    result = run_tiip("check", "--format", "github", str(path))
    assert result.exit_code == 1
    line, column = locate(text, "A公司")
    file = str(path).replace(":", "%3A").replace(",", "%2C")
    assert result.stdout.splitlines() == [
        (f"::warning file={file},line={line},col={column},title=writing.competitors::"
        "競爭者「A公司」沒有寫出具體名稱%0A提示：寫出競爭廠商的實際名稱（與產品型號），例如「日本 Okuma」，"
        "審查委員才能判斷比較是否合理%0A依據：計畫書撰寫技巧（競爭分析）%0A說明：docs/rule-reference.md#writing.competitors")]
    missing = run_tiip("check", "--format", "github", str(tmp_path / "none.yaml"))
    assert missing.stdout.startswith(f"::error file={tmp_path / 'none.yaml'},title=io::找不到檔案。")


def test_info_becomes_a_github_notice(tmp_path):
    path = tmp_path / "p.yaml"
    path.write_text(edit(sample(), ("launch: 2018 年第 3 季", "launch: 無")), encoding="utf-8")
    result = run_tiip("check", "--format", "github", str(path))
    assert result.stdout.startswith("::notice ")
    assert "title=review.high-value.marketing" in result.stdout


def test_json_keeps_its_shape_and_adds_the_doc_link(tmp_path):
    path = tmp_path / "p.yaml"
    path.write_text(edit(sample(), ANONYMOUS), encoding="utf-8")
    result = run_tiip("check", "--format", "json", str(path))
    report = json.loads(result.stdout)
    assert report["version"] == 1 and report["exit_code"] == 1
    entry = report["files"][0]
    assert entry["suppressed"] == 0 and entry["config"] is None
    finding = entry["diagnostics"][0]
    assert set(finding) == {"rule", "severity", "line", "column", "pointer", "message", "hint",
                            "citation", "doc"}
    assert finding["doc"] == "docs/rule-reference.md#writing.competitors"
    assert report["summary"] == {"files": 1, "error": 0, "warning": 1, "info": 0}


def test_text_report_groups_files_and_explains_each_rule_once(tmp_path):
    first, second = tmp_path / "a.yaml", tmp_path / "b.yaml"
    both = edit(sample(), ANONYMOUS, ("name: 德國 DMG MORI", "name: B公司"))
    first.write_text(both, encoding="utf-8")
    second.write_text(edit(sample(), ANONYMOUS), encoding="utf-8")
    result = run_tiip("check", str(first), str(second))
    lines = result.stdout.splitlines()
    assert lines[0].startswith(f"{first}:") and lines[3] == "    說明：tiip rules --explain writing.competitors"
    assert lines[4].startswith(f"{first}:") and lines[7] == ""
    assert lines[8].startswith(f"{second}:")
    assert result.stdout.count("說明：") == 1
    assert "\x1b[" not in result.stdout
    assert result.stderr.strip().splitlines()[-1] == "已檢核 2 個檔案：0 個錯誤、3 個警告、0 個建議。"


@pytest.mark.parametrize("flag, coloured", [("--color", True), ("--no-color", False)])
def test_colour_only_when_asked_or_on_a_terminal(tmp_path, flag, coloured):
    path = tmp_path / "p.yaml"
    path.write_text(edit(sample(), ANONYMOUS), encoding="utf-8")
    result = run_tiip("check", flag, str(path))
    assert ("\x1b[" in result.stdout) is coloured
