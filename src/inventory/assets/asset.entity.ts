import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { RecordEntity } from '../../platform/database/record.entity';
import { OrgUnit } from '../../catalog/org-units/org-unit.entity';
import { Location } from '../../catalog/locations/location.entity';
import { Person } from '../persons/person.entity';

export const ASSET_KINDS = ['desktop', 'laptop', 'server', 'virtual_machine', 'mobile', 'other'] as const;
export type AssetKind = (typeof ASSET_KINDS)[number];
export const ASSET_STATUSES = ['in_use', 'in_stock', 'retired'] as const;
export type AssetStatus = (typeof ASSET_STATUSES)[number];

/** A computer or other device. A retired asset keeps history but takes no new seat. */
@Entity('assets')
// The trigram index for `q` (migration SearchIndexes): an expression index, not synchronized.
@Index('ix_assets__search__trgm', { synchronize: false })
@Check('ck_assets__kind', `kind IN ('desktop', 'laptop', 'server', 'virtual_machine', 'mobile', 'other')`)
@Check('ck_assets__status', `status IN ('in_use', 'in_stock', 'retired')`)
export class Asset extends RecordEntity {
  @Column({ length: 200 })
  name: string;

  // Unique on lower(inventory_number), as imports match it (expression index, migration RecordIndexes).
  @Index('uq_assets__inventory_number', { synchronize: false })
  @Column({ length: 100 })
  inventoryNumber: string;

  @Index()
  @Column({ type: 'varchar', length: 100, nullable: true })
  serialNumber: string | null;

  @Index()
  @Column({ type: 'varchar', length: 20, default: 'other' })
  kind: AssetKind;

  @Index()
  @Column({ type: 'varchar', length: 20, default: 'in_use' })
  status: AssetStatus;

  @Index()
  @Column({ type: 'uuid', nullable: true })
  orgUnitId: string | null;

  @ManyToOne(() => OrgUnit, { onDelete: 'RESTRICT' })
  @JoinColumn()
  orgUnit?: OrgUnit;

  @Index()
  @Column({ type: 'uuid', nullable: true })
  locationId: string | null;

  @ManyToOne(() => Location, { onDelete: 'RESTRICT' })
  @JoinColumn()
  location?: Location;

  @Index()
  @Column({ type: 'uuid', nullable: true })
  ownerPersonId: string | null;

  @ManyToOne(() => Person, { onDelete: 'RESTRICT' })
  @JoinColumn()
  ownerPerson?: Person;
}
