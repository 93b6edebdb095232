// `npm run verify [-- <ledger file>]`: checks the ledger journal's hash chain straight from its
// SQLite file (default: the embedded hub's `$HUB_DATA_DIR/hub.db`), with the hub running or not.
// Prints the head to keep as an anchor, or each altered, removed or inserted entry; exit code 1
// when the chain is broken, 2 when the file cannot be read.
import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { openSqlite } from '@hub/event-store';
import { JournalVerifier, type ChainReport } from '@hub/ledger-core';
import { SqliteLedgerStore } from './sqlite-ledger.store';

const PAGE = 1000;

export async function verifyLedgerFile(file: string): Promise<ChainReport> {
  const ledger = new SqliteLedgerStore(openSqlite(file));
  try {
    const verifier = new JournalVerifier();
    for (let after = 0; ; ) {
      const page = await ledger.journal(after, PAGE);
      if (page.length === 0) break;
      verifier.add(page);
      after = page[page.length - 1].seq;
    }
    return verifier.report();
  } finally {
    await ledger.close();
  }
}

async function main(): Promise<number> {
  const file = resolve(process.argv[2] ?? join(process.env.HUB_DATA_DIR ?? 'data', 'hub.db'));
  if (!existsSync(file)) {
    console.error(`no ledger file at ${file}`);
    return 2;
  }
  const report = await verifyLedgerFile(file);
  if (report.ok) {
    console.log(`journal intact: ${report.entries} entries; head ${report.head ? `${report.head.seq} ${report.head.hash}` : '(empty)'}`);
    return 0;
  }
  console.log(`journal BROKEN: ${report.problems.length} problem(s) in ${report.entries} entries`);
  for (const p of report.problems) console.log(`  ${p.kind}: ${p.message}`);
  return 1;
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(`verify failed: ${(error as Error).message}`);
      process.exit(2);
    },
  );
}
