/** What the access line says, once per authorizer, when its policy's Conditions were not evaluated. */
export const CONDITION_NOTE =
  "the authorizer's policy has a Condition, not evaluated locally: a statement with one never allows here, and denies as if it had none";

/** Says CONDITION_NOTE the first time for each authorizer, and nothing after. */
export class ConditionNotes {
  private readonly said = new Set<string>();

  first(authorizer: string): string | undefined {
    if (this.said.has(authorizer)) return undefined;
    this.said.add(authorizer);
    return CONDITION_NOTE;
  }
}
