"""The catalogue of user-facing sentences for input and schema findings, in zh-TW and English."""

from __future__ import annotations

from tiip_writer.foundation.diagnostics import Text

# key -> (Traditional Chinese, English); placeholders use str.format names.
CATALOGUE: dict[str, tuple[str, str]] = {
    # --- reading the file -------------------------------------------------------------------
    "io.not-found": ("找不到檔案。", "file not found."),
    "io.not-a-file": ("這不是一般檔案（可能是資料夾）。", "not a regular file (a folder?)."),
    "io.unreadable": ("無法讀取檔案：{reason}", "cannot read the file: {reason}"),
    "io.too-large": (
        "檔案有 {size:,} 位元組，超過上限 {limit:,} 位元組。",
        "the file has {size:,} bytes, over the limit of {limit:,} bytes.",
    ),
    "io.too-large.hint": (
        "計畫書不應這麼大；請確認選對了檔案，或以 --max-bytes 放寬上限。",
        "a proposal should not be this large; check the file, or raise the limit with --max-bytes.",
    ),
    "io.utf16": ("檔案是 UTF-16 編碼，tiip 只讀 UTF-8。", "the file is UTF-16; tiip reads UTF-8 only."),
    "io.not-utf8": (
        "檔案不是 UTF-8 編碼（第 {line} 行出現無法解讀的位元組{guess}）。",
        "the file is not UTF-8 (undecodable bytes on line {line}{guess_en}).",
    ),
    "io.not-utf8.hint": (
        ("請轉存為 UTF-8：在 VS Code 按右下角編碼 →「以編碼儲存」→ UTF-8；或執行 "
        "iconv -f BIG5 -t UTF-8 舊檔.yaml > 新檔.yaml"),
        ("convert it to UTF-8: in VS Code click the encoding in the status bar → 'Save with "
        "Encoding' → UTF-8; or run iconv -f BIG5 -t UTF-8 old.yaml > new.yaml"),
    ),
    # --- YAML ------------------------------------------------------------------------------
    "yaml.syntax": ("YAML 語法錯誤：{problem}", "YAML syntax error: {problem}"),
    "yaml.syntax.hint": (
        ("常見原因：縮排不一致（請用空白，不要用 Tab）、冒號後少了空白、文字中含有「: 」或「 #」"
        "時未加引號。"),
        ("common causes: inconsistent indentation (use spaces, not tabs), no space after a colon, "
        "text containing ': ' or ' #' left unquoted."),
    ),
    "yaml.empty": ("檔案是空的。", "the file is empty."),
    "yaml.empty.hint": (
        "用 tiip new 計畫書.yaml --plan 產業高值 產生一份完整的範本。",
        "run tiip new proposal.yaml --plan 產業高值 for a complete scaffold.",
    ),
    "yaml.not-mapping": (
        "計畫書的最上層必須是「欄位: 值」的對照表。",
        "the top level of a proposal must be a mapping of 'key: value'.",
    ),
    "yaml.duplicate-key": (
        "欄位「{key}」重複出現（第一次在第 {first_line} 行）。",
        "key '{key}' appears twice (first on line {first_line}).",
    ),
    "yaml.duplicate-key.hint": (
        "YAML 會默默用後面的值蓋掉前面的值；請刪除或合併其中一個。",
        "YAML would silently keep only the last value; delete or merge one of them.",
    ),
    "yaml.complex-key": ("欄位名稱必須是文字。", "a key must be plain text."),
    "yaml.merge-key": (
        "不支援 YAML 合併鍵「<<」。",
        "the YAML merge key '<<' is not supported.",
    ),
    "yaml.merge-key.hint": (
        "請直接寫出各欄位。", "write the keys out in full."),
    "yaml.tag": ("不支援的 YAML 標籤「{tag}」。", "unsupported YAML tag '{tag}'."),
    "yaml.tag.hint": (
        "計畫書只需要文字、數字、日期、清單與對照表；請移除「!」開頭的標籤。",
        "a proposal needs only text, numbers, dates, lists and mappings; remove the '!' tag.",
    ),
    "yaml.too-many-nodes": (
        "文件展開後超過 {limit:,} 個值（可能是錨點 & 與別名 * 的循環展開）。",
        ("the document expands to more than {limit:,} values (anchors & and aliases * "
        "multiplying)."),
    ),
    "yaml.leading-zero": (
        "「{raw}」開頭是 0，YAML 會把它當成數字而改變數值（例如統一編號會掉 0）。",
        ("'{raw}' starts with 0; YAML reads it as a number and changes it (a 統一編號 loses "
        "its leading zero)."),
    ),
    "yaml.leading-zero.hint": ('請加上引號："{raw}"', 'quote it: "{raw}"'),
    "yaml.control-char": (
        "文字中有看不見的控制字元 {char}（常見於從 PDF 或網頁複製的文字）。",
        ("invisible control character {char} in the text (common in text copied from PDFs or "
        "web pages)."),
    ),
    "yaml.control-char.hint": (
        "請刪除這個字元；在 VS Code 可開啟「檢視 → 顯示控制字元」找到它。",
        "delete the character; in VS Code turn on View → Render Control Characters to see it.",
    ),
    "yaml.unquoted": (
        "「{raw}」沒有加引號，YAML 把它讀成{yaml_type}，但「{title}」需要文字。",
        "'{raw}' is unquoted, so YAML reads it as {yaml_type_en}, but '{title}' needs text.",
    ),
    "yaml.unquoted.hint": ('請加上引號："{raw}"', 'quote it: "{raw}"'),
    # --- schema ----------------------------------------------------------------------------
    "schema.required": ("缺少必填欄位「{key}」（{title}）。", "missing required key '{key}' ({title})."),
    "schema.required.hint": (
        "請補上此欄位；不適用的項目請填「無」。",
        "add the key; for an item that does not apply, write 「無」.",
    ),
    "schema.unknown-key": ("未知的欄位「{key}」。", "unknown key '{key}'."),
    "schema.unknown-key.hint": ("是不是要寫「{suggestion}」？", "did you mean '{suggestion}'?"),
    "schema.unknown-key.hint-list": (
        "此處可用的欄位：{allowed}", "keys allowed here: {allowed}"),
    "schema.type": (
        "「{title}」應為{expected}，實際為{actual}。",
        "'{title}' must be {expected_en}, not {actual_en}.",
    ),
    "schema.empty": ("「{title}」不可空白。", "'{title}' must not be empty."),
    "schema.empty.hint": (
        "請填入內容；不適用的項目請填「無」。",
        "fill it in; for an item that does not apply, write 「無」.",
    ),
    "schema.enum": ("「{value}」不是「{title}」可用的值。", "'{value}' is not a valid '{title}'."),
    "schema.enum.hint": ("可用的值：{allowed}", "allowed values: {allowed}"),
    "schema.enum.hint-suggest": (
        "是不是要寫「{suggestion}」？可用的值：{allowed}",
        "did you mean '{suggestion}'? allowed values: {allowed}",
    ),
    "schema.const": ("「{title}」必須是 {expected}。", "'{title}' must be {expected}."),
    "schema.date": ("「{value}」不是有效的日期。", "'{value}' is not a valid date."),
    "schema.format": ("「{value}」不是有效的{title}。", "'{value}' is not a valid {title}."),
    "schema.pattern": ("「{value}」的格式不符合「{title}」的要求。", "'{value}' does not fit the form of '{title}'."),
    "schema.minimum": ("「{title}」不可小於 {limit}（目前為 {value}）。", "'{title}' must be at least {limit} (is {value})."),
    "schema.exclusive-minimum": ("「{title}」必須大於 {limit}（目前為 {value}）。", "'{title}' must be greater than {limit} (is {value})."),
    "schema.maximum": ("「{title}」不可大於 {limit}（目前為 {value}）。", "'{title}' must be at most {limit} (is {value})."),
    "schema.min-items": ("「{title}」至少要有 {limit} 項（目前 {count} 項）。", "'{title}' needs at least {limit} entries (has {count})."),
    "schema.max-items": ("「{title}」最多 {limit} 項（目前 {count} 項）。", "'{title}' allows at most {limit} entries (has {count})."),
    "schema.min-properties": ("「{title}」至少要有 {limit} 個項目。", "'{title}' needs at least {limit} entries."),
    "schema.unique": ("「{title}」中有重複的項目。", "'{title}' has duplicate entries."),
    "schema.one-of": ("「{value}」不符合「{title}」的格式。", "'{value}' does not fit the form of '{title}'."),
    "schema.other": ("「{title}」不符合格式：{detail}", "'{title}' is not valid: {detail}"),
    # --- tiip.toml --------------------------------------------------------------------------
    "config.syntax": ("tiip.toml 語法錯誤：{problem}", "tiip.toml syntax error: {problem}"),
    "config.hint": (
        "tiip.toml 的寫法見 docs/configuration.md；可用的規則代號見 tiip rules。",
        "see docs/configuration.md for tiip.toml; tiip rules lists the rule ids.",
    ),
    "config.unknown-section": (
        "tiip.toml 有未知的段落 [{section}]；可用的段落：{known}。",
        "tiip.toml has an unknown section [{section}]; known sections: {known}.",
    ),
    "config.unknown-rule": (
        "tiip.toml 的 [rules] 有未知的規則代號「{rule}」。",
        "tiip.toml [rules] names an unknown rule '{rule}'.",
    ),
    "config.level": (
        "tiip.toml 的「{rule}」設為「{value}」，可用的值：{known}。",
        "tiip.toml sets '{rule}' to '{value}'; allowed values: {known}.",
    ),
    "config.number": (
        "tiip.toml 的「{key}」應為數字，實際為「{value}」。",
        "tiip.toml '{key}' must be a number, not '{value}'.",
    ),
    "config.limit": (
        "tiip.toml 的「{key}」應為正整數（字數），實際為「{value}」。",
        "tiip.toml '{key}' must be a positive whole number (characters), not '{value}'.",
    ),
    "config.unknown-field": (
        "tiip.toml 的 [length_limits] 有計畫書格式中沒有的欄位「{key}」。",
        "tiip.toml [length_limits] names '{key}', which is not a field of the proposal format.",
    ),
    "config.unknown-threshold": (
        "tiip.toml 的 [thresholds] 有民國 {year} 年度規則集沒有的門檻「{name}」；可用的門檻：{known}。",
        ("tiip.toml [thresholds] names '{name}', which the rule set of programme year {year} "
        "does not have; known thresholds: {known}."),
    ),
    # --- programme-year rule set ------------------------------------------------------------
    "ruleset.unknown-year": (
        "沒有民國 {year} 年度的規則集；已知年度：{known}。",
        "there is no rule set for programme year {year}; known years: {known}.",
    ),
    "ruleset.unknown-year.hint": (
        ("請確認 programme.year；新年度的規則集由計畫辦公室以年度版本發布，請以 tiip templates "
         "install 安裝（tiip rules sets 列出已安裝的規則集）。"),
        ("check programme.year; the programme office publishes a new year's rule set as an "
         "edition: install it with tiip templates install (tiip rules sets lists those installed)."),
    ),
    "ruleset.invalid": (
        "民國 {year} 年度的規則集 {path} 無法使用：{reason}",
        "the rule set of programme year {year}, {path}, cannot be used: {reason}",
    ),
    "ruleset.invalid.hint": (
        "請執行 tiip rules lint {path} 找出問題所在的行與欄。",
        "run tiip rules lint {path} to see each problem's line and column.",
    ),
}

# Names of JSON types as users read them.
TYPE_NAMES: dict[str, tuple[str, str]] = {
    "string": ("文字", "text"),
    "integer": ("整數", "a whole number"),
    "number": ("數字", "a number"),
    "boolean": ("true 或 false", "true or false"),
    "object": ("「欄位: 值」的對照表", "a mapping of 'key: value'"),
    "array": ("以「- 」開頭的清單", "a list of '- ' items"),
    "null": ("空白", "empty"),
}

# What YAML made of an unquoted scalar, as users read it.
YAML_TYPE_NAMES: dict[str, tuple[str, str]] = {
    "int": ("整數", "a whole number"),
    "float": ("小數", "a decimal number"),
    "bool": ("布林值（是／否）", "a boolean (yes/no)"),
    "null": ("空值", "null"),
    "timestamp": ("日期", "a date"),
}


def msg(message_id: str, /, **kwargs: object) -> Text:
    """Return the catalogue sentence `message_id` filled with `kwargs`, in both languages."""
    zh, en = CATALOGUE[message_id]
    return Text(zh=zh.format(**kwargs), en=en.format(**kwargs))
