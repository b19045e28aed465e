"""Every titled node of the proposal schema carries the English title the English page shows."""

from __future__ import annotations

import re

from tiip_writer.schema.index import load_schema

HAN = re.compile(r"[\u3400-\u9fff\uff00-\uffef]")


def _titled(node, path=""):
    if isinstance(node, dict):
        if isinstance(node.get("title"), str):
            yield path, node
        for key, child in node.items():
            yield from _titled(child, f"{path}/{key}")
    elif isinstance(node, list):
        for index, child in enumerate(node):
            yield from _titled(child, f"{path}/{index}")


def test_every_chinese_title_has_an_english_one() -> None:
    titled = list(_titled(load_schema()))
    assert len(titled) > 200
    missing = [path for path, node in titled if not node.get("x-title-en")]
    not_english = [(path, node["x-title-en"]) for path, node in titled
                   if node.get("x-title-en") and HAN.search(node["x-title-en"])]
    assert missing == [] and not_english == []


def test_the_same_chinese_title_reads_the_same_in_english() -> None:
    english: dict[str, set[str]] = {}
    for _path, node in _titled(load_schema()):
        english.setdefault(node["title"], set()).add(node.get("x-title-en", ""))
    assert {zh: en for zh, en in english.items() if len(en) > 1} == {}
