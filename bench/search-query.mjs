// Measures the search index of a built site the way a reader's browser uses it: for each
// query, the bytes it downloads (meta, the chunk of each word, the fragments of the results
// shown) and the time from the index arriving to the ranked results (JSON parsing included),
// with the theme's own search code (static/theme/search.js) in Node's V8.
//
//   node bench/search-query.mjs PUBLIC_DIR LANG [QUERY ...]
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const core = require("../static/theme/search.js");
const [dir, lang, ...given] = process.argv.slice(2);
if (!dir || !lang) {
  console.error("usage: node bench/search-query.mjs PUBLIC_DIR LANG [QUERY ...]");
  process.exit(2);
}
const root = join(dir, "search", lang);
const SHOWN = 8;
const RUNS = 20;

function size(folder) {
  let bytes = 0;
  let files = 0;
  for (const name of readdirSync(folder)) {
    const path = join(folder, name);
    const stat = statSync(path);
    if (stat.isDirectory()) {
      const inner = size(path);
      bytes += inner.bytes;
      files += inner.files;
    } else {
      bytes += stat.size;
      files += 1;
    }
  }
  return { bytes, files };
}

const kb = (bytes) => (bytes / 1024).toFixed(1) + " KB";
const terms = size(join(root, "t"));
const pages = size(join(root, "d"));
const metaText = readFileSync(join(root, "meta.json"), "utf8");
const meta = JSON.parse(metaText);
console.log(`${lang}: ${meta.docs} pages; term chunks ${kb(terms.bytes)} in ${terms.files} files (split down to ${Math.max(0, ...meta.split.map((p) => p.length + 1))} letters); page fragments ${kb(pages.bytes)} in ${pages.files} files; meta ${kb(metaText.length)}`);

const queries = given.length ? given : lang === "nb"
  ? ["overvåking", "sikkerhetskopi", "overvaking varsel", "klynge kapasitet hendelse", "tjen"]
  : ["monitoring", "backup", "incident rollback", "deploy cluster latency", "serv"];
for (const query of queries) {
  const words = core.queryWords(query, meta);
  const names = words.map((word) => core.chunksOf(word, meta));
  // A chunk two words share is downloaded once, as the browser caches it.
  const files = [...new Set(names.flat())];
  const text = Object.fromEntries(files.map((name) => [name, readFileSync(join(root, "t", name + ".json"), "utf8")]));
  const texts = names.flat().map((name) => text[name]);
  const fetched = files.map((name) => text[name]);
  const times = [];
  let result;
  for (let run = 0; run < RUNS; run++) {
    const start = process.hrtime.bigint();
    const parsedMeta = JSON.parse(metaText);
    const parsed = texts.map((text) => JSON.parse(text));
    let at = 0;
    const chunks = names.map((list) => Object.assign({}, ...parsed.slice(at, (at += list.length))));
    result = core.rank(parsedMeta, words, chunks);
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((a, b) => a - b);
  // A file of fragments two results share is downloaded once.
  const shownFiles = [...new Set(result.ranked.slice(0, SHOWN).map(([doc]) => core.fragmentOf(doc, meta).file))];
  const shown = shownFiles.map((file) => statSync(join(root, file)).size);
  const chunkBytes = fetched.reduce((sum, text) => sum + Buffer.byteLength(text), 0);
  const downloaded = metaText.length + chunkBytes + shown.reduce((a, b) => a + b, 0);
  console.log(`  "${query}": ${result.ranked.length} results; downloads ${kb(downloaded)} (chunks ${kb(chunkBytes)}, ${shown.length} fragment files ${kb(shown.reduce((a, b) => a + b, 0))}); ranked in median ${times[RUNS >> 1].toFixed(2)} ms, worst ${times[RUNS - 1].toFixed(2)} ms`);
}
