import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const SEAT_ACTIONS = ['assign', 'unassign', 'transfer', 'activate', 'reset', 'release'] as const;
export type SeatAction = (typeof SEAT_ACTIONS)[number];

/**
 * The history of seats: append-only (a trigger refuses UPDATE and DELETE) and
 * without foreign keys, so it outlives the seats, persons and assets it names.
 */
@Entity('seat_events')
@Index('ix_seat_events__license_id__at', ['licenseId', 'at'])
export class SeatEvent {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  /** The time of the insert (clock_timestamp()), not of the transaction's start: see migration SeatCounterGuards. */
  @Column({ type: 'timestamptz', default: () => 'clock_timestamp()' })
  at: Date;

  @Column({ type: 'uuid' })
  licenseId: string;

  @Column({ type: 'uuid', nullable: true })
  seatId: string | null;

  @Column({ type: 'varchar', length: 30 })
  action: SeatAction;

  @Index()
  @Column({ type: 'uuid', nullable: true })
  personId: string | null;

  @Index()
  @Column({ type: 'uuid', nullable: true })
  assetId: string | null;

  @Column({ type: 'uuid', nullable: true })
  actorId: string | null;

  @Column({ type: 'jsonb', default: {} })
  details: Record<string, unknown>;
}
