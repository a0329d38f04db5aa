/** A uuid as MySQL's BINARY(16) columns hold it: its 32 hex digits as bytes. */
export const uuidBytes = (uuid: string): Buffer =>
  Buffer.from(uuid.replace(/-/g, ''), 'hex');
