"""Typed values spliced into the text (the fast path while typing) give exactly the text the
round-trip tree dumps, for every number and text value of every sample."""

from __future__ import annotations

from pathlib import Path

import pytest

from tiip_writer.editor.document import Document, Edit
from tiip_writer.editor.splice import splice
from tiip_writer.source.loader import load_text
from tiip_writer.source.positions import join_pointer

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = sorted((ROOT / "samples").glob("*.yaml"))


def scalars(value, pointer=""):
    if isinstance(value, dict):
        for key, item in value.items():
            yield from scalars(item, join_pointer(pointer, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from scalars(item, join_pointer(pointer, index))
    elif isinstance(value, (int, float, str)) and not isinstance(value, bool):
        yield pointer, value


def changed(value):
    if isinstance(value, str):
        if "\n" in value:
            lines = value.rstrip("\n").split("\n")
            return "\n".join(["改寫的第一行。", *lines[1:]])
        return value + "改"
    if isinstance(value, float):
        return value + 1.5
    return value + 7


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.name)
def test_spliced_text_is_the_dumped_text(sample: Path) -> None:
    text = sample.read_text(encoding="utf-8")
    source = load_text(text, sample, sample.name)
    values = list(scalars(source.data))
    spliced = {pointer: splice(source, [(pointer, changed(value))]) for pointer, value in values}
    taken = [pointer for pointer, text_after in spliced.items() if text_after is not None]
    assert len(taken) > 0.9 * len(values)  # the fast path covers nearly every value typed into
    # Dumping the tree takes ~50 ms, so compare an even spread of values of every kind:
    # numbers, plain, quoted and block text, flow rows and nested mappings.
    document = Document(text)
    original = dict(values)
    for pointer in taken[::max(1, len(taken) // 30)]:
        document.apply(Edit("set", pointer, changed(original[pointer])))
        assert spliced[pointer] == document.text(), pointer
        document.apply(Edit("set", pointer, original[pointer]))
    assert document.text() == text  # every value set back: the file as it was


def test_values_whose_form_changes_are_left_to_the_tree() -> None:
    text = "a: plain\nb: 12\nc: |\n  block\n"
    source = load_text(text, Path("x.yaml"), "x.yaml")
    for pointer, value in [("/a", "yes"), ("/a", "a: b"), ("/a", "12"), ("/a", "two\nlines"),
                           ("/a", " lead"), ("/a", "#x"), ("/b", "text"), ("/b", True),
                           ("/c", "  indented first line")]:
        assert splice(source, [(pointer, value)]) is None, (pointer, value)
