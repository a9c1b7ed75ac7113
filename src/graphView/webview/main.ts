/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// The graph panel's webview: draws what the extension sends (positions come
// from the layout in the extension), and sends back what the user does. All
// server text is set as textContent, never parsed as markup. Bundled by
// esbuild.js into dist/graphView.js.

import type { FromHost, FromWebview, NodeAction, ViewEdge, ViewNode, ViewWords } from '../protocol';

type GraphMsg = Extract<FromHost, { type: 'graph' }>;
declare function acquireVsCodeApi(): { postMessage(m: FromWebview): void };

const vscode = acquireVsCodeApi();
const SVG = 'http://www.w3.org/2000/svg';
const $ = (id: string) => document.getElementById(id) as HTMLElement;
const canvas = document.getElementById('canvas') as unknown as SVGSVGElement;
const toolbar = $('toolbar');
const notes = $('notes');
const menu = $('menu');

let words: ViewWords | undefined;
let graph: GraphMsg | undefined;
let selected: string | undefined;
let current: string | undefined;
let view = { tx: 20, ty: 20, k: 1 };
let world: SVGGElement | undefined;
const nodeEls = new Map<string, SVGGElement>();

function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number> = {}, parent?: Element): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  parent?.appendChild(el);
  return el;
}

function html<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, parent?: Element): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (text !== undefined) el.textContent = text;
  parent?.appendChild(el);
  return el;
}

// ---------------------------------------------------------------- toolbar

let depthSel: HTMLSelectElement;
let kindsSel: HTMLSelectElement;

function buildToolbar(w: ViewWords): void {
  toolbar.replaceChildren();
  toolbar.setAttribute('aria-label', w.graph);
  const depthLabel = html('label', `${w.depth} `, toolbar);
  depthSel = html('select', undefined, depthLabel);
  depthSel.id = 'depth';
  for (let d = 1; d <= 5; d++) html('option', String(d), depthSel).value = String(d);
  depthSel.value = String(graph?.depth ?? 2);
  depthSel.addEventListener('change', () => vscode.postMessage({ type: 'depth', depth: Number(depthSel.value) }));
  const kindsLabel = html('label', `${w.relationships} `, toolbar);
  kindsSel = html('select', undefined, kindsLabel);
  kindsSel.id = 'kinds';
  for (const k of ['dependencies', 'hierarchy', 'all'] as const) html('option', w.kinds[k], kindsSel).value = k;
  kindsSel.value = graph?.kinds ?? 'all';
  kindsSel.addEventListener('change', () => vscode.postMessage({ type: 'kinds', kinds: kindsSel.value as 'all' }));
  const button = (id: string, text: string, run: () => void) => {
    const b = html('button', text, toolbar);
    b.id = id;
    b.addEventListener('click', run);
  };
  button('refresh', w.refresh, () => vscode.postMessage({ type: 'refresh' }));
  html('span', undefined, toolbar).className = 'sep';
  button('fit', w.fit, fit);
  button('zoomIn', '+', () => zoomAt(1.25));
  button('zoomOut', '−', () => zoomAt(0.8));
  (toolbar.querySelector('#zoomIn') as HTMLElement).setAttribute('aria-label', w.zoomIn);
  (toolbar.querySelector('#zoomOut') as HTMLElement).setAttribute('aria-label', w.zoomOut);
  html('span', undefined, toolbar).className = 'sep';
  button('copyMermaid', w.copyMermaid, () => vscode.postMessage({ type: 'export', format: 'mermaid' }));
  button('copyDot', w.copyDot, () => vscode.postMessage({ type: 'export', format: 'dot' }));
  button('insertMermaid', w.insertMermaid, () => vscode.postMessage({ type: 'export', format: 'insertMermaid' }));
}

// ---------------------------------------------------------------- drawing

function applyView(): void {
  world?.setAttribute('transform', `translate(${view.tx} ${view.ty}) scale(${view.k})`);
}

function fit(): void {
  if (!graph) return;
  const r = canvas.getBoundingClientRect();
  const pad = 24;
  const k = Math.min(1.25, (r.width - 2 * pad) / Math.max(1, graph.width), (r.height - 2 * pad) / Math.max(1, graph.height));
  view = { k: Math.max(0.05, k), tx: 0, ty: 0 };
  view.tx = (r.width - graph.width * view.k) / 2;
  view.ty = (r.height - graph.height * view.k) / 2;
  applyView();
}

function zoomAt(factor: number, cx?: number, cy?: number): void {
  const r = canvas.getBoundingClientRect();
  const x = cx ?? r.width / 2;
  const y = cy ?? r.height / 2;
  const k = Math.min(4, Math.max(0.05, view.k * factor));
  view = { k, tx: x - ((x - view.tx) * k) / view.k, ty: y - ((y - view.ty) * k) / view.k };
  applyView();
}

function edgePath(e: ViewEdge, nodes: Map<string, ViewNode>): string {
  const p = e.points;
  if (!p.length) {
    // A link of an issue to itself: a small loop over its top edge.
    const n = nodes.get(e.from);
    if (!n) return '';
    const x = n.x + n.w - 30;
    return `M ${x} ${n.y} c 0 -24 24 -24 24 0`;
  }
  let d = `M ${p[0].x} ${p[0].y}`;
  for (let i = 1; i < p.length; i++) {
    const a = p[i - 1];
    const b = p[i];
    const dx = (b.x - a.x) / 2;
    d += ` C ${a.x + dx} ${a.y} ${b.x - dx} ${b.y} ${b.x} ${b.y}`;
  }
  return d;
}

function marker(defs: SVGDefsElement, id: string): void {
  const m = svg('marker', { id, viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' }, defs);
  svg('path', { d: 'M 0 0 L 10 5 L 0 10 z' }, m);
}

function render(g: GraphMsg): void {
  const oldRoot = graph && world ? graph.nodes.find((n) => n.root) : undefined;
  const focusedKey = (document.activeElement as HTMLElement | null)?.dataset?.key;
  graph = g;
  if (depthSel) depthSel.value = String(g.depth);
  if (kindsSel) kindsSel.value = g.kinds;
  notes.replaceChildren();
  for (const n of g.notes) html('p', n.text, notes).className = n.error ? 'error' : '';

  canvas.replaceChildren();
  canvas.setAttribute('aria-label', `${words?.graph ?? ''}: ${g.root}`);
  const defs = svg('defs', {}, canvas);
  for (const id of ['arrow', 'arrow-h', 'arrow-d', 'arrow-e']) marker(defs, id);
  world = svg('g', {}, canvas);
  const byKey = new Map(g.nodes.map((n) => [n.key, n]));
  const edgeLayer = svg('g', { 'aria-hidden': 'true' }, world);
  for (const e of g.edges) {
    const el = svg('g', { class: `edge ${e.kind}${e.cycle ? ' cycle' : ''}` }, edgeLayer);
    svg('title', {}, el).textContent = e.title;
    const arrow = e.cycle ? 'arrow-e' : e.kind === 'parent' || e.kind === 'epic' ? 'arrow-h' : e.kind === 'duplicates' ? 'arrow-d' : 'arrow';
    const path = svg('path', { d: edgePath(e, byKey) }, el);
    if (e.directed) path.setAttribute('marker-end', `url(#${arrow})`);
  }
  nodeEls.clear();
  for (const n of g.nodes) {
    const el = svg('g', { class: nodeClass(n), transform: `translate(${n.x} ${n.y})`, tabindex: 0, role: 'button', 'aria-label': n.label }, world);
    el.dataset.key = n.key;
    svg('title', {}, el).textContent = n.title;
    svg('rect', { class: 'box', width: n.w, height: n.h, rx: 4 }, el);
    svg('rect', { class: 'stripe', width: 5, height: n.h, rx: 2 }, el);
    const key = svg('text', { class: 'key', x: 12, y: 18 }, el);
    key.textContent = n.key;
    const status = svg('text', { class: 'status', x: n.w - 8, y: 18, 'text-anchor': 'end' }, el);
    status.textContent = n.status;
    svg('text', { class: 'summary', x: 12, y: 36 }, el).textContent = n.summary;
    if (n.current) {
      const dot = svg('circle', { class: 'current', cx: n.w - 8, cy: n.h - 8, r: 4 }, el);
      svg('title', {}, dot).textContent = words?.current ?? '';
    }
    if (n.more) {
      const more = svg('g', { class: 'moreMark', transform: `translate(${n.w} ${n.h / 2})` }, el);
      svg('circle', { class: 'more', r: 8 }, more);
      svg('text', { class: 'moreText', 'text-anchor': 'middle', y: 4 }, more).textContent = '+';
      svg('title', {}, more).textContent = words?.more ?? '';
    }
    el.addEventListener('click', () => select(n.key));
    el.addEventListener('dblclick', () => act('makeCurrent', n.key));
    el.addEventListener('keydown', (ev) => onNodeKey(ev, n));
    el.addEventListener('contextmenu', (ev) => {
      ev.preventDefault();
      ev.stopPropagation();
      select(n.key);
      openMenu(n.key, ev.clientX, ev.clientY);
    });
    nodeEls.set(n.key, el);
  }
  const newRoot = g.nodes.find((n) => n.root);
  if (g.keepView && oldRoot && newRoot) {
    // The same issue grew or shrank: keep its node where it was on screen.
    view.tx += (oldRoot.x - newRoot.x) * view.k;
    view.ty += (oldRoot.y - newRoot.y) * view.k;
    applyView();
  } else {
    fit();
  }
  if (focusedKey && nodeEls.has(focusedKey)) nodeEls.get(focusedKey)?.focus();
  requestAnimationFrame(() => vscode.postMessage({ type: 'painted', nodes: g.nodes.length }));
}

function nodeClass(n: ViewNode): string {
  return ['node', `cat-${n.category}`, n.root ? 'root' : '', n.current ? 'isCurrent' : '', n.key === selected ? 'selected' : '', n.error ? 'failed' : ''].filter(Boolean).join(' ');
}

function select(key: string): void {
  if (selected && nodeEls.get(selected)) nodeEls.get(selected)?.classList.remove('selected');
  selected = key;
  nodeEls.get(key)?.classList.add('selected');
  vscode.postMessage({ type: 'select', key });
}

function act(type: NodeAction, key: string): void {
  vscode.postMessage({ type, key });
}

// ---------------------------------------------------------------- keyboard

/** The nearest node in a direction: same layer up/down, neighbouring layers left/right. */
function neighbour(from: ViewNode, dir: 'ArrowUp' | 'ArrowDown' | 'ArrowLeft' | 'ArrowRight'): ViewNode | undefined {
  if (!graph) return undefined;
  const cy = from.y + from.h / 2;
  let best: ViewNode | undefined;
  let bestScore = Infinity;
  for (const n of graph.nodes) {
    if (n.key === from.key) continue;
    const dx = n.x - from.x;
    const dy = n.y + n.h / 2 - cy;
    let ok: boolean;
    let score: number;
    if (dir === 'ArrowUp' || dir === 'ArrowDown') {
      ok = dx === 0 && (dir === 'ArrowUp' ? dy < 0 : dy > 0);
      score = Math.abs(dy);
    } else {
      ok = dir === 'ArrowLeft' ? dx < 0 : dx > 0;
      score = Math.abs(dx) * 10 + Math.abs(dy);
    }
    if (ok && score < bestScore) {
      best = n;
      bestScore = score;
    }
  }
  return best;
}

function onNodeKey(ev: KeyboardEvent, n: ViewNode): void {
  switch (ev.key) {
    case 'Enter':
      act('makeCurrent', n.key);
      break;
    case ' ':
      select(n.key);
      break;
    case 'ContextMenu':
      openMenuAt(n.key);
      break;
    case 'F10':
      if (!ev.shiftKey) return;
      openMenuAt(n.key);
      break;
    case 'ArrowUp':
    case 'ArrowDown':
    case 'ArrowLeft':
    case 'ArrowRight': {
      const next = neighbour(n, ev.key);
      if (next) nodeEls.get(next.key)?.focus();
      break;
    }
    default:
      return;
  }
  ev.preventDefault();
}

// ---------------------------------------------------------------- context menu

let menuFor: string | undefined;

function openMenuAt(key: string): void {
  const r = nodeEls.get(key)?.getBoundingClientRect();
  select(key);
  openMenu(key, r ? r.left + 12 : 20, r ? r.bottom : 20);
}

function openMenu(key: string, x: number, y: number): void {
  if (!words) return;
  menuFor = key;
  menu.replaceChildren();
  const items: Array<[NodeAction, string]> = [
    ['open', words.open],
    ['showLinks', words.showLinks],
    ['graphAround', words.graphAround],
    ['copyKey', words.copyKey],
    ['makeCurrent', words.makeCurrent],
  ];
  for (const [action, text] of items) {
    const b = html('button', text, menu);
    b.setAttribute('role', 'menuitem');
    b.dataset.action = action;
    b.addEventListener('click', () => {
      closeMenu(false);
      act(action, key);
    });
  }
  menu.hidden = false;
  menu.style.left = `${Math.min(x, window.innerWidth - menu.offsetWidth - 4)}px`;
  menu.style.top = `${Math.min(y, window.innerHeight - menu.offsetHeight - 4)}px`;
  (menu.firstElementChild as HTMLElement | null)?.focus();
}

function closeMenu(refocus: boolean): void {
  if (menu.hidden) return;
  menu.hidden = true;
  if (refocus && menuFor) nodeEls.get(menuFor)?.focus();
}

menu.addEventListener('keydown', (ev) => {
  const items = [...menu.querySelectorAll('button')];
  const i = items.indexOf(document.activeElement as HTMLButtonElement);
  if (ev.key === 'Escape') closeMenu(true);
  else if (ev.key === 'ArrowDown') items[(i + 1) % items.length]?.focus();
  else if (ev.key === 'ArrowUp') items[(i - 1 + items.length) % items.length]?.focus();
  else if (ev.key === 'Tab') closeMenu(true);
  else return;
  ev.preventDefault();
});
document.addEventListener('mousedown', (ev) => {
  if (!menu.contains(ev.target as Node)) closeMenu(false);
});

// ---------------------------------------------------------------- pan and zoom

let drag: { x: number; y: number; tx: number; ty: number } | undefined;
canvas.addEventListener('pointerdown', (ev) => {
  if ((ev.target as Element).closest('.node') || ev.button !== 0) return;
  drag = { x: ev.clientX, y: ev.clientY, tx: view.tx, ty: view.ty };
  canvas.setPointerCapture(ev.pointerId);
  canvas.classList.add('panning');
});
canvas.addEventListener('pointermove', (ev) => {
  if (!drag) return;
  view.tx = drag.tx + ev.clientX - drag.x;
  view.ty = drag.ty + ev.clientY - drag.y;
  applyView();
});
const endDrag = () => {
  drag = undefined;
  canvas.classList.remove('panning');
};
canvas.addEventListener('pointerup', endDrag);
canvas.addEventListener('pointercancel', endDrag);
canvas.addEventListener(
  'wheel',
  (ev) => {
    ev.preventDefault();
    const r = canvas.getBoundingClientRect();
    zoomAt(ev.deltaY < 0 ? 1.1 : 1 / 1.1, ev.clientX - r.left, ev.clientY - r.top);
  },
  { passive: false },
);

// ---------------------------------------------------------------- messages

window.addEventListener('message', (ev: MessageEvent<FromHost>) => {
  const m = ev.data;
  switch (m?.type) {
    case 'words':
      words = m.words;
      buildToolbar(m.words);
      break;
    case 'loading':
      notes.replaceChildren(html('p', words?.loading ?? '…'));
      break;
    case 'graph':
      render(m);
      break;
    case 'current':
      current = m.key;
      if (graph) for (const n of graph.nodes) n.current = n.key === current;
      if (graph) render({ ...graph, keepView: true, notes: graph.notes });
      break;
    case 'failed':
      notes.replaceChildren();
      html('p', m.message, notes).className = 'error';
      break;
  }
});

vscode.postMessage({ type: 'ready' });
