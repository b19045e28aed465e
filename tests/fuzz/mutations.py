"""Hypothesis strategies that break the bundled samples the way real files get broken.

Two families: data mutations (a key dropped, a value of the wrong type, hostile text, deep
nesting) dumped back to YAML, and text mutations (bytes of the file itself changed: lines
duplicated or cut, control characters, tabs, stray quotes) that exercise the loader.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import yaml
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parents[2]
SAMPLE_TEXTS = {p.name: p.read_text(encoding="utf-8") for p in sorted((ROOT / "samples").glob("*.yaml"))}
SAMPLE_DATA = {name: yaml.safe_load(text) for name, text in SAMPLE_TEXTS.items()}

# Text that applicants paste from Word, PDFs and web pages, and text meant to break things.
HOSTILE_TEXT = st.one_of(
    st.text(max_size=40),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=200),
    st.sampled_from([
        "", " ", "無", "\u202e右至左覆寫\u202c", "e\u0301\u0301\u0301", "🧪🚀👩‍💻", "\x00\x07\x1b",
        "<script>alert(1)</script>", "| a | b |\n|---|---|", "# 標題\n## 次標題", "**粗** _斜_ `碼`",
        "![x](../../etc/passwd)", "![x](/etc/passwd)", "![x](https://example.com/a.png)",
        "{{ 7*7 }}", "{% for i in range(10**9) %}x{% endfor %}", "${HOME}", "\\", "'", '"',
        "計" * 5000, "a\r\nb\rc", "\ufeff開頭 BOM", "－—―…「」『』", "𠀀𪚥𫝀", "\t縮排",
    ]),
)

SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-10**12, max_value=10**12),
    st.floats(allow_nan=True, allow_infinity=True), HOSTILE_TEXT,
    st.dates().map(lambda d: d.isoformat()),
)

VALUES = st.recursive(SCALARS, lambda children: st.one_of(
    st.lists(children, max_size=4), st.dictionaries(st.text(max_size=8), children, max_size=4)),
    max_leaves=12)


def _paths(data: Any, prefix: tuple = ()) -> list[tuple]:
    """Return every path (tuple of keys and indexes) inside `data`."""
    found = [prefix] if prefix else []
    if isinstance(data, dict):
        for key, value in data.items():
            found += _paths(value, (*prefix, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += _paths(value, (*prefix, index))
    return found


def _parent(data: Any, path: tuple) -> Any:
    for token in path[:-1]:
        data = data[token]
    return data


@st.composite
def mutated_data(draw: st.DrawFn) -> tuple[str, Any]:
    """Return (sample name, the sample's data with 1–4 mutations applied)."""
    name = draw(st.sampled_from(sorted(SAMPLE_DATA)))
    data = copy.deepcopy(SAMPLE_DATA[name])
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        paths = _paths(data)
        if not paths:
            break
        path = draw(st.sampled_from(paths))
        parent = _parent(data, path)
        action = draw(st.sampled_from(["drop", "replace", "text", "nest", "grow"]))
        if action == "drop":
            del parent[path[-1]]
        elif action == "replace":
            parent[path[-1]] = draw(VALUES)
        elif action == "text":
            parent[path[-1]] = draw(HOSTILE_TEXT)
        elif action == "nest":
            value: Any = parent[path[-1]]
            for _ in range(draw(st.integers(min_value=1, max_value=60))):
                value = [value] if draw(st.booleans()) else {"x": value}
            parent[path[-1]] = value
        elif action == "grow" and isinstance(parent[path[-1]], list) and parent[path[-1]]:
            items = parent[path[-1]]
            items.extend(copy.deepcopy(items[: draw(st.integers(1, len(items)))]))
    return name, data


@st.composite
def mutated_text(draw: st.DrawFn) -> str:
    """Return a sample's text with 1–3 edits of its raw lines."""
    lines = SAMPLE_TEXTS[draw(st.sampled_from(sorted(SAMPLE_TEXTS)))].split("\n")
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        index = draw(st.integers(min_value=0, max_value=len(lines) - 1))
        action = draw(st.sampled_from(["duplicate", "delete", "insert", "cut", "indent"]))
        if action == "duplicate":
            lines.insert(index, lines[index])
        elif action == "delete":
            del lines[index]
        elif action == "insert":
            position = draw(st.integers(min_value=0, max_value=len(lines[index])))
            lines[index] = lines[index][:position] + draw(HOSTILE_TEXT) + lines[index][position:]
        elif action == "cut":
            lines[index] = lines[index][: draw(st.integers(0, len(lines[index])))]
        else:
            lines[index] = draw(st.sampled_from(["\t", " ", "   "])) + lines[index]
    return "\n".join(lines)


def dump(data: Any) -> str:
    """Return `data` as YAML text (any value, even ones YAML cannot type, as text)."""
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=120)
