// npm run lab:up [-- --hosts N | --scenario FILE]   /   npm run lab:down [-- ID | --all]
import { argv } from 'node:process';
import { labDown, labDownAll, labUp, type LabHostSpec } from './lab.ts';
import { loadScenario } from './scenario.ts';

const [cmd, ...rest] = argv.slice(2);
const flag = (name: string) => {
  const i = rest.indexOf(`--${name}`);
  return i >= 0 ? rest[i + 1] : undefined;
};

if (cmd === 'up') {
  const scenario = flag('scenario');
  const n = Number(flag('hosts') ?? 3);
  const hosts: LabHostSpec[] = scenario ? loadScenario(scenario).hosts : Array.from({ length: n }, (_, i) => ({ name: `host-${i}`, roles: [i === 0 ? 'control-plane' : 'worker'] }));
  const started = Date.now();
  const lab = await labUp({ hosts, id: flag('id') });
  process.stderr.write(`lab ${lab.id}: ${lab.hosts.length} host(s) up in ${Date.now() - started} ms\n`);
  process.stdout.write(`${lab.inventoryPath}\n`);
} else if (cmd === 'down') {
  const id = rest.find((a) => !a.startsWith('--'));
  const ids = id ? (await labDown(id), [id]) : await labDownAll();
  process.stderr.write(`lab down: ${ids.join(', ') || 'nothing running'}\n`);
} else {
  process.stderr.write('usage: node lab/cli.ts up [--hosts N | --scenario FILE] [--id ID] | down [ID|--all]\n');
  process.exitCode = 2;
}
