import { Injectable } from '@nestjs/common';
import { TransactionRunner } from '../../platform/database/transaction';

/** The seed's own lock; the data it writes goes through the repositories of the modules that own it. */
@Injectable()
export class SeedRepository {
  constructor(private readonly db: TransactionRunner) {}

  /** Until the transaction ends, no other instance seeds the demo: two starting together seed once. */
  async holdDemoLock(): Promise<void> {
    await this.db.manager.query(`SELECT pg_advisory_xact_lock(hashtext('seatkeeper:seed-demo'))`);
  }
}
