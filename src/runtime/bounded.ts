/** Runs a plugin call that may hang, giving up after `timeoutMs` (the call keeps running, ignored). */
export class PluginCallTimeoutError extends Error {
  constructor(what: string, timeoutMs: number) {
    super(`${what} did not complete within ${timeoutMs} ms`);
    this.name = 'TimeoutException';
  }
}

export async function bounded<T>(what: string, timeoutMs: number, call: () => Promise<T> | T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new PluginCallTimeoutError(what, timeoutMs)), timeoutMs);
  });
  try {
    return await Promise.race([Promise.resolve().then(call), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
