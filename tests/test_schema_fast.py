"""The compiled schema check agrees with jsonschema, so skipping jsonschema loses no finding."""

from __future__ import annotations

import copy
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.helpers import SAMPLES
from tiip_writer.schema import fast
from tiip_writer.schema.index import load_schema
from tiip_writer.schema.validate import PROPOSAL_SCHEMA, _validator
from tiip_writer.source import load_source
from tiip_writer.source.loader import YamlDate

SAMPLE_DATA = [load_source(path).data for path in SAMPLES]

SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(-5, 5_000_000), st.floats(allow_nan=False),
    st.sampled_from([0, 1, 1.0, 2.5, 36, 37, 100, 101, -1, True, False]),
    st.text(max_size=12), st.sampled_from(["", " ", "A1", "P01", "a b", "12345678", "主題式",
                                           "x@y.tw", "not-mail", "2016-02-30", "2016-09-01"]),
    st.builds(YamlDate, st.sampled_from(["2016-09-01", "2016-02-30"])),
)
VALUES = st.recursive(SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=6), inner, max_size=3)),
    max_leaves=6)


def _jsonschema_valid(data: Any) -> bool:
    return next(iter(_validator(PROPOSAL_SCHEMA).iter_errors(data)), None) is None


def _containers(data: Any, out: list[Any]) -> list[Any]:
    """Return every dict and list inside `data` (data first)."""
    if isinstance(data, (dict, list)):
        out.append(data)
        children = data.values() if isinstance(data, dict) else data
        for child in children:
            _containers(child, out)
    return out


@st.composite
def mutated(draw: st.DrawFn) -> Any:
    """A sample with one to three random edits: a value replaced, a key dropped or added."""
    data = copy.deepcopy(draw(st.sampled_from(SAMPLE_DATA)))
    for _ in range(draw(st.integers(1, 3))):
        target = draw(st.sampled_from(_containers(data, [])))
        action = draw(st.sampled_from(["replace", "replace", "drop", "add", "empty"]))
        if isinstance(target, dict) and target:
            key = draw(st.sampled_from(sorted(target)))
            if action == "drop":
                del target[key]
            elif action == "add":
                target[draw(st.sampled_from(["extra", key + "_", "名稱"]))] = draw(VALUES)
            elif action == "empty":
                target[key] = type(target[key])() if isinstance(target[key], (dict, list, str)) \
                    else None
            else:
                target[key] = draw(VALUES)
        elif isinstance(target, list) and target:
            index = draw(st.integers(0, len(target) - 1))
            if action == "drop":
                del target[index]
            elif action == "add":
                target.append(copy.deepcopy(target[index]))  # a duplicate entry
            else:
                target[index] = draw(VALUES)
    return data


@pytest.mark.parametrize("data", SAMPLE_DATA, ids=[p.stem for p in SAMPLES])
def test_every_sample_is_valid_to_both(data: Any) -> None:
    assert fast.is_valid(data) is True
    assert _jsonschema_valid(data)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_same_verdict_as_jsonschema_on_mutated_proposals(data: Any) -> None:
    assert fast.is_valid(data) is _jsonschema_valid(data)


@pytest.mark.parametrize("schema, value, valid", [
    ({"type": "integer"}, 3.0, True),            # an integral float is an integer
    ({"type": "integer"}, True, False),          # a bool is not
    ({"type": "number"}, False, False),
    ({"enum": [1, "a"]}, True, False),           # True is not 1
    ({"const": 1}, 1.0, True),
    ({"minimum": 0}, "text", True),              # keywords ignore other types
    ({"type": "string"}, YamlDate("2016-09-01"), False),
    ({"type": "string", "format": "date"}, YamlDate("2016-09-01"), True),
    ({"type": "string", "format": "date"}, "2016-02-30", False),
    ({"uniqueItems": True}, [1, True], True),
    ({"uniqueItems": True}, [{"a": 1}, {"a": 1}], False),
    ({"oneOf": [{"type": "integer"}, {"type": "number"}]}, 2, False),  # both match: not one
    ({"properties": {"a": {"type": "string"}}, "additionalProperties": False}, {"b": 1}, False),
])
def test_keyword_semantics_match_jsonschema(schema: dict, value: Any, valid: bool) -> None:
    from jsonschema import Draft202012Validator

    assert fast.compile_schema(schema)(value) is valid
    if not isinstance(value, YamlDate):  # plain jsonschema treats a YamlDate as text
        assert Draft202012Validator(schema, format_checker=_validator(PROPOSAL_SCHEMA).format_checker
                                    ).is_valid(value) is valid


def test_an_unknown_keyword_leaves_the_verdict_to_jsonschema() -> None:
    with pytest.raises(fast.Unsupported):
        fast.compile_schema({"patternProperties": {"^x": {}}})
    assert load_schema()  # the bundled schemas themselves compile
    assert fast._compiled("proposal.schema.json") is not None
    assert fast._compiled("library.schema.json") is not None


def test_building_with_the_official_library_does_not_import_jsonschema(tmp_path) -> None:
    code = ("import sys; from pathlib import Path; from tiip_writer.checking.pipeline import check_file; "
            "from tiip_writer.render import build_document; "
            f"b = build_document(check_file(Path({str(SAMPLES[0])!r}))); "
            "print(b.docx is not None, 'jsonschema' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["True", "False"]


def test_checking_a_valid_proposal_does_not_import_jsonschema() -> None:
    code = ("import sys; from pathlib import Path; from tiip_writer.checking.pipeline import check_file; "
            f"r = check_file(Path({str(SAMPLES[0])!r})); "
            "print(r.proposal is not None, 'jsonschema' in sys.modules)")
    output = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True, cwd=Path(__file__).resolve().parent.parent).stdout
    assert output.split() == ["True", "False"]


@pytest.mark.parametrize(("values", "unique"), [
    ([1, True], True), ([1, 1.0], False), ([0, False], True), (["1", 1], True),
    ([[1, 2], [1, 2]], False), ([[1, 2], [2, 1]], True), ([{"a": 1}, {"a": 1.0}], False),
    ([{"a": 1}, {"a": True}], True), ([None, None], False), ([[True], [1]], True),
    ([{"a": [1]}, {"a": [1]}], False), ([float("nan"), float("nan")], True),
])
def test_unique_items_agrees_with_jsonschema(values: list[Any], unique: bool) -> None:
    import jsonschema

    schema = {"uniqueItems": True}
    assert jsonschema.Draft202012Validator(schema).is_valid(values) is unique
    assert fast.compile_schema(schema)(values) is unique
