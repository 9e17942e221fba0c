import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { RecordEntity } from '../../platform/database/record.entity';
import { OrgUnit } from '../../catalog/org-units/org-unit.entity';
import { Role } from '../../platform/access/roles';

/** A login of the product. */
@Entity('users')
@Check('ck_users__role', `role IN ('admin', 'asset_manager', 'department_head', 'finance')`)
@Check('ck_users__department_head_org_unit', `role <> 'department_head' OR org_unit_id IS NOT NULL`)
export class User extends RecordEntity {
  // Unique on lower(email) (expression index in the migration).
  @Index('uq_users__email', { synchronize: false })
  @Column({ length: 254 })
  email: string;

  @Column({ length: 200 })
  displayName: string;

  @Index()
  @Column({ type: 'varchar', length: 20 })
  role: Role;

  @Index()
  @Column({ type: 'uuid', nullable: true })
  orgUnitId: string | null;

  @ManyToOne(() => OrgUnit, { onDelete: 'RESTRICT' })
  @JoinColumn()
  orgUnit?: OrgUnit;

  @Column({ select: false })
  passwordHash: string;

  /** Raised by a password change; a token issued under an older version is refused. */
  @Column({ type: 'integer', default: 1 })
  tokenVersion: number;
}
