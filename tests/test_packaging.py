"""The wheel carries the data folders, and the package finds them installed or in a checkout."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

from tests.helpers import ROOT
from tiip_writer.foundation import resources


def test_built_wheel_contains_templates_schemas_and_rulesets(tmp_path):
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path),
                    str(ROOT)], check=True, capture_output=True)
    (wheel,) = tmp_path.glob("tiip_writer-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = {
        "tiip_writer/_data/schemas/proposal.schema.json",
        "tiip_writer/_data/rulesets/105.yaml",
        "tiip_writer/_data/templates/scaffold/proposal.yaml.j2",
        "tiip_writer/_data/templates/official/library.yaml",
        "tiip_writer/_data/templates/docs/templates.md.j2",
        "tiip_writer/_data/schemas/library.schema.json",
        "tiip_writer/_data/samples/high-value-thermal-compensation.yaml",
        "tiip_writer/cli/main.py",
        # tiip edit serves its page from the package: nothing is fetched at run time
        "tiip_writer/editor/static/index.html",
        "tiip_writer/editor/static/app.js",
        "tiip_writer/editor/static/form.js",
        "tiip_writer/editor/static/style.css",
    }
    assert expected <= names
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    text = zipfile.ZipFile(wheel).read(entry_points).decode()
    assert "tiip = tiip_writer.cli.main:main" in text
    assert "[tiip_writer.templates]\nofficial = tiip_writer.libraries.discovery:official_root" in text


def test_installed_copy_wins_over_the_checkout(tmp_path, monkeypatch):
    installed = tmp_path / "_data" / "schemas"
    installed.mkdir(parents=True)
    monkeypatch.setattr(resources, "_PACKAGE_DIR", tmp_path)
    resources.data_dir.cache_clear()
    try:
        assert resources.data_dir("schemas") == installed
    finally:
        resources.data_dir.cache_clear()


def test_checkout_folders_are_found():
    resources.data_dir.cache_clear()
    assert resources.data_dir("schemas") == ROOT / "schemas"
    assert Path(resources.schema_path()).is_file()
