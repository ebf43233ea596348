// folio's search client (see internal/search/doc.go): reads the index the
// build writes beside this file, shows results under the header's search
// box while typing (ARIA combobox with a listbox) and on the /search/ page.
((words) => {
  'use strict';
  // words are the client's words in the site's language (internal/i18n),
  // which the build puts in the call at the end of this file.
  const dir = new URL('./', document.currentScript.src);
  const plural = new Intl.PluralRules(document.documentElement.lang || 'en');
  // say is word key with args in its places, in the plural form of the
  // first number.
  function say(key, ...args) {
    let w = words[key];
    if (typeof w === 'object') {
      const n = args.find((a) => typeof a === 'number');
      w = w[plural.select(n ?? 0)] || w.other;
    }
    return w.replace(/\{(\d+)\}/g, (m, i) => (i < args.length ? String(args[i]) : m));
  }
  const root = new URL('../', dir);
  const files = new Map();
  const rerun = [];
  // In folio serve, every change may change the index: the manifest is
  // fetched again (the preview holds it until the index is redone), and
  // open searches run again once the index has changed.
  document.addEventListener('folio:changed', (e) => {
    files.delete('manifest.bin');
    if (e.detail.changed.some((u) => u.startsWith(dir.pathname))) rerun.forEach((f) => f());
  });

  async function fetchJSON(name) {
    const res = await fetch(new URL(name, dir), name === 'manifest.bin' ? { cache: 'no-cache' } : {});
    if (!res.ok) throw new Error(name + ': ' + res.status);
    let buf = new Uint8Array(await res.arrayBuffer());
    if (buf[0] === 0x1f && buf[1] === 0x8b) { // not decoded by the host
      const s = new Blob([buf]).stream().pipeThrough(new DecompressionStream('gzip'));
      buf = new Uint8Array(await new Response(s).arrayBuffer());
    }
    return JSON.parse(new TextDecoder().decode(buf));
  }
  function get(name) {
    if (!files.has(name)) files.set(name, fetchJSON(name).catch((e) => { files.delete(name); throw e; }));
    return files.get(name);
  }

  // Words as internal/search/words.go makes them.
  const WORD = /[\p{L}\p{N}\p{M}]+(?:['’][\p{L}\p{N}\p{M}]+)*/gu;
  const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
  const norm = (s) => s.toLowerCase().normalize('NFKD').replace(/[\u0300-\u036f\ufe00-\ufe0f]/g, '')
    .normalize('NFC').replace(/ς/g, 'σ').replace(/’/g, "'");
  function split(w, out) {
    let word = '', run = [];
    const flush = () => {
      if (word) out.push(word.replace(/'s$/, ''));
      if (run.length === 1) out.push(run[0]);
      for (let i = 0; i + 1 < run.length; i++) out.push(run[i] + run[i + 1]);
      word = ''; run = [];
    };
    for (const ch of w) {
      if (CJK.test(ch)) { if (word) flush(); run.push(ch); } else { if (run.length) flush(); word += ch; }
    }
    flush();
    return out;
  }
  const tokens = (s) => { const out = []; for (const m of norm(s).matchAll(WORD)) split(m[0], out); return out; };

  function shardOf(man, w) {
    let lo = 0, hi = man.s.length - 1;
    while (lo < hi) { const mid = (lo + hi + 1) >> 1; if (man.s[mid][0] <= w) lo = mid; else hi = mid - 1; }
    return lo;
  }

  // run finds the best sections for query q, at most max of them; null
  // once stale() says a newer query has replaced it. A reader typing fast
  // starts a query per key: one that is stale stops before it scores and
  // fetches its results' metadata, which kept the last key's query
  // waiting behind the others' fetches (BenchmarkSearchLatency).
  async function run(q, max, stale = () => false) {
    const words = [...new Set(tokens(q))];
    if (!words.length) return { hits: [], marks: new Set() };
    const man = await get('manifest.bin');
    if (stale()) return null;
    const typing = !/\s$/.test(q);
    const plan = words.map((w, i) => {
      const first = shardOf(man, w);
      let last = first;
      if (typing && i === words.length - 1) {
        const end = shardOf(man, w + '\uffff');
        if (end - first < 3) last = end;
      }
      const ids = [];
      for (let s = first; s <= last && man.s.length; s++) ids.push(s);
      return { w, prefix: typing && i === words.length - 1, ids };
    });
    const shards = new Map();
    await Promise.all(plan.flatMap((t) => t.ids).map(async (s) => {
      shards.set(s, await get('s.' + man.s[s][1] + '.bin'));
    }));
    if (stale()) return null;
    const scores = new Map(), marks = new Set();
    for (const t of plan) {
      const best = new Map();
      for (const s of t.ids) {
        const sh = shards.get(s);
        for (let i = lower(sh.w, t.w), n = 0; i < sh.w.length && n < 64; i++, n++) {
          const w = sh.w[i], exact = w === t.w, p = sh.p[i];
          if (!exact && !(t.prefix && w.startsWith(t.w))) break;
          if (p < 0) continue; // in most sections: says nothing
          sh.w.forEach((o, j) => { if (sh.p[j] === p) marks.add(o); });
          score(sh.l[p], exact ? 1 : 0.6, man.n, best);
        }
      }
      for (const [sid, v] of best) {
        const e = scores.get(sid) || [0, 0];
        e[0]++; e[1] += v;
        scores.set(sid, e);
      }
    }
    // Sections with more of the words first, then by score.
    const ranked = [...scores].sort((a, b) => b[1][0] - a[1][0] || b[1][1] - a[1][1] || a[0] - b[0]).slice(0, max);
    const hits = await Promise.all(ranked.map(async ([sid]) => {
      const block = await get('m.' + man.m + '.' + Math.floor(sid / man.b) + '.bin');
      const [page, anchor, heading, text] = block.s[sid % man.b];
      const [url, title, label] = block.p[page];
      return { url: new URL(anchor ? url + '#' + anchor : url, root).href, title, heading, label, text };
    }));
    return { hits, marks };
  }
  function lower(a, w) {
    let lo = 0, hi = a.length;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (a[mid] < w) lo = mid + 1; else hi = mid; }
    return lo;
  }
  // unpack reads a list's numbers from its string: five bits a character
  // of the URL-safe Base64 alphabet, low bits first, 32 added to a
  // character that more follow (internal/search's appendPacked).
  const DIGIT = new Uint8Array(128);
  [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'].forEach((c, i) => { DIGIT[c.charCodeAt(0)] = i; });
  function unpack(s) {
    const out = [];
    for (let i = 0, v = 0, shift = 0; i < s.length; i++) {
      const c = DIGIT[s.charCodeAt(i)];
      v += (c & 31) * 2 ** shift;
      if (c & 32) { shift += 5; } else { out.push(v); v = 0; shift = 0; }
    }
    return out;
  }
  // score rates the sections of a postings list (internal/search's
  // encodeList: per section 2×delta+1 for weight 1, else 2×delta, weight).
  function score(packed, factor, n, best) {
    const list = unpack(packed), sids = [], ws = [];
    for (let i = 0, sid = 0; i < list.length; i++) {
      sid += list[i] >> 1;
      sids.push(sid);
      ws.push(list[i] & 1 ? 1 : list[++i]);
    }
    const idf = Math.log(1 + n / sids.length);
    sids.forEach((sid, j) => {
      const w = ws[j];
      const v = factor * idf * (1 + Math.log(w & 31 || 1) + (w & 32 ? 2 : 0) + (w & 64 ? 3 : 0));
      if (!(best.get(sid) >= v)) best.set(sid, v);
    });
  }

  // excerpt shows text around the first marked word, marked words in <mark>.
  function excerpt(text, marks) {
    const p = document.createElement('p');
    p.className = 'search-excerpt';
    const found = [];
    for (const m of text.matchAll(WORD)) {
      const ws = split(norm(m[0]), []);
      if (ws.some((w) => marks.has(w))) found.push([m.index, m.index + m[0].length]);
    }
    let start = 0;
    if (found.length && found[0][0] > 80) start = text.indexOf(' ', found[0][0] - 70) + 1;
    let end = Math.min(text.length, start + 200);
    if (end < text.length) end = text.lastIndexOf(' ', end);
    if (start > 0) p.append('… ');
    let at = start;
    for (const [a, b] of found) {
      if (a < start || b > end) continue;
      p.append(text.slice(at, a));
      const mk = document.createElement('mark');
      mk.textContent = text.slice(a, b);
      p.append(mk);
      at = b;
    }
    p.append(text.slice(at, end) + (end < text.length && !text.endsWith('…') ? ' …' : ''));
    return p;
  }
  function hitView(h, marks, tag) {
    const el = document.createElement(tag);
    const title = document.createElement('span');
    title.className = 'search-title';
    title.textContent = h.heading && h.heading !== h.title ? h.title + ' › ' + h.heading : h.title;
    const label = document.createElement('span');
    label.className = 'search-label';
    label.textContent = h.label;
    el.append(title, ' ', label, excerpt(h.text, marks));
    return el;
  }

  function searchURL(q) { const u = new URL('./', dir); u.searchParams.set('q', q); return u.href; }

  function combobox(form) {
    const input = form.querySelector('input[name=q]');
    const list = document.createElement('ul');
    list.id = input.id + '-results';
    list.className = 'search-results';
    list.setAttribute('role', 'listbox');
    list.setAttribute('aria-label', say('search_results'));
    list.hidden = true;
    const status = document.createElement('p');
    status.className = 'visually-hidden';
    status.setAttribute('role', 'status');
    // attach puts the listbox in place; folio serve's live preview morphs
    // the page into the server's version, which has none, after an edit.
    const attach = () => {
      if (list.parentNode !== form) form.append(list, status);
      input.setAttribute('role', 'combobox');
      input.setAttribute('aria-autocomplete', 'list');
      input.setAttribute('aria-expanded', String(!list.hidden));
      input.setAttribute('aria-controls', list.id);
    };
    attach();
    document.addEventListener('folio:morphed', attach);
    let items = [], active = -1, seq = 0;
    const select = (i) => {
      items.forEach((o, j) => o.el.setAttribute('aria-selected', String(j === i)));
      active = i;
      if (i >= 0) { input.setAttribute('aria-activedescendant', items[i].el.id); items[i].el.scrollIntoView({ block: 'nearest' }); } else input.removeAttribute('aria-activedescendant');
    };
    const close = () => { list.hidden = true; input.setAttribute('aria-expanded', 'false'); select(-1); };
    const open = (url) => { location.href = url; };
    const update = async () => {
      const q = input.value, my = ++seq;
      if (!q.trim()) { close(); items = []; list.replaceChildren(); status.textContent = ''; return; }
      let r;
      try { r = await run(q, 8, () => my !== seq); } catch (e) { r = { hits: [], marks: new Set(), error: e }; }
      if (my !== seq) return;
      items = r.hits.map((h, i) => { const el = hitView(h, r.marks, 'li'); el.id = list.id + '-' + i; return { el, url: h.url }; });
      const all = document.createElement('li');
      all.id = list.id + '-all';
      all.className = 'search-all';
      all.textContent = r.error ? say('search_unavailable', r.error.message) : say(r.hits.length ? 'search_all' : 'search_none', q);
      items.push({ el: all, url: searchURL(q) });
      items.forEach((o) => { o.el.setAttribute('role', 'option'); o.el.addEventListener('click', () => open(o.url)); });
      list.replaceChildren(...items.map((o) => o.el));
      list.hidden = false;
      input.setAttribute('aria-expanded', 'true');
      select(r.hits.length ? 0 : -1);
      status.textContent = r.hits.length ? say('search_count', r.hits.length) : say('search_no_results');
    };
    input.addEventListener('input', update);
    rerun.push(() => { if (!list.hidden) update(); });
    input.addEventListener('keydown', (e) => {
      if (list.hidden && e.key !== 'ArrowDown') { if (e.key === 'Escape') input.value = ''; return; }
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        if (list.hidden) { if (items.length) { list.hidden = false; input.setAttribute('aria-expanded', 'true'); select(0); } return; }
        const d = e.key === 'ArrowDown' ? 1 : -1;
        select((active + d + items.length) % items.length);
      } else if (e.key === 'Enter' && active >= 0) {
        e.preventDefault();
        open(items[active].url);
      } else if (e.key === 'Escape') {
        e.preventDefault();
        close();
      }
    });
    form.addEventListener('focusout', (e) => { if (!form.contains(e.relatedTarget)) close(); });
    list.addEventListener('mousedown', (e) => e.preventDefault());
    document.addEventListener('keydown', (e) => {
      const t = e.target;
      if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey || t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName)) return;
      e.preventDefault();
      input.focus();
      input.select();
    });
  }

  function resultsPage(sec) {
    const form = sec.querySelector('form'), input = form.querySelector('input[name=q]');
    const out = sec.querySelector('.search-page-results'), status = sec.querySelector('[role=status]');
    let seq = 0;
    const update = async () => {
      const q = input.value, my = ++seq;
      const u = new URL(location.href);
      u.searchParams.set('q', q);
      history.replaceState(null, '', u);
      if (!q.trim()) { out.replaceChildren(); status.textContent = ''; return; }
      let r;
      try { r = await run(q, 50, () => my !== seq); } catch (e) { if (my === seq) status.textContent = say('search_unavailable', e.message); return; }
      if (my !== seq) return;
      out.replaceChildren(...r.hits.map((h) => {
        const li = hitView(h, r.marks, 'li');
        const a = document.createElement('a');
        a.href = h.url;
        a.append(li.firstChild);
        li.prepend(a);
        return li;
      }));
      status.textContent = r.hits.length ? say('search_count_for', r.hits.length, q) : say('search_none', q);
    };
    form.addEventListener('submit', (e) => { e.preventDefault(); update(); });
    input.addEventListener('input', update);
    rerun.push(update);
    document.addEventListener('folio:morphed', update);
    input.value = new URLSearchParams(location.search).get('q') || '';
    if (input.value) update();
  }

  const start = () => {
    document.querySelectorAll('form.site-search').forEach(combobox);
    const sec = document.getElementById('search-page');
    if (sec) resultsPage(sec);
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start); else start();
})({"search_all":"All results for “{0}”","search_count":{"one":"{0} result","other":"{0} results"},"search_count_for":{"one":"{0} result for “{1}”","other":"{0} results for “{1}”"},"search_no_results":"No results","search_none":"No results for “{0}”","search_results":"Search results","search_unavailable":"Search is unavailable: {0}"});
