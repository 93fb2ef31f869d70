import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { queryRows } from '../common/sql.js';
import { Appointment } from './appointment.entity.js';

type Seat = Pick<Appointment, 'repairRequestId' | 'startsAt' | 'endsAt' | 'seat'>;

/** The appointments table's owner. */
@Injectable()
export class AppointmentsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Standing bookings per start time (epoch ms) between `from` and `to`, both included. */
  async countStandingByStart(from: Date, to: Date): Promise<Map<number, number>> {
    const rows = await this.db
      .createQueryBuilder(Appointment, 'a')
      .select('a.startsAt', 'startsAt')
      .addSelect('count(*)::int', 'n')
      .where('a.cancelledAt IS NULL AND a.startsAt >= :from AND a.startsAt <= :to', { from, to })
      .groupBy('a.startsAt')
      .getRawMany<{ startsAt: Date; n: number }>();
    return new Map(rows.map((row) => [new Date(row.startsAt).getTime(), row.n]));
  }

  /**
   * Takes `seat` of the slot unless a standing booking holds it; the partial unique index on
   * (starts_at, seat) decides between concurrent bookings. False when the seat was taken.
   */
  async takeSeat(m: EntityManager, booking: Seat): Promise<boolean> {
    const [row] = await queryRows(
      m,
      `INSERT INTO appointments (repair_request_id, starts_at, ends_at, seat) VALUES ($1, $2, $3, $4)
       ON CONFLICT (starts_at, seat) WHERE cancelled_at IS NULL DO NOTHING RETURNING id`,
      [booking.repairRequestId, booking.startsAt, booking.endsAt, booking.seat],
    );
    return row !== undefined;
  }

  /**
   * Books the next seat of the slot whatever the booking rules say, as made at `createdAt` (the demo
   * books drop-offs earlier today, which the rules no longer offer).
   */
  async bookNextSeatRegardless(booking: Omit<Seat, 'seat'>, createdAt: Date): Promise<void> {
    await queryRows(
      this.db,
      `INSERT INTO appointments (repair_request_id, starts_at, ends_at, seat, created_at)
       SELECT $1, $2, $3, count(*) + 1, $4 FROM appointments WHERE starts_at = $2 AND cancelled_at IS NULL`,
      [booking.repairRequestId, booking.startsAt, booking.endsAt, createdAt],
    );
  }

  /** Cancels the repair's standing booking in `m`'s transaction; false when it had none. */
  async cancelStanding(m: EntityManager, repairId: string): Promise<boolean> {
    const result = await m
      .createQueryBuilder()
      .update(Appointment)
      .set({ cancelledAt: () => 'now()' })
      .where('repair_request_id = :repairId AND cancelled_at IS NULL', { repairId })
      .returning(['id'])
      .execute();
    return (result.raw as unknown[]).length > 0;
  }
}
