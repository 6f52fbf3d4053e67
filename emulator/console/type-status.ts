/** The project's type errors as the checker last reported them, for the console to show live. */
export class TypeStatus {
  private current: string[] = [];
  private readonly listeners = new Set<(diagnostics: string[]) => void>();

  get diagnostics(): string[] {
    return this.current;
  }

  set(diagnostics: string[]): void {
    this.current = diagnostics;
    for (const listener of this.listeners) listener(diagnostics);
  }

  subscribe(listener: (diagnostics: string[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
