// Query segmentation: turn what a reader types into the words the index holds.
//
// Chinese is typed without spaces ("容器安全"), mixed with Latin names
// ("Docker入侵"), and names come in many spellings ("K8s", "Kube-CDN").
// Left alone, Pagefind would cut the query with the browser's Intl.Segmenter,
// whose dictionary differs from the one the index was cut with (Chromium cuts
// 镜像仓库 into 镜/像/仓库, the index holds 镜像 and 仓库). So the query is cut
// here, against search-vocabulary.json: the Chinese words of the index, and
// the archive's names, aliases, tags and glossary terms. The tokens go to
// Pagefind joined by spaces, which it keeps.

const HAN = /\p{Script=Han}/u;
const WORD_SPLIT = /[^\p{L}\p{N}]+/u;

/** Lower-case NFKC form used for matching. */
export function normalize(text) {
  return text.normalize("NFKC").toLowerCase();
}

/** Letters and digits only: "Kube-CDN" and "kube cdn" both become "kubecdn". */
export function squash(text) {
  return normalize(text).replace(/[^\p{L}\p{N}]/gu, "");
}

/**
 * The dictionary of a vocabulary: `names` maps the squashed spelling of every
 * project name, alias, tag and term to the token it stands for (`text` sent to
 * the index, `forms` highlighted); `words` holds the index's Chinese words
 * loaded so far (see addWords).
 */
export function buildDictionary(vocabulary) {
  const names = new Map();
  const add = (spelling, text, forms) => {
    const key = squash(spelling);
    if (key && !names.has(key)) names.set(key, { text, forms });
  };
  for (const [id, aliases] of Object.entries(vocabulary.projects ?? {})) {
    for (const name of [id, ...aliases]) add(name, id, [id, ...aliases]);
  }
  for (const word of [...(vocabulary.terms ?? []), ...(vocabulary.tags ?? [])]) {
    if (!HAN.test(word)) add(word, word, [word]);
  }
  const dictionary = { names, words: new Set(), longest: 1 };
  addWords(dictionary, [...names.keys()].filter((key) => HAN.test(key)));
  return dictionary;
}

/** Add Chinese words of the index (a shard of search-words) to a dictionary. */
export function addWords(dictionary, words) {
  for (const word of words) {
    if (!word) continue;
    dictionary.words.add(word);
    dictionary.longest = Math.max(dictionary.longest, [...word].length);
  }
}

/**
 * The word shards a query needs: words are sharded by their first character,
 * and a word may start at any Chinese character of the query.
 */
export function wordShards(query, count) {
  if (!count) return [];
  const shards = new Set();
  for (const ch of normalize(query)) {
    if (HAN.test(ch)) shards.add(ch.codePointAt(0) % count);
  }
  return [...shards].sort((a, b) => a - b);
}

function plain(word) {
  return { text: word, forms: [word] };
}

/**
 * Cut a Chinese run into the fewest known words (names first), single
 * characters where nothing is known: the shortest path through the run.
 */
function splitHan(run, dictionary) {
  const chars = [...run];
  const best = [{ cost: 0, from: -1, token: null }];
  for (let end = 1; end <= chars.length; end++) {
    best[end] = { cost: Infinity, from: end - 1, token: null };
    for (let size = Math.min(dictionary.longest, end); size >= 1; size--) {
      const piece = chars.slice(end - size, end).join("");
      const token =
        dictionary.names.get(piece) ??
        (size === 1 || dictionary.words.has(piece) ? plain(piece) : null);
      const cost = best[end - size].cost + 1;
      if (token && cost < best[end].cost) best[end] = { cost, from: end - size, token };
    }
  }
  const tokens = [];
  for (let end = chars.length; end > 0; end = best[end].from) tokens.unshift(best[end].token);
  return joinUnknown(tokens, dictionary);
}

/**
 * Characters next to each other that form no known word stay together as
 * one word, marked unknown: the vocabulary holds every word of two or more
 * characters the index holds, so such a word is in no record. Pagefind
 * would match it on its first character alone (量子 on every text with 量);
 * see `matchable`.
 */
function joinUnknown(tokens, dictionary) {
  const joined = [];
  let run = "";
  const flush = () => {
    if ([...run].length > 1) joined.push({ ...plain(run), unknown: true });
    else if (run) joined.push(plain(run));
    run = "";
  };
  for (const token of tokens) {
    const single = [...token.text].length === 1 && !dictionary.names.has(token.text);
    if (!single) {
      flush();
      joined.push(token);
    } else if (run) {
      run += token.text;
    } else {
      run = token.text;
    }
  }
  flush();
  return joined;
}

/** Cut a non-Chinese run: the whole run, then its words, against the names. */
function splitOther(run, dictionary) {
  const whole = dictionary.names.get(squash(run));
  if (whole) return [whole];
  return run
    .split(WORD_SPLIT)
    .filter(Boolean)
    .map((word) => dictionary.names.get(squash(word)) ?? plain(word));
}

/** Runs of Han and of other characters, in order: "docker入侵" -> docker, 入侵. */
function scriptRuns(chunk) {
  const runs = [];
  for (const ch of chunk) {
    const han = HAN.test(ch);
    const last = runs[runs.length - 1];
    if (last && last.han === han) last.text += ch;
    else runs.push({ han, text: ch });
  }
  return runs;
}

/**
 * The tokens of a query: [{text, forms}], `text` for the index, `forms` to
 * highlight. Duplicates are dropped; the order of the query is kept.
 */
export function segmentQuery(query, dictionary) {
  const tokens = [];
  for (const chunk of normalize(query).split(/\s+/u).filter(Boolean)) {
    for (const run of scriptRuns(chunk)) {
      tokens.push(...(run.han ? splitHan(run.text, dictionary) : splitOther(run.text, dictionary)));
    }
  }
  const seen = new Set();
  return tokens.filter((token) => {
    const key = normalize(token.text);
    if (!key || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** False when a token is a Chinese word the index does not hold: nothing can match. */
export function matchable(tokens) {
  return tokens.length > 0 && !tokens.some((token) => token.unknown);
}

/** The query string handed to the index. */
export function indexQuery(tokens) {
  return tokens.map((token) => token.text).join(" ");
}

/** Every word to highlight in a snippet, longest first. */
export function highlightWords(tokens) {
  const words = new Set(tokens.flatMap((token) => token.forms.map(normalize)));
  return [...words].filter(Boolean).sort((a, b) => b.length - a.length);
}
