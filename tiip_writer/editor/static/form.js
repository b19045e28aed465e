// The section form, generated from the proposal's JSON Schema and its titles.
// User text only ever reaches the page as .value or .textContent, never as HTML.
"use strict";

window.TiipForm = (function () {
  const PROSE = "#/$defs/prose";
  const LESS_USED = ["subsidy_rate", "amount", "work_item"];
  const MAX_COLUMNS = 7; // besides #, the computed column and the row buttons

  function el(tag, attrs, children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === undefined || value === null || value === false) continue;
      if (key === "text") node.textContent = value;
      else if (key === "class") node.className = value;
      else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value === true ? "" : value);
    }
    for (const child of children || []) if (child) node.append(child);
    return node;
  }

  function join(pointer, key) {
    return pointer + "/" + String(key).replace(/~/g, "~0").replace(/\//g, "~1");
  }

  // Visible characters as writing.length counts them: everything but white space.
  function visibleLength(text) {
    let n = 0;
    for (const ch of text || "") if (!/\s/u.test(ch)) n++;
    return n;
  }

  class Builder {
    constructor(schema, ctx) {
      this.schema = schema;
      this.ctx = ctx; // {t, lang, send(edit), structural(edit), computed, limits}
    }

    resolve(node) {
      let seen = 0;
      while (node && node.$ref && seen++ < 20) {
        const path = node.$ref.replace(/^#\//, "").split("/");
        let target = this.schema;
        for (const part of path) target = target[part];
        const own = Object.assign({}, node);
        delete own.$ref;
        node = Object.assign({}, target, own);
      }
      return node || {};
    }

    kind(raw) {
      const s = this.resolve(raw);
      if (s.enum) return "enum";
      if (s.const !== undefined) return "const";
      const type = Array.isArray(s.type) ? "mixed" : s.type;
      if (type === "object" && !s.properties && (s.additionalProperties || s.patternProperties)) return "map";
      if (type === "array") {
        const items = this.resolve(s.items || {});
        return items.type === "object" ? "rows" : "list";
      }
      if (type === "string" && raw && (raw.$ref === PROSE || s.format === "prose")) return "prose";
      if (type === "string" && s.format === "date") return "date";
      if (s.oneOf) return "mixed";
      return type || "mixed";
    }

    // The schema's own words: `title` and `description` in Chinese, `x-title-en` (and
    // `x-description-en` where written) in English; a field's own words before its $ref's.
    word(raw, keyword) {
      const own = raw && raw[keyword];
      return own || this.resolve(raw)[keyword] || "";
    }

    title(key, raw) {
      const word = this.word(raw, this.ctx.lang === "en" ? "x-title-en" : "title");
      return word || String(key);
    }

    // The help line under a label. An English page without an English description shows
    // none (the Chinese one stays available as the label's tooltip, see tooltip()).
    description(raw) {
      return this.word(raw, this.ctx.lang === "en" ? "x-description-en" : "description");
    }

    tooltip(raw) {
      return this.description(raw) || this.word(raw, "description");
    }

    limitFor(pointer) {
      const tokens = pointer.split("/").slice(1);
      for (const [path, n] of Object.entries(this.ctx.limits || {})) {
        const parts = path.split(".");
        if (parts.length !== tokens.length) continue;
        if (parts.every((p, i) => p === "*" || p === tokens[i])) return n;
      }
      return null;
    }

    // --- one field -----------------------------------------------------------------------

    field(key, raw, value, pointer, required) {
      const s = this.resolve(raw);
      const kind = this.kind(raw);
      const label = el("label", {class: "field-label", text: this.title(key, raw)});
      if (required) label.append(el("span", {class: "required", text: "*", title: this.ctx.t("required")}));
      const help = this.description(raw);
      const box = el("div", {class: "field field-" + kind, "data-pointer": pointer});
      box.append(label);
      if (help && !["rows", "map"].includes(kind)) box.append(el("div", {class: "help", text: help}));
      if (this.tooltip(raw) && (!help || ["rows", "map"].includes(kind))) label.title = this.tooltip(raw);
      if (kind === "object" && value === undefined && !required) {
        // An optional group the proposal does not have (e.g. another plan type's items).
        box.classList.add("absent");
        box.append(el("button", {type: "button", class: "add", text: "＋ " + this.ctx.t("add") + " " + this.title(key, raw),
          onclick: () => this.ctx.structural({op: "set", pointer, value: this.blank(raw)})}));
        box.append(el("div", {class: "field-findings"}));
        return box;
      }
      box.append(this.control(kind, s, raw, value, pointer, required));
      this.computedBadge(box, pointer);
      box.append(el("div", {class: "field-findings"}));
      return box;
    }

    computedBadge(box, pointer) {
      const text = (this.ctx.computed || {})[pointer];
      if (text) box.append(el("div", {class: "computed", "data-computed": pointer, text: "= " + text}));
    }

    control(kind, s, raw, value, pointer, required) {
      switch (kind) {
        case "enum": return this.choice(s, value, pointer);
        case "boolean": return this.checkbox(value, pointer);
        case "integer": case "number": return this.number(value, pointer, kind);
        case "prose": return this.text(value, pointer, true);
        case "date": return this.text(value, pointer, false, "date");
        case "list": return this.list(s, value, pointer);
        case "rows": return this.rows(s, value, pointer);
        case "map": return this.map(s, value, pointer);
        case "object": return this.object(s, value, pointer);
        case "const": return el("span", {class: "const", text: String(s.const)});
        case "mixed": return this.text(value, pointer, false, "mixed");
        default: return this.text(value, pointer, typeof value === "string" && value.includes("\n"));
      }
    }

    choice(s, value, pointer) {
      const select = el("select", {"data-input": pointer});
      select.append(el("option", {value: "", text: "—"}));
      for (const option of s.enum) {
        select.append(el("option", {value: JSON.stringify(option), text: String(option)}));
      }
      select.value = value === undefined ? "" : JSON.stringify(value);
      select.addEventListener("change", () => {
        if (select.value === "") this.ctx.send({op: "remove", pointer});
        else this.ctx.send({op: "set", pointer, value: JSON.parse(select.value)});
      });
      return select;
    }

    checkbox(value, pointer) {
      const input = el("input", {type: "checkbox", "data-input": pointer});
      input.checked = value === true;
      input.addEventListener("change", () => this.ctx.send({op: "set", pointer, value: input.checked}));
      return el("label", {class: "switch"}, [input, el("span", {text: value === true ? this.ctx.t("yes") : this.ctx.t("no")})]);
    }

    number(value, pointer, kind) {
      const input = el("input", {type: "number", step: "any", inputmode: "decimal", "data-input": pointer});
      input.value = typeof value === "number" ? String(value) : (value === undefined ? "" : String(value));
      input.addEventListener("input", () => {
        const raw = input.value.trim();
        if (raw === "") return this.ctx.send({op: "remove", pointer}, true);
        const n = Number(raw);
        if (Number.isFinite(n)) this.ctx.send({op: "set", pointer, value: n}, true);
      });
      return input;
    }

    text(value, pointer, multiline, mode) {
      const limit = this.limitFor(pointer);
      const long = multiline || (limit && limit > 60);
      const input = long ? el("textarea", {rows: 5, "data-input": pointer})
                         : el("input", {type: "text", "data-input": pointer,
                                        placeholder: mode === "date" ? "YYYY-MM-DD" : null});
      input.value = value === undefined || value === null ? "" : String(value);
      if (long) input.rows = Math.min(18, Math.max(3, Math.ceil(visibleLength(input.value) / 38) + 1));
      const counter = long || limit ? el("div", {class: "counter"}) : null;
      const count = () => {
        if (!counter) return;
        const n = visibleLength(input.value);
        counter.textContent = limit ? this.ctx.t("chars-of", n, limit) : this.ctx.t("chars", n);
        counter.classList.toggle("over", !!limit && n > limit);
      };
      count();
      input.addEventListener("input", () => {
        count();
        let v = input.value;
        if (mode === "mixed" && /^-?\d+(\.\d+)?$/.test(v.trim())) v = Number(v.trim());
        if (v === "" && !long) return this.ctx.send({op: "remove", pointer}, true);
        this.ctx.send({op: "set", pointer, value: v, kind: mode === "date" ? "date" : ""}, true);
      });
      return counter ? el("div", {class: "text-with-counter"}, [input, counter]) : input;
    }

    // A text cell of a table: a one-line value that wraps inside its column (the whole item
    // name stays readable in a narrow column) and grows with it; Enter adds no line break.
    cellText(value, pointer, mode) {
      const input = el("textarea", {rows: 1, class: "cell-text", "data-input": pointer});
      input.value = value === undefined || value === null ? "" : String(value);
      input.addEventListener("keydown", (event) => { if (event.key === "Enter") event.preventDefault(); });
      input.addEventListener("input", () => {
        let v = input.value.replace(/\r?\n/g, " ");
        if (v !== input.value) input.value = v;
        if (mode === "mixed" && /^-?\d+(\.\d+)?$/.test(v.trim())) v = Number(v.trim());
        if (v === "") return this.ctx.send({op: "remove", pointer}, true);
        this.ctx.send({op: "set", pointer, value: v}, true);
      });
      return input;
    }

    list(s, value, pointer) {
      const items = Array.isArray(value) ? value : [];
      const wrap = el("div", {class: "chips"});
      items.forEach((item, i) => {
        const p = join(pointer, i);
        const input = el("input", {type: "text", "data-input": p, "data-pointer": p, value: String(item)});
        input.addEventListener("input", () => this.ctx.send({op: "set", pointer: p, value: input.value}, true));
        const remove = el("button", {type: "button", class: "icon", title: this.ctx.t("remove"), text: "×",
          onclick: () => this.ctx.structural({op: "remove", pointer: p})});
        wrap.append(el("span", {class: "chip"}, [input, remove]));
      });
      wrap.append(el("button", {type: "button", class: "add", text: "＋ " + this.ctx.t("add"),
        onclick: () => this.ctx.structural(Array.isArray(value)
          ? {op: "insert", pointer, index: items.length, value: ""}
          : {op: "set", pointer, value: [""]})}));
      return wrap;
    }

    object(s, value, pointer) {
      const data = value && typeof value === "object" ? value : {};
      const grid = el("div", {class: "grid"});
      const required = new Set(s.required || []);
      for (const [key, raw] of Object.entries(s.properties || {})) {
        grid.append(this.field(key, raw, data[key], join(pointer, key), required.has(key)));
      }
      return grid;
    }

    map(s, value, pointer) {
      const data = value && typeof value === "object" ? value : {};
      const valueSchema = s.additionalProperties && s.additionalProperties !== true
        ? s.additionalProperties : Object.values(s.patternProperties || {})[0] || {};
      const kind = this.kind(valueSchema);
      const simple = ["number", "integer"].includes(kind);
      const wrap = el("div", {class: simple ? "map map-inline" : "map"});
      for (const [key, item] of Object.entries(data)) {
        const p = join(pointer, key);
        const remove = el("button", {type: "button", class: "icon", title: this.ctx.t("remove"), text: "×",
          onclick: () => this.ctx.structural({op: "remove", pointer: p})});
        if (simple) {
          const input = this.number(item, p, kind);
          wrap.append(el("span", {class: "pair", "data-pointer": p}, [el("span", {class: "key", text: key}), input, remove]));
        } else {
          const section = el("div", {class: "map-entry", "data-pointer": p},
            [el("div", {class: "map-key"}, [el("strong", {text: key}), remove])]);
          this.computedBadge(section, p);
          section.append(this.control(kind, this.resolve(valueSchema), valueSchema, item, p, false));
          section.append(el("div", {class: "field-findings"}));
          wrap.append(section);
        }
      }
      const name = el("input", {type: "text", class: "new-key", placeholder: this.ctx.t("new-key")});
      const add = el("button", {type: "button", class: "add", text: "＋ " + this.ctx.t("add"), onclick: () => {
        const key = name.value.trim();
        if (!key || key in data) return;
        this.ctx.structural({op: "set", pointer: join(pointer, key), value: this.blank(valueSchema)});
      }});
      wrap.append(el("span", {class: "add-key"}, [name, add]));
      return wrap;
    }

    // --- rows: team, work items, checkpoints, budget lines --------------------------------

    rows(s, value, pointer) {
      const items = Array.isArray(value) ? value : [];
      const itemSchema = this.resolve(s.items || {});
      const props = Object.entries(itemSchema.properties || {});
      const required = new Set(itemSchema.required || []);
      const nested = props.some(([, raw]) => this.kind(raw) === "rows");
      return nested ? this.cards(items, props, required, pointer, s)
                    : this.table(items, props, required, pointer, s);
    }

    rowControls(pointer, i, count, addValue) {
      const p = join(pointer, i);
      return el("span", {class: "row-actions"}, [
        el("button", {type: "button", class: "icon", title: this.ctx.t("up"), text: "↑", disabled: i === 0,
          onclick: () => this.ctx.structural({op: "move", pointer, index: i, to: i - 1})}),
        el("button", {type: "button", class: "icon", title: this.ctx.t("down"), text: "↓", disabled: i === count - 1,
          onclick: () => this.ctx.structural({op: "move", pointer, index: i, to: i + 1})}),
        el("button", {type: "button", class: "icon danger", title: this.ctx.t("remove"), text: "×",
          onclick: () => this.ctx.structural({op: "remove", pointer: p})}),
      ]);
    }

    addRowButton(pointer, count, itemSchema, exists) {
      return el("button", {type: "button", class: "add", text: "＋ " + this.ctx.t("add-row"),
        onclick: () => this.ctx.structural(exists
          ? {op: "insert", pointer, index: count, value: this.blank(itemSchema)}
          : {op: "set", pointer, value: [this.blank(itemSchema)]})});
    }

    isColumn(raw, key, required) {
      const kind = this.kind(raw);
      // Per-line overrides (a line's own subsidy rate, a declared amount, the work item it
      // serves) are seldom filled in: they sit behind the row's "⋯" so the columns that are
      // filled in on every line keep their room at a laptop's width.
      if (!required && LESS_USED.includes(key)) return false;
      if (["enum", "boolean", "number", "integer", "date"].includes(kind)) return true;
      if (kind === "map") return true;
      if (kind === "list") return true;
      if (kind === "string" || kind === "mixed") return required || ["item", "name", "purpose", "kpi"].includes(key);
      return false;
    }

    table(items, props, required, pointer, s) {
      // A budget line (it has its own subsidy rate) shows what every line needs; its optional
      // fields (sets, a contract fee, the agreement…) wait behind "⋯", marked when filled in.
      const budgetLine = props.some(([key]) => key === "subsidy_rate");
      // Required columns first, then what the tool computes from them, then the optional ones.
      // A person's or an item's name reads with the required columns even where it is optional.
      const leading = (key) => required.has(key) || key === "name";
      const columns = props.filter(([key, raw]) => this.isColumn(raw, key, required.has(key))
        && (!budgetLine || required.has(key)));
      columns.sort(([a], [b]) => Number(leading(b)) - Number(leading(a)));
      // What does not fit a laptop's width (1440 px) beside them goes behind "⋯" too.
      columns.splice(Math.max(MAX_COLUMNS, columns.filter(([key]) => leading(key)).length));
      const columnKeys = new Set(columns.map(([key]) => key));
      const details = props.filter(([key]) => !columnKeys.has(key));
      const hasComputed = items.some((_, i) => (this.ctx.computed || {})[join(pointer, i)]);
      const split = columns.filter(([key]) => leading(key)).length;
      const headCell = ([key, raw]) => el("th", {text: this.title(key, raw), title: this.tooltip(raw)});
      const head = el("tr", {}, [el("th", {class: "num", text: "#"}),
        ...columns.slice(0, split).map(headCell),
        hasComputed ? el("th", {class: "computed-head", text: this.ctx.t("computed")}) : null,
        ...columns.slice(split).map(headCell),
        el("th", {class: "actions-head"})]);
      const body = el("tbody");
      items.forEach((item, i) => {
        const p = join(pointer, i);
        const row = el("tr", {"data-pointer": p, class: "data-row"}, [el("td", {class: "num", text: String(i + 1)})]);
        columns.forEach(([key, raw], c) => {
          if (c === split && hasComputed) row.append(el("td", {class: "computed-cell", "data-computed": p, text: (this.ctx.computed || {})[p] || ""}));
          const cp = join(p, key);
          const kind = this.kind(raw);
          const cell = el("td", {"data-pointer": cp, class: "cell cell-" + kind});
          const value = item ? item[key] : undefined;
          cell.append(["string", "mixed"].includes(kind) && !this.limitFor(cp)
            ? this.cellText(value, cp, kind)
            : this.control(kind, this.resolve(raw), raw, value, cp, required.has(key)));
          cell.append(el("div", {class: "field-findings"}));
          row.append(cell);
        });
        if (hasComputed && split === columns.length) row.append(el("td", {class: "computed-cell", "data-computed": p, text: (this.ctx.computed || {})[p] || ""}));
        const actions = el("td", {class: "actions-cell"}, [this.rowControls(pointer, i, items.length)]);
        row.append(actions);
        body.append(row);
        if (details.length) {
          const detail = el("tr", {class: "detail-row", hidden: true});
          const grid = el("div", {class: "grid"});
          for (const [key, raw] of details) grid.append(this.field(key, raw, item ? item[key] : undefined, join(p, key), required.has(key)));
          detail.append(el("td", {colspan: String(columns.length + (hasComputed ? 3 : 2))}, [grid]));
          // The "⋯" says which of the fields behind it hold a value, so none is overlooked.
          const filled = details.filter(([key]) => item && item[key] !== undefined && item[key] !== "")
            .map(([key, raw]) => this.title(key, raw));
          const toggle = el("button", {type: "button", class: "icon more" + (filled.length ? " filled" : ""),
            title: this.ctx.t("details") + (filled.length ? ": " + filled.join(", ") : ""), text: "⋯",
            "aria-expanded": "false",
            onclick: () => { detail.hidden = !detail.hidden; toggle.classList.toggle("open", !detail.hidden);
              toggle.setAttribute("aria-expanded", String(!detail.hidden)); }});
          const buttons = actions.firstChild; // ↑ ↓ in one column, ⋯ × in the next
          buttons.insertBefore(toggle, buttons.lastChild);
          row.append(el("td", {hidden: true}));
          body.append(detail);
        }
        const findings = el("tr", {class: "row-findings"}, [el("td", {colspan: String(columns.length + (hasComputed ? 3 : 2))}, [el("div", {class: "field-findings", "data-row-findings": p})])]);
        body.append(findings);
      });
      const table = el("table", {class: "rows"}, [el("thead", {}, [head]), body]);
      return el("div", {class: "rows-wrap"}, [el("div", {class: "table-scroll"}, [table]),
        this.addRowButton(pointer, items.length, this.resolve(s.items || {}), Array.isArray(items) && items.length >= 0 && this.ctx.exists(pointer))]);
    }

    cards(items, props, required, pointer, s) {
      const wrap = el("div", {class: "cards"});
      items.forEach((item, i) => {
        const p = join(pointer, i);
        const header = el("div", {class: "card-head"}, [
          el("strong", {text: [item && item.code, item && item.name].filter(Boolean).join("　") || "#" + (i + 1)}),
          this.rowControls(pointer, i, items.length)]);
        const card = el("div", {class: "card", "data-pointer": p}, [header]);
        this.computedBadge(card, p);
        const grid = el("div", {class: "grid"});
        for (const [key, raw] of props) grid.append(this.field(key, raw, item ? item[key] : undefined, join(p, key), required.has(key)));
        card.append(grid, el("div", {class: "field-findings"}));
        wrap.append(card);
      });
      wrap.append(this.addRowButton(pointer, items.length, this.resolve(s.items || {}), this.ctx.exists(pointer)));
      return wrap;
    }

    // A new row or entry: every required field present, empty, for the user to fill in.
    blank(raw) {
      const s = this.resolve(raw);
      const kind = this.kind(raw);
      if (kind === "enum") return s.enum[0];
      if (kind === "number" || kind === "integer") return s.minimum !== undefined ? s.minimum : 0;
      if (kind === "boolean") return false;
      if (kind === "list" || kind === "rows") return [];
      if (kind === "map") return {};
      if (kind === "object") {
        const out = {};
        for (const key of s.required || []) out[key] = this.blank(s.properties[key]);
        return out;
      }
      return "";
    }
  }

  return {Builder, el, join, visibleLength};
})();
