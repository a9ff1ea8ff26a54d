// folio print document: a monitor page must fit its A4 sheet. When a page holds more than
// the sheet, its content is scaled down as a whole (CSS zoom, which reflows the text)
// instead of being cut off. print.html lays sheets out at print size on screen too, so the
// measurement here holds when Chromium prints.
(function () {
  function fit(sheet) {
    var main = sheet.querySelector(".sheet-main");
    if (!main) return;
    var zoom = 1;
    main.style.zoom = "";
    for (var attempt = 0; attempt < 8 && sheet.scrollHeight > sheet.clientHeight + 1; attempt++) {
      var overflow = sheet.scrollHeight - sheet.clientHeight;
      var needed = main.scrollHeight;
      zoom = Math.max(0.5, zoom * (needed - overflow) / needed - 0.01);
      main.style.zoom = String(zoom);
    }
  }
  function fitAll() {
    document.querySelectorAll(".print-document .sheet").forEach(fit);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", fitAll);
  } else {
    fitAll();
  }
})();
