import { Inject, Injectable } from '@nestjs/common';
import { type Pool } from 'pg';
import { PG_POOL } from '@yishi/platform';
import {
  addDepartmentMember,
  addStreetOfficer,
  communityDepartments,
  createDepartment,
  createStreet,
  listDepartmentMembers,
  listDepartments,
  listStreets,
  readStreet,
  removeDepartmentMember,
  removeStreetOfficer,
  type DepartmentMemberInput,
  type DepartmentMemberView,
  type DepartmentView,
  type StreetInput,
  type StreetRef,
  type StreetView,
} from './streets';

/** Streets, their departments and members (街道, 部门), over the pool; every change audited. */
@Injectable()
export class StreetsRepository {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  create(actorId: string, streetId: string, input: StreetInput): Promise<StreetRef> {
    return createStreet(this.pool, actorId, streetId, input);
  }

  list(user: { id: string; admin: boolean }): Promise<StreetRef[]> {
    return listStreets(this.pool, user);
  }

  read(streetId: string): Promise<StreetView> {
    return readStreet(this.pool, streetId);
  }

  departments(streetId: string): Promise<DepartmentView[]> {
    return listDepartments(this.pool, streetId);
  }

  departmentsOfCommunity(
    communityId: string,
  ): Promise<{ street: StreetRef | null; items: DepartmentView[] }> {
    return communityDepartments(this.pool, communityId);
  }

  createDepartment(
    actorId: string,
    streetId: string,
    departmentId: string,
    name: string,
  ): Promise<DepartmentView> {
    return createDepartment(this.pool, actorId, streetId, departmentId, name);
  }

  members(departmentId: string): Promise<DepartmentMemberView[]> {
    return listDepartmentMembers(this.pool, departmentId);
  }

  addMember(
    actorId: string,
    departmentId: string,
    input: DepartmentMemberInput,
  ): Promise<{ departmentId: string } & DepartmentMemberInput> {
    return addDepartmentMember(this.pool, actorId, departmentId, input);
  }

  removeMember(actorId: string, departmentId: string, userId: string): Promise<void> {
    return removeDepartmentMember(this.pool, actorId, departmentId, userId);
  }

  addOfficer(
    actorId: string,
    streetId: string,
    userId: string,
  ): Promise<{ streetId: string; userId: string; departmentId: string }> {
    return addStreetOfficer(this.pool, actorId, streetId, userId);
  }

  removeOfficer(actorId: string, streetId: string, userId: string): Promise<void> {
    return removeStreetOfficer(this.pool, actorId, streetId, userId);
  }
}
