import type { RequestHeader } from '../protocol/codec.js';
import type { MessageSpec } from '../protocol/schema.js';

export interface RequestContext {
  header: RequestHeader;
  clientHost: string;
  connectionId: number;
}

/** Answers one decoded request; null means "send nothing" (Produce with acks=0). */
export type Handler<Req, Res> = (request: Req, ctx: RequestContext) => Res | null | Promise<Res | null>;

export interface Route {
  spec: MessageSpec;
  handle: Handler<unknown, object>;
}

/** API key -> handler. The ApiVersions answer is derived from what is registered here. */
export class Router {
  private readonly routes = new Map<number, Route>();

  add<Req, Res extends object>(spec: MessageSpec, handle: Handler<Req, Res>): this {
    this.routes.set(spec.apiKey, { spec, handle: handle as Handler<unknown, object> });
    return this;
  }

  get(apiKey: number): Route | undefined {
    return this.routes.get(apiKey);
  }

  /** Sorted by key, as Kafka lists them. */
  supportedVersions(): { apiKey: number; minVersion: number; maxVersion: number }[] {
    return [...this.routes.values()]
      .map((r) => ({ apiKey: r.spec.apiKey, minVersion: r.spec.validVersions.min, maxVersion: r.spec.validVersions.max ?? r.spec.validVersions.min }))
      .sort((a, b) => a.apiKey - b.apiKey);
  }
}
