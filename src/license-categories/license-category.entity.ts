import { Column, Entity, Unique } from 'typeorm';
import { RecordEntity } from '../database/record.entity';

/** License type (category): Open/MOLP, OEM, Retail, Volume, Subscription, … */
@Entity('license_categories')
@Unique(['name'])
export class LicenseCategory extends RecordEntity {
  @Column({ length: 100 })
  name: string;
}
