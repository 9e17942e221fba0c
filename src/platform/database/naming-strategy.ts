import { DefaultNamingStrategy, NamingStrategyInterface, Table } from 'typeorm';

const snake = (s: string) => s.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
const tableOf = (t: Table | string) => (typeof t === 'string' ? t : t.name).replace(/^.*\./, '');

/**
 * snake_case columns and readable constraint names: `uq_<table>__<columns>` and
 * `fk_<table>__<columns>` let the error filter name the field a violation is about.
 */
export class SnakeNamingStrategy extends DefaultNamingStrategy implements NamingStrategyInterface {
  columnName(propertyName: string, customName: string | undefined, prefixes: string[]): string {
    return customName ?? snake([...prefixes, propertyName].join('_'));
  }

  relationName(propertyName: string): string {
    return snake(propertyName);
  }

  joinColumnName(relationName: string, referencedColumnName: string): string {
    return snake(`${relationName}_${referencedColumnName}`);
  }

  primaryKeyName(table: Table | string): string {
    return `pk_${tableOf(table)}`;
  }

  uniqueConstraintName(table: Table | string, columns: string[]): string {
    return `uq_${tableOf(table)}__${columns.join('__')}`;
  }

  foreignKeyName(table: Table | string, columns: string[]): string {
    return `fk_${tableOf(table)}__${columns.join('__')}`;
  }

  indexName(table: Table | string, columns: string[]): string {
    return `ix_${tableOf(table)}__${columns.join('__')}`;
  }
}
