import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiTags } from '@nestjs/swagger';
import { Public } from '../access/decorators';
import { DatabaseProbe } from '../database/database-probe';
import { CommonErrorCode } from '@libs/errors';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly database: DatabaseProbe) {}

  /** 200 when the database answers, 503 when it does not (or not in time). */
  @Public()
  @Get()
  async health(@Res({ passthrough: true }) res: Response) {
    if (await this.database.up()) return { status: 'ok', db: 'up' };
    res.status(HttpStatus.SERVICE_UNAVAILABLE);
    // The contract's error shape, and the fields of the 200 answer for monitors that read those.
    return {
      status: 'error',
      db: 'down',
      statusCode: HttpStatus.SERVICE_UNAVAILABLE,
      error: 'Service Unavailable',
      message: 'The database is not reachable.',
      code: CommonErrorCode.DATABASE_UNAVAILABLE,
      details: {},
    };
  }
}
