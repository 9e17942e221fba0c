import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { RecordEntity } from '../../platform/database/record.entity';

/** A node of the location structure (country > site > building > room). */
@Entity('locations')
export class Location extends RecordEntity {
  @Column({ length: 200 })
  name: string;

  @Index()
  @Column({ type: 'uuid', nullable: true })
  parentId: string | null;

  @ManyToOne(() => Location, { onDelete: 'RESTRICT' })
  @JoinColumn()
  parent?: Location;
}
