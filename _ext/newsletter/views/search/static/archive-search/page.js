// The archive search page: reads the state from the URL, runs the searches,
// renders results with DOM APIs only and keeps the URL in step.
//
// `data-state` on the page's root says where it is: loading, ready,
// searching, done or failed. Each search is timed as the performance measure
// "archive-search" (query to first result on screen).

import {
  addWords,
  buildDictionary,
  highlightWords,
  indexQuery,
  matchable,
  segmentQuery,
  wordShards,
} from "./segment.js";
import { FACETS, hasFacets, parseState, searchPlan, stateToSearch } from "./state.js";
import { snippetPieces } from "./snippet.js";
import { buildThesaurus, expandQuery } from "./thesaurus.js";

const PAGE_SIZE = 20;
const TYPING_DELAY_MS = 200;
const PART_SEPARATOR = "｜";

const root = document.querySelector(".archive-search");
// The page's messages in the site's language, from the template (archive-search.html).
const MESSAGES = JSON.parse(root.dataset.messages);
const KIND_LABELS = { term: MESSAGES.term, page: MESSAGES.page };
/** A message with its {fields} filled in; the fields' own text is not read again. */
const message = (name, fields = {}) =>
  MESSAGES[name].replace(/\{(\w+)\}/g, (whole, field) => String(fields[field] ?? whole));
const form = root.querySelector("form");
const status = root.querySelector(".archive-search-status");
const list = root.querySelector(".archive-search-results");
const more = root.querySelector(".archive-search-more");
const selects = Object.fromEntries(FACETS.map((f) => [f, form.querySelector(`[data-facet="${f}"]`)]));

let engine = null;
let generation = 0;
let pending = [];
let words = [];
/** The generation whose first result is timed ("archive-search"). */
let measured = 0;

function resolve(path) {
  return new URL(path, document.baseURI).href;
}

/**
 * Start Pagefind without its own query segmentation. Pagefind cuts a Chinese
 * query with Intl.Segmenter whenever the page's <html lang> is Chinese, and
 * Chromium's dictionary cuts 镜像 into 镜/像, undoing segment.js. It reads the
 * language once, when an instance starts: it is shown an undetermined one
 * ("und", which falls back to each part's only index) for that moment.
 */
async function withoutLanguage(start) {
  const html = document.documentElement;
  const language = html.getAttribute("lang");
  html.setAttribute("lang", "und");
  try {
    return await start();
  } finally {
    if (language === null) html.removeAttribute("lang");
    else html.setAttribute("lang", language);
  }
}

/**
 * One Pagefind instance over parts of the index: the first, the rest merged
 * into it. Each group imports the pagefind.js of its own first part: the
 * module keeps its WebAssembly memory in module globals, and a second
 * instance started from the same module would take it over. Pagefind runs
 * on the page itself: its web worker gives up (and every search with it)
 * when it takes more than five seconds to start on a busy machine, and a
 * part is small enough to score between two frames.
 */
async function startGroup(paths, baseUrl) {
  const [first, ...rest] = paths;
  const pagefind = await import(new URL("pagefind.js", first).href);
  const basePath = new URL(first).pathname;
  const instance = pagefind.createInstance({ basePath, baseUrl, noWorker: true });
  await instance.init();
  await instance.options({ baseUrl });
  // Merged side by side: at 1,000 issues one after the other took longer
  // than a reader waits.
  await Promise.all(rest.map((path) => instance.mergeIndex(new URL(path).pathname, { baseUrl })));
  return instance;
}

/** Facet counts of several parts added up: {facet: {value: count}}. */
function addCounts(all) {
  const sum = {};
  for (const counts of all) {
    for (const [facet, values] of Object.entries(counts ?? {})) {
      sum[facet] ??= {};
      for (const [value, count] of Object.entries(values)) {
        sum[facet][value] = (sum[facet][value] ?? 0) + count;
      }
    }
  }
  return sum;
}

/**
 * The index is in parts, newest year first (pagefind/parts.json). The newest
 * part is an instance of its own, searched first, so the first screen of a
 * common word never waits for the whole archive to be scored; every other
 * part is merged into a second instance, searched next.
 */
async function loadEngine() {
  const base = new URL(root.dataset.pagefind, document.baseURI);
  const manifest = await (await fetch(new URL("parts.json", base))).json();
  const paths = manifest.parts.map((name) => new URL(`${name}/`, base).href);
  const siteRoot = new URL(document.documentElement.dataset.content_root ?? "./", document.baseURI);
  const groups = await withoutLanguage(() =>
    Promise.all(
      [paths.slice(0, 1), paths.slice(1)]
        .filter((group) => group.length)
        .map((group) => startGroup(group, siteRoot.pathname)),
    ),
  );
  const response = await fetch(resolve(root.dataset.vocabulary));
  const vocabulary = response.ok ? await response.json() : {};
  return {
    groups,
    vocabulary,
    dictionary: buildDictionary(vocabulary),
    thesaurus: buildThesaurus(vocabulary),
    shards: new Map(),
    facets: addCounts(await Promise.all(groups.map((group) => group.filters()))),
  };
}

/** Fetch (once) the shards of index words that segmenting `query` needs. */
async function loadWords(query) {
  const needed = wordShards(query, engine.vocabulary.shards ?? 0).filter((n) => !engine.shards.has(n));
  for (const number of needed) {
    engine.shards.set(
      number,
      fetch(resolve(`${root.dataset.words}${number}.txt`))
        .then((response) => (response.ok ? response.text() : ""))
        .then((text) => addWords(engine.dictionary, text.split(" "))),
    );
  }
  await Promise.all(needed.map((number) => engine.shards.get(number)));
}

/** The newest first: years as text, issues ("第 12 期") by their number. */
const issueNumber = (label) => Number(label.match(/\d+/)?.[0] ?? 0);
const FACET_ORDER = {
  year: (a, b) => b.localeCompare(a),
  issue: (a, b) => issueNumber(b) - issueNumber(a),
};

function facetLabel(facet, value) {
  if (facet === "project") return engine.vocabulary.projects?.[value]?.[0] ?? value;
  return value;
}

function fillFacets() {
  for (const facet of FACETS) {
    const values = Object.keys(engine.facets[facet] ?? {});
    const order = FACET_ORDER[facet] ?? ((a, b) =>
      facetLabel(facet, a).localeCompare(facetLabel(facet, b), "zh"));
    for (const value of values.sort(order)) {
      const option = document.createElement("option");
      option.value = value;
      option.dataset.label = facetLabel(facet, value);
      option.textContent = option.dataset.label;
      selects[facet].append(option);
    }
  }
}

function showCounts(counts) {
  for (const facet of FACETS) {
    for (const option of selects[facet].options) {
      if (!option.value) continue;
      const count = counts?.[facet]?.[option.value] ?? 0;
      option.textContent = message("facetCount", { label: option.dataset.label, count });
    }
  }
}

function formState() {
  const state = { q: form.elements.q.value.trim() };
  for (const facet of FACETS) state[facet] = selects[facet].value;
  return state;
}

function showState(state) {
  form.elements.q.value = state.q;
  for (const facet of FACETS) {
    const select = selects[facet];
    if (state[facet] && ![...select.options].some((o) => o.value === state[facet])) {
      const option = document.createElement("option");
      option.value = state[facet];
      option.dataset.label = facetLabel(facet, state[facet]);
      option.textContent = option.dataset.label;
      select.append(option);
    }
    select.value = state[facet];
  }
}

function metaLine(data) {
  const meta = data.meta ?? {};
  if (meta.kind === "news") return [meta.issue, meta.date, meta.section].filter(Boolean).join(" · ");
  return KIND_LABELS[meta.kind] ?? KIND_LABELS.page;
}

function snippetText(data) {
  // Item and term records are "title｜body｜labels": the snippet is the body.
  const parts = (data.content ?? "").split(PART_SEPARATOR);
  return data.meta?.kind && parts.length > 1 ? parts[1] : parts.join(" ");
}

/** Text and <mark> nodes for snippet pieces: never markup parsed from a string. */
function appendPieces(parent, pieces) {
  for (const piece of pieces) {
    if (piece.mark) {
      const mark = document.createElement("mark");
      mark.textContent = piece.text;
      parent.append(mark);
    } else {
      parent.append(document.createTextNode(piece.text));
    }
  }
}

function resultNode(data) {
  const item = document.createElement("li");
  item.className = "archive-search-result";
  item.dataset.kind = data.meta?.kind ?? "page";
  const heading = document.createElement("h2");
  heading.className = "archive-search-result-title";
  const link = document.createElement("a");
  link.href = data.url;
  const title = data.meta?.title || data.url;
  appendPieces(link, snippetPieces(title, words, title.length));
  heading.append(link);
  const meta = document.createElement("p");
  meta.className = "archive-search-result-meta";
  meta.textContent = metaLine(data);
  const snippet = document.createElement("p");
  snippet.className = "archive-search-result-snippet";
  appendPieces(snippet, snippetPieces(snippetText(data), words));
  item.append(heading, meta, snippet);
  return item;
}

/**
 * Show the next page of results. Their fragments are fetched at once, and
 * each result goes on screen as soon as it and those before it are in: the
 * first one never waits for the other nineteen.
 */
async function showMore() {
  const mine = generation;
  const batch = pending.splice(0, PAGE_SIZE - (list.childElementCount % PAGE_SIZE));
  const records = batch.map((result) => result.data());
  for (const record of records) {
    const data = await record;
    if (mine !== generation) return;
    list.append(resultNode(data));
    if (measured !== mine) {
      performance.measure("archive-search", "archive-search-start");
      measured = mine;
    }
  }
  more.hidden = pending.length === 0;
}

/**
 * The index queries of a query's variants (as typed first), each once, and
 * whether anything was typed at all. A variant with a Chinese word the index
 * does not hold is not searched: it can match nothing.
 */
function indexQueries(variants) {
  const texts = [];
  const tokens = [];
  let typed = false;
  for (const variant of variants) {
    const cut = segmentQuery(variant, engine.dictionary);
    typed ||= cut.length > 0;
    const text = indexQuery(cut);
    if (matchable(cut) && !texts.includes(text)) {
      texts.push(text);
      tokens.push(...cut);
    }
  }
  return { texts, tokens, typed };
}

async function run(state) {
  const mine = ++generation;
  root.dataset.state = "searching";
  list.replaceChildren();
  more.hidden = true;
  pending = [];
  performance.mark("archive-search-start");
  const variants = [state.q, ...expandQuery(state.q, engine.thesaurus)];
  await Promise.all(variants.map(loadWords));
  if (mine !== generation) return;
  const { texts, tokens, typed } = indexQueries(variants);
  words = highlightWords(tokens);
  if (!typed) {
    // A search by facets alone would make Pagefind download its whole index
    // (9 MB for 500 issues); the project and tag pages list those items.
    status.textContent = hasFacets(state)
      ? message("needQueryFiltered")
      : message("needQuery");
    showCounts(engine.facets);
    root.dataset.state = "ready";
    return;
  }
  // Items and terms first, whole pages after them; within each, the query
  // as typed before its other spellings, the newest part before the rest.
  // Every search's results are on screen as soon as it returns.
  const seen = new Set();
  let total = 0;
  let counts = [];
  for (const [step, { filters }] of searchPlan(state).entries()) {
    for (const [variant, text] of texts.entries()) {
      for (const [part, group] of engine.groups.entries()) {
        const found = await group.search(text, { filters });
        if (mine !== generation) return;
        if (step === 0 && variant === 0) {
          counts = [...counts, found.filters];
          showCounts(addCounts(counts));
        }
        const fresh = found.results.filter((result) => {
          const key = `${part}:${result.id}`;
          if (seen.has(key)) return false;
          seen.add(key);
          return true;
        });
        total += fresh.length;
        pending.push(...fresh);
        if (list.childElementCount < PAGE_SIZE) await showMore();
        if (mine !== generation) return;
        more.hidden = pending.length === 0;
      }
    }
  }
  const scope = hasFacets(state) ? message("filtered") : "";
  status.textContent = total
    ? message("found", { total, scope })
    : state.q
      ? message("noneFor", { query: state.q, scope })
      : message("none", { scope });
  root.dataset.state = "done";
}

function navigate(push) {
  const state = formState();
  const search = stateToSearch(state);
  if (search !== window.location.search) {
    const url = `${window.location.pathname}${search}`;
    if (push) history.pushState(null, "", url);
    else history.replaceState(null, "", url);
  }
  return run(state);
}

let typing = 0;
form.addEventListener("submit", (event) => {
  event.preventDefault();
  clearTimeout(typing);
  navigate(true);
});
form.elements.q.addEventListener("input", () => {
  clearTimeout(typing);
  typing = setTimeout(() => navigate(false), TYPING_DELAY_MS);
});
for (const select of Object.values(selects)) select.addEventListener("change", () => navigate(true));
more.addEventListener("click", () => showMore());
window.addEventListener("popstate", () => {
  const state = parseState(window.location.search);
  showState(state);
  run(state);
});

root.dataset.state = "loading";
status.textContent = message("loading");
try {
  engine = await loadEngine();
  fillFacets();
  const state = parseState(window.location.search);
  showState(state);
  form.elements.q.focus();
  await run(state);
} catch (error) {
  root.dataset.state = "failed";
  status.textContent = message("failed");
  throw error;
}
