/** The path of a request target (`/a/b?x=1` → `/a/b`), as sent: not decoded. */
export function pathOf(url: string | undefined): string {
  const target = url ?? '/';
  const query = target.indexOf('?');
  return query < 0 ? target : target.slice(0, query);
}
