// KV_MEM_TRACE=1: one stderr line per phase boundary with this thread's memory (RSS is the whole process's; the
// heap figures are this isolate's — the suite worker's own). How the README's "where the memory goes" was found.
export function memTrace(where: string): void {
  if (!process.env.KV_MEM_TRACE) return;
  const m = process.memoryUsage();
  const mib = (n: number) => Math.round(n / 2 ** 20);
  process.stderr.write(
    `[kubeadm-verify] memory ${where}: rss ${mib(m.rss)} MiB, heap ${mib(m.heapUsed)}/${mib(m.heapTotal)} MiB, external ${mib(m.external)} MiB\n`,
  );
}
