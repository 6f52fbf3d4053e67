// Reads a `curl` command as a shell would (single quotes, backslash escapes, line continuations)
// and gives what fetch needs to send the same request: checks "copy as curl" without a curl binary.

function shellWords(command: string): string[] {
  const words: string[] = [];
  let word: string | undefined;
  for (let index = 0; index < command.length; index++) {
    const char = command.charAt(index);
    if (char === "'") {
      const end = command.indexOf("'", index + 1);
      if (end < 0) throw new Error(`unterminated quote in: ${command}`);
      word = (word ?? '') + command.slice(index + 1, end);
      index = end;
    } else if (char === '\\') {
      const next = command.charAt(++index);
      if (next !== '\n') word = (word ?? '') + next;
    } else if (/\s/.test(char)) {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else word = (word ?? '') + char;
  }
  if (word !== undefined) words.push(word);
  return words;
}

export function requestOfCurl(command: string): { url: string; init: RequestInit } {
  const words = shellWords(command);
  if (words[0] !== 'curl') throw new Error(`not a curl command: ${command}`);
  let url = '';
  let method: string | undefined;
  const headers: [string, string][] = [];
  let body: string | undefined;
  for (let index = 1; index < words.length; index++) {
    const word = words[index] ?? '';
    if (word === '-X') method = words[++index];
    else if (word === '--head') method = 'HEAD';
    else if (word === '-H') {
      const header = words[++index] ?? '';
      const colon = header.indexOf(':');
      headers.push([header.slice(0, colon), header.slice(colon + 1).trim()]);
    } else if (word === '--data-raw') body = words[++index];
    else if (word.startsWith('-')) throw new Error(`an option this reader does not know: ${word}`);
    else url = word;
  }
  return {
    url,
    init: {
      method: method ?? (body === undefined ? 'GET' : 'POST'),
      headers,
      ...(body === undefined ? {} : { body }),
    },
  };
}
