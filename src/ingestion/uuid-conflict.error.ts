/**
 * A message's uuid was already counted with other content. Nothing was
 * changed: the counted message stands.
 */
export class UuidConflictError extends Error {
  override name = 'UuidConflictError';

  constructor(readonly uuid: string) {
    super(`message ${uuid} was already counted with different content`);
  }
}
