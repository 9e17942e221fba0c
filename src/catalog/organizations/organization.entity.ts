import { Check, Column, Entity, Index } from 'typeorm';
import { RecordEntity } from '../../platform/database/record.entity';

export const ORGANIZATION_KINDS = ['internal', 'supplier', 'manufacturer'] as const;
export type OrganizationKind = (typeof ORGANIZATION_KINDS)[number];

/** A company: internal ones own licenses, external ones sell or make software. */
@Entity('organizations')
@Check('ck_organizations__kind', `kind IN ('internal', 'supplier', 'manufacturer')`)
export class Organization extends RecordEntity {
  // Unique on lower(name), as imports match it (expression index, migration RecordIndexes).
  @Index('uq_organizations__name', { synchronize: false })
  @Column({ length: 200 })
  name: string;

  @Index()
  @Column({ type: 'varchar', length: 20 })
  kind: OrganizationKind;
}
