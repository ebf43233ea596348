// folio live preview. folio serve injects this script into every HTML page it
// serves, after morph.js (the two are served as one script); the design is
// in the doc comment of folio/internal/server.

  const script = document.currentScript;
  const base = new URL('.', script.src); // the /_folio/ directory
  let pageETag = script.dataset.etag || '';
  const pageFile = script.dataset.file || '';
  let knownStyles = script.dataset.styles || '';
  const SCROLL_KEY = 'folio:scroll';
  const RELOAD_KEY = 'folio:reloaded-for';
  const OVERLAY_ID = 'folio-error-overlay';
  const MIN_DELAY = 250;
  const MAX_DELAY = 5000;

  let source = null;
  let retryTimer = 0;
  let delay = MIN_DELAY;
  let leaving = false; // a reload or navigation is under way
  let patching = null; // the patch under way, a promise
  let again = false; // another change arrived during the patch
  let carried = null; // the newest page HTML an event carried, not yet patched in
  let follow = false; // scroll to the first changed block (folio serve --follow)

  // Session storage can throw (disabled storage, sandboxed frames); the
  // preview must keep working without it.
  const store = {
    get(key) { try { return sessionStorage.getItem(key); } catch { return null; } },
    set(key, value) { try { sessionStorage.setItem(key, value); } catch { /* ignore */ } },
    remove(key) { try { sessionStorage.removeItem(key); } catch { /* ignore */ } },
  };

  const decode = (p) => { try { return decodeURIComponent(p); } catch { return p; } };
  const pagePath = () => decode(location.pathname);
  const dirForm = (p) => (p.endsWith('/index.html') ? p.slice(0, -'index.html'.length) : p);
  const isThisPage = (url) => dirForm(url) === dirForm(pagePath()) || (pageFile !== '' && url === pageFile);

  // usesResource reports whether this page loaded url (an image, a script,
  // a font), so that a change to it reloads the page too. What the page's
  // own scripts fetched (a search index, this script's own fetch of the
  // page) is theirs to refresh and does not count.
  function usesResource(url) {
    return performance.getEntriesByType('resource').some((r) => {
      if (r.initiatorType === 'fetch' || r.initiatorType === 'xmlhttprequest' || r.initiatorType === 'beacon') return false;
      const u = new URL(r.name);
      return u.origin === location.origin && decode(u.pathname) === url;
    });
  }

  // Scroll position: the last heading with an id above the top of the
  // viewport, and how far below it the viewport starts. Text inserted above
  // that heading then does not move the reader. scrollY is the fallback.
  function saveScroll() {
    const pos = { path: location.pathname, y: window.scrollY, id: '', offset: 0 };
    let best = -Infinity;
    for (const h of document.querySelectorAll('h1[id],h2[id],h3[id],h4[id],h5[id],h6[id]')) {
      const top = h.getBoundingClientRect().top;
      if (top <= 1 && top > best) {
        best = top;
        pos.id = h.id;
        pos.offset = -top;
      }
    }
    store.set(SCROLL_KEY, JSON.stringify(pos));
  }

  function restoreScroll() {
    let pos = null;
    try { pos = JSON.parse(store.get(SCROLL_KEY)); } catch { return; }
    store.remove(SCROLL_KEY);
    if (!pos || pos.path !== location.pathname) return;
    const apply = () => {
      const h = pos.id ? document.getElementById(pos.id) : null;
      const y = h ? h.getBoundingClientRect().top + window.scrollY + pos.offset : pos.y;
      window.scrollTo(0, y);
    };
    apply();
    // Images and fonts that load later can move the heading; aim again.
    if (document.readyState !== 'complete') addEventListener('load', apply, { once: true });
  }

  function reload() {
    if (leaving) return;
    leaving = true;
    saveScroll();
    // Keep the browser's own restoration from overriding ours after load.
    history.scrollRestoration = 'manual';
    location.reload();
  }

  // refreshStyles swaps every same-origin stylesheet for a fresh copy, with
  // the stylesheet fingerprint as cache buster. The new link goes in next to
  // the old one, which leaves once the new one has loaded, so the page never
  // shows unstyled.
  function refreshStyles(styles) {
    knownStyles = styles;
    for (const link of document.querySelectorAll('link[rel~="stylesheet"][href]')) {
      if (link.dataset.folioStale) continue;
      const url = new URL(link.href, location.href);
      if (url.origin !== location.origin) continue;
      url.searchParams.set('folio', styles);
      const next = link.cloneNode();
      next.href = url.href;
      link.dataset.folioStale = '1';
      const drop = () => link.remove();
      next.addEventListener('load', drop, { once: true });
      next.addEventListener('error', drop, { once: true });
      link.after(next);
    }
  }

  // mark notes a step of a patch on the page's performance timeline
  // (folio:change, folio:patch, folio:fetched, ...), where the browser
  // benchmarks of cmd/folio and the browser's own profiler read them.
  function mark(step) {
    try { performance.mark('folio:' + step); } catch { /* no User Timing */ }
  }

  function element(tag, className, text) {
    const el = document.createElement(tag);
    if (className) el.className = className;
    if (text !== undefined) el.textContent = text;
    return el;
  }

  const overlayStyle = `
    :host { all: initial; }
    .panel { position: fixed; inset: 0; z-index: 2147483647; overflow: auto; box-sizing: border-box;
      padding: 2rem; background: rgba(24, 24, 27, 0.96); color: #f4f4f5;
      font: 16px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; }
    h1 { margin: 0 0 1rem; font-size: 1.4rem; color: #fca5a5; }
    h2 { margin: 2rem 0 1rem; font-size: 1.15rem; color: #fcd34d; }
    .error, .warning { margin: 0 0 1.5rem; padding: 1rem; border-left: 4px solid #f87171; background: #27272a; }
    .warning { border-left-color: #fbbf24; }
    .where { margin: 0 0 .25rem; font-weight: 600; font-family: ui-monospace, Menlo, Consolas, monospace; }
    .message { margin: 0; white-space: pre-wrap; }
    .source { margin: .75rem 0 0; padding: .5rem .75rem; background: #18181b; color: #fde68a; overflow-x: auto;
      font: 14px/1.4 ui-monospace, Menlo, Consolas, monospace; white-space: pre; }
    .hint { color: #a1a1aa; font-size: .9rem; }
    button { float: right; font: inherit; color: inherit; background: #3f3f46; border: 0; padding: .25rem .75rem;
      cursor: pointer; }`;

  // showOverlay covers the last good page with the build errors, then the
  // warnings of that build, which often explain them. It lives in a shadow
  // root so the site's styles cannot reach it. Text only, never HTML:
  // messages quote the author's source.
  function showOverlay(errors, warnings) {
    hideOverlay();
    if (!errors || errors.length === 0) return;
    const host = element('div');
    host.id = OVERLAY_ID;
    const root = host.attachShadow({ mode: 'open' });
    const panel = element('div', 'panel');
    panel.setAttribute('role', 'alert');
    const dismiss = element('button', '', 'Dismiss');
    dismiss.addEventListener('click', hideOverlay);
    panel.append(dismiss, element('h1', '', errors.length === 1 ? 'Build failed' : `Build failed: ${errors.length} errors`));
    for (const e of errors) panel.append(problem(e, 'error'));
    if (warnings && warnings.length > 0) {
      panel.append(element('h2', '', warnings.length === 1 ? 'And a warning' : `And ${warnings.length} warnings`));
      for (const w of warnings) panel.append(problem(w, 'warning'));
    }
    panel.append(element('p', 'hint', 'This is the last good build. Fix the file and save; this message goes away by itself.'));
    const style = element('style');
    style.textContent = overlayStyle;
    root.append(style, panel);
    (document.body || document.documentElement).append(host);
  }

  // problem is one error or warning of the overlay: where, what, the line.
  function problem(e, kind) {
    const item = element('section', kind);
    const where = e.file && e.line > 0 ? `${e.file}:${e.line}` : e.file;
    if (where) item.append(element('p', 'where', where));
    item.append(element('p', 'message', e.message));
    if (e.source) item.append(element('pre', 'source', e.source));
    return item;
  }

  function hideOverlay() {
    const old = document.getElementById(OVERLAY_ID);
    if (old) old.remove();
  }

  // onHello runs on every (re)connect, and catches up with whatever the
  // stream missed: before the first connect, during an outage, across a
  // server restart. A page whose file changed is patched; stylesheets that
  // changed are swapped. The guard stops a patch loop should the page and
  // the server disagree about which file it is.
  function onHello(state) {
    if (state.etag !== pageETag) {
      const marker = `${location.pathname} ${state.etag}`;
      if (store.get(RELOAD_KEY) !== marker) {
        store.set(RELOAD_KEY, marker);
        patch(); // which swaps the stylesheets too when they changed
        showOverlay(state.errors, state.warnings);
        return;
      }
      console.warn('folio: this page still differs from the server after a reload; not reloading again');
    } else {
      store.remove(RELOAD_KEY);
    }
    if (state.styles !== knownStyles) refreshStyles(state.styles);
    showOverlay(state.errors, state.warnings);
  }

  function onChange(change) {
    hideOverlay();
    if (change.navigate && change.edited.length > 0 && !isThisPage(change.edited[0])) {
      leaving = true;
      location.assign(change.edited[0]);
      return;
    }
    if (change.changed.length === 0) return;
    follow = change.follow;
    // Scripts of the page that follow files they fetched (the search
    // client and its index) hear of every change.
    document.dispatchEvent(new CustomEvent('folio:changed', { detail: { changed: change.changed } }));
    if (!change.cssOnly && (change.page || change.changed.some((u) => !u.endsWith('.css') && isThisPage(u)))) {
      patch(change.page);
      return;
    }
    if (!change.cssOnly && change.changed.some((u) => !u.endsWith('.css') && usesResource(u))) {
      console.info('folio: reloading: a file this page loaded changed');
      reload();
      return;
    }
    if (change.styles !== knownStyles) refreshStyles(change.styles);
  }

  // patch morphs the document into the page's new HTML (morph.js),
  // keeping the reader's state: the HTML the change event carried, or else
  // the page fetched anew. It reloads only where a patch cannot be right,
  // and says why in the console. Changes that arrive meanwhile are caught
  // up with by one more round, from the newest HTML carried or a fetch.
  function patch(html) {
    carried = html || null;
    if (patching) {
      again = true;
      return patching;
    }
    patching = (async () => {
      do {
        again = false;
        mark('patch');
        const given = carried;
        carried = null; // a change that comes during the fetch brings its own
        const text = given === null ? await fetchPage() : given;
        mark('fetched');
        const doc = new DOMParser().parseFromString(text, 'text/html');
        mark('parsed');
        const why = patchRefusal(doc);
        if (why) throw new Error(why);
        const place = readingPlace();
        const changes = morph(doc);
        mark('morphed');
        pageETag = script.dataset.etag || '';
        // The morph keeps stylesheet links as they are; fetch them anew
        // when the site's stylesheets changed too.
        const styles = script.dataset.styles || knownStyles;
        if (styles !== knownStyles) refreshStyles(styles);
        keepPlace(place);
        showChanges(changes);
        mark('shown');
        document.dispatchEvent(new CustomEvent('folio:morphed', { detail: { changed: changes.length } }));
      } while (again);
    })().catch((err) => {
      console.info(`folio: reloading: ${err.message || err}`);
      reload();
    }).finally(() => { patching = null; });
    return patching;
  }

  async function fetchPage() {
    const res = await fetch(location.href, { cache: 'no-store' });
    const type = res.headers.get('Content-Type') || '';
    if (!res.ok || !type.startsWith('text/html')) {
      throw new Error(`the page answered ${res.status} ${type}`);
    }
    return res.text();
  }

  // readingPlace is the last heading above the top of the viewport and
  // where it is; keepPlace scrolls back by however far a patch moved it,
  // so text changed above the reader does not move what they read.
  function readingPlace() {
    let place = null;
    for (const h of document.querySelectorAll('h1[id],h2[id],h3[id],h4[id],h5[id],h6[id]')) {
      const top = h.getBoundingClientRect().top;
      if (top <= 1 && (!place || top > place.top)) place = { el: h, top };
    }
    return place;
  }

  function keepPlace(place) {
    if (!place || !place.el.isConnected) return;
    const moved = place.el.getBoundingClientRect().top - place.top;
    if (Math.abs(moved) >= 1) window.scrollBy(0, moved);
  }

  const BLOCKS = 'p,li,dt,dd,h1,h2,h3,h4,h5,h6,pre,blockquote,figure,table,aside,details,section,header,footer,nav';

  // showChanges gives each changed block a brief highlight (an animation,
  // so the DOM is not marked) and, with --follow, brings the first into
  // view when it is off screen.
  function showChanges(changes) {
    const blocks = new Set();
    for (const node of changes) {
      const el = node.nodeType === Node.ELEMENT_NODE ? node : node.parentElement;
      if (!el || !document.body.contains(el) || el === script) continue;
      blocks.add(el.closest(BLOCKS) || el);
    }
    const reduce = matchMedia('(prefers-reduced-motion: reduce)').matches;
    for (const el of blocks) {
      if (el === document.body || typeof el.animate !== 'function') continue;
      el.animate([
        { backgroundColor: 'rgba(250, 204, 21, 0.35)', boxShadow: '0 0 0 4px rgba(250, 204, 21, 0.35)' },
        { backgroundColor: 'rgba(250, 204, 21, 0)', boxShadow: '0 0 0 4px rgba(250, 204, 21, 0)' },
      ], { duration: reduce ? 600 : 1500, easing: 'ease-out' });
    }
    const first = [...blocks].find((el) => el !== document.body);
    if (follow && first) {
      const r = first.getBoundingClientRect();
      if (r.bottom < 0 || r.top > innerHeight) first.scrollIntoView({ block: 'center', behavior: reduce ? 'auto' : 'smooth' });
    }
  }

  // connect opens the event stream. On any error the script closes it and
  // retries itself with backoff: EventSource gives up for good once a
  // reconnect is refused, which is exactly what a restarting server does.
  // The script's own tag carries the connection state (data-state = live or
  // reconnecting) for anyone debugging the preview, and for the tests.
  function connect() {
    clearTimeout(retryTimer);
    const url = new URL('events', base);
    url.searchParams.set('path', pagePath());
    source = new EventSource(url);
    source.addEventListener('hello', (e) => {
      delay = MIN_DELAY;
      script.dataset.state = 'live';
      onHello(JSON.parse(e.data));
    });
    source.addEventListener('change', (e) => {
      mark('change');
      onChange(JSON.parse(e.data));
    });
    source.addEventListener('build-error', (e) => {
      const ev = JSON.parse(e.data);
      showOverlay(ev.errors, ev.warnings);
    });
    source.onerror = () => {
      script.dataset.state = 'reconnecting';
      source.close();
      if (leaving) return;
      retryTimer = setTimeout(connect, delay);
      delay = Math.min(delay * 2, MAX_DELAY);
    };
  }

  addEventListener('pagehide', () => {
    clearTimeout(retryTimer);
    if (source) source.close();
    if (!leaving) history.scrollRestoration = 'auto';
  });
  addEventListener('pageshow', (e) => {
    if (!e.persisted) return;
    leaving = false; // back from the back/forward cache
    connect();
  });

  restoreScroll();
  connect();
