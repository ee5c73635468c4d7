// Small helpers of the load tool: logging, the node's memory, the machine, counting.

import { readFileSync } from 'node:fs';
import os from 'node:os';

// ---------------------------------------------------------------------------------------------
// Small helpers

export function log(message) {
  console.error(`[load ${new Date().toISOString().slice(11, 19)}] ${message}`);
}

/** VmRSS and VmHWM of process `pid`, in KiB, or null when it cannot be read. */
export function processMemory(pid) {
  if (!pid) return null;
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const field = (name) => {
      const match = status.match(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm'));
      return match ? Number(match[1]) : null;
    };
    return { name: status.match(/^Name:\s+(.*)$/m)?.[1] ?? null, rssKiB: field('VmRSS'), hwmKiB: field('VmHWM') };
  } catch {
    return null;
  }
}

export function machine() {
  const cpus = os.cpus();
  return {
    cores: cpus.length,
    cpuModel: cpus[0]?.model?.trim() ?? 'unknown',
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    loadAverage: os.loadavg().map((l) => Math.round(l * 100) / 100),
  };
}

/** `refTime` as a percentage of `max`, to a tenth. */
export function fillPercent(refTime, max) {
  return Number((BigInt(refTime) * 1000n) / BigInt(max)) / 10;
}

/** Counts `key` in the plain object `counts`. */
export function count(counts, key, by = 1) {
  counts[key] = (counts[key] ?? 0) + by;
}
