import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '@libs/errors';
import { Page, paginate } from '@libs/pagination';
import { TransactionRunner } from '../../platform/database/transaction';
import { AuthUser } from '../../platform/access/auth-user';
import { User } from './user.entity';
import { CreateUserDto, UpdateUserDto, UserListQueryDto } from './dto/user.dto';
import { decoyHash, hashPassword, verifyPassword } from './password';

const LIST_SPEC = {
  sortable: { email: 'u.email', displayName: 'u.displayName', role: 'u.role', createdAt: 'u.createdAt' },
  defaultSort: 'email',
  searchable: ['u.email', 'u.displayName'],
};

@Injectable()
export class UsersService {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly tx: TransactionRunner,
  ) {}

  list(query: UserListQueryDto): Promise<Page<User>> {
    const qb = this.users.createQueryBuilder('u');
    if (query.role) qb.andWhere('u.role = :role', { role: query.role });
    if (query.orgUnitId) qb.andWhere('u.orgUnitId = :orgUnitId', { orgUnitId: query.orgUnitId });
    return paginate(qb, query, LIST_SPEC);
  }

  async get(id: string): Promise<User> {
    const user = await this.users.findOneBy({ id });
    if (!user) throw new NotFoundError('User', id);
    return user;
  }

  async create(dto: CreateUserDto): Promise<User> {
    requireOrgUnitForDepartmentHead(dto.role, dto.orgUnitId ?? null);
    const { password, ...fields } = dto;
    const user = this.users.create({
      ...fields,
      email: fields.email.trim(),
      passwordHash: await hashPassword(password),
    });
    return this.users.save(user);
  }

  async update(actor: AuthUser, id: string, dto: UpdateUserDto): Promise<User> {
    const passwordHash = dto.password ? await hashPassword(dto.password) : undefined;
    return this.tx.run(async (manager) => {
      const admins = dto.role && dto.role !== 'admin' ? await this.lockAdmins(manager) : [];
      const user = await this.lockUser(manager, id);
      if (dto.role && dto.role !== user.role && actor.id === id) {
        throw new ForbiddenError('You cannot change your own role.', { field: 'role' });
      }
      if (user.role === 'admin' && dto.role && dto.role !== 'admin') requireAnotherAdmin(admins, id);
      const { password: _password, ...fields } = dto;
      Object.assign(user, fields);
      // A new password ends every session of the old one: their tokens carry the old version.
      if (passwordHash) Object.assign(user, { passwordHash, tokenVersion: user.tokenVersion + 1 });
      requireOrgUnitForDepartmentHead(user.role, user.orgUnitId);
      return manager.save(user);
    });
  }

  async remove(actor: AuthUser, id: string): Promise<void> {
    await this.tx.run(async (manager) => {
      const admins = await this.lockAdmins(manager);
      const user = await this.lockUser(manager, id);
      if (actor.id === id) throw new ConflictError('SELF_DELETE', 'You cannot delete your own account.');
      if (user.role === 'admin') requireAnotherAdmin(admins, id);
      await manager.delete(User, { id });
    });
  }

  /** Email and password check for login; null when either is wrong. */
  async verifyCredentials(email: string, password: string): Promise<User | null> {
    const user = await byEmail(this.users.manager, email).addSelect('u.passwordHash').getOne();
    const ok = await verifyPassword(user?.passwordHash ?? (await decoyHash()), password);
    return user && ok ? user : null;
  }

  /** The account an email (any case) belongs to, if any. */
  async findIdByEmail(email: string): Promise<string | null> {
    return (await byEmail(this.users.manager, email).getOne())?.id ?? null;
  }

  /** The caller behind a token; null when the user is gone or the token predates their last password change. */
  async findAuthUser(id: string, tokenVersion: number): Promise<AuthUser | null> {
    const user = await this.users.findOneBy({ id, tokenVersion });
    if (!user) return null;
    const { email, displayName, role, orgUnitId } = user;
    return { id, email, displayName, role, orgUnitId };
  }

  /**
   * Creates the first admin when there is none (start-up; ADMIN_EMAIL/ADMIN_PASSWORD).
   * Several instances may start at once: a transaction-level advisory lock lets one do it.
   */
  async ensureAdmin(email: string, password: string): Promise<User | null> {
    const passwordHash = await hashPassword(password);
    return this.tx.run(async (manager) => {
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('seatkeeper:first-admin'))`);
      if (await manager.existsBy(User, { role: 'admin' })) return null;
      const existing = await byEmail(manager, email).getOne();
      const admin = existing ?? manager.create(User, { email, displayName: 'Administrator' });
      // An existing account gets a new password: its old tokens end, as with any password change.
      const tokenVersion = existing ? existing.tokenVersion + 1 : 1;
      return manager.save(Object.assign(admin, { role: 'admin' as const, passwordHash, tokenVersion }));
    });
  }

  private async lockUser(manager: EntityManager, id: string): Promise<User> {
    const user = await manager.findOne(User, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!user) throw new NotFoundError('User', id);
    return user;
  }

  /**
   * Locks every admin row, in one order, before the user the change is about: two admins
   * removing or demoting each other at once then queue here, and the second sees the
   * first's change (READ COMMITTED re-reads a locked row) instead of deadlocking.
   */
  private lockAdmins(manager: EntityManager): Promise<User[]> {
    return manager.find(User, {
      where: { role: 'admin' },
      order: { id: 'ASC' },
      lock: { mode: 'pessimistic_write' },
    });
  }
}

/** Emails are unique regardless of case (uq_users__email on lower(email)). */
function byEmail(manager: EntityManager, email: string) {
  return manager
    .createQueryBuilder(User, 'u')
    .where('lower(u.email) = lower(:email)', { email: email.trim() });
}

function requireAnotherAdmin(admins: User[], leavingId: string): void {
  if (admins.every((a) => a.id === leavingId)) {
    throw new ConflictError('LAST_ADMIN', 'The last admin cannot be removed or demoted.');
  }
}

function requireOrgUnitForDepartmentHead(role: string, orgUnitId: string | null): void {
  if (role === 'department_head' && !orgUnitId) {
    throw new ValidationError('A department head needs an org unit.', {
      orgUnitId: ['is required for a department_head'],
    });
  }
}
