import { Injectable } from '@nestjs/common';
import { EntityManager, In, SelectQueryBuilder } from 'typeorm';
import { Page, paginate, whereFolded } from '@libs/pagination';
import { AuthUser } from '../../platform/access/auth-user';
import { TransactionRunner } from '../../platform/database/transaction';
import { OrgUnitsRepository } from '../../catalog/org-units/org-units.repository';
import { License } from './license.entity';
import { LicenseLinesRepository } from './license-lines.repository';
import { LicenseListQueryDto } from './dto/license.dto';

/** Rows per INSERT statement of a bulk create: 23 columns each stay below PostgreSQL's 65,535 parameters. */
const INSERT_CHUNK = 1000;

const SORTABLE = {
  name: 'l.name',
  metric: 'l.metric',
  quantity: 'l.quantity',
  usedSeats: 'l.usedSeats',
  availableSeats: '(l.quantity - l.usedSeats)',
  // The expression of grossUnitPrice (libs/money): PostgreSQL's round() also rounds half away from zero.
  grossUnitPrice: 'round(l.netUnitPrice * (100 + l.vatRate) / 100, 2)',
  // Status follows the expiration date (expired, expiring, active; no date is active), so its
  // order is the dates' with none after the latest: the most urgent first, or last with -status.
  status: "coalesce(l.expirationDate, CAST('infinity' AS date))",
  expirationDate: 'l.expirationDate',
  supportDate: 'l.supportDate',
  purchaseDate: 'l.purchaseDate',
  netUnitPrice: 'l.netUnitPrice',
  currency: 'l.currency',
  createdAt: 'l.createdAt',
  updatedAt: 'l.updatedAt',
};

export type LockMode = 'pessimistic_write' | 'pessimistic_read';

/** Licenses' rows and locks, in the open transaction when there is one. */
@Injectable()
export class LicensesRepository {
  constructor(
    private readonly db: TransactionRunner,
    private readonly orgUnits: OrgUnitsRepository,
    private readonly lines: LicenseLinesRepository,
  ) {}

  private get manager(): EntityManager {
    return this.db.manager;
  }

  /** The page of licenses the actor may see, with the list's filters (those of the reports too). */
  page(actor: AuthUser, query: LicenseListQueryDto, today: string): Promise<Page<License>> {
    // `q` is applied by the filters already.
    return paginate(this.lines.filtered(actor, query, today), query, {
      sortable: SORTABLE,
      defaultSort: 'name',
      searchable: [],
    });
  }

  findVisible(actor: AuthUser, id: string): Promise<License | null> {
    return this.visible(actor, id).getOne();
  }

  isVisible(actor: AuthUser, id: string): Promise<boolean> {
    return this.visible(actor, id).getExists();
  }

  findById(id: string): Promise<License | null> {
    return this.manager.findOneBy(License, { id });
  }

  /** The license row locked until the transaction ends. */
  lock(id: string, mode: LockMode): Promise<License | null> {
    return this.manager.findOne(License, { where: { id }, lock: { mode } });
  }

  /** Locks these licenses FOR UPDATE in id order (the order every seat release takes them in). */
  async lockInIdOrder(ids: readonly string[]): Promise<void> {
    await this.manager
      .createQueryBuilder(License, 'l')
      .select('l.id')
      .where({ id: In([...ids]) })
      .orderBy('l.id', 'ASC')
      .setLock('pessimistic_write')
      .getMany();
  }

  /** Id and name of the licenses whose name, lower-cased, is one of `foldedNames` (imports name licenses so). */
  findNames(foldedNames: readonly string[]): Promise<Pick<License, 'id' | 'name'>[]> {
    const qb = whereFolded(this.select(), 'name', foldedNames);
    return qb.select('l.id', 'id').addSelect('l.name', 'name').getRawMany();
  }

  /** The licenses whose name, lower-cased, is one of `foldedNames`, locked FOR UPDATE until the transaction ends. */
  lockByNames(foldedNames: readonly string[]): Promise<License[]> {
    return whereFolded(this.select(), 'name', foldedNames).setLock('pessimistic_write').getMany();
  }

  hasAny(): Promise<boolean> {
    return this.manager.exists(License);
  }

  /** Many rows per INSERT. */
  createMany(fields: readonly Partial<License>[]): Promise<License[]> {
    const licenses = fields.map((f) => this.manager.create(License, f));
    return this.manager.save(License, licenses, { chunk: INSERT_CHUNK });
  }

  save(license: License): Promise<License> {
    return this.manager.save(license);
  }

  async delete(id: string): Promise<void> {
    await this.manager.delete(License, { id });
  }

  private select(): SelectQueryBuilder<License> {
    return this.manager.createQueryBuilder(License, 'l');
  }

  /** The license with this id among those the actor may see (usable in a department head's subtree). */
  private visible(actor: AuthUser, id: string): SelectQueryBuilder<License> {
    const qb = this.manager.createQueryBuilder(License, 'l').where('l.id = :id', { id });
    return this.orgUnits.restrictLicenses(qb, 'l', actor);
  }
}
