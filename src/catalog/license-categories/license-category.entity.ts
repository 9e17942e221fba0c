import { Column, Entity, Index } from 'typeorm';
import { RecordEntity } from '../../platform/database/record.entity';

/** License type (category): Open/MOLP, OEM, Retail, Volume, Subscription, … */
@Entity('license_categories')
export class LicenseCategory extends RecordEntity {
  // Unique on lower(name), as imports match it (expression index, migration RecordIndexes).
  @Index('uq_license_categories__name', { synchronize: false })
  @Column({ length: 100 })
  name: string;
}
