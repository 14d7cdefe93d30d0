// /proc files: meminfo, swaps, net/tcp.

export function parseMemTotalKiB(text: string): number {
  const m = /^MemTotal:\s+(\d+)\s*kB/m.exec(text);
  if (!m) throw new Error('no MemTotal line in /proc/meminfo');
  return Number(m[1]);
}

export interface SwapEntry {
  filename: string;
  type: string;
  sizeKiB: number;
}

export function parseSwaps(text: string): SwapEntry[] {
  const lines = text.split('\n').filter((l) => l.trim());
  if (!lines.length || !/^Filename\s+Type/.test(lines[0]!)) throw new Error('unexpected /proc/swaps format (no header line)');
  return lines.slice(1).map((l) => {
    const [filename, type, size] = l.trim().split(/\s+/);
    if (!filename || !type || !/^\d+$/.test(size ?? '')) throw new Error(`unexpected /proc/swaps line: ${l.slice(0, 120)}`);
    return { filename, type, sizeKiB: Number(size) };
  });
}

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
