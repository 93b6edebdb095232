// Configuration from environment variables, checked at start: each bad value is named with the
// rule it breaks, and the process refuses to start. The embedded default needs none of them.
import { plainToInstance, Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, Min, MinLength, validateSync } from 'class-validator';
import { resolve } from 'node:path';

class HubEnvironment {
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(65535)
  PORT?: number;

  @IsOptional() @IsString() @MinLength(1)
  HUB_DATA_DIR?: string;

  @IsOptional() @IsIn(['sqlite'], { message: 'HUB_EVENT_STORE must be sqlite in this build' })
  HUB_EVENT_STORE?: string;

  @IsOptional() @IsIn(['sqlite'], { message: 'HUB_LEDGER_STORE must be sqlite in this build' })
  HUB_LEDGER_STORE?: string;

  @IsOptional() @IsIn(['json', 'text'])
  HUB_LOG_FORMAT?: string;
}

export interface HubConfig {
  port: number;
  dataDir: string;
  logFormat: 'json' | 'text';
}

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv, defaultPort: number): HubConfig {
  const parsed = plainToInstance(HubEnvironment, { ...env }, { excludeExtraneousValues: false });
  const errors = validateSync(parsed, { skipMissingProperties: false });
  if (errors.length > 0) {
    const lines = errors.flatMap((e) => Object.values(e.constraints ?? {}).map((m) => `  ${e.property}=${JSON.stringify(env[e.property])}: ${m}`));
    throw new ConfigError(`invalid configuration:\n${lines.join('\n')}`);
  }
  return {
    port: parsed.PORT ?? defaultPort,
    dataDir: resolve(parsed.HUB_DATA_DIR ?? 'data'),
    logFormat: parsed.HUB_LOG_FORMAT === 'text' ? 'text' : 'json',
  };
}
