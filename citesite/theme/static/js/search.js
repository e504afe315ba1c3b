/* The search page: runs Pagefind (loaded only here) on ?q= and as the reader types. */
const form = document.getElementById("search-form");
const input = document.getElementById("search-q");
const status = document.getElementById("search-status");
const list = document.getElementById("search-results");
const bundle = new URL(form.dataset.bundle, document.baseURI).href;
const siteRoot = new URL(form.dataset.root, document.baseURI).pathname;
const SHOWN = 12;
let engine = null;

async function loadEngine() {
  if (!engine) {
    const pagefind = await import(bundle + "pagefind.js");
    // pageLength 0.3 (Pagefind's default is 0.75): a short page that mentions a word in passing no longer
    // outranks the article about it. Titles count double Pagefind's default, as they are out of the body text
    // (the excerpt would repeat them).
    await pagefind.options({ baseUrl: siteRoot, excerptLength: 26, ranking: { pageLength: 0.3, metaWeights: { title: 10 } } });
    await pagefind.init();
    engine = pagefind;
  }
  return engine;
}

/* Pagefind marks matches with <mark>; build the excerpt from text nodes so nothing else is ever used as HTML.
   An inert <template> decodes the entities and keeps the spaces around the marks. */
const decoder = document.createElement("template");
function decode(text) {
  decoder.innerHTML = text;
  return decoder.content.textContent;
}
function excerpt(html) {
  const p = document.createElement("p");
  html.split(/(<mark>|<\/mark>)/).reduce((inMark, part) => {
    if (part === "<mark>") return true;
    if (part === "</mark>") return false;
    const text = decode(part);
    if (text) p.append(inMark ? Object.assign(document.createElement("mark"), { textContent: text }) : text);
    return inMark;
  }, false);
  return p;
}

/* A page of entries (the glossary: data-pagefind-meta="opens:entry") opens at the entry that matched best, the
   element with an id before the best-weighted match; a match on a declared spelling alone ('spellings-ID'
   metadata) opens at entry ID. */
function target(data, q) {
  if (data.meta.opens !== "entry") return data.url;
  const best = (data.weighted_locations || []).reduce((a, b) => (!a || b.balanced_score > a.balanced_score ? b : a), null);
  const anchor = best && (data.anchors || []).filter((x) => x.id && x.location <= best.location).pop();
  if (anchor) return data.url + "#" + anchor.id;
  const words = q.toLowerCase().split(/\s+/);
  const key = Object.keys(data.meta).find((k) => k.startsWith("spellings-") &&
    data.meta[k].split(" ").some((w) => words.includes(w)));
  return key ? data.url + "#" + key.slice("spellings-".length) : data.url;
}

/* The passage that shows the most of the words typed: the page's excerpt, else one of its sections'. Pagefind
   centres the page's excerpt on its best-weighted words, so a common word in the key points would be shown and
   the rare word the reader is after never. A word counts when a mark is that word, or begins with it and the word has
   three letters or more: the "d" of "vitamin d" is not found again in "data" and "day". */
function bestExcerpt(data, q) {
  const words = q.toLowerCase().split(/\s+/).map((w) => w.replace(/[^\p{L}\p{N}]/gu, "")).filter(Boolean);
  const shown = (html) => {
    const marks = [...html.matchAll(/<mark>(.*?)<\/mark>/g)].map((m) => decode(m[1]).toLowerCase().replace(/[^\p{L}\p{N}]/gu, ""));
    return words.filter((w) => marks.some((m) => m === w || (w.length >= 3 && m.startsWith(w)))).length;
  };
  return (data.sub_results || []).reduce((best, s) => (shown(s.excerpt) > shown(best) ? s.excerpt : best), data.excerpt);
}

function item(data, q) {
  const li = document.createElement("li");
  const h2 = document.createElement("h2");
  const a = Object.assign(document.createElement("a"), { href: target(data, q), textContent: data.meta.title || data.url });
  h2.append(a);
  li.append(h2, excerpt(bestExcerpt(data, q)));
  const sections = (data.sub_results || []).filter((s) => s.url !== data.url && s.title).slice(0, 3);
  if (sections.length) {
    const ul = Object.assign(document.createElement("ul"), { className: "search-sections" });
    for (const s of sections) {
      const sli = document.createElement("li");
      sli.append(Object.assign(document.createElement("a"), { href: s.url, textContent: s.title }));
      ul.append(sli);
    }
    li.append(ul);
  }
  return li;
}

/* Pagefind answers a word it cannot find with the longest indexed word the query starts with, and no option turns
   that off: "kangaroo" would find every page that says "vitamin K", "aardvark" the "AA" of WCAG. For a word it is
   all or nothing, so the top result shows it: when every word marked there is one or two letters that only begin
   a longer word of the query, nothing the reader typed was found. */
function onlyStandIns(q, top) {
  const words = q.toLowerCase().split(/\s+/);
  const marks = [...top.excerpt.matchAll(/<mark>(.*?)<\/mark>/g)].map((m) =>
    decode(m[1]).toLowerCase().replace(/[^\p{L}\p{N}]/gu, ""));
  const standIn = (m) => m.length > 0 && m.length <= 2 && words.some((w) => w.startsWith(m) && w.length > m.length + 2);
  return marks.length > 0 && marks.every(standIn);
}

let latest = 0;
async function run(query) {
  const ticket = ++latest;
  const q = query.trim();
  const url = new URL(location.href);
  if (q) url.searchParams.set("q", q); else url.searchParams.delete("q");
  history.replaceState(null, "", url);
  if (!q) {
    list.replaceChildren();
    status.textContent = "";
    return;
  }
  status.textContent = "Searching…";
  let found;
  let total = 0;
  try {
    const pagefind = await loadEngine();
    const search = await pagefind.search(q);
    total = search.results.length;
    found = await Promise.all(search.results.slice(0, SHOWN).map((r) => r.data()));
    if (found.length && onlyStandIns(q, found[0])) [found, total] = [[], 0];
  } catch (error) {
    if (ticket === latest) status.textContent = "Search is not available right now. Try the Topics menu or the glossary.";
    return;
  }
  if (ticket !== latest) return;
  list.replaceChildren(...found.map((data) => item(data, q)));
  const more = total > found.length ? ` The first ${found.length} are shown.` : "";
  status.textContent = total
    ? `${total} ${total === 1 ? "page matches" : "pages match"} “${q}”.${more}`
    : `No pages match “${q}”. Try a shorter word, or check the spelling.`;
}

let timer = 0;
input.addEventListener("input", () => {
  clearTimeout(timer);
  timer = setTimeout(() => run(input.value), 200);
});
form.addEventListener("submit", (event) => {
  event.preventDefault();
  clearTimeout(timer);
  run(input.value);
});
const initial = new URLSearchParams(location.search).get("q");
if (initial) {
  input.value = initial;
  run(initial);
}
