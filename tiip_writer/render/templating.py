"""Render the library's templates to Markdown in a sandbox; native tables become placeholders.

Templates are untrusted (a consultant's library): the sandbox (render/sandbox.py) refuses
Python internals and enforces the render limits (render/limits.py), and StrictUndefined turns a
misspelt variable into an error with the template's file and line. Every `{{ … }}` output is Markdown-escaped unless a filter already
produced Markdown (`prose`, directives), so user text never changes the structure.

Directives (`table`, `title`, `styled`, `toc`, `page_break`, `section`) render as fenced blocks with the
info string `tiip`; the docx stage replaces them with native Word content.
"""

from __future__ import annotations

import inspect
import traceback
from collections.abc import Callable, Collection, Generator, Mapping
from dataclasses import field
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from tiip_writer.foundation.records import dataclass
from tiip_writer.model.sections import KEYS as SECTION_KEYS
from tiip_writer.render.blocks import Align, Block, Para, Table
from tiip_writer.render.context import TemplateContext
from tiip_writer.render.filters import NONE_TEXT
from tiip_writer.render.labels import LabelError
from tiip_writer.render.library import Library
from tiip_writer.render.limits import LimitExceeded, RenderLimits
from tiip_writer.render.loader import LibraryLoader, RefusedTemplate, TemplateTooLarge
from tiip_writer.render.markdown_text import DIRECTIVE_INFO, escape_inline
from tiip_writer.render.sandbox import MarkdownSandbox, RefusedCall, sandbox_environment
from tiip_writer.render.template_cache import template_cache

ORIENTATIONS = ("portrait", "landscape")
ALIGNMENTS = ("left", "center", "right")

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


def make_environment(library: Library, limits: RenderLimits | None = None) -> MarkdownSandbox:
    """Return the sandboxed Jinja environment for `library` (child templates win)."""
    limits = limits or RenderLimits()
    # Compiled templates are kept between runs; the key covers the code that compiles them.
    cache = template_cache(*(Path(__file__).with_name(name) for name in _COMPILER_MODULES))
    return sandbox_environment(LibraryLoader(library, limits.max_template_bytes), _finalize,
                               bytecode_cache=cache)


# The modules whose code decides how a template compiles and what it may do.
_COMPILER_MODULES = ("templating.py", "sandbox.py", "limits.py", "loader.py", "filters.py")


# directive -> zh-TW description for docs/templates.md (tests keep it in step with functions()).
DIRECTIVE_DOCS: dict[str, str] = {
    "table": "放入原生表格：table(\"名稱\", 選項…)，例如 table(\"team\", unit=unit.id)；名稱見下表。",
    "title": "不編號、不列入目錄的標題（Title 樣式），例如摘要表的標題。",
    "toc": "目錄（Word 開檔時更新；預先填入各章標題）。",
    "page_break": "下一段從新的一頁開始。",
    "section": "分節並改變紙張方向：section(\"landscape\") 或 section(\"portrait\")。",
    "anchor": "標示一個章節從這裡開始：anchor(\"background\")；其後第一段（通常是標題）加上書籤，"
              "審查意見回復表的修正頁次據此由排版取得。章節代號見 docs/review.md。",
    "styled": "以參考文件中的段落樣式寫一段文字：styled(\"文字\", \"CoverTitle\", align=\"center\")；"
              "樣式以 Word 樣式代號（styleId）指定，參考文件必須有此樣式。",
}


class Directives:
    """The directive functions a template calls; they collect native blocks by number."""

    def __init__(self, context: TemplateContext, builders: Mapping[str, TableBuilder],
                 styles: Collection[str] | None = None,
                 count_block: Callable[[int], None] | None = None):
        self._context = context
        self._builders = builders
        self._styles = styles
        # A native block is output too: it and its text count towards the render's limits.
        self._count_block = count_block or (lambda chars: None)
        self.blocks: dict[int, tuple[Block, ...]] = {}

    def functions(self) -> dict[str, Callable[..., Markup]]:
        """Return the directive functions by their template names."""
        return {"table": self.table, "title": self.title, "toc": self.toc,
                "page_break": self.page_break, "section": self.section, "styled": self.styled,
                "anchor": self.anchor}

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

    def styled(self, text: str, style: str, align: Align | None = None) -> Markup:
        """Return the placeholder of a paragraph of `text` in the reference style `style`."""
        if self._styles is not None and style not in self._styles:
            raise TemplateDirectiveError(f"參考文件沒有 Word 樣式「{style}」",
                                         f"the reference document has no Word style '{style}'")
        if align is not None and align not in ALIGNMENTS:
            raise TemplateDirectiveError(f"align 只接受 left、center 或 right，不是「{align}」",
                                         f"align takes left, center or right, not '{align}'")
        return self._place((Para.of(str(text), style=str(style), align=align),))

    def toc(self) -> Markup:
        """Return the placeholder of the table of contents."""
        return _fence("toc")

    def anchor(self, key: str) -> Markup:
        """Return the placeholder that marks where section `key` starts (its page is measured)."""
        if key not in SECTION_KEYS:
            known = "、".join(SECTION_KEYS)
            raise TemplateDirectiveError(f"沒有代號為「{key}」的章節；可用的代號：{known}",
                                         f"there is no section '{key}'; sections: {known}")
        return _fence(f"anchor {key}")

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
        for block in blocks:
            self._count_block(_block_chars(block))
        number = len(self.blocks) + 1
        self.blocks[number] = blocks
        return _fence(f"block {number}")


class TemplateDirectiveError(Exception):
    """A directive was called wrongly in a template."""

    def __init__(self, message_zh: str, message_en: str):
        super().__init__(message_en)
        self.message_zh = message_zh


def _block_chars(block: Block) -> int:
    """Return the characters a native block holds (each paragraph and cell counts one more)."""
    if isinstance(block, Table):
        return sum(1 + sum(len(run.text) for line in cell.lines for run in line)
                   for row in block.rows for cell in row.cells)
    if isinstance(block, Para):
        return 1 + sum(len(run.text) for run in block.runs)
    return 1


def _fence(content: str) -> Markup:
    return Markup(f"\n\n```{DIRECTIVE_INFO}\n{content}\n```\n\n")


def render(library: Library, context: TemplateContext, builders: Mapping[str, TableBuilder],
           limits: RenderLimits | None = None, styles: Collection[str] | None = None) -> Rendered:
    """Return the proposal's Markdown; raise TemplateProblem naming the template and line."""
    limits = limits or RenderLimits.from_env()
    env = make_environment(library, limits)
    directives = Directives(context, builders, styles,
                            count_block=lambda chars: env.guard.count_block(chars))
    env.globals.update(directives.functions())
    env.start(limits)
    try:
        template = env.get_template(library.entry)
        chunks = _generate(template, context.variables(), env)
    except TemplateProblem:
        raise
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateProblem(f"樣板語法錯誤：{exc.message}", f"template syntax error: {exc.message}",
                              exc.filename or exc.name or library.entry, exc.lineno) from exc
    except RefusedTemplate as exc:
        raise _located(exc, library, exc.reason.zh, exc.reason.en) from exc
    except TemplateTooLarge as exc:
        raise _located(exc, library, f"樣板檔案過大：{exc.message}",
                       f"template file too large: {exc.message}") from exc
    except jinja2.TemplateNotFound as exc:
        detail = f"（{exc.message}）" if exc.message and exc.message != exc.name else ""
        raise _located(exc, library, f"找不到樣板「{exc.name}」{detail}",
                       f"template '{exc.name}' not found{detail}") from exc
    except RecursionError as exc:
        raise _located(exc, library, "樣板遞迴過深（巨集、include 或 extends 呼叫自己？）",
                       "the template recurses too deeply (a macro, include or extends calling "
                       "itself?)") from None
    except MemoryError as exc:
        raise _located(exc, library, "樣板用盡記憶體", "the template ran out of memory") from None
    except Exception as exc:
        raise _problem(exc, library) from exc
    return Rendered(markdown="".join(chunks), blocks=directives.blocks)


def _generate(template: jinja2.Template, variables: dict[str, Any],
              env: MarkdownSandbox) -> list[str]:
    """Return the output chunks; a limit is raised inside the template that was writing."""
    chunks: list[str] = []
    generator: Generator[str, None, None] = template.generate(variables)  # type: ignore[assignment]
    for chunk in generator:
        try:
            env.guard.count_output(chunk)
        except LimitExceeded as exc:
            file, line = _writing_template(generator, env)
            generator.close()
            raise TemplateProblem(exc.message_zh, str(exc), file or str(template.filename),
                                  line) from None
        chunks.append(chunk)
    return chunks


def _writing_template(generator: Any, env: MarkdownSandbox) -> tuple[str, int | None]:
    """Return the file and line of the innermost template suspended in writing output."""
    found: tuple[str, int | None] = ("", None)
    seen: set[int] = set()
    while generator is not None and id(generator) not in seen:
        seen.add(id(generator))
        frame = generator.gi_frame
        if frame is None:
            break
        name = frame.f_globals.get("name")
        if frame.f_globals.get("environment") is env and isinstance(name, str):
            template = env.get_template(name)
            found = (template.filename or name, template.get_corresponding_lineno(frame.f_lineno))
        generator = generator.gi_yieldfrom or next(
            (value for value in frame.f_locals.values()
             if inspect.isgenerator(value) and value.gi_frame is not None), None)
    return found


def _located(exc: BaseException, library: Library, zh: str, en: str) -> TemplateProblem:
    file, line = _template_frame(exc, library)
    return TemplateProblem(zh, en, file or str(library.root / library.entry), line)


def _problem(exc: Exception, library: Library) -> TemplateProblem:
    if isinstance(exc, RefusedCall):
        return _located(exc, library, f"樣板呼叫了不允許的方法：{exc.method}",
                        f"the template calls a method that is not allowed: {exc.method}")
    if isinstance(exc, jinja2.sandbox.SecurityError):
        return _located(exc, library, f"樣板試圖存取不允許的內部屬性或方法（沙箱拒絕）：{exc}",
                        f"the template tried to reach Python internals or a refused method (sandbox): {exc}")
    if isinstance(exc, LimitExceeded):
        return _located(exc, library, exc.message_zh, str(exc))
    if isinstance(exc, jinja2.UndefinedError):
        return _located(exc, library, f"樣板使用了未定義的變數或欄位：{exc.message}",
                        f"the template uses an undefined variable or field: {exc.message}")
    if isinstance(exc, LabelError):
        key = ".".join(exc.path)
        return _located(exc, library, f"樣板庫的 tables.yaml 缺少「{key}」",
                        f"tables.yaml lacks '{key}'")
    if isinstance(exc, TemplateDirectiveError):
        return _located(exc, library, exc.message_zh, str(exc))
    return _located(exc, library, f"樣板執行錯誤：{type(exc).__name__}: {exc}",
                    f"template error: {type(exc).__name__}: {exc}")


def _template_frame(exc: BaseException, library: Library) -> tuple[str | None, int | None]:
    """Return the file and line of the innermost template frame in `exc`'s traceback."""
    roots = [Path(p) for p in library.search_path]
    found: tuple[str | None, int | None] = (None, None)
    for frame in traceback.extract_tb(exc.__traceback__):
        path = Path(frame.filename)
        if any(root in path.parents for root in roots):
            found = (frame.filename, frame.lineno)
    return found
