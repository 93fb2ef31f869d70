import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { DEFAULT_PAGE_LIMIT, type DeviceView, type Page, type Role, type SerialAccessLogEntry } from '@repairhub/contracts';
import { conflict, forbidden, notFound } from '../common/errors/domain-error.js';
import { toPage } from '../common/http/pagination.js';
import { cursorTimestamp, isForeignKeyViolation, newestFirstCursor, queryRows, SqlParams } from '../common/sql.js';
import { deviceVisibility, type Viewer } from '../repairs/repair-visibility.js';
import { DEVICE_COLUMNS, toDeviceView, type DeviceRow } from './device.mapper.js';
import type { CreateDeviceDto, UpdateDeviceDto } from './dto/device.dto.js';
import { SerialCipher } from './serial-cipher.js';

type PageArgs = { limit?: number; cursor?: string };
type CursorRow = { cursor_at: string; id: string };

const DEVICE_NOT_FOUND = () => notFound('DEVICE.NOT_FOUND', 'Device');

@Injectable()
export class DevicesService {
  private readonly logger = new Logger('Devices');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly cipher: SerialCipher,
  ) {}

  /** `manager`: the caller's transaction (a counter check-in creates the device with the repair). */
  async create(owner: Pick<Viewer, 'id'>, input: CreateDeviceDto, manager: EntityManager = this.db.manager): Promise<DeviceView> {
    const id = randomUUID();
    const sealed = input.serialNumber ? this.cipher.encrypt(input.serialNumber, id) : null;
    const [row] = await queryRows<DeviceRow>(
      manager,
      `INSERT INTO devices (id, owner_id, type, brand, model, serial_encrypted, serial_key_id, serial_hmac)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${DEVICE_COLUMNS('devices')}`,
      [id, owner.id, input.type, input.brand, input.model, sealed?.envelope ?? null, sealed?.keyId ?? null, sealed?.hmac ?? null],
    );
    return this.view(row, false);
  }

  async list(viewer: Viewer, query: PageArgs & { ownerId?: string }): Promise<Page<DeviceView>> {
    if (query.ownerId && viewer.role !== 'admin') throw forbidden('DEVICE.OWNER_FILTER_FORBIDDEN', 'Only admins can list another user’s devices.');
    const p = new SqlParams();
    const where = [deviceVisibility(viewer, 'd', p), newestFirstCursor(query.cursor, 'd', p)];
    if (query.ownerId) where.push(`d.owner_id = ${p.add(query.ownerId)}`);
    return this.page(where, p, query.limit);
  }

  /** Exact serial match through the HMAC column, within what `viewer` may see. */
  async searchBySerial(viewer: Viewer, serialNumber: string, query: PageArgs): Promise<Page<DeviceView>> {
    const p = new SqlParams();
    const hashes = this.cipher.searchHashes(serialNumber).map((hash) => p.add(hash));
    const where = [`d.serial_hmac IN (${hashes.join(', ')})`, deviceVisibility(viewer, 'd', p), newestFirstCursor(query.cursor, 'd', p)];
    return this.page(where, p, query.limit);
  }

  /** One device. `reveal` returns the full serial; a staff reveal is written to the access log first. */
  async get(viewer: Viewer, id: string, reveal = false): Promise<DeviceView> {
    const row = await this.findVisible(viewer, id);
    if (!row) throw DEVICE_NOT_FOUND();
    if (reveal && row.serial_encrypted !== null && viewer.role !== 'customer') {
      await queryRows(this.db, `INSERT INTO serial_access_log (device_id, user_id) VALUES ($1, $2)`, [row.id, viewer.id]);
      this.logger.log({ deviceId: row.id, userId: viewer.id }, 'Staff revealed a device serial');
    }
    return this.view(row, reveal);
  }

  async update(owner: Viewer, id: string, changes: UpdateDeviceDto): Promise<DeviceView> {
    const p = new SqlParams();
    const sets = ['updated_at = now()'];
    if (changes.type !== undefined) sets.push(`type = ${p.add(changes.type)}`);
    if (changes.brand !== undefined) sets.push(`brand = ${p.add(changes.brand)}`);
    if (changes.model !== undefined) sets.push(`model = ${p.add(changes.model)}`);
    if (changes.serialNumber !== undefined) {
      const sealed = changes.serialNumber ? this.cipher.encrypt(changes.serialNumber, id) : null;
      sets.push(
        `serial_encrypted = ${p.add(sealed?.envelope ?? null)}`,
        `serial_key_id = ${p.add(sealed?.keyId ?? null)}`,
        `serial_hmac = ${p.add(sealed?.hmac ?? null)}`,
      );
    }
    const [row] = await queryRows<DeviceRow>(
      this.db,
      `UPDATE devices SET ${sets.join(', ')} WHERE id = ${p.add(id)} AND owner_id = ${p.add(owner.id)} RETURNING ${DEVICE_COLUMNS('devices')}`,
      p.values,
    );
    if (!row) throw DEVICE_NOT_FOUND();
    return this.view(row, false);
  }

  async remove(owner: Viewer, id: string): Promise<void> {
    try {
      const deleted = await queryRows(this.db, `DELETE FROM devices WHERE id = $1 AND owner_id = $2 RETURNING id`, [id, owner.id]);
      if (deleted.length === 0) throw DEVICE_NOT_FOUND();
    } catch (error) {
      if (isForeignKeyViolation(error)) throw conflict('DEVICE.IN_USE', 'This device has repair requests and cannot be deleted.');
      throw error;
    }
  }

  /** Staff reveals of one device's serial, newest first. */
  async accessLog(deviceId: string, query: PageArgs): Promise<Page<SerialAccessLogEntry>> {
    const limit = query.limit ?? DEFAULT_PAGE_LIMIT;
    const p = new SqlParams();
    const rows = await queryRows<CursorRow & { device_id: string; user_id: string; user_name: string; user_role: Role; created_at: Date }>(
      this.db,
      `SELECT l.id, l.device_id, l.user_id, u.name AS user_name, u.role AS user_role, l.created_at, ${cursorTimestamp('l.created_at')} AS cursor_at
         FROM serial_access_log l JOIN users u ON u.id = l.user_id
        WHERE l.device_id = ${p.add(deviceId)} AND ${newestFirstCursor(query.cursor, 'l', p)}
        ORDER BY l.created_at DESC, l.id DESC LIMIT ${p.add(limit + 1)}`,
      p.values,
    );
    if (rows.length === 0 && !query.cursor) {
      const [device] = await queryRows(this.db, `SELECT 1 FROM devices WHERE id = $1`, [deviceId]);
      if (!device) throw DEVICE_NOT_FOUND();
    }
    const page = toPage(rows, limit, (r) => [r.cursor_at, r.id]);
    return {
      items: page.items.map((r) => ({
        id: r.id,
        deviceId: r.device_id,
        userId: r.user_id,
        userName: r.user_name,
        userRole: r.user_role,
        createdAt: r.created_at.toISOString(),
      })),
      nextCursor: page.nextCursor,
    };
  }

  view(row: DeviceRow, reveal: boolean): DeviceView {
    return toDeviceView(row, this.cipher, reveal, (device, error) =>
      this.logger.error({ deviceId: device.id, keyId: device.serial_key_id, reason: (error as Error).message }, 'A device serial could not be decrypted'),
    );
  }

  private async findVisible(viewer: Viewer, id: string): Promise<DeviceRow | undefined> {
    const p = new SqlParams();
    const [row] = await queryRows<DeviceRow>(
      this.db,
      `SELECT ${DEVICE_COLUMNS('d')} FROM devices d WHERE d.id = ${p.add(id)} AND ${deviceVisibility(viewer, 'd', p)}`,
      p.values,
    );
    return row;
  }

  private async page(where: string[], p: SqlParams, requested: number | undefined): Promise<Page<DeviceView>> {
    const limit = requested ?? DEFAULT_PAGE_LIMIT;
    const rows = await queryRows<DeviceRow & CursorRow>(
      this.db,
      `SELECT ${DEVICE_COLUMNS('d')}, ${cursorTimestamp('d.created_at')} AS cursor_at
         FROM devices d WHERE ${where.join(' AND ')}
        ORDER BY d.created_at DESC, d.id DESC LIMIT ${p.add(limit + 1)}`,
      p.values,
    );
    const page = toPage(rows, limit, (r) => [r.cursor_at, r.id]);
    return { items: page.items.map((row) => this.view(row, false)), nextCursor: page.nextCursor };
  }
}
