import { MigrationInterface, QueryRunner } from 'typeorm';

/** The register's catalogs, persons, assets, licenses, keys and users. */
export class InitialSchema1763856000000 implements MigrationInterface {
  name = 'InitialSchema1763856000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "organizations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "name" character varying(200) NOT NULL, "kind" character varying(20) NOT NULL, CONSTRAINT "uq_organizations__name" UNIQUE ("name"), CONSTRAINT "ck_organizations__kind" CHECK (kind IN ('internal', 'supplier', 'manufacturer')), CONSTRAINT "pk_organizations" PRIMARY KEY ("id"))`);
    await q.query(`CREATE TABLE "org_units" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "name" character varying(200) NOT NULL, "code" character varying(50) NOT NULL, "parent_id" uuid, "organization_id" uuid, CONSTRAINT "uq_org_units__code" UNIQUE ("code"), CONSTRAINT "pk_org_units" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "ix_org_units__parent_id" ON "org_units"  ("parent_id") `);
    await q.query(`CREATE INDEX "ix_org_units__organization_id" ON "org_units"  ("organization_id") `);
    await q.query(`CREATE TABLE "locations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "name" character varying(200) NOT NULL, "parent_id" uuid, CONSTRAINT "pk_locations" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "ix_locations__parent_id" ON "locations"  ("parent_id") `);
    await q.query(`CREATE TABLE "persons" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "first_name" character varying(100) NOT NULL, "last_name" character varying(100) NOT NULL, "email" character varying(254) NOT NULL, "employee_number" character varying(50), "org_unit_id" uuid, "location_id" uuid, "active" boolean NOT NULL DEFAULT true, CONSTRAINT "uq_persons__employee_number" UNIQUE ("employee_number"), CONSTRAINT "pk_persons" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "ix_persons__org_unit_id" ON "persons"  ("org_unit_id") `);
    await q.query(`CREATE INDEX "ix_persons__location_id" ON "persons"  ("location_id") `);
    await q.query(`CREATE INDEX "ix_persons__active" ON "persons"  ("active") `);
    await q.query(`CREATE TABLE "assets" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "name" character varying(200) NOT NULL, "inventory_number" character varying(100) NOT NULL, "serial_number" character varying(100), "kind" character varying(20) NOT NULL DEFAULT 'other', "status" character varying(20) NOT NULL DEFAULT 'in_use', "org_unit_id" uuid, "location_id" uuid, "owner_person_id" uuid, CONSTRAINT "uq_assets__inventory_number" UNIQUE ("inventory_number"), CONSTRAINT "ck_assets__status" CHECK (status IN ('in_use', 'in_stock', 'retired')), CONSTRAINT "ck_assets__kind" CHECK (kind IN ('desktop', 'laptop', 'server', 'virtual_machine', 'mobile', 'other')), CONSTRAINT "pk_assets" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "ix_assets__serial_number" ON "assets"  ("serial_number") `);
    await q.query(`CREATE INDEX "ix_assets__kind" ON "assets"  ("kind") `);
    await q.query(`CREATE INDEX "ix_assets__status" ON "assets"  ("status") `);
    await q.query(`CREATE INDEX "ix_assets__org_unit_id" ON "assets"  ("org_unit_id") `);
    await q.query(`CREATE INDEX "ix_assets__location_id" ON "assets"  ("location_id") `);
    await q.query(`CREATE INDEX "ix_assets__owner_person_id" ON "assets"  ("owner_person_id") `);
    await q.query(`CREATE TABLE "license_categories" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "name" character varying(100) NOT NULL, CONSTRAINT "uq_license_categories__name" UNIQUE ("name"), CONSTRAINT "pk_license_categories" PRIMARY KEY ("id"))`);
    await q.query(`CREATE TABLE "software" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "name" character varying(200) NOT NULL, "publisher_id" uuid, "version" character varying(50), CONSTRAINT "pk_software" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "ix_software__publisher_id" ON "software"  ("publisher_id") `);
    await q.query(`CREATE TABLE "licenses" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "name" character varying(200) NOT NULL, "category_id" uuid, "software_id" uuid, "organization_id" uuid, "org_unit_id" uuid, "location_structure_id" uuid, "location_id" uuid, "serial_number" character varying(200), "inventory_number" character varying(100), "supplier_id" uuid, "expiration_date" date, "support_date" date, "purchase_date" date, "invoice_number" character varying(100), "currency" character(3) NOT NULL DEFAULT 'EUR', "net_unit_price" numeric(15,2) NOT NULL DEFAULT '0', "vat_rate" numeric(5,2) NOT NULL DEFAULT '0', "metric" character varying(20) NOT NULL, "quantity" integer NOT NULL, "max_activations_per_user" integer NOT NULL DEFAULT '1', "max_activations" integer, "max_device_resets" integer, "notes" text, CONSTRAINT "uq_licenses__name" UNIQUE ("name"), CONSTRAINT "ck_licenses__currency" CHECK (currency ~ '^[A-Z]{3}$'), CONSTRAINT "ck_licenses__max_device_resets" CHECK (max_device_resets IS NULL OR max_device_resets >= 0), CONSTRAINT "ck_licenses__max_activations" CHECK (max_activations IS NULL OR max_activations >= 0), CONSTRAINT "ck_licenses__max_activations_per_user" CHECK (max_activations_per_user >= 1), CONSTRAINT "ck_licenses__vat_rate" CHECK (vat_rate >= 0 AND vat_rate <= 100), CONSTRAINT "ck_licenses__net_unit_price" CHECK (net_unit_price >= 0), CONSTRAINT "ck_licenses__quantity" CHECK (quantity >= 0), CONSTRAINT "ck_licenses__metric" CHECK (metric IN ('per_user', 'per_device')), CONSTRAINT "pk_licenses" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "ix_licenses__category_id" ON "licenses"  ("category_id") `);
    await q.query(`CREATE INDEX "ix_licenses__software_id" ON "licenses"  ("software_id") `);
    await q.query(`CREATE INDEX "ix_licenses__organization_id" ON "licenses"  ("organization_id") `);
    await q.query(`CREATE INDEX "ix_licenses__org_unit_id" ON "licenses"  ("org_unit_id") `);
    await q.query(`CREATE INDEX "ix_licenses__location_structure_id" ON "licenses"  ("location_structure_id") `);
    await q.query(`CREATE INDEX "ix_licenses__location_id" ON "licenses"  ("location_id") `);
    await q.query(`CREATE INDEX "ix_licenses__inventory_number" ON "licenses"  ("inventory_number") `);
    await q.query(`CREATE INDEX "ix_licenses__supplier_id" ON "licenses"  ("supplier_id") `);
    await q.query(`CREATE INDEX "ix_licenses__expiration_date" ON "licenses"  ("expiration_date") `);
    await q.query(`CREATE INDEX "ix_licenses__support_date" ON "licenses"  ("support_date") `);
    await q.query(`CREATE INDEX "ix_licenses__purchase_date" ON "licenses"  ("purchase_date") `);
    await q.query(`CREATE INDEX "ix_licenses__metric" ON "licenses"  ("metric") `);
    await q.query(`CREATE TABLE "license_keys" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "license_id" uuid NOT NULL, "key_encrypted" text NOT NULL, "note" character varying(500), "seat_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_license_keys" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "ix_license_keys__license_id" ON "license_keys"  ("license_id") `);
    await q.query(`CREATE INDEX "ix_license_keys__seat_id" ON "license_keys"  ("seat_id") `);
    await q.query(`CREATE TABLE "users" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "email" character varying(254) NOT NULL, "display_name" character varying(200) NOT NULL, "role" character varying(20) NOT NULL, "org_unit_id" uuid, "password_hash" character varying NOT NULL, CONSTRAINT "ck_users__department_head_org_unit" CHECK (role <> 'department_head' OR org_unit_id IS NOT NULL), CONSTRAINT "ck_users__role" CHECK (role IN ('admin', 'asset_manager', 'department_head', 'finance')), CONSTRAINT "pk_users" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "ix_users__role" ON "users"  ("role") `);
    await q.query(`CREATE INDEX "ix_users__org_unit_id" ON "users"  ("org_unit_id") `);
    await q.query(`ALTER TABLE "org_units" ADD CONSTRAINT "fk_org_units__parent_id" FOREIGN KEY ("parent_id") REFERENCES "org_units"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "org_units" ADD CONSTRAINT "fk_org_units__organization_id" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "locations" ADD CONSTRAINT "fk_locations__parent_id" FOREIGN KEY ("parent_id") REFERENCES "locations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "persons" ADD CONSTRAINT "fk_persons__org_unit_id" FOREIGN KEY ("org_unit_id") REFERENCES "org_units"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "persons" ADD CONSTRAINT "fk_persons__location_id" FOREIGN KEY ("location_id") REFERENCES "locations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "assets" ADD CONSTRAINT "fk_assets__org_unit_id" FOREIGN KEY ("org_unit_id") REFERENCES "org_units"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "assets" ADD CONSTRAINT "fk_assets__location_id" FOREIGN KEY ("location_id") REFERENCES "locations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "assets" ADD CONSTRAINT "fk_assets__owner_person_id" FOREIGN KEY ("owner_person_id") REFERENCES "persons"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "software" ADD CONSTRAINT "fk_software__publisher_id" FOREIGN KEY ("publisher_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "licenses" ADD CONSTRAINT "fk_licenses__category_id" FOREIGN KEY ("category_id") REFERENCES "license_categories"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "licenses" ADD CONSTRAINT "fk_licenses__software_id" FOREIGN KEY ("software_id") REFERENCES "software"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "licenses" ADD CONSTRAINT "fk_licenses__organization_id" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "licenses" ADD CONSTRAINT "fk_licenses__org_unit_id" FOREIGN KEY ("org_unit_id") REFERENCES "org_units"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "licenses" ADD CONSTRAINT "fk_licenses__location_structure_id" FOREIGN KEY ("location_structure_id") REFERENCES "locations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "licenses" ADD CONSTRAINT "fk_licenses__location_id" FOREIGN KEY ("location_id") REFERENCES "locations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "licenses" ADD CONSTRAINT "fk_licenses__supplier_id" FOREIGN KEY ("supplier_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "license_keys" ADD CONSTRAINT "fk_license_keys__license_id" FOREIGN KEY ("license_id") REFERENCES "licenses"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "users" ADD CONSTRAINT "fk_users__org_unit_id" FOREIGN KEY ("org_unit_id") REFERENCES "org_units"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);

    // Case-insensitive uniqueness and the software catalog's (name, version) pair: expression indexes.
    await q.query(`CREATE UNIQUE INDEX "uq_persons__email" ON "persons" (lower("email"))`);
    await q.query(`CREATE UNIQUE INDEX "uq_users__email" ON "users" (lower("email"))`);
    await q.query(`CREATE UNIQUE INDEX "uq_software__name__version" ON "software" (lower("name"), coalesce("version", ''))`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['users', 'license_keys', 'licenses', 'software', 'license_categories', 'assets', 'persons', 'locations', 'org_units', 'organizations']) {
      await q.query(`DROP TABLE "${table}"`);
    }
  }
}
