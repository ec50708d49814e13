/**
 * Idempotent-producer bookkeeping (KIP-98): per (producer id, partition) the epoch, last sequence
 * and the last five batches, so a retried batch is acknowledged with its original offset instead of
 * being appended twice, and a gap in sequences is refused.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../util/atomic-file.js';

const OUT_OF_ORDER_SEQUENCE_NUMBER = 45;
const INVALID_PRODUCER_EPOCH = 47;
const REMEMBERED_BATCHES = 5;
const MAX_SEQUENCE = 2 ** 31 - 1;
/** Producer ids are reserved on disk in blocks, so a restart never hands out an id twice. */
const ID_BLOCK = 1000;

export interface ProducedBatch {
  producerId: number;
  producerEpoch: number;
  baseSequence: number;
  lastOffsetDelta: number;
}

export type SequenceVerdict =
  | { kind: 'append' }
  | { kind: 'duplicate'; baseOffset: number }
  | { kind: 'reject'; errorCode: number };

interface BatchRecord {
  firstSeq: number;
  lastSeq: number;
  baseOffset: number;
}

interface PartitionProducerState {
  epoch: number;
  lastSeq: number;
  batches: BatchRecord[];
}

function nextSequence(seq: number): number {
  return seq === MAX_SEQUENCE ? 0 : seq + 1;
}

function lastSequenceOf(batch: ProducedBatch): number {
  const last = batch.baseSequence + batch.lastOffsetDelta;
  return last > MAX_SEQUENCE ? last - MAX_SEQUENCE - 1 : last;
}

export class ProducerStateManager {
  private readonly states = new Map<string, PartitionProducerState>();
  private nextId: number;
  private reservedUpTo: number;

  constructor(private readonly dataDir: string) {
    mkdirSync(dataDir, { recursive: true });
    this.nextId = this.readReservation();
    this.reservedUpTo = this.nextId;
  }

  allocateProducerId(): number {
    if (this.nextId >= this.reservedUpTo) {
      this.reservedUpTo = this.nextId + ID_BLOCK;
      this.writeReservation(this.reservedUpTo);
    }
    return this.nextId++;
  }

  /** Decides what to do with a batch before it is appended to `partitionKey`. */
  check(partitionKey: string, batch: ProducedBatch): SequenceVerdict {
    if (batch.producerId < 0) return { kind: 'append' };
    const state = this.states.get(this.key(partitionKey, batch.producerId));
    if (state === undefined || batch.producerEpoch > state.epoch) {
      return batch.baseSequence === 0 ? { kind: 'append' } : { kind: 'reject', errorCode: OUT_OF_ORDER_SEQUENCE_NUMBER };
    }
    if (batch.producerEpoch < state.epoch) return { kind: 'reject', errorCode: INVALID_PRODUCER_EPOCH };
    const lastSeq = lastSequenceOf(batch);
    const seen = state.batches.find((b) => b.firstSeq === batch.baseSequence && b.lastSeq === lastSeq);
    if (seen !== undefined) return { kind: 'duplicate', baseOffset: seen.baseOffset };
    if (batch.baseSequence === nextSequence(state.lastSeq)) return { kind: 'append' };
    return { kind: 'reject', errorCode: OUT_OF_ORDER_SEQUENCE_NUMBER };
  }

  /** Records a batch that was appended at `baseOffset`. */
  appended(partitionKey: string, batch: ProducedBatch, baseOffset: number): void {
    if (batch.producerId < 0) return;
    const key = this.key(partitionKey, batch.producerId);
    let state = this.states.get(key);
    if (state === undefined || batch.producerEpoch > state.epoch) {
      state = { epoch: batch.producerEpoch, lastSeq: -1, batches: [] };
      this.states.set(key, state);
    }
    const lastSeq = lastSequenceOf(batch);
    state.lastSeq = lastSeq;
    state.batches.push({ firstSeq: batch.baseSequence, lastSeq, baseOffset });
    if (state.batches.length > REMEMBERED_BATCHES) state.batches.shift();
  }

  /** Forgets every producer of a partition (topic deleted or records truncated). */
  forgetPartition(partitionKey: string): void {
    const prefix = `${partitionKey}\u0000`;
    for (const key of this.states.keys()) if (key.startsWith(prefix)) this.states.delete(key);
  }

  private key(partitionKey: string, producerId: number): string {
    return `${partitionKey}\u0000${producerId}`;
  }

  private get reservationFile(): string {
    return join(this.dataDir, 'producer-id-block');
  }

  private readReservation(): number {
    try {
      const n = Number(readFileSync(this.reservationFile, 'utf8').trim());
      return Number.isSafeInteger(n) && n >= 0 ? n : 0;
    } catch {
      return 0;
    }
  }

  private writeReservation(upTo: number): void {
    writeFileAtomic(this.reservationFile, String(upTo));
  }
}
