import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The property company (物业服务企业) an estate names, as the registry's secretary records it
 * (docs/registry-and-access.md, "Estates and their property companies"): trimmed text of 1 to 60
 * characters, or null when none is registered. The demands ledger's yardsticks group by it at
 * query time (docs/demands.md, "The yardsticks"), so the roll-up keeps its keys.
 */
export class EstatePropertyCompany1779950000000 implements MigrationInterface {
  name = 'EstatePropertyCompany1779950000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE estates
        ADD COLUMN property_company text
          CONSTRAINT estates_property_company_check
          CHECK (char_length(property_company) BETWEEN 1 AND 60
                 AND property_company = btrim(property_company));
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE estates DROP COLUMN property_company;`);
  }
}
