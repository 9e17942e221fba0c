import { DataSource } from 'typeorm';
import { DEMO_ADMIN } from '../../src/platform/config/app-config';
import { TransactionRunner } from '../../src/platform/database/transaction';
import { Role } from '../../src/platform/access/roles';
import { UsersRepository } from '../../src/access/users/users.repository';
import { UsersService } from '../../src/access/users/users.service';
import { Actor } from './model';

export const BENCH_PASSWORD = 'Seatkeeper-Bench-1';

/** One login per role besides the admin; the department head manages a division. */
export const BENCH_USERS: { role: Exclude<Role, 'admin'>; email: string; displayName: string }[] = [
  {
    role: 'asset_manager',
    email: 'bench.asset.manager@seatkeeper.local',
    displayName: 'Bench Asset Manager',
  },
  {
    role: 'department_head',
    email: 'bench.department.head@seatkeeper.local',
    displayName: 'Bench Department Head (Technology)',
  },
  { role: 'finance', email: 'bench.finance@seatkeeper.local', displayName: 'Bench Finance' },
];

export interface BenchLogin {
  role: Role;
  email: string;
}

/**
 * The admin (ADMIN_EMAIL / ADMIN_PASSWORD, else the app's defaults) and the bench
 * users, created by the app's own UsersService: the same argon2id hashing and
 * rules as the seed and the API, and the audit trigger records them.
 */
export async function createUsers(
  dataSource: DataSource,
  departmentHeadUnitId: string,
): Promise<{ actors: Record<Actor, string>; logins: BenchLogin[] }> {
  const runner = TransactionRunner.forDataSource(dataSource);
  const users = new UsersService(new UsersRepository(runner), runner);
  const adminEmail = process.env.ADMIN_EMAIL || DEMO_ADMIN.email;
  const admin = await users.ensureAdmin(adminEmail, process.env.ADMIN_PASSWORD || DEMO_ADMIN.password);
  if (!admin) throw new Error('an admin already exists in a freshly created database');
  const ids: Partial<Record<Role, string>> = { admin: admin.id };
  // One after the other: each hash takes argon2's memory, and there are only three.
  for (const u of BENCH_USERS) {
    const created = await users.create({
      ...u,
      orgUnitId: u.role === 'department_head' ? departmentHeadUnitId : null,
      password: BENCH_PASSWORD,
    });
    ids[u.role] = created.id;
  }
  const id = (role: Role) => {
    const found = ids[role];
    if (!found) throw new Error(`no ${role} user`);
    return found;
  };
  return {
    actors: {
      admin: id('admin'),
      asset_manager: id('asset_manager'),
      department_head: id('department_head'),
    },
    logins: [
      { role: 'admin', email: adminEmail },
      ...BENCH_USERS.map(({ role, email }) => ({ role, email })),
    ],
  };
}
