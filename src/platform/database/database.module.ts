import { Global, Module } from '@nestjs/common';
import { getDataSourceToken, TypeOrmModule } from '@nestjs/typeorm';
import { ClsPluginTransactional } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { ClsModule } from 'nestjs-cls';
import { DataSource, DataSourceOptions } from 'typeorm';
import { AppConfig, ConfigError } from '../config/app-config';
import { closingWith, openDatabase } from './data-source';
import { verifyInstanceSecrets } from './secret-checks';
import { TransactionRunner } from './transaction';
import { AuditActorSubscriber } from './audit-actor.subscriber';

type OptionsWithEngine = DataSourceOptions & { closeEngine: () => Promise<void>; config: AppConfig };

/**
 * The one DataSource of the app; migrations run, and the secrets are checked against
 * the database's, before the app serves anything. Each request gets a context
 * (nestjs-cls) that carries the caller and the open transaction.
 */
@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [AppConfig],
      useFactory: async (config: AppConfig) => {
        const db = await openDatabase(config);
        return {
          ...db.options,
          autoLoadEntities: true,
          migrationsRun: true,
          closeEngine: db.close,
          config,
          // A refusal (wrong secret) stays one whatever the retries: stop at once.
          toRetry: (error: unknown) => !(error instanceof ConfigError),
        };
      },
      dataSourceFactory: async (options) => {
        const { closeEngine, config, ...rest } = options as OptionsWithEngine;
        const dataSource = await closingWith(
          new DataSource(rest as DataSourceOptions),
          closeEngine,
        ).initialize();
        try {
          await verifyInstanceSecrets(dataSource, config);
        } catch (error) {
          await dataSource.destroy();
          throw error;
        }
        return dataSource;
      },
    }),
    ClsModule.forRoot({
      global: true,
      middleware: { mount: true },
      plugins: [
        new ClsPluginTransactional({
          adapter: new TransactionalAdapterTypeOrm({ dataSourceToken: getDataSourceToken() }),
        }),
      ],
    }),
  ],
  providers: [TransactionRunner, AuditActorSubscriber],
  exports: [TransactionRunner],
})
export class DatabaseModule {}
