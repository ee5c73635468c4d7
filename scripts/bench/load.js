#!/usr/bin/env node
// Load on a development node: pre-signs N `balances.transferKeepAlive` and N
// `escrow.openSettlement` extrinsics from accounts derived from Alice's development seed,
// submits them kind by kind through `author_submitExtrinsic`, and reports, for each kind in the
// same run, the extrinsics the chain included per block and per second, with the machine's cores
// and the node's memory. `--kinds lifecycle` takes the settlements it opened through the rest of
// a store order's life, each step a phase of its own: the demo store (Bob) accepts them and
// marks them shipped, and their buyers confirm receipt; the report adds how many whole
// lifecycles (open, accept, ship, confirm) the chain carries per second. `--kinds
// signed-lifecycle` opens them instead with the store's signed requests (`signed`: Bob signs
// each buyer's request, the buyer pays it and the settlement opens accepted), then ships and
// confirms: a signed order's life in three transactions.
// `--kinds auto` takes them to the deadline instead: the buyers do not confirm, and the agenda
// hook pays each settlement `--time-limit` blocks after shipping; the report counts the hook's
// payouts per block and per second.
//
//   node load.js [N [ACCOUNTS]] [--ws URL] [--kinds transfer,open] [--out FILE]
//                [--node-pid PID] [--timeout SECONDS] [--concurrency K] [--max-pending M]
//                [--stall-blocks B]
//
// Phases:
//   1. fund: Alice funds the sender accounts `//Alice//bench//<i>` through `utility.batchAll` of
//      `balances.transferKeepAlive`; the script waits for the batches' blocks.
//   2. sign: each kind's extrinsics are signed before its clock starts: immortal, with explicit
//      nonces. Transfers go round a ring (account i pays account i + 1, keep-alive). Settlements
//      open at the demo store (store 0, paying Bob), each for a store order number of its own
//      that no earlier run used, so every one opens a new settlement rather than updating one.
//      Accepting, shipping and confirming take the settlements the previous step left, once its
//      phase has ended: Bob signs the store's steps, each buyer its confirmation.
//   3. submit, one kind at a time in the order of --kinds (transfers first by default): at most
//      `concurrency` submissions in flight and at most `max-pending` submitted but not yet in a
//      block, so the pool (8192 ready transactions by default) never fills. A submission the pool
//      refuses for its limits ("priority too low", "immediately dropped") is counted and retried;
//      any other refusal is counted as rejected. The next kind starts once every accepted
//      extrinsic of this one is in a block, or after `stall-blocks` blocks with none of them.
//   4. state: the bytes the product's pallets keep (keys and values under the storage prefixes
//      of Escrow, StoreOrders and Funding, as `state_getKeysPaged` and `state_getStorage` give
//      them), before the first phase and after the last: what the run's orders left on chain.
//   5. report: per kind, what was submitted, included, failed (by error) and opened; the blocks
//      that carried them; extrinsics per block and per second; the blocks' weight fill. Then the
//      machine and the node's memory (/proc/<node-pid>/status). A table on stdout, and the same
//      as JSON with every block with --out.
//
// Blocks are read as the best chain grows (a development chain has one author and no forks);
// an extrinsic counts as included when its hash is in a block body, and as failed when the
// block's `system.ExtrinsicFailed` event names it. The script exits with 0 when every
// extrinsic of every kind was included and succeeded (and every settlement opened), 1 when not,
// and 2 when it could not finish: a timeout, a lost connection or an error. It then still
// prints and writes what it measured so far.
//
// This file runs the phases; their parts are modules in lib/: options.js (the options and
// what each kind is), accounts.js, sign.js, submit.js, blocks.js (the blocks as they come),
// state.js, report.js and helpers.js.

import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { connect, devAccounts, toEsc } from '@escrow-chain/scripts-lib';
import { KINDS, USAGE, options } from './lib/options.js';
import { log, processMemory, machine } from './lib/helpers.js';
import { BlockWatcher } from './lib/blocks.js';
import { stateBytes } from './lib/state.js';
import { benchAccounts, fundingPerAccount, fund } from './lib/accounts.js';
import { nonceBook, signKind, blockWeightOf } from './lib/sign.js';
import { awaitAgenda, submitPhase } from './lib/submit.js';
import { summarize, printReport } from './lib/report.js';

// ---------------------------------------------------------------------------------------------
// Main

/** Ends the run on an error; once the run has started, with the report of what was measured. */
let abort = (reason) => {
  console.error(`load: ${reason}`);
  process.exit(2);
};

async function main() {
  let opts;
  try {
    opts = options();
  } catch (error) {
    console.error(`load: ${error.message}\n${USAGE}`);
    process.exit(2);
  }

  const report = {
    status: 'running',
    reason: null,
    params: { ...opts },
    machine: { ...machine(), loadAverageStart: os.loadavg().map((l) => Math.round(l * 100) / 100) },
    node: { endpoint: opts.ws, pid: opts.nodePid, memoryStart: processMemory(opts.nodePid) },
    kinds: {},
    ratio: null,
    blocks: [],
  };
  const phases = {};
  const records = {};
  let api;
  let watcher;
  let finishing = false;

  // Builds the report from what was measured so far, prints it, writes it and exits.
  const finish = (status, reason, code) => {
    if (finishing) return;
    finishing = true;
    report.status = status;
    report.reason = reason;
    Object.assign(report.machine, machine());
    report.node.memoryEnd = processMemory(opts.nodePid);
    if (api && watcher) {
      for (const kind of opts.kinds) {
        if (phases[kind]) report.kinds[kind] = summarize(api, kind, records[kind], phases[kind], watcher.blocks);
      }
      report.blocks = watcher.blocks;
    }
    const { transfer, open } = report.kinds;
    if (transfer?.perSecond?.chain && open?.perSecond?.chain) {
      report.ratio = Math.round((open.perSecond.chain / transfer.perSecond.chain) * 1000) / 1000;
    }
    // A signed order's life: the buyer's signed opening (accepted with it), shipping, confirming.
    const signedSteps = ['signed', 'ship', 'confirm'].map((k) => report.kinds[k]?.perSecond?.chain);
    if (signedSteps.every((rate) => rate)) {
      const perSecond = 1 / signedSteps.reduce((sum, rate) => sum + 1 / rate, 0);
      report.lifecycleSigned = {
        perSecond: Math.round(perSecond * 10) / 10,
        againstTransfers: transfer?.perSecond?.chain ? Math.round((perSecond / transfer.perSecond.chain) * 1000) / 1000 : null,
      };
    }
    // A whole lifecycle takes a block's share of each of its steps: at the measured rates, a
    // chain doing nothing else completes 1 / (1/open + 1/accept + 1/ship + 1/confirm) a second.
    const steps = ['open', 'accept', 'ship', 'confirm'].map((k) => report.kinds[k]?.perSecond?.chain);
    // Paid at the deadline: the store's steps in the transactions' share of the block, the
    // payout in the hook's own; the slower of the two.
    const auto = ['open', 'accept', 'ship'].map((k) => report.kinds[k]?.perSecond?.chain);
    const settled = report.kinds.settle?.perSecond?.chain;
    if (auto.every((rate) => rate) && settled) {
      const perSecond = Math.min(1 / auto.reduce((sum, rate) => sum + 1 / rate, 0), settled);
      report.lifecycleAuto = { perSecond: Math.round(perSecond * 10) / 10 };
    }
    if (steps.every((rate) => rate)) {
      const perSecond = 1 / steps.reduce((sum, rate) => sum + 1 / rate, 0);
      report.lifecycle = {
        perSecond: Math.round(perSecond * 10) / 10,
        againstTransfers: transfer?.perSecond?.chain ? Math.round((perSecond / transfer.perSecond.chain) * 1000) / 1000 : null,
      };
    }
    try {
      printReport(report);
    } catch (error) {
      console.error(`load: printing the report failed: ${error.message}`);
    }
    if (opts.out) {
      const json = JSON.stringify(report, (_, v) => (typeof v === 'bigint' ? v.toString() : v), 2);
      writeFileSync(opts.out, `${json}\n`);
      log(`result written to ${opts.out}`);
    }
    process.exit(code);
  };
  const fatal = (reason) => {
    console.error(`load: ${reason}`);
    finish('aborted', reason, 2);
  };
  abort = fatal;

  setTimeout(() => fatal(`timed out after ${opts.timeout} s`), opts.timeout * 1000);
  process.on('unhandledRejection', (error) => fatal(`unexpected error: ${error?.message ?? error}`));

  // Connect. The provider retries while the node is not up yet (bounded by --timeout); once
  // connected, a dropped connection ends the run: the node is gone or restarting.
  log(`connecting to ${opts.ws}`);
  api = await connect(opts.ws, { timeoutMs: 120_000 });
  api.on('disconnected', () => {
    if (!finishing) fatal(`lost the connection to the node at ${opts.ws}`);
  });
  const [chain, version] = await Promise.all([api.rpc.system.chain(), api.rpc.system.version()]);
  Object.assign(report.node, {
    chain: chain.toString(),
    version: version.toString(),
    specVersion: api.runtimeVersion.specVersion.toNumber(),
    maxNormalRefTime: api.consts.system.blockWeights.perClass.normal.maxTotal.unwrap().refTime.toString(),
  });

  watcher = new BlockWatcher(api, fatal);
  // The node's memory at each block, so that a node killed during the run still has its last.
  watcher.onBlock((block) => {
    const memory = processMemory(opts.nodePid);
    if (memory) report.node.memoryLastSeen = { ...memory, block: block.number };
  });
  await watcher.start();

  // 1. Fund the sender accounts.
  const { keyring, alice, bob } = devAccounts();
  const accounts = benchAccounts(keyring, opts.accounts);
  const amount = fundingPerAccount(api, opts);
  log(`funding ${accounts.length} accounts with ${toEsc(amount)} ESC each`);
  await fund(api, watcher, alice, accounts, amount);

  // 2 and 3. Kind by kind: sign its extrinsics before its clock starts, submit them; the next
  // kind starts when they are in blocks.
  const nonces = await nonceBook(api, [...accounts, bob]);
  const run = Date.now().toString(36);
  report.signSeconds = 0;
  report.state = { before: await stateBytes(api, await api.rpc.chain.getBlockHash()) };
  report.node.memoryBeforeLoad = processMemory(opts.nodePid);
  let previous = [];
  for (const kind of opts.kinds) {
    if (KINDS[kind].agenda) {
      const phase = { kind, rejected: {}, limitRetries: {}, weight: null };
      phases[kind] = phase;
      log(`${KINDS[kind].label}: waiting for the deadlines of ${previous.filter((r) => r.block !== undefined).length} settlements`);
      const stop = watcher.onBlock((block) => {
        if (block.ours[kind]) phase.lastIncludedAt = Date.now();
      });
      records[kind] = await awaitAgenda(watcher, opts, previous, phase);
      stop();
      log(`${KINDS[kind].label}: ${records[kind].filter((r) => r.block !== undefined).length} of ${records[kind].length} paid`);
      continue;
    }
    const signStarted = performance.now();
    records[kind] = await signKind(api, kind, opts, accounts, bob, nonces, previous, run);
    report.signSeconds += Math.round((performance.now() - signStarted) / 100) / 10;
    if (records[kind].length === 0) {
      fatal(`${KINDS[kind].label}: nothing to sign, the step before it took no settlement through`);
      return;
    }
    log(`${KINDS[kind].label}: signed ${records[kind].length}`);
    const phase = { kind, rejected: {}, limitRetries: {}, weight: await blockWeightOf(api, records[kind][0].tx) };
    phases[kind] = phase;
    log(`${KINDS[kind].label}: submitting ${records[kind].length}`);
    const stop = watcher.onBlock((block) => {
      if (block.ours[kind]) phase.lastIncludedAt = Date.now();
    });
    await submitPhase(api, watcher, opts, records[kind], phase);
    stop();
    const included = records[kind].filter((r) => r.block !== undefined).length;
    log(`${KINDS[kind].label}: ${included} of ${records[kind].length} in blocks`);
    if (KINDS[kind].after || KINDS[kind].opens) previous = records[kind];
  }

  // 4. What the orders left in state.
  report.state.after = await stateBytes(api, await api.rpc.chain.getBlockHash());
  const orders = (records.open ?? records.signed)?.filter((r) => r.opened).length ?? 0;
  if (orders) {
    const grown = report.state.after.total.bytes - report.state.before.total.bytes;
    report.state.perOrder = { orders, bytes: Math.round(grown / orders), keys: Math.round(((report.state.after.total.keys - report.state.before.total.keys) / orders) * 10) / 10 };
  }

  // 5. Report. Exit 1 unless every extrinsic was included and did what it should.
  watcher.stop();
  const complete = opts.kinds.every(
    (kind) =>
      records[kind].every((r) => r.block !== undefined && !r.error && (!KINDS[kind].opens || r.opened)) &&
      (!KINDS[kind].after || records[kind].length === opts.n),
  );
  if (complete) finish('complete', null, 0);
  else finish('incomplete', 'not every extrinsic was included and succeeded', 1);
}

main().catch((error) => abort(error.stack ?? error.message));
