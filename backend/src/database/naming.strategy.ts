import { DefaultNamingStrategy, type NamingStrategyInterface, type Table } from 'typeorm';

const tableName = (tableOrName: Table | string) => (typeof tableOrName === 'string' ? tableOrName : tableOrName.name).split('.').pop()!;
const snake = (name: string) => name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();

/**
 * camelCase properties ↔ snake_case columns. (`typeorm-naming-strategies` does the same but only
 * declares support for TypeORM 0.x.)
 */
export class SnakeNamingStrategy extends DefaultNamingStrategy implements NamingStrategyInterface {
  override columnName(propertyName: string, customName: string | undefined, prefixes: string[]): string {
    return snake(prefixes.concat(customName ?? propertyName).join('_'));
  }

  override relationName(propertyName: string): string {
    return snake(propertyName);
  }

  override joinColumnName(relationName: string, referencedColumnName: string): string {
    return snake(`${relationName}_${referencedColumnName}`);
  }

  // PostgreSQL's own default names, which the migrations' inline constraints received.
  override primaryKeyName(tableOrName: Table | string): string {
    return `${tableName(tableOrName)}_pkey`;
  }

  override foreignKeyName(tableOrName: Table | string, columnNames: string[]): string {
    return `${tableName(tableOrName)}_${columnNames.join('_')}_fkey`;
  }

  override joinTableColumnName(tableName: string, propertyName: string, columnName?: string): string {
    return snake(`${tableName}_${columnName ?? propertyName}`);
  }
}
