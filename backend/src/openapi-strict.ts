import type { INestApplication, Type } from '@nestjs/common';
import { ParseUUIDPipe } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants.js';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum.js';
import { ModulesContainer } from '@nestjs/core';
import type { OpenAPIObject, OperationObject, ParameterObject, PathItemObject, ReferenceObject, SchemaObject } from '@nestjs/swagger';
import { getMetadataStorage } from 'class-validator';

type Schema = SchemaObject & ReferenceObject;
const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

const PROBLEM = (description: string) => ({ description, content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDto' } } } });

/**
 * What the global ValidationPipe enforces, read from class-validator's metadata of a DTO, as schema
 * keywords: the document then refuses what the service refuses. Patterns are left out: many fields are
 * trimmed (`@Transform`) before they are matched, which a pattern on the raw value cannot say.
 */
function tightenProperty(schema: Schema, rule: { name?: string; constraints?: unknown[]; each?: boolean }): void {
  const target = (rule.each && schema.items ? schema.items : schema) as Schema;
  if (target.$ref || target.allOf) return;
  const [first] = rule.constraints ?? [];
  switch (rule.name) {
    case 'isInt':
      target.type = 'integer';
      break;
    case 'isUuid':
      target.format = 'uuid';
      break;
    case 'isEmail':
      target.format = 'email';
      break;
    case 'maxLength':
      target.maxLength ??= first as number;
      break;
    case 'minLength':
      target.minLength ??= first as number;
      break;
    case 'min':
      target.minimum ??= first as number;
      break;
    case 'max':
      target.maximum ??= first as number;
      break;
    case 'arrayMaxSize':
      if (schema.type === 'array') schema.maxItems ??= first as number;
      break;
  }
}

function validationRules(dto: Type<unknown>): Map<string, { name?: string; constraints?: unknown[]; each?: boolean }[]> {
  const rules = new Map<string, { name?: string; constraints?: unknown[]; each?: boolean }[]>();
  for (const meta of getMetadataStorage().getTargetValidationMetadatas(dto, '', true, false)) {
    const list = rules.get(meta.propertyName) ?? [];
    list.push(meta);
    rules.set(meta.propertyName, list);
  }
  return rules;
}

/** Every DTO class class-validator knows, by the name @nestjs/swagger gives its component schema. */
function validatedClasses(): Map<string, Type<unknown>> {
  const storage = getMetadataStorage() as unknown as { validationMetadatas: Map<Type<unknown>, unknown[]> };
  return new Map([...storage.validationMetadatas.keys()].filter((target) => typeof target === 'function').map((target) => [target.name, target]));
}

function tightenComponents(doc: OpenAPIObject): void {
  const schemas = (doc.components?.schemas ?? {}) as Record<string, Schema>;
  for (const [name, dto] of validatedClasses()) {
    const schema = schemas[name];
    if (!schema?.properties) continue;
    for (const [property, rules] of validationRules(dto)) {
      const propertySchema = schema.properties[property] as Schema | undefined;
      if (propertySchema) for (const rule of rules) tightenProperty(propertySchema, rule);
    }
  }
}

function resolve(doc: OpenAPIObject, schema: Schema | undefined): Schema | undefined {
  if (!schema?.$ref) return schema;
  return (doc.components?.schemas as Record<string, Schema>)[schema.$ref.replace('#/components/schemas/', '')];
}

/** Unknown fields are refused (forbidNonWhitelisted), at every depth the pipe validates. */
function closeRequestSchemas(doc: OpenAPIObject, schema: Schema | undefined, seen: Set<Schema>): void {
  const target = resolve(doc, schema);
  if (!target || seen.has(target)) return;
  seen.add(target);
  if (target.properties) {
    target.additionalProperties = false;
    for (const property of Object.values(target.properties)) closeRequestSchemas(doc, property as Schema, seen);
  }
  if (target.items) closeRequestSchemas(doc, target.items as Schema, seen);
  for (const part of [...(target.allOf ?? []), ...(target.oneOf ?? []), ...(target.anyOf ?? [])]) closeRequestSchemas(doc, part as Schema, seen);
}

interface RouteHandler {
  controller: Type<unknown>;
  method: string;
}

/** operationId (`<Controller>_<method>`, as buildOpenApiDocument names them) → the handler. */
function routeHandlers(app: INestApplication): Map<string, RouteHandler> {
  const handlers = new Map<string, RouteHandler>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as Type<unknown> | null;
      if (!controller) continue;
      for (const method of Object.getOwnPropertyNames(controller.prototype)) {
        handlers.set(`${controller.name.replace(/Controller$/, '')}_${method}`, { controller, method });
      }
    }
  }
  return handlers;
}

interface RouteArgument {
  index: number;
  data?: unknown;
  pipes?: unknown[];
}

function routeArguments(handler: RouteHandler, kind: RouteParamtypes): { argument: RouteArgument; type: unknown }[] {
  const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, handler.controller, handler.method) ?? {}) as Record<string, RouteArgument>;
  const types = (Reflect.getMetadata('design:paramtypes', handler.controller.prototype, handler.method) ?? []) as unknown[];
  return Object.entries(args)
    .filter(([key]) => key.split(':')[0] === String(kind))
    .map(([, argument]) => ({ argument, type: types[argument.index] }));
}

function tightenParameters(operation: OperationObject, handler: RouteHandler): void {
  const parameters = (operation.parameters ?? []) as ParameterObject[];
  for (const { argument, type } of routeArguments(handler, RouteParamtypes.QUERY)) {
    if (argument.data !== undefined || typeof type !== 'function') continue;
    for (const [property, rules] of validationRules(type as Type<unknown>)) {
      const parameter = parameters.find((p) => p.in === 'query' && p.name === property);
      if (parameter?.schema) for (const rule of rules) tightenProperty(parameter.schema as Schema, rule);
    }
  }
  for (const { argument } of routeArguments(handler, RouteParamtypes.PARAM)) {
    const parameter = parameters.find((p) => p.in === 'path' && p.name === argument.data);
    if (parameter?.schema && argument.pipes?.some((pipe) => pipe instanceof ParseUUIDPipe)) (parameter.schema as Schema).format = 'uuid';
  }
}

/** OpenAPI 3.0: `nullable` does not widen `enum`; a nullable enum lists null itself. */
function nullInNullableEnums(node: unknown): void {
  if (!node || typeof node !== 'object') return;
  const schema = node as { nullable?: boolean; enum?: unknown[] };
  // A new array: @nestjs/swagger hands out the DTO's own enum constant, which validation also uses.
  if (schema.nullable === true && Array.isArray(schema.enum) && !schema.enum.includes(null)) schema.enum = [...schema.enum, null];
  for (const child of Object.values(node)) nullInNullableEnums(child);
}

/** One filter answers every error as problem+json, whatever a library's decorator said (terminus: JSON 503). */
function answerErrorsAsProblems(operation: OperationObject): void {
  for (const [status, response] of Object.entries(operation.responses)) {
    const described = response as { description?: string; content?: Record<string, unknown> };
    if (Number(status) >= 400 && described.content && !described.content['application/problem+json']) {
      operation.responses[status] = PROBLEM(described.description ?? 'Error');
    }
  }
}

const UNKNOWN_QUERY = 'Query parameters not listed here are refused with 400.';

/**
 * Makes the generated document as strict as the service: what the global ValidationPipe, the
 * ParseUUIDPipe path parameters and Fastify's body handling refuse, the document refuses too.
 */
export function tightenOpenApiDocument(doc: OpenAPIObject, app: INestApplication): OpenAPIObject {
  tightenComponents(doc);
  nullInNullableEnums(doc.components);
  const handlers = routeHandlers(app);
  const closed = new Set<Schema>();
  for (const path of Object.values(doc.paths) as PathItemObject[]) {
    for (const method of METHODS) {
      const operation = path[method];
      if (!operation) continue;
      const handler = operation.operationId ? handlers.get(operation.operationId) : undefined;
      if (handler) tightenParameters(operation, handler);
      operation.responses['500'] ??= PROBLEM('Unexpected error; the requestId finds it in the logs');
      operation.responses['503'] ??= PROBLEM('Temporarily unavailable (database or session store unreachable, or every connection busy, then with Retry-After)');
      answerErrorsAsProblems(operation);
      if ((operation.parameters as ParameterObject[] | undefined)?.some((p) => p.in === 'query')) {
        operation.description = [operation.description, UNKNOWN_QUERY].filter(Boolean).join(' ');
      }
      const body = operation.requestBody as { required?: boolean; content: Record<string, { schema?: Schema }> } | undefined;
      if (!body) continue;
      const json = body.content['application/json']?.schema;
      if (json) {
        closeRequestSchemas(doc, json, closed);
        // A DTO without required fields is also accepted with no body at all.
        if (json.$ref && !resolve(doc, json)?.required?.length) body.required = false;
      }
      operation.responses['413'] ??= PROBLEM('Body too large');
      operation.responses['415'] ??= PROBLEM('Unsupported content type');
    }
  }
  return doc;
}
