// Shared helpers of the end-to-end tests: a connection to the node named by ESCROW_WS, the
// well-known development accounts, and a `send` that waits for a signed extrinsic's block
// and returns its events, its fee and its dispatch error by name.

import { after, before } from 'node:test';
import { ApiPromise, WsProvider } from '@polkadot/api';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';

export const WS = process.env.ESCROW_WS ?? 'ws://127.0.0.1:9944';

/** 1 ESC in planck. */
export const UNIT = 10n ** 12n;

/** The demo store of the development chain: owned by Bob, paying Bob. */
export const STORE = 0;

export async function connect() {
  await cryptoWaitReady();
  const api = await ApiPromise.create({ provider: new WsProvider(WS), noInitWarn: true });
  const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
  const accounts = Object.fromEntries(
    ['Alice', 'Bob', 'Charlie', 'Dave', 'Eve', 'Ferdie'].map((n) => [
      n.toLowerCase(),
      keyring.addFromUri(`//${n}`),
    ]),
  );
  return { api, keyring, ...accounts };
}

/**
 * The connection of one test file: connects before its tests, disconnects after them. The
 * returned object is filled in before the first test runs.
 */
export function session() {
  const ctx = {};
  before(async () => {
    Object.assign(ctx, await connect());
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

/**
 * Signs `tx` with `signer`, submits it and waits until it is in a block. Resolves with
 * `{ events, error, fee, blockHash }`: `error` is `section.Name` of a failed dispatch (or
 * null), `fee` the fee the signer paid.
 */
export function send(api, tx, signer) {
  return new Promise((resolve, reject) => {
    let unsub = () => {};
    tx.signAndSend(signer, { nonce: -1 }, (result) => {
      const { status, events, dispatchError } = result;
      if (status.isInvalid || status.isDropped || status.isUsurped) {
        unsub();
        reject(new Error(`transaction ${status.type}`));
        return;
      }
      if (!status.isInBlock) return;
      unsub();
      let error = null;
      if (dispatchError) {
        if (dispatchError.isModule) {
          const meta = api.registry.findMetaError(dispatchError.asModule);
          error = `${meta.section}.${meta.name}`;
        } else {
          error = dispatchError.toString();
        }
      }
      const paid = events.find(({ event }) => api.events.transactionPayment.TransactionFeePaid.is(event));
      const fee = paid ? paid.event.data.actualFee.toBigInt() : 0n;
      resolve({ events: events.map(({ event }) => event), error, fee, blockHash: status.asInBlock });
    })
      .then((u) => {
        unsub = u;
      })
      .catch(reject);
  });
}

/** Sends `tx` and fails unless it succeeded; resolves with its events. */
export async function ok(api, tx, signer) {
  const result = await send(api, tx, signer);
  if (result.error) throw new Error(`expected success, got ${result.error}`);
  return result;
}

/**
 * The first event `section.Method` among `events`, as a plain object of its named fields in
 * camelCase (`deposit_to_opener` becomes `depositToOpener`, as @polkadot/api names them).
 */
export function findEvent(events, section, method) {
  const event = events.find((e) => e.section === section && e.method === method);
  if (!event) return undefined;
  const fields = {};
  event.meta.fields.forEach((field, i) => {
    const name = field.name.unwrap().toString().replace(/_([a-z])/g, (_, c) => c.toUpperCase());
    fields[name] = event.data[i];
  });
  return fields;
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

/** Resolves once the best block number is at least `n`. */
export function waitForBlock(api, n) {
  return new Promise((resolve, reject) => {
    let unsub = () => {};
    api.rpc.chain
      .subscribeNewHeads((header) => {
        if (header.number.toNumber() >= n) {
          unsub();
          resolve(header.number.toNumber());
        }
      })
      .then((u) => {
        unsub = u;
      })
      .catch(reject);
  });
}

/** Opens a settlement at the demo store; resolves with its id and the events. */
export async function openSettlement(api, buyer, payee, order, amount, timeLimit = null) {
  const { events } = await ok(
    api,
    api.tx.escrow.openSettlement(STORE, order, amount, payee.address, timeLimit, snapshot()),
    buyer,
  );
  const opened = findEvent(events, 'escrow', 'SettlementOpened') ?? findEvent(events, 'escrow', 'SettlementUpdated');
  return { id: opened.id.toNumber(), events };
}

/** Bob's store accepts `id` for `order` and ships it; resolves with the deadline block. */
export async function acceptAndShip(api, bob, id, order, amount) {
  await ok(api, api.tx.storeOrders.acceptPayment(STORE, order, id, amount), bob);
  const { events } = await ok(api, api.tx.storeOrders.markShipped(STORE, order, 'DHL:0034043416'), bob);
  return findEvent(events, 'escrow', 'SettlementShipped').deadline.toNumber();
}
