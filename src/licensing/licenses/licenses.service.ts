import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository, SelectQueryBuilder } from 'typeorm';
import { ConflictError, ForbiddenError, NotFoundError } from '@libs/errors';
import { applySearch, Page, paginate, whereEquals } from '@libs/pagination';
import { AuthUser } from '../../platform/access/auth-user';
import { can } from '../../platform/access/permissions';
import { TransactionRunner } from '../../platform/database/transaction';
import { OrgScope } from '../../catalog/org-units/org-scope.service';
import { License } from './license.entity';
import { assertChangeKeepsUse } from './license-rules';
import {
  addDays,
  licenseStatus,
  LicenseStatus,
  statusCondition,
  statusParams,
  todayIso,
} from './license-status';
import {
  CreateLicenseDto,
  FINANCIAL_FIELDS,
  LicenseFilters,
  LicenseListQueryDto,
  UpdateLicenseDto,
} from './dto/license.dto';

/** A license with what is derived from it at read time. */
export interface LicenseView {
  license: License;
  usedSeats: number;
  status: LicenseStatus;
}

/** Rows per INSERT statement of a bulk create: 23 columns each stay below PostgreSQL's 65,535 parameters. */
const INSERT_CHUNK = 1000;

const LIST_SPEC = {
  sortable: {
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
  },
  defaultSort: 'name',
  searchable: ['l.name', 'l.serialNumber', 'l.inventoryNumber', 'l.invoiceNumber', 'l.notes'],
};

@Injectable()
export class LicensesService {
  constructor(
    @InjectRepository(License) private readonly licenses: Repository<License>,
    private readonly tx: TransactionRunner,
    private readonly scope: OrgScope,
  ) {}

  async list(actor: AuthUser, query: LicenseListQueryDto): Promise<Page<LicenseView>> {
    const today = todayIso();
    const page = await paginate(this.filteredQuery(actor, query, today), query, {
      ...LIST_SPEC,
      searchable: [],
    });
    return { ...page, items: this.views(page.items, today) };
  }

  /**
   * Licenses the actor may see matching the list filters and `q`, as a query builder
   * (alias `l`): the one definition of the filters, shared with the reports.
   */
  filteredQuery(actor: AuthUser, query: LicenseFilters, today = todayIso()): SelectQueryBuilder<License> {
    const qb = this.scope.restrictLicenses(this.licenses.createQueryBuilder('l'), 'l', actor);
    const { softwareId, categoryId, organizationId, orgUnitId, supplierId, locationId, locationStructureId } =
      query;
    whereEquals(qb, {
      softwareId,
      categoryId,
      organizationId,
      orgUnitId,
      supplierId,
      locationId,
      locationStructureId,
    });
    whereEquals(qb, { metric: query.metric, currency: query.currency });
    // Derived status and the expiry window are filtered in SQL, so paging and totals stay right.
    if (query.status) qb.andWhere(statusCondition(query.status, 'l.expirationDate'), statusParams(today));
    if (query.expiringWithinDays !== undefined) {
      qb.andWhere('l.expirationDate BETWEEN CAST(:today AS date) AND CAST(:until AS date)', {
        today,
        until: addDays(today, query.expiringWithinDays),
      });
    }
    return applySearch(qb, query.q, LIST_SPEC.searchable);
  }

  /** 404 for an unknown license and, alike, for one a department head may not see. */
  async get(actor: AuthUser, id: string): Promise<LicenseView> {
    const license = await this.visible(this.licenses.manager, actor, id).getOne();
    if (!license) throw new NotFoundError('License', id);
    return this.views([license])[0];
  }

  /** 404 unless the license exists and the actor may see it (usable in a department head's subtree). */
  async assertVisible(
    actor: AuthUser,
    id: string,
    manager: EntityManager = this.licenses.manager,
  ): Promise<void> {
    if (!(await this.visible(manager, actor, id).getExists())) throw new NotFoundError('License', id);
  }

  /** {@link lock} on behalf of `actor`: 404 too when the license is not visible to them. */
  async lockVisible(
    manager: EntityManager,
    actor: AuthUser,
    id: string,
    mode: 'pessimistic_write' | 'pessimistic_read' = 'pessimistic_write',
  ): Promise<License> {
    const license = await this.lock(manager, id, mode);
    if (this.scope.isScoped(actor)) await this.assertVisible(actor, id, manager);
    return license;
  }

  /**
   * The license row locked in the caller's transaction, or 404. Writers that depend
   * on it (quantity changes, keys, later seats) serialise on this lock.
   */
  async lock(
    manager: EntityManager,
    id: string,
    mode: 'pessimistic_write' | 'pessimistic_read' = 'pessimistic_write',
  ): Promise<License> {
    const license = await manager.findOne(License, { where: { id }, lock: { mode } });
    if (!license) throw new NotFoundError('License', id);
    return license;
  }

  /** Unknown references become 400 UNKNOWN_REFERENCE and a taken name 409 DUPLICATE (foreign and unique keys). */
  async create(dto: CreateLicenseDto): Promise<LicenseView> {
    const [{ id }] = await this.tx.run((manager) => this.createIn(manager, [dto]));
    // Read back what the database holds: defaults and normalised numerics.
    return this.load(id);
  }

  /** Creates licenses in the caller's transaction, many rows per INSERT. */
  createIn(manager: EntityManager, dtos: readonly CreateLicenseDto[]): Promise<License[]> {
    const licenses = dtos.map((dto) => manager.create(License, definedFields(dto)));
    return manager.save(License, licenses, { chunk: INSERT_CHUNK });
  }

  /**
   * A caller without 'licenses:write' (finance) may change only FINANCIAL_FIELDS;
   * any other field is refused whole with 403 naming the fields.
   */
  async update(actor: AuthUser, id: string, dto: UpdateLicenseDto): Promise<LicenseView> {
    assertMayChange(actor, definedFields(dto));
    await this.tx.run(async (manager) => this.updateIn(manager, actor, await this.lock(manager, id), dto));
    return this.load(id);
  }

  /**
   * Changes a license the caller has locked in its transaction ({@link lock}), with
   * the rules of {@link update}: the caller's fields, and never below what is in use.
   */
  async updateIn(
    manager: EntityManager,
    actor: AuthUser,
    license: License,
    dto: UpdateLicenseDto,
  ): Promise<License> {
    const changes = definedFields(dto);
    assertMayChange(actor, changes);
    assertChangeKeepsUse(license, changes);
    return manager.save(Object.assign(license, changes));
  }

  /** Refused while seats are in use; its keys and released seats go with it (cascade). */
  async remove(id: string): Promise<void> {
    await this.tx.run(async (manager) => {
      const license = await this.lock(manager, id);
      if (license.usedSeats > 0) {
        throw new ConflictError(
          'IN_USE',
          `The license has ${license.usedSeats} seats in use; unassign them first.`,
          {
            usedSeats: license.usedSeats,
          },
        );
      }
      await manager.delete(License, { id });
    });
  }

  /** The license with this id among those the actor may see, as a query. */
  private visible(manager: EntityManager, actor: AuthUser, id: string): SelectQueryBuilder<License> {
    const qb = manager.createQueryBuilder(License, 'l').where('l.id = :id', { id });
    return this.scope.restrictLicenses(qb, 'l', actor);
  }

  /** A written license read back for its writer (who is never scoped: writers see every license). */
  private async load(id: string): Promise<LicenseView> {
    const license = await this.licenses.findOneBy({ id });
    if (!license) throw new NotFoundError('License', id);
    return this.views([license])[0];
  }

  private views(licenses: License[], today = todayIso()): LicenseView[] {
    return licenses.map((license) => ({
      license,
      usedSeats: license.usedSeats,
      status: licenseStatus(license.expirationDate, today),
    }));
  }
}

/** Finance (without 'licenses:write') may change only FINANCIAL_FIELDS; 403 naming the others. */
function assertMayChange(actor: AuthUser, changes: object): void {
  if (can(actor.role, 'licenses:write')) return;
  const refused = Object.keys(changes).filter((f) => !(FINANCIAL_FIELDS as string[]).includes(f));
  if (refused.length) {
    throw new ForbiddenError(
      `Your role may change only the financial fields of a license (${FINANCIAL_FIELDS.join(', ')}); not: ${refused.join(', ')}.`,
      { fields: refused },
    );
  }
}

/** The fields a DTO actually carries: absent ones stay untouched, null ones are cleared. */
function definedFields<T extends object>(dto: T): Partial<T> {
  return Object.fromEntries(Object.entries(dto).filter(([, v]) => v !== undefined)) as Partial<T>;
}
