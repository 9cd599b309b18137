// A TCP proxy on 127.0.0.1 in front of the test database, which a test can make
// hang (bytes stop flowing, new connections are accepted and held: a database
// that stopped answering) or cut (every connection reset, new ones refused: a
// database that is down), then restore.
import net from 'node:net';

/** A running proxy. */
export interface TcpProxy {
  /** The port it listens on (the same after a cut and a restore). */
  readonly port: number;
  /** Stop forwarding: existing and new connections stay open, and nothing passes. */
  hang(): void;
  /** Reset every connection and refuse new ones. */
  cut(): Promise<void>;
  /** Forward again (after `hang`: the held connections go on; after `cut`: listen again on the same port). */
  restore(): Promise<void>;
  /** Close everything. */
  close(): Promise<void>;
}

/** One client connection and its connection to the target (made when forwarding). */
interface Pair {
  client: net.Socket;
  upstream?: net.Socket;
}

/** Start a proxy to `host:port`. */
export async function startTcpProxy(host: string, port: number): Promise<TcpProxy> {
  const pairs = new Set<Pair>();
  let hung = false;

  const connect = (pair: Pair) => {
    const upstream = net.connect(port, host);
    pair.upstream = upstream;
    pair.client.pipe(upstream).pipe(pair.client);
    const drop = () => {
      pair.client.destroy();
      upstream.destroy();
      pairs.delete(pair);
    };
    upstream.on('error', drop).on('close', drop);
    pair.client.on('error', drop).on('close', drop);
  };

  const onConnection = (client: net.Socket) => {
    const pair: Pair = { client };
    pairs.add(pair);
    if (hung) {
      client.pause();
      client.on('error', () => pairs.delete(pair)).on('close', () => pairs.delete(pair));
    } else {
      connect(pair);
    }
  };

  let server = net.createServer(onConnection);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const proxyPort = (server.address() as net.AddressInfo).port;

  const closeServer = () => new Promise<void>((resolve) => (server.listening ? server.close(() => resolve()) : resolve()));
  const resetAll = () => {
    for (const { client, upstream } of pairs) {
      client.resetAndDestroy();
      upstream?.destroy();
    }
    pairs.clear();
  };

  return {
    port: proxyPort,
    hang() {
      hung = true;
      for (const { client, upstream } of pairs) {
        client.unpipe();
        upstream?.unpipe();
        client.pause();
        upstream?.pause();
      }
    },
    async cut() {
      const closed = closeServer();
      resetAll();
      await closed;
    },
    async restore() {
      hung = false;
      for (const pair of pairs) {
        if (!pair.upstream) {
          connect(pair);
          pair.client.resume();
        } else {
          pair.client.pipe(pair.upstream).pipe(pair.client);
          pair.client.resume();
          pair.upstream.resume();
        }
      }
      if (!server.listening) {
        server = net.createServer(onConnection);
        await new Promise<void>((resolve, reject) => server.once('error', reject).listen(proxyPort, '127.0.0.1', resolve));
      }
    },
    async close() {
      const closed = closeServer();
      resetAll();
      await closed;
    },
  };
}
