import { Injectable } from '@nestjs/common';
import { DataSource, EntitySubscriberInterface, TransactionStartEvent } from 'typeorm';
import { currentActorId } from '../request-context';

/**
 * Tells the audit triggers who acts: at the start of every transaction of a request
 * (explicit, or the implicit one of `save()`), the caller's id becomes the
 * transaction-local setting `seatkeeper.actor_id`. It ends with the transaction, so a
 * pooled connection never carries it into someone else's work.
 */
@Injectable()
export class AuditActorSubscriber implements EntitySubscriberInterface {
  constructor(dataSource: DataSource) {
    dataSource.subscribers.push(this);
  }

  async afterTransactionStart({ queryRunner }: TransactionStartEvent): Promise<void> {
    const actorId = currentActorId();
    if (actorId) await queryRunner.query(`SELECT set_config('seatkeeper.actor_id', $1, true)`, [actorId]);
  }
}
