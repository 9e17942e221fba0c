import { Column, Entity, Index, JoinColumn, ManyToOne, Unique } from 'typeorm';
import { RecordEntity } from '../database/record.entity';
import { Organization } from '../organizations/organization.entity';

/** A node of the organizational structure (company > division > department > team). */
@Entity('org_units')
@Unique(['code'])
export class OrgUnit extends RecordEntity {
  @Column({ length: 200 })
  name: string;

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
