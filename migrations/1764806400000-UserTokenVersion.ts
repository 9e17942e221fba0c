import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A user's token version, carried in every token issued to them (claim `ver`). Changing the
 * password raises it, so tokens issued before the change stop working at once; a token
 * without the current version is refused like an expired one.
 */
export class UserTokenVersion1764806400000 implements MigrationInterface {
  name = 'UserTokenVersion1764806400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "users" ADD "token_version" integer NOT NULL DEFAULT 1`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "users" DROP COLUMN "token_version"`);
  }
}
