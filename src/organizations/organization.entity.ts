import { Check, Column, Entity, Unique } from 'typeorm';
import { RecordEntity } from '../database/record.entity';

export const ORGANIZATION_KINDS = ['internal', 'supplier', 'manufacturer'] as const;
export type OrganizationKind = (typeof ORGANIZATION_KINDS)[number];

/** A company: internal ones own licenses, external ones sell or make software. */
@Entity('organizations')
@Unique(['name'])
@Check('ck_organizations__kind', `kind IN ('internal', 'supplier', 'manufacturer')`)
export class Organization extends RecordEntity {
  @Column({ length: 200 })
  name: string;

  @Column({ type: 'varchar', length: 20 })
  kind: OrganizationKind;
}
