import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { NotFoundError } from '@libs/errors';
import { Page, paginate } from '@libs/pagination';
import { whereEquals } from '@libs/pagination';
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
  // The full name too, so "Ann Lee" finds Ann Lee.
  searchable: [
    'p.firstName',
    'p.lastName',
    'p.email',
    'p.employeeNumber',
    `(p.firstName || ' ' || p.lastName)`,
  ],
};

/**
 * Duplicate emails (case-insensitive) and employee numbers, unknown org units and locations
 * are refused by the database's constraints (409 / 400).
 */
@Injectable()
export class PersonsService {
  constructor(@InjectRepository(Person) private readonly persons: Repository<Person>) {}

  list(query: PersonListQueryDto): Promise<Page<Person>> {
    const { orgUnitId, locationId, active, email } = query;
    const qb = whereEquals(this.persons.createQueryBuilder('p'), { orgUnitId, locationId, active });
    if (email) qb.andWhere('lower(p.email) = lower(:email)', { email });
    return paginate(qb, query, LIST_SPEC);
  }

  async get(id: string): Promise<Person> {
    const person = await this.persons.findOneBy({ id });
    if (!person) throw new NotFoundError('Person', id);
    return person;
  }

  create(dto: CreatePersonDto): Promise<Person> {
    return this.persons.save(this.persons.create(dto));
  }

  async update(id: string, dto: UpdatePersonDto): Promise<Person> {
    const person = await this.get(id);
    return this.persons.save(this.persons.merge(person, dto));
  }

  /** 409 IN_USE while assets (and, later, seats) point to the person (foreign keys). */
  async remove(id: string): Promise<void> {
    const { affected } = await this.persons.delete({ id });
    if (!affected) throw new NotFoundError('Person', id);
  }
}
