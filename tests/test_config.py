"""tiip.toml: found beside the proposal or above it, switches rules, changes levels, thresholds
and limits; mistakes in it are input errors (exit 2) naming the file."""

from __future__ import annotations

import pytest

from tests.helpers import run_tiip
from tests.variants import check, edit, only, sample
from tiip_writer.checking.config import Config, find_config, load_config
from tiip_writer.foundation.diagnostics import InputError

ANONYMOUS = ("name: 日本 Okuma", "name: A公司")


def write(folder, name, text):
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_nearest_tiip_toml_up_to_the_repository_root(tmp_path):
    proposal = write(tmp_path, "repo/plans/2016/p.yaml", "")
    (tmp_path / "repo" / ".git").mkdir()
    write(tmp_path, "tiip.toml", "")  # above the repository root: never read
    assert find_config(proposal) is None
    top = write(tmp_path, "repo/tiip.toml", "")
    assert find_config(proposal) == top
    near = write(tmp_path, "repo/plans/tiip.toml", "")
    assert find_config(proposal) == near


def test_rules_off_by_id_and_family_and_levels(tmp_path):
    write(tmp_path, "tiip.toml", '[rules]\n"writing.competitors" = "info"\ntext = "off"\n')
    config = load_config(tmp_path / "tiip.toml")
    text = edit(sample(), ANONYMOUS, ("撰寫與 CNC 的即時通訊與補償軟體", "撰寫與 CNC 的即時通訊與補償軟件"))
    result = check(tmp_path, text, config)
    assert [d.severity.value for d in only(result, "writing.competitors")] == ["info"]
    assert [d for d in result.diagnostics if d.rule.startswith("text.")] == []
    assert result.ruleset.rule("text.taiwan-term") is None


def test_threshold_from_tiip_toml(tmp_path):
    text = sample()  # its differentiation has about 150 characters
    strict = Config(thresholds={"differentiation_min_chars": 500})
    assert only(check(tmp_path, text), "writing.competitors") == []
    assert len(only(check(tmp_path, text, strict), "writing.competitors")) == 1


@pytest.mark.parametrize("toml, expected", [
    ('[rules]\n"writing.lenght" = "off"\n', "tiip.toml 的 [rules] 有未知的規則代號「writing.lenght」。"),
    ('[rules]\n"writing.length" = "loud"\n',
     "tiip.toml 的「writing.length」設為「loud」，可用的值：off、error、warning、info。"),
    ('[colours]\nx = 1\n', "tiip.toml 有未知的段落 [colours]；可用的段落：rules、thresholds、length_limits、check。"),
    ('[length_limits]\n"summary.abstrct" = 300\n',
     "tiip.toml 的 [length_limits] 有計畫書格式中沒有的欄位「summary.abstrct」。"),
    ('[length_limits]\n"summary.abstract" = -3\n',
     "tiip.toml 的「length_limits.summary.abstract」應為正整數（字數），實際為「-3」。"),
    ('[thresholds]\nsubstantive_min_chars = "ten"\n',
     "tiip.toml 的「thresholds.substantive_min_chars」應為數字，實際為「ten」。"),
    ('[check]\nfail-on = "never"\n', "tiip.toml 的「check.fail-on」設為「never」，可用的值：error、warning、info。"),
])
def test_mistakes_in_tiip_toml(tmp_path, toml, expected):
    path = write(tmp_path, "tiip.toml", toml)
    with pytest.raises(InputError) as caught:
        load_config(path)
    assert caught.value.message.zh == expected
    assert caught.value.file == str(path)


def test_syntax_error_has_its_position(tmp_path):
    path = write(tmp_path, "tiip.toml", '[rules]\n"writing.length" = off\n')
    with pytest.raises(InputError) as caught:
        load_config(path)
    assert caught.value.message.zh.startswith("tiip.toml 語法錯誤：")
    assert caught.value.line == 2


def test_unknown_threshold_is_an_input_error_of_the_check(tmp_path):
    write(tmp_path, "tiip.toml", "[thresholds]\nsubstantive_min_charz = 3\n")
    proposal = write(tmp_path, "p.yaml", sample())
    result = run_tiip("check", str(proposal))
    assert result.exit_code == 2
    assert f"{tmp_path / 'tiip.toml'}  error  io  tiip.toml 的 [thresholds] 有民國 105 年度規則集沒有的門檻" \
           "「substantive_min_charz」" in result.stderr


def test_cli_uses_the_tiip_toml_beside_the_proposal(tmp_path):
    proposal = write(tmp_path, "p.yaml", edit(sample(), ANONYMOUS))
    assert run_tiip("check", str(proposal)).exit_code == 1
    write(tmp_path, "tiip.toml", '[rules]\n"writing.competitors" = "off"\n')
    result = run_tiip("check", str(proposal))
    assert result.exit_code == 0, result.stdout


def test_fail_on_from_tiip_toml_and_the_option_wins(tmp_path):
    proposal = write(tmp_path, "p.yaml", edit(sample(), ANONYMOUS))  # one warning
    write(tmp_path, "tiip.toml", '[check]\nfail-on = "error"\n')
    assert run_tiip("check", str(proposal)).exit_code == 0
    assert run_tiip("check", "--fail-on", "warning", str(proposal)).exit_code == 1


def test_exit_zero_keeps_findings_but_not_unreadable_files(tmp_path):
    proposal = write(tmp_path, "p.yaml", edit(sample(), ANONYMOUS))
    result = run_tiip("check", "--exit-zero", str(proposal))
    assert result.exit_code == 0 and "writing.competitors" in result.stdout
    assert run_tiip("check", "--exit-zero", str(tmp_path / "missing.yaml")).exit_code == 2


def test_explicit_config_replaces_discovery(tmp_path):
    proposal = write(tmp_path, "p.yaml", edit(sample(), ANONYMOUS))
    write(tmp_path, "tiip.toml", '[rules]\n"writing.competitors" = "off"\n')
    other = write(tmp_path, "ci/strict.toml", '[rules]\n"writing.competitors" = "error"\n')
    result = run_tiip("check", "--config", str(other), str(proposal))
    assert result.exit_code == 1 and "error  writing.competitors" in result.stdout
    broken = write(tmp_path, "ci/broken.toml", "[rules\n")
    result = run_tiip("check", "--config", str(broken), str(proposal))
    assert result.exit_code == 2 and str(broken) in result.stderr
