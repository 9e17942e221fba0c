import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { License } from './license.entity';
import { LicenseSeat } from '../seats/license-seat.entity';

/** A license key (tab Keys). The key itself is stored encrypted, never in clear. */
@Entity('license_keys')
export class LicenseKey {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column({ type: 'uuid' })
  licenseId: string;

  @ManyToOne(() => License, { onDelete: 'CASCADE' })
  @JoinColumn()
  license?: License;

  /** AES-256-GCM: base64 of nonce ‖ ciphertext ‖ tag. */
  @Column({ type: 'text' })
  keyEncrypted: string;

  @Column({ type: 'varchar', length: 500, nullable: true })
  note: string | null;

  /** The seat this key is bound to (an OEM key per device, say); a seat of the same license. */
  @Index()
  @Column({ type: 'uuid', nullable: true })
  seatId: string | null;

  @ManyToOne(() => LicenseSeat, { onDelete: 'SET NULL' })
  @JoinColumn([
    { name: 'license_id', referencedColumnName: 'licenseId' },
    { name: 'seat_id', referencedColumnName: 'id' },
  ])
  seat?: LicenseSeat;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
