import { ValidationError, ValidationPipe, type ArgumentMetadata } from '@nestjs/common';
import { DomainError } from '../errors/domain-error.js';

function flatten(errors: ValidationError[], parent = ''): { field: string; message: string }[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

const refused = (fields: { field: string; message: string }[]) =>
  new DomainError('validation', 'REQUEST.INVALID', fields.map((f) => f.message).join('; ') || 'The request is invalid.', fields);

const BUILT_IN_NAMES = new Set(Object.getOwnPropertyNames(Object.prototype));

/**
 * Keys named like Object.prototype members (`constructor`, `toString`, …), at any depth. class-transformer
 * skips them when it builds the DTO, so the whitelist never sees them and they would pass as known.
 */
export function builtInKeys(value: unknown): string[] {
  const found: string[] = [];
  const pending: [unknown, string][] = [[value, '']];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [node, path] = next;
    if (node === null || typeof node !== 'object') continue;
    for (const [key, child] of Object.entries(node)) {
      const field = Array.isArray(node) ? `${path}[${key}]` : path ? `${path}.${key}` : key;
      if (!Array.isArray(node) && BUILT_IN_NAMES.has(key)) found.push(field);
      pending.push([child, field]);
    }
  }
  return found;
}

/** Strict validation for every body, query and param: unknown fields are refused, not dropped. */
class StrictValidationPipe extends ValidationPipe {
  override transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (this.toValidate(metadata)) {
      const builtIns = builtInKeys(value);
      if (builtIns.length) throw refused(builtIns.map((field) => ({ field, message: `property ${field} should not exist` })));
    }
    return super.transform(value, metadata);
  }
}

export function createValidationPipe(): ValidationPipe {
  return new StrictValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => refused(flatten(errors)),
  });
}
