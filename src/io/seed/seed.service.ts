import { Injectable, Logger } from '@nestjs/common';
import { AppConfig, ConfigError } from '../../platform/config/app-config';
import { AuthUser } from '../../platform/access/auth-user';
import { TransactionRunner } from '../../platform/database/transaction';
import { SeatsService } from '../../licensing/seats/seats.service';
import { UsersService } from '../../access/users/users.service';
import { buildDemoData, DEMO_PASSWORD, DEMO_USERS } from './demo-data';
import { DemoCounts, DemoDataWriter, DemoIds, DemoSeat } from './demo-data-writer';
import type { DemoData } from './demo-model';
import { SeedRepository } from './seed.repository';

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
    private readonly writer: DemoDataWriter,
    private readonly seed: SeedRepository,
  ) {}

  async run(): Promise<StartupLogins> {
    const kept = await this.users.hasAccounts();
    const created: CreatedLogin[] = [];
    const admin = await this.ensureAdmin();
    if (admin) created.push(admin);
    if (this.config.seedDemo) created.push(...(await this.seedDemo()));
    return { created, kept };
  }

  private async ensureAdmin(): Promise<CreatedLogin | null> {
    const { adminEmail: email, adminPassword: password } = this.config;
    if (password === undefined) {
      if (await this.users.hasAdmin()) return null;
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
    return this.tx.run(async () => {
      await this.seed.holdDemoLock();
      if (!(await this.writer.registerIsEmpty())) return [];
      const data = buildDemoData(today());
      const { counts, ids } = await this.writer.write(data);
      const admin = await this.users.firstAdmin();
      const held = await this.writeSeats(admin, data, ids);
      const devices = await this.writer.writeDevices(data, ids, held, admin.id);
      const logins = await this.createDemoUsers(ids);
      const summary = Object.entries(counts).map(([what, n]) => `${n} ${LABELS[what as keyof DemoCounts]}`);
      const seats = data.seats.reduce((n, s) => n + s.holders.length, 0);
      this.logger.log(
        `seeded demo data: ${summary.join(', ')}, ${seats} seats, ${devices} devices, ${logins.length} demo users`,
      );
      return logins;
    });
  }

  /** Seats through the seat service, so the demo passes the rules an assignment must. */
  private async writeSeats(admin: AuthUser, data: DemoData, ids: DemoIds): Promise<DemoSeat[]> {
    const seats: DemoSeat[] = [];
    for (const { license, holders } of data.seats) {
      const { metric } = data.licenses.find((l) => l.name === license)!;
      const assigned = await this.seats.assign(
        admin,
        ids.license(license),
        metric === 'per_user' ? 'person' : 'asset',
        holders.map(metric === 'per_user' ? ids.person : ids.asset),
      );
      seats.push(...assigned);
    }
    return seats;
  }

  /** The demo logins whose email no account has yet (count, then insert); each with its own hash. */
  private async createDemoUsers(ids: DemoIds): Promise<CreatedLogin[]> {
    const created: CreatedLogin[] = [];
    for (const { email, displayName, role, orgUnit } of DEMO_USERS) {
      if (await this.users.findIdByEmail(email)) continue;
      await this.users.create({
        email,
        displayName,
        role,
        orgUnitId: orgUnit ? ids.orgUnit(orgUnit) : null,
        password: DEMO_PASSWORD,
      });
      created.push({ role, email, password: DEMO_PASSWORD });
    }
    return created;
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

/** The seeding day in UTC; expiration dates of the demo licenses are relative to it. */
function today(): string {
  return new Date().toISOString().slice(0, 10);
}
