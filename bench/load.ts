import fs from 'node:fs';
import http from 'node:http';
import { performance } from 'node:perf_hooks';

/**
 * A bounded HTTP load generator for loopback only: `clients` connections, each sending one
 * request, waiting for the whole answer, then sending the next (as a person's browser tab does),
 * until the time is up or `maxRequests` have been sent in all.
 */

/** One client: its path and its headers (the session cookie), on a keep-alive connection of its own. */
export interface LoadClient {
  path: string;
  headers?: Record<string, string>;
}

export interface LoadResult {
  requests: number;
  /** Answers other than 2xx, and failed connections. */
  errors: number;
  statuses: Record<string, number>;
  seconds: number;
  /** Completed requests per second. */
  throughput: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** CPU used by the server process during the run, in cores (1.0 = one core busy all the time). */
  serverCpu: number | null;
  /** CPU used by this load generator during the run, in cores. */
  clientCpu: number;
}

/** One GET on a kept-alive connection; resolves with the status once the body has been read. */
function get(port: number, agent: http.Agent, client: LoadClient): Promise<number> {
  return new Promise((resolve) => {
    const req = http.get(
      { host: '127.0.0.1', port, path: client.path, headers: client.headers ?? {}, agent },
      (res) => {
        res.on('data', () => {});
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', () => resolve(0));
      },
    );
    req.setTimeout(30_000, () => req.destroy(new Error('timeout')));
    req.on('error', () => resolve(0));
  });
}

/** CPU seconds (user + system) a process has used so far, from /proc; null where /proc is missing. */
function cpuSecondsOf(pid: number | undefined): number | null {
  if (!pid) return null;
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    // utime and stime are fields 14 and 15 of the line, 12 and 13 after the command name.
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

function percentile(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? 0;
}

export async function runLoad(options: {
  port: number;
  clients: LoadClient[];
  seconds: number;
  maxRequests?: number;
  serverPid?: number;
}): Promise<LoadResult> {
  const { port, clients, seconds, maxRequests = 5_000_000, serverPid } = options;
  const agents = clients.map(() => new http.Agent({ keepAlive: true, maxSockets: 1 }));
  let latencies = new Float64Array(1 << 16);
  let count = 0;
  let sent = 0;
  let errors = 0;
  const statuses: Record<string, number> = {};
  const serverCpu0 = cpuSecondsOf(serverPid);
  const clientCpu0 = process.cpuUsage();
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    clients.map(async (client, i) => {
      const agent = agents[i] as http.Agent;
      while (sent < maxRequests && performance.now() < deadline) {
        sent++;
        const t0 = performance.now();
        const status = await get(port, agent, client);
        const ms = performance.now() - t0;
        if (count === latencies.length) {
          const grown = new Float64Array(latencies.length * 2);
          grown.set(latencies);
          latencies = grown;
        }
        latencies[count++] = ms;
        statuses[status] = (statuses[status] ?? 0) + 1;
        if (status < 200 || status >= 300) errors++;
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  const serverCpu1 = cpuSecondsOf(serverPid);
  const clientCpu = process.cpuUsage(clientCpu0);
  for (const agent of agents) agent.destroy();
  const sorted = latencies.slice(0, count).sort();
  return {
    requests: count,
    errors,
    statuses,
    seconds: elapsed,
    throughput: count / elapsed,
    p50: percentile(sorted, 0.5),
    p95: percentile(sorted, 0.95),
    p99: percentile(sorted, 0.99),
    max: sorted[sorted.length - 1] ?? 0,
    serverCpu: serverCpu0 !== null && serverCpu1 !== null ? (serverCpu1 - serverCpu0) / elapsed : null,
    clientCpu: (clientCpu.user + clientCpu.system) / 1e6 / elapsed,
  };
}
