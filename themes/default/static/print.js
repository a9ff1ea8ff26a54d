// folio print document: every monitor page starts on a new A4 sheet. A page that holds
// more than one sheet continues on the next sheet(s), never scaled down and never cut:
// the overflowing blocks move to a continuation sheet that repeats the page's title with
// "(vervolg)". Paragraphs, lists and tables are split between lines, items and rows
// (keeping at least two lines on each side); charts, quotes and result blocks move whole.
// print.html lays sheets out at print size on screen too, so what is measured here is
// what Chromium prints. Without JavaScript, the browser's own page breaks still print
// every word; only the "(vervolg)" titles are missing.
(function () {
  "use strict";
  var MIN_LINES = 2;
  // Room kept free at the foot of every sheet: text can set a pixel or two taller on paper
  // than on screen, and a sheet only a little too tall would print a nearly empty page.
  var SLACK = 24;

  function sheetHeight() {
    var probe = document.createElement("div");
    probe.style.cssText = "position:absolute;visibility:hidden;height:var(--sheet-height)";
    document.body.appendChild(probe);
    var height = probe.getBoundingClientRect().height;
    probe.remove();
    return height;
  }

  function flowContainer(sheet) {
    var main = sheet.querySelector(".sheet-main");
    if (!main) return null;
    var body = main.querySelector(":scope > .results-body, :scope > .closing-body, :scope > .foreword-body, :scope > .cover > .cover-body");
    var container = body || main;
    // Text in columns is left to the browser's own page breaks.
    var columns = getComputedStyle(container).columnCount;
    return columns && columns !== "auto" && columns !== "1" ? null : container;
  }

  function lineHeight(element) {
    var style = getComputedStyle(element);
    var value = parseFloat(style.lineHeight);
    return isNaN(value) ? parseFloat(style.fontSize) * 1.4 : value;
  }

  // The part of a paragraph below `limit`, cut out at the start of its first line below it.
  function splitText(element, limit) {
    var walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    var range = document.createRange();
    var starts = [];
    for (var node = walker.nextNode(); node; node = walker.nextNode()) {
      var re = /\S+/g, match;
      while ((match = re.exec(node.data))) starts.push([node, match.index]);
    }
    var low = 0, high = starts.length;
    while (low < high) {
      var mid = (low + high) >> 1;
      range.setStart(starts[mid][0], starts[mid][1]);
      range.setEnd(starts[mid][0], starts[mid][1] + 1);
      if (range.getBoundingClientRect().bottom > limit) high = mid; else low = mid + 1;
    }
    if (low === 0 || low >= starts.length) return null;
    range.setStart(starts[low][0], starts[low][1]);
    range.setEnd(starts[low][0], starts[low][1] + 1);
    var box = element.getBoundingClientRect(), at = range.getBoundingClientRect().top, line = lineHeight(element);
    if (at - box.top < MIN_LINES * line - 1 || box.bottom - at < MIN_LINES * line - 1) return null;
    range.setStart(starts[low][0], starts[low][1]);
    range.setEnd(element, element.childNodes.length);
    var rest = element.cloneNode(false);
    rest.removeAttribute("id");
    rest.appendChild(range.extractContents());
    return rest;
  }

  // The items of a list, or the rows of a table, below `limit`.
  function splitRows(element, limit) {
    var rows = element.tagName === "TABLE" ? element.querySelectorAll(":scope > tbody > tr") : element.querySelectorAll(":scope > li");
    var first = -1;
    for (var i = 0; i < rows.length; i++) {
      if (rows[i].getBoundingClientRect().bottom > limit) { first = i; break; }
    }
    if (first < 1) return null;
    var rest = element.cloneNode(false);
    rest.removeAttribute("id");
    if (element.tagName === "TABLE") {
      var head = element.querySelector(":scope > thead");
      if (head) rest.appendChild(head.cloneNode(true));
      var body = document.createElement("tbody");
      rest.appendChild(body);
      for (var r = first; r < rows.length; r++) body.appendChild(rows[r]);
    } else {
      if (element.tagName === "OL") rest.setAttribute("start", String((element.start || 1) + first));
      for (var j = first; j < rows.length; j++) rest.appendChild(rows[j]);
    }
    return rest;
  }

  function splitBlock(element, limit) {
    if (element.getBoundingClientRect().top >= limit) return null;
    if (/^(P|BLOCKQUOTE|H[2-6])$/.test(element.tagName)) return element.tagName === "P" ? splitText(element, limit) : null;
    if (/^(UL|OL|TABLE)$/.test(element.tagName)) return splitRows(element, limit);
    return null;
  }

  // A new sheet after `sheet` with its header, the title marked "(vervolg)", and an empty
  // container of the same kind for the content that moves.
  function continuation(sheet, container, number) {
    var next = sheet.cloneNode(false);
    next.id = sheet.id.replace(/-vervolg-\d+$/, "") + "-vervolg-" + number;
    next.classList.add("is-continuation");
    var header = sheet.querySelector(":scope > .sheet-header");
    if (header) next.appendChild(header.cloneNode(true));
    var main = sheet.querySelector(".sheet-main").cloneNode(false);
    main.removeAttribute("id");
    next.appendChild(main);
    var kicker = sheet.querySelector(".sheet-main > .kicker");
    if (kicker) main.appendChild(kicker.cloneNode(true));
    // The page's title: its h1 on the first sheet, kept on each continuation for the next.
    var title = sheet.querySelector(".sheet-main h1, .sheet-main .continued-title");
    if (title) {
      var text = title.dataset.title || title.textContent.trim();
      // A paragraph, not a heading: the PDF outline keeps one entry per monitor page.
      var repeated = document.createElement("p");
      repeated.className = title.className.replace(" continued-title", "") + " continued-title";
      repeated.dataset.title = text;
      repeated.setAttribute("aria-hidden", "true");
      repeated.textContent = text + " " + (document.body.dataset.continued || "(vervolg)");
      main.appendChild(repeated);
    }
    var box = container.classList.contains("sheet-main") ? main : main.appendChild(container.cloneNode(false));
    box.removeAttribute("id");
    return { sheet: next, box: box };
  }

  // Columns cannot be split between sheets: a page in columns that is taller than its sheet
  // is set in one column first.
  function singleColumn(sheet, height) {
    if (sheet.getBoundingClientRect().height <= height + 1) return;
    sheet.querySelectorAll(".foreword-body").forEach(function (body) { body.classList.add("one-column"); });
  }

  function paginate(sheet, height) {
    singleColumn(sheet, height);
    for (var number = 1; number < 100 && sheet.getBoundingClientRect().height > height + 1; number++) {
      var container = flowContainer(sheet);
      if (!container) return;
      var limit = sheet.getBoundingClientRect().top + height;
      var children = Array.prototype.filter.call(container.children, function (c) { return c.getClientRects().length; });
      var at = children.findIndex(function (c) { return c.getBoundingClientRect().bottom > limit; });
      if (at < 0) return;
      var rest = splitBlock(children[at], limit);
      var moving = children.slice(rest ? at + 1 : at);
      // Nothing would stay behind but the title: a block taller than a sheet is left to the
      // browser's page breaks, which may then split it (kept whole, it would leave an empty sheet).
      if (!rest && at === 0) {
        children[0].style.breakInside = "auto";
        // Chromium does not split the items of a grid between sheets reliably (a later
        // item can land under the next page's sheet): such a sheet sets its blocks one
        // under another, which breaks cleanly.
        if (getComputedStyle(container).display === "grid") container.classList.add("flowing");
        return;
      }
      var next = continuation(sheet, container, number);
      if (rest) next.box.appendChild(rest);
      moving.forEach(function (child) { next.box.appendChild(child); });
      sheet.after(next.sheet);
      sheet = next.sheet;
    }
  }

  // For `folio pdf`, which checks that the PDF holds every word: per monitor page, the text
  // a reader sees (innerText leaves out what the theme hides) and the sheets it took.
  // Chart drawings are left out: their labels are placed one by one, and a PDF's text
  // extraction may join a label and its value into one word.
  function report() {
    var charts = document.querySelectorAll(".print-document svg");
    charts.forEach(function (svg) { svg.style.display = "none"; });
    var pages = [];
    document.querySelectorAll(".print-document > .sheet").forEach(function (sheet) {
      var id = sheet.id.replace(/-vervolg-\d+$/, "");
      var last = pages[pages.length - 1];
      var text = sheet.innerText;
      if (sheet.classList.contains("is-continuation") && last && last.id === id) {
        last.sheets += 1;
        last.text += "\n" + text;
      } else {
        var title = sheet.querySelector("h1");
        pages.push({ id: id, title: title ? title.textContent.trim() : id, sheets: 1, text: text });
      }
    });
    charts.forEach(function (svg) { svg.style.display = ""; });
    var out = document.createElement("script");
    out.type = "application/json";
    out.id = "folio-check";
    out.textContent = JSON.stringify(pages).replace(/</g, "\\u003c");
    document.body.appendChild(out);
  }

  // A contents page lists the sheet each page starts on. A sheet is one printed page, or
  // more where a block taller than a page was left to the browser's own page breaks.
  function numberContents(pageHeight) {
    var first = {};
    var printed = 1;
    document.querySelectorAll(".print-document > .sheet").forEach(function (sheet) {
      first["#" + sheet.id] = printed;
      var sheets = Math.ceil((sheet.getBoundingClientRect().height - 1) / pageHeight);
      printed += sheet.classList.contains("sheet-cover") ? 1 : Math.max(1, sheets);
    });
    document.querySelectorAll(".print-document .contents a[href^='#']").forEach(function (link) {
      var at = first[link.getAttribute("href")];
      if (!at) return;
      var number = document.createElement("span");
      number.className = "contents-sheet";
      number.textContent = String(at);
      link.appendChild(number);
    });
  }

  // The notes that close a sheet (`::: footnotes`, Markdown footnotes) move out of the
  // page's grid to the foot of the sheet, where style.css keeps them, so that every sheet
  // ends on the same line, as a designed page does.
  var NOTES = /(^|\s)(marked-footnotes|footnotes|footnote-definition)(\s|$)/;
  function notesAtFoot(sheet) {
    var main = sheet.querySelector(":scope > .sheet-main");
    var body = main && main.querySelector(":scope > .results-body, :scope > .closing-body");
    if (!body) return;
    var notes = [];
    for (var last = body.lastElementChild; last && NOTES.test(last.className); last = last.previousElementSibling) notes.unshift(last);
    if (!notes.length || notes.length === body.children.length) return;
    var foot = document.createElement("div");
    foot.className = "sheet-notes";
    notes.forEach(function (note) { foot.appendChild(note); });
    main.appendChild(foot);
  }

  function paginateAll() {
    var page = sheetHeight();
    var height = page - SLACK;
    if (height <= 0) return;
    // A report runs on from sheet to sheet by itself (style.css); a monitor's pages are
    // paginated one by one. The cover is a whole sheet of paper of its own (@page cover).
    var flowing = document.body.classList.contains("mode-report");
    document.querySelectorAll(".print-document > .sheet").forEach(function (sheet) {
      if (!flowing && !sheet.classList.contains("sheet-cover")) paginate(sheet, height);
    });
    document.querySelectorAll(".print-document > .sheet-results, .print-document > .sheet-closing").forEach(notesAtFoot);
    if (!flowing) numberContents(page);
    document.body.dataset.paginated = "true";
    if (location.hash === "#folio-check") report();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", paginateAll);
  else paginateAll();
})();
