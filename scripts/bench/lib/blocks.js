// The blocks of the run, read as the best chain grows: what each included and what failed.

import { STORE, errorName } from '@escrow-chain/scripts-lib';
import { count } from './helpers.js';
import { KINDS } from './options.js';

// ---------------------------------------------------------------------------------------------
// Blocks

/**
 * Follows the best chain block by block, none skipped, and settles the tracked extrinsics the
 * blocks carry: their block, whether they succeeded, their error, and for settlements whether
 * `escrow.SettlementOpened` names their buyer and store order.
 */
export class BlockWatcher {
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
      if (KINDS[record.kind]?.opens && !record.error) {
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
