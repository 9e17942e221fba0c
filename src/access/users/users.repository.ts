import { Injectable } from '@nestjs/common';
import { DeepPartial, EntityManager } from 'typeorm';
import { Page, paginate } from '@libs/pagination';
import { TransactionRunner } from '../../platform/database/transaction';
import { User } from './user.entity';
import { UserListQueryDto } from './dto/user.dto';

const LIST_SPEC = {
  sortable: { email: 'u.email', displayName: 'u.displayName', role: 'u.role', createdAt: 'u.createdAt' },
  defaultSort: 'email',
  searchable: ['u.email', 'u.displayName'],
};

/** Users' rows and locks, in the open transaction when there is one. */
@Injectable()
export class UsersRepository {
  constructor(private readonly db: TransactionRunner) {}

  private get manager(): EntityManager {
    return this.db.manager;
  }

  list(query: UserListQueryDto): Promise<Page<User>> {
    const qb = this.manager.createQueryBuilder(User, 'u');
    if (query.role) qb.andWhere('u.role = :role', { role: query.role });
    if (query.orgUnitId) qb.andWhere('u.orgUnitId = :orgUnitId', { orgUnitId: query.orgUnitId });
    return paginate(qb, query, LIST_SPEC);
  }

  findById(id: string): Promise<User | null> {
    return this.manager.findOneBy(User, { id });
  }

  /** The user only while their token version is `tokenVersion`. */
  findWithTokenVersion(id: string, tokenVersion: number): Promise<User | null> {
    return this.manager.findOneBy(User, { id, tokenVersion });
  }

  /** Emails are unique regardless of case (uq_users__email on lower(email)). */
  findByEmail(email: string, { withPasswordHash = false } = {}): Promise<User | null> {
    const qb = this.manager
      .createQueryBuilder(User, 'u')
      .where('lower(u.email) = lower(:email)', { email: email.trim() });
    if (withPasswordHash) qb.addSelect('u.passwordHash');
    return qb.getOne();
  }

  hasAny(): Promise<boolean> {
    return this.manager.exists(User);
  }

  /** The admin created first. */
  findFirstAdmin(): Promise<User | null> {
    return this.manager.findOne(User, { where: { role: 'admin' }, order: { createdAt: 'ASC' } });
  }

  hasAdmin(): Promise<boolean> {
    return this.manager.existsBy(User, { role: 'admin' });
  }

  create(fields: DeepPartial<User>): Promise<User> {
    return this.manager.save(this.manager.create(User, fields));
  }

  save(user: User): Promise<User> {
    return this.manager.save(user);
  }

  async delete(id: string): Promise<void> {
    await this.manager.delete(User, { id });
  }

  /** The user locked against change until the transaction ends. */
  lock(id: string): Promise<User | null> {
    return this.manager.findOne(User, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** Every admin locked against change, in id order (one order for every caller: no deadlock). */
  lockAdmins(): Promise<User[]> {
    return this.manager.find(User, {
      where: { role: 'admin' },
      order: { id: 'ASC' },
      lock: { mode: 'pessimistic_write' },
    });
  }

  /** Until the transaction ends, no other one gets past this line (the first admin's creation). */
  async holdFirstAdminLock(): Promise<void> {
    await this.manager.query(`SELECT pg_advisory_xact_lock(hashtext('seatkeeper:first-admin'))`);
  }
}
