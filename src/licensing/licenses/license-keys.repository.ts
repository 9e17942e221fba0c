import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { TransactionRunner } from '../../platform/database/transaction';
import { LicenseKey } from './license-key.entity';

/** License keys' rows, in the open transaction when there is one. */
@Injectable()
export class LicenseKeysRepository {
  constructor(private readonly db: TransactionRunner) {}

  private get manager(): EntityManager {
    return this.db.manager;
  }

  /** The license's keys, oldest first. */
  listOf(licenseId: string): Promise<LicenseKey[]> {
    return this.manager.find(LicenseKey, { where: { licenseId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  add(fields: Pick<LicenseKey, 'licenseId' | 'keyEncrypted' | 'note' | 'seatId'>): Promise<LicenseKey> {
    return this.manager.save(this.manager.create(LicenseKey, fields));
  }

  /** Keys bound to these seats are bound to `toSeatId` instead (null: none). */
  async rebindSeats(fromSeatIds: readonly string[], toSeatId: string | null): Promise<void> {
    await this.manager.update(LicenseKey, { seatId: In([...fromSeatIds]) }, { seatId: toSeatId });
  }

  /** Whether the license had that key. */
  async delete(licenseId: string, keyId: string): Promise<boolean> {
    const { affected } = await this.manager.delete(LicenseKey, { id: keyId, licenseId });
    return !!affected;
  }
}
