// Listening TCP sockets: /proc/net/tcp and tcp6, the `listen` section.
import { fact, type FactModule } from './fact.ts';
import type { HostFacts } from '../probe/facts.ts';
import { blocks } from '../probe/sections.ts';

export interface ListenSocket {
  address: string;
  port: number;
  family: 4 | 6;
}

function hexToIPv4(h: string): string {
  const n = Buffer.from(h, 'hex');
  return [n[3], n[2], n[1], n[0]].join('.');
}

function hexToIPv6(h: string): string {
  const b = Buffer.from(h, 'hex');
  const words: string[] = [];
  for (let i = 0; i < 16; i += 4) {
    const w = b.readUInt32LE(i);
    words.push(((w >>> 16) & 0xffff).toString(16), (w & 0xffff).toString(16));
  }
  return words.join(':').replace(/(^|:)0(:0)+(:|$)/, '::');
}

/** Listening TCP sockets (state 0A) from /proc/net/tcp and tcp6 contents. */
export function parseProcNetTcp(text: string, family: 4 | 6): ListenSocket[] {
  const out: ListenSocket[] = [];
  for (const line of text.split('\n').slice(1)) {
    const f = line.trim().split(/\s+/);
    if (f.length < 4 || f[3] !== '0A') continue;
    const [addr, port] = f[1]!.split(':');
    if (!addr || !port) continue;
    out.push({ address: family === 4 ? hexToIPv4(addr) : hexToIPv6(addr), port: parseInt(port, 16), family });
  }
  return out;
}

export const listenFact: FactModule<{ listening: HostFacts['listening'] }> = {
  steps: [
    {
      section: 'listen',
      fn: 's_listen',
      sh: String.raw`s_listen() { echo "@tcp"; cat /proc/net/tcp 2>/dev/null; echo "@tcp6"; cat /proc/net/tcp6 2>/dev/null; return 0; }`,
    },
  ],
  reads: ['listen'],
  build: (x) => {
    const { S } = x;
    return {
      listening: fact(S, 'listen', (s) => {
        const b = blocks(s.text);
        return [...parseProcNetTcp(b.tcp ?? '', 4), ...parseProcNetTcp(b.tcp6 ?? '', 6)];
      }),
    };
  },
};
