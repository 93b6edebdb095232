// Who acts and in which conversation: taken from the request, never invented by the domain.
import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import type { CommandMetadata } from './office-writer';

const HEADER_VALUE = /^[\w.:@/-]{1,128}$/;

function header(req: Request, name: string): string | undefined {
  const value = req.header(name);
  return value && HEADER_VALUE.test(value) ? value : undefined;
}

export const Metadata = createParamDecorator((office: string, ctx: ExecutionContext): CommandMetadata => {
  const req = ctx.switchToHttp().getRequest<Request & { principal?: { id: string } }>();
  return {
    actor: req.principal?.id ?? header(req, 'x-actor') ?? `office:${office}`,
    correlationId: header(req, 'x-correlation-id'),
    causationId: header(req, 'x-causation-id'),
  };
});
