/** Starts bench/servers/serve.ts as a child process and reads its ports and RSS. */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface ServerPorts {
  threadline: number;
  bare: number;
  library: number;
  pid: number;
}

export interface ServerProcess {
  ports: ServerPorts;
  urls: { threadline: string; bare: string; library: string };
  /** Resident set size of the server process, in MiB (from /proc). */
  rssMiB(): number;
  stop(): Promise<void>;
}

const SERVE = fileURLToPath(new URL('../servers/serve.ts', import.meta.url));
const TSX = fileURLToPath(new URL('../../node_modules/.bin/tsx', import.meta.url));

export function startServers(uri: string, password: string): Promise<ServerProcess> {
  // As `npm start` runs the server: graphql-js skips its development-only checks. The password
  // goes through the environment, where other users' `ps` cannot read it.
  const child: ChildProcess = spawn(TSX, [SERVE, uri], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, NODE_ENV: 'production', NEO4J_PASSWORD: password },
  });
  return new Promise((resolve, reject) => {
    let buffered = '';
    child.once('exit', (code) => reject(new Error(`bench servers exited early (code ${code})`)));
    child.stdout?.setEncoding('utf8');
    child.stdout?.on('data', (chunk: string) => {
      buffered += chunk;
      const match = /BENCH_SERVERS_READY (\{.*\})/.exec(buffered);
      if (!match?.[1]) return;
      const ports = JSON.parse(match[1]) as ServerPorts;
      child.removeAllListeners('exit');
      const exited = new Promise<void>((done) => child.once('exit', () => done()));
      resolve({
        ports,
        urls: {
          threadline: `http://127.0.0.1:${ports.threadline}/graphql`,
          bare: `http://127.0.0.1:${ports.bare}/`,
          library: `http://127.0.0.1:${ports.library}/graphql`,
        },
        rssMiB() {
          // tsx runs the script in a child node process: the server is ports.pid, not child.pid.
          const status = readFileSync(`/proc/${ports.pid}/status`, 'utf8');
          const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
          return Math.round(kb / 1024);
        },
        async stop() {
          process.kill(ports.pid, 'SIGTERM');
          await exited;
        },
      });
    });
  });
}
