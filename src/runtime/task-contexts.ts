/** What the runtime hands connectors and tasks (Kafka Connect's *Context classes). */
import type {
  ErrantRecordReporter,
  SinkTaskContext,
  SourceConnectorContext,
  SourceTaskContext,
  TopicPartition,
} from '../connect/connector.js';
import type { OffsetStorageReader } from './offset-storage.js';

export class SourceTaskContextImpl implements SourceTaskContext {
  constructor(
    private readonly config: Record<string, string>,
    private readonly reader: OffsetStorageReader,
  ) {}

  configs(): Record<string, string> {
    return this.config;
  }

  offsetStorageReader(): OffsetStorageReader {
    return this.reader;
  }
}

export interface ConnectorContextCallbacks {
  requestTaskReconfiguration(): void;
  raiseError(error: Error): void;
}

export class ConnectorContextImpl implements SourceConnectorContext {
  constructor(
    private readonly callbacks: ConnectorContextCallbacks,
    private readonly reader: OffsetStorageReader,
  ) {}

  requestTaskReconfiguration(): void {
    this.callbacks.requestTaskReconfiguration();
  }

  raiseError(error: Error): void {
    this.callbacks.raiseError(error);
  }

  offsetStorageReader(): OffsetStorageReader {
    return this.reader;
  }
}

export function tpKey(tp: TopicPartition): string {
  return `${tp.topic}\u0000${tp.partition}`;
}

/** The sink task's view of its consumer; the runner applies the requests between batches. */
export class SinkTaskContextImpl implements SinkTaskContext {
  readonly seeks = new Map<string, { partition: TopicPartition; offset: number }>();
  readonly pausedByTask = new Map<string, TopicPartition>();
  commitRequested = false;
  timeoutMs = -1;
  private assigned: TopicPartition[] = [];

  constructor(
    private readonly config: Record<string, string>,
    private readonly reporter: ErrantRecordReporter | null,
    private readonly onPauseChange: (pause: TopicPartition[], resume: TopicPartition[]) => void,
  ) {}

  configs(): Record<string, string> {
    return this.config;
  }

  offset(partition: TopicPartition, offset: number): void {
    this.seeks.set(tpKey(partition), { partition, offset });
  }

  timeout(ms: number): void {
    this.timeoutMs = ms;
  }

  assignment(): TopicPartition[] {
    return [...this.assigned];
  }

  setAssignment(partitions: TopicPartition[]): void {
    this.assigned = [...partitions];
  }

  pause(...partitions: TopicPartition[]): void {
    for (const p of partitions) this.pausedByTask.set(tpKey(p), p);
    this.onPauseChange(partitions, []);
  }

  resume(...partitions: TopicPartition[]): void {
    for (const p of partitions) this.pausedByTask.delete(tpKey(p));
    this.onPauseChange([], partitions);
  }

  requestCommit(): void {
    this.commitRequested = true;
  }

  errantRecordReporter(): ErrantRecordReporter | null {
    return this.reporter;
  }
}
