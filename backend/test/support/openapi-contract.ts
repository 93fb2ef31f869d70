import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import addFormats from 'ajv-formats';
import { OpenAPIBackend, type Document, type Operation } from 'openapi-backend';

/** The document the build exports (`npm run build` → backend/dist/openapi.json): the one integrators read. */
const DOCUMENT = fileURLToPath(new URL('../../dist/openapi.json', import.meta.url));

export interface Exchange {
  method: string;
  /** Path and query, as sent: `/api/v1/repairs?limit=5`. */
  url: string;
  headers: Record<string, string>;
  /** The JSON body sent, or undefined (none). */
  body: unknown;
  /** A body went that is not JSON: its content is not checked, the rest of the request is. */
  opaqueBody?: boolean;
  status: number;
  contentType: string | null;
  responseBody: unknown;
}

type Responses = Record<string, { content?: Record<string, { schema?: unknown }> }>;

/**
 * `{nullable: true, allOf: [$ref]}` (how @nestjs/swagger writes a nullable object, and how
 * openapi-typescript reads it: `X | null`): Ajv applies `nullable` to `type` only, so null would still
 * fail the `allOf`. Say it as JSON Schema.
 */
function nullableReferences(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(nullableReferences);
  if (!node || typeof node !== 'object') return node;
  const entries = Object.fromEntries(Object.entries(node).map(([key, value]) => [key, nullableReferences(value)])) as Record<string, unknown>;
  if (entries.nullable === true && (entries.type === undefined || entries.allOf || entries.oneOf || entries.anyOf)) {
    const { nullable: _nullable, ...rest } = entries;
    return { anyOf: [rest, { type: 'null' }] };
  }
  return entries;
}

/**
 * The validator reads problem+json like JSON (openapi-backend validates `application/json` only);
 * the media types themselves are checked against the untouched document.
 */
function forValidator(document: Document): Document {
  const copy = nullableReferences(document) as Document;
  for (const item of Object.values(copy.paths as unknown as Record<string, Record<string, { responses?: Responses }>>)) {
    for (const operation of Object.values(item)) {
      for (const response of Object.values(operation.responses ?? {})) {
        const problem = response.content?.['application/problem+json'];
        if (problem && !response.content?.['application/json']) response.content!['application/json'] = problem;
      }
    }
  }
  return copy;
}

let loaded: Promise<{ document: Document; api: OpenAPIBackend }> | undefined;

function load() {
  loaded ??= (async () => {
    if (!existsSync(DOCUMENT)) throw new Error(`${DOCUMENT} is missing: run \`npm run build\` (it exports the OpenAPI document).`);
    const document = JSON.parse(readFileSync(DOCUMENT, 'utf8')) as Document;
    // Formats (uuid, date-time, email) are part of the contract: without ajv-formats they would be skipped.
    // ajv-formats is CommonJS: under NodeNext its plugin is `.default` (at run time too, it points to itself).
    const api = new OpenAPIBackend({ definition: forValidator(document), validate: true, quick: false, customizeAjv: (ajv) => addFormats.default(ajv) });
    await api.init();
    return { document, api };
  })();
  return loaded;
}

const errorsText = (errors: { instancePath?: string; message?: string; params?: unknown }[] | null | undefined) =>
  (errors ?? []).map((e) => `${e.instancePath || '(root)'} ${e.message ?? ''} ${JSON.stringify(e.params ?? {})}`).join('; ');

function mediaType(contentType: string | null): string | null {
  return contentType ? contentType.split(';')[0].trim().toLowerCase() : null;
}

/**
 * Checks one exchange against the exported document and returns what breaks it. Requests are held to
 * the document only when the server took them (2xx): a test's deliberately malformed request must
 * reach the server, and a 2xx to a request the document refuses is the drift. Every response is held
 * to the operation's documented statuses, media types and schemas.
 */
export async function contractViolations(exchange: Exchange): Promise<string[]> {
  const { document, api } = await load();
  const url = new URL(exchange.url, 'http://contract.invalid');
  const request = {
    method: exchange.method.toLowerCase(),
    path: url.pathname,
    query: url.search.slice(1),
    headers: exchange.headers,
    body: exchange.body,
  };
  const operation = api.matchOperation(request) as Operation | undefined;
  const ok = exchange.status >= 200 && exchange.status < 300;
  // A process whose role serves no HTTP API (APP_ROLE) answers every route as unknown: no operation ran.
  if (exchange.status === 404 && (exchange.responseBody as { code?: unknown } | undefined)?.code === 'ROUTE.NOT_FOUND') return [];
  if (!operation) return ok && url.pathname.startsWith('/api/v1/') ? ['the route is not in the document'] : [];

  const violations: string[] = [];
  if (ok) {
    const checked = api.validateRequest(request, operation);
    const errors = (checked.errors ?? []).filter(
      (e) => !exchange.opaqueBody || !(e.instancePath.startsWith('/requestBody') || (e.params as { missingProperty?: string }).missingProperty === 'requestBody'),
    );
    if (errors.length) violations.push(`the server took a request the document refuses: ${errorsText(errors)}`);
  }

  const original = (document.paths as unknown as Record<string, Record<string, { responses: Responses }>>)[operation.path][operation.method].responses;
  const documented = original[String(exchange.status)];
  if (!documented) return [...violations, `status ${exchange.status} is not documented (documented: ${Object.keys(original).join(', ')})`];
  const type = mediaType(exchange.contentType);
  const declared = Object.keys(documented.content ?? {});
  const hasBody = exchange.responseBody !== undefined && exchange.responseBody !== '';
  if (!declared.length) {
    if (hasBody) violations.push(`status ${exchange.status} is documented without a body but one came (${type})`);
    return violations;
  }
  if (!type || !declared.includes(type)) return [...violations, `content type ${type} is not documented for ${exchange.status} (documented: ${declared.join(', ')})`];
  if (type === 'application/json' || type === 'application/problem+json') {
    const checked = api.validateResponse(exchange.responseBody, operation, exchange.status);
    if (!checked.valid) violations.push(`the ${exchange.status} body breaks the document: ${errorsText(checked.errors)}`);
  }
  return violations;
}

export class ContractViolation extends Error {
  override name = 'ContractViolation';
}

/** Throws (failing the test that sent the request) when the exchange breaks the exported document. */
export async function assertContract(exchange: Exchange): Promise<void> {
  const violations = await contractViolations(exchange);
  if (violations.length) {
    throw new ContractViolation(
      `${exchange.method} ${exchange.url} → ${exchange.status} does not match the OpenAPI document (backend/dist/openapi.json):\n  - ${violations.join('\n  - ')}`,
    );
  }
}
