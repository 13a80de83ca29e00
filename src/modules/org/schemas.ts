import { Type, type Static } from 'typebox';
import { ROLES } from '../../lib/context.ts';
import { MIN_PASSWORD_LENGTH } from '../../lib/password-policy.ts';
import { PageQuery, pageOf } from '../../lib/pagination.ts';
import { Id, OneOf } from '../../lib/schema.ts';
export { IdParams } from '../../lib/schema.ts';

export const POLITICAL_STATUSES = ['party_member', 'probationary', 'league_member', 'none'] as const;


export const DepartmentCreate = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 100 }),
  parentId: Type.Optional(Type.Union([Id, Type.Null()])),
  code: Type.Optional(Type.Union([Type.String({ maxLength: 50 }), Type.Null()])),
  sortOrder: Type.Optional(Type.Integer({ minimum: 0, maximum: 100000 })),
}, { additionalProperties: false });
export type DepartmentCreate = Static<typeof DepartmentCreate>;

export const DepartmentPatch = Type.Partial(DepartmentCreate, { additionalProperties: false, minProperties: 1 });
export type DepartmentPatch = Static<typeof DepartmentPatch>;

const thisYear = new Date().getUTCFullYear();

const userFields = {
  login: Type.String({ minLength: 2, maxLength: 64, pattern: '^[A-Za-z0-9_.-]+$' }),
  name: Type.String({ minLength: 1, maxLength: 100 }),
  password: Type.String({ minLength: MIN_PASSWORD_LENGTH, maxLength: 256 }),
  departmentId: Type.Union([Id, Type.Null()]),
  roles: Type.Array(OneOf(ROLES), { maxItems: 8, uniqueItems: true }),
  politicalStatus: OneOf(POLITICAL_STATUSES),
  birthYear: Type.Union([Type.Integer({ minimum: 1900, maximum: thisYear + 1 }), Type.Null()]),
  employeeNo: Type.Union([Type.String({ minLength: 1, maxLength: 50 }), Type.Null()]),
  skills: Type.Array(Type.String({ minLength: 1, maxLength: 50 }), { maxItems: 50 }),
  disabled: Type.Boolean(),
};

export const UserCreate = Type.Object({
  login: userFields.login,
  name: userFields.name,
  password: Type.Optional(userFields.password),
  departmentId: Type.Optional(userFields.departmentId),
  roles: Type.Optional(userFields.roles),
  politicalStatus: Type.Optional(userFields.politicalStatus),
  birthYear: Type.Optional(userFields.birthYear),
  employeeNo: Type.Optional(userFields.employeeNo),
  skills: Type.Optional(userFields.skills),
  external: Type.Optional(Type.Boolean({ description: 'an external expert (外聘专家): only the expert role; reviews, but does not apply or join teams' })),
}, { additionalProperties: false });
export type UserCreate = Static<typeof UserCreate>;

export const UserPatch = Type.Partial(Type.Object(userFields), { additionalProperties: false, minProperties: 1 });
export type UserPatch = Static<typeof UserPatch>;

export const UserQuery = Type.Object({
  ...PageQuery,
  q: Type.Optional(Type.String({ maxLength: 100 })),
  departmentId: Type.Optional(Id),
  role: Type.Optional(OneOf(ROLES)),
}, { additionalProperties: false });
export type UserQuery = Static<typeof UserQuery>;

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

export const DepartmentOut = Type.Object({
  id: Type.String(), name: Type.String(), parentId: Nullable(Type.String()), code: Nullable(Type.String()), sortOrder: Type.Integer(),
  allowedActions: Type.Array(Type.String()),
});
export const DepartmentList = Type.Object({ items: Type.Array(DepartmentOut) });

export const UserOut = Type.Object({
  id: Type.String(), login: Type.String(), name: Type.String(), departmentId: Nullable(Type.String()), employeeNo: Nullable(Type.String()),
  departmentName: Type.Optional(Nullable(Type.String())),
  roles: Type.Array(OneOf(ROLES)), disabled: Type.Boolean(),
  external: Type.Boolean({ description: 'an external expert: the expert role only' }),
  // Personnel data: only for the person, admin, organizer, supervisor, leader and party branch.
  politicalStatus: Type.Optional(OneOf(POLITICAL_STATUSES)),
  birthYear: Type.Optional(Type.Union([Type.Integer(), Type.Null()])),
  skills: Type.Optional(Type.Array(Type.String())),
  isYouth: Type.Optional(Type.Union([Type.Boolean(), Type.Null()])),
  allowedActions: Type.Array(Type.String()),
});
export const UserPage = pageOf(UserOut);
export const UserCreated = Type.Intersect([UserOut, Type.Object({
  initialPassword: Type.Optional(Type.String({ description: 'when no password was given: the generated one, shown only in this answer' })),
})]);

export const RoleList = Type.Object({
  items: Type.Array(Type.Object({ id: OneOf(ROLES), scopedToDepartment: Type.Boolean() })),
});
