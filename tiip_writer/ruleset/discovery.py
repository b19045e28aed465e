"""Finding programme-year rule sets: search path, installed editions, the package.

A rule set is a file `<year>.yaml` (the ROC year). Sources, in the order they win when two hold
the same year (docs/rulesets.md):

1. each folder on TIIP_RULESET_PATH (os.pathsep-separated): the office drafting a year, or a
   consultant pinning a file, chooses this explicitly, so it comes first;
2. the editions installed with `tiip templates install`: a library in the user template folder
   holding `rulesets/<year>.yaml` (its signature was checked when it was installed);
3. the rule sets shipped inside the package (`rulesets/`).

A year found in several places uses the first; `tiip rules sets` lists them all.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import yaml

from tiip_writer.foundation.diagnostics import Text
from tiip_writer.foundation.records import dataclass
from tiip_writer.foundation.resources import data_dir
from tiip_writer.foundation.userdirs import user_template_dir
from tiip_writer.foundation.yamldata import load_yaml

ENV_RULESET_PATH = "TIIP_RULESET_PATH"
EDITION_FOLDER = "rulesets"            # inside an edition (a library): rulesets/<year>.yaml
INSTALL_RECORD = ".tiip-install.json"  # written by `templates install`: who signed the pack
LIBRARY_MANIFEST = "library.yaml"


@dataclass(frozen=True)
class RulesetFile:
    """Where one rule set file was found: `kind` is path, edition or builtin."""

    year: int
    path: Path
    kind: str
    detail: str = ""            # the TIIP_RULESET_PATH entry, or the edition's "name version"
    signer: str | None = None   # the key that signed the edition, as recorded at install

    @property
    def edition(self) -> str | None:
        """Return the edition ("name version") the file came with, or None."""
        return self.detail if self.kind == "edition" else None

    def describe(self) -> Text:
        """Return where the rule set comes from, as a user reads it."""
        if self.kind == "builtin":
            return Text("內建", "built-in")
        if self.kind == "path":
            return Text(f"{ENV_RULESET_PATH}（{self.detail}）", f"{ENV_RULESET_PATH} ({self.detail})")
        if self.signer:
            return Text(f"年度版本 {self.detail}（簽署者 {self.signer}）",
                        f"edition {self.detail} (signed by {self.signer})")
        return Text(f"年度版本 {self.detail}（未簽署）", f"edition {self.detail} (unsigned)")


def ruleset_files() -> list[RulesetFile]:
    """Return every rule set file found, in the order of precedence."""
    found: list[RulesetFile] = []
    for entry in os.environ.get(ENV_RULESET_PATH, "").split(os.pathsep):
        if entry.strip():
            found.extend(_year_files(Path(entry).expanduser(), "path", entry))
    home = user_template_dir()
    if home.is_dir():
        for library in sorted(p for p in home.iterdir() if not p.name.startswith(".")):
            if (library / EDITION_FOLDER).is_dir():
                name, signer = _edition(library)
                found.extend(_year_files(library / EDITION_FOLDER, "edition", name, signer))
    found.extend(_year_files(data_dir("rulesets"), "builtin"))
    return found


def find_ruleset(year: int) -> RulesetFile | None:
    """Return the rule set file that serves `year`, or None when no source has one."""
    return next((f for f in ruleset_files() if f.year == year), None)


def known_years() -> tuple[int, ...]:
    """Return the programme years that have a rule set, ascending."""
    return tuple(sorted({f.year for f in ruleset_files()}))


def _year_files(folder: Path, kind: str, detail: str = "",
                signer: str | None = None) -> list[RulesetFile]:
    if not folder.is_dir():
        return []
    return [RulesetFile(int(p.stem), p.resolve(), kind, detail, signer)
            for p in sorted(folder.glob("*.yaml"), key=lambda p: p.name)
            if p.stem.isdigit() and p.is_file()]


def _edition(library: Path) -> tuple[str, str | None]:
    """Return an installed library's "name version" and the signer recorded at install."""
    try:
        with open(library / LIBRARY_MANIFEST, encoding="utf-8") as handle:
            manifest = load_yaml(handle)
        name = f"{manifest['name']} {manifest['version']}"
    except (OSError, ValueError, KeyError, TypeError, yaml.YAMLError):
        name = library.name
    try:
        record = json.loads((library / INSTALL_RECORD).read_text(encoding="utf-8"))
        signer = record.get("signed_by") if isinstance(record, dict) else None
    except (OSError, ValueError):
        signer = None
    return name, signer if isinstance(signer, str) else None
