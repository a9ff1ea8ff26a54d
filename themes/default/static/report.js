// The research report on paper: `folio pdf --report` opens it at #folio-check and compares
// the text each part shows with the PDF's text, as it does for the monitor's print
// document (see print.js). Each chapter and appendix is one part; the contents list is not
// printed, so it is left out. Nothing happens without #folio-check.
(function () {
  if (location.hash !== "#folio-check") return;
  var parts = [];
  var header = document.querySelector(".report-document > header");
  if (header) parts.push({ id: "titel", title: header.innerText.split("\n")[0], sheets: 1, text: header.innerText });
  document.querySelectorAll(".report-document main > section").forEach(function (section) {
    var heading = section.querySelector("h2");
    parts.push({ id: heading ? heading.id : "", title: heading ? heading.innerText : "", sheets: 1, text: section.innerText });
  });
  var out = document.createElement("script");
  out.type = "application/json";
  out.id = "folio-check";
  out.textContent = JSON.stringify(parts).replace(/</g, "\\u003c");
  document.body.appendChild(out);
})();
