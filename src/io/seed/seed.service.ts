import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AppConfig, ConfigError } from '../../platform/config/app-config';
import { TransactionRunner } from '../../platform/database/transaction';
import { SeatsService } from '../../licensing/seats/seats.service';
import { User } from '../../access/users/user.entity';
import { UsersService } from '../../access/users/users.service';
import { hashPassword } from '../../access/users/password';
import { buildDemoData, DEMO_PASSWORD, DEMO_USERS, DemoData } from './demo-data';
import { DemoCounts, DemoIds, REGISTER_TABLES, writeDemoData, writeDemoDevices } from './demo-data-writer';

/** An account this start created. */
export interface CreatedLogin {
  role: string;
  email: string;
  /** null: the password is the one in ADMIN_PASSWORD, which is never printed. */
  password: string | null;
}

/** What the start-up banner may say about logins. */
export interface StartupLogins {
  /** Accounts created by this start, with their passwords. */
  created: CreatedLogin[];
  /** Accounts existed before this start; they are kept as they are and their passwords are not shown. */
  kept: boolean;
}

/**
 * Start-up data: the first admin always; with SEED_DEMO, on an empty register, a demo
 * company with seats in use and one demo login per other role. Safe to run on every
 * start and from several instances at once: what it adds, it adds once.
 */
@Injectable()
export class SeedService {
  private readonly logger = new Logger(SeedService.name);

  constructor(
    private readonly config: AppConfig,
    private readonly users: UsersService,
    private readonly seats: SeatsService,
    private readonly tx: TransactionRunner,
    private readonly dataSource: DataSource,
  ) {}

  async run(): Promise<StartupLogins> {
    const kept = await this.dataSource.manager.exists(User);
    const created: CreatedLogin[] = [];
    const admin = await this.ensureAdmin();
    if (admin) created.push(admin);
    if (this.config.seedDemo) created.push(...(await this.seedDemo()));
    return { created, kept };
  }

  private async ensureAdmin(): Promise<CreatedLogin | null> {
    const { adminEmail: email, adminPassword: password } = this.config;
    if (password === undefined) {
      if (await this.dataSource.manager.existsBy(User, { role: 'admin' })) return null;
      throw new ConfigError(
        'No admin exists yet, and NODE_ENV=production has no default password for the first one: ' +
          `set ADMIN_PASSWORD (at least 12 characters), and ADMIN_EMAIL unless ${email} is right.`,
      );
    }
    const admin = await this.users.ensureAdmin(email, password);
    if (!admin) return null;
    this.logger.log(`created the first admin ${admin.email}`);
    return {
      role: 'admin',
      email: admin.email,
      password: this.config.adminPasswordFromEnv ? null : password,
    };
  }

  /**
   * Count, then insert, in one transaction under an advisory lock: two instances
   * starting together seed once, and a failure leaves nothing half-seeded. The demo
   * logins are made only here, with the data they belong to: one deleted later stays deleted.
   */
  private seedDemo(): Promise<CreatedLogin[]> {
    return this.tx.run(async (manager) => {
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('seatkeeper:seed-demo'))`);
      if (!(await registerIsEmpty(manager))) return [];
      const data = buildDemoData(today());
      const { counts, ids } = await writeDemoData(manager, data);
      const devices = await this.writeSeats(manager, data, ids);
      const logins = await createDemoUsers(manager, ids);
      const summary = Object.entries(counts).map(([what, n]) => `${n} ${LABELS[what as keyof DemoCounts]}`);
      const seats = data.seats.reduce((n, s) => n + s.holders.length, 0);
      this.logger.log(
        `seeded demo data: ${summary.join(', ')}, ${seats} seats, ${devices} devices, ${logins.length} demo users`,
      );
      return logins;
    });
  }

  /** Seats through the seat service, so the demo passes the rules an assignment must; returns the devices activated. */
  private async writeSeats(manager: EntityManager, data: DemoData, ids: DemoIds): Promise<number> {
    const admin = await manager.findOneOrFail(User, {
      where: { role: 'admin' },
      order: { createdAt: 'ASC' },
    });
    for (const { license, holders } of data.seats) {
      const { metric } = data.licenses.find((l) => l.name === license)!;
      await this.seats.assignIn(
        manager,
        admin,
        ids.license(license),
        metric === 'per_user' ? 'person' : 'asset',
        holders.map(metric === 'per_user' ? ids.person : ids.asset),
      );
    }
    return writeDemoDevices(manager, data, ids, admin.id);
  }
}

/** The demo logins whose email no account has yet (count, then insert); each with its own hash. */
async function createDemoUsers(manager: EntityManager, ids: DemoIds): Promise<CreatedLogin[]> {
  const created: CreatedLogin[] = [];
  for (const { email, displayName, role, orgUnit } of DEMO_USERS) {
    const taken = await manager
      .createQueryBuilder(User, 'u')
      .where('lower(u.email) = lower(:email)', { email })
      .getExists();
    if (taken) continue;
    await manager.insert(User, {
      email,
      displayName,
      role,
      orgUnitId: orgUnit ? ids.orgUnit(orgUnit) : null,
      passwordHash: await hashPassword(DEMO_PASSWORD),
    });
    created.push({ role, email, password: DEMO_PASSWORD });
  }
  return created;
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
