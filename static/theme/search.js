// handbok default theme: search as you type, in the page's language, from the index the
// build wrote under search/<lang>/ (see src/search.rs for its format). A query downloads
// only the chunks of its words and the few pages it shows, so it stays small on large sites.
// The box is an ARIA combobox: `/` focuses it, arrow keys move, Enter opens, Escape closes.
var handbokSearch = (function () {
  "use strict";
  // Exactly as the build folds words (search::fold): lowercase, diacritics away.
  var FOLDS = { "å": "a", "ä": "a", "á": "a", "à": "a", "â": "a", "ã": "a", "ø": "o", "ö": "o", "ó": "o",
    "ò": "o", "ô": "o", "õ": "o", "æ": "ae", "é": "e", "è": "e", "ê": "e", "ë": "e", "í": "i", "ì": "i",
    "î": "i", "ï": "i", "ú": "u", "ù": "u", "û": "u", "ü": "u", "ç": "c", "ñ": "n", "ß": "ss" };
  function fold(word) {
    return word.toLowerCase().replace(/[åäáàâãøöóòôõæéèêëíìîïúùûüçñß]/g, function (c) { return FOLDS[c]; });
  }
  var WORD = /[\p{L}\p{N}]+/gu;
  function length(text) { return Array.from(text).length; }
  function head(text, n) { return Array.from(text).slice(0, n).join(""); }

  // The chunks that can hold a word's terms (see src/search.rs): the unsplit chunk whose name
  // begins the word; the own chunk of a split prefix (just the term that is the prefix) when
  // the word is that term and an ending; and, for a word still being typed, the chunks of
  // its longer terms, unless they are many (the word is too short yet).
  var LONGER = 6;
  function chunksOf(word, meta) {
    var split = meta.splitSet || (meta.splitSet = new Set(meta.split));
    var wanted = [];
    var longer = [];
    meta.chunks.forEach(function (name) {
      var prefix = name === "_" ? "" : name;
      if (prefix !== word && prefix.startsWith(word)) {
        longer.push(name);
      } else if (split.has(prefix) ? stems(prefix, word, meta) : word.startsWith(prefix)) {
        wanted.push(name);
      }
    });
    return longer.length <= LONGER ? wanted.concat(longer) : wanted;
  }

  // Whether a word is a form of an index term (a folded stem): the stem and the endings the
  // language's words take (meta.suffixes, from the build), so `monitoring` is a form of
  // `monitor` but `backup` is not one of `back`. English stems may end in `i` for `y`
  // (`polici` for `policy`).
  var LONGEST_ENDING = 12;
  function stems(term, word, meta) {
    if (term === word) return true;
    // Cheap tests first: this runs for every term of a chunk.
    var rest = null;
    if (word.startsWith(term)) rest = word.slice(term.length);
    else if (term.endsWith("i") && word.startsWith(term.slice(0, -1))) rest = word.slice(term.length - 1);
    if (rest === null || length(term) < 2 || length(rest) > LONGEST_ENDING) return false;
    var endings = meta.suffixRe || (meta.suffixRe = new RegExp("^(?:" + (meta.suffixes || "[a-z]{0,5}") + ")$"));
    return endings.test(rest);
  }

  // The query's distinct folded words, less those the index leaves out (`og`, `the`, single
  // letters), which would otherwise match nothing; a query of only such words keeps them.
  function queryWords(query, meta) {
    var words = (fold(query).match(WORD) || []).filter(function (w, i, all) { return all.indexOf(w) === i; });
    var stop = meta.stopSet || (meta.stopSet = new Set(meta.stop || []));
    var kept = words.filter(function (w) { return length(w) > 1 && !stop.has(w); });
    return kept.length ? kept : words;
  }

  // Pages that hold every word, best first, from the chunk of each word; and the terms that
  // matched, for marking them in snippets.
  function rank(meta, words, chunks) {
    var total = null;
    var terms = [];
    words.forEach(function (word, i) {
      var scores = new Map();
      Object.keys(chunks[i]).forEach(function (term) {
        var form = stems(term, word, meta);
        if (!form && !term.startsWith(word)) return;
        terms.push(term);
        var postings = chunks[i][term];
        // Rarer terms count for more; a longer word the query may still become, for less.
        var weight = Math.log(1 + meta.docs / (postings.length / 2)) * (form ? 1 : 0.5);
        for (var p = 0, doc = 0; p < postings.length; p += 2) {
          doc += postings[p];
          var score = Math.log(1 + postings[p + 1]) * weight;
          scores.set(doc, Math.max(scores.get(doc) || 0, score));
        }
      });
      if (total === null) {
        total = scores;
      } else {
        var both = new Map();
        total.forEach(function (score, doc) {
          if (scores.has(doc)) both.set(doc, score + scores.get(doc));
        });
        total = both;
      }
    });
    var ranked = Array.from(total || []).sort(function (a, b) { return b[1] - a[1] || a[0] - b[0]; });
    return { ranked: ranked, terms: terms };
  }

  // Where a page's fragment is: item `doc % n` of `d/<doc / n>.json`, n pages to a file.
  function fragmentOf(doc, meta) {
    var n = meta.fragments;
    return { file: "d/" + Math.floor(doc / n) + ".json", item: doc % n };
  }

  return { fold: fold, WORD: WORD, queryWords: queryWords, chunksOf: chunksOf, stems: stems, rank: rank,
    fragmentOf: fragmentOf };
})();

// For the benchmark (bench/search-query.mjs), which runs the same code in Node.
if (typeof module === "object" && module.exports) module.exports = handbokSearch;

(function () {
  "use strict";
  if (typeof document === "undefined") return;
  var core = handbokSearch;
  var fold = core.fold;
  var WORD = core.WORD;
  var box = document.querySelector(".search[data-index]");
  if (!box || !window.fetch || !window.Promise) return;
  var input = box.querySelector("input");
  var panel = box.querySelector(".search-panel");
  var list = box.querySelector("[role=listbox]");
  var empty = box.querySelector(".search-empty");
  var status = box.querySelector("[role=status]");
  var root = box.dataset.index;
  var SHOWN = 8;
  box.hidden = false;

  var cache = {};
  function json(path) {
    if (!cache[path]) {
      cache[path] = fetch(root + path).then(function (response) {
        if (!response.ok) throw new Error(root + path + ": " + response.status);
        return response.json();
      });
      cache[path].catch(function () { delete cache[path]; });
    }
    return cache[path];
  }

  function search(query) {
    if (!fold(query).match(WORD)) return Promise.resolve(null);
    return json("meta.json").then(function (meta) {
      var words = core.queryWords(query, meta);
      return Promise.all(words.map(function (word) {
        return Promise.all(core.chunksOf(word, meta).map(function (name) {
          return json("t/" + encodeURIComponent(name) + ".json").catch(function () { return {}; });
        })).then(function (parts) { return Object.assign.apply(null, [{}].concat(parts)); });
      })).then(function (chunks) {
        var result = core.rank(meta, words, chunks);
        return Promise.all(result.ranked.slice(0, SHOWN).map(function (entry) {
          var at = core.fragmentOf(entry[0], meta);
          return json(at.file).then(function (file) { return file[at.item]; });
        })).then(function (pages) {
          return { count: result.ranked.length, pages: pages, terms: result.terms, meta: meta };
        });
      });
    });
  }

  // Whether a word of the page's text is one the query found.
  function found(word, terms, meta) {
    var folded = fold(word);
    return terms.some(function (term) { return core.stems(term, folded, meta); });
  }

  // The text around the first match (or the first in a heading), every match marked, and
  // the heading it is under.
  function snippet(page, terms, meta) {
    var text = page.x;
    var first = -1;
    var all = [];
    var inHeading = -1;
    for (var m of text.matchAll(WORD)) {
      if (found(m[0], terms, meta)) {
        if (first < 0) first = m.index;
        if (inHeading < 0 && page.h.some(function (h) { return h[2] <= m.index && m.index < h[2] + h[1].length; })) {
          inHeading = m.index;
        }
        all.push([m.index, m.index + m[0].length]);
      }
    }
    // A heading that holds the word is what the part under it is about: show that part.
    if (inHeading >= 0) first = inHeading;
    var heading = null;
    if (first >= 0) {
      page.h.forEach(function (h) { if (h[2] <= first) heading = h; });
    }
    // From the heading on when the word is in it; the title shows the heading already.
    var start = inHeading >= 0 ? heading[2] + heading[1].length : Math.max(0, first - 60);
    if (inHeading < 0 && start > 0) {
      var space = text.indexOf(" ", start);
      if (space >= 0 && space < first) start = space + 1;
    }
    var end = Math.min(text.length, (inHeading >= 0 ? start : Math.max(first, 0)) + 160);
    var space = text.lastIndexOf(" ", end);
    if (end < text.length && space > first) end = space;
    var parts = document.createDocumentFragment();
    if (start > 0 && inHeading < 0) parts.append("… ");
    var at = start;
    all.forEach(function (range) {
      if (range[0] < start || range[1] > end) return;
      parts.append(text.slice(at, range[0]).replace(/\s+/g, " "));
      var mark = document.createElement("mark");
      mark.textContent = text.slice(range[0], range[1]);
      parts.append(mark);
      at = range[1];
    });
    parts.append(text.slice(at, end).replace(/\s+/g, " "));
    if (end < text.length) parts.append(" …");
    return { parts: parts, heading: heading };
  }

  var options = [];
  var active = -1;
  var latest = 0;

  function show(open) {
    panel.hidden = !open;
    input.setAttribute("aria-expanded", open && options.length ? "true" : "false");
  }

  function select(index) {
    if (active >= 0 && options[active]) options[active].setAttribute("aria-selected", "false");
    active = index;
    if (active >= 0 && options[active]) {
      options[active].setAttribute("aria-selected", "true");
      input.setAttribute("aria-activedescendant", options[active].id);
      options[active].scrollIntoView({ block: "nearest" });
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  }

  function render(result) {
    list.textContent = "";
    options = [];
    active = -1;
    input.removeAttribute("aria-activedescendant");
    if (!result) {
      status.textContent = "";
      show(false);
      return;
    }
    result.pages.forEach(function (page, i) {
      var shown = snippet(page, result.terms, result.meta);
      var option = document.createElement("a");
      option.id = "search__" + i;
      option.className = "search-result";
      option.setAttribute("role", "option");
      option.setAttribute("aria-selected", "false");
      option.tabIndex = -1;
      option.href = page.u + (shown.heading ? "#" + encodeURIComponent(shown.heading[0]) : "");
      var title = document.createElement("span");
      title.className = "search-result-title";
      title.textContent = page.t + (shown.heading ? " › " + shown.heading[1] : "");
      option.append(title);
      if (page.s) {
        var section = document.createElement("span");
        section.className = "search-result-section";
        section.textContent = page.s;
        option.append(section);
      }
      var text = document.createElement("span");
      text.className = "search-result-snippet";
      text.append(shown.parts);
      option.append(text);
      option.addEventListener("mousemove", function () { if (active !== i) select(i); });
      list.append(option);
      options.push(option);
    });
    empty.hidden = result.count > 0;
    status.textContent = result.count ? result.count + " " + box.dataset.resultsLabel : box.dataset.noResults;
    show(true);
  }

  input.addEventListener("input", function () {
    var query = input.value;
    var ticket = ++latest;
    search(query).then(function (result) {
      // Answers to earlier keystrokes that arrive late are dropped.
      if (ticket === latest) render(result);
    }, function (error) {
      if (ticket === latest) render(null);
      console.warn("handbok search:", error);
    });
  });

  input.addEventListener("keydown", function (event) {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      if (!options.length) return;
      event.preventDefault();
      show(true);
      var last = options.length - 1;
      if (event.key === "ArrowDown") select(active < last ? active + 1 : 0);
      else select(active > 0 ? active - 1 : last);

    } else if (event.key === "Enter") {
      var chosen = options[active >= 0 ? active : 0];
      if (chosen && !panel.hidden) {
        event.preventDefault();
        // As a click on the link: the browser's own navigation, after this key event.
        chosen.click();
      }
    } else if (event.key === "Escape") {
      if (!panel.hidden) {
        show(false);
        select(-1);
      } else {
        input.value = "";
        render(null);
      }
    }
  });

  input.addEventListener("focus", function () {
    if (input.value && options.length) show(true);
  });
  document.addEventListener("click", function (event) {
    if (!box.contains(event.target)) show(false);
  });

  document.addEventListener("keydown", function (event) {
    if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey) return;
    var target = event.target;
    if (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)) return;
    event.preventDefault();
    input.focus();
    input.select();
  });
})();
