import { getMetadataArgsStorage } from 'typeorm';
import { SnakeNamingStrategy } from './naming.strategy.js';

const naming = new SnakeNamingStrategy();

export interface EntityColumn<E> {
  property: keyof E & string;
  column: string;
}

/**
 * `entity`'s columns in declaration order, named as the data source's naming strategy names them,
 * for hand-written SQL that must list them (RETURNING, json_build_object) without restating the entity.
 */
export function entityColumns<E>(entity: abstract new () => E, except: readonly (keyof E & string)[] = []): EntityColumn<E>[] {
  return getMetadataArgsStorage()
    .columns.filter((c) => c.target === entity && !except.includes(c.propertyName as keyof E & string))
    .map((c) => ({ property: c.propertyName as keyof E & string, column: naming.columnName(c.propertyName, c.options.name, []) }));
}

/** The columns of `entity` named in `properties`, in declaration order. */
export const entityColumnsNamed = <E>(entity: abstract new () => E, properties: readonly (keyof E & string)[]): EntityColumn<E>[] =>
  entityColumns(entity).filter((c) => properties.includes(c.property));

/** A SELECT (or RETURNING) list of `columns` of `alias` under their property names: rows come back shaped like the entity. */
export const selectAsEntity = <E>(columns: EntityColumn<E>[], alias: string) => columns.map((c) => `${alias}.${c.column} AS "${c.property}"`).join(', ');
