// Query expansion through the archive's bilingual thesaurus.
//
// search-vocabulary.json carries groups of names that mean the same thing
// (a glossary entry's names in both languages, a project's names and
// aliases). A query that contains one of them is also searched with each
// other name of its group in its place; those searches run after the query
// as typed, so exact matches rank first. Pure functions, no DOM.

import { normalize } from "./segment.js";

const ESCAPE = /[.*+?^${}()|[\]\\]/g;
const LATIN_OR_DIGIT = /[\p{Script=Latin}\p{N}]/u;
/** At most this many other spellings are searched for one query. */
export const MAX_EXPANSIONS = 6;

/**
 * A pattern for one name: any run of spaces, "-" or "_" matches any other
 * ("service mesh", "Service-Mesh"); a Latin name matches whole words only,
 * so "pod" does not match inside "podman".
 */
function namePattern(name) {
  const parts = normalize(name).split(/[\s\-_]+/u).filter(Boolean);
  if (!parts.length) return null;
  const body = parts.map((part) => part.replace(ESCAPE, "\\$&")).join("[\\s\\-_]*");
  const head = LATIN_OR_DIGIT.test(parts[0][0]) ? "(?<![\\p{Script=Latin}\\p{N}])" : "";
  const last = parts[parts.length - 1];
  const tail = LATIN_OR_DIGIT.test(last[last.length - 1]) ? "(?![\\p{Script=Latin}\\p{N}])" : "";
  return new RegExp(`${head}${body}${tail}`, "u");
}

/** The thesaurus of a vocabulary: [{names, patterns}] per group of synonyms. */
export function buildThesaurus(vocabulary) {
  return (vocabulary.synonyms ?? []).map((names) => ({
    names,
    patterns: names.map(namePattern),
  }));
}

/**
 * The other spellings of `query`: for each name of the thesaurus found in
 * it, the query with that name replaced by each other name of its group.
 * Longer names are tried first, so "Service Mesh" is not read as "Mesh".
 */
export function expandQuery(query, thesaurus, limit = MAX_EXPANSIONS) {
  const text = normalize(query).trim();
  const found = [];
  const seen = new Set([text]);
  const candidates = thesaurus
    .flatMap(({ names, patterns }) => names.map((name, index) => ({ names, index, pattern: patterns[index] })))
    .filter(({ pattern }) => pattern !== null)
    .sort((a, b) => b.names[b.index].length - a.names[a.index].length);
  for (const { names, index, pattern } of candidates) {
    const match = pattern.exec(text);
    if (!match) continue;
    for (const [other, name] of names.entries()) {
      if (other === index) continue;
      const expanded = `${text.slice(0, match.index)} ${name} ${text.slice(match.index + match[0].length)}`;
      const key = normalize(expanded).replace(/\s+/gu, " ").trim();
      if (seen.has(key)) continue;
      seen.add(key);
      found.push(key);
      if (found.length >= limit) return found;
    }
  }
  return found;
}
