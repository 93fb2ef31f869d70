import type { DataSource } from 'typeorm';
import type { SerialAccessLogEntry } from '@repairhub/contracts';
import { cursorTimestamp, newestFirstCursor, queryRows, SqlParams } from '../common/sql.js';
import type { SerialAccessLog } from './serial-access-log.entity.js';

export type SerialAccessLogRow = SerialAccessLog & Pick<SerialAccessLogEntry, 'userName' | 'userRole'> & { cursorAt: string };

/** Read model of a device's serial reveals with who made them, newest first: `limit + 1` rows after `cursor`. */
export function loadSerialAccessLog(db: DataSource, deviceId: string, cursor: string | undefined, limit: number): Promise<SerialAccessLogRow[]> {
  const p = new SqlParams();
  return queryRows<SerialAccessLogRow>(
    db,
    `SELECT l.id, l.device_id AS "deviceId", l.user_id AS "userId", u.name AS "userName", u.role AS "userRole", l.created_at AS "createdAt",
            ${cursorTimestamp('l.created_at')} AS "cursorAt"
       FROM serial_access_log l JOIN users u ON u.id = l.user_id
      WHERE l.device_id = ${p.add(deviceId)} AND ${newestFirstCursor(cursor, 'l', p)}
      ORDER BY l.created_at DESC, l.id DESC LIMIT ${p.add(limit + 1)}`,
    p.values,
  );
}
