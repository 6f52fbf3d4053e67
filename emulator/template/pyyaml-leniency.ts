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
 * The text with the quoted scalar opened at `start` re-indented past its opening quote. Leading
 * white space of a quoted scalar's continuation lines is folded away by YAML, so the value is the
 * one PyYAML reads. Undefined when the scalar never closes, or needs no change.
 */
export function reindentQuoted(text: string, start: number): string | undefined {
  const close = closingQuote(text, start);
  if (close === undefined) return undefined;
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const indent = ' '.repeat(start - lineStart + 1);
  const body = text.slice(start, close).replace(/\n[ \t]*(?=\S)/g, `\n${indent}`);
  return body === text.slice(start, close) ? undefined : text.slice(0, start) + body + text.slice(close);
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
