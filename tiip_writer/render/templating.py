"""Render the library's templates to Markdown in a sandbox; native tables become placeholders.

Templates are untrusted (a consultant's library): Jinja's SandboxedEnvironment refuses access
to Python internals and StrictUndefined turns a misspelt variable into an error with the
template's file and line. Every `{{ … }}` output is Markdown-escaped unless a filter already
produced Markdown (`prose`, directives), so user text never changes the structure.

Directives (`table`, `title`, `toc`, `page_break`, `section`) render as fenced blocks with the
info string `tiip`; the docx stage replaces them with native Word content.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup

from tiip_writer.render import formatting as fmt
from tiip_writer.render.blocks import Block, Para
from tiip_writer.render.context import TemplateContext
from tiip_writer.render.labels import LabelError
from tiip_writer.render.library import Library
from tiip_writer.render.markdown_text import DIRECTIVE_INFO, escape_inline, prose_block
from tiip_writer.render.template_cache import template_cache

NONE_TEXT = "無"  # what the document says where the proposal has nothing
ORIENTATIONS = ("portrait", "landscape")

TableBuilder = Callable[..., tuple[Block, ...]]


class TemplateProblem(Exception):
    """A template cannot be rendered; `file` and `line` point into the library."""

    def __init__(self, message_zh: str, message_en: str, file: str, line: int | None):
        super().__init__(message_en)
        self.message_zh, self.message_en, self.file, self.line = message_zh, message_en, file, line


@dataclass
class Rendered:
    """The Markdown of the whole proposal and the native blocks its directives refer to."""

    markdown: str
    blocks: dict[int, tuple[Block, ...]] = field(default_factory=dict)


def _finalize(value: Any) -> Any:
    """Return an output value as Markdown: escaped text, or Markdown a filter already made."""
    if isinstance(value, Markup):
        return value
    if value is None:
        return NONE_TEXT
    return escape_inline(str(value))


def prose_filter(value: Any, level: int = 2) -> Markup:
    """Return user prose as Markdown blocks placed under a heading of `level`, or 「無」."""
    if value is None or not str(value).strip():
        return Markup(NONE_TEXT)
    return Markup(prose_block(str(value), level))


def or_none(value: Any) -> Any:
    """Return `value`, or 「無」 when it is empty."""
    if value is None or value == "" or value == () or value == []:
        return NONE_TEXT
    return value


FILTERS: dict[str, Callable[..., Any]] = {
    "md": lambda value: Markup(escape_inline(str(value))),
    "prose": prose_filter,
    "or_none": or_none,
    "roc_date": fmt.roc_date,
    "roc_date_short": fmt.roc_date_short,
    "roc_month": fmt.roc_month,
    "roc_year_month": fmt.roc_year_month,
    "roc_year": fmt.roc_year,
    "money": fmt.money,
    "number": fmt.number,
    "percent": fmt.percent,
    "cn_join": fmt.join_list,
}


class MarkdownSandbox(SandboxedEnvironment):
    """The sandbox, where a macro's output counts as Markdown the template wrote.

    Values inside the macro were already escaped when it rendered them; escaping the macro's
    whole output again would turn a heading's `#` into text.
    """

    def call(self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        result = super().call(__context, __obj, *args, **kwargs)
        if isinstance(__obj, jinja2.runtime.Macro) and not isinstance(result, Markup):
            return Markup(result)
        return result


def make_environment(library: Library) -> SandboxedEnvironment:
    """Return the sandboxed Jinja environment for `library` (child templates win)."""
    env = MarkdownSandbox(
        loader=jinja2.FileSystemLoader(library.search_path, encoding="utf-8"),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        finalize=_finalize,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        bytecode_cache=template_cache(__file__),  # compiled templates kept between runs
    )
    env.filters.update(FILTERS)
    return env


class Directives:
    """The directive functions a template calls; they collect native blocks by number."""

    def __init__(self, context: TemplateContext, builders: Mapping[str, TableBuilder]):
        self._context = context
        self._builders = builders
        self.blocks: dict[int, tuple[Block, ...]] = {}

    def functions(self) -> dict[str, Callable[..., Markup]]:
        """Return the directive functions by their template names."""
        return {"table": self.table, "title": self.title, "toc": self.toc,
                "page_break": self.page_break, "section": self.section}

    def table(self, name: str, **options: Any) -> Markup:
        """Return the placeholder of native table `name` built now from the context."""
        builder = self._builders.get(name)
        if builder is None:
            known = "、".join(sorted(self._builders))
            raise TemplateDirectiveError(f"沒有名為「{name}」的表格；可用的表格：{known}",
                                         f"there is no table '{name}'; tables: {known}")
        return self._place(builder(self._context, **options))

    def title(self, text: str) -> Markup:
        """Return the placeholder of an unnumbered title (not listed in the TOC)."""
        return self._place((Para.of(str(text), style="Title"),))

    def toc(self) -> Markup:
        """Return the placeholder of the table of contents."""
        return _fence("toc")

    def page_break(self) -> Markup:
        """Return the placeholder that starts the next block on a new page."""
        return _fence("page-break")

    def section(self, orientation: str) -> Markup:
        """Return the placeholder that starts a new section in `orientation`."""
        if orientation not in ORIENTATIONS:
            raise TemplateDirectiveError(f"section() 只接受 portrait 或 landscape，不是「{orientation}」",
                                         f"section() takes portrait or landscape, not '{orientation}'")
        return _fence(f"section {orientation}")

    def _place(self, blocks: tuple[Block, ...]) -> Markup:
        number = len(self.blocks) + 1
        self.blocks[number] = blocks
        return _fence(f"block {number}")


class TemplateDirectiveError(Exception):
    """A directive was called wrongly in a template."""

    def __init__(self, message_zh: str, message_en: str):
        super().__init__(message_en)
        self.message_zh = message_zh


def _fence(content: str) -> Markup:
    return Markup(f"\n\n```{DIRECTIVE_INFO}\n{content}\n```\n\n")


def render(library: Library, context: TemplateContext,
           builders: Mapping[str, TableBuilder]) -> Rendered:
    """Return the proposal's Markdown; raise TemplateProblem naming the template and line."""
    env = make_environment(library)
    directives = Directives(context, builders)
    env.globals.update(directives.functions())
    try:
        template = env.get_template(library.entry)
        markdown = template.render(context.variables())
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateProblem(f"樣板語法錯誤：{exc.message}", f"template syntax error: {exc.message}",
                              exc.filename or exc.name or library.entry, exc.lineno) from exc
    except jinja2.TemplateNotFound as exc:
        file, line = _template_frame(exc, library)
        raise TemplateProblem(f"找不到樣板「{exc.name}」", f"template '{exc.name}' not found",
                              file or str(library.root / library.entry), line) from exc
    except Exception as exc:
        raise _problem(exc, library) from exc
    return Rendered(markdown=markdown, blocks=directives.blocks)


def _problem(exc: Exception, library: Library) -> TemplateProblem:
    file, line = _template_frame(exc, library)
    where = file or str(library.root / library.entry)
    if isinstance(exc, jinja2.sandbox.SecurityError):
        return TemplateProblem(f"樣板試圖存取不允許的內部屬性：{exc}",
                               f"the template tried to reach Python internals: {exc}", where, line)
    if isinstance(exc, jinja2.UndefinedError):
        return TemplateProblem(f"樣板使用了未定義的變數或欄位：{exc.message}",
                               f"the template uses an undefined variable or field: {exc.message}",
                               where, line)
    if isinstance(exc, LabelError):
        key = ".".join(exc.path)
        return TemplateProblem(f"樣板庫的 tables.yaml 缺少「{key}」", f"tables.yaml lacks '{key}'",
                               where, line)
    if isinstance(exc, TemplateDirectiveError):
        return TemplateProblem(exc.message_zh, str(exc), where, line)
    return TemplateProblem(f"樣板執行錯誤：{type(exc).__name__}: {exc}",
                           f"template error: {type(exc).__name__}: {exc}", where, line)


def _template_frame(exc: BaseException, library: Library) -> tuple[str | None, int | None]:
    """Return the file and line of the innermost template frame in `exc`'s traceback."""
    roots = [Path(p) for p in library.search_path]
    found: tuple[str | None, int | None] = (None, None)
    for frame in traceback.extract_tb(exc.__traceback__):
        path = Path(frame.filename)
        if any(root in path.parents for root in roots):
            found = (frame.filename, frame.lineno)
    return found
