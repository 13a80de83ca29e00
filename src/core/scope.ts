// A read scope: what a viewer may read of an entity, as one SQL condition. Lists filter with
// it and a single row is loaded through it (`where id = ? and <scope>`), so a list and a detail
// page can never disagree about what someone may see; an object outside the scope is a 404.
import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';

export type ScopeCondition = (eb: ExpressionBuilder<any, any>) => Expression<SqlBool>;

/** Everything: for viewers who read all rows of the entity. */
export const everything: ScopeCondition = (eb) => eb.lit(true) as unknown as Expression<SqlBool>;
