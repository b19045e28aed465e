"""Read a YAML proposal: bytes → text → node tree → plain data + PositionMap + findings.

We compose the node tree ourselves instead of calling yaml.safe_load so that every value keeps
its position, duplicate keys are caught, and scalars that YAML would silently change (a leading
zero, `yes`, a date) are noticed before they reach the schema.
"""

from __future__ import annotations

import datetime as dt
import math
import os
import re
from dataclasses import field
from pathlib import Path
from typing import Any

import yaml

from tiip_writer.foundation.diagnostics import Diagnostic, InputError, Severity, Text
from tiip_writer.foundation.messages import msg
from tiip_writer.foundation.records import dataclass
from tiip_writer.source.positions import PositionMap, join_pointer

DEFAULT_MAX_BYTES = 5 * 1024 * 1024
MAX_NODES = 200_000
# Aliases may repeat a name or an address, not a chapter: with aliases expanded, the values may
# hold at most this many characters more than the file itself (the file bounds the rest).
MAX_ALIAS_CHARS = 200_000
MAX_INT_DIGITS = 1_000  # an unquoted integer longer than this is refused where it is written

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_CONSTRUCTOR = yaml.SafeLoader("")  # only its construct_yaml_* helpers are used

_STR = "tag:yaml.org,2002:str"
_TAG_NAMES = {
    "tag:yaml.org,2002:int": "int",
    "tag:yaml.org,2002:float": "float",
    "tag:yaml.org,2002:bool": "bool",
    "tag:yaml.org,2002:null": "null",
    "tag:yaml.org,2002:timestamp": "timestamp",
}
_LEADING_ZERO = re.compile(r"^[-+]?0[0-9_]+$")
# C0 controls except tab/newline/carriage return, DEL, and C1 controls.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


class YamlDate(str):
    """An ISO date string that YAML resolved from an unquoted date (so text fields can object)."""


@dataclass
class Source:
    """A proposal file as read: its text, data, positions and what was wrong with it."""

    path: Path
    display: str
    text: str
    data: Any
    positions: PositionMap
    diagnostics: list[Diagnostic] = field(default_factory=list)


def load_source(path: Path, display: str | None = None, max_bytes: int | None = None) -> Source:
    """Return the proposal at `path`; raise InputError when the file cannot be read at all.

    The size limit is `max_bytes`, else $TIIP_MAX_BYTES (set by --max-bytes), else 5 MiB.
    """
    name = display or str(path)
    if max_bytes is None:
        max_bytes = max_bytes_setting()
    if not path.exists():
        raise InputError(msg("io.not-found"), name)
    if not path.is_file():
        raise InputError(msg("io.not-a-file"), name)
    size = path.stat().st_size
    if size > max_bytes:
        raise InputError(msg("io.too-large", size=size, limit=max_bytes), name,
                         hint=msg("io.too-large.hint"))
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(msg("io.unreadable", reason=exc.strerror or str(exc)), name) from exc
    return load_text(decode(raw, name), path, name)


def max_bytes_setting() -> int:
    """Return the size limit for proposal files: $TIIP_MAX_BYTES when it is a number, else 5 MiB."""
    value = os.environ.get("TIIP_MAX_BYTES", "")
    return int(value) if value.isdigit() and int(value) > 0 else DEFAULT_MAX_BYTES


def decode(raw: bytes, name: str) -> str:
    """Return `raw` as text: UTF-8 with or without BOM; anything else is an InputError."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(msg("io.utf16"), name, 1, 1, hint=msg("io.not-utf8.hint"))
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = len(raw[raw.rfind(b"\n", 0, exc.start) + 1 : exc.start].decode("utf-8", "replace")) + 1
        guess_zh, guess_en = "", ""
        try:
            raw.decode("cp950")
            guess_zh, guess_en = "，看起來是 Big5", ", it looks like Big5"
        except UnicodeDecodeError:
            pass
        raise InputError(msg("io.not-utf8", line=line, guess=guess_zh, guess_en=guess_en),
                         name, line, column, hint=msg("io.not-utf8.hint")) from exc


def load_text(text: str, path: Path, display: str) -> Source:
    """Return the Source for already-decoded `text`."""
    source = Source(path=path, display=display, text=text, data=None, positions=PositionMap())
    text = _blank_control_characters(source)
    try:
        crowded = _value_beyond_limit(text)
        if crowded is not None:
            source.diagnostics.append(_finding(source, "yaml.too-many-nodes",
                                               msg("yaml.too-many-values", limit=MAX_NODES),
                                               crowded, hint=msg("yaml.too-many-values.hint")))
            return source
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = " ".join(p for p in (exc.context, exc.problem) if p) or str(exc)
        source.diagnostics.append(_finding(source, "yaml.syntax", msg("yaml.syntax", problem=problem),
                                           (line, column), hint=msg("yaml.syntax.hint")))
        return source
    except yaml.YAMLError as exc:
        source.diagnostics.append(_finding(source, "yaml.syntax", msg("yaml.syntax", problem=str(exc)),
                                           (1, 1), hint=msg("yaml.syntax.hint")))
        return source
    if node is None:
        source.diagnostics.append(_finding(source, "yaml.empty", msg("yaml.empty"), (1, 1),
                                           hint=msg("yaml.empty.hint")))
        return source
    builder = _Builder(source)
    try:
        source.data = builder.build(node, "")
    except _TooLarge:
        source.data = None
        source.diagnostics.append(_finding(source, "yaml.too-many-nodes",
                                           msg("yaml.too-many-nodes", limit=MAX_NODES), (1, 1)))
        return source
    except _TooLong as too_long:
        source.data = None
        source.diagnostics.append(_finding(source, "yaml.alias-too-long", msg(
            "yaml.alias-too-long", limit=builder.max_chars, extra=MAX_ALIAS_CHARS),
            too_long.position, hint=msg("yaml.alias-too-long.hint")))
        return source
    if not isinstance(source.data, dict):
        source.diagnostics.append(_finding(source, "yaml.not-mapping", msg("yaml.not-mapping"),
                                           _pos(node)))
        source.data = None
    return source


def _value_beyond_limit(text: str) -> tuple[int, int] | None:
    """Return the position of the value past MAX_NODES written in `text`, if there is one.

    Composing a node tree costs ~350 bytes a value, so a 3 MB list of a million numbers would
    take 400 MB before the builder could count it; the parser's events cost nothing to count.
    Every value takes at least two characters, so a shorter text cannot hold that many.
    """
    if len(text) <= 2 * MAX_NODES:
        return None
    count = 0
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, (yaml.ScalarEvent, yaml.SequenceStartEvent, yaml.MappingStartEvent,
                              yaml.AliasEvent)):
            count += 1
            if count > MAX_NODES:
                return event.start_mark.line + 1, event.start_mark.column + 1
    return None


def _blank_control_characters(source: Source) -> str:
    """Report each control character with its position; return the text with them as spaces."""
    text = source.text
    if not _CONTROL.search(text):
        return text
    for number, line in enumerate(text.split("\n"), start=1):
        for match in _CONTROL.finditer(line):
            char = f"U+{ord(match.group()):04X}"
            source.diagnostics.append(_finding(source, "yaml.control-char",
                                               msg("yaml.control-char", char=char),
                                               (number, match.start() + 1),
                                               hint=msg("yaml.control-char.hint")))
    return _CONTROL.sub(" ", text)


class _TooLarge(Exception):
    pass


class _TooLong(Exception):
    """The values with aliases expanded hold more characters than allowed; where it happened."""

    def __init__(self, position: tuple[int, int]):
        super().__init__(position)
        self.position = position


class _Builder:
    """Turns a composed node tree into plain Python data, recording positions on the way."""

    def __init__(self, source: Source):
        self.source = source
        self.positions = source.positions
        self.count = 0
        self.chars = 0  # characters of the scalars built so far, aliases expanded
        self.max_chars = len(source.text) + MAX_ALIAS_CHARS

    def build(self, node: yaml.Node, pointer: str) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise _TooLarge
        if isinstance(node, yaml.ScalarNode):
            self.chars += len(node.value)
            if self.chars > self.max_chars:
                raise _TooLong(self._site(pointer))
        self.positions.values[pointer] = _pos(node)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, pointer)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, join_pointer(pointer, i)) for i, item in enumerate(node.value)]
        return self._scalar(node, pointer)

    def _site(self, pointer: str) -> tuple[int, int]:
        """Return where the value at `pointer` is written: its key's or its list's position
        (an alias's own node is the anchor's, far from the alias)."""
        while pointer:
            if pointer in self.positions.keys:
                return self.positions.keys[pointer]
            pointer = pointer.rsplit("/", 1)[0]
        return 1, 1

    def _mapping(self, node: yaml.MappingNode, pointer: str) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                self._report("yaml.merge-key", msg("yaml.merge-key"), _pos(key_node),
                             msg("yaml.merge-key.hint"))
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                self._report("yaml.complex-key", msg("yaml.complex-key"), _pos(key_node))
                continue
            key = key_node.value
            child = join_pointer(pointer, key)
            if key in first_seen:
                self._report("yaml.duplicate-key",
                             msg("yaml.duplicate-key", key=key, first_line=first_seen[key]),
                             _pos(key_node), msg("yaml.duplicate-key.hint"))
                continue
            first_seen[key] = _pos(key_node)[0]
            self.positions.keys[child] = _pos(key_node)
            result[key] = self.build(value_node, child)
        return result

    def _scalar(self, node: yaml.ScalarNode, pointer: str) -> Any:
        tag = node.tag
        # 0123 is octal to YAML 1.1, a number to YAML 1.2 (and to editors), text only if quoted:
        # whatever a reader assumes, some tool changes it, so ask for quotes every time.
        if not node.style and _LEADING_ZERO.match(node.value):
            self._report("yaml.leading-zero", msg("yaml.leading-zero", raw=node.value), _pos(node),
                         msg("yaml.leading-zero.hint", raw=node.value), pointer)
            return node.value
        if tag == _STR:
            return self._text(node, pointer)
        kind = _TAG_NAMES.get(tag)
        if kind is None:
            self._report("yaml.tag", msg("yaml.tag", tag=tag), _pos(node), msg("yaml.tag.hint"),
                         pointer)
            return node.value
        self.positions.implicit[pointer] = kind
        self.positions.raw[pointer] = node.value
        if kind == "timestamp":
            try:
                value = _CONSTRUCTOR.construct_yaml_timestamp(node)
            except ValueError:
                return node.value  # e.g. 2016-13-01: the schema's date format reports it
            if isinstance(value, dt.datetime):
                return YamlDate(value.isoformat(sep=" "))
            return YamlDate(value.isoformat())
        if kind == "int" and len(node.value) > MAX_INT_DIGITS:
            # Python refuses to read integers this long; no amount in a proposal comes close
            self._report("yaml.number-too-long",
                         msg("yaml.number-too-long", digits=len(node.value), limit=MAX_INT_DIGITS),
                         _pos(node), msg("yaml.number-too-long.hint"), pointer)
            return node.value
        constructor = _CONSTRUCTOR.yaml_constructors[tag]
        value = constructor(_CONSTRUCTOR, node)
        if isinstance(value, float) and not math.isfinite(value):
            # .inf and .nan cannot be amounts; keeping the raw text means no later stage
            # ever computes with them (the schema then skips this position).
            zh, en = ("非數字（NaN）", "not-a-number (NaN)") if math.isnan(value) else (
                "無限大", "infinity")
            self._report("yaml.non-finite",
                         msg("yaml.non-finite", raw=node.value, kind=zh, kind_en=en), _pos(node),
                         msg("yaml.non-finite.hint", raw=node.value), pointer)
            return node.value
        return value

    def _text(self, node: yaml.ScalarNode, pointer: str) -> str:
        value = node.value
        self.positions.spans[pointer] = (node.start_mark.index, node.end_mark.index, node.style or "")
        # Escapes such as "\x07" in double quotes produce control characters after parsing.
        if _CONTROL.search(value):
            char = f"U+{ord(_CONTROL.search(value).group()):04X}"  # type: ignore[union-attr]
            self._report("yaml.control-char", msg("yaml.control-char", char=char), _pos(node),
                         msg("yaml.control-char.hint"), pointer)
            value = _CONTROL.sub(" ", value)
        return value

    def _report(self, rule: str, message: Text, position: tuple[int, int], hint: Text | None = None,
                pointer: str = "") -> None:
        self.source.diagnostics.append(_finding(self.source, rule, message, position, hint, pointer))


def _pos(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _finding(source: Source, rule: str, message: Text, position: tuple[int, int],
             hint: Text | None = None, pointer: str = "") -> Diagnostic:
    return Diagnostic(rule=rule, severity=Severity.ERROR, message=message, file=source.display,
                      line=position[0], column=position[1], pointer=pointer, hint=hint)
