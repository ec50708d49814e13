import type { FastifyInstance, FastifyRequest } from 'fastify';
import { BadRequestError } from '../runtime/errors.js';

const bodyTexts = new WeakMap<FastifyRequest, string>();

/**
 * Parses JSON bodies and keeps their text: config maps are read again from the text so that numbers keep
 * their literal form, as Jackson gives them to Kafka Connect (`9223372036854775807` would lose digits
 * through JSON.parse). Malformed JSON is a 400 with the parser's message; Kafka Connect lets some of
 * these end as 500, which tells the caller nothing useful.
 */
export function installJsonBodyParser(app: FastifyInstance): void {
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    // Clients send the JSON content type on bodiless calls too (PUT .../pause); routes needing a body say so.
    if (text.trim() === '') {
      done(null, undefined);
      return;
    }
    try {
      const value: unknown = JSON.parse(text);
      bodyTexts.set(request, text);
      done(null, value);
    } catch (err) {
      done(new BadRequestError(`Malformed JSON body: ${(err as Error).message}`), undefined);
    }
  });
}

/** The raw text of a request's JSON body, if it had one. */
export function jsonBodyText(request: FastifyRequest): string | undefined {
  return bodyTexts.get(request);
}
