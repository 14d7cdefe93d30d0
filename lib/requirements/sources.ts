// Where a requirement comes from, readable anywhere: the document file, the section number and an English title,
// never CJK-only section names (which render as boxes without CJK fonts). Requirements keep their short source
// ("000 三(二)"); evaluate() and --list show this form.

/** The runbooks in shared/seeds/, by their number. */
export const DOCUMENTS: Record<string, string> = {
  '000': '000_472d15f6b3ad510b.txt',
  '001': '001_3ab3eccb0a3c1b46.txt',
  '002': '002_67d682363373a46f.txt',
  '003': '003_3742e880e514a532.txt',
  '004': '004_45a06e35d3004ba5.txt',
};

const NUM: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };

/** 000, part 1 (overview): 一、… with (一)… sub-sections */
const OVERVIEW: Record<number, [string, Record<number, string>?]> = {
  1: ['Kubernetes introduction'],
  2: ['Cluster architecture', { 1: 'Master (control-plane) node', 2: 'Worker node', 3: 'Image registry' }],
  3: ['Cluster planning', { 1: 'Deployment method', 2: 'Environment requirements', 3: 'Host preparation' }],
  4: ['Required services', { 1: 'Container runtime', 2: 'Calico' }],
  5: ['Service ports'],
  6: ['Configuration steps'],
  7: ['Core commands'],
};
/** 000, part 2 ("搭建", the installation): 一、Master node with steps (一)…(十) */
const INSTALL: Record<number, string> = {
  1: 'Preparation',
  2: 'Environment configuration',
  3: 'Installing the packages',
  4: 'Container runtime configuration',
  5: 'Kernel parameters',
  6: 'Image management',
  7: 'Tab completion',
  8: 'Installing the master',
  9: 'Installing the network plugin',
  10: 'Installing the worker nodes',
};
const DOC001: Record<number, string> = {
  1: 'Introduction',
  2: 'Cloud vs private Kubernetes',
  3: 'Deploying Kubernetes 1.13.1 with kubeadm',
  4: 'Trying the cluster',
};

const num = (cjk: string) => NUM[cjk] ?? (cjk.length === 2 && cjk[0] === '十' ? 10 + (NUM[cjk[1]!] ?? 0) : undefined);

function section(doc: string, s: string): string | undefined {
  if (doc === '000') {
    let m = /^([一二三四五六七八九十]+)((?:\([一二三四五六七八九十]+\))*)$/.exec(s);
    if (m) {
      const top = num(m[1]!);
      const entry = top ? OVERVIEW[top] : undefined;
      if (!top || !entry) return undefined;
      const subs = [...m[2]!.matchAll(/\(([一二三四五六七八九十]+)\)/g)].map((x) => num(x[1]!)!);
      if (!subs.length) return `§${top} ${entry[0]}`;
      return subs.map((n) => `§${top}.${n} ${entry[0]}: ${entry[1]?.[n] ?? ''}`.trim()).join(' and ');
    }
    m = /^((?:\([一二三四五六七八九十]+\))+)$/.exec(s);
    if (m)
      return [...m[1]!.matchAll(/\(([一二三四五六七八九十]+)\)/g)]
        .map((x) => num(x[1]!)!)
        .map((n) => `installation §1.${n} Master node: ${INSTALL[n] ?? ''}`)
        .join(' and ');
    if (s === '验证') return 'installation §1.8 Master node: Installing the master, "verify the installation"';
  }
  if (doc === '001') {
    const n = num(s);
    if (n && DOC001[n]) return `§${n} ${DOC001[n]}`;
  }
  return undefined;
}

export function readableSource(source: string): string {
  return source
    .split(/,\s*/)
    .map((part) => {
      const m = /^(\d{3})(?:\s+(.+))?$/.exec(part.trim());
      if (!m || !DOCUMENTS[m[1]!]) return part;
      const file = DOCUMENTS[m[1]!]!;
      if (!m[2]) return file;
      const [head, ...tail] = m[2].trim().split(/\s+/);
      const sec = section(m[1]!, m[2].trim()) ?? (tail.length ? [section(m[1]!, head!), tail.join(' ')].filter(Boolean).join(', ') || undefined : undefined);
      // a section we cannot name: keep what the requirement says, minus CJK-only text
      return `${file} ${sec ?? (/[\u3000-\u9fff]/.test(m[2]) ? '' : m[2])}`.trim();
    })
    .join('; ');
}
