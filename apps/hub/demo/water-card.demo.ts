// `npm run demo`: plays the water-card case through the public HTTP API of a running hub
// (HUB_URL, default http://localhost:3000) and prints the resulting ledger record. Each office
// acts with its own key: HUB_API_KEY_HOTLINE, …, or else the keys the hub's first start wrote to
// $HUB_DATA_DIR/api-keys.env (default ./data).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { waterCardComplaint, waterCardSteps } from './water-card.scenario';

const base = process.env.HUB_URL ?? 'http://localhost:3000';
const keyFile = join(process.env.HUB_DATA_DIR ?? 'data', 'api-keys.env');
const fileKeys = existsSync(keyFile) ? readFileSync(keyFile, 'utf8') : '';

function keyOf(holder: string): string {
  const name = `HUB_API_KEY_${holder.toUpperCase()}`;
  const key = process.env[name] ?? new RegExp(`^${name}=(\\S+)$`, 'm').exec(fileKeys)?.[1];
  if (!key) throw new Error(`no key for ${holder}: set ${name} or run the demo beside the hub's data folder (${keyFile})`);
  return key;
}

/** The office a route belongs to: /v1/<office>/... */
const officeOf = (path: string) => path.split('/')[2];

async function post(path: string, body: unknown): Promise<{ disputeId: string; position: number; duplicate?: boolean }> {
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${keyOf(officeOf(path))}` };
  const res = await fetch(base + path, { method: 'POST', headers, body: JSON.stringify(body) });
  const answer = (await res.json()) as { disputeId: string; position: number; code?: string; message?: string };
  if (!res.ok) throw new Error(`${path} answered ${res.status}: ${answer.code ?? ''} ${answer.message ?? ''}`);
  return answer;
}

async function main(): Promise<void> {
  const { disputeId, duplicate } = await post('/v1/hotline/complaints', waterCardComplaint);
  console.log(`12345 work order ${waterCardComplaint.ticketNo} -> dispute ${disputeId}`);
  let position = 0;
  // Pushing the same work order again changes nothing: the case was played before.
  if (duplicate) console.log('  (this hub already holds the case; showing its record)');
  for (const step of duplicate ? [] : waterCardSteps) {
    const result = await post(step.path(disputeId), step.body);
    position = Math.max(position, result.position);
    console.log(`  ${String(step.body.at).slice(0, 10)}  ${step.title}`);
  }
  const res = await fetch(`${base}/v1/ledger/disputes/${disputeId}?after=${position}`, { headers: { authorization: `Bearer ${keyOf('judicial')}` } });
  console.log(JSON.stringify(await res.json(), null, 2));
}

main().catch((error: unknown) => {
  console.error(`demo failed: ${(error as Error).message}`);
  if ((error as { cause?: { code?: string } }).cause?.code === 'ECONNREFUSED') console.error(`is the hub running at ${base}? start it with: npm start`);
  process.exit(1);
});
