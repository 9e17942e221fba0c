import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { AppConfig, DEMO_ADMIN } from '../config/app-config';
import { TransactionRunner } from '../database/transaction';
import { OrgUnit } from '../org-units/org-unit.entity';
import { User } from '../users/user.entity';
import { UsersService } from '../users/users.service';
import { buildDemoData, DEMO_DEPARTMENT, DEMO_PASSWORD, DEMO_USERS } from './demo-data';
import { DemoCounts, REGISTER_TABLES, writeDemoData } from './demo-data-writer';

export interface DemoLogin {
  role: string;
  email: string;
  password: string;
}

/**
 * Start-up data: the first admin always; with SEED_DEMO (the default) a demo company
 * on an empty register and one demo login per other role. Safe to run on every
 * start and from several instances at once.
 */
@Injectable()
export class SeedService {
  private readonly logger = new Logger(SeedService.name);

  constructor(
    private readonly config: AppConfig,
    private readonly users: UsersService,
    private readonly tx: TransactionRunner,
    private readonly dataSource: DataSource,
  ) {}

  /** Returns the logins worth printing at start-up. */
  async run(): Promise<DemoLogin[]> {
    const admin = await this.ensureAdmin();
    if (!this.config.seedDemo) return [admin];

    const { seeded, departmentId } = await this.seedDemoData();
    // No demo department: the register holds someone's real data, so no demo logins either.
    if (!departmentId) return [admin];
    const createdUsers = await this.ensureDemoUsers(departmentId);

    const parts = [
      ...(seeded
        ? Object.entries(seeded).map(([what, n]) => `${n} ${LABELS[what as keyof DemoCounts]}`)
        : []),
      ...(createdUsers ? [`${createdUsers} demo users`] : []),
    ];
    if (parts.length) this.logger.log(`seeded demo data: ${parts.join(', ')}`);
    return [admin, ...DEMO_USERS.map(({ role, email }) => ({ role, email, password: DEMO_PASSWORD }))];
  }

  private async ensureAdmin(): Promise<DemoLogin> {
    const created = await this.users.ensureAdmin(this.config.adminEmail, this.config.adminPassword);
    if (created) this.logger.log(`created the first admin ${created.email}`);
    const showPassword = created || this.config.adminPassword === DEMO_ADMIN.password;
    return {
      role: 'admin',
      email: this.config.adminEmail,
      password: showPassword ? this.config.adminPassword : '(ADMIN_PASSWORD)',
    };
  }

  /**
   * Count, then insert, in one transaction under an advisory lock: two instances
   * starting together seed once, and a failure leaves nothing half-seeded.
   */
  private seedDemoData(): Promise<{ seeded: DemoCounts | null; departmentId: string | null }> {
    return this.tx.run(async (manager) => {
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('seatkeeper:seed-demo'))`);
      const seeded = (await registerIsEmpty(manager))
        ? await writeDemoData(manager, buildDemoData(today()))
        : null;
      const department = await manager.findOneBy(OrgUnit, { code: DEMO_DEPARTMENT });
      return { seeded, departmentId: department?.id ?? null };
    });
  }

  /** Creates the missing demo users through UsersService (argon2); returns how many were created. */
  private async ensureDemoUsers(departmentId: string): Promise<number> {
    let created = 0;
    for (const { email, displayName, role, orgUnit } of DEMO_USERS) {
      if (await this.userExists(email)) continue;
      try {
        await this.users.create({
          email,
          displayName,
          role,
          orgUnitId: orgUnit ? departmentId : null,
          password: DEMO_PASSWORD,
        });
        created++;
      } catch (error) {
        // Another instance starting at the same moment created it first.
        if (!isUniqueViolation(error)) throw error;
      }
    }
    return created;
  }

  private userExists(email: string): Promise<boolean> {
    return this.dataSource
      .getRepository(User)
      .createQueryBuilder('u')
      .where('lower(u.email) = lower(:email)', { email })
      .getExists();
  }
}

const LABELS: Record<keyof DemoCounts, string> = {
  organizations: 'organizations',
  orgUnits: 'org units',
  locations: 'locations',
  licenseCategories: 'license categories',
  software: 'software',
  persons: 'persons',
  assets: 'assets',
  licenses: 'licenses',
};

async function registerIsEmpty(manager: EntityManager): Promise<boolean> {
  for (const table of REGISTER_TABLES) {
    if (await manager.exists(table)) return false;
  }
  return true;
}

/** The seeding day in UTC; expiration dates of the demo licenses are relative to it. */
function today(): string {
  return new Date().toISOString().slice(0, 10);
}

function isUniqueViolation(error: unknown): boolean {
  return error instanceof QueryFailedError && (error.driverError as { code?: string }).code === '23505';
}
