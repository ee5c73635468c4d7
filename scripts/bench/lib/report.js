// The results: per kind, what was submitted, included and failed, per block and per second.

import { KINDS } from './options.js';
import { log, machine, fillPercent, count } from './helpers.js';
import { STATE_PALLETS } from './state.js';

// ---------------------------------------------------------------------------------------------
// Results

/**
 * The statistics of one kind from its records and the blocks read.
 *
 * - blocks: from the first block that carried one of them to the last, empty ones between
 *   included; `perBlock.mean` is over those blocks, `perBlock.max` the fullest block.
 * - perSecond.chain: included / (timestamp of the last block that carried them − timestamp of
 *   the block before the first one). That is the chain time those blocks took: one slot per
 *   block, whatever the submission's pace.
 * - perSecond.wall: included / (wall time from the first submission until the last block that
 *   carried them was read): what a client saw, submission and block reading included.
 * - weightFill: the blocks' normal-class weight as a share of what a block allows for it.
 * - weight: what one extrinsic takes of a block, and so how many fit in a block (and a slot's
 *   second) at most: the ceiling the chain's rate meets once blocks are full.
 */
export function summarize(api, kind, records, phase, blocks) {
  const included = records.filter((r) => r.block !== undefined);
  const failed = included.filter((r) => r.error);
  const failures = {};
  for (const r of failed) count(failures, r.error);
  const result = {
    kind,
    call: KINDS[kind].call,
    submitted: records.length,
    acceptedByPool: phase.accepted ?? 0,
    rejectedByPool: phase.rejected,
    poolLimitRetries: phase.limitRetries,
    included: included.length,
    notIncluded: records.length - included.length,
    succeeded: included.length - failed.length,
    failed: failed.length,
    failures,
    bytesPerExtrinsic: records[0]?.bytes ?? null,
    submitSeconds: phase.submitSeconds ?? null,
  };
  if (KINDS[kind].opens) {
    result.opened = included.filter((r) => r.opened).length;
  }
  const maxNormal = api.consts.system.blockWeights.perClass.normal.maxTotal.unwrap().refTime.toBigInt();
  if (phase.weight) {
    const slot = api.consts.aura.slotDuration.toNumber() / 1000;
    const perBlock = Number(maxNormal / phase.weight);
    result.weight = {
      refTimePerExtrinsic: phase.weight.toString(),
      maxPerBlock: perBlock,
      maxPerSecond: Math.round((perBlock / slot) * 10) / 10,
    };
  }
  if (included.length === 0) return result;

  const numbers = included.map((r) => r.block);
  const first = Math.min(...numbers);
  const last = Math.max(...numbers);
  const span = blocks.filter((b) => b.number >= first && b.number <= last);
  const before = blocks.find((b) => b.number === first - 1);
  const lastBlock = blocks.find((b) => b.number === last);
  const perBlock = span.map((b) => b.ours[kind] ?? 0);
  const fills = span.map((b) => fillPercent(b.normalRefTime, maxNormal));
  const maxProof = api.consts.system.blockWeights.perClass.normal.maxTotal.unwrap().proofSize.toBigInt();
  const proofs = span.map((b) => Number(b.normalProofSize));
  const chainSeconds = before && lastBlock ? (lastBlock.timestamp - before.timestamp) / 1000 : null;
  const wallSeconds = phase.lastIncludedAt ? (phase.lastIncludedAt - phase.startedAt) / 1000 : null;
  Object.assign(result, {
    blocks: { first, last, spanned: span.length, withAny: perBlock.filter((n) => n > 0).length },
    perBlock: {
      mean: Math.round((included.length / span.length) * 10) / 10,
      max: Math.max(...perBlock),
    },
    chainSeconds,
    wallSeconds,
    perSecond: {
      chain: chainSeconds ? Math.round((included.length / chainSeconds) * 10) / 10 : null,
      wall: wallSeconds ? Math.round((included.length / wallSeconds) * 10) / 10 : null,
    },
    weightFillPercent: {
      mean: Math.round((fills.reduce((a, b) => a + b, 0) / fills.length) * 10) / 10,
      max: Math.max(...fills),
    },
    // The proof size the blocks' transactions were charged, after any reclaim, and the
    // block's limit for them (none on the solo chain: its limit is u64::MAX).
    proofSize: {
      maxBytes: Math.max(...proofs),
      perExtrinsicBytes: Math.round(proofs.reduce((a, b) => a + b, 0) / included.length),
      limitBytes: maxProof < 2n ** 40n ? Number(maxProof) : null,
    },
  });
  // The agenda hook's payouts are charged to the block's mandatory class, not to the normal
  // class these figures are of.
  if (KINDS[kind].agenda) {
    result.weightFillPercent = null;
    result.proofSize = null;
  }
  return result;
}

export function pad(value, width) {
  const text = value === null || value === undefined ? '-' : String(value);
  return text.length >= width ? text : ' '.repeat(width - text.length) + text;
}

export function mib(kib) {
  return kib === null || kib === undefined ? '-' : `${(kib / 1024).toFixed(0)} MiB`;
}

/** The human-readable report. */
export function printReport(report) {
  const lines = [];
  lines.push('');
  lines.push(`escrow-chain load: N = ${report.params.n} per kind from ${report.params.accounts} accounts, node ${report.node.version ?? '?'} (${report.node.chain ?? '?'}, spec ${report.node.specVersion ?? '?'})`);
  lines.push('');
  const head = ['kind', 'submitted', 'included', 'failed', 'blocks', 'mean/blk', 'max/blk', 'chain tx/s', 'wall tx/s', 'fill% mean', 'fill% max'];
  const widths = [20, 9, 9, 7, 7, 9, 8, 11, 10, 11, 10];
  lines.push(head.map((h, i) => (i === 0 ? h.padEnd(widths[i]) : pad(h, widths[i]))).join(' '));
  for (const k of Object.values(report.kinds)) {
    const row = [
      KINDS[k.kind].label,
      k.submitted,
      k.included,
      k.failed,
      k.blocks?.spanned,
      k.perBlock?.mean?.toFixed(1),
      k.perBlock?.max,
      k.perSecond?.chain?.toFixed(1),
      k.perSecond?.wall?.toFixed(1),
      k.weightFillPercent?.mean?.toFixed(1),
      k.weightFillPercent?.max?.toFixed(1),
    ];
    lines.push(row.map((v, i) => (i === 0 ? String(v).padEnd(widths[i]) : pad(v, widths[i]))).join(' '));
  }
  lines.push('');
  for (const k of Object.values(report.kinds)) {
    const notes = [];
    if (k.blocks) notes.push(`blocks #${k.blocks.first}–#${k.blocks.last}`);
    if (k.submitSeconds !== null) notes.push(`pool took all ${k.acceptedByPool} in ${k.submitSeconds.toFixed(1)} s`);
    if (k.chainSeconds !== null && k.chainSeconds !== undefined) notes.push(`${k.chainSeconds} s chain time, ${k.wallSeconds?.toFixed(1)} s wall`);
    if (k.weight) notes.push(`${(Number(k.weight.refTimePerExtrinsic) / 1e9).toFixed(2)} ms declared weight each (before refunds): at most ${k.weight.maxPerBlock} a block, ${k.weight.maxPerSecond}/s`);
    if (k.proofSize?.limitBytes) notes.push(`proof ${k.proofSize.perExtrinsicBytes} B each after reclaim, at most ${(k.proofSize.maxBytes / 1024).toFixed(0)} KiB of the block's ${(k.proofSize.limitBytes / 1024).toFixed(0)} KiB`);
    if (k.opened !== undefined) notes.push(`${k.opened} SettlementOpened`);
    if (k.notIncluded) notes.push(`${k.notIncluded} NOT INCLUDED`);
    if (Object.keys(k.failures).length) notes.push(`failures ${JSON.stringify(k.failures)}`);
    if (Object.keys(k.rejectedByPool).length) notes.push(`rejected by the pool ${JSON.stringify(k.rejectedByPool)}`);
    if (Object.keys(k.poolLimitRetries).length) notes.push(`pool limit retries ${JSON.stringify(k.poolLimitRetries)}`);
    if (!Object.keys(k.rejectedByPool).length && !Object.keys(k.poolLimitRetries).length) notes.push('no pool rejections');
    lines.push(`  ${KINDS[k.kind].label}: ${notes.join('; ')}`);
  }
  if (report.ratio !== null) {
    lines.push(`  open_settlement / transfer_keep_alive, chain rate: ${(report.ratio * 100).toFixed(0)}% (target ≥ 60%)`);
  }
  if (report.state?.perOrder) {
    const { perOrder, before, after } = report.state;
    lines.push(`  state of ${STATE_PALLETS.join(', ')}: ${before.total.keys} keys, ${before.total.bytes} bytes before; ${after.total.keys} keys, ${after.total.bytes} bytes after: ${perOrder.bytes} bytes (${perOrder.keys} keys) per order opened`);
  }
  if (report.lifecycleAuto) {
    lines.push(`  whole lifecycles paid at the deadline (open, accept, ship; the hook pays) per second of chain time: ${report.lifecycleAuto.perSecond}`);
  }
  if (report.lifecycleSigned) {
    const against = report.lifecycleSigned.againstTransfers;
    lines.push(`  whole signed lifecycles (signed open, ship, confirm) per second of chain time: ${report.lifecycleSigned.perSecond}${against ? ` (${(against * 100).toFixed(1)}% of the transfer rate)` : ''}`);
  }
  if (report.lifecycle) {
    const against = report.lifecycle.againstTransfers;
    lines.push(`  whole lifecycles (open, accept, ship, confirm) per second of chain time: ${report.lifecycle.perSecond}${against ? ` (${(against * 100).toFixed(1)}% of the transfer rate)` : ''}`);
  }
  for (const k of Object.values(report.kinds)) {
    if (k.blocks && k.blocks.spanned < 3) {
      lines.push(`  note: ${KINDS[k.kind].label} fit in ${k.blocks.spanned} block(s): its rate is N over the slots, not the chain's ceiling; raise N`);
    }
  }
  lines.push('');
  lines.push('  block    kind                 ours  others  fill%  proof KiB  time');
  const kindOf = (b) => Object.keys(b.ours).map((k) => `${KINDS[k]?.label ?? k}`).join('+');
  for (const b of report.blocks) {
    const ours = Object.values(b.ours).reduce((a, n) => a + n, 0);
    if (!ours) continue;
    const fill = fillPercent(b.normalRefTime, report.node.maxNormalRefTime).toFixed(1);
    const time = b.timestamp ? new Date(b.timestamp).toISOString().slice(11, 19) : '-';
    const proof = b.normalProofSize ? (Number(b.normalProofSize) / 1024).toFixed(0) : '-';
    lines.push(`  #${String(b.number).padEnd(7)} ${kindOf(b).padEnd(20)} ${pad(ours, 4)} ${pad(b.others, 7)} ${pad(fill, 6)} ${pad(proof, 10)}  ${time}`);
  }
  lines.push('');
  const m = report.machine;
  lines.push(`  machine: ${m.cores} cores (${m.cpuModel}), ${m.memoryGiB} GiB; load average ${m.loadAverageStart.join(' ')} at the start, ${m.loadAverage.join(' ')} at the end`);
  const mem = report.node.memoryEnd;
  if (mem) {
    lines.push(`  node memory (pid ${report.node.pid}): VmRSS ${mib(mem.rssKiB)} at the end (${mib(report.node.memoryStart?.rssKiB)} at the start), peak VmHWM ${mib(mem.hwmKiB)}`);
  } else if (report.node.memoryLastSeen) {
    const seen = report.node.memoryLastSeen;
    lines.push(`  node memory (pid ${report.node.pid}): gone at the end; VmRSS ${mib(seen.rssKiB)} and peak VmHWM ${mib(seen.hwmKiB)} at block #${seen.block}`);
  } else {
    lines.push(`  node memory: ${report.node.pid ? `cannot read /proc/${report.node.pid}/status` : 'not measured (no --node-pid)'}`);
  }
  if (report.status !== 'complete') lines.push(`  STATUS: ${report.status}${report.reason ? ` (${report.reason})` : ''}`);
  console.log(lines.join('\n'));
}
