import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const ENV_SCHEMA = fileURLToPath(new URL('../../src/config/env.schema.ts', import.meta.url));

/** Every environment variable the app reads: the properties of `EnvironmentVariables` (env.schema.ts). */
export function configuredEnvNames(): Set<string> {
  return new Set([...readFileSync(ENV_SCHEMA, 'utf8').matchAll(/^\s+([A-Z][A-Z0-9_]*)\?:/gm)].map(([, name]) => name));
}

/** The `${NAME}` placeholders of a template. */
export const placeholders = (template: string): string[] => [...new Set([...template.matchAll(/\$\{(\w+)\}/g)].map(([, name]) => name))];
