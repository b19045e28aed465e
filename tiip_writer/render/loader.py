"""The Jinja loader of a library chain: the child's file wins; `name:` picks one library's.

`parts/00-cover.md.j2` is the first file of that name along the chain (child first), so a
library overrides a parent's file by holding one of the same name. `official:parts/00-cover.md.j2`
starts the search at the library called `official`, which lets a child's cover
`{% extends %}` the parent's cover and replace only some blocks. Names cannot leave a library
folder (`..` is refused, and so is a link that leads out of the library or a FIFO) and a
template larger than the limit is refused.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from typing import Any

import jinja2
from jinja2.loaders import split_template_path

from tiip_writer.foundation.diagnostics import Text
from tiip_writer.render.library import Library, inside_problem

PREFIX_SEPARATOR = ":"


class TemplateTooLarge(jinja2.TemplateNotFound):
    """A template file is larger than the render limit allows."""


class RefusedTemplate(jinja2.TemplateNotFound):
    """A template file leaves its library (a link) or is not a regular file (a FIFO)."""

    def __init__(self, name: str, reason: Text):
        super().__init__(name, reason.en)
        self.reason = reason


class LibraryLoader(jinja2.BaseLoader):
    """Loads templates along a library chain, honouring `library:` prefixes."""

    def __init__(self, library: Library, max_bytes: int):
        self.chain = library.chain
        self.max_bytes = max_bytes
        self.loaders = [jinja2.FileSystemLoader(str(member.root), encoding="utf-8")
                        for member in self.chain]

    def split(self, template: str) -> tuple[int, str]:
        """Return (index in the chain where the search starts, file name) for a template name."""
        prefix, separator, rest = template.partition(PREFIX_SEPARATOR)
        if not separator:
            return 0, template
        for index, member in enumerate(self.chain):
            if member.name == prefix:
                return index, rest
        names = "、".join(member.name for member in self.chain)
        raise jinja2.TemplateNotFound(
            template, f"「{prefix}」不在此樣板庫的 extends 鏈中（{names}）；"
                      f"'{prefix}' is not in this library's extends chain ({names})")

    def get_source(self, environment: jinja2.Environment,
                   template: str) -> tuple[str, str | None, Callable[[], bool] | None]:
        start, name = self.split(template)
        pieces = split_template_path(name)  # refuses `..`
        for member in self.chain[start:]:
            path = member.root.joinpath(*pieces)
            problem = inside_problem(member.root, pieces)
            if problem is not None:
                raise RefusedTemplate(template, problem)
            if not path.is_file():
                continue
            filename = os.path.normpath(path)
            if path.stat().st_size > self.max_bytes:  # before reading it
                raise TemplateTooLarge(template, f"{filename} > {self.max_bytes:,} bytes")
            source = path.read_bytes().decode("utf-8")
            mtime = os.path.getmtime(filename)
            return source, filename, functools.partial(_unchanged, filename, mtime)
        raise jinja2.TemplateNotFound(template)

    def list_templates(self) -> list[str]:
        found: set[str] = set()
        for loader in self.loaders:
            found.update(loader.list_templates())
        return sorted(found)


def _unchanged(filename: str, mtime: float) -> bool:
    try:
        return os.path.getmtime(filename) == mtime
    except OSError:
        return False


def owner_of(library: Library, template: str) -> Any:
    """Return the library whose file `template` resolves to, or None."""
    loader = LibraryLoader(library, max_bytes=1 << 62)
    try:
        start, name = loader.split(template)
    except jinja2.TemplateNotFound:
        return None
    for member in loader.chain[start:]:
        if (member.root / name).is_file():
            return member
    return None
