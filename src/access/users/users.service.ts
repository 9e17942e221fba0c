import { Injectable } from '@nestjs/common';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '@libs/errors';
import { Page } from '@libs/pagination';
import { Transactional, TransactionRunner } from '../../platform/database/transaction';
import { AuthUser } from '../../platform/access/auth-user';
import { User } from './user.entity';
import { CreateUserDto, UpdateUserDto, UserListQueryDto } from './dto/user.dto';
import { decoyHash, hashPassword, verifyPassword } from './password';
import { UsersErrorCode } from './users.errors';
import { UsersRepository } from './users.repository';

@Injectable()
export class UsersService {
  constructor(
    private readonly users: UsersRepository,
    private readonly tx: TransactionRunner,
  ) {}

  list(query: UserListQueryDto): Promise<Page<User>> {
    return this.users.list(query);
  }

  async get(id: string): Promise<User> {
    const user = await this.users.findById(id);
    if (!user) throw new NotFoundError('User', id);
    return user;
  }

  async create(dto: CreateUserDto): Promise<User> {
    requireOrgUnitForDepartmentHead(dto.role, dto.orgUnitId ?? null);
    const { password, ...fields } = dto;
    return this.users.create({
      ...fields,
      email: fields.email.trim(),
      passwordHash: await hashPassword(password),
    });
  }

  async update(actor: AuthUser, id: string, dto: UpdateUserDto): Promise<User> {
    // Hashed before the transaction: argon2's time holds no lock.
    const passwordHash = dto.password ? await hashPassword(dto.password) : undefined;
    return this.tx.run(async () => {
      const admins = dto.role && dto.role !== 'admin' ? await this.users.lockAdmins() : [];
      const user = await this.lock(id);
      if (dto.role && dto.role !== user.role && actor.id === id) {
        throw new ForbiddenError('You cannot change your own role.', { field: 'role' });
      }
      if (user.role === 'admin' && dto.role && dto.role !== 'admin') requireAnotherAdmin(admins, id);
      const { password: _password, ...fields } = dto;
      Object.assign(user, fields);
      // A new password ends every session of the old one: their tokens carry the old version.
      if (passwordHash) Object.assign(user, { passwordHash, tokenVersion: user.tokenVersion + 1 });
      requireOrgUnitForDepartmentHead(user.role, user.orgUnitId);
      return this.users.save(user);
    });
  }

  @Transactional()
  async remove(actor: AuthUser, id: string): Promise<void> {
    const admins = await this.users.lockAdmins();
    const user = await this.lock(id);
    if (actor.id === id) {
      throw new ConflictError(UsersErrorCode.SELF_DELETE, 'You cannot delete your own account.');
    }
    if (user.role === 'admin') requireAnotherAdmin(admins, id);
    await this.users.delete(id);
  }

  /** Email and password check for login; null when either is wrong. */
  async verifyCredentials(email: string, password: string): Promise<User | null> {
    const user = await this.users.findByEmail(email, { withPasswordHash: true });
    const ok = await verifyPassword(user?.passwordHash ?? (await decoyHash()), password);
    return user && ok ? user : null;
  }

  /** The account an email (any case) belongs to, if any. */
  async findIdByEmail(email: string): Promise<string | null> {
    return (await this.users.findByEmail(email))?.id ?? null;
  }

  /** The caller behind a token; null when the user is gone or the token predates their last password change. */
  async findAuthUser(id: string, tokenVersion: number): Promise<AuthUser | null> {
    const user = await this.users.findWithTokenVersion(id, tokenVersion);
    return user && authUserOf(user);
  }

  hasAccounts(): Promise<boolean> {
    return this.users.hasAny();
  }

  hasAdmin(): Promise<boolean> {
    return this.users.hasAdmin();
  }

  /** The admin created first (start-up writes the demo data as them); 404 when there is none. */
  async firstAdmin(): Promise<AuthUser> {
    const user = await this.users.findFirstAdmin();
    if (!user) throw new NotFoundError('User', 'admin');
    return authUserOf(user);
  }

  /**
   * Creates the first admin when there is none (start-up; ADMIN_EMAIL/ADMIN_PASSWORD).
   * Several instances may start at once: a transaction-level advisory lock lets one do it.
   */
  async ensureAdmin(email: string, password: string): Promise<User | null> {
    const passwordHash = await hashPassword(password);
    return this.tx.run(async () => {
      await this.users.holdFirstAdminLock();
      if (await this.users.hasAdmin()) return null;
      const existing = await this.users.findByEmail(email);
      if (!existing) {
        return this.users.create({
          email,
          displayName: 'Administrator',
          role: 'admin',
          passwordHash,
          tokenVersion: 1,
        });
      }
      // An existing account gets a new password: its old tokens end, as with any password change.
      const tokenVersion = existing.tokenVersion + 1;
      return this.users.save(Object.assign(existing, { role: 'admin' as const, passwordHash, tokenVersion }));
    });
  }

  /**
   * The user locked against change, or 404. Callers lock every admin first, in one order,
   * before the user the change is about: two admins removing or demoting each other at once
   * then queue there, and the second sees the first's change (READ COMMITTED re-reads a
   * locked row) instead of deadlocking.
   */
  private async lock(id: string): Promise<User> {
    const user = await this.users.lock(id);
    if (!user) throw new NotFoundError('User', id);
    return user;
  }
}

function authUserOf({ id, email, displayName, role, orgUnitId }: User): AuthUser {
  return { id, email, displayName, role, orgUnitId };
}

function requireAnotherAdmin(admins: User[], leavingId: string): void {
  if (admins.every((a) => a.id === leavingId)) {
    throw new ConflictError(UsersErrorCode.LAST_ADMIN, 'The last admin cannot be removed or demoted.');
  }
}

function requireOrgUnitForDepartmentHead(role: string, orgUnitId: string | null): void {
  if (role === 'department_head' && !orgUnitId) {
    throw new ValidationError('A department head needs an org unit.', {
      orgUnitId: ['is required for a department_head'],
    });
  }
}
