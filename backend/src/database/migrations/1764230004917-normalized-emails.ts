import { Logger } from '@nestjs/common';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { normalizeEmail } from '../../common/identity-text.js';

export interface EmailRow {
  id: string;
  email: string;
}

/**
 * Stored emails against their normalized form: a row alone under its form is rewritten to it; rows
 * that share a form are distinct accounts of (probably) one person, which only people can merge.
 */
export function planEmailNormalization(rows: EmailRow[]): { updates: EmailRow[]; clashes: EmailRow[][] } {
  const byForm = new Map<string, EmailRow[]>();
  for (const row of rows) {
    const form = normalizeEmail(row.email);
    byForm.set(form, [...(byForm.get(form) ?? []), row]);
  }
  const updates: EmailRow[] = [];
  const clashes: EmailRow[][] = [];
  for (const [form, group] of byForm) {
    if (group.length > 1) clashes.push(group);
    else if (group[0].email !== form) updates.push({ id: group[0].id, email: form });
  }
  return { updates, clashes };
}

/**
 * Emails are now stored NFKC-normalized with an IDNA ASCII domain (sign-in normalizes what is typed,
 * so a row left in another form could not sign in). Clashing rows are left as they are and reported.
 */
export class NormalizedEmails1764230004917 implements MigrationInterface {
  name = 'NormalizedEmails1764230004917';

  async up(q: QueryRunner): Promise<void> {
    const logger = new Logger(this.name);
    const rows: EmailRow[] = await q.query(`SELECT id, email FROM users ORDER BY created_at, id`);
    const { updates, clashes } = planEmailNormalization(rows);
    for (const row of updates) await q.query(`UPDATE users SET email = $1 WHERE id = $2`, [row.email, row.id]);
    if (updates.length) logger.log(`Normalized the email of ${updates.length} user(s).`);
    for (const group of clashes) {
      const accounts = group.map((row) => `${row.id} <${row.email}>`).join(', ');
      logger.warn(`Accounts whose emails normalize alike were left unchanged; merge or rename them by hand: ${accounts}`);
    }
  }

  // The forms emails had before are not kept: normalized emails are valid under the old rules too.
  async down(): Promise<void> {}
}
