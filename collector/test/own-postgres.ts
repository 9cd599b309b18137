// A PostgreSQL server of one test's own, which the test may stop and start
// with pg_ctl (the shared server of scripts/with-postgres.sh serves every other
// test and must stay up). Made the way that script makes its cluster: Debian's
// server binaries, a temporary directory, 127.0.0.1 on a free port, trust
// authentication, run as the `postgres` user when the tests run as root.
import { execFile } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** A running throw-away cluster. */
export interface OwnPostgres {
  /** `postgres://postgres@127.0.0.1:PORT/postgres`. */
  url: string;
  /** `pg_ctl stop -m fast`: the server ends its sessions and stops listening. */
  stop(): Promise<void>;
  /** `pg_ctl start` on the same port. */
  start(): Promise<void>;
  /** Stop it (if running) and remove its directory. */
  remove(): Promise<void>;
}

/** The newest PostgreSQL server binaries installed (Debian's layout), or undefined. */
export function postgresBinaries(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root).sort((a, b) => Number(b) - Number(a));
  return versions
    .map((version) => join(root, version, 'bin'))
    .find((bin) => existsSync(join(bin, 'pg_ctl')) && existsSync(join(bin, 'initdb')));
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Initialise and start a cluster with the binaries in `bin`. */
export async function startOwnPostgres(bin: string): Promise<OwnPostgres> {
  const asRoot = process.getuid?.() === 0;
  // PostgreSQL refuses to run as root.
  const asOwner = (command: string, args: string[]) =>
    asRoot ? run('runuser', ['-u', 'postgres', '--', join(bin, command), ...args]) : run(join(bin, command), args);
  const root = mkdtempSync(join(tmpdir(), 'consent-gate-own-pg-'));
  if (asRoot) chownSync(root, Number((await run('id', ['-u', 'postgres'])).stdout), Number((await run('id', ['-g', 'postgres'])).stdout));
  const data = join(root, 'data');
  const port = await freePort();
  const options = `-p ${port} -k ${root} -c listen_addresses=127.0.0.1`;
  let running = false;
  const start = async () => {
    await asOwner('pg_ctl', ['-D', data, '-l', join(root, 'server.log'), '-w', '-t', '60', '-o', options, 'start']);
    running = true;
  };
  const stop = async () => {
    await asOwner('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
    running = false;
  };
  try {
    await asOwner('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C.UTF-8']);
    await start();
  } catch (error) {
    rmSync(root, { recursive: true, force: true });
    throw error;
  }
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop,
    start,
    async remove() {
      if (running) await stop();
      rmSync(root, { recursive: true, force: true });
    },
  };
}
