import { Injectable } from '@nestjs/common';
import { ConflictError, CommonErrorCode, ForbiddenError, NotFoundError } from '@libs/errors';
import { Page } from '@libs/pagination';
import { AuthUser } from '../../platform/access/auth-user';
import { can } from '../../platform/access/permissions';
import { Transactional, TransactionRunner } from '../../platform/database/transaction';
import { OrgScope } from '../../catalog/org-units/org-scope.service';
import { License } from './license.entity';
import { assertChangeKeepsUse } from './license-rules';
import { licenseStatus, LicenseStatus, todayIso } from './license-status';
import { LicensesRepository, LockMode } from './licenses.repository';
import { CreateLicenseDto, FINANCIAL_FIELDS, LicenseListQueryDto, UpdateLicenseDto } from './dto/license.dto';

/** A license with what is derived from it at read time. */
export interface LicenseView {
  license: License;
  usedSeats: number;
  status: LicenseStatus;
}

@Injectable()
export class LicensesService {
  constructor(
    private readonly licenses: LicensesRepository,
    protected readonly tx: TransactionRunner, // for @Transactional()
    private readonly scope: OrgScope,
  ) {}

  async list(actor: AuthUser, query: LicenseListQueryDto): Promise<Page<LicenseView>> {
    const today = todayIso();
    const page = await this.licenses.page(actor, query, today);
    return { ...page, items: this.views(page.items, today) };
  }

  /** 404 for an unknown license and, alike, for one a department head may not see. */
  async get(actor: AuthUser, id: string): Promise<LicenseView> {
    const license = await this.licenses.findVisible(actor, id);
    if (!license) throw new NotFoundError('License', id);
    return this.views([license])[0];
  }

  /** 404 unless the license exists and the actor may see it (usable in a department head's subtree). */
  async assertVisible(actor: AuthUser, id: string): Promise<void> {
    if (!(await this.licenses.isVisible(actor, id))) throw new NotFoundError('License', id);
  }

  /** {@link lock} on behalf of `actor`: 404 too when the license is not visible to them. */
  async lockVisible(actor: AuthUser, id: string, mode: LockMode = 'pessimistic_write'): Promise<License> {
    const license = await this.lock(id, mode);
    if (this.scope.isScoped(actor)) await this.assertVisible(actor, id);
    return license;
  }

  /**
   * The license row locked in the open transaction, or 404. Writers that depend on
   * it (quantity changes, keys, later seats) serialise on this lock.
   */
  async lock(id: string, mode: LockMode = 'pessimistic_write'): Promise<License> {
    const license = await this.licenses.lock(id, mode);
    if (!license) throw new NotFoundError('License', id);
    return license;
  }

  /** Unknown references become 400 UNKNOWN_REFERENCE and a taken name 409 DUPLICATE (foreign and unique keys). */
  async create(dto: CreateLicenseDto): Promise<LicenseView> {
    const [{ id }] = await this.createMany([dto]);
    // Read back what the database holds: defaults and normalised numerics.
    return this.load(id);
  }

  /** Many rows per INSERT (imports). */
  @Transactional()
  createMany(dtos: readonly CreateLicenseDto[]): Promise<License[]> {
    return this.licenses.createMany(dtos.map((dto) => definedFields(dto)));
  }

  /**
   * A caller without 'licenses:write' (finance) may change only FINANCIAL_FIELDS;
   * any other field is refused whole with 403 naming the fields.
   */
  async update(actor: AuthUser, id: string, dto: UpdateLicenseDto): Promise<LicenseView> {
    assertMayChange(actor, definedFields(dto));
    await this.tx.run(async () => this.updateLocked(actor, await this.lock(id), dto));
    return this.load(id);
  }

  /**
   * Changes a license locked in the open transaction ({@link lock}; imports lock theirs
   * in bulk), with the rules of {@link update}: the caller's fields, and never below
   * what is in use.
   */
  async updateLocked(actor: AuthUser, license: License, dto: UpdateLicenseDto): Promise<License> {
    const changes = definedFields(dto);
    assertMayChange(actor, changes);
    assertChangeKeepsUse(license, changes);
    return this.licenses.save(Object.assign(license, changes));
  }

  /** Refused while seats are in use; its keys and released seats go with it (cascade). */
  @Transactional()
  async remove(id: string): Promise<void> {
    const license = await this.lock(id);
    if (license.usedSeats > 0) {
      throw new ConflictError(
        CommonErrorCode.IN_USE,
        `The license has ${license.usedSeats} seats in use; unassign them first.`,
        {
          usedSeats: license.usedSeats,
        },
      );
    }
    await this.licenses.delete(id);
  }

  /** A written license read back for its writer (who is never scoped: writers see every license). */
  private async load(id: string): Promise<LicenseView> {
    const license = await this.licenses.findById(id);
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
  const refused = Object.keys(changes).filter((f) => !(FINANCIAL_FIELDS as readonly string[]).includes(f));
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
