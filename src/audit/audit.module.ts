import { Global, MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditEvent } from './audit-event.entity';
import { AuditActorSubscriber } from './audit-actor.subscriber';
import { AuditController } from './audit.controller';
import { AuditService } from './audit.service';
import { RequestContextMiddleware } from './request-context';

/**
 * The audit trail: the request context and transaction hook that give the
 * database's audit triggers their actor, the login events, and the read route.
 * Global so AuthService can record logins without its module importing this one.
 */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([AuditEvent])],
  providers: [AuditService, AuditActorSubscriber],
  controllers: [AuditController],
  exports: [AuditService],
})
export class AuditModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(RequestContextMiddleware).forRoutes('{*path}');
  }
}
