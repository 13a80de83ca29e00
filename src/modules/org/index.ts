import { describeAuditEntity } from '../audit/index.ts';
import { departmentTitles, userTitles } from './service.ts';
// What other areas may use of the organisation (departments and people).
export { departmentSubtree, presentMe, createDepartment, createUser, namesOf, activeWithRole } from './service.ts';
export { DepartmentCreate, UserCreate } from './schemas.ts';
export { POLITICAL_STATUSES, UserOut } from './schemas.ts';
export { orgRoutes } from './routes.ts';
export type {} from './events.ts';

describeAuditEntity('user', userTitles);
describeAuditEntity('department', departmentTitles);
