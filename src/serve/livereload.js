// handbok serve: reloads this tab when a rebuild changed it, swaps changed stylesheets,
// shows build errors over the page, and reconnects by itself when the server restarts.
(function () {
  "use strict";
  var OVERLAY = "handbok-error-overlay";
  var lost = false;

  function here(path) {
    path = path.replace(/index\.html$/, "");
    var current = location.pathname.replace(/index\.html$/, "");
    try { return decodeURI(path) === decodeURI(current); } catch (e) { return path === current; }
  }

  function showErrors(html) {
    var overlay = document.getElementById(OVERLAY);
    if (!overlay) {
      overlay = document.createElement("div");
      overlay.id = OVERLAY;
      overlay.setAttribute("role", "alert");
      document.body.appendChild(overlay);
    }
    overlay.innerHTML = html;
  }

  function clearErrors() {
    var overlay = document.getElementById(OVERLAY);
    if (overlay) overlay.remove();
  }

  function swapStylesheet(path) {
    document.querySelectorAll("link[rel=stylesheet]").forEach(function (link) {
      var url = new URL(link.href);
      if (url.pathname === path) {
        url.searchParams.set("handbok-reload", Date.now());
        link.href = url.toString();
      }
    });
  }

  function connect() {
    var scheme = location.protocol === "https:" ? "wss://" : "ws://";
    var socket = new WebSocket(scheme + location.host + "/__handbok/livereload");
    socket.onopen = function () {
      // Back after the server restarted: what we show may be stale.
      if (lost) location.reload();
    };
    socket.onmessage = function (event) {
      var notice = JSON.parse(event.data);
      if (notice.type === "reload") {
        if (notice.all || notice.paths.some(here)) location.reload();
      } else if (notice.type === "css") {
        swapStylesheet(notice.path);
      } else if (notice.type === "errors") {
        showErrors(notice.html);
      } else if (notice.type === "clear") {
        clearErrors();
      }
    };
    socket.onclose = function () {
      lost = true;
      setTimeout(connect, 300);
    };
  }

  // The preview never registers an offline worker; one left on this address by a built
  // site (offline: true, served here before) would keep stale copies: remove it.
  if (navigator.serviceWorker) {
    navigator.serviceWorker.getRegistrations().then(function (registrations) {
      registrations.forEach(function (registration) { registration.unregister(); });
    }).catch(function () {});
  }
  if (window.caches) {
    caches.keys().then(function (names) {
      names.filter(function (name) { return name.indexOf("handbok-offline ") === 0; })
        .forEach(function (name) { caches.delete(name); });
    }).catch(function () {});
  }

  connect();
})();
