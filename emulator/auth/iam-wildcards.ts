// IAM's wildcards, matched without backtracking: a policy's patterns come from an authorizer's
// answer and the value from a request, so neither may make the match take more than one pass.

/**
 * Whether `value` matches `pattern`, where `*` is any run of characters and `?` any one. In an ARN
 * (`arn: true`) they stay within one colon-separated segment, except a `*` that ends its segment,
 * which may run on past colons, as IAM matches resource ARNs.
 *
 * One pass over the value with the set of pattern positions reached so far (a glob is a regular
 * language): time proportional to the value's length times the pattern's, whatever either holds.
 */
export function wildcardMatch(pattern: string, value: string, arn = false): boolean {
  const size = pattern.length;
  // Whether a `*` at each position may cross a colon.
  const spanning = new Uint8Array(size);
  for (let at = 0; at < size; at++) {
    if (pattern[at] === '*') {
      const next = pattern[at + 1];
      spanning[at] = !arn || next === undefined || next === ':' ? 1 : 0;
    }
  }
  let reached = new Uint8Array(size + 1);
  let next = new Uint8Array(size + 1);
  reached[0] = 1;
  skipStars(pattern, reached);
  for (let index = 0; index < value.length; index++) {
    const char = value[index];
    next.fill(0);
    let any = false;
    for (let at = 0; at < size; at++) {
      if (reached[at] === 0) continue;
      const token = pattern[at];
      if (token === '*') {
        if (spanning[at] === 1 || char !== ':') {
          next[at] = 1;
          any = true;
        }
      } else if (token === char || (token === '?' && !(arn && char === ':'))) {
        next[at + 1] = 1;
        any = true;
      }
    }
    if (!any) return false;
    skipStars(pattern, next);
    [reached, next] = [next, reached];
  }
  return reached[size] === 1;
}

/** A `*` also matches nothing: reaching it reaches the position after it. */
function skipStars(pattern: string, reached: Uint8Array): void {
  for (let at = 0; at < pattern.length; at++) {
    if (reached[at] === 1 && pattern[at] === '*') reached[at + 1] = 1;
  }
}
