"""The same host requirements as kubeadm-verify's preflight phase, written as an idiomatic pytest-testinfra suite.

Run: pytest -p no:cacheprovider --hosts=ssh://root@10.200.1.1,... --ssh-config=ssh_config -n 4 test_preflight.py
Each assertion is a round trip to the host (testinfra's model); the ssh backend reuses one ControlMaster connection.
"""
import re

KUBE_VERSION = "1.29.2"
SYSCTLS = {
    "net.ipv4.ip_forward": 1,
    "net.bridge.bridge-nf-call-iptables": 1,
    "net.bridge.bridge-nf-call-ip6tables": 1,
}


def test_os(host):
    assert host.system_info.distribution in ("debian", "ubuntu", "rocky", "centos", "rhel")


def test_kernel(host):
    major, minor = (int(x) for x in host.check_output("uname -r").split(".")[:2])
    assert (major, minor) >= (3, 10)


def test_cpus(host):
    assert int(host.check_output("nproc")) >= 2


def test_memory(host):
    kb = int(re.search(r"MemTotal:\s+(\d+)", host.file("/proc/meminfo").content_string).group(1))
    assert kb // 1024 >= 1700


def test_swap_off(host):
    assert len(host.file("/proc/swaps").content_string.strip().splitlines()) == 1


def test_swap_not_in_fstab(host):
    lines = [l for l in host.file("/etc/fstab").content_string.splitlines() if l.strip() and not l.strip().startswith("#")]
    assert not [l for l in lines if re.search(r"\sswap\s", l)]


def test_selinux(host):
    f = host.file("/etc/selinux/config")
    if f.exists:
        assert "SELINUX=enforcing" not in f.content_string


def test_firewalld(host):
    assert not host.package("firewalld").is_installed
    assert not host.process.filter(comm="firewalld")


def test_conflicts(host):
    assert not host.package("podman").is_installed
    assert not host.package("cri-o").is_installed


def test_hostname(host):
    assert re.fullmatch(r"[a-z0-9]([-a-z0-9]*[a-z0-9])?", host.check_output("hostname"))


def test_hosts_file(host):
    assert host.run("getent hosts master").rc == 0


def test_modules(host):
    for m in ("br_netfilter", "xt_conntrack"):
        assert host.file(f"/sys/module/{m}").exists
    assert "br_netfilter" in host.check_output("cat /etc/modules-load.d/*.conf")


def test_ipvs_modules(host):
    for m in ("ip_vs", "ip_vs_rr", "ip_vs_wrr", "ip_vs_sh", "nf_conntrack"):
        assert host.file(f"/sys/module/{m}").exists


def test_sysctls(host):
    for key, value in SYSCTLS.items():
        assert host.sysctl(key) == value
    assert host.sysctl("net.netfilter.nf_conntrack_max") >= 100000


def test_sysctls_persisted(host):
    text = host.check_output("cat /etc/sysctl.d/*.conf")
    for key in SYSCTLS:
        assert re.search(rf"^{re.escape(key)}\s*=\s*1", text, re.M)


def test_packages(host):
    for p in ("kubeadm", "kubelet", "kubectl"):
        pkg = host.package(p)
        assert pkg.is_installed and pkg.version.startswith(KUBE_VERSION)
    for p in ("containerd", "ipvsadm", "ipset", "iproute2", "cri-tools"):
        assert host.package(p).is_installed


def test_binaries(host):
    for b in ("crictl", "conntrack", "ip", "iptables", "mount", "nsenter", "ethtool", "socat", "tc", "touch"):
        assert host.exists(b)


def test_services(host):
    assert host.process.filter(comm="containerd")
    assert host.file("/etc/systemd/system/multi-user.target.wants/kubelet.service").exists


def test_containerd_config(host):
    c = host.file("/etc/containerd/config.toml").content_string
    assert "SystemdCgroup = true" in c
    assert 'sandbox_image = "harbor:443/k8s/pause:3.9"' in c


def test_containerd_mirrors(host):
    c = host.file("/etc/containerd/config.toml").content_string
    assert 'registry.mirrors."docker.io"' in c and 'registry.mirrors."harbor:443"' in c


def test_cri_socket(host):
    assert host.file("/run/containerd/containerd.sock").is_socket


def test_ports_free(host):
    for port in (6443, 2379, 2380, 10250, 10257, 10259):
        assert not host.socket(f"tcp://0.0.0.0:{port}").is_listening


def test_time_sync(host):
    assert host.file("/run/systemd/timesync/synchronized").exists


def test_registry(host):
    assert host.run("getent hosts harbor").rc == 0
