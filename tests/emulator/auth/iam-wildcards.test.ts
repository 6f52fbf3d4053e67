import fc from 'fast-check';
import { wildcardMatch } from '../../../emulator/auth/iam-wildcards';

/** The textbook reading of a glob, as a regular expression: fine for the short strings tested here. */
const byRegExp = (pattern: string, value: string): boolean =>
  new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replaceAll('*', '.*')
      .replaceAll('?', '.')}$`,
    's',
  ).test(value);

describe('IAM wildcards', () => {
  it('match as `*` (any run) and `?` (any one character) do, outside ARNs', () => {
    const text = fc.string({ unit: fc.constantFrom('a', 'b', '/', '*', '?'), maxLength: 12 });
    fc.assert(
      fc.property(
        text,
        fc.string({ unit: fc.constantFrom('a', 'b', '/'), maxLength: 12 }),
        (pattern, value) => {
          expect(wildcardMatch(pattern, value)).toBe(byRegExp(pattern, value));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('stay within an ARN segment, unless a `*` ends its segment', () => {
    const arn = 'arn:aws:execute-api:us-east-1:123456789012:api/prod/GET/items';
    expect(wildcardMatch('arn:aws:execute-api:*:*:api/*', arn, true)).toBe(true);
    expect(wildcardMatch('arn:aws:execute-api:us-*-1:*:*', arn, true)).toBe(true);
    // `us-*1` would need its `*` to run past the region's colon.
    expect(wildcardMatch('arn:aws:execute-api:us-*1:123456789012:api/prod/GET/items', arn, true)).toBe(true);
    expect(wildcardMatch('arn:aws:execute-api:us*012:api/prod/GET/items', arn, true)).toBe(false);
    expect(wildcardMatch('arn:aws:execute-api:*', arn, true)).toBe(true);
    expect(wildcardMatch('arn:aws:execute-api:us-east-1?123456789012:*', arn, true)).toBe(false);
    expect(wildcardMatch('*', arn, true)).toBe(true);
  });

  it('take one pass, however many wildcards meet however long a value', () => {
    const pattern = `${'*/'.repeat(500)}DELETE`;
    const value = `${'a/'.repeat(4000)}GET`;
    expect(wildcardMatch(pattern, value)).toBe(false);
    expect(wildcardMatch(pattern, `${'a/'.repeat(4000)}DELETE`)).toBe(true);
  });
});
