// Sends a planned history to the hub through its public HTTP API, in time order. Against an
// in-process hub the clock follows the plan, so recorded times equal business times.
import type { PlannedRequest } from './county-plan';

export interface Answer {
  status: number;
  body: { code?: string; message?: string; position?: number };
}

export interface ExecutionReport {
  requests: number;
  accepted: number;
  /** Requests the hub's rules refused (409): counted, never hidden. */
  refused: Record<string, number>;
  lastPosition: number;
}

export async function executePlan(
  plan: readonly PlannedRequest[],
  send: (request: PlannedRequest) => Promise<Answer>,
  progress: (done: number) => void = () => undefined,
): Promise<ExecutionReport> {
  const report: ExecutionReport = { requests: plan.length, accepted: 0, refused: {}, lastPosition: 0 };
  for (let i = 0; i < plan.length; i++) {
    const answer = await send(plan[i]);
    if (answer.status === 202) {
      report.accepted += 1;
      report.lastPosition = Math.max(report.lastPosition, answer.body.position ?? 0);
    } else if (answer.status === 409) {
      const code = answer.body.code ?? 'CONFLICT';
      report.refused[code] = (report.refused[code] ?? 0) + 1;
    } else {
      throw new Error(`${plan[i].path} at ${plan[i].at} answered ${answer.status}: ${answer.body.code ?? ''} ${answer.body.message ?? ''}`);
    }
    if (i % 100 === 99 || i === plan.length - 1) progress(i + 1);
  }
  return report;
}
