// The jump host in an Ansible inventory's ssh arguments (ansible_ssh_common_args / ansible_ssh_extra_args), as
// people write them for a bastion: `-J [user@]host[:port]`, `-o ProxyJump=…`, or
// `-o ProxyCommand="ssh -W %h:%p [-p port] [-i key] [-l user] [user@]host"` (also `… host nc %h %p`). The
// ProxyCommand is read, never run: kubeadm-verify runs no command from an inventory, so any other ProxyCommand is
// refused with a line that says what is understood. One jump host: a chain (a,b) is refused too.

export interface JumpSpec {
  host: string;
  /** what messages call it (kubespray's `bastion`); default: host */
  name?: string;
  user?: string;
  port?: number;
  identityFile?: string;
}

/** Shell words, as `sh` splits them: single and double quotes, backslash escapes; no expansion. */
export function shellWords(s: string): string[] {
  const out: string[] = [];
  let cur: string | undefined;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (ch === "'") {
      const end = s.indexOf("'", i + 1);
      if (end < 0) throw new Error(`unbalanced ' in: ${s}`);
      cur = (cur ?? '') + s.slice(i + 1, end);
      i = end;
    } else if (ch === '"') {
      let j = i + 1;
      let word = '';
      for (; j < s.length && s[j] !== '"'; j++) word += s[j] === '\\' && j + 1 < s.length && '"\\$`'.includes(s[j + 1]!) ? s[++j]! : s[j]!;
      if (j >= s.length) throw new Error(`unbalanced " in: ${s}`);
      cur = (cur ?? '') + word;
      i = j;
    } else if (ch === '\\' && i + 1 < s.length) {
      cur = (cur ?? '') + s[++i]!;
    } else if (/\s/.test(ch)) {
      if (cur !== undefined) out.push(cur);
      cur = undefined;
    } else cur = (cur ?? '') + ch;
  }
  if (cur !== undefined) out.push(cur);
  return out;
}

/** `[ssh://][user@]host[:port]` (ProxyJump's form); a comma-separated chain is refused. */
export function parseJump(value: string): JumpSpec {
  if (value.includes(',')) throw new Error(`ProxyJump ${value}: a chain of jump hosts is not supported (one jump host)`);
  const m = /^(?:ssh:\/\/)?(?:([^@/\s]+)@)?(\[[^\]]+\]|[^:@/\s]+)(?::(\d{1,5}))?$/.exec(value.trim());
  if (!m) throw new Error(`ProxyJump ${value}: expected [user@]host[:port]`);
  return { host: m[2]!.replace(/^\[|\]$/g, ''), ...(m[1] ? { user: m[1] } : {}), ...(m[3] ? { port: Number(m[3]) } : {}) };
}

/** ssh's flags that take a value (`ssh -p 22`), so that the destination is found among the words. */
const WITH_VALUE = new Set(['-b', '-c', '-D', '-E', '-e', '-F', '-I', '-i', '-J', '-L', '-l', '-m', '-O', '-o', '-p', '-Q', '-R', '-S', '-W', '-w', '-B']);

/** `-o Key=value` / `-oKey=value` / `-o Key value` of ssh words: [key lowercased, value]. */
function option(word: string): [string, string] | undefined {
  const m = /^([A-Za-z]+)(?:\s*=\s*|\s+)(.*)$/s.exec(word);
  return m ? [m[1]!.toLowerCase(), m[2]!] : undefined;
}

/** The ProxyCommand's jump host: `ssh … -W %h:%p … [user@]host`, or `ssh … [user@]host nc %h %p`. */
export function parseProxyCommand(command: string): JumpSpec {
  const words = shellWords(command);
  const refuse = (why: string): never => {
    throw new Error(
      `ProxyCommand "${command}": ${why} — understood: ssh -W %h:%p [-p port] [-i key] [-l user] [user@]host (the command is read, never run), or use ProxyJump`,
    );
  };
  if (!words.length || !/(^|\/)ssh$/.test(words[0]!)) refuse('not an ssh command');
  const spec: Partial<JumpSpec> = {};
  let forwards = false;
  let rest: string[] = [];
  for (let i = 1; i < words.length; i++) {
    const w = words[i]!;
    if (!w.startsWith('-') || w === '-') {
      rest = words.slice(i);
      break;
    }
    const flag = w.slice(0, 2);
    const inline = w.length > 2 ? w.slice(2) : undefined;
    const value = WITH_VALUE.has(flag) ? (inline ?? words[++i]) : undefined;
    if (WITH_VALUE.has(flag) && value === undefined) refuse(`${flag} without its value`);
    if (flag === '-W') forwards = /^(%h|\[%h\]):%p$/.test(value!) || refuse(`-W ${value}: expected -W %h:%p`);
    else if (flag === '-p') spec.port = Number(value);
    else if (flag === '-i') spec.identityFile = value;
    else if (flag === '-l') spec.user = value;
    else if (flag === '-J') refuse('a ProxyCommand with its own -J (a chain of jump hosts) is not supported');
    else if (flag === '-o') {
      const o = option(value!);
      if (o?.[0] === 'port') spec.port = Number(o[1]);
      else if (o?.[0] === 'user') spec.user = o[1];
      else if (o?.[0] === 'identityfile') spec.identityFile = o[1];
      else if (o?.[0] === 'proxyjump' || o?.[0] === 'proxycommand') refuse('a ProxyCommand with its own ProxyJump/ProxyCommand (a chain) is not supported');
      // other options (StrictHostKeyChecking, UserKnownHostsFile, ControlMaster…): this tool's own rules apply
    }
  }
  if (!rest.length) refuse('no destination host');
  const dest = parseJump(rest[0]!);
  // `ssh bastion nc %h %p`: the remote nc is the old spelling of -W
  const remote = rest.slice(1);
  if (remote.length) {
    if (forwards || !(remote[0] === 'nc' || remote[0] === 'ncat' || remote[0] === 'netcat') || remote.slice(-2).join(' ') !== '%h %p')
      refuse(`runs "${remote.join(' ')}" on the jump host`);
    forwards = true;
  }
  if (!forwards) refuse('no -W %h:%p');
  if (spec.port !== undefined && !(Number.isInteger(spec.port) && spec.port >= 1 && spec.port <= 65535)) refuse(`port ${spec.port} is not a port`);
  return {
    ...dest,
    ...(spec.user && !dest.user ? { user: spec.user } : {}),
    ...(spec.port ? { port: dest.port ?? spec.port } : {}),
    ...(spec.identityFile ? { identityFile: spec.identityFile } : {}),
  };
}

/** The jump host named in ssh arguments (-J, -o ProxyJump, -o ProxyCommand); 'none' when they say no jump host
 * (ProxyJump=none, ProxyCommand=none: not even the bastion); undefined when they say nothing about it. */
export function jumpFromSshArgs(args: string): JumpSpec | 'none' | undefined {
  const words = shellWords(args);
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (w === '-J' || (w.startsWith('-J') && w.length > 2)) return parseJump(w.length > 2 ? w.slice(2) : (words[i + 1] ?? ''));
    if (w === '-o' || (w.startsWith('-o') && w.length > 2)) {
      const o = option(w.length > 2 ? w.slice(2) : (words[++i] ?? ''));
      if (o?.[0] === 'proxyjump') return o[1].trim() === 'none' ? 'none' : parseJump(o[1]);
      if (o?.[0] === 'proxycommand') return o[1].trim() === 'none' ? 'none' : parseProxyCommand(o[1]);
    }
  }
  return undefined;
}
