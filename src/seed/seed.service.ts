import { Injectable, Logger } from '@nestjs/common';
import { AppConfig, DEMO_ADMIN } from '../config/app-config';
import { UsersService } from '../users/users.service';

export interface DemoLogin {
  role: string;
  email: string;
  password: string;
}

/** Start-up data: the first admin always; demo data on an empty database unless SEED_DEMO=false. */
@Injectable()
export class SeedService {
  private readonly logger = new Logger(SeedService.name);

  constructor(
    private readonly config: AppConfig,
    private readonly users: UsersService,
  ) {}

  /** Returns the logins worth printing at start-up. */
  async run(): Promise<DemoLogin[]> {
    const created = await this.users.ensureAdmin(this.config.adminEmail, this.config.adminPassword);
    if (created) this.logger.log(`created the first admin ${created.email}`);
    const showPassword = created || this.config.adminPassword === DEMO_ADMIN.password;
    return [{ role: 'admin', email: this.config.adminEmail, password: showPassword ? this.config.adminPassword : '(ADMIN_PASSWORD)' }];
  }
}
