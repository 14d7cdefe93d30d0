// What the preflight finds on the real cluster's hosts once the Vagrant scripts have configured them: shared by the
// e2e test that makes them (test/e2e/real-cluster.test.ts) and the unit test that judges their recorded facts
// (test/unit/real-preflight-fixtures.test.ts).
/** what the provisioning scripts set up (vagrant/scripts/00-common, 10-kernel, 20-packages, 30-containerd) */
export const COVERED = [
  'HOST-PACKAGES',
  'HOST-BINARIES',
  'HOST-SERVICES',
  'HOST-HOSTS-FILE',
  'HOST-SWAP-FSTAB',
  'HOST-MODULES',
  'HOST-SYSCTL',
  'HOST-SYSCTL-PERSIST',
  'HOST-CONTAINERD-CONFIG',
  'HOST-CONTAINERD-MIRRORS',
  'HOST-CGROUP-DRIVER',
  'HOST-CRI-SOCKET',
];
/** after provisioning, what does not pass, and why (the test asserts exactly this set) */
export const PROVISIONED_NON_PASS: Record<string, string> = Object.fromEntries(
  ['master', 'node-0001', 'node-0002'].flatMap((h) => [
    // the registry is a private project: containerd logs in, and its password sits in config.toml (a true warning)
    [`HOST-CONTAINERD-SECURITY [${h}]`, 'warn'],
    // no NTP server can be reached from the lab, and no time daemon may set this machine's clock
    [`HOST-TIME-SYNC [${h}]`, 'warn'],
    // not this design's: Debian hosts (no SELinux), kube-proxy iptables (no IP_VS in this kernel), containerd
    [`HOST-SELINUX [${h}]`, 'skip'],
    [`HOST-IPVS-MODULES [${h}]`, 'skip'],
    [`HOST-DOCKER-CONFIG [${h}]`, 'skip'],
    [`HOST-CRIO-CONFIG [${h}]`, 'skip'],
  ]),
);
