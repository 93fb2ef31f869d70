import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { DeviceView, Page, SerialAccessLogEntry } from '@repairhub/contracts';
import { conflict, forbidden, notFound } from '../common/errors/domain-error.js';
import type { PageRequest } from '../common/newest-first-page.js';
import { isForeignKeyViolation } from '../common/sql.js';
import type { Viewer } from '../repairs/repair-visibility.js';
import { toDeviceView } from './device.mapper.js';
import { DevicesRepository, type DeviceFilters, type DeviceRecord, type SealedSerial } from './devices.repository.js';
import type { CreateDeviceDto, UpdateDeviceDto } from './dto/device.dto.js';
import { SerialCipher } from './serial-cipher.js';
import { loadSerialAccessLog } from './serial-access-log.queries.js';

const DEVICE_NOT_FOUND = () => notFound('DEVICE.NOT_FOUND', 'Device');

@Injectable()
export class DevicesService {
  private readonly logger = new Logger('Devices');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly devices: DevicesRepository,
    private readonly cipher: SerialCipher,
  ) {}

  /** `manager`: the caller's transaction (a counter check-in creates the device with the repair). */
  async create(owner: Pick<Viewer, 'id'>, input: CreateDeviceDto, manager?: EntityManager): Promise<DeviceView> {
    const id = randomUUID();
    const serial = this.seal(input.serialNumber, id);
    const row = await this.devices.add({ id, ownerId: owner.id, type: input.type, brand: input.brand, model: input.model, ...serial }, manager);
    return this.view(row, false);
  }

  /** Whether `ownerId` owns device `id` (in `manager`'s transaction when given). */
  isOwnedBy(id: string, ownerId: string, manager?: EntityManager): Promise<boolean> {
    return this.devices.isOwnedBy(id, ownerId, manager);
  }

  async list(viewer: Viewer, query: PageRequest & { ownerId?: string }): Promise<Page<DeviceView>> {
    if (query.ownerId && viewer.role !== 'admin') throw forbidden('DEVICE.OWNER_FILTER_FORBIDDEN', 'Only admins can list another user’s devices.');
    return this.page(viewer, { ownerId: query.ownerId }, query);
  }

  /** Exact serial match through the HMAC column, within what `viewer` may see. */
  async searchBySerial(viewer: Viewer, serialNumber: string, query: PageRequest): Promise<Page<DeviceView>> {
    return this.page(viewer, { serialHashes: this.cipher.searchHashes(serialNumber) }, query);
  }

  /** One device. `reveal` returns the full serial; a staff reveal is written to the access log first. */
  async get(viewer: Viewer, id: string, reveal = false): Promise<DeviceView> {
    const row = await this.devices.findVisible(viewer, id);
    if (!row) throw DEVICE_NOT_FOUND();
    if (reveal && row.serialEncrypted !== null && viewer.role !== 'customer') {
      await this.devices.logSerialReveal(row.id, viewer.id);
      this.logger.log({ deviceId: row.id, userId: viewer.id }, 'Staff revealed a device serial');
    }
    return this.view(row, reveal);
  }

  async update(owner: Viewer, id: string, changes: UpdateDeviceDto): Promise<DeviceView> {
    const { type, brand, model, serialNumber } = changes;
    const serial = serialNumber === undefined ? {} : this.seal(serialNumber, id);
    const row = await this.devices.applyChanges(owner.id, id, { type, brand, model, ...serial });
    if (!row) throw DEVICE_NOT_FOUND();
    return this.view(row, false);
  }

  async remove(owner: Viewer, id: string): Promise<void> {
    try {
      if (!(await this.devices.delete(owner.id, id))) throw DEVICE_NOT_FOUND();
    } catch (error) {
      if (isForeignKeyViolation(error)) throw conflict('DEVICE.IN_USE', 'This device has repair requests and cannot be deleted.');
      throw error;
    }
  }

  /** Staff reveals of one device's serial, newest first. */
  async accessLog(deviceId: string, query: PageRequest): Promise<Page<SerialAccessLogEntry>> {
    const page = await loadSerialAccessLog(this.db, deviceId, query);
    if (page.items.length === 0 && !query.cursor && !(await this.devices.exists(deviceId))) throw DEVICE_NOT_FOUND();
    return {
      items: page.items.map(({ createdAt, ...entry }) => ({ ...entry, createdAt: createdAt.toISOString() })),
      nextCursor: page.nextCursor,
    };
  }

  view(row: DeviceRecord, reveal: boolean): DeviceView {
    return toDeviceView(row, this.cipher, reveal, (device, error) =>
      this.logger.error({ deviceId: device.id, keyId: device.serialKeyId, reason: (error as Error).message }, 'A device serial could not be decrypted'),
    );
  }

  /** The stored form of `serialNumber` (empty or null: no serial). */
  private seal(serialNumber: string | null | undefined, id: string): SealedSerial {
    const sealed = serialNumber ? this.cipher.encrypt(serialNumber, id) : null;
    return { serialEncrypted: sealed?.envelope ?? null, serialKeyId: sealed?.keyId ?? null, serialHmac: sealed?.hmac ?? null };
  }

  private async page(viewer: Viewer, filters: DeviceFilters, query: PageRequest): Promise<Page<DeviceView>> {
    const page = await this.devices.page(viewer, filters, query);
    return { items: page.items.map((row) => this.view(row, false)), nextCursor: page.nextCursor };
  }
}
