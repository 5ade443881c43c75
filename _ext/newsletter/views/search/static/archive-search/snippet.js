// Snippets: a window of a result's text around the first matched word, cut
// into plain and highlighted pieces. Pure: the page turns pieces into DOM
// nodes with textContent, never by parsing markup.

const ESCAPE = /[.*+?^${}()|[\]\\]/g;

function pattern(words) {
  if (!words.length) return null;
  return new RegExp(words.map((word) => word.replace(ESCAPE, "\\$&")).join("|"), "giu");
}

/**
 * [{text, mark}] pieces of at most `length` characters of `text`, starting a
 * little before the first match of `words` (lower-case, longest first).
 */
export function snippetPieces(text, words, length = 140) {
  const flat = text.replace(/\s+/gu, " ").trim();
  const re = pattern(words);
  const first = re ? flat.search(re) : -1;
  const start = first > 30 && flat.length > length ? Math.min(first - 30, flat.length - length) : 0;
  const window = flat.slice(start, start + length);
  const pieces = [];
  if (start > 0) pieces.push({ text: "…", mark: false });
  let last = 0;
  for (const match of re ? window.matchAll(re) : []) {
    if (match.index > last) pieces.push({ text: window.slice(last, match.index), mark: false });
    pieces.push({ text: match[0], mark: true });
    last = match.index + match[0].length;
  }
  if (last < window.length) pieces.push({ text: window.slice(last), mark: false });
  if (start + length < flat.length) pieces.push({ text: "…", mark: false });
  return pieces;
}
