/**
 * The review page's style and behaviour, inline in the page (it must work from a file, offline).
 * The script reads only the page's own data attributes: it never parses or inserts notice text.
 */

export const REVIEW_CSS = `
:root { --fg: #1d1d1f; --dim: #6e6e73; --line: #d2d2d7; --hl: #fff3b0; --hl-strong: #ffd84d; --warn: #b25000; --warn-bg: #fff4e5; --err: #c00; --err-bg: #fdecec; --lead: #0a6b2e; --resp: #0b4f9c; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--fg); font: 15px/1.6 system-ui, "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "WenQuanYi Zen Hei", sans-serif; }
header.top { position: sticky; top: 0; z-index: 2; background: #fafafa; border-bottom: 1px solid var(--line); padding: .5rem 1rem; }
h1 { font-size: 1.2rem; margin: 0; }
h2 { font-size: 1rem; margin: 0 0 .5rem; color: var(--dim); }
.meta { margin: 0; color: var(--dim); font-size: .85rem; overflow-wrap: anywhere; }
.filters { display: flex; flex-wrap: wrap; gap: .4rem 1rem; align-items: center; margin-top: .4rem; font-size: .9rem; }
.filters select { max-width: 16rem; font: inherit; }
#f-count { color: var(--dim); }
main { padding: 0 1rem 2rem; }
main.split { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 1.5rem; padding: 0; }
main.split .pane { height: calc(100vh - var(--top, 7rem)); overflow: auto; padding: .75rem 1rem 3rem; }
main.split .source { border-left: 1px solid var(--line); background: #fcfcfc; }
ol.tasks { list-style: none; margin: 0; padding: 0; }
ol.tasks ol.tasks { margin-left: 1rem; padding-left: .6rem; border-left: 2px solid #eee; }
.task { margin: .15rem 0; }
.task[hidden] { display: none; }
.task-head { cursor: pointer; border-radius: 4px; padding: .1rem .3rem; }
.task-head:hover, .task-head:focus-visible { background: #f0f4ff; outline: none; }
.task.selected > .task-head { background: var(--hl-strong); }
.branch > .task-head .title { font-weight: 600; }
.id { color: var(--dim); font-size: .75rem; font-variant-numeric: tabular-nums; margin-right: .2rem; }
.label { color: #555; margin-right: .15rem; }
.task-body { margin: 0 0 .25rem .3rem; font-size: .85rem; }
.task-body:empty { display: none; }
.role { display: inline-block; min-width: 2.2em; color: var(--dim); }

.owners:not(.inherited) .unit { color: var(--lead); }
.owners:not(.inherited) .role + .unit { font-weight: 600; }
.inherited { color: var(--dim); font-style: italic; }
.inherited .role::before { content: "↑"; }
.from { font-size: .75rem; }
.unit.collective { border-bottom: 1px dashed currentColor; }
.unit.collective::after { content: "（泛指）"; font-size: .7rem; color: var(--dim); }
.deadline time { color: var(--dim); font-variant-numeric: tabular-nums; }
.diag { border-radius: 3px; padding: .05rem .3rem; margin: .1rem 0; font-size: .8rem; }
.diag.warning { color: var(--warn); background: var(--warn-bg); }
.diag.error { color: var(--err); background: var(--err-bg); }
.diag.info { color: var(--dim); }
.warned > .task-head { box-shadow: inset 3px 0 0 var(--warn); }
.doc-diagnostics { margin: .3rem 0 0; padding-left: 1.2rem; }
.src { margin: .3rem 0; white-space: pre-wrap; overflow-wrap: anywhere; border-radius: 4px; cursor: pointer; }
p.src { padding: .1rem .3rem; }
.ln { display: inline-block; min-width: 2.5em; color: var(--dim); font-size: .7rem; user-select: none; font-variant-numeric: tabular-nums; }
.table-wrap { overflow-x: auto; }
.src-table { border-collapse: collapse; font-size: .85rem; width: 100%; }
.src-table td { border: 1px solid var(--line); padding: .2rem .35rem; vertical-align: top; white-space: pre-wrap; overflow-wrap: anywhere; min-width: 3em; }
.src.diag-warning { background: var(--warn-bg); box-shadow: inset 3px 0 0 var(--warn); }
.src.diag-error { background: var(--err-bg); box-shadow: inset 3px 0 0 var(--err); }
.note-row td { border: 0; padding: 0; }
.src.hl, tr.src.hl td { background: var(--hl); }
.src-table tr.src td.hl-cell { background: var(--hl-strong); }
p.src.hl { box-shadow: inset 4px 0 0 var(--hl-strong); }
.empty { color: var(--dim); }
@media (max-width: 800px) {
  main.split { display: block; }
  main.split .pane { height: auto; overflow: visible; }
  main.split .source { border-left: 0; border-top: 1px solid var(--line); }
  header.top { position: static; }
}
@media print {
  header.top { position: static; background: none; }
  .filters { display: none; }
  main.split { display: block; }
  main.split .pane { height: auto; overflow: visible; }
  /* A task's heading stays with its owners and deadline; a long subtree still breaks between tasks. */
  .task-head, .task-body, .src { break-inside: avoid; }
  .task-head { break-after: avoid; }
  .task[hidden] { display: block; }
  body { font-size: 10.5pt; }
}
`;

export const REVIEW_SCRIPT = `
"use strict";
(function () {
  var selected = [];
  var header = document.querySelector("header.top");
  function fitPanes() { document.documentElement.style.setProperty("--top", header.offsetHeight + "px"); }
  window.addEventListener("resize", fitPanes);
  fitPanes();

  function clear() {
    selected.forEach(function (el) { el.classList.remove("selected", "hl", "hl-cell"); });
    selected = [];
  }
  function select(task, scrollTask) {
    clear();
    task.classList.add("selected");
    selected.push(task);
    var first = null;
    (task.dataset.src || "").split(" ").forEach(function (id) {
      var el = id && document.getElementById(id);
      if (!el) return;
      el.classList.add(el.tagName === "TD" ? "hl-cell" : "hl");
      selected.push(el);
      first = first || el;
    });
    if (first) first.scrollIntoView({ block: "center" });
    if (scrollTask) task.scrollIntoView({ block: "center" });
    history.replaceState(null, "", "#" + task.id);
  }
  document.addEventListener("click", function (event) {
    var head = event.target.closest(".task-head");
    if (head) { select(head.parentElement, false); return; }
    var src = event.target.closest("[data-tasks]");
    if (src) {
      var task = document.getElementById("t-" + src.dataset.tasks.split(" ")[0]);
      if (task) { task.hidden = false; select(task, true); }
    }
  });
  document.addEventListener("keydown", function (event) {
    var head = event.target.closest && event.target.closest(".task-head");
    if (head && (event.key === "Enter" || event.key === " ")) { event.preventDefault(); select(head.parentElement, false); }
  });

  var unit = document.getElementById("f-unit");
  var month = document.getElementById("f-month");
  var warn = document.getElementById("f-warn");
  var count = document.getElementById("f-count");
  function matches(task) {
    return (!unit.value || task.dataset.units.split("\\n").indexOf(unit.value) >= 0) &&
      (!month.value || task.dataset.month === month.value) &&
      (!warn.checked || task.dataset.warn === "1");
  }
  /** A task is shown when it matches, or when one of its subtasks does (to keep the path to it). */
  function filter(task) {
    var shown = false;
    var list = task.querySelector(":scope > ol.tasks");
    if (list) Array.prototype.forEach.call(list.children, function (child) { if (filter(child)) shown = true; });
    var self = matches(task);
    task.hidden = !(self || shown);
    task.classList.toggle("match", self);
    return self || shown;
  }
  function apply() {
    var top = document.querySelector(".ledger > ol.tasks");
    if (!top) return;
    Array.prototype.forEach.call(top.children, filter);
    var leaves = document.querySelectorAll(".task.leaf");
    var shown = document.querySelectorAll(".task.leaf.match:not([hidden])").length;
    count.textContent = shown + " / " + leaves.length + " 项末级任务";
  }
  [unit, month, warn].forEach(function (el) { el.addEventListener("change", apply); });
  apply();
  fitPanes();

  var target = location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1)));
  if (target && target.classList.contains("task")) select(target, true);
})();
`;
