"""The tool's own YAML data files: parsed once per process, never stale, never shared."""

from __future__ import annotations

from pathlib import Path

from tiip_writer.foundation.yamldata import load_yaml_file


def test_a_data_file_is_read_again_when_it_changes_and_each_caller_gets_its_own_copy(
        tmp_path: Path) -> None:
    path = tmp_path / "tables.yaml"
    path.write_text("budget:\n  caption: 經費表\n  widths: [1, 2]\n", encoding="utf-8")
    first = load_yaml_file(path)
    assert first == {"budget": {"caption": "經費表", "widths": [1, 2]}}
    first["budget"]["widths"].append(3)  # a caller changing its copy
    assert load_yaml_file(path)["budget"]["widths"] == [1, 2]
    path.write_text("budget:\n  caption: 經費需求表\n", encoding="utf-8")
    assert load_yaml_file(path) == {"budget": {"caption": "經費需求表"}}
