// @ts-nocheck
// Bounded waits for the lab's servers.
import { connect } from 'node:net';

/** Resolves once something accepts TCP on address:port; throws after `ms`. */
export async function waitTcp(address: string, port: number, ms: number, what = 'lab', gone?: () => boolean): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    const ok = await new Promise<boolean>((res) => {
      const c = connect({ host: address, port, timeout: 500 }, () => {
        c.destroy();
        res(true);
      });
      c.on('error', () => res(false));
      c.on('timeout', () => {
        c.destroy();
        res(false);
      });
    });
    if (ok) return;
    // the server's process is gone: no use waiting out the rest of `ms`
    if (gone?.()) throw new Error(`${what}: the process meant to listen on ${address}:${port} exited`);
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${what}: nothing answered on ${address}:${port} within ${ms} ms`);
}
