// Small helpers the page's parts share.

export const byId = (id: string): HTMLElement => {
  const element = document.getElementById(id);
  if (element === null) throw new Error(`the page has no #${id}`);
  return element;
};

export const pretty = (value: unknown): string => JSON.stringify(value, null, 2);

/** JSON text indented, or the text as it is when it is not JSON. */
export function prettyText(text: string): string {
  try {
    return pretty(JSON.parse(text) as unknown);
  } catch {
    return text;
  }
}

export async function getJson(path: string): Promise<unknown> {
  const response = await fetch(path);
  return response.json();
}

/** A form field's text: the forms hold no files. */
export const fieldText = (value: FormDataEntryValue | null): string =>
  typeof value === 'string' ? value : '';

export function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  text?: string,
  className?: string,
): HTMLElementTagNameMap[K] {
  const made = document.createElement(tag);
  if (text !== undefined) made.textContent = text;
  if (className !== undefined) made.className = className;
  return made;
}

/** `1.2 KB`, `340 B`. */
export function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** The CSS class of a status: s2xx, s3xx, s4xx, s5xx. */
export const statusClass = (status: number): string => `s${String(status).charAt(0)}xx`;

/** Copies text, and says so beside the button that asked. */
export async function copyText(text: string, said: HTMLElement): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
    said.textContent = 'Copied';
  } catch {
    said.textContent = 'The browser refused the clipboard: copy it from below';
  }
}

/** Each time, kept in this browser (localStorage), or nothing when storage is refused. */
export function stored<T>(key: string, fallback: T): T {
  try {
    const text = localStorage.getItem(key);
    return text === null ? fallback : (JSON.parse(text) as T);
  } catch {
    return fallback;
  }
}

export function store(key: string, value: unknown): void {
  try {
    localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Storage refused (private mode, quota): the page works without it.
  }
}

/** A time of day as 24-hour text: narrow enough for a list's first column. */
export const clockTime = (date: Date): string => date.toLocaleTimeString([], { hour12: false });
