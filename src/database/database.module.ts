import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource, DataSourceOptions } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { closingWith, openDatabase } from './data-source';
import { TransactionRunner } from './transaction';

type OptionsWithEngine = DataSourceOptions & { closeEngine: () => Promise<void> };

/** The one DataSource of the app; migrations run before the app serves anything. */
@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [AppConfig],
      useFactory: async (config: AppConfig) => {
        const db = await openDatabase(config);
        return { ...db.options, autoLoadEntities: true, migrationsRun: true, closeEngine: db.close };
      },
      dataSourceFactory: async (options) => {
        const { closeEngine, ...rest } = options as OptionsWithEngine;
        return closingWith(new DataSource(rest as DataSourceOptions), closeEngine).initialize();
      },
    }),
  ],
  providers: [TransactionRunner],
  exports: [TransactionRunner],
})
export class DatabaseModule {}
