export const PING_TIMEOUT_MS = 2000;

/** The ping's answer, or false once it has taken PING_TIMEOUT_MS. */
export async function withPingTimeout(
  ping: Promise<boolean>,
): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), PING_TIMEOUT_MS);
  });
  try {
    return await Promise.race([ping, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
