// flannel for the lab's real cluster: flannel v0.28.10's own Documentation/kube-flannel.yml, with four changes
// said out loud —
//  - images from the lab registry (harbor:443/flannel-io/…, built by lab/k8s/build.sh; the CNI plugin is
//    containernetworking/plugins v0.9.1's flannel plugin, the code flannel-io/cni-plugin was split from);
//  - `--iface=eth0`: lab hosts have no default route (nothing may leave the lab), which is how flanneld finds its
//    interface otherwise;
//  - Network = the cluster's podSubnet and the backend given (vxlan, as 001's manifest; VXLAN is built into this
//    kernel and the lab hosts share one L2 bridge);
//  - readiness probed every 2 s from 1 s (upstream: every 10 s from 5 s), so that a cluster is up sooner.
import { stringify } from 'yaml';

export const FLANNEL_VERSION = 'v0.28.10';
export const FLANNEL_REPOSITORY = 'harbor:443/flannel-io';
export const FLANNEL_CNI_PLUGIN = `${FLANNEL_REPOSITORY}/flannel-cni-plugin:v0.9.1`;

export interface NetConf {
  Network: string;
  EnableNFTables?: boolean;
  Backend: { Type: string };
}

export function netConf(podSubnet: string, backend = 'vxlan'): NetConf {
  return { Network: podSubnet, EnableNFTables: false, Backend: { Type: backend } };
}

const cniConf = {
  name: 'cbr0',
  cniVersion: '0.4.0', // the v0.9.1 plugin speaks CNI up to 0.4.0 (upstream's manifest says 1.0.0 for its newer plugin)
  plugins: [
    { type: 'flannel', delegate: { hairpinMode: true, isDefaultGateway: true } },
    { type: 'portmap', capabilities: { portMappings: true } },
  ],
};

/** kube-flannel.yml as a multi-document YAML string. */
export function flannelManifest(o: { podSubnet: string; backend?: string }): string {
  const ns = 'kube-flannel';
  const labels = { tier: 'node', app: 'flannel', 'k8s-app': 'flannel' };
  const image = `${FLANNEL_REPOSITORY}/flannel:${FLANNEL_VERSION}`;
  const docs: object[] = [
    { kind: 'Namespace', apiVersion: 'v1', metadata: { name: ns, labels: { 'k8s-app': 'flannel', 'pod-security.kubernetes.io/enforce': 'privileged' } } },
    {
      kind: 'ClusterRole',
      apiVersion: 'rbac.authorization.k8s.io/v1',
      metadata: { name: 'flannel', labels: { 'k8s-app': 'flannel' } },
      rules: [
        { apiGroups: [''], resources: ['pods'], verbs: ['get'] },
        { apiGroups: [''], resources: ['nodes'], verbs: ['get', 'list', 'watch'] },
        { apiGroups: [''], resources: ['nodes/status'], verbs: ['patch'] },
      ],
    },
    {
      kind: 'ClusterRoleBinding',
      apiVersion: 'rbac.authorization.k8s.io/v1',
      metadata: { name: 'flannel', labels: { 'k8s-app': 'flannel' } },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'flannel' },
      subjects: [{ kind: 'ServiceAccount', name: 'flannel', namespace: ns }],
    },
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'flannel', namespace: ns, labels: { 'k8s-app': 'flannel' } } },
    {
      kind: 'ConfigMap',
      apiVersion: 'v1',
      metadata: { name: 'kube-flannel-cfg', namespace: ns, labels },
      data: { 'cni-conf.json': `${JSON.stringify(cniConf, null, 2)}\n`, 'net-conf.json': `${JSON.stringify(netConf(o.podSubnet, o.backend), null, 2)}\n` },
    },
    {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'kube-flannel-ds', namespace: ns, labels },
      spec: {
        selector: { matchLabels: { app: 'flannel' } },
        template: {
          metadata: { labels: { tier: 'node', app: 'flannel' } },
          spec: {
            hostNetwork: true,
            priorityClassName: 'system-node-critical',
            tolerations: [{ operator: 'Exists', effect: 'NoSchedule' }],
            serviceAccountName: 'flannel',
            initContainers: [
              {
                name: 'install-cni-plugin',
                image: FLANNEL_CNI_PLUGIN,
                command: ['cp'],
                args: ['-f', '/flannel', '/opt/cni/bin/flannel'],
                volumeMounts: [{ name: 'cni-plugin', mountPath: '/opt/cni/bin' }],
              },
              {
                name: 'install-cni',
                image,
                command: ['/opt/bin/install-conf'],
                args: ['/etc/kube-flannel/cni-conf.json', '/etc/cni/net.d/10-flannel.conflist'],
                volumeMounts: [
                  { name: 'cni', mountPath: '/etc/cni/net.d' },
                  { name: 'flannel-cfg', mountPath: '/etc/kube-flannel/' },
                ],
              },
            ],
            containers: [
              {
                name: 'kube-flannel',
                image,
                command: ['/opt/bin/flanneld'],
                args: ['--ip-masq', '--kube-subnet-mgr', '--iface=eth0', '--healthz-port=8081'],
                ports: [{ name: 'healthz', containerPort: 8081, protocol: 'TCP' }],
                livenessProbe: { httpGet: { path: '/healthz', port: 'healthz' }, initialDelaySeconds: 10, periodSeconds: 30 },
                readinessProbe: { httpGet: { path: '/readyz', port: 'healthz' }, initialDelaySeconds: 1, periodSeconds: 2 },
                resources: { requests: { cpu: '100m', memory: '50Mi' } },
                securityContext: { privileged: false, capabilities: { add: ['NET_ADMIN', 'NET_RAW'] } },
                env: [
                  { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
                  { name: 'POD_NAMESPACE', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } },
                  { name: 'EVENT_QUEUE_DEPTH', value: '5000' },
                  { name: 'CONT_WHEN_CACHE_NOT_READY', value: 'false' },
                ],
                volumeMounts: [
                  { name: 'run', mountPath: '/run/flannel' },
                  { name: 'flannel-cfg', mountPath: '/etc/kube-flannel/' },
                  { name: 'xtables-lock', mountPath: '/run/xtables.lock' },
                ],
              },
            ],
            volumes: [
              { name: 'run', hostPath: { path: '/run/flannel' } },
              { name: 'cni-plugin', hostPath: { path: '/opt/cni/bin' } },
              { name: 'cni', hostPath: { path: '/etc/cni/net.d' } },
              { name: 'flannel-cfg', configMap: { name: 'kube-flannel-cfg' } },
              { name: 'xtables-lock', hostPath: { path: '/run/xtables.lock', type: 'FileOrCreate' } },
            ],
          },
        },
      },
    },
  ];
  return docs.map((d) => `---\n${stringify(d)}`).join('');
}
