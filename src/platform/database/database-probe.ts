import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Pool } from 'pg';
import { AppConfig } from '../config/app-config';

const PROBE_TIMEOUT_MS = 2000;

/** Whether the database answers, within PROBE_TIMEOUT_MS. */
@Injectable()
export class DatabaseProbe {
  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  async up(): Promise<boolean> {
    if (!this.dataSource.isInitialized) return false;
    // The embedded database has one connection, in this process. While a request holds it
    // (an import for a minute, say) a probe would queue behind it and time out: yet an
    // engine in use is up, and nothing but this process can take it away.
    if (!this.config.databaseUrl && embeddedConnectionInUse(this.dataSource)) return true;
    return Promise.race([
      this.dataSource.query('SELECT 1').then(
        () => true,
        () => false,
      ),
      new Promise<boolean>((resolve) => setTimeout(resolve, PROBE_TIMEOUT_MS, false).unref()),
    ]);
  }
}

function embeddedConnectionInUse(dataSource: DataSource): boolean {
  const pool = (dataSource.driver as unknown as { master?: Pool }).master;
  return !!pool && pool.totalCount > 0 && pool.idleCount === 0;
}
