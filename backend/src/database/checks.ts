/** The body of a `CHECK (column IN (...))` constraint over a contracts enum, for `@Check`. */
export function oneOf(column: string, values: readonly string[]): string {
  return `${column} IN (${values.map((value) => `'${value}'`).join(', ')})`;
}
