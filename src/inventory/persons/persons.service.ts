import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, Repository } from 'typeorm';
import { NotFoundError } from '@libs/errors';
import { Page, paginate } from '@libs/pagination';
import { whereEquals } from '@libs/pagination';
import { AuthUser } from '../../platform/access/auth-user';
import { HolderLifecycle } from '../holder-lifecycle';
import { TransactionRunner } from '../../platform/database/transaction';
import { OrgScope } from '../../catalog/org-units/org-scope.service';
import { Person } from './person.entity';
import { CreatePersonDto, PersonListQueryDto, UpdatePersonDto } from './dto/person.dto';

const LIST_SPEC = {
  sortable: {
    lastName: 'p.lastName',
    firstName: 'p.firstName',
    email: 'p.email',
    employeeNumber: 'p.employeeNumber',
    createdAt: 'p.createdAt',
    updatedAt: 'p.updatedAt',
  },
  defaultSort: 'lastName',
  // First name then last name, so "Ann Lee" finds Ann Lee (the columns are searched joined by spaces).
  searchable: ['p.firstName', 'p.lastName', 'p.email', 'p.employeeNumber'],
};

/** Rows per INSERT statement of a bulk create: 8 columns each stay far below PostgreSQL's 65,535 parameters. */
const INSERT_CHUNK = 1000;

/**
 * Duplicate emails (case-insensitive) and employee numbers, unknown org units and locations
 * are refused by the database's constraints (409 / 400).
 */
@Injectable()
export class PersonsService {
  constructor(
    @InjectRepository(Person) private readonly persons: Repository<Person>,
    private readonly tx: TransactionRunner,
    private readonly lifecycle: HolderLifecycle,
    private readonly scope: OrgScope,
  ) {}

  /** A department head lists only the persons of their org-unit subtree (totals too). */
  list(actor: AuthUser, query: PersonListQueryDto): Promise<Page<Person>> {
    const { orgUnitId, locationId, active, email } = query;
    const qb = whereEquals(this.persons.createQueryBuilder('p'), { orgUnitId, locationId, active });
    if (email) qb.andWhere('lower(p.email) = lower(:email)', { email });
    this.scope.restrict(qb, 'p.orgUnitId', actor);
    return paginate(qb, query, LIST_SPEC);
  }

  /** 404 for an unknown person and, alike, for one outside a department head's subtree. */
  async get(actor: AuthUser, id: string): Promise<Person> {
    const qb = this.persons.createQueryBuilder('p').where('p.id = :id', { id });
    const person = await this.scope.restrict(qb, 'p.orgUnitId', actor).getOne();
    if (!person) throw new NotFoundError('Person', id);
    return person;
  }

  async create(dto: CreatePersonDto): Promise<Person> {
    const [person] = await this.tx.run((manager) => this.createIn(manager, [dto]));
    return person;
  }

  /** Creates persons in the caller's transaction, many rows per INSERT. */
  createIn(manager: EntityManager, dtos: readonly CreatePersonDto[]): Promise<Person[]> {
    const persons = dtos.map((dto) => manager.create(Person, dto));
    return manager.save(Person, persons, { chunk: INSERT_CHUNK });
  }

  /** Deactivating a person releases their seats and devices in the same transaction. */
  async update(actor: AuthUser, id: string, dto: UpdatePersonDto): Promise<Person> {
    return this.tx.run(async (manager) => this.updateIn(manager, actor, await this.lock(manager, id), dto));
  }

  /**
   * Changes a person the caller has locked in its transaction ({@link lock});
   * deactivating releases their seats and devices in that transaction.
   */
  async updateIn(
    manager: EntityManager,
    actor: AuthUser,
    person: Person,
    dto: UpdatePersonDto,
  ): Promise<Person> {
    const wasActive = person.active;
    const saved = await manager.save(Object.assign(person, dto));
    if (wasActive && !saved.active) {
      await this.lifecycle.end(manager, { personId: person.id }, 'person_deactivated', actor.id);
    }
    return saved;
  }

  /** Releases the person's seats first (their history stays); 409 IN_USE while assets name them as owner. */
  async remove(actor: AuthUser, id: string): Promise<void> {
    await this.tx.run(async (manager) => {
      await this.lock(manager, id);
      await this.lifecycle.end(manager, { personId: id }, 'person_deleted', actor.id);
      await manager.delete(Person, { id });
    });
  }

  /** The person locked against change in the caller's transaction, or 404. */
  async lock(manager: EntityManager, id: string): Promise<Person> {
    const person = await manager.findOne(Person, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!person) throw new NotFoundError('Person', id);
    return person;
  }

  /** Offboarding: the caller has released what the person held. */
  async markInactive(manager: EntityManager, id: string): Promise<void> {
    await manager.update(Person, { id }, { active: false });
  }

  /**
   * Persons about to receive seats, share-locked so none is deactivated before the
   * caller's transaction commits. 404 naming every unknown id.
   */
  async lockForAssignment(manager: EntityManager, ids: readonly string[]): Promise<Person[]> {
    const persons = await manager.find(Person, {
      where: { id: In([...ids]) },
      order: { id: 'ASC' },
      lock: { mode: 'pessimistic_read' },
    });
    const found = new Set(persons.map((p) => p.id));
    const missing = ids.filter((id) => !found.has(id));
    if (missing.length) throw new NotFoundError('Person', missing.join(', '));
    return persons;
  }
}
