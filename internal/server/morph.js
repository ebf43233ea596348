// folio live preview: the DOM morph. The server serves this file and
// live.js as one script (see server.go); the design is in the doc comment
// of folio/internal/server.
//
// morph(from, to) turns the live document `from` into the freshly parsed
// document `to` while touching as few nodes as it can, so that whatever the
// reader has (an open <details>, the focus, a selection, a playing video,
// loaded images, the scroll position) survives wherever the page did not
// change. It returns the nodes it changed or inserted, for the highlight.
//
// Children are matched in three ways, in order: children identical to new
// ones are kept where they are, as anchors (equal runs at the start and the
// end, then the longest common subsequence by markup of what lies between,
// by patience matching on long lists); between two anchors, old and new children of the same kind (node type,
// tag, id) are morphed into each other in order; what is left is inserted
// or removed. Anchors keep their order, so no node is ever moved, which
// would restart media and drop the selection.
//
// What the reader or the preview owns is left alone: the `open` attribute
// of <details>, the live script's data-state, the cache-busting `folio`
// query the preview adds to stylesheets, and any element marked
// data-folio-permanent.

// liveScriptOf finds the live script's own tag in a document.
function liveScriptOf(doc) {
  return doc.querySelector('script[src$="/_folio/live.js"]');
}

// sameStylesheet reports whether two hrefs name one stylesheet, apart from
// the preview's cache buster.
function sameStylesheet(a, b) {
  const strip = (href) => {
    try {
      const u = new URL(href, location.href);
      u.searchParams.delete('folio');
      return u.href;
    } catch {
      return href;
    }
  };
  return strip(a) === strip(b);
}

// ownedAttr reports whether attribute name of element el belongs to the
// reader or the preview rather than to the page.
function ownedAttr(el, name) {
  return (name === 'open' && el.localName === 'details') ||
    (name === 'data-state' && el.localName === 'script' && el.matches('script[src$="/_folio/live.js"]'));
}

// syncAttributes makes from's attributes those of to, and reports whether
// any changed.
function syncAttributes(from, to) {
  let changed = false;
  for (const { name, value } of to.attributes) {
    if (ownedAttr(from, name) || from.getAttribute(name) === value) continue;
    if (name === 'href' && from.localName === 'link' && sameStylesheet(from.getAttribute(name), value)) continue;
    from.setAttribute(name, value);
    changed = true;
  }
  for (const { name } of [...from.attributes]) {
    if (!to.hasAttribute(name) && !ownedAttr(from, name)) {
      from.removeAttribute(name);
      changed = true;
    }
  }
  return changed;
}

// signature is the exact markup of a node that may serve as an anchor, or
// null for nodes too common to anchor on (white space, comments).
function signature(node) {
  switch (node.nodeType) {
    case Node.ELEMENT_NODE:
      return node.outerHTML;
    case Node.TEXT_NODE:
      return node.data.trim() === '' ? null : '#text' + node.data;
    default:
      return null;
  }
}

// sameKind reports whether an old node can be morphed into a new one
// rather than replaced.
function sameKind(a, b) {
  if (a.nodeType !== b.nodeType) return false;
  if (a.nodeType !== Node.ELEMENT_NODE) return true;
  return a.localName === b.localName && a.id === b.id && a.namespaceURI === b.namespaceURI;
}

function morphNode(from, to, changes) {
  if (from.nodeType !== Node.ELEMENT_NODE) {
    if (from.data !== to.data) {
      from.data = to.data;
      if (from.parentElement) changes.push(from.parentElement);
    }
    return;
  }
  if (from.hasAttribute('data-folio-permanent')) return;
  if (syncAttributes(from, to)) changes.push(from);
  if (from.localName === 'script') return; // never re-run, never rewritten
  if (from.localName === 'template') {
    if (from.innerHTML !== to.innerHTML) {
      from.innerHTML = to.innerHTML;
      changes.push(from);
    }
    return;
  }
  morphChildren(from, to, changes);
}

// morphChildren makes from's children those of to: identical children
// matched as anchors (anchorPairs) stay; the gaps between are filled.
// Identical runs at the start and the end are found first, by the
// browser's own isEqualNode (and scripts at the end paired as they stand),
// so that an edit of one block of a long page serialises nothing: only the
// children between those runs are compared by signature, and a single
// child on each side is morphed directly.
function morphChildren(from, to, changes) {
  // A stylesheet the preview is swapping out removes itself once its
  // successor has loaded (live.js, refreshStyles): leave it be.
  const olds = [...from.childNodes].filter((n) => !(n.nodeType === Node.ELEMENT_NODE && n.hasAttribute('data-folio-stale')));
  const news = [...to.childNodes];
  let head = 0;
  while (head < olds.length && head < news.length && olds[head].isEqualNode(news[head])) head++;
  let oe = olds.length;
  let ne = news.length;
  while (oe > head && ne > head) {
    const o = olds[oe - 1];
    const n = news[ne - 1];
    if (!o.isEqualNode(n)) {
      // The live script closes every page and differs on each (its etag):
      // scripts at the end pair up as they stand (patchRefusal has made
      // sure that the others are the same).
      if (o.localName !== 'script' || !sameKind(o, n)) break;
      morphNode(o, n, changes);
    }
    oe--;
    ne--;
  }
  const before = oe < olds.length ? olds[oe] : null;
  const oldMid = olds.slice(head, oe);
  const newMid = news.slice(head, ne);
  if (oldMid.length <= 1 && newMid.length <= 1) {
    fillGap(from, oldMid, newMid, before, changes);
    return;
  }
  let o = 0;
  let n = 0;
  for (const [oi, ni] of anchorPairs(oldMid.map(signature), newMid.map(signature), 0, 0)) {
    fillGap(from, oldMid.slice(o, oi), newMid.slice(n, ni), oldMid[oi], changes);
    o = oi + 1;
    n = ni + 1;
  }
  fillGap(from, oldMid.slice(o), newMid.slice(n), before, changes);
}

// LCS_CELLS bounds the table of a longest-common-subsequence match.
const LCS_CELLS = 250000;

// anchorPairs matches equal signatures of a (old) and b (new) in order, as
// [index in a, index in b] pairs increasing in both, offset by ao and bo:
// the longest common subsequence where the table is small; otherwise the
// signatures unique on both sides (patience), their longest increasing run,
// and the same again between them. A null signature never matches.
function anchorPairs(a, b, ao, bo) {
  if (a.length === 0 || b.length === 0) return [];
  if (a.length * b.length <= LCS_CELLS) return lcsPairs(a, b, ao, bo);
  const count = new Map();
  a.forEach((s, i) => { if (s !== null) { const c = count.get(s) || { a: 0, b: 0, i: 0 }; c.a++; c.i = i; count.set(s, c); } });
  const unique = [];
  b.forEach((s, j) => { const c = s !== null && count.get(s); if (c) { c.b++; c.j = j; } });
  for (const c of count.values()) if (c.a === 1 && c.b === 1) unique.push([c.i, c.j]);
  unique.sort((x, y) => x[1] - y[1]);
  const run = increasingRun(unique);
  if (run.length === 0) return [];
  const out = [];
  let pa = 0;
  let pb = 0;
  for (const [i, j] of run) {
    out.push(...anchorPairs(a.slice(pa, i), b.slice(pb, j), ao + pa, bo + pb), [ao + i, bo + j]);
    pa = i + 1;
    pb = j + 1;
  }
  out.push(...anchorPairs(a.slice(pa), b.slice(pb), ao + pa, bo + pb));
  return out;
}

// lcsPairs is the longest common subsequence of a and b by dynamic
// programming, as index pairs offset by ao and bo.
function lcsPairs(a, b, ao, bo) {
  const w = b.length + 1;
  const len = new Uint32Array((a.length + 1) * w);
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      len[i * w + j] = a[i] !== null && a[i] === b[j] ? len[(i + 1) * w + j + 1] + 1
        : Math.max(len[(i + 1) * w + j], len[i * w + j + 1]);
    }
  }
  const out = [];
  for (let i = 0, j = 0; i < a.length && j < b.length;) {
    if (a[i] !== null && a[i] === b[j]) {
      out.push([ao + i, bo + j]);
      i++;
      j++;
    } else if (len[(i + 1) * w + j] >= len[i * w + j + 1]) {
      i++;
    } else {
      j++;
    }
  }
  return out;
}

// increasingRun is the longest run of pairs (sorted by their second
// index) whose first indexes increase too.
function increasingRun(pairs) {
  const tails = []; // tails[k]: index in pairs of the last pair of the best run of length k+1
  const prev = new Array(pairs.length);
  pairs.forEach(([i], at) => {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (pairs[tails[mid]][0] < i) lo = mid + 1; else hi = mid;
    }
    prev[at] = lo > 0 ? tails[lo - 1] : -1;
    tails[lo] = at;
  });
  const run = [];
  for (let at = tails.length ? tails[tails.length - 1] : -1; at >= 0; at = prev[at]) run.push(pairs[at]);
  return run.reverse();
}

// fillGap turns the old children between two anchors into the new ones,
// morphing those of the same kind in order, inserting and removing the rest.
function fillGap(parent, olds, news, before, changes) {
  let i = 0;
  for (const n of news) {
    while (i < olds.length && !sameKind(olds[i], n) && !news.some((m) => sameKind(olds[i], m))) {
      olds[i++].remove();
    }
    if (i < olds.length && sameKind(olds[i], n)) {
      morphNode(olds[i++], n, changes);
      continue;
    }
    const node = parent.ownerDocument.importNode(n, true);
    parent.insertBefore(node, i < olds.length ? olds[i] : before);
    changes.push(node);
  }
  for (; i < olds.length; i++) {
    if (olds[i].parentElement && olds[i].nodeType === Node.ELEMENT_NODE) changes.removed = true;
    olds[i].remove();
  }
}

// scriptsOf lists the markup of a document's scripts other than the live
// script: a page whose scripts changed is reloaded, since a morph cannot
// run them the way a load would.
function scriptsOf(doc) {
  const live = liveScriptOf(doc);
  return [...doc.scripts].filter((s) => s !== live).map((s) => s.outerHTML).join('\n');
}

// patchRefusal says why doc cannot be morphed into the current document,
// or returns '' when it can.
function patchRefusal(doc) {
  if (!doc.body || !doc.head) return 'the new page has no head or body';
  if (!liveScriptOf(doc)) return 'the new page does not carry the live script';
  if (scriptsOf(doc) !== scriptsOf(document)) return 'a script of the page changed';
  return '';
}

// morph turns the current document into doc (see the top of this file).
function morph(doc) {
  const changes = [];
  syncAttributes(document.documentElement, doc.documentElement);
  morphChildren(document.head, doc.head, []);
  morphChildren(document.body, doc.body, changes);
  syncAttributes(document.body, doc.body);
  return changes;
}
