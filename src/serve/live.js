// folio serve: reloads this tab when its page is rebuilt, and shows build errors over the
// page until they are fixed. Injected by `folio serve` only; never part of a build.
(function () {
  var overlay = null;
  function here() {
    return decodeURIComponent(location.pathname).replace(/^\//, "").replace(/index\.html$/, "");
  }
  function showError(message) {
    if (!overlay) {
      overlay = document.createElement("div");
      overlay.id = "folio-error-overlay";
      overlay.setAttribute("role", "alert");
      overlay.style.cssText = "position:fixed;inset:0;z-index:99999;background:rgba(20,20,20,.92);color:#fff;" +
        "padding:2rem;overflow:auto;font:15px/1.5 ui-monospace,Menlo,Consolas,monospace";
      var title = document.createElement("h2");
      title.textContent = "folio: de build is mislukt";
      title.style.cssText = "color:#ffb3b3;font:bold 20px sans-serif;margin:0 0 1rem";
      var body = document.createElement("pre");
      body.style.cssText = "white-space:pre-wrap;margin:0";
      overlay.appendChild(title);
      overlay.appendChild(body);
      document.body.appendChild(overlay);
    }
    overlay.querySelector("pre").textContent = message;
  }
  function hideError() {
    if (overlay) {
      overlay.remove();
      overlay = null;
    }
  }
  var events = new EventSource("/__folio/events");
  events.addEventListener("failed", function (event) {
    if (event.data) showError(JSON.parse(event.data));
  });
  events.addEventListener("ok", hideError);
  events.addEventListener("reload", function (event) {
    var pages = JSON.parse(event.data);
    if (pages.indexOf("*") >= 0 || pages.indexOf(here()) >= 0) location.reload();
  });
})();
