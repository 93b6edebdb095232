#!/usr/bin/env node
// `hub`: the analysts' command-line tool. Reads the hub's data folder (HUB_DATA_DIR, default
// ./data): exports the event history, shows the ledger as it stood at a past moment, rebuilds
// it, prints the figures, verifies the live ledger against a replay, and generates a county's
// history through the public API.
import 'reflect-metadata';
import { Command, InvalidArgumentError, Option } from 'commander';
import { resolve } from 'node:path';
import { exportCommand, importCommand } from './commands/events';
import { asOfCommand, rebuildCommand, statsCommand, verifyCommand } from './commands/ledger';
import { generateCommand } from './commands/generate';

const instant = (value: string) => {
  if (Number.isNaN(Date.parse(value)) || !/(Z|[+-]\d{2}:\d{2})$/.test(value)) throw new InvalidArgumentError('an ISO-8601 date-time with a zone, e.g. 2024-01-01T00:00:00+08:00');
  return value;
};
const positiveInt = (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('a positive whole number');
  return n;
};
const list = (value: string) => value.split(',').map((s) => s.trim()).filter(Boolean);

const program = new Command('hub')
  .description('The dispute hub for analysts: history, point-in-time ledger, rebuilds and figures')
  .addOption(new Option('-d, --data-dir <dir>', 'the hub data folder').env('HUB_DATA_DIR').default('data'))
  .showHelpAfterError();

const dataDir = () => resolve(program.opts<{ dataDir: string }>().dataDir);

const filterOptions = (cmd: Command) =>
  cmd
    .option('--office <offices>', 'only these offices (comma-separated)', list)
    .option('--type <types>', 'only these event types (comma-separated)', list)
    .option('--dispute <ids>', 'only these disputes (comma-separated)', list)
    .option('--street <streets>', 'only disputes in these streets', list)
    .option('--community <communities>', 'only disputes in these communities', list)
    .option('--from <time>', 'events that happened at or after', instant)
    .option('--to <time>', 'events that happened before', instant);

const events = program.command('events').description('the event history');
filterOptions(events.command('export').description('stream the history as NDJSON or CSV to standard output (personal data masked)'))
  .addOption(new Option('--format <format>', 'output format').choices(['ndjson', 'csv']).default('ndjson'))
  .option('--after <seq>', 'resume after this journal position', (v) => Number(v), 0)
  .action((opts) => exportCommand(dataDir(), opts));
events
  .command('import <file>')
  .description('apply an NDJSON export to this hub\'s ledger (an empty hub rebuilds the same ledger)')
  .action((file: string) => importCommand(dataDir(), file));

const ledger = program.command('ledger').description('the shared ledger (台账)');
ledger
  .command('as-of <time>')
  .description('the ledger as it stood at a past moment, from the events alone (NDJSON)')
  .option('--dispute <id>', 'one dispute only')
  .action((time: string, opts) => asOfCommand(dataDir(), instant(time), opts));
ledger
  .command('rebuild')
  .description('rebuild the ledger from the full history beside the live one, then switch over at once; resumes after being stopped')
  .action(() => rebuildCommand(dataDir()));

program
  .command('stats')
  .description('the figures of docs/figures.md for a time range')
  .requiredOption('--from <time>', 'period start', instant)
  .requiredOption('--to <time>', 'period end (exclusive)', instant)
  .addOption(new Option('--group-by <grouping>', 'group the figures').choices(['month', 'category', 'street', 'community', 'tier']))
  .addOption(new Option('--format <format>', 'output format').choices(['table', 'csv', 'json']).default('table'))
  .action((opts) => statsCommand(dataDir(), opts));

program
  .command('verify')
  .description('replay the history and check that the live ledger equals it, and that the journal chain is intact')
  .action(() => verifyCommand(dataDir()));

const demo = program.command('demo').description('demonstration data');
demo
  .command('generate')
  .description('generate a county\'s offices over years through the public API (seeded, reproducible)')
  .option('--seed <n>', 'random seed', positiveInt, 1)
  .option('--disputes <n>', 'how many disputes', positiveInt, 500)
  .option('--from <time>', 'start of the history', instant, '2023-01-01T00:00:00+08:00')
  .option('--years <n>', 'how many years', positiveInt, 2)
  .option('--resolved-property <n>', 'the seed\'s county figure: this many property disputes, all resolved and followed up', positiveInt)
  .option('--url <url>', 'a running hub to send to (keys from HUB_API_KEY_<OFFICE>); default: an in-process hub on the data folder')
  .action((opts) => generateCommand(dataDir(), opts));

// A reader that stops early (`| head`) is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

program.parseAsync(process.argv).catch((error: unknown) => {
  console.error(`hub: ${(error as Error).message}`);
  process.exit(1);
});
