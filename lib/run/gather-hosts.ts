// Gather once: one connection and one probe round trip per host, hosts in parallel (bounded).
import { StringDecoder } from 'node:string_decoder';
import type { InventoryHost, JumpHost } from '../config/inventory.ts';
import type { HostState } from '../requirements/define.ts';
import { parseFacts } from '../probe/facts.ts';
import { probeScript, type ProbeOptions } from '../probe/script.ts';
import { SectionSplitter, whereItStopped } from '../probe/sections.ts';
import { registerSecret, scrub } from '../redact.ts';
import { shellCommand } from '../transport/command.ts';
import { LocalTransport } from '../transport/local.ts';
import { SshTransport } from '../transport/ssh.ts';
import { TransportError, type Transport } from '../transport/types.ts';

export interface GatherOptions {
  nonce: string;
  /** every inventory name, resolved on each host */
  resolveNames: string[];
  registry?: { host: string; port: number };
  /** the profile's runtime, CRI socket and time servers: where the probe looks */
  design?: ProbeOptions['design'];
  postinstall: boolean;
  acceptNewHostKeys: boolean;
  concurrency: number;
  /** all inventory hosts, for jump hosts */
  inventory: InventoryHost[];
  onProgress?: (host: string, state: 'connecting' | 'probing' | 'done' | 'failed', detail?: string) => void;
  signal?: AbortSignal;
}

export interface GatheredHost extends HostState {
  probeMs?: number;
  connections: number;
  roundTrips: number;
}

/** Runs fn over items with at most `limit` in flight. */
export async function pool<T, R>(items: T[], limit: number, fn: (t: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return out;
}

/** One line for a host's failure: "<kind>: <message> (where) — <hint>". The kind `auth` is shown as `auth-failed`:
 * "auth: …" reads like a credential assignment to the redactor, which would eat the word after it. */
export function describeFailure(e: unknown, nonce: string, progress?: SectionSplitter): string {
  if (e instanceof TransportError) {
    // a probe cut off by its deadline: name the section it hung in, from the output it had sent (or the splitter
    // that received it as it came)
    const received = !!e.partialStdout || !!progress;
    const at =
      e.kind !== 'command-timeout'
        ? undefined
        : progress
          ? progress.progress()
          : e.partialStdout
            ? whereItStopped(e.partialStdout.toString('utf8'), nonce)
            : undefined;
    const where =
      !received || e.kind !== 'command-timeout'
        ? ''
        : !at
          ? ' (it printed nothing: the login shell never reached the probe — does ~/.bashrc or a profile script hang on this host? bash sources ~/.bashrc for every SSH command)'
          : at.inSection
            ? ` (it hung in section "${at.inSection}"${at.lastDone ? ` after "${at.lastDone}" finished` : ''})`
            : ` (after section "${at.lastDone}" finished)`;
    return `${e.kind === 'auth' ? 'auth-failed' : e.kind}: ${e.message}${where}${e.hint ? ` — ${e.hint}` : ''}`;
  }
  return (e as Error).message ?? String(e);
}

/** A jump host outside the inventory as a host to connect to (never probed). */
function jumpSpec(j: JumpHost): InventoryHost {
  return { ...j, roles: [], transport: 'ssh', sudo: false, commandTimeoutSeconds: 60 };
}

export async function gatherHosts(hosts: InventoryHost[], o: GatherOptions): Promise<GatheredHost[]> {
  const transports = new Map<string, SshTransport>();
  const sshFor = (h: InventoryHost, key = h.name): SshTransport => {
    let t = transports.get(key);
    if (!t) {
      t = new SshTransport(h, {
        acceptNewHostKeys: o.acceptNewHostKeys,
        jump: (name) => {
          // a jump host outside the inventory (a bastion): one connection shared by every host behind it
          if (h.jumpVia?.name === name)
            return sshFor(jumpSpec(h.jumpVia), `jump ${h.jumpVia.user}@${h.jumpVia.address}:${h.jumpVia.port} ${h.jumpVia.identityFile ?? ''}`);
          const j = o.inventory.find((x) => x.name === name);
          if (!j) throw new Error(`unknown jump host ${name}`);
          return sshFor(j);
        },
      });
      transports.set(key, t);
    }
    return t;
  };
  const script = probeScript({ nonce: o.nonce, resolveNames: o.resolveNames, registry: o.registry, postinstall: o.postinstall, design: o.design });
  // On SIGINT/SIGTERM: close every connection now; hosts in flight end as `error` ("interrupted").
  const inFlight = new Set<Transport>();
  const onAbort = () => {
    for (const t of [...transports.values(), ...inFlight]) t.abort();
  };
  o.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    return await pool(hosts, o.concurrency, async (h): Promise<GatheredHost> => {
      const t: Transport = h.transport === 'local' ? new LocalTransport(h.name) : sshFor(h);
      const started = performance.now();
      const result = (extra: Partial<GatheredHost>): GatheredHost => ({
        spec: h,
        connections: t.stats.connections,
        roundTrips: t.stats.execs,
        probeMs: Math.round(performance.now() - started),
        ...extra,
      });
      if (o.signal?.aborted) return result({ error: 'interrupted before this host was probed' });
      inFlight.add(t);
      let splitter: SectionSplitter | undefined;
      try {
        o.onProgress?.(h.name, 'connecting');
        await t.connect();
        o.onProgress?.(h.name, 'probing');
        // sudo: `sudo -n` (NOPASSWD) by default; with KV_SUDO_PASSWORD, `sudo -S -p ''` reads it from stdin
        const sudo = h.sudo && h.transport === 'ssh';
        const sudoPassword = sudo ? process.env.KV_SUDO_PASSWORD : undefined;
        registerSecret(sudoPassword);
        // the output is split as it arrives, holding at most what a host may send (LIMITS in probe/sections.ts)
        splitter = new SectionSplitter(o.nonce);
        const split = splitter;
        const decoder = new StringDecoder('utf8');
        const r = await t.exec(shellCommand(script, { sudo, sudoPassword: !!sudoPassword }), {
          timeoutMs: h.commandTimeoutSeconds * 1000,
          stdin: sudoPassword ? `${sudoPassword}\n` : undefined,
          onStdout: (b) => split.push(decoder.write(b)),
        });
        if (o.signal?.aborted) throw new Error('interrupted');
        split.push(decoder.end());
        const out = split.end();
        const { facts, complete } = parseFacts(out, o.nonce, o.registry, o.resolveNames, o.design);
        if (!complete) {
          const why = /a password is required|no tty present|a terminal is required/.test(r.stderr)
            ? `sudo -n needs a password on this host (${scrub(r.stderr.trim().split('\n')[0] ?? '')}) — set KV_SUDO_PASSWORD, allow NOPASSWD for this user, or connect as root`
            : /incorrect password|Sorry, try again|is not in the sudoers|may not run sudo/.test(r.stderr)
              ? `sudo refused: ${scrub(r.stderr.trim().split('\n').slice(-1)[0] ?? '')}`
              : `the probe did not complete (exit ${r.code ?? 'killed'}${r.stderr.trim() ? `: ${scrub(r.stderr.trim().split('\n').slice(-1)[0]!.slice(0, 200))}` : ''})`;
          if (!out.sections.size && !out.unfinished) {
            o.onProgress?.(h.name, 'failed', why);
            return result({ error: why });
          }
        }
        o.onProgress?.(h.name, 'done');
        return result({ facts });
      } catch (e) {
        const why = o.signal?.aborted ? 'interrupted (SIGINT/SIGTERM) before the probe finished' : scrub(describeFailure(e, o.nonce, splitter));
        o.onProgress?.(h.name, 'failed', why);
        return result({ error: why });
      } finally {
        inFlight.delete(t);
        // one connection per host, closed as soon as its probe is done (1,000 hosts never hold 1,000 sockets),
        // unless other hosts still need it as their jump host
        const isJump = o.inventory.some((x) => x.jumpHost === h.name && hosts.includes(x));
        if (t.kind === 'local' || !isJump) {
          await t.close();
          if (t.kind === 'ssh') transports.delete(h.name);
        }
      }
    });
  } finally {
    o.signal?.removeEventListener('abort', onAbort);
    await Promise.all([...transports.values()].map((t) => t.close()));
  }
}
