// Ironbox pages: progressive enhancement only. Every page works without this script.
(function () {
  'use strict';
  var csrf = (document.querySelector('meta[name="csrf-token"]') || {}).content || '';

  // Theme: light, dark or the system's; remembered in the user's preferences.
  function applyTheme(t) { document.documentElement.setAttribute('data-theme', t); }
  document.querySelectorAll('[data-theme-toggle]').forEach(function (b) {
    b.addEventListener('click', function () {
      var cur = document.documentElement.getAttribute('data-theme');
      var dark = cur === 'dark' || (cur !== 'light' && window.matchMedia('(prefers-color-scheme: dark)').matches);
      var next = dark ? 'light' : 'dark';
      applyTheme(next);
      fetch('/api/users/config/', {
        method: 'PATCH', credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json', 'X-CSRFToken': csrf },
        body: JSON.stringify({ ui: { theme: next } })
      });
    });
  });

  // "/" focuses the global search; Escape leaves it.
  var gsearch = document.querySelector('.gsearch input');
  document.addEventListener('keydown', function (e) {
    var t = e.target, typing = t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT' || t.isContentEditable);
    if (e.key === '/' && !typing && gsearch) { e.preventDefault(); gsearch.focus(); gsearch.select(); }
    if (e.key === 'Escape' && t === gsearch) { gsearch.blur(); }
  });

  // Phone-sized screens: the menu opens as a drawer.
  var toggle = document.querySelector('.menu-toggle');
  if (toggle) {
    toggle.addEventListener('click', function () {
      var open = document.body.classList.toggle('nav-open');
      toggle.setAttribute('aria-expanded', open ? 'true' : 'false');
    });
  }

  // Select all rows on the page.
  document.querySelectorAll('[data-select-all]').forEach(function (all) {
    all.addEventListener('change', function () {
      var form = all.closest('form');
      form.querySelectorAll('input[name="pk"]').forEach(function (c) { c.checked = all.checked; });
    });
  });

  // Tag colours and utilization bars (styles set from data attributes; no inline styles).
  document.querySelectorAll('[data-color]').forEach(function (el) {
    var c = el.getAttribute('data-color');
    if (/^[0-9a-fA-F]{6}$/.test(c)) { el.style.borderColor = '#' + c; el.style.boxShadow = 'inset 4px 0 0 #' + c; }
  });
  document.querySelectorAll('.util [data-width]').forEach(function (el) {
    var w = Math.max(0, Math.min(100, parseFloat(el.getAttribute('data-width')) || 0));
    el.style.width = w + '%';
    if (w >= 90) { el.classList.add('high'); } else if (w >= 70) { el.classList.add('mid'); }
  });

  // Relation pickers: type to search the API (as the signed-in user), follow the fields they
  // depend on (a rack picker follows the chosen site).
  function deps(sel) {
    var out = [];
    for (var i = 1; i < 10; i++) {
      var d = sel.getAttribute('data-dep-' + i);
      if (!d) { break; }
      var parts = d.split(':');
      out.push({ param: parts[0], from: parts[1] });
    }
    return out;
  }
  function query(sel, term) {
    var url = sel.getAttribute('data-api') + '?brief=1&limit=50';
    if (term) { url += '&q=' + encodeURIComponent(term); }
    deps(sel).forEach(function (d) {
      var src = sel.form && sel.form.elements[d.from];
      if (src && src.value) { url += '&' + d.param + '=' + encodeURIComponent(src.value); }
    });
    return fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(function (r) { return r.ok ? r.json() : { results: [] }; });
  }
  function fill(sel, results) {
    var keep = {};
    Array.prototype.forEach.call(sel.options, function (o) { if (o.selected && o.value) { keep[o.value] = o.textContent; } });
    while (sel.options.length) { sel.remove(0); }
    if (!sel.multiple) { sel.add(new Option('—', '')); }
    Object.keys(keep).forEach(function (v) { var o = new Option(keep[v], v, true, true); sel.add(o); });
    results.forEach(function (r) {
      var v = String(r.id);
      if (keep[v]) { return; }
      sel.add(new Option(r.display || r.name || v, v));
    });
  }
  document.querySelectorAll('select[data-api]').forEach(function (sel) {
    // Short complete lists need no search box; long or partial ones are searched as you type.
    if (!sel.hasAttribute('data-search') && sel.options.length <= 12 && !deps(sel).length) { return; }
    var box = document.createElement('input');
    box.type = 'search';
    box.className = 'picker-search';
    box.placeholder = 'Type to search…';
    box.setAttribute('aria-label', 'Search ' + (sel.labels && sel.labels[0] ? sel.labels[0].textContent.trim() : 'options'));
    sel.parentNode.insertBefore(box, sel);
    var timer = null;
    box.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(function () { query(sel, box.value.trim()).then(function (j) { fill(sel, j.results || []); }); }, 200);
    });
    deps(sel).forEach(function (d) {
      var src = sel.form && sel.form.elements[d.from];
      if (src && src.addEventListener) {
        src.addEventListener('change', function () {
          Array.prototype.forEach.call(sel.options, function (o) { o.selected = false; });
          query(sel, box.value.trim()).then(function (j) { fill(sel, j.results || []); });
        });
      }
    });
  });
})();
