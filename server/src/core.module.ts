import { DynamicModule, Global, Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccessService } from './common/access.service';
import { AppConfig } from './config/app-config';
import { dataSourceOptions } from './database/data-source';
import { TransactionService } from './database/transaction.service';

/**
 * What every module may use without importing it: the database connection, config, the org-scope check,
 * transactions, card/access tokens. The app and the medium-tier tests both stand on it.
 */
@Global()
@Module({})
export class CoreModule {
  static forRoot(config: AppConfig): DynamicModule {
    const providers = [{ provide: AppConfig, useValue: config }, AccessService, TransactionService];
    return {
      module: CoreModule,
      imports: [
        TypeOrmModule.forRoot(dataSourceOptions(config)),
        JwtModule.register({ global: true, secret: config.JWT_SECRET, signOptions: { algorithm: 'HS256' } }),
      ],
      providers,
      exports: providers,
    };
  }
}
