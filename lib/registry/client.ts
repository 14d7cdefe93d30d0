// Reads tag lists from an OCI/Docker registry (/v2/<repo>/tags/list) with undici: anonymous, basic, or
// bearer tokens (the WWW-Authenticate challenge flow Harbor and distribution use). Credentials come from
// the environment or files only, and never appear in any returned string.
import { readFileSync } from 'node:fs';
import { Agent, request, type Dispatcher } from 'undici';
import { registerSecret } from '../redact.ts';

export interface RegistryAuth {
  username?: string;
  password?: string;
  token?: string;
}

export type TagsResult = { ok: true; tags: string[]; status: number } | { ok: false; status?: number; error: string };

export interface RegistryFacts {
  endpoint: string;
  reachable: boolean;
  error?: string;
  repos: Record<string, { ok: boolean; tags?: string[]; status?: number; error?: string }>;
}

function readSecretFile(path: string): string {
  return readFileSync(path, 'utf8').trim();
}

export function registryAuthFromEnv(env: NodeJS.ProcessEnv = process.env): RegistryAuth | undefined {
  const password = env.KV_REGISTRY_PASSWORD ?? (env.KV_REGISTRY_PASSWORD_FILE ? readSecretFile(env.KV_REGISTRY_PASSWORD_FILE) : undefined);
  const token = env.KV_REGISTRY_TOKEN ?? (env.KV_REGISTRY_TOKEN_FILE ? readSecretFile(env.KV_REGISTRY_TOKEN_FILE) : undefined);
  registerSecret(password);
  registerSecret(token);
  if (token) return { token };
  if (env.KV_REGISTRY_USER && password) return { username: env.KV_REGISTRY_USER, password };
  return undefined;
}

function parseChallenge(h: string | string[] | undefined): { scheme: string; params: Record<string, string> } | undefined {
  const v = Array.isArray(h) ? h[0] : h;
  if (!v) return undefined;
  const m = /^(\w+)\s*(.*)$/.exec(v.trim());
  if (!m) return undefined;
  const params: Record<string, string> = {};
  for (const p of m[2]!.matchAll(/(\w+)="([^"]*)"/g)) params[p[1]!] = p[2]!;
  return { scheme: m[1]!.toLowerCase(), params };
}

const basic = (a: RegistryAuth) => `Basic ${Buffer.from(`${a.username}:${a.password}`).toString('base64')}`;

export interface ClientOptions {
  endpoint: string;
  auth?: RegistryAuth;
  caPem?: string;
  insecureSkipVerify?: boolean;
  timeoutMs?: number;
}

/** One client per run: a connection pool, and bearer tokens cached per scope. */
export class RegistryClient {
  private readonly o: ClientOptions;
  private readonly dispatcher: Dispatcher;
  private readonly tokens = new Map<string, string>();
  constructor(o: ClientOptions) {
    this.o = o;
    const t = o.timeoutMs ?? 10_000;
    this.dispatcher = new Agent({
      connect: { ca: o.caPem, rejectUnauthorized: !o.insecureSkipVerify, timeout: t },
      headersTimeout: t,
      bodyTimeout: t,
      connections: 8,
    });
  }

  async close(): Promise<void> {
    await this.dispatcher.close();
  }

  private async get(
    url: string,
    authorization?: string,
    retry = 1,
  ): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
    try {
      return await this.getOnce(url, authorization);
    } catch (e) {
      // a server may close a kept-alive connection after a 401; a GET is safe to retry once
      const code = (e as { code?: string }).code;
      if (retry > 0 && (code === 'UND_ERR_SOCKET' || code === 'ECONNRESET')) return this.get(url, authorization, retry - 1);
      throw e;
    }
  }

  private async getOnce(url: string, authorization?: string) {
    const r = await request(url, {
      method: 'GET',
      headers: { accept: 'application/json', ...(authorization ? { authorization } : {}) },
      dispatcher: this.dispatcher,
      maxRedirections: 0,
    } as Parameters<typeof request>[1]);
    const body = await r.body.text();
    return { status: r.statusCode, headers: r.headers, body };
  }

  private async bearer(params: Record<string, string>): Promise<string> {
    const key = `${params.realm} ${params.service} ${params.scope}`;
    const cached = this.tokens.get(key);
    if (cached) return cached;
    if (this.o.auth?.token) return this.o.auth.token;
    const u = new URL(params.realm!);
    if (params.service) u.searchParams.set('service', params.service);
    if (params.scope) u.searchParams.set('scope', params.scope);
    const r = await this.get(u.toString(), this.o.auth?.username ? basic(this.o.auth) : undefined);
    if (r.status !== 200) throw new Error(`token service ${u.origin}${u.pathname} answered HTTP ${r.status}`);
    const j = JSON.parse(r.body) as { token?: string; access_token?: string };
    const tok = j.token ?? j.access_token;
    if (!tok) throw new Error('token service answered without a token');
    registerSecret(tok);
    this.tokens.set(key, tok);
    return tok;
  }

  /** The tags of one repository; a missing repository is ok with no tags. */
  async listTags(repo: string): Promise<TagsResult> {
    const base = this.o.endpoint.replace(/\/+$/, '');
    let url: string | undefined = `${base}/v2/${repo}/tags/list?n=1000`;
    const tags: string[] = [];
    let authz: string | undefined = this.o.auth?.token ? `Bearer ${this.o.auth.token}` : this.o.auth?.username ? basic(this.o.auth) : undefined;
    try {
      for (let page = 0; url && page < 100; page++) {
        let r = await this.get(url, authz);
        if (r.status === 401) {
          const ch = parseChallenge(r.headers['www-authenticate']);
          if (ch?.scheme === 'bearer' && ch.params.realm) {
            authz = `Bearer ${await this.bearer(ch.params)}`;
            r = await this.get(url, authz);
          } else if (ch?.scheme === 'basic' && this.o.auth?.username && !authz) {
            authz = basic(this.o.auth);
            r = await this.get(url, authz);
          }
        }
        if (r.status === 404) return { ok: true, tags, status: 404 };
        if (r.status !== 200)
          return {
            ok: false,
            status: r.status,
            error:
              r.status === 401
                ? 'HTTP 401: credentials missing or rejected (KV_REGISTRY_USER/KV_REGISTRY_PASSWORD or KV_REGISTRY_TOKEN)'
                : r.status === 403
                  ? 'HTTP 403: the credentials may not read this repository'
                  : `HTTP ${r.status}`,
          };
        const j = JSON.parse(r.body) as { tags?: string[] | null };
        tags.push(...(j.tags ?? []));
        const link = r.headers.link;
        const next = /<([^>]+)>;\s*rel="next"/.exec(Array.isArray(link) ? link[0]! : (link ?? ''));
        url = next ? new URL(next[1]!, base).toString() : undefined;
      }
      return { ok: true, tags, status: 200 };
    } catch (e) {
      const err = e as Error & { code?: string; cause?: { code?: string; message?: string } };
      const code = err.code ?? err.cause?.code;
      return { ok: false, error: `${code ? `${code}: ` : ''}${err.cause?.message ?? err.message}` };
    }
  }
}

export async function listTags(opts: ClientOptions & { repo: string }): Promise<TagsResult> {
  const c = new RegistryClient(opts);
  try {
    return await c.listTags(opts.repo);
  } finally {
    await c.close();
  }
}

export async function gatherRegistry(opts: ClientOptions & { images: { repo: string }[]; concurrency?: number }): Promise<RegistryFacts> {
  const c = new RegistryClient(opts);
  const repos = [...new Set(opts.images.map((i) => i.repo))];
  const out: RegistryFacts = { endpoint: opts.endpoint, reachable: true, repos: {} };
  try {
    let next = 0;
    await Promise.all(
      Array.from({ length: Math.min(opts.concurrency ?? 8, repos.length) }, async () => {
        while (next < repos.length) {
          const repo = repos[next++]!;
          const r = await c.listTags(repo);
          out.repos[repo] = r.ok ? { ok: true, tags: r.tags, status: r.status } : { ok: false, status: r.status, error: r.error };
        }
      }),
    );
  } finally {
    await c.close();
  }
  const failed = Object.values(out.repos).filter((r) => !r.ok);
  if (failed.length && failed.every((r) => r.status === undefined)) {
    out.reachable = false;
    out.error = failed[0]!.error;
  }
  return out;
}
