// Small numeric and process-measurement helpers shared by the scenarios.
import { readFileSync } from 'node:fs';

/** The q-quantile (0..1) of `values` by linear interpolation; NaN for an empty list. */
export function quantile(values, q) {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

export const round = (x, digits = 1) => (Number.isFinite(x) ? Number(x.toFixed(digits)) : x);

/** The kernel's high-water mark of this process's resident set (VmHWM), in MB; undefined off Linux. */
export function vmHwmMb() {
  try {
    const m = /^VmHWM:\s+(\d+)\s+kB/m.exec(readFileSync('/proc/self/status', 'utf8'));
    return m ? Number(m[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Samples RSS every `intervalMs` (unref'd, so it never keeps the process alive). VmHWM is the
 * authoritative peak; the samples also show heap use at that moment.
 */
export function startRssSampler(intervalMs = 50) {
  let peakRss = process.memoryUsage.rss();
  let peakHeap = process.memoryUsage().heapUsed;
  const timer = setInterval(() => {
    const rss = process.memoryUsage.rss();
    if (rss > peakRss) {
      peakRss = rss;
      peakHeap = process.memoryUsage().heapUsed;
    }
  }, intervalMs);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      const rss = process.memoryUsage.rss();
      if (rss > peakRss) peakRss = rss;
      return { peakRssMb: peakRss / 2 ** 20, heapAtPeakMb: peakHeap / 2 ** 20, vmHwmMb: vmHwmMb() };
    },
  };
}

/** Wall time and CPU time (user + system) of `fn`, in ms. */
export async function measure(fn) {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const value = await fn();
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return { value, wallMs, cpuUserMs: cpu.user / 1000, cpuSystemMs: cpu.system / 1000, cpuMs: (cpu.user + cpu.system) / 1000 };
}
