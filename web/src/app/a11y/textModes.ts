// 繁體 display and 拼音 annotation of the page text. Loaded only when a person switches one on
// (opencc-js with its phrase dictionary and pinyin-pro are large).
//
// React owns the text nodes, so they are never removed: a converted node gets its new value,
// and an annotated node is emptied with a <ruby> sibling placed after it. A MutationObserver
// redoes the work when React changes the text, and cleans up when React removes a node.
import { makeToTraditional } from './traditional';
import { customPinyin, pinyin } from 'pinyin-pro';

interface Modes { trad: boolean; pinyin: boolean }

const HAN = /[\u3400-\u9fff\uf900-\ufaff]/;
const NO_PINYIN = '[data-no-pinyin],select,option,optgroup,input,.ant-select-item,.ant-select-selection-item,.ant-select-selection-placeholder';
const SKIP = 'script,style,noscript,textarea,[data-no-convert],[data-jb-py],code,pre,[contenteditable="true"]';

const original = new WeakMap<Text, string>();
const written = new WeakMap<Text, string>();
const rubies = new WeakMap<Text, HTMLElement>();
const touched = new Set<Text>();

let toTrad: ((s: string) => string) | null = null;
let modes: Modes = { trad: false, pinyin: false };
let observer: MutationObserver | null = null;
let root: HTMLElement | null = null;

// pinyin-pro reads 项目的 as mù dì (目的, "purpose"): fix the common cases where 的 is a particle.
customPinyin({ '项目的': 'xiàng mù de', '题目的': 'tí mù de', '科目的': 'kē mù de', '节目的': 'jié mù de' });

function wanted(node: Text): boolean {
  const v = original.get(node) ?? node.nodeValue ?? '';
  if (!HAN.test(v)) return false;
  const parent = node.parentElement;
  return !!parent && !parent.closest(SKIP);
}

function buildRuby(text: string, display: string): HTMLElement {
  const wrap = document.createElement('span');
  wrap.setAttribute('data-jb-py', '');
  wrap.className = 'jb-py';
  const parts = pinyin(text, { type: 'all' });
  // The display string has the same length as the source (opencc converts char by char here
  // except for rare phrase changes; then fall back to the source characters).
  const chars = Array.from(display);
  const sameLength = chars.length === parts.length;
  let plain = '';
  const flush = () => { if (plain) { wrap.append(plain); plain = ''; } };
  parts.forEach((p, i) => {
    const ch = sameLength ? chars[i] : p.origin;
    if (p.isZh && p.pinyin) {
      flush();
      const ruby = document.createElement('ruby');
      ruby.append(ch);
      const rt = document.createElement('rt');
      rt.textContent = p.pinyin;
      // Screen readers read the characters once, not the annotation as well.
      rt.setAttribute('aria-hidden', 'true');
      ruby.append(rt);
      wrap.append(ruby);
    } else plain += ch;
  });
  flush();
  return wrap;
}

function render(node: Text) {
  const current = node.nodeValue ?? '';
  // A value we did not write means React changed the text: that is the new original.
  if (!original.has(node) || current !== written.get(node)) original.set(node, current);
  const src = original.get(node)!;
  rubies.get(node)?.remove();
  rubies.delete(node);
  if (!wanted(node)) { restore(node); return; }
  const display = modes.trad && toTrad ? toTrad(src) : src;
  touched.add(node);
  // The toolbar keeps its size, and form controls cannot show <ruby> (an <option> would read
  // "全quán部bù"): no annotation there; their 繁體 conversion is kept.
  if (modes.pinyin && !node.parentElement?.closest(NO_PINYIN)) {
    const ruby = buildRuby(src, display);
    node.after(ruby);
    rubies.set(node, ruby);
    node.nodeValue = '';
    written.set(node, '');
  } else {
    node.nodeValue = display;
    written.set(node, display);
  }
}

function restore(node: Text) {
  rubies.get(node)?.remove();
  rubies.delete(node);
  const src = original.get(node);
  if (src !== undefined && node.nodeValue === written.get(node)) node.nodeValue = src;
  original.delete(node);
  written.delete(node);
  touched.delete(node);
}

function walk(el: Node) {
  if (el.nodeType === Node.TEXT_NODE) { render(el as Text); return; }
  if (!(el instanceof Element) || el.closest(SKIP)) return;
  const it = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  const nodes: Text[] = [];
  for (let n = it.nextNode(); n; n = it.nextNode()) nodes.push(n as Text);
  nodes.forEach(render);
}

function onMutations(list: MutationRecord[]) {
  observer?.disconnect();
  try {
    for (const m of list) {
      if (m.type === 'characterData' && m.target.nodeType === Node.TEXT_NODE) {
        const t = m.target as Text;
        if (t.nodeValue !== written.get(t)) render(t);
      } else if (m.type === 'childList') {
        m.removedNodes.forEach((n) => { if (n.nodeType === Node.TEXT_NODE && touched.has(n as Text)) restore(n as Text); });
        m.addedNodes.forEach((n) => { if (!(n instanceof HTMLElement && n.hasAttribute('data-jb-py'))) walk(n); });
      }
    }
    // Rubies whose text node React removed with its parent's other children.
    for (const t of touched) if (!t.isConnected) restore(t);
  } finally {
    if (root) observer?.observe(root, { subtree: true, childList: true, characterData: true });
  }
}

export async function applyTextModes(el: HTMLElement, next: Modes) {
  if (next.trad && !toTrad) toTrad = makeToTraditional();
  modes = next;
  observer?.disconnect();
  if (!next.trad && !next.pinyin) {
    for (const t of [...touched]) restore(t);
    observer = null;
    root = null;
    return;
  }
  root = el;
  walk(el);
  observer ??= new MutationObserver(onMutations);
  observer.observe(el, { subtree: true, childList: true, characterData: true });
}
