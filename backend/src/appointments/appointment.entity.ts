import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { RepairRequest } from '../repairs/repair-request.entity.js';

/** A drop-off slot booked for a repair request; `seat` numbers the parallel bookings of one start time. */
@Entity('appointments')
@Check('appointments_seat_check', 'seat >= 1')
@Check('appointments_check', 'ends_at > starts_at')
// No double booking: one live booking per (slot, seat) and per repair.
@Index('appointments_seat_key', ['startsAt', 'seat'], { unique: true, where: 'cancelled_at IS NULL' })
@Index('appointments_reminder_due_idx', ['startsAt'], { where: 'cancelled_at IS NULL AND reminder_sent_at IS NULL' })
export class Appointment {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  @ForeignKey(() => RepairRequest, { onDelete: 'CASCADE' })
  @Index('appointments_repair_key', { unique: true, where: 'cancelled_at IS NULL' })
  repairRequestId: string;

  @Column({ type: 'timestamptz' })
  startsAt: Date;

  @Column({ type: 'timestamptz' })
  endsAt: Date;

  @Column({ type: 'smallint' })
  seat: number;

  @Column({ type: 'timestamptz', nullable: true })
  cancelledAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  reminderSentAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
