// Reaching the private registry from the host (getent, then curl, bash /dev/tcp or nc): the `registry` section.
import { fact, type FactModule } from './fact.ts';
import type { HostFacts } from '../probe/facts.ts';
import { keyValues } from '../probe/sections.ts';

export interface RegistryReach {
  host: string;
  port: number;
  resolved?: string;
  tool: string;
  reachable: boolean | undefined;
  detail: string;
}

export const registryFact: FactModule<{ registry: HostFacts['registry'] }> = {
  steps: [
    {
      section: 'registry',
      fn: 's_reg',
      sh: String.raw`s_reg() { [ -n "$RH" ] || { echo "@none"; return 0; }
  echo "resolve=$(t getent hosts "$RH" 2>/dev/null | head -n 1)"
  if have curl; then echo "tool=curl"; code=$(T=10 t curl -sS -k -o /dev/null -w '%{http_code} %{remote_ip}' --connect-timeout 5 --max-time 8 "https://$RH:$RP/v2/" 2>&1); echo "curl_rc=$? $code"
  elif have bash; then echo "tool=bash"; t bash -c 'exec 3<>"/dev/tcp/$0/$1"' "$RH" "$RP" 2>&1; echo "tcp_rc=$?"
  elif have nc; then echo "tool=nc"; t nc -z -w 3 "$RH" "$RP" 2>&1; echo "tcp_rc=$?"
  else echo "tool=none"; fi; return 0; }`,
    },
  ],
  reads: ['registry'],
  vars: (o) => {
    if (o.registry && !/^[A-Za-z0-9.:[\]-]+$/.test(o.registry.host)) throw new Error(`unsafe registry host ${JSON.stringify(o.registry.host)}`);
    return [
      ['RH', o.registry?.host ?? ''],
      ['RP', String(o.registry?.port ?? 443)],
    ];
  },
  build: (x) => {
    const { S, registry } = x;
    return {
      registry: fact(S, 'registry', (s) => {
        if (!registry || /^@none/m.test(s.text)) return undefined;
        const kv = keyValues(s.text);
        const tool = kv.tool ?? 'none';
        let reachable: boolean | undefined;
        let detail: string;
        if (tool === 'curl') {
          const m = /^curl_rc=(\d+)\s*(.*)$/m.exec(s.text);
          const rc = Number(m?.[1] ?? -1);
          const httpCode = /(\d{3}) [0-9a-fA-F:.]*\s*$/.exec(m?.[2] ?? '')?.[1];
          // curl rc 0 = HTTP answered; 6 = DNS; 7 = refused; 28 = timeout; 35/60 = TLS trouble but TCP reached.
          reachable = rc === 0 || rc === 35 || rc === 60 || (!!httpCode && httpCode !== '000');
          detail = rc === 0 ? `HTTPS answered (HTTP ${httpCode ?? '?'} on /v2/)` : `curl exit ${rc}: ${(m?.[2] ?? '').trim().slice(0, 200)}`;
        } else if (tool === 'bash' || tool === 'nc') {
          const rc = Number(/tcp_rc=(\d+)/.exec(s.text)?.[1] ?? -1);
          reachable = rc === 0;
          detail = `${tool} TCP connect exit ${rc}`;
        } else {
          detail = 'no curl, bash or nc on the host to test a TCP connection';
        }
        return { host: registry.host, port: registry.port, resolved: kv.resolve?.trim() || undefined, tool, reachable, detail };
      }),
    };
  },
};
