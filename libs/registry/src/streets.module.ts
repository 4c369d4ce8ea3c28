import { Inject, Module, type OnModuleInit } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { type Pool } from 'pg';
import { ScopeResolvers } from '@yishi/access';
import { PG_POOL } from '@yishi/platform';
import { AddDepartmentMemberController } from './add-department-member/add-department-member.http.controller';
import { AddDepartmentMemberHandler } from './add-department-member/add-department-member.handler';
import { AddStreetOfficerController } from './add-street-officer/add-street-officer.http.controller';
import { AddStreetOfficerHandler } from './add-street-officer/add-street-officer.handler';
import { CreateDepartmentController } from './create-department/create-department.http.controller';
import { CreateDepartmentHandler } from './create-department/create-department.handler';
import { CreateStreetController } from './create-street/create-street.http.controller';
import { CreateStreetHandler } from './create-street/create-street.handler';
import { ListCommunityDepartmentsController } from './list-community-departments/list-community-departments.http.controller';
import { ListCommunityDepartmentsHandler } from './list-community-departments/list-community-departments.handler';
import { ListDepartmentMembersController } from './list-department-members/list-department-members.http.controller';
import { ListDepartmentMembersHandler } from './list-department-members/list-department-members.handler';
import { ListDepartmentsController } from './list-departments/list-departments.http.controller';
import { ListDepartmentsHandler } from './list-departments/list-departments.handler';
import { ListStreetsController } from './list-streets/list-streets.http.controller';
import { ListStreetsHandler } from './list-streets/list-streets.handler';
import { ReadStreetController } from './read-street/read-street.http.controller';
import { ReadStreetHandler } from './read-street/read-street.handler';
import { RemoveDepartmentMemberController } from './remove-department-member/remove-department-member.http.controller';
import { RemoveDepartmentMemberHandler } from './remove-department-member/remove-department-member.handler';
import { RemoveStreetOfficerController } from './remove-street-officer/remove-street-officer.http.controller';
import { RemoveStreetOfficerHandler } from './remove-street-officer/remove-street-officer.handler';
import { departmentStreet } from './streets';
import { StreetsRepository } from './streets.repository';

/**
 * Streets above communities (街道): their departments, members and officers
 * (docs/registry-and-access.md, "Streets and departments").
 */
@Module({
  imports: [CqrsModule],
  controllers: [
    CreateStreetController,
    ListStreetsController,
    ReadStreetController,
    AddStreetOfficerController,
    RemoveStreetOfficerController,
    CreateDepartmentController,
    ListDepartmentsController,
    ListCommunityDepartmentsController,
    AddDepartmentMemberController,
    ListDepartmentMembersController,
    RemoveDepartmentMemberController,
  ],
  providers: [
    StreetsRepository,
    CreateStreetHandler,
    ListStreetsHandler,
    ReadStreetHandler,
    AddStreetOfficerHandler,
    RemoveStreetOfficerHandler,
    CreateDepartmentHandler,
    ListDepartmentsHandler,
    ListCommunityDepartmentsHandler,
    AddDepartmentMemberHandler,
    ListDepartmentMembersHandler,
    RemoveDepartmentMemberHandler,
  ],
})
export class StreetsModule implements OnModuleInit {
  constructor(
    private readonly scopes: ScopeResolvers,
    @Inject(PG_POOL) private readonly pool: Pool,
  ) {}

  /** `:departmentId` routes are about the department and its street (it never moves). */
  onModuleInit(): void {
    this.scopes.registerStreet(
      'departmentId',
      async (id) => {
        const streetId = await departmentStreet(this.pool, id);
        return streetId === undefined ? undefined : { streetId, departmentIds: [id] };
      },
      { stable: true },
    );
  }
}
