import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { RecordEntity } from '../../platform/database/record.entity';
import { Organization } from '../organizations/organization.entity';

/** A product of the software catalog. Name and version together are unique. */
@Entity('software')
export class Software extends RecordEntity {
  // Unique on (lower(name), coalesce(version, '')): an expression index made by the migration.
  @Index('uq_software__name__version', { synchronize: false })
  @Column({ length: 200 })
  name: string;

  @Index()
  @Column({ type: 'uuid', nullable: true })
  publisherId: string | null;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' })
  @JoinColumn()
  publisher?: Organization;

  @Column({ type: 'varchar', length: 50, nullable: true })
  version: string | null;
}
