import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { RecordEntity } from '../../platform/database/record.entity';
import { Organization } from '../organizations/organization.entity';

/** A node of the organizational structure (company > division > department > team). */
@Entity('org_units')
export class OrgUnit extends RecordEntity {
  @Column({ length: 200 })
  name: string;

  // Unique on lower(code), as imports match it (expression index, migration RecordIndexes).
  @Index('uq_org_units__code', { synchronize: false })
  @Column({ length: 50 })
  code: string;

  @Index()
  @Column({ type: 'uuid', nullable: true })
  parentId: string | null;

  @ManyToOne(() => OrgUnit, { onDelete: 'RESTRICT' })
  @JoinColumn()
  parent?: OrgUnit;

  @Index()
  @Column({ type: 'uuid', nullable: true })
  organizationId: string | null;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' })
  @JoinColumn()
  organization?: Organization;
}
