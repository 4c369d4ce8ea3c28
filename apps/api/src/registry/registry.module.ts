import { Module } from '@nestjs/common';
import { AuditController } from './audit.controller';
import { CommunitiesController } from './communities.controller';
import { MembershipsController } from './memberships.controller';
import { SettingsController } from './settings.controller';
import { UnitsController } from './units.controller';

@Module({
  controllers: [
    CommunitiesController,
    UnitsController,
    MembershipsController,
    SettingsController,
    AuditController,
  ],
})
export class RegistryModule {}
