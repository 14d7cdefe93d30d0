// `snap list`: "Name  Version  Rev  Tracking  Publisher  Notes" columns separated by runs of spaces.
export function parseSnapList(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const cols = line.trim().split(/\s+/);
    if (cols.length < 3 || cols[0] === 'Name') continue;
    if (cols.length >= 6 && /(^|,)disabled(,|$)/.test(cols[5]!)) continue; // `snap list --all`: an old revision
    out[cols[0]!] = cols[1]!;
  }
  return out;
}
