import { isMap, isScalar, visit, type Document } from 'yaml';

// SAM CLI reads templates with PyYAML, which accepts two things the YAML 1.2 library here refuses:
// a quoted scalar whose continuation lines are not indented past their key, and a mapping key
// given twice (the last one wins). Templates that start under `sam local` start here too.

/**
 * Where the quoted scalar that the YAML library found unclosed at `offset` opens: on that line or,
 * when the library reports the end of the text, on the nearest line above with an open quote.
 */
export function openQuoteStart(text: string, offset: number, quote: '"' | "'"): number | undefined {
  let lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  for (;;) {
    const start = openQuoteOnLine(text, lineStart, quote);
    if (start !== undefined || lineStart === 0) return start;
    lineStart = text.lastIndexOf('\n', lineStart - 2) + 1;
  }
}

/** The first quote on the line at `lineStart` that opens a scalar not closed on that line. */
function openQuoteOnLine(text: string, lineStart: number, quote: '"' | "'"): number | undefined {
  const lineEnd = text.indexOf('\n', lineStart) < 0 ? text.length : text.indexOf('\n', lineStart);
  let position = lineStart;
  while (position < lineEnd) {
    const start = text.indexOf(quote, position);
    if (start < 0 || start >= lineEnd) return undefined;
    const close = closingQuote(text, start);
    const opensScalar = start === lineStart || /[\s:[{,-]/.test(text[start - 1] ?? '');
    if (opensScalar && (close === undefined || close > lineEnd)) return start;
    if (close === undefined) return undefined;
    position = close + 1;
  }
  return undefined;
}

/**
 * The text with the quoted scalar or flow collection opened at `start` re-indented past its opening
 * character. Leading white space of the continuation lines of a quoted scalar or a flow collection
 * means nothing in YAML (PyYAML does not check it), so the value is the one PyYAML reads. Undefined
 * when it never closes, or needs no change.
 */
export function reindentFrom(text: string, start: number): string | undefined {
  const close =
    text[start] === '"' || text[start] === "'" ? closingQuote(text, start) : closingBracket(text, start);
  if (close === undefined) return undefined;
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const indent = ' '.repeat(start - lineStart + 1);
  const body = text.slice(start, close).replace(/\n[ \t]*(?=\S)/g, `\n${indent}`);
  return body === text.slice(start, close) ? undefined : text.slice(0, start) + body + text.slice(close);
}

/**
 * Where the flow collection (`[...]`, `{...}`) that the YAML library found under-indented at
 * `offset` opens: the nearest line at or above it with a bracket that opens a collection reaching
 * past the end of that line and up to `offset` (or never closing).
 */
export function openFlowStart(text: string, offset: number): number | undefined {
  let lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  for (;;) {
    const start = openFlowOnLine(text, lineStart, offset);
    if (start !== undefined || lineStart === 0) return start;
    lineStart = text.lastIndexOf('\n', lineStart - 2) + 1;
  }
}

function openFlowOnLine(text: string, lineStart: number, offset: number): number | undefined {
  const lineEnd = text.indexOf('\n', lineStart) < 0 ? text.length : text.indexOf('\n', lineStart);
  for (let index = lineStart; index < lineEnd; index++) {
    const char = text[index] ?? '';
    const before = index === lineStart ? ' ' : (text[index - 1] ?? ' ');
    if (char === '#' && /\s/.test(before)) return undefined;
    if ((char === '"' || char === "'") && /[\s:[{,]/.test(before)) {
      const close = closingQuote(text, index);
      if (close === undefined || close > lineEnd) return undefined;
      index = close;
    } else if (char === '[' || char === '{') {
      // A bracket inside a plain scalar (`arn:...:[a]`) opens nothing.
      if (!/[\s:[{,-]/.test(before)) continue;
      const close = closingBracket(text, index);
      if (close === undefined || (close > lineEnd && close >= offset)) return index;
    }
  }
  return undefined;
}

/** Where a flow collection opened at `start` closes, past nested ones and quoted scalars. */
function closingBracket(text: string, start: number): number | undefined {
  let depth = 0;
  for (let index = start; index < text.length; index++) {
    const char = text[index];
    if (char === '"' || char === "'") {
      const close = closingQuote(text, index);
      if (close === undefined) return undefined;
      index = close;
    } else if (char === '#' && /\s/.test(text[index - 1] ?? '')) {
      const end = text.indexOf('\n', index);
      if (end < 0) return undefined;
      index = end;
    } else if (char === '[' || char === '{') depth++;
    else if (char === ']' || char === '}') {
      depth--;
      if (depth === 0) return index;
    }
  }
  return undefined;
}

/** Where a quoted scalar opened at `start` closes: `\"` escapes in double quotes, `''` in single. */
function closingQuote(text: string, start: number): number | undefined {
  const quote = text[start];
  for (let index = start + 1; index < text.length; index++) {
    const char = text[index];
    if (quote === '"' && char === '\\') index++;
    else if (char === quote) {
      if (quote === "'" && text[index + 1] === "'") index++;
      else return index;
    }
  }
  return undefined;
}

/** Each key a mapping of the document gives more than once, with the offset of the later one. */
export function duplicateKeys(document: Document): { key: string; offset: number }[] {
  const duplicates: { key: string; offset: number }[] = [];
  visit(document, {
    Map(_key, map) {
      if (!isMap(map)) return;
      const seen = new Set<unknown>();
      for (const pair of map.items) {
        const key = isScalar(pair.key) ? pair.key.value : pair.key;
        if (seen.has(key))
          duplicates.push({ key: String(key), offset: isScalar(pair.key) ? (pair.key.range?.[0] ?? 0) : 0 });
        seen.add(key);
      }
    },
  });
  return duplicates;
}

/**
 * A text whose last line has no line break and ends a block scalar with clip chomping (`|`, `>`):
 * PyYAML gives that scalar no final line break, as the YAML spec says (clip keeps a final break
 * only if there is one), where the library here adds one. Returns the text with that scalar's
 * header made `|-`/`>-`, which reads the same as PyYAML; undefined when nothing needs it.
 */
export function clipFinalBlockScalar(document: Document, text: string): string | undefined {
  if (text.endsWith('\n')) return undefined;
  let header: number | undefined;
  visit(document, {
    Scalar(_key, node) {
      const end = node.range?.[1] ?? 0;
      if ((node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED') && end >= text.length)
        header = node.range?.[0];
    },
  });
  if (header === undefined) return undefined;
  const indicators = /^[|>]([0-9]?)([+-]?)/.exec(text.slice(header));
  if (indicators === null || indicators[2] !== '') return undefined;
  const at = header + 1 + (indicators[1]?.length ?? 0);
  return `${text.slice(0, at)}-${text.slice(at)}`;
}
