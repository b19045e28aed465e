"""Editions end to end: the office makes a year's rule set with `rules new`, signs templates and
rule set as one pack; a user on a clean home trusts the office's key, installs the pack, and
the proposal of that year is checked against the new threshold. Tampered and unsigned packs
are refused."""

from __future__ import annotations

import hashlib
import io
import json
import stat
import zipfile
from pathlib import Path

import openpyxl
import pytest

from tests.helpers import edit, run_tiip, sample_text

THRESHOLD_LINE = "  subsidy_cap_non_topic: 40 "
EDITION = "official-116"
PACK = f"{EDITION}-116.0.0.tiiplib.zip"


@pytest.fixture
def clean_home(tmp_path, monkeypatch) -> Path:
    """A user with nothing installed and no trusted key: only HOME says where things go."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "TIIP_TEMPLATE_HOME"):
        monkeypatch.delenv(name, raising=False)
    return home


def ok(*args: str) -> str:
    result = run_tiip(*args)
    assert result.exit_code == 0, result.stdout + result.stderr
    return result.stdout


def make_edition(office: Path, cap: int, sign: bool = True) -> Path:
    """Do what docs/publishing-an-edition.md tells the office; return the pack."""
    office.mkdir(exist_ok=True)
    if sign and not (office / "office.key").exists():
        ok("keys", "new", "office", "-o", str(office))
    folder = office / EDITION
    ok("templates", "new", str(folder), "--name", EDITION)
    manifest = folder / "library.yaml"
    manifest.write_text(edit(manifest.read_text(encoding="utf-8"),
                             ("version: 0.1.0", "version: 116.0.0"),
                             ("programme_years: [105]", "programme_years: [116]")),
                        encoding="utf-8")
    (folder / "rulesets").mkdir()
    ok("rules", "new", "116", "--from", "105", "-o", str(folder / "rulesets"))
    ruleset = folder / "rulesets" / "116.yaml"
    ruleset.write_text(edit(ruleset.read_text(encoding="utf-8"),
                            (THRESHOLD_LINE, f"  subsidy_cap_non_topic: {cap} ")), encoding="utf-8")
    ok("rules", "lint", str(ruleset))
    signing = ["--sign", str(office / "office.key")] if sign else []
    ok("templates", "pack", str(folder), "-o", str(office / "out"), *signing)
    return office / "out" / PACK


def proposal_116(folder: Path) -> Path:
    path = folder / "p116.yaml"
    path.write_text(edit(sample_text(), ("  year: 105", "  year: 116"),
                         ("submission_date: 2016-05-16", "submission_date: 2027-03-02"),
                         ("  start: 2016-07-01", "  start: 2027-04-01"),
                         ("  agency: 經濟部工業局\n", "  agency: 經濟部產業發展署\n")),
                    encoding="utf-8")
    return path


def check_json(path: Path) -> dict:
    result = run_tiip("check", str(path), "--format", "json")
    return json.loads(result.stdout)["files"][0]


def test_a_signed_edition_changes_the_verdict_as_its_threshold_says(tmp_path, clean_home):
    pack = make_edition(tmp_path / "office", cap=39)
    proposal = proposal_116(tmp_path)
    # before: no rule set for 116 on this machine
    assert [d["rule"] for d in check_json(proposal)["diagnostics"]] == ["ruleset.unknown-year"]
    ok("keys", "trust", str(tmp_path / "office" / "office.pub"))
    out = ok("templates", "install", str(pack))
    assert "簽署者：office (" in out
    assert (clean_home / ".local/share/tiip-writer/templates" / EDITION / "rulesets/116.yaml"
            ).is_file()
    report = check_json(proposal)
    # 5,236 ÷ 13,090 thousand NT$ = 40.0%: within 105's 40% cap, over the edition's 39%
    assert [d["rule"] for d in report["diagnostics"]] == ["budget.subsidy-cap-non-topic"]
    message = report["diagnostics"][0]["message"]["zh"]
    assert "占總經費 40.0%（5,236 ÷ 13,090 千元），上限 39%" in message
    assert report["ruleset"] == 116
    source = report["ruleset_source"]
    assert source["kind"] == "edition" and source["edition"] == f"{EDITION} 116.0.0"
    assert source["signed_by"].startswith("office (")
    # the same plan as a 105 proposal (its own year, dates and agency) passes 105's cap
    as_105 = tmp_path / "p105.yaml"
    as_105.write_text(sample_text(), encoding="utf-8")
    assert check_json(as_105)["diagnostics"] == []
    sets = ok("rules", "sets")
    assert f"116  使用中  年度版本 {EDITION} 116.0.0（簽署者 office (" in sets


def test_the_edition_at_the_old_threshold_keeps_the_verdict(tmp_path, clean_home):
    pack = make_edition(tmp_path / "office", cap=40)
    ok("keys", "trust", str(tmp_path / "office" / "office.pub"))
    ok("templates", "install", str(pack))
    assert check_json(proposal_116(tmp_path))["diagnostics"] == []


def rezip(pack: Path, change) -> Path:
    """Return a copy of `pack` whose members went through change(name, data) -> data."""
    source = zipfile.ZipFile(pack)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as target:
        for info in source.infolist():
            target.writestr(info, change(info.filename, source.read(info)))
    path = pack.with_name("tampered.tiiplib.zip")
    path.write_bytes(buffer.getvalue())
    return path


def one_byte(data: bytes) -> bytes:
    index = data.index(b"subsidy_cap_non_topic: 39") + len("subsidy_cap_non_topic: ")
    return data[:index] + b"4" + data[index + 1:]   # 39 -> 49


def refused(pack: Path) -> str:
    result = run_tiip("templates", "install", str(pack))
    assert result.exit_code == 1, result.stdout + result.stderr
    assert not (Path.home() / ".local/share/tiip-writer/templates" / EDITION).exists()
    return result.stderr


def test_a_pack_with_one_byte_changed_is_refused_naming_the_file(tmp_path, clean_home):
    pack = make_edition(tmp_path / "office", cap=39)
    ok("keys", "trust", str(tmp_path / "office" / "office.pub"))
    tampered = rezip(pack, lambda name, data: one_byte(data) if name == "rulesets/116.yaml"
                     else data)
    assert "檔案 rulesets/116.yaml 的 SHA-256 不符" in refused(tampered)


def test_a_file_and_the_file_list_changed_together_are_caught_by_the_signature(
        tmp_path, clean_home):
    pack = make_edition(tmp_path / "office", cap=39)
    ok("keys", "trust", str(tmp_path / "office" / "office.pub"))
    changed = one_byte(zipfile.ZipFile(pack).read("rulesets/116.yaml"))

    def change(name: str, data: bytes) -> bytes:
        if name == "rulesets/116.yaml":
            return changed
        if name == "tiiplib.json":  # the forger also rewrites the checksum list
            listing = json.loads(data)
            listing["files"]["rulesets/116.yaml"] = hashlib.sha256(changed).hexdigest()
            return json.dumps(listing, ensure_ascii=False, indent=2, sort_keys=True).encode()
        return data

    message = refused(rezip(pack, change))
    assert "封存檔與簽署時不同：rulesets/116.yaml 簽署後被修改" in message


def test_a_rewritten_signature_is_refused(tmp_path, clean_home):
    pack = make_edition(tmp_path / "office", cap=39)
    ok("keys", "trust", str(tmp_path / "office" / "office.pub"))

    def change(name: str, data: bytes) -> bytes:
        if name != "tiiplib.sig":
            return data
        record = json.loads(data)
        record["signed"] = record["signed"].replace('"version": "116.0.0"', '"version": "116.0.1"')
        return json.dumps(record).encode()

    assert "簽章與簽署的內容不符" in refused(rezip(pack, change))


def test_a_pack_signed_by_a_key_not_trusted_is_refused(tmp_path, clean_home):
    pack = make_edition(tmp_path / "office", cap=39)
    message = refused(pack)
    assert "您尚未信任此金鑰" in message and "tiip keys trust" in message


def test_an_unsigned_pack_needs_allow_unsigned(tmp_path, clean_home):
    pack = make_edition(tmp_path / "consultant", cap=39, sign=False)
    message = refused(pack)
    assert "封存檔沒有簽章" in message and "--allow-unsigned" in message
    out = ok("templates", "install", str(pack), "--allow-unsigned")
    assert "未簽署" in out
    assert f"年度版本 {EDITION} 116.0.0（未簽署）" in ok("rules", "sets")
    report = check_json(proposal_116(tmp_path))
    assert report["ruleset_source"]["signed_by"] is None
    assert [d["rule"] for d in report["diagnostics"]] == ["budget.subsidy-cap-non-topic"]


def test_keys_new_writes_a_private_key_only_its_owner_reads(tmp_path, clean_home):
    out = ok("keys", "new", "office", "-o", str(tmp_path))
    private, public = tmp_path / "office.key", tmp_path / "office.pub"
    assert stat.S_IMODE(private.stat().st_mode) == 0o600
    assert private.read_bytes().startswith(b"-----BEGIN PRIVATE KEY-----")
    line = public.read_text(encoding="utf-8")
    assert line.startswith("tiip-ed25519 ") and line.rstrip().endswith(" office")
    assert "金鑰代號：" in out
    again = run_tiip("keys", "new", "office", "-o", str(tmp_path))
    assert again.exit_code == 2 and "不會覆寫" in again.stderr
    assert private.read_bytes().startswith(b"-----BEGIN PRIVATE KEY-----")


def test_trusted_keys_live_in_the_users_config_folder(tmp_path, clean_home):
    ok("keys", "new", "office", "-o", str(tmp_path))
    assert "尚未信任任何金鑰" in ok("keys", "list")
    assert "已信任金鑰 office (" in ok("keys", "trust", str(tmp_path / "office.pub"))
    assert "已是信任的金鑰" in ok("keys", "trust", str(tmp_path / "office.pub"))
    folder = clean_home / ".config" / "tiip-writer" / "trusted-keys"
    assert [p.read_text() for p in folder.glob("*.pub")] == [
        (tmp_path / "office.pub").read_text()]
    assert "office" in ok("keys", "list")


def test_trusting_a_file_that_is_not_a_key_is_refused(tmp_path, clean_home):
    bogus = tmp_path / "office.pub"
    bogus.write_text("ssh-ed25519 AAAA office\n", encoding="utf-8")
    result = run_tiip("keys", "trust", str(bogus))
    assert result.exit_code == 2 and "不是 tiip 公鑰檔" in result.stderr


def test_no_private_key_is_committed():
    root = Path(__file__).resolve().parent.parent
    found = [p for p in root.rglob("*") if ".venv" not in p.parts and ".git" not in p.parts
             and p.is_file() and p.suffix in (".key", ".pem")]
    assert found == []


def test_reports_and_the_document_name_the_edition_and_rule_set(tmp_path, clean_home):
    pack = make_edition(tmp_path / "office", cap=40)
    ok("keys", "trust", str(tmp_path / "office" / "office.pub"))
    ok("templates", "install", str(pack))
    proposal = proposal_116(tmp_path)
    produced_by = f"民國 116 年度（年度版本 {EDITION} 116.0.0（簽署者 office ("
    text = run_tiip("check", str(proposal))
    assert text.stderr.startswith(f"規則集：{produced_by}")
    sarif = json.loads(run_tiip("check", str(proposal), "--format", "sarif").stdout)
    [used] = sarif["runs"][0]["properties"]["rulesets"]
    assert used["year"] == 116 and used["edition"] == f"{EDITION} 116.0.0"
    assert used["signed_by"].startswith("office (")
    budget = json.loads(run_tiip("budget", str(proposal), "--format", "json").stdout)
    assert budget["ruleset"] == 116 and budget["ruleset_source"]["edition"] == f"{EDITION} 116.0.0"
    workbook = tmp_path / "budget.xlsx"
    ok("budget", str(proposal), "-o", str(workbook))
    caps = openpyxl.load_workbook(workbook)["經費上限檢核"]["A2"].value
    assert f"來源：年度版本 {EDITION} 116.0.0（簽署者 office (" in caps
    first, second = tmp_path / "a.docx", tmp_path / "b.docx"
    for target in (first, second):
        ok("build", str(proposal), "--template", EDITION, "-o", str(target))
    assert first.read_bytes() == second.read_bytes()
    core = zipfile.ZipFile(first).read("docProps/core.xml").decode("utf-8")
    assert f"樣板庫 {EDITION} 116.0.0；規則集 {produced_by}" in core
