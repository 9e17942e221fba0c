import { ConfigError, loadConfig } from '../config/app-config';
import { createDataSource } from './data-source';

/**
 * `npm run migration:run`: applies pending migrations to the configured database. On
 * the embedded one it takes the data folder's lock like the app: not while one runs.
 */
async function main() {
  const dataSource = await createDataSource(loadConfig());
  await dataSource.initialize();
  try {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    console.log(
      applied.length ? `applied: ${applied.map((m) => m.name).join(', ')}` : 'no pending migrations',
    );
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
