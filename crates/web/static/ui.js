// Ironbox pages: progressive enhancement only. Every page works without this script.
(function () {
  'use strict';
  var csrf = (document.querySelector('meta[name="csrf-token"]') || {}).content || '';
  document.documentElement.classList.add('js');

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

  // Column chooser: the arrows reorder in place (without this script each one is a form
  // submission), rows can be dragged, and Alt+Up/Down moves the row holding the focus. Saving
  // submits the rows in their new order.
  document.querySelectorAll('[data-col-order]').forEach(function (list) {
    var status = list.parentNode.querySelector('[data-col-status]');
    function label(li) { return li.querySelector('label').textContent.trim(); }
    function announce(li) {
      if (!status) { return; }
      var rows = Array.prototype.indexOf.call(list.children, li) + 1;
      status.textContent = label(li) + ': position ' + rows + ' of ' + list.children.length;
    }
    function move(li, dir) {
      var other = dir < 0 ? li.previousElementSibling : li.nextElementSibling;
      if (!other) { return false; }
      if (dir < 0) { list.insertBefore(li, other); } else { list.insertBefore(other, li); }
      announce(li);
      return true;
    }
    list.addEventListener('click', function (e) {
      var b = e.target.closest('button[name="move"]');
      if (!b) { return; }
      e.preventDefault();
      move(b.closest('li'), b.value.indexOf('up:') === 0 ? -1 : 1);
      b.focus();
    });
    list.addEventListener('keydown', function (e) {
      if (!e.altKey || (e.key !== 'ArrowUp' && e.key !== 'ArrowDown')) { return; }
      var li = e.target.closest('li');
      if (!li) { return; }
      e.preventDefault();
      move(li, e.key === 'ArrowUp' ? -1 : 1);
      e.target.focus();
    });
    var dragged = null;
    function clearMarks() {
      list.querySelectorAll('.drop-before, .drop-after').forEach(function (x) { x.classList.remove('drop-before', 'drop-after'); });
    }
    Array.prototype.forEach.call(list.children, function (li) {
      li.draggable = true;
      li.addEventListener('dragstart', function (e) {
        dragged = li;
        li.classList.add('dragging');
        e.dataTransfer.effectAllowed = 'move';
        e.dataTransfer.setData('text/plain', li.getAttribute('data-col'));
      });
      li.addEventListener('dragend', function () { li.classList.remove('dragging'); clearMarks(); dragged = null; });
      li.addEventListener('dragover', function (e) {
        if (!dragged || dragged === li) { return; }
        e.preventDefault();
        var r = li.getBoundingClientRect(), before = e.clientY < r.top + r.height / 2;
        clearMarks();
        li.classList.add(before ? 'drop-before' : 'drop-after');
      });
      li.addEventListener('drop', function (e) {
        if (!dragged || dragged === li) { return; }
        e.preventDefault();
        var r = li.getBoundingClientRect(), before = e.clientY < r.top + r.height / 2;
        list.insertBefore(dragged, before ? li : li.nextSibling);
        clearMarks();
        announce(dragged);
      });
    });
  });

  // Object types of a permission: a box that narrows the long grouped list as you type.
  document.querySelectorAll('[data-objtypes]').forEach(function (box) {
    var input = document.createElement('input');
    input.type = 'search';
    input.className = 'objtypes-filter';
    input.placeholder = 'Filter object types…';
    input.setAttribute('aria-label', 'Filter object types');
    box.parentNode.insertBefore(input, box);
    input.addEventListener('input', function () {
      var term = input.value.trim().toLowerCase();
      box.querySelectorAll('.app-group').forEach(function (g) {
        var app = g.querySelector('legend').textContent.toLowerCase();
        var any = false;
        g.querySelectorAll('label').forEach(function (l) {
          var hit = !term || app.indexOf(term) >= 0 || l.textContent.toLowerCase().indexOf(term) >= 0 ||
            l.querySelector('input').value.indexOf(term) >= 0;
          l.hidden = !hit;
          any = any || hit;
        });
        g.hidden = !any;
      });
    });
    // Enter in the filter narrows; it does not submit the form.
    input.addEventListener('keydown', function (e) { if (e.key === 'Enter') { e.preventDefault(); } });
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
