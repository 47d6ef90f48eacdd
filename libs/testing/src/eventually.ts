/**
 * Runs `check` until it neither throws nor returns false, every `intervalMs`; after `timeoutMs` the last
 * failure is thrown. For tests that wait on real processes (a server coming up, a child restarting).
 */
export async function eventually(check: () => unknown, timeoutMs: number, intervalMs = 100): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    let failure: unknown;
    try {
      if ((await check()) !== false) return;
      failure = new Error(`condition not met within ${timeoutMs} ms`);
    } catch (error) {
      failure = error;
    }
    if (Date.now() > deadline) throw failure;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
