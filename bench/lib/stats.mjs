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
  const t0 = performance.now();
  let peakRss = 0;
  let atPeak;
  // One full reading per second, to see whether memory grows with the run or plateaus.
  const timeline = [];
  let nextTimelineAt = 0;
  const sample = () => {
    const rss = process.memoryUsage.rss();
    const elapsed = performance.now() - t0;
    if (rss > peakRss || elapsed >= nextTimelineAt) {
      const m = process.memoryUsage();
      const reading = {
        atS: round(elapsed / 1000),
        rssMb: round(m.rss / 2 ** 20),
        heapTotalMb: round(m.heapTotal / 2 ** 20),
        heapUsedMb: round(m.heapUsed / 2 ** 20),
        externalMb: round(m.external / 2 ** 20),
        arrayBuffersMb: round(m.arrayBuffers / 2 ** 20),
      };
      if (rss > peakRss) {
        peakRss = rss;
        atPeak = reading;
      }
      if (elapsed >= nextTimelineAt) {
        timeline.push(reading);
        nextTimelineAt += 1000;
      }
    }
  };
  sample();
  const timer = setInterval(sample, intervalMs);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      sample();
      return { peakRssMb: peakRss / 2 ** 20, heapAtPeakMb: atPeak.heapUsedMb, atPeak, timeline, vmHwmMb: vmHwmMb() };
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
  return {
    value,
    wallMs,
    cpuUserMs: cpu.user / 1000,
    cpuSystemMs: cpu.system / 1000,
    cpuMs: (cpu.user + cpu.system) / 1000,
  };
}
