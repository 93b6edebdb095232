// The one gate of every route of every app of the hub (a global guard): authenticate the key,
// then authorise by the route's declared policy, denying whatever declares none. Office command
// routes (`/v1/<office>/...`) need that office's write scope, so no office speaks for another,
// and are rate-limited per key.
import {
  ForbiddenException,
  HttpException,
  HttpStatus,
  Inject,
  Injectable,
  Logger,
  UnauthorizedException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { PATH_METADATA } from '@nestjs/common/constants';
// Nest injects these by their runtime classes: the imports must stay values.
// eslint-disable-next-line @typescript-eslint/consistent-type-imports
import { Reflector } from '@nestjs/core';
// eslint-disable-next-line @typescript-eslint/consistent-type-imports
import { ThrottlerException, ThrottlerGuard } from '@nestjs/throttler';
import type { Request, Response } from 'express';
import type { Office } from '@hub/contracts';
import { keyOfRequest } from './api-key';
import { API_KEYS, type ApiKeyStore } from './api-key.store';
import { PUBLIC_ROUTE, REQUIRED_SCOPES } from './decorators';
import { isOffice, missingScopes, writeScopeOf, type Principal, type Scope } from './scopes';
import { SECURITY_OPTIONS, type SecurityOptions } from './security.options';

export type RoutePolicy = { kind: 'public' } | { kind: 'scopes'; scopes: Scope[] } | { kind: 'office'; office: Office } | { kind: 'undeclared' };

/** What a route requires: its own declaration first, then the office-route convention, else nothing is allowed. */
export function routePolicy(isPublic: boolean, scopes: Scope[] | undefined, controllerPath: string | undefined): RoutePolicy {
  if (isPublic) return { kind: 'public' };
  if (scopes) return { kind: 'scopes', scopes };
  const office = /^\/?v1\/([a-z]+)(\/|$)/.exec(controllerPath ?? '')?.[1];
  return office && isOffice(office) ? { kind: 'office', office } : { kind: 'undeclared' };
}

@Injectable()
export class AccessGuard implements CanActivate {
  private readonly logger = new Logger('access');

  constructor(
    private readonly reflector: Reflector,
    @Inject(API_KEYS) private readonly keys: ApiKeyStore,
    @Inject(SECURITY_OPTIONS) private readonly options: SecurityOptions,
    private readonly throttle: ThrottlerGuard,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    // Only HTTP is served; anything else reaching a guarded handler is refused, not waved through.
    if (ctx.getType() !== 'http') return false;
    const targets = [ctx.getHandler(), ctx.getClass()];
    const policy = routePolicy(
      this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets) ?? false,
      this.reflector.getAllAndOverride<Scope[]>(REQUIRED_SCOPES, targets),
      Reflect.getMetadata(PATH_METADATA, ctx.getClass()) as string | undefined,
    );
    if (policy.kind === 'public') return true;

    const req = ctx.switchToHttp().getRequest<Request & { principal?: Principal }>();
    const token = keyOfRequest(req.headers);
    const principal = token ? await this.keys.authenticate(token, this.options.now()) : undefined;
    if (!principal) {
      ctx.switchToHttp().getResponse<Response>().setHeader('WWW-Authenticate', 'Bearer realm="dispute-hub"');
      throw new UnauthorizedException({
        statusCode: 401,
        code: token ? 'INVALID_API_KEY' : 'MISSING_API_KEY',
        message: token ? 'the API key is unknown, revoked or malformed' : 'send an API key: Authorization: Bearer <key> (or X-API-Key: <key>)',
      });
    }
    req.principal = principal;

    const route = `${req.method} ${(req.route as { path?: string } | undefined)?.path ?? req.path}`;
    const deny = (code: string, message: string): never => {
      this.logger.warn(`refused ${principal.id} (key ${principal.keyId}) on ${route}: ${code}`);
      throw new ForbiddenException({ statusCode: 403, code, message });
    };
    switch (policy.kind) {
      case 'scopes': {
        const missing = missingScopes(principal, policy.scopes);
        if (missing.length > 0) deny('MISSING_SCOPE', `this key lacks the scope ${missing.join(', ')}`);
        return true;
      }
      case 'office': {
        const missing = missingScopes(principal, [writeScopeOf(policy.office)]);
        if (missing.length > 0 || principal.office !== policy.office) deny('OTHER_OFFICE', `only the ${policy.office} office may do this`);
        await this.throttled(ctx);
        return true;
      }
      case 'undeclared':
        return deny('NO_ACCESS_POLICY', 'this route declares no access policy, so it is closed');
      default: {
        const unknown: never = policy;
        return unknown;
      }
    }
  }

  private async throttled(ctx: ExecutionContext): Promise<void> {
    try {
      await this.throttle.canActivate(ctx);
    } catch (error) {
      if (!(error instanceof ThrottlerException)) throw error;
      throw new HttpException(
        { statusCode: 429, code: 'RATE_LIMITED', message: `at most ${this.options.writesPerMinute} writes a minute per key: retry after the Retry-After seconds` },
        HttpStatus.TOO_MANY_REQUESTS,
      );
    }
  }
}
