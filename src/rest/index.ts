export { createRestServer } from './server.js';
export type { RestServer, RestServerAddress, RestServerOptions } from './server.js';
export type { ConfigMask } from './context.js';
export type { ErrorBody } from './error-responses.js';
