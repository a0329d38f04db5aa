/** No message with this uuid was counted. */
export class MessageNotFoundError extends Error {
  override name = 'MessageNotFoundError';

  constructor(readonly uuid: string) {
    super(`No message with uuid ${uuid} was counted.`);
  }
}
