// Port: remembers which Telegram updates were taken in, so a redelivered update_id is processed once.

export interface TelegramUpdateStore {
  /**
   * Takes an update in. 'new': this process must handle it. 'duplicate': it was handled already,
   * or is being handled right now. An update left half-done by a killed earlier run counts as new again.
   */
  claim(updateId: number): Promise<'new' | 'duplicate'>;
  /** The update was handled and its replies sent. */
  complete(updateId: number): Promise<void>;
  /** Handling failed before the replies went out: a redelivery may try again. */
  release(updateId: number): Promise<void>;
  /** Forgets updates taken in before `olderThan` (Telegram keeps undelivered updates for 24 hours only). */
  prune(olderThan: Date): Promise<number>;
}
