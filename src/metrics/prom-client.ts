/**
 * prom-client, loaded module by module. Its index also loads pushgateway, cluster aggregation and the
 * default process metrics (with the OpenTelemetry API): ~11 MiB of a worker's idle RSS, against
 * ~0.8 MiB for the four modules below. prom-client 15 has no "exports" map, so its lib/ files can be
 * required directly; the types are the package's own.
 */
import { createRequire } from 'node:module';
import type * as PromClient from 'prom-client';

const require = createRequire(import.meta.url);

export const Registry = require('prom-client/lib/registry.js') as typeof PromClient.Registry;
export const Counter = require('prom-client/lib/counter.js') as typeof PromClient.Counter;
export const Gauge = require('prom-client/lib/gauge.js') as typeof PromClient.Gauge;
export const Histogram = require('prom-client/lib/histogram.js') as typeof PromClient.Histogram;

export type Registry = PromClient.Registry;
export type Counter<T extends string = string> = PromClient.Counter<T>;
export type Gauge<T extends string = string> = PromClient.Gauge<T>;
export type Histogram<T extends string = string> = PromClient.Histogram<T>;

/** prom-client's collectDefaultMetrics (Node process metrics): its modules load on the first call of this. */
export function loadCollectDefaultMetrics(): typeof PromClient.collectDefaultMetrics {
  return require('prom-client/lib/defaultMetrics.js') as typeof PromClient.collectDefaultMetrics;
}
