/**
 * The page's only script: filters rows, folds empty groups, opens the check named in the URL
 * fragment. It reads nothing but the DOM (the `data-` attributes of each row), fetches nothing,
 * and is a constant, so the page's CSP can pin it by hash. Plain ES2017, no build step.
 */
export const HTML_SCRIPT = `(function () {
  'use strict';
  var form = document.getElementById('filters');
  var matrix = document.querySelector('.matrix');
  if (!form || !matrix) return;
  var rows = Array.prototype.slice.call(matrix.querySelectorAll('details.check'));
  var sections = Array.prototype.slice.call(matrix.querySelectorAll('section.sec, section.rfc'));
  var empty = matrix.querySelector('.empty');
  var shown = form.elements.namedItem('shown');

  function apply() {
    var rfc = form.elements.namedItem('rfc').value;
    var level = form.elements.namedItem('level').value;
    var dis = form.elements.namedItem('dis');
    var onlyDis = !!(dis && dis.checked);
    var q = form.elements.namedItem('q').value.trim().toLowerCase();
    var grades = Array.prototype.slice.call(form.querySelectorAll('input[name=grade]:checked')).map(function (i) { return i.value; });
    var n = 0;
    rows.forEach(function (row) {
      var ok = (!rfc || row.dataset.rfc === rfc) &&
        (!level || row.dataset.level === level) &&
        (!onlyDis || row.hasAttribute('data-dis')) &&
        (grades.length === 0 || row.dataset.grades.split(' ').some(function (g) { return grades.indexOf(g) >= 0; })) &&
        (!q || row.id.toLowerCase().indexOf(q) >= 0 || row.querySelector('summary').textContent.toLowerCase().indexOf(q) >= 0);
      row.hidden = !ok;
      if (ok) n++;
    });
    sections.forEach(function (s) { s.hidden = !s.querySelector('details.check:not([hidden])'); });
    if (empty) empty.hidden = n > 0;
    if (shown) shown.value = n + ' of ' + rows.length + ' checks';
  }

  // Transcript lines by their annotation (conventions: swaks-style prefixes).
  var LINE = { '->': 'ts', '<-': 'tr', '~>': 'ts tls', '<~': 'tr tls', '**': 'te', '\u22ef ': 'tf' };
  function colour(details) {
    Array.prototype.forEach.call(details.querySelectorAll('pre.transcript:not([data-coloured])'), function (pre) {
      var lines = pre.textContent.split('\\n');
      var frag = document.createDocumentFragment();
      lines.forEach(function (line, i) {
        var cls = LINE[line.slice(0, 2)];
        var node = document.createTextNode(line + (i < lines.length - 1 ? '\\n' : ''));
        if (cls) {
          var span = document.createElement('span');
          span.className = cls;
          span.appendChild(node);
          node = span;
        }
        frag.appendChild(node);
      });
      pre.textContent = '';
      pre.appendChild(frag);
      pre.setAttribute('data-coloured', '');
    });
  }
  // toggle does not bubble; capture sees it for every details element.
  document.addEventListener('toggle', function (e) {
    var d = e.target;
    if (d && d.open && d.classList && d.classList.contains('check')) colour(d);
  }, true);

  function openFromHash() {
    var id = '';
    try { id = decodeURIComponent(location.hash.slice(1)); } catch (e) { return; }
    var el = id && document.getElementById(id);
    if (el && el.tagName === 'DETAILS') {
      // A filter may hide the row or its section; a link to it should still show it.
      for (var p = el; p && p !== matrix; p = p.parentElement) p.hidden = false;
      el.open = true;
      el.scrollIntoView({ block: 'start' });
    }
  }

  form.hidden = false;
  form.addEventListener('input', apply);
  form.addEventListener('change', apply);
  form.addEventListener('submit', function (e) { e.preventDefault(); });
  form.addEventListener('reset', function () { setTimeout(apply, 0); });
  form.addEventListener('click', function (e) {
    var b = e.target;
    if (!b || !b.hasAttribute || !b.hasAttribute('data-open')) return;
    var open = b.getAttribute('data-open') === '1';
    rows.forEach(function (row) { if (!row.hidden) row.open = open; });
  });
  window.addEventListener('hashchange', openFromHash);
  apply();
  openFromHash();
})();
`;
