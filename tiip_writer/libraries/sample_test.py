"""`tiip templates test DIR`: build every sample proposal with a library and report what breaks."""

from __future__ import annotations

import time
from dataclasses import field
from pathlib import Path

from tiip_writer.checking.pipeline import check_file
from tiip_writer.foundation.diagnostics import Diagnostic, InputError, Severity, Text
from tiip_writer.foundation.records import dataclass
from tiip_writer.foundation.resources import data_dir
from tiip_writer.render import build_document
from tiip_writer.render.library import Library
from tiip_writer.render.limits import RenderLimits


@dataclass
class SampleOutcome:
    """One sample built with the library: built or not, the findings, how long it took."""

    sample: Path
    built: bool
    seconds: float
    diagnostics: list[Diagnostic] = field(default_factory=list)
    unreadable: Text | None = None  # why the sample itself could not be read

    @property
    def warnings(self) -> int:
        """Return the number of warnings the build gave."""
        return sum(1 for d in self.diagnostics if d.severity is Severity.WARNING)


def bundled_samples() -> list[Path]:
    """Return the sample proposals shipped with tiip-writer."""
    return sorted(data_dir("samples").glob("*.yaml"))


def sample_files(paths: list[Path]) -> list[Path]:
    """Return the .yaml files named by `paths` (folders expanded), or the bundled samples."""
    if not paths:
        return bundled_samples()
    files: list[Path] = []
    for path in paths:
        files.extend(sorted(path.glob("*.yaml")) if path.is_dir() else [path])
    return files


def test_library(library: Library, samples: list[Path],
                 limits: RenderLimits | None = None) -> list[SampleOutcome]:
    """Return the outcome of building each sample with `library`."""
    outcomes = []
    for sample in samples:
        started = time.monotonic()
        try:
            checked = check_file(sample, display=str(sample))
        except InputError as error:
            outcomes.append(SampleOutcome(sample, False, 0.0, unreadable=error.message))
            continue
        if checked.proposal is None:
            outcomes.append(SampleOutcome(sample, False, 0.0, checked.diagnostics,
                                          unreadable=Text("計畫書本身有結構錯誤", "the proposal itself has structure errors")))
            continue
        built = build_document(checked, template=library, limits=limits)
        outcomes.append(SampleOutcome(sample, built.docx is not None,
                                      time.monotonic() - started, built.diagnostics))
    return outcomes


test_library.__test__ = False  # type: ignore[attr-defined]  # not a pytest test
