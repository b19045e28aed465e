"""Check edited copies of the samples and look at one rule's findings.

Variants are made by exact string replacement, so every other line keeps its position and a
test says where a finding must point by searching the variant's text (helpers.locate).
"""

from __future__ import annotations

import re
from pathlib import Path

from tests.helpers import ROOT, at, edit, locate, one, only  # noqa: F401 - shared helpers
from tiip_writer.checking.config import Config
from tiip_writer.checking.pipeline import CheckResult, check_file

HIGH_VALUE = "high-value-thermal-compensation.yaml"
SYSTEM = "system-solution-institute.yaml"
EMERGING = "emerging-assistive-academia.yaml"
TOPDOWN = "topdown-joint-two-companies.yaml"


def sample(name: str = HIGH_VALUE) -> str:
    """Return the text of sample `name`."""
    return (ROOT / "samples" / name).read_text(encoding="utf-8")



def edit_re(text: str, pattern: str, new: str) -> str:
    """Return `text` with the one match of regular expression `pattern` replaced by `new`."""
    assert len(re.findall(pattern, text, flags=re.DOTALL | re.MULTILINE)) == 1, pattern
    return re.sub(pattern, lambda _m: new, text, flags=re.DOTALL | re.MULTILINE)


def check(folder: Path, text: str, config: Config | None = None) -> CheckResult:
    """Return the check result of proposal `text` (no tiip.toml unless `config` is given)."""
    path = folder / "p.yaml"
    path.write_text(text, encoding="utf-8")
    return check_file(path, display="p.yaml", config=config or Config())
