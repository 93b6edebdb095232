// HTTP hardening every app gets: security headers (helmet), CORS only for configured origins,
// and a check of every JSON body before any code walks it: valid UTF-8, an object at the top,
// bounded depth and size, no field names that reach prototypes, and no text that could not be
// stored as it came (lone surrogates, control characters). Each refusal is a 400 with a code, naming at most a field path.
import type { INestApplication } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { isUtf8 } from 'node:buffer';
import { ACCESS_REASON_HEADER } from './personal-data.reader';

export const MAX_BODY_DEPTH = 16;
export const MAX_BODY_NODES = 20_000;

const INVALID_UTF8 = Symbol('invalid-utf8');

/** body-parser's `verify` hook: notes a body that is not UTF-8 (the parser would silently repair it). */
export function noteInvalidUtf8(req: Request, _res: Response, buf: Buffer): void {
  if (!isUtf8(buf)) (req as Request & { [INVALID_UTF8]?: true })[INVALID_UTF8] = true;
}

// Unpaired surrogates cannot be written as UTF-8; C0/C1 controls other than tab, CR and LF have
// no place in any field of the hub.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const BAD_TEXT = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]|[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

/** Names that reach object prototypes: refused anywhere in a body (prototype pollution). */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

type BodyProblem = { code: string; message: string };

/** Walks the parsed body without recursion, so no body can exhaust the stack. */
export function bodyProblem(body: unknown): BodyProblem | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { code: 'BODY_NOT_OBJECT', message: 'the body must be a JSON object' };
  }
  const stack: { value: unknown; path: string; depth: number }[] = [{ value: body, path: '', depth: 1 }];
  let nodes = 0;
  while (stack.length > 0) {
    const { value, path, depth } = stack.pop()!;
    if (++nodes > MAX_BODY_NODES) return { code: 'BODY_TOO_COMPLEX', message: `the body has more than ${MAX_BODY_NODES} values` };
    if (typeof value === 'string') {
      if (BAD_TEXT.test(value)) return { code: 'BAD_TEXT', message: `${path || 'body'}: text holds a control character or an unpaired surrogate` };
      continue;
    }
    if (typeof value !== 'object' || value === null) continue;
    if (depth > MAX_BODY_DEPTH) return { code: 'BODY_TOO_DEEP', message: `the body is nested deeper than ${MAX_BODY_DEPTH} levels` };
    for (const [key, child] of Object.entries(value)) {
      if (BAD_TEXT.test(key)) return { code: 'BAD_TEXT', message: 'a field name holds a control character or an unpaired surrogate' };
      // The validation pipe's transformer drops these silently instead of refusing them as unknown.
      if (FORBIDDEN_KEYS.has(key)) return { code: 'FORBIDDEN_FIELD', message: `${path ? `${path}.` : ''}${key}: this field name is not accepted` };
      const name = Array.isArray(value) ? `${path}[${key}]` : path ? `${path}.${key}` : key;
      stack.push({ value: child, path: name.length > 100 ? `${name.slice(0, 100)}…` : name, depth: depth + 1 });
    }
  }
  return undefined;
}

const PARSER_ERRORS: Record<string, string> = {
  'entity.parse.failed': 'the body is not valid JSON',
  'entity.too.large': 'request body too large',
  'charset.unsupported': 'unsupported charset: send UTF-8',
  'encoding.unsupported': 'unsupported content encoding',
  'request.aborted': 'the request was aborted',
  'request.size.invalid': 'the body does not match its content-length',
};

/**
 * The JSON parser's own failures, answered before anything can echo them: the parser's message
 * quotes the body ("… is not valid JSON"), and the body may name a citizen.
 */
export function bodyParserErrors(error: unknown, _req: Request, res: Response, next: NextFunction): void {
  const { type, status } = (error ?? {}) as { type?: unknown; status?: unknown };
  if (typeof type !== 'string' || typeof status !== 'number' || status < 400 || status >= 500) return next(error);
  res.status(status).json({ statusCode: status, code: type.toUpperCase().replace(/\W/g, '_'), message: PARSER_ERRORS[type] ?? 'the body could not be read' });
}

/** Runs after the JSON parser: refuses what the parser let through but the hub must not take. */
export function checkJsonBody(req: Request, res: Response, next: NextFunction): void {
  const parsed = req.body !== undefined && (Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined);
  if (!parsed) return next();
  const problem = (req as Request & { [INVALID_UTF8]?: true })[INVALID_UTF8]
    ? { code: 'BODY_NOT_UTF8', message: 'the body is not valid UTF-8' }
    : bodyProblem(req.body);
  if (!problem) return next();
  res.status(400).json({ statusCode: 400, ...problem });
}

export function applyHttpHardening(app: INestApplication, corsOrigins: readonly string[]): void {
  // No upgrade-insecure-requests: inside a county network the hub may be served over plain HTTP
  // behind a TLS-terminating gateway, and the API docs page must still load its scripts.
  app.use(helmet({ contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } } }));
  if (corsOrigins.length > 0) {
    app.enableCors({
      origin: [...corsOrigins],
      methods: ['GET', 'POST', 'DELETE'],
      allowedHeaders: ['authorization', 'x-api-key', 'content-type', 'x-correlation-id', 'x-causation-id', ACCESS_REASON_HEADER],
      maxAge: 600,
    });
  }
}
