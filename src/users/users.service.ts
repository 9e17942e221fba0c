import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '@libs/errors';
import { Page, paginate } from '@libs/pagination';
import { TransactionRunner } from '../database/transaction';
import { AuthUser } from '../auth/auth-user';
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
      const user = await this.lockUser(manager, id);
      if (dto.role && dto.role !== user.role && actor.id === id) {
        throw new ForbiddenError('You cannot change your own role.', { field: 'role' });
      }
      if (user.role === 'admin' && dto.role && dto.role !== 'admin') await this.keepOneAdmin(manager, id);
      const { password: _password, ...fields } = dto;
      Object.assign(user, fields, passwordHash ? { passwordHash } : {});
      requireOrgUnitForDepartmentHead(user.role, user.orgUnitId);
      return manager.save(user);
    });
  }

  async remove(actor: AuthUser, id: string): Promise<void> {
    await this.tx.run(async (manager) => {
      const user = await this.lockUser(manager, id);
      if (actor.id === id) throw new ConflictError('SELF_DELETE', 'You cannot delete your own account.');
      if (user.role === 'admin') await this.keepOneAdmin(manager, id);
      await manager.delete(User, { id });
    });
  }

  /** Email and password check for login; null when either is wrong. */
  async verifyCredentials(email: string, password: string): Promise<User | null> {
    const user = await this.users
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('lower(u.email) = lower(:email)', { email: email.trim() })
      .getOne();
    const ok = await verifyPassword(user?.passwordHash ?? (await decoyHash()), password);
    return user && ok ? user : null;
  }

  async findAuthUser(id: string): Promise<AuthUser | null> {
    const user = await this.users.findOneBy({ id });
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
      const existing = await manager
        .createQueryBuilder(User, 'u')
        .where('lower(u.email) = lower(:email)', { email })
        .getOne();
      const admin = existing ?? manager.create(User, { email, displayName: 'Administrator' });
      return manager.save(Object.assign(admin, { role: 'admin' as const, passwordHash }));
    });
  }

  private async lockUser(manager: EntityManager, id: string): Promise<User> {
    const user = await manager.findOne(User, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!user) throw new NotFoundError('User', id);
    return user;
  }

  /** Locks every admin row so two requests cannot each remove "the other" last admin. */
  private async keepOneAdmin(manager: EntityManager, leavingId: string): Promise<void> {
    const admins = await manager.find(User, {
      where: { role: 'admin' },
      lock: { mode: 'pessimistic_write' },
    });
    if (admins.every((a) => a.id === leavingId)) {
      throw new ConflictError('LAST_ADMIN', 'The last admin cannot be removed or demoted.');
    }
  }
}

function requireOrgUnitForDepartmentHead(role: string, orgUnitId: string | null): void {
  if (role === 'department_head' && !orgUnitId) {
    throw new ValidationError('A department head needs an org unit.', {
      orgUnitId: ['is required for a department_head'],
    });
  }
}
