// Helpers of the end-to-end tests, on top of the scripts' shared library
// (@escrow-chain/scripts-lib: the connection, the development accounts, `send`, `ok`,
// `findEvent`, blocks and units): one connection per test file, unique order numbers,
// snapshot hashes, balances and the steps of a settlement at the demo store.

import { after, before } from 'node:test';
import { STORE, connect, devAccounts, findEvent, ok, send } from '@escrow-chain/scripts-lib';

/**
 * The connection of one test file: connects before its tests (to $ESCROW_WS), disconnects after
 * them. The returned object, `{ api, keyring, alice, bob, charlie, dave, eve, ferdie }`, is
 * filled in before the first test runs.
 */
export function session() {
  const ctx = {};
  before(async () => {
    const api = await connect();
    Object.assign(ctx, { api, ...devAccounts() });
  });
  after(async () => {
    await ctx.api?.disconnect();
  });
  return ctx;
}

/** A store order number no other test uses. */
export function orderNo(tag) {
  return `${tag}-${Date.now()}-${Math.floor(Math.random() * 1e6)}`;
}

/** A 32-byte snapshot hash. */
export function snapshot(byte = 7) {
  return `0x${byte.toString(16).padStart(2, '0').repeat(32)}`;
}

/** Free and held balance of `who`, and its hold for escrow payments. */
export async function balances(api, who) {
  const account = await api.query.system.account(who.address ?? who);
  const holds = await api.query.balances.holds(who.address ?? who);
  const payment = holds
    .filter((h) => h.id.isEscrow && h.id.asEscrow.isPayment)
    .reduce((sum, h) => sum + h.amount.toBigInt(), 0n);
  return { free: account.data.free.toBigInt(), reserved: account.data.reserved.toBigInt(), payment };
}

/** Opens a settlement at the demo store; resolves with its id and the events. */
export async function openSettlement(api, buyer, payee, order, amount, timeLimit = null) {
  const { events } = await ok(
    api,
    api.tx.escrow.openSettlement(STORE, order, 'Native', amount, payee.address, timeLimit, snapshot()),
    buyer,
  );
  const opened = findEvent(events, 'escrow', 'SettlementOpened') ?? findEvent(events, 'escrow', 'SettlementUpdated');
  return { id: opened.id.toNumber(), events };
}

/**
 * The store's acceptance of settlement `id` for `order` at `amount`, on the terms the chain
 * holds for it now (its snapshot and resolved time-limit rule), as a store reads them first.
 */
export async function acceptPayment(api, id, order, amount, store = STORE) {
  const s = (await api.query.escrow.settlements(id)).unwrap();
  return api.tx.storeOrders.acceptPayment(store, order, id, amount, s.snapshot, s.timeLimit);
}

/** Bob's store accepts `id` for `order` and ships it; resolves with the deadline block. */
export async function acceptAndShip(api, bob, id, order, amount) {
  await ok(api, await acceptPayment(api, id, order, amount), bob);
  const { events } = await ok(api, api.tx.storeOrders.markShipped(STORE, order, 'DHL:0034043416'), bob);
  return findEvent(events, 'escrow', 'SettlementShipped').deadline.toNumber();
}

/**
 * Signs and submits `tx` and resolves once the pool has taken it (before it is in a block) with
 * `{ outcome }`, a promise of its outcome as `send` gives it. (In an object: a promise resolved
 * with a promise waits for that one, here for the block, and the two would not race.)
 */
export function submit(api, tx, signer, options = {}) {
  return new Promise((pooled, reject) => {
    const outcome = send(api, tx, signer, { ...options, onReady: () => pooled({ outcome }) });
    outcome.catch(reject);
  });
}
