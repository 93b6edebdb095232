// The one edge that turns failures into HTTP answers: domain codes to 404/409, validation to 400
// with each field and rule, and everything else to a 500 that names no internals.
import {
  BadRequestException,
  Catch,
  HttpException,
  HttpStatus,
  Logger,
  ValidationPipe,
  type ArgumentsHost,
  type ExceptionFilter,
  type ValidationError,
} from '@nestjs/common';
import type { Response } from 'express';
import { DomainError, type DomainErrorCode } from '@hub/dispute';
import { ConcurrencyConflictError } from '@hub/event-store';

const NOT_FOUND: readonly DomainErrorCode[] = ['DISPUTE_NOT_FOUND', 'PETITION_NOT_FOUND'];

export function statusOf(code: DomainErrorCode): number {
  return NOT_FOUND.includes(code) ? HttpStatus.NOT_FOUND : HttpStatus.CONFLICT;
}

export interface FieldError {
  field: string;
  rule: string;
  message: string;
}

/** Flattens class-validator's tree into one entry per broken rule, with the dotted field path. */
export function fieldErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((e) => {
    const field = parent ? `${parent}.${e.property}` : e.property;
    const own = Object.entries(e.constraints ?? {}).map(([rule, message]) => ({ field, rule, message }));
    return [...own, ...fieldErrors(e.children ?? [], field)];
  });
}

export function hubValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => validationFailed(fieldErrors(errors)),
  });
}

/** The hub's one 400 answer for bad input: each field with the rule it breaks. */
export function validationFailed(details: FieldError[]): BadRequestException {
  return new BadRequestException({
    statusCode: 400,
    code: 'VALIDATION_FAILED',
    message: details.map((d) => `${d.field}: ${d.message}`).join('; '),
    errors: details,
  });
}

/** `validationFailed` for one field and rule checked by hand. */
export function invalidField(field: string, rule: string, message: string): BadRequestException {
  return validationFailed([{ field, rule, message }]);
}

@Catch()
export class HubExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('http');

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    if (exception instanceof DomainError) {
      const status = statusOf(exception.code);
      res.status(status).json({ statusCode: status, code: exception.code, message: exception.message });
    } else if (exception instanceof ConcurrencyConflictError) {
      res.status(409).json({ statusCode: 409, code: exception.code, message: 'the dispute changed meanwhile; try again' });
    } else if (exception instanceof HttpException) {
      const body = exception.getResponse();
      res.status(exception.getStatus()).json(typeof body === 'string' ? { statusCode: exception.getStatus(), message: body } : body);
    } else {
      const status = (exception as { status?: number; type?: string }).status;
      if (typeof status === 'number' && status >= 400 && status < 500) {
        // body-parser's own errors: too large, bad JSON, bad charset.
        const type = (exception as { type?: string }).type ?? 'bad_request';
        res.status(status).json({ statusCode: status, code: type.toUpperCase().replace(/\W/g, '_'), message: messageFor(status) });
        return;
      }
      this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
      res.status(500).json({ statusCode: 500, code: 'INTERNAL', message: 'internal error' });
    }
  }
}

function messageFor(status: number): string {
  if (status === 413) return 'request body too large';
  if (status === 415) return 'unsupported content type or charset';
  return 'request body is not valid JSON';
}
