import type { DataSource } from 'typeorm';
import type { Page, SerialAccessLogEntry } from '@repairhub/contracts';
import { newestFirstPage, type PageRequest } from '../common/newest-first-page.js';
import { SqlParams } from '../common/sql.js';
import { entityColumns, selectAsEntity } from '../database/entity-columns.js';
import { SerialAccessLog } from './serial-access-log.entity.js';

export type SerialAccessLogRow = SerialAccessLog & Pick<SerialAccessLogEntry, 'userName' | 'userRole'>;

const COLUMNS = `${selectAsEntity(entityColumns(SerialAccessLog), 'l')}, u.name AS "userName", u.role AS "userRole"`;

/** Read model of a device's serial reveals with who made them, newest first. */
export function loadSerialAccessLog(db: DataSource, deviceId: string, page: PageRequest): Promise<Page<SerialAccessLogRow>> {
  const p = new SqlParams();
  return newestFirstPage(
    db,
    { select: COLUMNS, from: 'serial_access_log l JOIN users u ON u.id = l.user_id', alias: 'l', where: [`l.device_id = ${p.add(deviceId)}`], p },
    page,
  );
}
