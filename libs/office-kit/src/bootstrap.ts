// How every app of the hub is served: strict JSON bodies with a size limit, one validation pipe,
// one error filter, the OpenAPI document and UI at /docs, and a clean shutdown.
import { ConsoleLogger, type DynamicModule, type INestApplication, type Type } from '@nestjs/common';
import { mkdirSync } from 'node:fs';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { validationMetadatasToSchemas } from 'class-validator-jsonschema';
import { applyHttpHardening, bodyParserErrors, checkJsonBody, corsOriginsOf, noteInvalidUtf8, SecurityConfigError } from '@hub/security';
import type { NextFunction, Request, Response } from 'express';
import { StoreUnavailableError } from '@hub/event-store';
import { ConfigError, loadConfig, type HubConfig } from './config';
import { HubExceptionFilter, hubValidationPipe } from './http-errors';

export const BODY_LIMIT = '256kb';

/** Refuses bodies that are not JSON before anything reads them. */
function requireJson(req: Request, res: Response, next: NextFunction): void {
  const hasBody = Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
  if (hasBody && !req.is('application/json')) {
    res.status(415).json({ statusCode: 415, code: 'UNSUPPORTED_MEDIA_TYPE', message: 'send the body as application/json' });
    return;
  }
  next();
}

/** `corsOrigins`: browser origins allowed to call the API (HUB_CORS_ORIGINS); none turns CORS off. */
export function configureApp(app: NestExpressApplication, title: string, corsOrigins: readonly string[] = corsOriginsOf(process.env.HUB_CORS_ORIGINS)): void {
  applyHttpHardening(app, corsOrigins);
  app.use(requireJson);
  app.useBodyParser('json', { limit: BODY_LIMIT, strict: true, verify: noteInvalidUtf8 });
  app.use(bodyParserErrors);
  app.use(checkJsonBody);
  app.useGlobalPipes(hubValidationPipe());
  app.useGlobalFilters(new HubExceptionFilter());
  app.enableShutdownHooks();
  app.getHttpAdapter().getInstance().disable('x-powered-by');

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle(title)
      .setDescription('Inter-agency dispute hub (矛盾纠纷信息联通平台): office commands and the shared ledger (台账).')
      .setVersion('1')
      .build(),
  );
  // Request bodies are described by the same class-validator rules that check them.
  const schemas = validationMetadatasToSchemas({ refPointerPrefix: '#/components/schemas/' });
  document.components = { ...document.components, schemas: { ...document.components?.schemas, ...(schemas as object) } };
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/openapi.json' });
}

export async function createApp(module: Type<unknown> | DynamicModule, title: string, logFormat: 'json' | 'text' = 'json'): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(module, {
    bodyParser: false,
    logger: new ConsoleLogger({ json: logFormat === 'json', prefix: 'hub' }),
    // A store that cannot be reached is reported by runApp in one clear line, not a stack trace.
    abortOnError: false,
  });
  configureApp(app, title);
  return app;
}

/** Starts one app of the hub from the environment: the hub itself, or one office or the ledger alone. */
export function runApp(title: string, defaultPort: number, module: (config: HubConfig) => DynamicModule): void {
  const start = async () => {
    const config = loadConfig(process.env, defaultPort);
    mkdirSync(config.dataDir, { recursive: true });
    const app = await createApp(module(config), title, config.logFormat);
    await app.listen(config.port);
    console.log(`${title} listening on http://localhost:${config.port} (API docs: /docs, data: ${config.dataDir})`);
  };
  start().catch((error: unknown) => {
    const known = error instanceof ConfigError || error instanceof SecurityConfigError || error instanceof StoreUnavailableError;
    console.error(known ? error.message : error);
    process.exit(1);
  });
}
