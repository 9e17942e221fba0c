import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { RecordEntity } from '../../platform/database/record.entity';
import { ACTIVE_DEVICES_CHECK, DEVICE_RESETS_CHECK, USED_SEATS_CHECK } from '../seat-engine/seat-guards';
import { LicenseCategory } from '../../catalog/license-categories/license-category.entity';
import { Software } from '../../catalog/software/software.entity';
import { Organization } from '../../catalog/organizations/organization.entity';
import { OrgUnit } from '../../catalog/org-units/org-unit.entity';
import { Location } from '../../catalog/locations/location.entity';

export const LICENSE_METRICS = ['per_user', 'per_device'] as const;
export type LicenseMetric = (typeof LICENSE_METRICS)[number];

/** A purchased license: the seed's "New license" window, tab Basic information. */
@Entity('licenses')
// The trigram index for `q` (migration SearchIndexes): an expression index, not synchronized.
@Index('ix_licenses__search__trgm', { synchronize: false })
@Index('ix_licenses__name__id', ['name', 'id'])
@Check('ck_licenses__metric', `metric IN ('per_user', 'per_device')`)
@Check('ck_licenses__quantity', `quantity >= 0`)
@Check('ck_licenses__net_unit_price', `net_unit_price >= 0`)
@Check('ck_licenses__vat_rate', `vat_rate >= 0 AND vat_rate <= 100`)
@Check('ck_licenses__max_activations_per_user', `max_activations_per_user >= 1`)
@Check('ck_licenses__max_activations', `max_activations IS NULL OR max_activations >= 0`)
@Check('ck_licenses__max_device_resets', `max_device_resets IS NULL OR max_device_resets >= 0`)
@Check('ck_licenses__currency', `currency ~ '^[A-Z]{3}$'`)
// The seat engine's guards on the counters (seat-engine/seat-guards.ts).
@Check(USED_SEATS_CHECK.name, USED_SEATS_CHECK.condition)
@Check(ACTIVE_DEVICES_CHECK.name, ACTIVE_DEVICES_CHECK.condition)
@Check(DEVICE_RESETS_CHECK.name, DEVICE_RESETS_CHECK.condition)
export class License extends RecordEntity {
  // Unique on lower(name), as imports match it (expression index, migration RecordIndexes).
  @Index('uq_licenses__name', { synchronize: false })
  @Column({ length: 200 })
  name: string;

  @Index()
  @Column({ type: 'uuid', nullable: true })
  categoryId: string | null;

  @ManyToOne(() => LicenseCategory, { onDelete: 'RESTRICT' })
  @JoinColumn()
  category?: LicenseCategory;

  @Index()
  @Column({ type: 'uuid', nullable: true })
  softwareId: string | null;

  @ManyToOne(() => Software, { onDelete: 'RESTRICT' })
  @JoinColumn()
  software?: Software;

  /** The internal company that owns the license. */
  @Index()
  @Column({ type: 'uuid', nullable: true })
  organizationId: string | null;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' })
  @JoinColumn()
  organization?: Organization;

  /** Where in the organizational structure the license is used; null = usable by everyone. */
  @Index()
  @Column({ type: 'uuid', nullable: true })
  orgUnitId: string | null;

  @ManyToOne(() => OrgUnit, { onDelete: 'RESTRICT' })
  @JoinColumn()
  orgUnit?: OrgUnit;

  /** Node of the location structure where the software is used. */
  @Index()
  @Column({ type: 'uuid', nullable: true })
  locationStructureId: string | null;

  @ManyToOne(() => Location, { onDelete: 'RESTRICT' })
  @JoinColumn()
  locationStructure?: Location;

  /** Where the software physically is. */
  @Index()
  @Column({ type: 'uuid', nullable: true })
  locationId: string | null;

  @ManyToOne(() => Location, { onDelete: 'RESTRICT' })
  @JoinColumn()
  location?: Location;

  @Column({ type: 'varchar', length: 200, nullable: true })
  serialNumber: string | null;

  @Index()
  @Column({ type: 'varchar', length: 100, nullable: true })
  inventoryNumber: string | null;

  /** Manufacturer/Supplier organization the license was bought from. */
  @Index()
  @Column({ type: 'uuid', nullable: true })
  supplierId: string | null;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' })
  @JoinColumn()
  supplier?: Organization;

  @Index()
  @Column({ type: 'date', nullable: true })
  expirationDate: string | null;

  @Index()
  @Column({ type: 'date', nullable: true })
  supportDate: string | null;

  @Index()
  @Column({ type: 'date', nullable: true })
  purchaseDate: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  invoiceNumber: string | null;

  @Index()
  @Column({ type: 'char', length: 3, default: 'EUR' })
  currency: string;

  @Column({ type: 'numeric', precision: 15, scale: 2, default: 0 })
  netUnitPrice: string;

  @Column({ type: 'numeric', precision: 5, scale: 2, default: 0 })
  vatRate: string;

  @Index()
  @Column({ type: 'varchar', length: 20 })
  metric: LicenseMetric;

  @Column({ type: 'int' })
  quantity: number;

  @Column({ type: 'int', default: 1 })
  maxActivationsPerUser: number;

  @Column({ type: 'int', nullable: true })
  maxActivations: number | null;

  @Column({ type: 'int', nullable: true })
  maxDeviceResets: number | null;

  @Column({ type: 'text', nullable: true })
  notes: string | null;

  // Counters kept by triggers on seats and devices; the app never writes them.
  @Column({ type: 'int', default: 0, insert: false, update: false })
  usedSeats: number;

  @Column({ type: 'int', default: 0, insert: false, update: false })
  activeDevices: number;

  /** Device resets done so far, counted against maxDeviceResets. */
  @Column({ type: 'int', default: 0, insert: false, update: false })
  deviceResets: number;
}
