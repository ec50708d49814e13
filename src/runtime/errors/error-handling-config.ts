/** The `errors.*` keys of a connector (KIP-298), plus Sluice's auto-restart extension keys. */
export interface ErrorHandlingConfig {
  retryTimeoutMs: number;
  retryDelayMaxMs: number;
  tolerance: 'none' | 'all';
  logEnable: boolean;
  logIncludeMessages: boolean;
  dlqTopic: string;
  dlqReplicationFactor: number;
  dlqContextHeaders: boolean;
}

export function errorHandlingConfig(config: Readonly<Record<string, string>>): ErrorHandlingConfig {
  const bool = (key: string): boolean => (config[key] ?? 'false').trim().toLowerCase() === 'true';
  const num = (key: string, fallback: number): number => {
    const raw = config[key];
    return raw === undefined || raw.trim() === '' ? fallback : Number(raw);
  };
  return {
    retryTimeoutMs: num('errors.retry.timeout', 0),
    retryDelayMaxMs: num('errors.retry.delay.max.ms', 60_000),
    tolerance: (config['errors.tolerance'] ?? 'none').trim().toLowerCase() === 'all' ? 'all' : 'none',
    logEnable: bool('errors.log.enable'),
    logIncludeMessages: bool('errors.log.include.messages'),
    dlqTopic: (config['errors.deadletterqueue.topic.name'] ?? '').trim(),
    dlqReplicationFactor: num('errors.deadletterqueue.topic.replication.factor', 3),
    dlqContextHeaders: bool('errors.deadletterqueue.context.headers.enable'),
  };
}
