import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Page } from '@repairhub/contracts';
import type { DataSource, EntityManager } from 'typeorm';
import { newestFirstPage, type PageRequest } from '../common/newest-first-page.js';
import { queryRows, SqlParams } from '../common/sql.js';
import { deviceVisibility, type Viewer } from '../repairs/repair-visibility.js';
import { Device } from './device.entity.js';
import { SerialAccessLog } from './serial-access-log.entity.js';

/** A device as the app reads it: everything but the serial's search hash. */
export type DeviceRecord = Omit<Device, 'serialHmac'>;
const RECORD_FIELDS = ['id', 'ownerId', 'type', 'brand', 'model', 'serialEncrypted', 'serialKeyId', 'createdAt', 'updatedAt'] as const satisfies (keyof DeviceRecord)[];

/** The stored form of a serial (all null: no serial). */
export type SealedSerial = Pick<Device, 'serialEncrypted' | 'serialKeyId' | 'serialHmac'>;
export type DeviceChanges = Partial<Pick<Device, 'type' | 'brand' | 'model'> & SealedSerial>;

/** Which devices a page lists, besides what the viewer may see. */
export interface DeviceFilters {
  ownerId?: string;
  /** Any of these serial search hashes. */
  serialHashes?: Buffer[];
}

/** A serial for the key rotation to re-encrypt. */
export type EncryptedSerial = Pick<Device, 'id'> & { serialEncrypted: Buffer; serialKeyId: string };

/** The owner of `devices` and `serial_access_log`: the only code that reads or writes them. */
@Injectable()
export class DevicesRepository {
  /** `d.owner_id AS "ownerId", …` from the entity's metadata: raw reads return `DeviceRecord`s as they are. */
  private readonly recordColumns: (alias?: string) => string;

  constructor(@InjectDataSource() private readonly db: DataSource) {
    const meta = db.getMetadata(Device);
    const columns = RECORD_FIELDS.map((field) => [meta.findColumnWithPropertyName(field)!.databaseName, field] as const);
    this.recordColumns = (alias) => columns.map(([column, field]) => `${alias ? `${alias}.` : ''}${column} AS "${field}"`).join(', ');
  }

  /** `m`: the caller's transaction (a counter check-in creates the device with the repair). */
  async add(device: Pick<Device, 'id' | 'ownerId' | 'type' | 'brand' | 'model'> & SealedSerial, m: EntityManager = this.db.manager): Promise<DeviceRecord> {
    const result = await m.createQueryBuilder().insert().into(Device).values(device).returning(this.recordColumns()).execute();
    return (result.raw as DeviceRecord[])[0];
  }

  /** Changes a device of `ownerId`; null when they have no such device. */
  async applyChanges(ownerId: string, id: string, changes: DeviceChanges): Promise<DeviceRecord | null> {
    const result = await this.db
      .createQueryBuilder()
      .update(Device)
      .set({ ...changes, updatedAt: () => 'now()' })
      .where('id = :id AND owner_id = :ownerId', { id, ownerId })
      .returning(this.recordColumns())
      .execute();
    return (result.raw as DeviceRecord[])[0] ?? null;
  }

  /** Deletes a device of `ownerId`; false when they have no such device. Throws a foreign key violation while repairs name it. */
  async delete(ownerId: string, id: string): Promise<boolean> {
    const result = await this.db.createQueryBuilder().delete().from(Device).where('id = :id AND owner_id = :ownerId', { id, ownerId }).execute();
    return !!result.affected;
  }

  exists(id: string): Promise<boolean> {
    return this.db.getRepository(Device).existsBy({ id });
  }

  isOwnedBy(id: string, ownerId: string, m: EntityManager = this.db.manager): Promise<boolean> {
    return m.getRepository(Device).existsBy({ id, ownerId });
  }

  async findVisible(viewer: Viewer, id: string): Promise<DeviceRecord | null> {
    const p = new SqlParams();
    const [row] = await queryRows<DeviceRecord>(
      this.db,
      `SELECT ${this.recordColumns('d')} FROM devices d WHERE d.id = ${p.add(id)} AND ${deviceVisibility(viewer, 'd', p)}`,
      p.values,
    );
    return row ?? null;
  }

  page(viewer: Viewer, filters: DeviceFilters, page: PageRequest): Promise<Page<DeviceRecord>> {
    const p = new SqlParams();
    const where: string[] = [];
    if (filters.serialHashes) where.push(`d.serial_hmac IN (${filters.serialHashes.map((hash) => p.add(hash)).join(', ')})`);
    where.push(deviceVisibility(viewer, 'd', p));
    if (filters.ownerId) where.push(`d.owner_id = ${p.add(filters.ownerId)}`);
    return newestFirstPage(this.db, { select: this.recordColumns('d'), from: 'devices d', alias: 'd', where, p }, page);
  }

  async logSerialReveal(deviceId: string, userId: string): Promise<void> {
    await this.db.createQueryBuilder().insert().into(SerialAccessLog).values({ deviceId, userId }).updateEntity(false).execute();
  }

  /** The next `limit` serials after `afterId` (by id) under any of `keyIds`, locked for the rest of `m`'s transaction. */
  lockSerialsUnderKeys(m: EntityManager, keyIds: string[], afterId: string, limit: number): Promise<EncryptedSerial[]> {
    return m
      .createQueryBuilder(Device, 'd')
      .select(['d.id', 'd.serialEncrypted', 'd.serialKeyId'])
      .where('d.id > :afterId AND d.serialKeyId IN (:...keyIds)', { afterId, keyIds })
      .orderBy('d.id')
      .limit(limit)
      .setLock('pessimistic_write')
      .getMany() as Promise<EncryptedSerial[]>;
  }

  async setSerial(m: EntityManager, id: string, serial: SealedSerial): Promise<void> {
    await m.createQueryBuilder().update(Device).set(serial).where('id = :id', { id }).execute();
  }

  /** How many serials are stored under each key id not in `keyIds`. */
  async countSerialsNotUnder(keyIds: string[]): Promise<Record<string, number>> {
    const rows = await this.db
      .createQueryBuilder(Device, 'd')
      .select('d.serialKeyId', 'keyId')
      .addSelect('count(*)', 'count')
      .where('d.serialKeyId IS NOT NULL AND d.serialKeyId NOT IN (:...keyIds)', { keyIds })
      .groupBy('d.serialKeyId')
      .getRawMany<{ keyId: string; count: string | number }>();
    return Object.fromEntries(rows.map((row) => [row.keyId, Number(row.count)]));
  }
}
