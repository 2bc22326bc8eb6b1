// handbok default theme: the narrow-screen menu and the "On this page" highlight.
// Everything works without this file; it only improves what is already there.
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  var button = document.querySelector(".menu-button");
  var nav = document.getElementById("site-nav");
  if (button && nav) {
    button.hidden = false;
    button.addEventListener("click", function () {
      var open = nav.classList.toggle("open");
      button.setAttribute("aria-expanded", open ? "true" : "false");
    });
  }

  var main = document.getElementById("main");
  var labels = main ? main.dataset : {};

  // A link to each section heading, shown on hover and focus.
  document.querySelectorAll(".content h2[id], .content h3[id], .content h4[id]").forEach(function (heading) {
    var anchor = document.createElement("a");
    anchor.className = "heading-anchor";
    anchor.href = "#" + encodeURIComponent(heading.id);
    anchor.setAttribute("aria-label", (labels.anchorLabel || "Link to this section") + ": " + heading.textContent);
    anchor.textContent = "#";
    // A space first, so a long last word and the anchor may wrap apart on a phone.
    heading.appendChild(document.createTextNode(" "));
    heading.appendChild(anchor);
  });

  // A copy button on every code block. The Clipboard API exists only on https and
  // localhost; on a plain-http intranet host, copy through a selection instead.
  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      var copied = document.execCommand("copy");
      document.body.removeChild(area);
      if (copied) resolve(); else reject(new Error("copy refused"));
    });
  }
  document.querySelectorAll(".content pre > code").forEach(function (code) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "copy-code";
    button.textContent = labels.copyLabel || "Copy";
    button.addEventListener("click", function () {
      copyText(code.innerText).then(function () {
        button.textContent = labels.copiedLabel || "Copied";
        setTimeout(function () { button.textContent = labels.copyLabel || "Copy"; }, 2000);
      }, function () {});
    });
    code.parentNode.classList.add("has-copy");
    code.parentNode.insertBefore(button, code);
  });

  // Sections in the navigation fold away with a button beside their link.
  document.querySelectorAll(".site-nav li.nav-section").forEach(function (item, index) {
    var list = item.querySelector(":scope > ul");
    var link = item.querySelector(":scope > a");
    if (!list || !link) return;
    list.id = list.id || "nav__" + index;
    var toggle = document.createElement("button");
    toggle.type = "button";
    toggle.className = "nav-toggle";
    toggle.setAttribute("aria-expanded", "true");
    toggle.setAttribute("aria-controls", list.id);
    toggle.setAttribute("aria-label", link.textContent.trim());
    toggle.addEventListener("click", function () {
      var open = toggle.getAttribute("aria-expanded") !== "true";
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
      list.hidden = !open;
    });
    item.insertBefore(toggle, list);
  });

  // Tab sets (::: tabs) show their tab list and one panel at a time; without this script
  // every panel shows under its label. Keys as in the WAI-ARIA tabs pattern: arrows move
  // to the previous or next tab, Home and End to the first or last.
  document.querySelectorAll(".tabs").forEach(function (set) {
    var list = set.querySelector(":scope > .tabs-list");
    if (!list) return;
    var tabs = Array.prototype.slice.call(list.querySelectorAll('[role="tab"]'));
    if (!tabs.length) return;
    function select(chosen) {
      tabs.forEach(function (tab) {
        var selected = tab === chosen;
        tab.setAttribute("aria-selected", selected ? "true" : "false");
        if (selected) tab.removeAttribute("tabindex"); else tab.setAttribute("tabindex", "-1");
        var panel = document.getElementById(tab.getAttribute("aria-controls"));
        if (panel) panel.hidden = !selected;
      });
    }
    tabs.forEach(function (tab) {
      tab.addEventListener("click", function () { select(tab); });
    });
    list.addEventListener("keydown", function (event) {
      var index = tabs.indexOf(document.activeElement);
      var last = tabs.length - 1;
      var next;
      switch (event.key) {
        case "ArrowRight": next = index === last ? 0 : index + 1; break;
        case "ArrowLeft": next = index === 0 ? last : index - 1; break;
        case "Home": next = 0; break;
        case "End": next = last; break;
        default: return;
      }
      if (index < 0) return;
      event.preventDefault();
      select(tabs[next]);
      tabs[next].focus();
    });
    select(tabs[0]);
    set.classList.add("tabs-enhanced");
    list.hidden = false;
  });

  // A closed ::: details would print without its body: open them for the printout.
  var openedForPrint = [];
  window.addEventListener("beforeprint", function () {
    openedForPrint = Array.prototype.filter.call(document.querySelectorAll("details:not([open])"), function (details) {
      details.open = true;
      return true;
    });
  });
  window.addEventListener("afterprint", function () {
    openedForPrint.forEach(function (details) { details.open = false; });
    openedForPrint = [];
  });

  // Offline reading (`offline: true` in site.yaml): once the page has loaded, register the
  // site's worker (static/theme/offline.js) and ask it to keep this language's copy. A page
  // the worker answered from that copy, the network having failed, carries the copy's build
  // time: say so, in the page's language.
  var root = document.documentElement;
  var copy = root.getAttribute("data-offline-copy");
  if (copy !== null && main) {
    var notice = document.createElement("p");
    notice.className = "offline-notice";
    notice.setAttribute("role", "status");
    notice.textContent = (root.getAttribute("data-offline-notice") || "Offline copy from {date}")
      .replace("{date}", builtAt(copy, root.lang));
    main.insertBefore(notice, main.firstChild);
  }
  var worker = root.getAttribute("data-offline-worker");
  if (worker && "serviceWorker" in navigator) {
    window.addEventListener("load", function () {
      navigator.serviceWorker.register(worker, { scope: root.getAttribute("data-offline-scope"), updateViaCache: "none" })
        .then(function () { return navigator.serviceWorker.ready; })
        .then(function (registration) {
          if (registration.active) registration.active.postMessage({ type: "sync", lang: root.lang });
        })
        // Offline, the worker's own update check fails; what it keeps still answers.
        .catch(function () {});
    });
  }
  function builtAt(iso, lang) {
    var date = new Date(iso);
    if (!iso || isNaN(date.getTime())) return iso;
    try {
      return new Intl.DateTimeFormat(lang, { dateStyle: "long", timeStyle: "short" }).format(date);
    } catch (e) {
      return date.toLocaleString();
    }
  }

  var links = document.querySelectorAll(".toc a[href^='#']");
  if (!links.length || !("IntersectionObserver" in window)) return;
  var byId = {};
  links.forEach(function (link) { byId[decodeURIComponent(link.hash.slice(1))] = link; });
  var observer = new IntersectionObserver(function (entries) {
    entries.forEach(function (entry) {
      if (!entry.isIntersecting) return;
      links.forEach(function (link) { link.removeAttribute("aria-current"); });
      var link = byId[entry.target.id];
      if (link) link.setAttribute("aria-current", "true");
    });
  }, { rootMargin: "0px 0px -70% 0px" });
  Object.keys(byId).forEach(function (id) {
    var heading = document.getElementById(id);
    if (heading) observer.observe(heading);
  });
})();
