/** Something of the template the emulator does not serve, or serves differently: said at start-up. */
export interface Notice {
  /** The logical id, with the event's name where it is about one event: `Fn`, `Fn.Events.Orders`. */
  subject: string;
  text: string;
}
