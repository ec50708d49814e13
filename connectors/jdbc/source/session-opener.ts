import type { Logger } from '../../../src/util/logger.js';
import { openSession } from '../common/connect.js';
import type { ConnectionSettings, DbSession } from '../common/db.js';

export interface OpenOptions {
  /** Ends the waits between connection attempts (a stopping task). */
  signal?: AbortSignal;
  logger?: Logger;
}

/** Opens a database session; injectable so that tests can count or fake connections. */
export type SessionOpener = (settings: ConnectionSettings, options?: OpenOptions) => Promise<DbSession>;

export const openDbSession: SessionOpener = (settings, options = {}) => openSession(settings, options.logger, { signal: options.signal });

/** Closes a session, ignoring errors: used on paths that are already failing or stopping. */
export async function closeQuietly(session: DbSession | null): Promise<void> {
  if (session === null) return;
  try {
    await session.close();
  } catch {
    // the session is being discarded anyway
  }
}
