// npm run lab:up [-- --hosts N | --scenario FILE] [--registry] [--id ID] [--wait SECONDS]
// npm run lab:up -- --cluster [--workers N] [--id ID]   (a real kubeadm cluster: lab/cluster.ts; prints admin.conf's path)
//   --fresh: the hosts as a fresh box (no kube tools in PATH, containerd's defaults): for a preflight; prints the inventory
//   --provision: fresh hosts, then vagrant/scripts run in each, then kubeadm (the operator's whole path, as the self-test)
// npm run lab:down [-- ID | --all]
// `up` prints the inventory path on stdout (timing and the lab id on stderr); the lab stays up until `down`.
import { argv } from 'node:process';
import { labDown, labDownAll, labUp, type LabHostSpec } from './lab.ts';
import { loadScenario } from './scenario.ts';

const [cmd, ...rest] = argv.slice(2);
const flag = (name: string) => {
  const i = rest.indexOf(`--${name}`);
  if (i < 0) return undefined;
  const v = rest[i + 1];
  if (v === undefined || v.startsWith('--')) throw new Error(`--${name} needs a value`);
  return v;
};
const usage =
  'usage: npx tsx lab/cli.ts up [--hosts N | --scenario FILE] [--registry] [--id ID] [--wait SECONDS] | up --cluster [--workers N] [--id ID] [--fresh | --provision] | down [ID | --all]\n';

try {
  if (cmd === 'up' && rest.includes('--cluster')) {
    const { clusterUp } = await import('./cluster.ts');
    const wait = flag('wait');
    const started = Date.now();
    const fresh = rest.includes('--fresh') || rest.includes('--provision');
    const c = await clusterUp({
      id: flag('id'),
      workers: Number(flag('workers') ?? 2),
      keep: true,
      fresh,
      waitMs: wait === undefined ? undefined : Number(wait) * 1000,
      log: (m) => process.stderr.write(`cluster: ${m}\n`),
    });
    if (rest.includes('--fresh')) {
      process.stderr.write(
        `lab ${c.lab.id}: fresh hosts ${c.nodes.map((n) => `${n.name} ${n.address}`).join(', ')} (no kubeadm yet) up in ${Date.now() - started} ms\n  preflight: npm test -- --inventory ${c.lab.inventoryPath} --kubeadm-config ${c.initConfig} --profile lab/cluster-profile.yaml\n  npm run lab:down -- ${c.lab.id}\n`,
      );
      process.stdout.write(`${c.lab.inventoryPath}\n`);
      process.exit(0);
    }
    if (fresh) {
      for (const [host, log] of Object.entries(await c.provision())) process.stderr.write(`${log.trimEnd().replace(/^/gm, `${host}: `)}\n`);
      await c.bootstrap();
    }
    process.stderr.write(
      `lab ${c.lab.id}: kubeadm cluster of ${c.nodes.map((n) => `${n.name} ${n.address}`).join(', ')} up in ${Date.now() - started} ms\n  kubectl: ${c.binDir}/kubectl --kubeconfig ${c.adminConf}\n  inventory: ${c.lab.inventoryPath}\n  kubeadm config: ${c.initConfig}\n  npm run lab:down -- ${c.lab.id}\n`,
    );
    process.stdout.write(`${c.adminConf}\n`);
  } else if (cmd === 'up') {
    const scenario = flag('scenario');
    const n = Number(flag('hosts') ?? 3);
    if (!Number.isInteger(n) || n < 1 || n > 1000) throw new Error('--hosts: 1 to 1000');
    const hosts: LabHostSpec[] = scenario
      ? loadScenario(scenario).hosts
      : Array.from({ length: n }, (_, i) => ({ name: `host-${i}`, roles: [i === 0 ? 'control-plane' : 'worker'] }));
    const wait = flag('wait');
    const started = Date.now();
    const lab = await labUp({
      hosts,
      id: flag('id'),
      keep: true,
      registry: rest.includes('--registry') || undefined,
      waitMs: wait === undefined ? undefined : Number(wait) * 1000,
    });
    process.stderr.write(
      `lab ${lab.id}: ${lab.hosts.length} host(s)${lab.registry ? ' + registry at ' + lab.registry.url : ''} up in ${Date.now() - started} ms; npm run lab:down -- ${lab.id}\n`,
    );
    process.stdout.write(`${lab.inventoryPath}\n`);
  } else if (cmd === 'down') {
    const id = rest.find((a) => !a.startsWith('--'));
    const started = Date.now();
    const ids = id ? (await labDown(id), [id]) : await labDownAll();
    process.stderr.write(`lab down: ${ids.join(', ') || 'nothing running'} (${Date.now() - started} ms)\n`);
  } else {
    process.stderr.write(usage);
    process.exitCode = 2;
  }
} catch (e) {
  process.stderr.write(`lab ${cmd}: ${(e as Error).message}\n`);
  process.exitCode = 1;
}
