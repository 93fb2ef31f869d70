import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * TypeORM reads a generated column's expression from its own `typeorm_metadata` table, not from the
 * catalog; without these rows its schema diff (`migration:generate`, the drift test) sees every
 * generated column as changed. TypeORM creates the table itself before running migrations once an
 * entity has a generated column (hence IF NOT EXISTS); the rows name the columns generated in the
 * repair-domain migration, keyed by the database they live in.
 */
export class TypeormMetadata1764290007413 implements MigrationInterface {
  name = 'TypeormMetadata1764290007413';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE IF NOT EXISTS typeorm_metadata (
        "type" varchar NOT NULL,
        "database" varchar,
        "schema" varchar,
        "table" varchar,
        "name" varchar,
        "value" text
      )`);
    const generated = [
      ['repair_requests', 'urgency_rank', "CASE urgency WHEN 'urgent' THEN 0 WHEN 'high' THEN 1 WHEN 'normal' THEN 2 ELSE 3 END"],
      ['quotes', 'total', 'parts_cost + labor_cost'],
    ];
    for (const [table, name, value] of generated) {
      await q.query(
        `INSERT INTO typeorm_metadata ("type", "database", "schema", "table", "name", "value")
         VALUES ('GENERATED_COLUMN', current_database(), current_schema(), $1, $2, $3)`,
        [table, name, value],
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `DELETE FROM typeorm_metadata WHERE "type" = 'GENERATED_COLUMN' AND "database" = current_database() AND "schema" = current_schema()
         AND ("table", "name") IN (('repair_requests', 'urgency_rank'), ('quotes', 'total'))`,
    );
  }
}
