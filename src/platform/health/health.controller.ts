import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import type { Pool } from 'pg';
import { Public } from '../access/decorators';
import { AppConfig } from '../config/app-config';

const PROBE_TIMEOUT_MS = 2000;

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  /** 200 when the database answers, 503 when it does not (or not in time). */
  @Public()
  @Get()
  async health(@Res({ passthrough: true }) res: Response) {
    if (await this.databaseUp()) return { status: 'ok', db: 'up' };
    res.status(HttpStatus.SERVICE_UNAVAILABLE);
    // The contract's error shape, and the fields of the 200 answer for monitors that read those.
    return {
      status: 'error',
      db: 'down',
      statusCode: HttpStatus.SERVICE_UNAVAILABLE,
      error: 'Service Unavailable',
      message: 'The database is not reachable.',
      code: 'DATABASE_UNAVAILABLE',
      details: {},
    };
  }

  private async databaseUp(): Promise<boolean> {
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
