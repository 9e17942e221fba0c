import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One row per database holding a check value of each secret the app instances must
 * share (an HMAC-SHA256 of a fixed label under the secret, which reveals nothing of
 * it). The first start writes it; a later start with another KEYS_ENCRYPTION_KEY or
 * JWT_SECRET is refused instead of failing on every stored key or token it meets.
 */
export class InstanceSecretChecks1764720000000 implements MigrationInterface {
  name = 'InstanceSecretChecks1764720000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "instance_secret_checks" (
      "id" smallint NOT NULL DEFAULT 1,
      "keys_encryption_key_check" character(64) NOT NULL,
      "jwt_secret_check" character(64) NOT NULL,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "pk_instance_secret_checks" PRIMARY KEY ("id"),
      CONSTRAINT "ck_instance_secret_checks__one_row" CHECK (id = 1)
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "instance_secret_checks"`);
  }
}
