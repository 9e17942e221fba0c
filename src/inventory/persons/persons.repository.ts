import { Injectable } from '@nestjs/common';
import { Page, whereEquals } from '@libs/pagination';
import { AuthUser } from '../../platform/access/auth-user';
import { TransactionRunner } from '../../platform/database/transaction';
import { OrgUnitsRepository } from '../../catalog/org-units/org-units.repository';
import { HoldersRepository } from '../holders.repository';
import { Person } from './person.entity';
import { PersonListQueryDto } from './dto/person.dto';

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

@Injectable()
export class PersonsRepository extends HoldersRepository<Person> {
  constructor(db: TransactionRunner, orgUnits: OrgUnitsRepository) {
    super(db, orgUnits, Person, 'Person', 'p', LIST_SPEC);
  }

  list(actor: AuthUser, query: PersonListQueryDto): Promise<Page<Person>> {
    const { orgUnitId, locationId, active, email } = query;
    const qb = whereEquals(this.select(), { orgUnitId, locationId, active });
    if (email) qb.andWhere('lower(p.email) = lower(:email)', { email });
    return this.page(actor, qb, query);
  }

  /** Id, email and employee number of the persons having one of these employee numbers. */
  findByEmployeeNumbers(
    numbers: readonly string[],
  ): Promise<{ id: string; email: string; employeeNumber: string }[]> {
    return this.select()
      .select('p.id', 'id')
      .addSelect('p.email', 'email')
      .addSelect('p.employeeNumber', 'employeeNumber')
      .where('p.employeeNumber = ANY(:numbers)', { numbers })
      .getRawMany();
  }

  async deactivate(id: string): Promise<void> {
    await this.manager.update(Person, { id }, { active: false });
  }
}
