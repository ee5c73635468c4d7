// Submitting a phase within the pool's limits, retrying what the pool refused for its limits.

import { performance } from 'node:perf_hooks';
import { sleep } from '@escrow-chain/scripts-lib';
import { KINDS } from './options.js';
import { log, count } from './helpers.js';

// ---------------------------------------------------------------------------------------------
// Submission

/** Whether the pool refused a submission for its limits; such a submission is tried again. */
export function isPoolLimit(message) {
  return /priority is too low|immediately dropped/i.test(message);
}

/**
 * Submits the extrinsics of one kind and waits until each accepted one is in a block, or until
 * `stallBlocks` blocks in a row carried none of them. Fills `phase` as it goes.
 */
/**
 * The settle phase: the settlements `previous` shipped, tracked until the agenda hook pays them
 * at their deadline (`time-limit` blocks after shipping), or until `stall-blocks` blocks pass
 * after the last deadline with no payout.
 */
export async function awaitAgenda(watcher, opts, previous, phase) {
  const records = previous
    .filter((r) => r.block !== undefined && !r.error)
    .map(({ orderNo, buyer, settlement }) => ({ kind: 'settle', orderNo, buyer, settlement }));
  let paid = 0;
  for (const record of records) {
    record.onIncluded = () => {
      paid += 1;
    };
    watcher.settling.set(record.settlement, record);
  }
  phase.startedAt = Date.now();
  phase.accepted = records.length;
  let quiet = 0;
  let seen = 0;
  const stop = watcher.onBlock(() => {
    quiet = paid > seen ? 0 : quiet + 1;
    seen = paid;
  });
  await watcher.until(() => paid >= records.length || quiet >= opts.timeLimit + opts.stallBlocks);
  stop();
  for (const record of records) watcher.settling.delete(record.settlement);
  return records;
}

export async function submitPhase(api, watcher, opts, records, phase) {
  let included = 0;
  for (const record of records) {
    record.onIncluded = () => {
      included += 1;
    };
    watcher.track(record);
  }
  phase.startedAt = Date.now();
  const started = performance.now();
  let next = 0;
  let accepted = 0;

  const submitOne = async (record) => {
    for (let attempt = 0; ; attempt += 1) {
      try {
        await api.rpc.author.submitExtrinsic(record.tx);
        accepted += 1;
        return;
      } catch (error) {
        const message = error.message ?? String(error);
        // Already in the pool, or already in a block the watcher has not read yet.
        if (/already imported/i.test(message) || record.block !== undefined) {
          accepted += 1;
          return;
        }
        if (isPoolLimit(message) && attempt < 100) {
          count(phase.limitRetries, message.replace(/\s*\(.*\)$/, ''));
          await sleep(200);
          continue;
        }
        count(phase.rejected, message);
        record.rejected = message;
        watcher.forget(record);
        return;
      }
    }
  };

  const worker = async () => {
    while (next < records.length) {
      // Keep the extrinsics in flight below what the pool holds.
      while (accepted - included >= opts.maxPending) await sleep(50);
      const record = records[next];
      next += 1;
      await submitOne(record);
    }
  };
  await Promise.all(Array.from({ length: Math.min(opts.concurrency, records.length) }, worker));
  phase.submitSeconds = (performance.now() - started) / 1000;
  phase.accepted = accepted;
  log(`${KINDS[phase.kind].label}: ${accepted} of ${records.length} accepted by the pool in ${phase.submitSeconds.toFixed(1)} s; waiting for blocks`);

  // Wait for the blocks: until every accepted extrinsic is in one, or the chain stalls on them.
  let quiet = 0;
  let seen = included;
  const stopCounting = watcher.onBlock(() => {
    if (included > seen) {
      seen = included;
      quiet = 0;
    } else {
      quiet += 1;
    }
  });
  await watcher.until(() => included >= accepted || quiet >= opts.stallBlocks);
  stopCounting();
  if (included < accepted) {
    log(`${KINDS[phase.kind].label}: ${accepted - included} accepted extrinsics not in a block after ${opts.stallBlocks} blocks without progress`);
  }
  for (const record of records) {
    if (record.block === undefined) watcher.forget(record);
  }
}
