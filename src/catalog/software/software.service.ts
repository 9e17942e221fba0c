import { Injectable } from '@nestjs/common';
import { TransactionRunner } from '../../platform/database/transaction';
import { CatalogService } from '../catalog.service';
import { Software } from './software.entity';
import { SoftwareRepository } from './software.repository';
import { CreateSoftwareDto, SoftwareListQueryDto, UpdateSoftwareDto } from './dto/software.dto';

/** Duplicates of (name, version) and unknown publishers are refused by the database (409 / 400). */
@Injectable()
export class SoftwareService extends CatalogService<
  Software,
  SoftwareListQueryDto,
  CreateSoftwareDto,
  UpdateSoftwareDto
> {
  constructor(software: SoftwareRepository, tx: TransactionRunner) {
    super(software, tx, 'Software');
  }
}
