// Compares the document with the served page parsed anew, apart from what
// the live script (its data-state), the reader (open <details>) and the
// search client (the listbox and ARIA state of the header's box) own.
// Resolves to '' when they are the same, else to both versions. Used by the
// browser tests of internal/server and cmd/folio.
(async () => {
  const res = await fetch(location.href, { cache: 'no-store' });
  const fresh = new DOMParser().parseFromString(await res.text(), 'text/html');
  const clean = (root) => {
    root.querySelectorAll('[data-state]').forEach((e) => e.removeAttribute('data-state'));
    root.querySelectorAll('details').forEach((e) => e.removeAttribute('open'));
    root.querySelectorAll('.site-search [role=listbox], .site-search [role=status]').forEach((e) => e.remove());
    root.querySelectorAll('.site-search input').forEach((e) => ['role', 'aria-autocomplete', 'aria-expanded', 'aria-controls', 'aria-activedescendant'].forEach((a) => e.removeAttribute(a)));
    return root.outerHTML;
  };
  const now = clean(document.documentElement.cloneNode(true));
  const want = clean(fresh.documentElement);
  return now === want ? '' : 'patched:\n' + now + '\nfresh:\n' + want;
})()
