// Measures one loaded monitor page as a reader sees it, in the window it is shown in.
// `folio check --layout` (src/layout.rs) runs it in an iframe of an exact size, and the
// browser tests (tests/layout.rs) run it in an emulated viewport: both measure with this one
// file, so they cannot disagree. Returns plain data; the callers decide what is a finding.
//
// Only elements that are drawn count: anything inside display:none (a chart variant for
// another width) has no client rects, and the content of a closed <details> (a chart's
// table) has boxes but is not shown (checkVisibility says so); both are skipped.
function folioLayoutProbe(win, doc) {
  var LIMITS = { chart: 12, body: 14, small: 12 };
  // Text that may be set at the small size: captions, sources, footnotes, and the running
  // head and foot of the sheet.
  var SMALL_ALLOWED = 'figcaption, caption, small, header, footer, .sheet-header, .sheet-footer, .chart-source, .chart-footnotes, .marked-footnotes, .footnotes, .footnote, .numbered-notes, .numbered-source';
  var EXAMPLES = 3;

  function drawn(e) {
    if (e.getClientRects().length === 0) return false;
    return e.checkVisibility ? e.checkVisibility({ visibilityProperty: true }) : true;
  }
  function text(e) { return (e.textContent || '').replace(/\s+/g, ' ').trim(); }
  function short(s) { return s.length > 60 ? s.slice(0, 57) + '...' : s; }
  function round(x) { return Math.round(x * 100) / 100; }
  function name(e) {
    var n = e.tagName.toLowerCase();
    if (e.id) return n + '#' + e.id;
    var c = typeof e.className === 'string' ? e.className.trim().split(/\s+/)[0] : '';
    return c ? n + '.' + c : n;
  }
  function isHtml(e) { return e instanceof win.HTMLElement; }

  // The most any element hides by clipping or scrolling its own content, on one axis.
  // A page can look one screen tall while its sheet cuts off what does not fit.
  function clipped(axis) {
    var worst = { by: 0, where: '' };
    var all = doc.body ? doc.body.querySelectorAll('*') : [];
    for (var i = 0; i < all.length; i++) {
      var e = all[i];
      if (!isHtml(e)) continue;
      var client = axis === 'y' ? e.clientHeight : e.clientWidth;
      // Tiny boxes are visually-hidden text for screen readers, clipped on purpose.
      if (client < 20) continue;
      var style = win.getComputedStyle(e);
      var overflow = axis === 'y' ? style.overflowY : style.overflowX;
      if (overflow === 'visible') continue;
      // A wide numbered table scrolls sideways in its own box on purpose (a region the
      // keyboard can scroll too), instead of widening the page.
      // So does a phone's row of chapter tabs, which stays one line high.
      if (axis === 'x' && (e.classList.contains('table-scroll') || e.classList.contains('tabs'))) continue;
      var by = (axis === 'y' ? e.scrollHeight : e.scrollWidth) - client;
      if (by > worst.by && drawn(e)) worst = { by: by, where: name(e) };
    }
    return worst;
  }

  // Rendered size of SVG text: its font size times the scale the SVG is drawn at.
  function svgScale(svg) {
    var vb = svg.viewBox && svg.viewBox.baseVal;
    if (!vb || !vb.width || !vb.height) return 1;
    var box = svg.getBoundingClientRect();
    // With the default preserveAspectRatio ("meet") the smaller ratio wins.
    var sx = box.width / vb.width, sy = box.height / vb.height;
    return svg.getAttribute('preserveAspectRatio') === 'none' ? sx : Math.min(sx, sy);
  }

  function chartOf(svg) {
    var figure = svg.closest('figure');
    var title = figure && figure.querySelector('.chart-title, figcaption');
    return short(title ? text(title) : (svg.getAttribute('aria-label') || name(svg)));
  }

  // A text's box cut to one em high around its middle. The browser's box runs from the
  // face's ascent to its descent, which for some faces (Source Sans 3: 1.42 em) is much
  // taller than the letters, so two lines that do not touch would count as overlapping.
  function emBox(r, size) {
    var middle = (r.top + r.bottom) / 2, half = Math.min(r.height, size) / 2;
    return { left: r.left, right: r.right, top: middle - half, bottom: middle + half };
  }

  function charts() {
    var out = { texts: 0, small: 0, smallest: null, examples: [], overlaps: [] };
    var svgs = doc.querySelectorAll('svg');
    for (var s = 0; s < svgs.length; s++) {
      var svg = svgs[s];
      if (!drawn(svg)) continue;
      var scale = svgScale(svg);
      var boxes = [];
      var texts = svg.querySelectorAll('text');
      for (var t = 0; t < texts.length; t++) {
        var el = texts[t];
        var label = text(el);
        if (!label || !drawn(el) || el.closest('svg') !== svg) continue;
        var size = parseFloat(win.getComputedStyle(el).fontSize) * scale;
        out.texts++;
        if (out.smallest === null || size < out.smallest) out.smallest = round(size);
        if (size < LIMITS.chart) {
          out.small++;
          if (out.examples.length < EXAMPLES) out.examples.push({ text: short(label), size: round(size) });
        }
        boxes.push({ label: label, r: emBox(el.getBoundingClientRect(), size) });
      }
      for (var a = 0; a < boxes.length; a++) {
        for (var b = a + 1; b < boxes.length; b++) {
          var p = boxes[a].r, q = boxes[b].r;
          var dx = Math.min(p.right, q.right) - Math.max(p.left, q.left);
          var dy = Math.min(p.bottom, q.bottom) - Math.max(p.top, q.top);
          if (dx > 1 && dy > 1) out.overlaps.push({ chart: chartOf(svg), a: short(boxes[a].label), b: short(boxes[b].label) });
        }
      }
    }
    return out;
  }

  // Running text of more than 20 characters: paragraphs, list items, table cells, quotes.
  function bodyText() {
    var out = { count: 0, smallest: null, examples: [] };
    var all = doc.querySelectorAll('p, li, td, th, blockquote');
    for (var i = 0; i < all.length; i++) {
      var e = all[i];
      var words = text(e);
      if (words.length <= 20 || !drawn(e) || e.closest('svg')) continue;
      var min = e.closest(SMALL_ALLOWED) ? LIMITS.small : LIMITS.body;
      var size = parseFloat(win.getComputedStyle(e).fontSize);
      if (size >= min) continue;
      out.count++;
      if (out.smallest === null || size < out.smallest) out.smallest = round(size);
      if (out.examples.length < EXAMPLES) out.examples.push({ text: short(words), size: round(size), min: min });
    }
    return out;
  }

  var root = doc.documentElement;
  var height = win.innerHeight, width = win.innerWidth;
  var pageTall = Math.max(root.scrollHeight, doc.body ? doc.body.scrollHeight : 0) - height;
  var pageWide = Math.max(root.scrollWidth, doc.body ? doc.body.scrollWidth : 0) - width;
  var clipY = clipped('y'), clipX = clipped('x');
  return {
    width: width,
    height: height,
    scrollHeight: root.scrollHeight,
    tall: pageTall >= clipY.by ? { by: Math.max(pageTall, 0), where: 'page' } : clipY,
    wide: pageWide >= clipX.by ? { by: Math.max(pageWide, 0), where: 'page' } : clipX,
    charts: charts(),
    body: bodyText(),
    limits: LIMITS
  };
}
