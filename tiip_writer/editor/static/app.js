// The editor page: outline, section form, findings, budget panel, preview, saving.
"use strict";

(function () {
  const {Builder, el} = window.TiipForm;
  const settings = JSON.parse(document.body.dataset.settings);
  const lang = settings.lang === "en" ? "en" : "zh";

  const TEXT = {
    zh: {
      brand: "計畫書編輯器", undo: "復原", redo: "重做", save: "存檔", build: "產生 Word",
      draft: "草稿", reload: "重新載入（放棄我的修改）", "keep-mine": "保留我的版本",
      findings: "檢核結果", budget: "經費", preview: "預覽", saved: "已存檔", unsaved: "未存檔",
      required: "必填", yes: "是", no: "否", add: "新增", "add-row": "新增一列", remove: "刪除",
      up: "上移", down: "下移", details: "其他欄位", computed: "工具計算", "new-key": "代號",
      "chars": (n) => `${n} 字`, "chars-of": (n, m) => `${n} / ${m} 字`,
      "no-findings": "沒有檢核問題。", "whole-file": "整份文件",
      error: "錯誤", warning: "警告", info: "建議", hint: "提示",
      "external": "檔案已被其他程式修改。", "conflict": "檔案在編輯器外被修改，尚未存檔。請選擇：",
      "reloaded": "已載入檔案在磁碟上的新內容。", "budget-blocked": "目前無法計算經費；請先修正檢核結果中的錯誤。",
      category: "會計科目", subsidy: "補助款", self: "自籌款", total: "合計", share: "占比",
      "person-months": "總人月", limits: "經費上限檢核", figure: "本計畫", limit: "限制",
      units: "各單位經費", "building": "產生中…", "saving": "存檔中…", "undo-none": "沒有可復原的步驟。",
      "pct": "百分比", "line": "第 {n} 行",
    },
    en: {
      brand: "Proposal editor", undo: "Undo", redo: "Redo", save: "Save", build: "Build Word",
      draft: "Draft", reload: "Reload (discard mine)", "keep-mine": "Keep my version",
      findings: "Findings", budget: "Budget", preview: "Preview", saved: "Saved", unsaved: "Unsaved",
      required: "required", yes: "yes", no: "no", add: "Add", "add-row": "Add a row", remove: "Remove",
      up: "Move up", down: "Move down", details: "More fields", computed: "Computed", "new-key": "id",
      "chars": (n) => `${n} chars`, "chars-of": (n, m) => `${n} / ${m} chars`,
      "no-findings": "No findings.", "whole-file": "Whole file",
      error: "error", warning: "warning", info: "info", hint: "hint",
      "external": "Another program changed the file.", "conflict": "The file changed outside the editor and is not saved. Choose:",
      "reloaded": "Loaded the new content of the file on disk.", "budget-blocked": "The budget cannot be computed yet; fix the errors in Findings first.",
      category: "Category", subsidy: "Subsidy", self: "Self-funding", total: "Total", share: "Share",
      "person-months": "Person-months", limits: "Budget limits", figure: "This plan", limit: "Limit",
      units: "Budget by unit", "building": "Building…", "saving": "Saving…", "undo-none": "Nothing to undo.",
      "pct": "Share", "line": "line {n}",
    },
  };
  function t(key, ...args) {
    const value = TEXT[lang][key];
    return typeof value === "function" ? value(...args) : (value === undefined ? key : value);
  }

  let schema = null;
  let state = null;
  let current = null; // the selected section key
  const pending = new Map(); // pointer -> edit not yet sent (typing)
  let timer = null;
  let inFlight = Promise.resolve();
  let previewTimer = null;

  async function api(path, body) {
    const options = {headers: {"X-Tiip-Token": settings.token}};
    if (body !== undefined) {
      options.method = "POST";
      options.headers["Content-Type"] = "application/json";
      options.body = JSON.stringify(body);
    }
    const response = await fetch(path, options);
    const data = await response.json().catch(() => ({}));
    return {status: response.status, data};
  }

  // --- sending edits ------------------------------------------------------------------

  // Typing is sent after a short pause, one request at a time, in order.
  let lastText = ""; // the text typed last: the preview scrolls to where it appears
  function send(edit, typing) {
    if (typeof edit.value === "string") lastText = edit.value;
    pending.set(edit.pointer, edit);
    clearTimeout(timer);
    timer = setTimeout(flush, typing ? 250 : 0);
  }

  function flush() {
    if (!pending.size) return inFlight;
    const edits = [...pending.values()];
    pending.clear();
    inFlight = inFlight.then(async () => {
      const {status, data} = await api("/api/edit", {edits});
      if (status === 200) update(data, false);
      else toast(data.error || String(status), true);
    });
    return inFlight;
  }

  async function structural(edit) {
    await flush();
    inFlight = inFlight.then(async () => {
      const {status, data} = await api("/api/edit", {edits: [edit]});
      if (status === 200) update(data, true);
      else toast(data.error || String(status), true);
    });
    return inFlight;
  }

  // --- state → page -------------------------------------------------------------------

  function update(next, rerender) {
    state = next;
    document.getElementById("save-state").textContent = state.dirty ? "● " + t("unsaved") : "✓ " + t("saved");
    document.getElementById("save-state").classList.toggle("dirty", state.dirty);
    document.getElementById("undo").disabled = !state.can_undo;
    document.getElementById("redo").disabled = !state.can_redo;
    renderOutline();
    if (rerender || !document.getElementById("form").firstChild) renderForm();
    else refreshComputed();
    markFindings();
    renderFindings();
    renderBudget();
    schedulePreview();
    if (state.changed_on_disk) onExternalChange();
  }

  function sectionOf(pointer) {
    const first = (pointer || "").split("/")[1];
    return first ? first.replace(/~1/g, "/").replace(/~0/g, "~") : null;
  }

  function sectionTitle(key) {
    const raw = schema.properties[key];
    if (!raw) return key;
    return builder().title(key, raw);
  }

  function renderOutline() {
    const nav = document.getElementById("outline");
    const worst = {};
    const counts = {};
    const rank = {error: 3, warning: 2, info: 1};
    for (const f of state.findings) {
      const s = sectionOf(f.pointer);
      if (!s) continue;
      counts[s] = (counts[s] || 0) + 1;
      if (!worst[s] || rank[f.severity] > rank[worst[s]]) worst[s] = f.severity;
    }
    nav.replaceChildren(...Object.keys(schema.properties).map((key) => {
      const present = state.data && key in state.data;
      const item = el("button", {type: "button", class: "outline-item" + (key === current ? " active" : "") + (present ? "" : " absent"),
        "data-section": key, onclick: () => select(key)}, [el("span", {class: "outline-title", text: sectionTitle(key)})]);
      if (counts[key]) item.append(el("span", {class: "mark sev-" + worst[key], title: t(worst[key]), text: String(counts[key])}));
      return item;
    }));
  }

  function select(key, focusPointer) {
    if (key !== current) {
      current = key;
      renderOutline();
      renderForm();
      markFindings();
    }
    if (focusPointer) reveal(focusPointer);
  }

  function builder() {
    return new Builder(schema, {t, lang, send, structural, computed: state.computed, limits: state.length_limits,
      exists: (pointer) => resolvePointer(pointer) !== undefined});
  }

  function resolvePointer(pointer) {
    let node = state.data;
    for (const token of pointer.split("/").slice(1)) {
      if (node === null || typeof node !== "object") return undefined;
      node = node[token.replace(/~1/g, "/").replace(/~0/g, "~")];
    }
    return node;
  }

  function renderForm() {
    const form = document.getElementById("form");
    const scroll = form.scrollTop;
    const key = current;
    const raw = schema.properties[key];
    const required = new Set(schema.required || []);
    const heading = el("div", {class: "form-head"}, [el("h1", {text: sectionTitle(key)})]);
    const lead = builder().description(raw);
    if (lead) heading.append(el("p", {class: "lead", text: lead}));
    const body = builder().field(key, raw, state.data ? state.data[key] : undefined, "/" + key, required.has(key));
    body.classList.add("section-root");
    body.querySelector(".field-label").remove();
    const help = body.querySelector(":scope > .help");
    if (help) help.remove();
    form.replaceChildren(heading, body);
    form.scrollTop = scroll;
  }

  function refreshComputed() {
    for (const node of document.querySelectorAll("[data-computed]")) {
      const text = state.computed[node.dataset.computed];
      const prefix = node.classList.contains("computed") ? "= " : "";
      node.textContent = text ? prefix + text : "";
    }
  }

  function findingNode(f) {
    const cls = "finding sev-" + f.severity;
    const node = el("div", {class: cls}, [el("span", {class: "badge", text: t(f.severity)}),
      el("span", {class: "message", text: f.message})]);
    if (f.hint) node.append(el("div", {class: "hint", text: t("hint") + (lang === "en" ? ": " : "：") + f.hint}));
    return node;
  }

  // Each finding is shown at the field its pointer names, or at the nearest field above it.
  function markFindings() {
    const form = document.getElementById("form");
    for (const node of form.querySelectorAll(".field-findings")) node.replaceChildren();
    for (const node of form.querySelectorAll(".has-finding")) node.classList.remove("has-finding", "sev-error", "sev-warning", "sev-info");
    for (const f of state.findings) {
      if (sectionOf(f.pointer) !== current) continue;
      const target = nearest(form, f.pointer);
      if (!target) continue;
      target.classList.add("has-finding", "sev-" + f.severity);
      const detail = target.closest(".detail-row");
      if (detail) detail.hidden = false; // a finding behind a row's "⋯" is shown, not hidden
      const slot = target.tagName === "TR"
        ? form.querySelector(`[data-row-findings="${CSS.escape(target.dataset.pointer)}"]`)
        : target.querySelector(":scope > .field-findings");
      (slot || target).append(findingNode(f));
    }
  }

  function nearest(root, pointer) {
    let p = pointer;
    while (p) {
      const found = root.querySelector(`[data-pointer="${CSS.escape(p)}"]`);
      if (found) return found;
      p = p.slice(0, p.lastIndexOf("/"));
    }
    return null;
  }

  function reveal(pointer) {
    const form = document.getElementById("form");
    const target = nearest(form, pointer);
    if (!target) return;
    const detail = target.closest(".detail-row");
    if (detail) detail.hidden = false;
    target.scrollIntoView({block: "center"});
    target.classList.add("flash");
    setTimeout(() => target.classList.remove("flash"), 1200);
    const input = target.matches("[data-input]") ? target : target.querySelector("[data-input]");
    if (input) input.focus({preventScroll: true});
  }

  function renderFindings() {
    const panel = document.getElementById("panel-findings");
    const count = document.getElementById("finding-count");
    const errors = state.findings.filter((f) => f.severity === "error").length;
    count.textContent = state.findings.length ? String(state.findings.length) : "";
    count.className = "count" + (errors ? " sev-error" : state.findings.length ? " sev-warning" : "");
    if (!state.findings.length) {
      panel.replaceChildren(el("p", {class: "empty ok", text: "✓ " + t("no-findings")}));
      return;
    }
    panel.replaceChildren(...state.findings.map((f) => {
      const section = sectionOf(f.pointer);
      const where = (section ? sectionTitle(section) : t("whole-file")) + " · " + t("line").replace("{n}", f.line);
      const item = el("button", {type: "button", class: "finding-item sev-" + f.severity, "data-rule": f.rule,
        onclick: () => section && select(section, f.pointer)}, [
        el("div", {class: "finding-top"}, [el("span", {class: "badge", text: t(f.severity)}),
          el("span", {class: "where", text: where}), el("code", {class: "rule", text: f.rule})]),
        el("div", {class: "message", text: f.message})]);
      if (f.hint) item.append(el("div", {class: "hint", text: f.hint}));
      return item;
    }));
  }

  const fmt = (n) => Number(n).toLocaleString("en-US");

  function renderBudget() {
    const panel = document.getElementById("panel-budget");
    const b = state.budget;
    if (!b) {
      panel.replaceChildren(el("p", {class: "empty", text: t("budget-blocked")}));
      return;
    }
    const name = (g) => lang === "en" ? g.name_en : g.name;
    const rows = [el("tr", {}, ["category", "subsidy", "self", "total", "share"].map((k, i) => el("th", {class: i ? "num" : "", text: t(k)})))];
    for (const g of b.table.groups) {
      rows.push(el("tr", {}, [el("td", {text: name(g)}), el("td", {class: "num", text: fmt(g.subsidy)}),
        el("td", {class: "num", text: fmt(g.self_funding)}), el("td", {class: "num", text: fmt(g.total)}),
        el("td", {class: "num", text: g.share.toFixed(1) + "%"})]));
    }
    rows.push(el("tr", {class: "total-row"}, [el("td", {text: t("total")}), el("td", {class: "num", id: "budget-subsidy", text: fmt(b.table.subsidy)}),
      el("td", {class: "num", text: fmt(b.table.self_funding)}), el("td", {class: "num", id: "budget-total", text: fmt(b.table.total)}),
      el("td", {class: "num", text: "100.0%"})]));
    rows.push(el("tr", {class: "pct-row"}, [el("td", {text: t("pct")}), el("td", {class: "num", text: b.table.subsidy_pct.toFixed(1) + "%"}),
      el("td", {class: "num", text: b.table.self_funding_pct.toFixed(1) + "%"}), el("td", {}), el("td", {})]));
    const parts = [el("h2", {text: t("budget") + (lang === "en" ? " (NT$ thousand)" : "（新台幣千元）")}),
      el("table", {class: "figures"}, rows),
      el("p", {class: "pm", text: `${t("person-months")}：${fmt(b.person_months)}`})];
    if (b.units.length > 1) {
      const unitRows = [el("tr", {}, [el("th", {text: ""}), el("th", {class: "num", text: t("subsidy")}), el("th", {class: "num", text: t("total")}), el("th", {class: "num", text: t("share")})])];
      for (const u of b.units) unitRows.push(el("tr", {}, [el("td", {text: `${u.id} ${u.name}`}), el("td", {class: "num", text: fmt(u.table.subsidy)}),
        el("td", {class: "num", text: fmt(u.table.total)}), el("td", {class: "num", text: u.share.toFixed(1) + "%"})]));
      parts.push(el("h3", {text: t("units")}), el("table", {class: "figures"}, unitRows));
    }
    parts.push(el("h3", {text: t("limits")}));
    const limits = el("ul", {class: "limits"});
    for (const m of b.limits) {
      const section = sectionOf(m.pointer);
      limits.append(el("li", {class: "limit " + (m.ok ? "ok" : "fail sev-" + m.severity), "data-rule": m.rule}, [
        el("span", {class: "mark-ok", text: m.ok ? "✓" : "✗"}),
        el("span", {class: "limit-label"}, [
          el("button", {type: "button", class: "linklike", text: m.label[lang], onclick: () => section && select(section, m.pointer)}),
          m.detail ? el("span", {class: "limit-detail", text: m.detail[lang]}) : null]),
        el("span", {class: "limit-figures"}, [el("strong", {class: "figure", text: m.figure_text[lang]}), el("span", {class: "bound", text: " " + m.limit_text[lang]})]),
      ]));
    }
    parts.push(limits);
    panel.replaceChildren(...parts);
  }

  function schedulePreview() {
    clearTimeout(previewTimer);
    previewTimer = setTimeout(async () => {
      const {status, data} = await api("/api/preview");
      if (status === 200) {
        // Built on the server by markdown-it with raw HTML off and every value escaped.
        const preview = document.getElementById("preview");
        preview.innerHTML = data.html;
        preview.dataset.version = String(Date.now());
        showInPreview(preview, lastText);
      }
    }, 150);
  }

  // Scroll the preview to the paragraph holding the text typed last, and mark it.
  function showInPreview(preview, typed) {
    const snippet = (typed || "").split("\n").map((line) => line.trim()).find((line) => line.length >= 4);
    if (!snippet) return;
    const probe = snippet.slice(0, 16);
    for (const node of preview.querySelectorAll("p, li, td, h1, h2, h3, h4")) {
      if (node.textContent.includes(probe)) {
        node.classList.add("just-edited");
        const panel = document.getElementById("panel-preview");
        panel.scrollTop += node.getBoundingClientRect().top - panel.getBoundingClientRect().top - 80;
        return;
      }
    }
  }

  // --- the file on disk ---------------------------------------------------------------

  function banner(text) {
    document.getElementById("banner-text").textContent = text;
    document.getElementById("banner").hidden = false;
  }

  async function onExternalChange() {
    if (!state.dirty && !pending.size) {
      await reload();
      toast(t("reloaded"));
    } else {
      banner(t("conflict"));
    }
  }

  async function reload() {
    await flush();
    const {status, data} = await api("/api/reload", {});
    if (status === 200) {
      document.getElementById("banner").hidden = true;
      update(data, true);
    } else toast(data.error || String(status), true);
  }

  async function save(force) {
    await flush();
    await inFlight;
    const {status, data} = await api("/api/save", {force: !!force});
    if (status === 409) return banner(t("conflict"));
    if (status !== 200) return toast(data.error || String(status), true);
    document.getElementById("banner").hidden = true;
    update(data, false);
    toast(t("saved") + "：" + state.file);
  }

  async function build() {
    await flush();
    await inFlight;
    toast(t("building"));
    const {status, data} = await api("/api/build", {draft: document.getElementById("draft").checked});
    if (status === 409) return banner(t("conflict"));
    const refreshed = await api("/api/state");
    if (refreshed.status === 200) update(refreshed.data, false);
    toast(data.message, !data.ok, data.path);
  }

  function toast(message, bad, path) {
    const node = document.getElementById("toast");
    node.replaceChildren(el("span", {text: message}));
    if (path) node.append(el("code", {class: "path", text: path}));
    node.className = "toast" + (bad ? " bad" : "");
    node.hidden = false;
    clearTimeout(node._timer);
    node._timer = setTimeout(() => { node.hidden = true; }, bad ? 9000 : 5000);
  }

  async function step(kind) {
    await flush();
    await inFlight;
    const {status, data} = await api("/api/" + kind, {});
    if (status === 200) update(data, true);
  }

  async function poll() {
    const {status, data} = await api("/api/status");
    if (status === 200 && data.changed_on_disk && document.getElementById("banner").hidden) {
      const full = await api("/api/state");
      if (full.status === 200) update(full.data, false);
    }
  }

  // --- start --------------------------------------------------------------------------

  for (const node of document.querySelectorAll("[data-t]")) node.textContent = t(node.dataset.t);
  document.getElementById("file-name").textContent = settings.file;
  document.getElementById("save").addEventListener("click", () => save(false));
  document.getElementById("build").addEventListener("click", build);
  document.getElementById("undo").addEventListener("click", () => step("undo"));
  document.getElementById("redo").addEventListener("click", () => step("redo"));
  document.getElementById("banner-reload").addEventListener("click", reload);
  document.getElementById("banner-keep").addEventListener("click", () => save(true));
  for (const tab of document.querySelectorAll(".tab")) {
    tab.addEventListener("click", () => {
      for (const other of document.querySelectorAll(".tab")) other.classList.toggle("active", other === tab);
      for (const panel of document.querySelectorAll(".panel")) panel.classList.toggle("active", panel.id === "panel-" + tab.dataset.panel);
    });
  }
  document.addEventListener("keydown", (event) => {
    if ((event.ctrlKey || event.metaKey) && event.key === "s") {
      event.preventDefault();
      save(false);
    }
  });
  window.addEventListener("beforeunload", (event) => {
    if (state && (state.dirty || pending.size)) event.preventDefault();
  });

  (async function start() {
    const [s, st] = await Promise.all([api("/api/schema"), api("/api/state")]);
    schema = s.data;
    current = Object.keys(schema.properties).find((k) => state === null && st.data.data && k in st.data.data && k !== "format_version") || "programme";
    update(st.data, true);
    document.body.classList.add("ready");
    setInterval(poll, 2000);
  })();
})();
