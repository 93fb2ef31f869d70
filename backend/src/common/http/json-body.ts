import type { FastifyInstance, FastifyRequest } from 'fastify';
import { DomainError, invalid } from '../errors/domain-error.js';

/** Far beyond any request we define (the deepest nests three levels), far below what a recursive walk can survive. */
export const JSON_LIMITS = { maxDepth: 32, maxKeys: 2_000 };

const [QUOTE, BACKSLASH, COLON] = [0x22, 0x5c, 0x3a];
const [OPEN_OBJECT, CLOSE_OBJECT, OPEN_ARRAY, CLOSE_ARRAY] = [0x7b, 0x7d, 0x5b, 0x5d];

/**
 * One pass over JSON text, outside strings: brackets give the nesting depth, colons count the object
 * keys. Stops at the first limit passed, before anything is built: class-transformer and class-validator
 * walk bodies recursively, so a deep body would exhaust the stack and a wide one the event loop.
 * Malformed text is left to the JSON parser.
 */
export function jsonShapeError(text: string, limits = JSON_LIMITS): 'depth' | 'keys' | null {
  let depth = 0;
  let keys = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) {
      inString = true;
    } else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      if (++depth > limits.maxDepth) return 'depth';
    } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
      depth--;
    } else if (c === COLON && ++keys > limits.maxKeys) {
      return 'keys';
    }
  }
  return null;
}

/**
 * The API takes JSON bodies only: every other content type (HTML forms included) is answered 415.
 * The JSON is shape-checked, then parsed by Fastify's own parser (prototype-poisoning safe); the raw
 * bytes are kept for signature checks (Stripe webhooks).
 */
export function acceptJsonBodiesOnly(fastify: FastifyInstance, bodyLimit: number): void {
  const parse = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser('application/json', { parseAs: 'buffer', bodyLimit }, (request, body, done) => {
    const raw = body as Buffer;
    (request as FastifyRequest & { rawBody?: Buffer }).rawBody = raw;
    const text = raw.toString('utf8');
    const shape = jsonShapeError(text);
    if (shape === 'depth') return done(invalid('REQUEST.TOO_DEEP', `The request body nests deeper than ${JSON_LIMITS.maxDepth} levels.`), undefined);
    if (shape === 'keys') return done(invalid('REQUEST.TOO_MANY_FIELDS', `The request body has more than ${JSON_LIMITS.maxKeys} fields.`), undefined);
    parse(request, text, done);
  });
}

/** Route config (`@RouteConfig`) of the few routes that take `multipart/form-data` (uploads). */
export interface MultipartRouteConfig {
  multipart?: boolean;
}

/**
 * Everything but JSON is refused (415) before any route runs, except multipart on a route whose
 * config declares `multipart: true`; the route reads the parts itself, with its own limits.
 */
export function refuseMultipartExceptWhereDeclared(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', (request, _reply, done) => {
    const type = request.headers['content-type'];
    if (typeof type !== 'string' || !/^\s*multipart\//i.test(type)) return done();
    // Read only for multipart requests: Fastify builds the routeOptions object anew on every access.
    const declared = (request.routeOptions.config as MultipartRouteConfig | undefined)?.multipart === true;
    if (!declared) {
      return done(new DomainError('unsupported_media_type', 'REQUEST.UNSUPPORTED_MEDIA_TYPE', 'Send the request body as application/json.'));
    }
    done();
  });
}
