import { Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { User } from '../users/user.entity.js';

/** One staff reveal of a device's full serial; admins read the log per device. */
@Entity('serial_access_log')
@Index('serial_access_log_device_idx', ['deviceId', 'createdAt', 'id'])
export class SerialAccessLog {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** No foreign key on purpose: the audit trail outlives a deleted device. */
  @Column('uuid')
  deviceId: string;

  @Column('uuid')
  @ForeignKey(() => User)
  userId: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
