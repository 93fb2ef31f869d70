import { getMetadataArgsStorage } from 'typeorm';
import { ATTACHMENT_COLUMNS } from '../attachments/attachment.mapper.js';
import { SnakeNamingStrategy } from '../database/naming.strategy.js';
import { Message } from './message.entity.js';

const naming = new SnakeNamingStrategy();

/** Every column of the `Message` entity as `[SQL, property]`; `seq` as text, since a bigint outgrows a JS number. */
const MESSAGE_FIELDS = getMetadataArgsStorage()
  .filterColumns(Message)
  .map(({ propertyName, options }): [string, string] => {
    const column = options.name ?? naming.columnName(propertyName, undefined, []);
    return [propertyName === 'seq' ? `${column}::text` : column, propertyName];
  });

/**
 * A message of alias `a` as `MessageRecord`: its entity's columns under their property names, and its
 * attachments (the attachments feature's table) aggregated in the same statement, so a page of
 * messages stays one query.
 */
export const MESSAGE_COLUMNS = (a: string) =>
  `${MESSAGE_FIELDS.map(([column, property]) => `${a}.${column} AS "${property}"`).join(', ')},
   COALESCE((SELECT jsonb_agg(to_jsonb(ma) ORDER BY ma.created_at, ma.id) FROM (
     SELECT ${ATTACHMENT_COLUMNS('att')} FROM attachments att WHERE att.message_id = ${a}.id
   ) ma), '[]'::jsonb) AS attachments`;
