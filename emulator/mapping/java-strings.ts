// API Gateway's templates run in Apache Velocity on the JVM, where a string is a java.lang.String.
// Templates call its methods (`$s.length()`, `$s.contains("x")`, `$s.replaceAll("a+", "b")`); these are
// the ones JavaScript strings lack or spell differently, for the VTL engine to call.

type JavaStringMethod = (text: string, ...args: unknown[]) => unknown;

const arg = (value: unknown): string => (typeof value === 'string' ? value : String(value));

/** Java's regex replacement `$1` is JavaScript's too; a literal `\$` is `$$`. */
const javaReplacement = (replacement: unknown): string => arg(replacement).replace(/\\\$/g, '$$$$');

const METHODS: Record<string, JavaStringMethod> = {
  length: (text) => text.length,
  isEmpty: (text) => text.length === 0,
  contains: (text, part) => text.includes(arg(part)),
  equals: (text, other) => text === other,
  equalsIgnoreCase: (text, other) => typeof other === 'string' && text.toLowerCase() === other.toLowerCase(),
  matches: (text, regex) => new RegExp(`^(?:${arg(regex)})$`).test(text),
  replaceAll: (text, regex, replacement) =>
    text.replace(new RegExp(arg(regex), 'g'), javaReplacement(replacement)),
  replaceFirst: (text, regex, replacement) =>
    text.replace(new RegExp(arg(regex)), javaReplacement(replacement)),
  // Java's replace(CharSequence, CharSequence) replaces every occurrence, literally.
  replace: (text, target, replacement) => text.split(arg(target)).join(arg(replacement)),
  split: (text, regex) => text.split(new RegExp(arg(regex))),
  size: (text) => text.length,
};

/** The VTL engine's hook: a Java String method called on a string. */
export const JAVA_STRING_METHODS = [
  {
    uid: 'java-string',
    match: ({ property, context }: { property: string; context: unknown }): boolean =>
      typeof context === 'string' && Object.hasOwn(METHODS, property),
    resolve: ({
      property,
      context,
      params,
    }: {
      property: string;
      context: unknown;
      params: unknown[];
    }): unknown => METHODS[property]?.(String(context), ...params),
  },
];
