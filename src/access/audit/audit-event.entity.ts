import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Entity names of audit events, one per audited table (migration AuditTrail). */
export const AUDIT_ENTITIES = [
  'organization',
  'org_unit',
  'location',
  'software',
  'license_category',
  'person',
  'asset',
  'license',
  'license_key',
  'user',
  'seat',
  'device',
  // A file import as a whole (ImportsService); its records are audited one by one too.
  'import',
] as const;

export const AUDIT_ACTIONS = ['create', 'update', 'delete', 'login', 'login_failed', 'import'] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/**
 * One change of one record, or one login. Written by row triggers in the transaction
 * of the change (logins by AuditService); append-only (a trigger refuses UPDATE,
 * DELETE and TRUNCATE) and without foreign keys, so it outlives what it names.
 */
@Entity('audit_events')
@Index('ix_audit_events__entity__entity_id', ['entity', 'entityId'])
export class AuditEvent {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @Index()
  @Column({ type: 'timestamptz', default: () => 'now()' })
  at: Date;

  @Index()
  @Column({ type: 'uuid', nullable: true })
  actorId: string | null;

  @Index()
  @Column({ type: 'varchar', length: 30 })
  action: AuditAction;

  @Column({ type: 'varchar', length: 50 })
  entity: string;

  @Column({ type: 'text', nullable: true })
  entityId: string | null;

  /** The changed fields before (update), the whole row (delete), or null (create). */
  @Column({ type: 'jsonb', nullable: true })
  before: Record<string, unknown> | null;

  /** The changed fields after (update), the whole row (create), or null (delete). */
  @Column({ type: 'jsonb', nullable: true })
  after: Record<string, unknown> | null;
}
