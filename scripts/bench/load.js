#!/usr/bin/env node
// Load on a development node: pre-signs N `balances.transferKeepAlive` and N
// `escrow.openSettlement` extrinsics from accounts derived from Alice's development seed,
// submits them kind by kind through `author_submitExtrinsic`, and reports, for each kind in the
// same run, the extrinsics the chain included per block and per second, with the machine's cores
// and the node's memory. `--kinds lifecycle` takes the settlements it opened through the rest of
// a store order's life, each step a phase of its own: the demo store (Bob) accepts them and
// marks them shipped, and their buyers confirm receipt; the report adds how many whole
// lifecycles (open, accept, ship, confirm) the chain carries per second.
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

import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { xxhashAsHex } from '@polkadot/util-crypto';
import {
  STORE, UNIT, connect, devAccounts, errorName, finalizedNumber, sleep, toEsc,
} from '@escrow-chain/scripts-lib';

/** What each transfer moves: 0.001 ESC, the existential deposit. */
const TRANSFER_AMOUNT = UNIT / 1000n;
/** What each settlement holds: 0.1 ESC. */
const OPEN_AMOUNT = UNIT / 10n;
/** A generous bound on one extrinsic's fee (a transfer pays about 0.0006 ESC, a settlement 0.005). */
const FEE_ALLOWANCE = UNIT / 20n;
/** Transfers per funding batch. */
const FUND_BATCH = 200;

/** The kinds of extrinsic this script measures, by the name --kinds uses. */
const KINDS = {
  transfer: { label: 'transfer_keep_alive', call: 'balances.transferKeepAlive' },
  open: { label: 'open_settlement', call: 'escrow.openSettlement' },
  accept: { label: 'accept_payment', call: 'storeOrders.acceptPayment', after: 'open' },
  ship: { label: 'mark_shipped', call: 'storeOrders.markShipped', after: 'accept' },
  confirm: { label: 'confirm_receipt', call: 'escrow.confirmReceipt', after: 'ship' },
  // No extrinsic: the settlements shipped reach their deadline and the agenda hook pays them
  // (`on_initialize`, its own quarter of the block).
  settle: { label: 'auto-settlement', call: 'the agenda hook', after: 'ship', agenda: true },
};

/** The kinds `--kinds lifecycle` stands for: transfers, then a store order's whole life. */
const LIFECYCLE = ['transfer', 'open', 'accept', 'ship', 'confirm'];
/** The kinds `--kinds auto` stands for: the same, the deadline paying instead of the buyer. */
const LIFECYCLE_AUTO = ['transfer', 'open', 'accept', 'ship', 'settle'];

const USAGE = `usage: node load.js [N [ACCOUNTS]] [options]
  N                     extrinsics of each kind (env BENCH_N; default 2000)
  ACCOUNTS              sender accounts //Alice//bench//<i> (env BENCH_ACCOUNTS; default 100)
  --ws URL              the node (env ESCROW_WS; default ws://127.0.0.1:9944)
  --kinds LIST          kinds and their order: transfer,open,accept,ship,confirm (default
                        transfer,open); each of accept, ship, confirm after the step before it;
                        lifecycle = all five; auto = transfer,open,accept,ship,settle (the
                        agenda hook pays at the deadline)
  --out FILE            also write the result as JSON to FILE
  --node-pid PID        the node's process, for its memory (env ESCROW_NODE_PID)
  --timeout SECONDS     give up after this long in all (default 900)
  --concurrency K       submissions in flight at once (default 32)
  --max-pending M       submitted but not yet in a block, at most (default 4096)
  --stall-blocks B      end a kind's phase after B blocks with none of its extrinsics (default 20)
  --time-limit B        with settle: each settlement's time limit, in blocks after shipping
                        (default 30: every shipment lands before the first deadline)`;

// ---------------------------------------------------------------------------------------------
// Options

function options() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      ws: { type: 'string' },
      n: { type: 'string' },
      accounts: { type: 'string' },
      kinds: { type: 'string' },
      out: { type: 'string' },
      'node-pid': { type: 'string' },
      timeout: { type: 'string' },
      concurrency: { type: 'string' },
      'max-pending': { type: 'string' },
      'stall-blocks': { type: 'string' },
      'time-limit': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const int = (name, value, fallback, min = 1) => {
    if (value === undefined || value === '') return fallback;
    const n = Number(value);
    if (!Number.isInteger(n) || n < min) throw new Error(`${name} must be a whole number ≥ ${min}, not "${value}"`);
    return n;
  };
  const shorthand = { lifecycle: LIFECYCLE, auto: LIFECYCLE_AUTO }[values.kinds];
  const listed = shorthand ? shorthand.join(',') : values.kinds ?? 'transfer,open';
  const kinds = listed.split(',').map((k) => k.trim()).filter(Boolean);
  for (const [i, kind] of kinds.entries()) {
    if (!KINDS[kind]) throw new Error(`unknown kind "${kind}": use ${Object.keys(KINDS).join(', ')} or lifecycle`);
    const after = KINDS[kind].after;
    if (after && !kinds.slice(0, i).includes(after)) throw new Error(`--kinds: ${kind} needs ${after} before it`);
  }
  if (kinds.length === 0 || new Set(kinds).size !== kinds.length) throw new Error('--kinds lists each kind once');
  if (kinds.includes('confirm') && kinds.includes('settle')) throw new Error('--kinds: a settlement is confirmed or auto-settled, not both');
  const pid = values['node-pid'] ?? process.env.ESCROW_NODE_PID;
  return {
    ws: values.ws ?? process.env.ESCROW_WS ?? 'ws://127.0.0.1:9944',
    n: int('N', values.n ?? positionals[0] ?? process.env.BENCH_N, 2000),
    accounts: int('ACCOUNTS', values.accounts ?? positionals[1] ?? process.env.BENCH_ACCOUNTS, 100, 2),
    kinds,
    out: values.out,
    nodePid: pid ? int('--node-pid', pid) : null,
    timeout: int('--timeout', values.timeout, 900),
    concurrency: int('--concurrency', values.concurrency, 32),
    maxPending: int('--max-pending', values['max-pending'], 4096),
    stallBlocks: int('--stall-blocks', values['stall-blocks'], 20),
    timeLimit: int('--time-limit', values['time-limit'], 30),
  };
}

// ---------------------------------------------------------------------------------------------
// Small helpers

function log(message) {
  console.error(`[load ${new Date().toISOString().slice(11, 19)}] ${message}`);
}

/** VmRSS and VmHWM of process `pid`, in KiB, or null when it cannot be read. */
function processMemory(pid) {
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

function machine() {
  const cpus = os.cpus();
  return {
    cores: cpus.length,
    cpuModel: cpus[0]?.model?.trim() ?? 'unknown',
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    loadAverage: os.loadavg().map((l) => Math.round(l * 100) / 100),
  };
}

/** `refTime` as a percentage of `max`, to a tenth. */
function fillPercent(refTime, max) {
  return Number((BigInt(refTime) * 1000n) / BigInt(max)) / 10;
}

/** Counts `key` in the plain object `counts`. */
function count(counts, key, by = 1) {
  counts[key] = (counts[key] ?? 0) + by;
}

// ---------------------------------------------------------------------------------------------
// Blocks

/**
 * Follows the best chain block by block, none skipped, and settles the tracked extrinsics the
 * blocks carry: their block, whether they succeeded, their error, and for settlements whether
 * `escrow.SettlementOpened` names their buyer and store order.
 */
class BlockWatcher {
  constructor(api, fatal) {
    this.api = api;
    this.fatal = fatal;
    /** Tracked extrinsics not yet in a block, by hash. */
    this.pending = new Map();
    /** Tracked settlements the agenda hook has not paid yet, by settlement id. */
    this.settling = new Map();
    /** Every block read, in order: number, hash, timestamp, counts and weight. */
    this.blocks = [];
    this.next = 0;
    this.target = -1;
    this.running = false;
    this.listeners = new Set();
  }

  async start() {
    const head = await this.api.rpc.chain.getHeader();
    this.next = head.number.toNumber();
    this.target = this.next;
    this.unsubscribe = await this.api.rpc.chain.subscribeNewHeads((header) => {
      this.target = Math.max(this.target, header.number.toNumber());
      this.#run();
    });
    this.#run();
  }

  stop() {
    this.unsubscribe?.();
  }

  /** Tracks `record` (with `hash` and `kind`) until a block carries it. */
  track(record) {
    this.pending.set(record.hash, record);
  }

  forget(record) {
    this.pending.delete(record.hash);
  }

  /** Calls `listener(block)` after each block is read; returns the function that stops it. */
  onBlock(listener) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Resolves when `predicate()` holds, checked now and after each block. */
  until(predicate) {
    return new Promise((resolve) => {
      if (predicate()) {
        resolve();
        return;
      }
      const stop = this.onBlock(() => {
        if (predicate()) {
          stop();
          resolve();
        }
      });
    });
  }

  async #run() {
    if (this.running) return;
    this.running = true;
    try {
      while (this.next <= this.target) {
        await this.#read(this.next);
        this.next += 1;
      }
    } catch (error) {
      this.fatal(`reading block #${this.next} failed: ${error.message}`);
    } finally {
      this.running = false;
    }
  }

  async #read(number) {
    const { api } = this;
    const hash = await api.rpc.chain.getBlockHash(number);
    const [signedBlock, events, weight] = await Promise.all([
      api.rpc.chain.getBlock(hash),
      api.query.system.events.at(hash),
      api.query.system.blockWeight.at(hash),
    ]);
    const extrinsics = signedBlock.block.extrinsics;

    // The events of each extrinsic, by its index in the block.
    const byIndex = new Map();
    for (const { phase, event } of events) {
      if (!phase.isApplyExtrinsic) continue;
      const index = phase.asApplyExtrinsic.toNumber();
      if (!byIndex.has(index)) byIndex.set(index, []);
      byIndex.get(index).push(event);
    }

    const block = {
      number,
      hash: hash.toHex(),
      timestamp: null,
      extrinsics: extrinsics.length,
      ours: {},
      failed: {},
      others: 0,
      normalRefTime: weight.normal.refTime.toBigInt().toString(),
      normalProofSize: weight.normal.proofSize.toBigInt().toString(),
    };
    // Payouts of the agenda hook: `SettlementCompleted` at the deadline, in block initialization.
    for (const { phase, event } of events) {
      if (!phase.isInitialization || !api.events.escrow.SettlementCompleted.is(event)) continue;
      if (!event.data.trigger.isDeadline) continue;
      const record = this.settling.get(event.data.id.toNumber());
      if (!record) continue;
      this.settling.delete(record.settlement);
      record.block = number;
      record.error = null;
      count(block.ours, record.kind);
      record.onIncluded?.(record);
    }
    extrinsics.forEach((extrinsic, index) => {
      const { section, method } = extrinsic.method;
      if (section === 'timestamp' && method === 'set') {
        block.timestamp = Number(extrinsic.method.args[0].toString());
        return;
      }
      if (!extrinsic.isSigned) return;
      const record = this.pending.get(extrinsic.hash.toHex());
      if (!record) {
        block.others += 1;
        return;
      }
      this.pending.delete(record.hash);
      const own = byIndex.get(index) ?? [];
      record.block = number;
      const failed = own.find((e) => api.events.system.ExtrinsicFailed.is(e));
      record.error = failed ? errorName(api, failed.data.dispatchError) : null;
      if (record.kind === 'open' && !record.error) {
        const opened = own.find(
          (e) =>
            api.events.escrow.SettlementOpened.is(e) &&
            e.data.buyer.toString() === record.signer &&
            e.data.store.toNumber() === STORE &&
            e.data.orderNo.toUtf8() === record.orderNo,
        );
        record.opened = opened !== undefined;
        record.settlement = opened?.data.id.toNumber();
        // The terms the store accepts it on: its snapshot and resolved time-limit rule.
        record.terms = opened && [opened.data.snapshot, opened.data.timeLimit];
      }
      count(block.ours, record.kind);
      if (record.error) count(block.failed, record.kind);
      record.onIncluded?.(record);
    });
    this.blocks.push(block);
    for (const listener of [...this.listeners]) listener(block);
  }
}

// ---------------------------------------------------------------------------------------------
// State

/** The pallets whose state a store order leaves: their storage prefixes are their names' twox128. */
const STATE_PALLETS = ['Escrow', 'StoreOrders', 'Funding'];

/**
 * The keys and bytes (key plus value) each of `STATE_PALLETS` keeps at block `hash`, read a page
 * of keys at a time.
 */
async function stateBytes(api, hash) {
  const result = {};
  for (const pallet of STATE_PALLETS) {
    const prefix = xxhashAsHex(pallet, 128);
    let keys = 0;
    let bytes = 0;
    let start;
    for (;;) {
      const page = await api.rpc.state.getKeysPaged(prefix, 1000, start, hash);
      if (page.length === 0) break;
      const sizes = await Promise.all(page.map((key) => api.rpc.state.getStorageSize(key, hash)));
      for (const [i, key] of page.entries()) {
        keys += 1;
        bytes += key.length + Number(sizes[i]?.toString() ?? 0);
      }
      start = page[page.length - 1];
      if (page.length < 1000) break;
    }
    result[pallet] = { keys, bytes };
  }
  result.total = Object.values(result).reduce((t, p) => ({ keys: t.keys + p.keys, bytes: t.bytes + p.bytes }), { keys: 0, bytes: 0 });
  return result;
}

// ---------------------------------------------------------------------------------------------
// Accounts and funding

/** The sender accounts: `//Alice//bench//<i>`, hard-derived from Alice's development seed. */
function benchAccounts(keyring, count) {
  return Array.from({ length: count }, (_, i) => keyring.addFromUri(`//Alice//bench//${i}`));
}

/**
 * What one sender account needs for this run: per transfer its amount and fee, per settlement
 * its hold, deposit and fee, and 1 ESC to spare.
 */
function fundingPerAccount(api, opts) {
  const perAccount = (kind) => (opts.kinds.includes(kind) ? BigInt(Math.ceil(opts.n / opts.accounts)) : 0n);
  const deposit = api.consts.escrow.settlementDeposit.toBigInt();
  return (
    perAccount('transfer') * (TRANSFER_AMOUNT + FEE_ALLOWANCE) +
    perAccount('open') * (OPEN_AMOUNT + deposit + FEE_ALLOWANCE) +
    perAccount('confirm') * FEE_ALLOWANCE +
    UNIT
  );
}

/** Alice funds every sender account; resolves once each batch is in a block and succeeded. */
async function fund(api, watcher, alice, accounts, amount) {
  let nonce = (await api.rpc.system.accountNextIndex(alice.address)).toNumber();
  const records = [];
  for (let start = 0; start < accounts.length; start += FUND_BATCH) {
    const calls = accounts
      .slice(start, start + FUND_BATCH)
      .map((account) => api.tx.balances.transferKeepAlive(account.address, amount));
    const tx = await api.tx.utility.batchAll(calls).signAsync(alice, { nonce: nonce++, era: 0 });
    const record = { kind: 'fund', hash: tx.hash.toHex(), signer: alice.address };
    watcher.track(record);
    records.push(record);
    await api.rpc.author.submitExtrinsic(tx);
  }
  await watcher.until(() => records.every((r) => r.block !== undefined));
  const failed = records.find((r) => r.error);
  if (failed) throw new Error(`funding the sender accounts failed: ${failed.error}`);
  await finalized(api, Math.max(...records.map((r) => r.block)));
}

/**
 * Resolves once block `number` is finalized. The node's transaction pool keeps a view of each
 * recent block: an extrinsic from an account funded in the newest block is invalid in the
 * views of the blocks before it, and a view bans what it finds invalid. Once the funding is
 * final those views are gone, and the senders' extrinsics are valid wherever they land.
 */
async function finalized(api, number, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if ((await finalizedNumber(api)) >= number) return;
    if (Date.now() > deadline) throw new Error(`block #${number} was not finalized in ${timeoutMs / 1000} s`);
    await sleep(500);
  }
}

// ---------------------------------------------------------------------------------------------
// Signing

/**
 * The next nonce of each account that signs, from the chain when the run starts; each kind's
 * signing takes its nonces from here, so that an account's extrinsics follow each other.
 */
async function nonceBook(api, signers) {
  const infos = await api.query.system.account.multi(signers.map((a) => a.address));
  return new Map(signers.map((a, i) => [a.address, infos[i].nonce.toNumber()]));
}

/**
 * Signs the extrinsics of `kind`, in the order they will be submitted, immortal and with the
 * nonces of `nonces`. Transfers and openings: N, round the sender accounts (so that each
 * account's extrinsics reach the pool in nonce order). Accepting, shipping, confirming: one for
 * each settlement the previous step (`previous`, its records) took through successfully.
 */
async function signKind(api, kind, opts, accounts, bob, nonces, previous, run) {
  const records = [];
  const sign = async (signer, call, extra) => {
    const nonce = nonces.get(signer.address);
    nonces.set(signer.address, nonce + 1);
    // Immortal and with the nonce given: signing asks nothing of the node.
    const tx = await call.signAsync(signer, { nonce, era: 0 });
    records.push({ kind, tx, hash: tx.hash.toHex(), signer: signer.address, nonce, bytes: tx.encodedLength, ...extra });
  };
  if (kind === 'transfer' || kind === 'open') {
    const snapshot = `0x${'be'.repeat(32)}`;
    for (let k = 0; k < opts.n; k += 1) {
      const from = k % accounts.length;
      if (kind === 'transfer') {
        await sign(accounts[from], api.tx.balances.transferKeepAlive(accounts[(from + 1) % accounts.length].address, TRANSFER_AMOUNT));
      } else {
        const orderNo = `bench-${run}-${k}`;
        const timeLimit = opts.kinds.includes('settle') ? opts.timeLimit : null;
        const call = api.tx.escrow.openSettlement(STORE, orderNo, 'Native', OPEN_AMOUNT, bob.address, timeLimit, snapshot);
        await sign(accounts[from], call, { orderNo, buyer: accounts[from] });
      }
    }
    return records;
  }
  for (const step of previous.filter((r) => r.block !== undefined && !r.error && (r.kind !== 'open' || r.opened))) {
    const { orderNo, buyer, settlement, terms } = step;
    const extra = { orderNo, buyer, settlement, terms };
    if (kind === 'accept') {
      await sign(bob, api.tx.storeOrders.acceptPayment(STORE, orderNo, settlement, OPEN_AMOUNT, ...terms), extra);
    } else if (kind === 'ship') {
      await sign(bob, api.tx.storeOrders.markShipped(STORE, orderNo, 'BENCH'), extra);
    } else {
      await sign(buyer, api.tx.escrow.confirmReceipt(settlement, OPEN_AMOUNT), extra);
    }
  }
  return records;
}

/**
 * The block weight one extrinsic takes: its declared dispatch weight (from
 * `TransactionPaymentApi.query_info`) plus the runtime's base weight of an extrinsic. Null if
 * the node cannot tell.
 */
async function blockWeightOf(api, tx) {
  try {
    const bytes = tx.toU8a();
    const info = await api.call.transactionPaymentApi.queryInfo(bytes, bytes.length);
    const base = api.consts.system.blockWeights.perClass.normal.baseExtrinsic.refTime.toBigInt();
    return info.weight.refTime.toBigInt() + base;
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------------------------
// Submission

/** Whether the pool refused a submission for its limits; such a submission is tried again. */
function isPoolLimit(message) {
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
async function awaitAgenda(watcher, opts, previous, phase) {
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

async function submitPhase(api, watcher, opts, records, phase) {
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
function summarize(api, kind, records, phase, blocks) {
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
  if (kind === 'open') {
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

function pad(value, width) {
  const text = value === null || value === undefined ? '-' : String(value);
  return text.length >= width ? text : ' '.repeat(width - text.length) + text;
}

function mib(kib) {
  return kib === null || kib === undefined ? '-' : `${(kib / 1024).toFixed(0)} MiB`;
}

/** The human-readable report. */
function printReport(report) {
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
    if (KINDS[kind].after || kind === 'open') previous = records[kind];
  }

  // 4. What the orders left in state.
  report.state.after = await stateBytes(api, await api.rpc.chain.getBlockHash());
  const orders = records.open?.filter((r) => r.opened).length ?? 0;
  if (orders) {
    const grown = report.state.after.total.bytes - report.state.before.total.bytes;
    report.state.perOrder = { orders, bytes: Math.round(grown / orders), keys: Math.round(((report.state.after.total.keys - report.state.before.total.keys) / orders) * 10) / 10 };
  }

  // 5. Report. Exit 1 unless every extrinsic was included and did what it should.
  watcher.stop();
  const complete = opts.kinds.every(
    (kind) =>
      records[kind].every((r) => r.block !== undefined && !r.error && (kind !== 'open' || r.opened)) &&
      (!KINDS[kind].after || records[kind].length === opts.n),
  );
  if (complete) finish('complete', null, 0);
  else finish('incomplete', 'not every extrinsic was included and succeeded', 1);
}

main().catch((error) => abort(error.stack ?? error.message));
