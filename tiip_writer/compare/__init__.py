"""Stage 6b: two versions of a proposal compared — two CheckResults in, a Comparison out.

Per section of the document (model.sections): the prose changed character by character, every
typed value, items added, removed or renamed by code, the budget's computed figures, and the
rule findings that appeared or disappeared. `tiip diff` prints it (report/diff_*.py). (The
revised .docx compares the two built documents instead: render/revision.py.)
"""

from tiip_writer.compare.comparison import (
    Comparison,
    FigureChange,
    FindingChange,
    ItemChange,
    SectionDiff,
    TextChange,
    ValueChange,
    compare,
)

__all__ = ["Comparison", "FigureChange", "FindingChange", "ItemChange", "SectionDiff",
           "TextChange", "ValueChange", "compare"]
