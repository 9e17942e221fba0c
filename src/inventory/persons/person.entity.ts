import { Column, Entity, Index, JoinColumn, ManyToOne, Unique } from 'typeorm';
import { RecordEntity } from '../../platform/database/record.entity';
import { OrgUnit } from '../../catalog/org-units/org-unit.entity';
import { Location } from '../../catalog/locations/location.entity';

/** An employee. A deactivated person keeps history but takes no new seat. */
@Entity('persons')
// The trigram index for `q` (migration SearchIndexes): an expression index, not synchronized.
@Index('ix_persons__search__trgm', { synchronize: false })
@Unique(['employeeNumber'])
// The default order (last name, then id for stable pages).
@Index('ix_persons__last_name__id', ['lastName', 'id'])
export class Person extends RecordEntity {
  @Column({ length: 100 })
  firstName: string;

  @Column({ length: 100 })
  lastName: string;

  // Unique on lower(email): Ann@x.com and ann@x.com are one person (expression index in the migration).
  @Index('uq_persons__email', { synchronize: false })
  @Column({ length: 254 })
  email: string;

  @Column({ type: 'varchar', length: 50, nullable: true })
  employeeNumber: string | null;

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
  @Column({ default: true })
  active: boolean;
}
