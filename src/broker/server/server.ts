import { createServer, type Server, type Socket } from 'node:net';
import type { Logger } from 'pino';
import { Connection } from './connection.js';
import type { Router } from './router.js';

export interface ServerOptions {
  host: string;
  port: number;
  maxRequestBytes: number;
  router: Router;
  logger: Logger;
}

/** The TCP listener: accepts connections and hands each to its own Connection. */
export class KafkaServer {
  private readonly server: Server;
  private readonly connections = new Set<Connection>();
  private nextId = 1;

  constructor(private readonly opts: ServerOptions) {
    this.server = createServer((socket) => this.accept(socket));
  }

  listen(): Promise<number> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.opts.port, this.opts.host, () => {
        this.server.off('error', reject);
        const addr = this.server.address();
        resolve(typeof addr === 'object' && addr !== null ? addr.port : this.opts.port);
      });
    });
  }

  private accept(socket: Socket): void {
    const conn = new Connection(socket, this.nextId++, this.opts.router, this.opts.logger, this.opts.maxRequestBytes);
    this.connections.add(conn);
    socket.on('close', () => this.connections.delete(conn));
  }

  async close(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const c of this.connections) c.close();
    await closed;
  }
}
