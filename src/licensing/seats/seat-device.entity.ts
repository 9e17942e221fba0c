import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Asset } from '../../inventory/assets/asset.entity';
import { User } from '../../access/users/user.entity';
import { LicenseSeat } from './license-seat.entity';

/** An asset on which the holder of a per_user seat has activated the license. */
@Entity('seat_devices')
export class SeatDevice {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  // One active activation per (seat, asset): a partial unique index.
  @Index('uq_seat_devices__seat_id__asset_id', { synchronize: false })
  @Index()
  @Column({ type: 'uuid' })
  seatId: string;

  @Index()
  @Column({ type: 'uuid' })
  licenseId: string;

  // Composite: the device's seat must be a seat of the same license.
  @ManyToOne(() => LicenseSeat, { onDelete: 'CASCADE' })
  @JoinColumn([
    { name: 'license_id', referencedColumnName: 'licenseId' },
    { name: 'seat_id', referencedColumnName: 'id' },
  ])
  seat?: LicenseSeat;

  @Index()
  @Column({ type: 'uuid' })
  assetId: string;

  @ManyToOne(() => Asset, { onDelete: 'CASCADE' })
  @JoinColumn()
  asset?: Asset;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  activatedAt: Date;

  @Index()
  @Column({ type: 'uuid', nullable: true })
  activatedBy: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'activated_by' })
  activatedByUser?: User;

  @Column({ type: 'timestamptz', nullable: true })
  deactivatedAt: Date | null;

  @Index()
  @Column({ type: 'uuid', nullable: true })
  deactivatedBy: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'deactivated_by' })
  deactivatedByUser?: User;

  @Column({ type: 'varchar', length: 50, nullable: true })
  deactivationReason: string | null;
}
