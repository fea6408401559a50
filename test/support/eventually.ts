/**
 * Re-checks `condition` until it holds or `timeoutMs` passes, for state that changes on its own:
 * asynchronous (Event) Lambda invokes, caches that expire. Polls; resolves false on timeout so the
 * test's own assertion says what did not happen.
 */
export async function eventually(condition: () => Promise<boolean>, options: { timeoutMs?: number; everyMs?: number } = {}): Promise<boolean> {
  const deadline = Date.now() + (options.timeoutMs ?? 10_000);
  while (Date.now() < deadline) {
    if (await condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, options.everyMs ?? 50));
  }
  return false;
}
