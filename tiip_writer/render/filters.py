"""The filters templates may use: this project's own and a vetted subset of Jinja's built-ins.

Each filter carries its zh-TW description for docs/templates.md (generated from this table, so
the documentation lists exactly the filters a template can call). Jinja filters left out can
build huge text from a small input (`center`, `wordwrap`, `indent`, `format`), mark text as raw
(`safe`) or do nothing useful in a Word proposal (`urlize`, `xmlattr`, `tojson`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from markupsafe import Markup

from tiip_writer.render import formatting as fmt
from tiip_writer.render.markdown_text import escape_inline, prose_block

NONE_TEXT = "無"  # what the document says where the proposal has nothing


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


def markdown_text(value: Any) -> Markup:
    """Return `value` escaped as one line of Markdown text, marked as already escaped."""
    return Markup(escape_inline(str(value)))


# name -> (function, zh-TW description)
PROJECT_FILTERS: dict[str, tuple[Callable[..., Any], str]] = {
    "prose": (prose_filter, ("使用者撰寫的段落（Markdown），其標題降到第 level 層之下；空白時為「無」。"
                             "例：{{ proposal.background | prose(2) }}")),
    "md": (markdown_text, "把值當成一行純文字（跳脫 Markdown 符號）；{{ }} 輸出預設已如此處理。"),
    "or_none": (or_none, "值為空（None、空字串、空清單）時改為「無」。"),
    "roc_date": (fmt.roc_date, "日期 → 民國105年7月1日"),
    "roc_date_short": (fmt.roc_date_short, "日期 → 105/07/01"),
    "roc_month": (fmt.roc_month, "日期 → 105/07"),
    "roc_year_month": (fmt.roc_year_month, "日期 → 105年7月"),
    "roc_year": (fmt.roc_year, "西元年 → 民國年（2016 → 105）"),
    "money": (fmt.money, "新台幣千元金額 → 四捨五入的整數加千分位（1,234）；None 為「—」"),
    "number": (fmt.number, "數字加千分位；number(2) 固定兩位小數；None 為「—」"),
    "percent": (fmt.percent, "百分比數值 → 一位小數、不含 % 號（12.5）；None 為「—」"),
    "cn_join": (fmt.join_list, "清單以頓號「、」連接；cn_join(\"，\") 改用其他分隔"),
}

# Jinja built-in filters templates may use -> zh-TW description.
BUILTIN_FILTERS: dict[str, str] = {
    "abs": "絕對值",
    "attr": "取物件的欄位：x | attr(\"name\")",
    "batch": "把清單每 n 項分成一組",
    "capitalize": "首字母大寫，其餘小寫",
    "count": "項目數（同 length）",
    "default": "值未定義時改用預設值：x | default(\"無\")",
    "d": "default 的簡寫",
    "dictsort": "對照表依鍵排序成 (鍵, 值) 清單",
    "first": "第一項",
    "float": "轉為浮點數",
    "groupby": "依欄位分組：x | groupby(\"unit\")",
    "int": "轉為整數",
    "items": "對照表的 (鍵, 值) 清單",
    "join": "以分隔字串連接：x | join(\"、\")",
    "last": "最後一項",
    "length": "項目數或字數",
    "list": "轉為清單",
    "lower": "轉小寫",
    "map": "對每一項取欄位或套用過濾器：x | map(attribute=\"name\")",
    "max": "最大值",
    "min": "最小值",
    "reject": "排除通過測試的項目",
    "rejectattr": "排除欄位通過測試的項目",
    "replace": "取代文字：x | replace(\"舊\", \"新\")",
    "reverse": "反轉順序",
    "round": "四捨五入（Python 的 round 規則；金額請用 money）",
    "select": "保留通過測試的項目",
    "selectattr": "保留欄位通過測試的項目：x | selectattr(\"lead\")",
    "slice": "把清單平均切成 n 段",
    "sort": "排序：x | sort(attribute=\"code\")",
    "string": "轉為文字",
    "sum": "加總：x | sum(attribute=\"weight\")",
    "title": "每個英文字首字母大寫",
    "trim": "去除前後空白",
    "truncate": "截斷過長文字：x | truncate(50)",
    "unique": "去除重複項目",
    "upper": "轉大寫",
    "wordcount": "英文字數",
}

# Filters whose integer arguments (after the value) are widths, places or counts of pieces.
BOUNDED_ARGUMENT_FILTERS = frozenset({"number", "percent", "round", "slice", "truncate", "batch"})


def project_filters() -> dict[str, Callable[..., Any]]:
    """Return this project's filters by name."""
    return {name: function for name, (function, _doc) in PROJECT_FILTERS.items()}


def filter_docs() -> dict[str, str]:
    """Return {filter name: zh-TW description} for every filter a template may use."""
    docs = {name: doc for name, (_function, doc) in PROJECT_FILTERS.items()}
    docs.update(BUILTIN_FILTERS)
    return docs
