/** What a greeting is made of; a field left out takes its default. */
export interface GreetingInput {
  name?: string;
  city?: string;
  time?: string;
  day?: string;
}

/** The domain rule, and nothing else: no parsing, no HTTP. */
export function greet({ name = 'you', city = 'World', time = 'day', day }: GreetingInput): string {
  const sentence = `Good ${time}, ${name} of ${city}.`;
  return day === undefined ? sentence : `${sentence} Happy ${day}!`;
}
