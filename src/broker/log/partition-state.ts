/**
 * The few facts about a partition that its files alone cannot tell: the log start offset moved by
 * DeleteRecords or retention, and the compaction progress. One small JSON file, replaced atomically.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../../util/atomic-file.js';

export const PARTITION_STATE_FILE = 'partition-state.json';

export interface PartitionState {
  logStartOffset: number;
  /** Compaction has cleaned everything below this offset. */
  firstDirtyOffset: number;
  /** Earliest delete horizon of tombstones kept by compaction, or null when none are waiting. */
  deleteHorizonMs: number | null;
}

function isState(v: unknown): v is PartitionState {
  if (typeof v !== 'object' || v === null) return false;
  const s = v as Record<string, unknown>;
  return (
    typeof s.logStartOffset === 'number' &&
    typeof s.firstDirtyOffset === 'number' &&
    (s.deleteHorizonMs === null || typeof s.deleteHorizonMs === 'number')
  );
}

export function readPartitionState(dir: string): PartitionState | null {
  const path = join(dir, PARTITION_STATE_FILE);
  rmSync(`${path}.tmp`, { force: true });
  if (!existsSync(path)) return null;
  try {
    const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
    return isState(parsed) ? parsed : null;
  } catch {
    return null;
  }
}

export function writePartitionState(dir: string, state: PartitionState): void {
  writeFileAtomic(join(dir, PARTITION_STATE_FILE), JSON.stringify(state));
}
