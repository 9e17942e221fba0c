import { rmSync } from 'node:fs';
import { adminQuery, serverUrl, TEMPLATE_ENV } from './test-database';

export default async function globalTeardown(): Promise<void> {
  const template = process.env[TEMPLATE_ENV];
  if (!template) return;
  if (serverUrl()) await adminQuery(`DROP DATABASE IF EXISTS ${template}`);
  else rmSync(template, { recursive: true, force: true });
}
