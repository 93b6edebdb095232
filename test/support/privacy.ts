// Helpers for tests that prove personal data is gone (or never was): search the raw bytes of a
// data folder, an HTTP answer, an export or a feed for a citizen's name and phone, in every
// encoding a store or serializer could use; and capture everything an app logs.
import Database from 'better-sqlite3';
import type { LoggerService } from '@nestjs/common';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The byte patterns `text` can take: UTF-8, UTF-16 (either byte order), JSON \u escapes. */
export function encodingsOf(text: string): { encoding: string; bytes: Buffer }[] {
  const escaped = (upper: boolean) =>
    [...text].map((c) => (c.charCodeAt(0) < 128 ? c : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)).join('')[upper ? 'toUpperCase' : 'toString']();
  const forms = [
    { encoding: 'utf8', bytes: Buffer.from(text, 'utf8') },
    { encoding: 'utf16le', bytes: Buffer.from(text, 'utf16le') },
    { encoding: 'utf16be', bytes: Buffer.from(text, 'utf16le').swap16() },
    { encoding: 'json-escaped', bytes: Buffer.from(escaped(false), 'utf8') },
    { encoding: 'json-escaped-upper', bytes: Buffer.from(escaped(true).replace(/\\U/g, '\\u'), 'utf8') },
  ];
  return forms.filter((f, i) => forms.findIndex((g) => g.bytes.equals(f.bytes)) === i);
}

export interface Finding {
  where: string;
  needle: string;
  encoding: string;
}

/** Where any needle occurs in `bytes`, in any of its encodings. */
export function findIn(where: string, bytes: Buffer, needles: readonly (string | Buffer)[]): Finding[] {
  const found: Finding[] = [];
  for (const needle of needles) {
    const forms = typeof needle === 'string' ? encodingsOf(needle) : [{ encoding: 'bytes', bytes: needle }];
    for (const form of forms) {
      if (bytes.includes(form.bytes)) found.push({ where, needle: typeof needle === 'string' ? needle : needle.toString('hex'), encoding: form.encoding });
    }
  }
  return found;
}

export function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** Every file under `dir` (with -wal and -shm files) searched byte for byte. */
export function findInFiles(dir: string, needles: readonly (string | Buffer)[]): Finding[] {
  return filesUnder(dir).flatMap((file) => findIn(file, readFileSync(file), needles));
}

/** Folds every SQLite file's write-ahead log into it and empties the log, as a checkpoint does. */
export function checkpointAll(dir: string): void {
  for (const file of filesUnder(dir).filter((f) => f.endsWith('.db'))) {
    const db = new Database(file);
    try {
      db.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      db.close();
    }
  }
}

/** A Nest logger that keeps every line an app logs, at every level. */
export class LogCapture implements LoggerService {
  readonly lines: string[] = [];
  private add(level: string, message: unknown, params: unknown[]) {
    this.lines.push(`${level} ${[message, ...params].map((m) => (m instanceof Error ? `${m.message}\n${m.stack}` : typeof m === 'string' ? m : JSON.stringify(m))).join(' ')}`);
  }
  log(message: unknown, ...params: unknown[]) {
    this.add('log', message, params);
  }
  error(message: unknown, ...params: unknown[]) {
    this.add('error', message, params);
  }
  warn(message: unknown, ...params: unknown[]) {
    this.add('warn', message, params);
  }
  debug(message: unknown, ...params: unknown[]) {
    this.add('debug', message, params);
  }
  verbose(message: unknown, ...params: unknown[]) {
    this.add('verbose', message, params);
  }
  fatal(message: unknown, ...params: unknown[]) {
    this.add('fatal', message, params);
  }
  get text(): string {
    return this.lines.join('\n');
  }
}
