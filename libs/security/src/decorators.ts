// How a route states who may call it. The access guard refuses every route that states nothing,
// except an office's own command routes (`/v1/<office>/...`), which need that office's write scope.
import { createParamDecorator, ForbiddenException, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { Office } from '@hub/contracts';
import type { Principal, Scope } from './scopes';

export const PUBLIC_ROUTE = 'hub:public-route';
export const REQUIRED_SCOPES = 'hub:required-scopes';

/** Open to anyone, without a key. Only for what shows no data: the health check. */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);

/** The caller's key must hold every one of these scopes. */
export const RequireScopes = (...scopes: Scope[]) => SetMetadata(REQUIRED_SCOPES, scopes);

export type AuthenticatedRequest = { principal: Principal };

/** The principal the request acts as (set by the access guard). */
export const CurrentPrincipal = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => {
  const principal = ctx.switchToHttp().getRequest<Partial<AuthenticatedRequest>>().principal;
  if (!principal) throw new Error('CurrentPrincipal on a route the access guard did not authenticate');
  return principal;
});

/** Things that belong to one office (a feed subscription) are that office's alone. */
export function requireOwner(principal: Principal, owner: Office): void {
  if (principal.office !== owner) {
    throw new ForbiddenException({ statusCode: 403, code: 'NOT_OWNER', message: `this belongs to the ${owner} office` });
  }
}
