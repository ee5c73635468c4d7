// Bad input: each call fails with the named module error, and nothing changes but the fee;
// an argument over its bound is turned away by the transaction pool.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { STORE, UNIT, ok, send } from '@escrow-chain/scripts-lib';
import { acceptAndShip, acceptPayment, balances, session, openSettlement, orderNo, snapshot } from './helpers.js';

const ctx = session();

/**
 * Sends `tx` signed by `signer`, expects `error`, and checks that the balances of `watched`
 * did not change but for the signer's fee, and that `records` (a function reading state)
 * reads the same before and after.
 */
async function rejects(tx, signer, error, watched, records = async () => null) {
  const { api } = ctx;
  const before = await Promise.all(watched.map((w) => balances(api, w)));
  const recordsBefore = JSON.stringify(await records());
  const result = await send(api, tx, signer);
  assert.equal(result.error, error);
  const after = await Promise.all(watched.map((w) => balances(api, w)));
  watched.forEach((w, i) => {
    const fee = w.address === signer.address ? result.fee : 0n;
    assert.equal(after[i].free, before[i].free - fee, `free balance of ${w.meta.name ?? w.address}`);
    assert.equal(after[i].reserved, before[i].reserved, 'held balance unchanged');
  });
  assert.equal(JSON.stringify(await records()), recordsBefore, 'records unchanged');
}

test('a stranger cannot confirm receipt', async () => {
  const { api, alice, bob, dave } = ctx;
  const order = orderNo('stranger');
  const { id } = await openSettlement(api, alice, bob, order, UNIT);
  await acceptAndShip(api, bob, id, order, UNIT);
  const settlement = async () => (await api.query.escrow.settlements(id)).toJSON();
  await rejects(api.tx.escrow.confirmReceipt(id, UNIT), dave, 'escrow.NotBuyer', [alice, bob, dave], settlement);
  await ok(api, api.tx.escrow.refund(id), bob);
});

test("a store cannot accept someone else's settlement", async () => {
  const { api, charlie, eve, bob } = ctx;
  // Eve's own store; Charlie's settlement pays Bob's store.
  await ok(api, api.tx.storeOrders.registerStore(eve.address, 'Eve store', null, ['Native']), eve);
  const eveStore = (await api.query.storeOrders.nextStoreId()).toNumber() - 1;
  const order = orderNo('other');
  const { id } = await openSettlement(api, charlie, bob, order, UNIT);
  const orders = async () => (await api.query.storeOrders.orders(eveStore, order)).toJSON();
  await rejects(
    await acceptPayment(api, id, order, UNIT, eveStore),
    eve,
    'storeOrders.WrongOrder',
    [charlie, eve],
    orders,
  );
  // Nor can anyone but its owner accept for Bob's store.
  await rejects(await acceptPayment(api, id, order, UNIT), eve, 'storeOrders.NotOwner', [charlie, eve], orders);
  await ok(api, api.tx.escrow.cancel(id), charlie);
});

test("an amount above the buyer's balance", async () => {
  const { api, ferdie, bob } = ctx;
  const { free } = await balances(api, ferdie);
  const next = async () => (await api.query.escrow.nextSettlementId()).toNumber();
  await rejects(
    api.tx.escrow.openSettlement(STORE, orderNo('rich'), 'Native', free + UNIT, bob.address, null, snapshot()),
    ferdie,
    'escrow.InsufficientBalance',
    [ferdie, bob],
    next,
  );
});

test('a payment below the order amount without consent', async () => {
  const { api, alice, bob } = ctx;
  const order = orderNo('below');
  const { id } = await openSettlement(api, alice, bob, order, 2n * UNIT);
  await acceptAndShip(api, bob, id, order, 2n * UNIT);
  const settlement = async () => (await api.query.escrow.settlements(id)).toJSON();
  await rejects(api.tx.escrow.confirmReceipt(id, UNIT), alice, 'escrow.BelowOrderAmount', [alice, bob], settlement);
  await ok(api, api.tx.escrow.refund(id), bob);
});

test('shipping before payment', async () => {
  const { api, bob } = ctx;
  const order = orderNo('unpaid');
  await rejects(
    api.tx.storeOrders.markShipped(STORE, order, 'DHL:1'),
    bob,
    'storeOrders.UnknownOrder',
    [bob],
    async () => (await api.query.storeOrders.orders(STORE, order)).toJSON(),
  );
});

test('oversized logistics data never reaches a block', async () => {
  const { api, dave, bob } = ctx;
  const order = orderNo('big');
  const { id } = await openSettlement(api, dave, bob, order, UNIT);
  await ok(api, await acceptPayment(api, id, order, UNIT), bob);
  const max = api.consts.storeOrders.maxLogisticsLen.toNumber();
  const stored = async () => JSON.stringify((await api.query.storeOrders.orders(STORE, order)).toJSON());
  const [before, orderBefore] = [await balances(api, bob), await stored()];
  // The argument is bounded: one byte more does not decode, and the pool turns it away.
  await assert.rejects(
    send(api, api.tx.storeOrders.markShipped(STORE, order, 'x'.repeat(max + 1)), bob),
    /1002|Verification|decode|Invalid/i,
  );
  assert.deepEqual(await balances(api, bob), before, 'no fee: it was never included');
  assert.equal(await stored(), orderBefore, 'the order is unchanged');
  await ok(api, api.tx.storeOrders.markShipped(STORE, order, 'x'.repeat(max)), bob);
  await ok(api, api.tx.escrow.refund(id), bob);
});

test('an unknown settlement id', async () => {
  const { api, alice } = ctx;
  const unknown = (await api.query.escrow.nextSettlementId()).toNumber() + 1000;
  await rejects(api.tx.escrow.confirmReceipt(unknown, UNIT), alice, 'escrow.UnknownSettlement', [alice]);
  await rejects(api.tx.escrow.cancel(unknown), alice, 'escrow.UnknownSettlement', [alice]);
});
