// handbok offline reading: the service worker, written to the site's root as sw.js (so its
// scope is the site's base path) when site.yaml says `offline: true`; for `offline: false`
// the build writes it with ENABLED false: the kill-switch.
//
// - Keeping a copy: a page posts {type: "sync", lang} once it has loaded. The worker fetches
//   offline/<lang>.json, the build's manifest of every file of that language's copy with a
//   content hash (64-bit FNV-1a, as src/render/offline.rs), and downloads into Cache Storage
//   only the files whose hash differs from what it keeps, checking each one's hash; files the
//   build no longer lists are deleted. A language's cache ends with a record of what it holds.
// - Answering: the network first, always, so a reader online sees the live handbook exactly
//   as without a worker; the kept copy only when the network fails, answers 5xx, or a page
//   takes over PAGE_TIMEOUT to answer (a dead VPN hangs rather than fails). A page answered
//   from the copy carries data-offline-copy="<build time>" on <html>, for the theme's script
//   to say "Offline copy from <date>".
// - The kill-switch: the worker deletes its caches and unregisters itself.
"use strict";

var ENABLED = true;
var SCOPE = self.registration.scope;
// Caches of this site only: another site under another path of the origin keeps its own.
var PREFIX = "handbok-offline " + new URL(SCOPE).pathname + " ";
var PAGE_TIMEOUT = 4000;
// A language's manifest is fetched again at most this often (each page load asks).
var RECHECK = 60 * 1000;
var PARALLEL = 4;

function manifestUrl(lang) {
  return new URL("offline/" + encodeURIComponent(lang) + ".json", SCOPE).href;
}

function ourCaches() {
  return caches.keys().then(function (names) {
    return names.filter(function (name) { return name.startsWith(PREFIX); });
  });
}

self.addEventListener("install", function () { self.skipWaiting(); });

self.addEventListener("activate", function (event) {
  event.waitUntil(ENABLED ? self.clients.claim() : removeEverything());
});

async function removeEverything() {
  var names = await ourCaches();
  await Promise.all(names.map(function (name) { return caches.delete(name); }));
  await self.registration.unregister();
}

var lastSync = {};
var syncing = {};

self.addEventListener("message", function (event) {
  var data = event.data || {};
  var lang = data.lang;
  if (!ENABLED || data.type !== "sync" || typeof lang !== "string" || !/^[a-z0-9-]+$/.test(lang)) return;
  if (syncing[lang] || Date.now() - (lastSync[lang] || 0) < RECHECK) return;
  lastSync[lang] = Date.now();
  syncing[lang] = sync(lang).catch(function (error) {
    console.warn("handbok: the offline copy was not updated:", error);
  }).then(function () { delete syncing[lang]; });
  event.waitUntil(syncing[lang]);
});

// Brings a language's cache to the build's manifest.
async function sync(lang) {
  var url = manifestUrl(lang);
  var response = await fetch(url, { cache: "no-cache" });
  if (!response.ok) return;
  var manifest = await response.json();
  var cache = await caches.open(PREFIX + lang);
  var record = await cache.match(url);
  var had = record ? (await record.json()).files : {};
  var held = {};
  var missing = [];
  for (var file of Object.keys(manifest.files)) {
    var hash = manifest.files[file];
    if (had[file] === hash && await cache.match(new URL(file, SCOPE).href)) held[file] = hash;
    else missing.push(file);
  }
  await inParallel(missing, async function (file) {
    try {
      if (await download(cache, file, manifest.files[file])) held[file] = manifest.files[file];
    } catch (error) {
      // Full storage or a failed download: the next sync tries again.
      console.warn("handbok: not kept offline:", file, error);
    }
  });
  for (var gone of Object.keys(had)) {
    if (!(gone in manifest.files)) await cache.delete(new URL(gone, SCOPE).href);
  }
  var kept = JSON.stringify({ built: manifest.built, files: held });
  await cache.put(url, new Response(kept, { headers: { "Content-Type": "application/json" } }));
}

// Keeps one file if its bytes have the manifest's hash (mid-deploy, a host may still serve
// the old file under a new manifest: it is then fetched again on the next sync).
async function download(cache, file, hash) {
  var target = new URL(file, SCOPE).href;
  var response = await fetch(target, { cache: "no-cache" });
  if (!response.ok) return false;
  var bytes = await response.arrayBuffer();
  if (fnv1a(new Uint8Array(bytes)) !== hash) return false;
  // A fresh response: one that came through a redirect cannot answer a navigation.
  var type = response.headers.get("Content-Type");
  await cache.put(target, new Response(bytes, { headers: type ? { "Content-Type": type } : {} }));
  return true;
}

async function inParallel(items, work) {
  var next = 0;
  async function worker() {
    while (next < items.length) await work(items[next++]);
  }
  var workers = [];
  for (var i = 0; i < PARALLEL; i++) workers.push(worker());
  await Promise.all(workers);
}

// 64-bit FNV-1a as the build computes it, in four 16-bit limbs (h0 lowest) so that every
// product stays exact in a double: the prime is 0x100_0000_01b3.
function fnv1a(bytes) {
  var h0 = 0x2325, h1 = 0x8422, h2 = 0x9ce4, h3 = 0xcbf2;
  for (var i = 0; i < bytes.length; i++) {
    h0 ^= bytes[i];
    var t0 = h0 * 0x1b3;
    var t1 = h1 * 0x1b3 + (t0 >>> 16);
    var t2 = h2 * 0x1b3 + h0 * 0x100 + (t1 >>> 16);
    var t3 = h3 * 0x1b3 + h1 * 0x100 + (t2 >>> 16);
    h0 = t0 & 0xffff; h1 = t1 & 0xffff; h2 = t2 & 0xffff; h3 = t3 & 0xffff;
  }
  return [h3, h2, h1, h0].map(function (h) { return h.toString(16).padStart(4, "0"); }).join("");
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (!ENABLED || request.method !== "GET" || !request.url.startsWith(SCOPE)) return;
  event.respondWith(answer(request));
});

async function answer(request) {
  var page = request.mode === "navigate";
  try {
    var response = await (page ? withTimeout(fetch(request), PAGE_TIMEOUT) : fetch(request));
    if (response.status < 500) return response;
    return (await kept(request, page)) || response;
  } catch (error) {
    return (await kept(request, page)) || Response.error();
  }
}

function withTimeout(promise, ms) {
  return new Promise(function (resolve, reject) {
    var timer = setTimeout(function () { reject(new Error("timed out")); }, ms);
    promise.then(function (value) { clearTimeout(timer); resolve(value); },
      function (error) { clearTimeout(timer); reject(error); });
  });
}

// The kept copy of a request, from whichever language's cache has it; a page is marked as
// the copy it is.
async function kept(request, page) {
  var urls = [request.url];
  if (page) {
    var url = new URL(request.url);
    url.search = "";
    url.hash = "";
    if (url.pathname.endsWith("/index.html")) url.pathname = url.pathname.slice(0, -10);
    else if (!url.pathname.endsWith("/")) url.pathname += "/";
    urls.push(url.href);
  }
  for (var name of await ourCaches()) {
    var cache = await caches.open(name);
    for (var candidate of urls) {
      // Theme files are asked for with `?v=<hash>`; the manifest's hash is what counts.
      var found = await cache.match(candidate, { ignoreSearch: true });
      if (found) return page ? marked(found, cache, name.slice(PREFIX.length)) : found;
    }
  }
  return null;
}

async function marked(response, cache, lang) {
  var record = await cache.match(manifestUrl(lang));
  var built = record ? String((await record.json()).built).replace(/[^0-9A-Za-z:.+-]/g, "") : "";
  var html = (await response.text()).replace(/<html\b/i, '<html data-offline-copy="' + built + '"');
  return new Response(html, { headers: { "Content-Type": "text/html; charset=utf-8" } });
}
