import { Injectable } from '@nestjs/common';
import { NotFoundError } from '@libs/errors';
import { Page } from '@libs/pagination';
import { AuthUser } from '../../platform/access/auth-user';
import { Transactional, TransactionRunner } from '../../platform/database/transaction';
import { HolderLifecycle } from '../holder-lifecycle';
import { Person } from './person.entity';
import { CreatePersonDto, PersonListQueryDto, UpdatePersonDto } from './dto/person.dto';
import { PersonsRepository } from './persons.repository';

/**
 * Duplicate emails (case-insensitive) and employee numbers, unknown org units and locations
 * are refused by the database's constraints (409 / 400). Every write joins the caller's
 * transaction when one is open.
 */
@Injectable()
export class PersonsService {
  constructor(
    private readonly persons: PersonsRepository,
    protected readonly tx: TransactionRunner, // for @Transactional()
    private readonly lifecycle: HolderLifecycle,
  ) {}

  /** A department head lists only the persons of their org-unit subtree (totals too). */
  list(actor: AuthUser, query: PersonListQueryDto): Promise<Page<Person>> {
    return this.persons.list(actor, query);
  }

  /** 404 for an unknown person and, alike, for one outside a department head's subtree. */
  async get(actor: AuthUser, id: string): Promise<Person> {
    const person = await this.persons.findVisible(actor, id);
    if (!person) throw new NotFoundError('Person', id);
    return person;
  }

  async create(dto: CreatePersonDto): Promise<Person> {
    const [person] = await this.createMany([dto]);
    return person;
  }

  /** Many rows per INSERT (imports). */
  @Transactional()
  createMany(dtos: readonly CreatePersonDto[]): Promise<Person[]> {
    return this.persons.createMany(dtos);
  }

  /** Deactivating a person releases their seats and devices in the same transaction. */
  @Transactional()
  async update(actor: AuthUser, id: string, dto: UpdatePersonDto): Promise<Person> {
    return this.updateLocked(actor, await this.lock(id), dto);
  }

  /**
   * Changes a person locked in the open transaction ({@link lock}; imports lock theirs
   * in bulk); deactivating releases their seats and devices in that transaction.
   */
  async updateLocked(actor: AuthUser, person: Person, dto: UpdatePersonDto): Promise<Person> {
    const wasActive = person.active;
    const saved = await this.persons.save(Object.assign(person, dto));
    if (wasActive && !saved.active) {
      await this.lifecycle.end({ personId: person.id }, 'person_deactivated', actor.id);
    }
    return saved;
  }

  /** Releases the person's seats first (their history stays); 409 IN_USE while assets name them as owner. */
  @Transactional()
  async remove(actor: AuthUser, id: string): Promise<void> {
    await this.lock(id);
    await this.lifecycle.end({ personId: id }, 'person_deleted', actor.id);
    await this.persons.delete(id);
  }

  /** The person locked against change until the open transaction ends, or 404. */
  lock(id: string): Promise<Person> {
    return this.persons.lock(id);
  }

  /** Offboarding: the caller has released what the person held. */
  markInactive(id: string): Promise<void> {
    return this.persons.deactivate(id);
  }

  /**
   * Persons about to receive seats, share-locked so none is deactivated before the
   * open transaction commits. 404 naming every unknown id.
   */
  lockForAssignment(ids: readonly string[]): Promise<Person[]> {
    return this.persons.lockShared(ids);
  }
}
