// Signed payment requests through @polkadot/api: a store signs its order's terms in advance
// and goes offline; the buyer's one transaction opens the settlement already accepted. Every
// refusal is tried, and nothing moves on any of them.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { STORE, UNIT, bestNumber, findEvent, ok, send, signRequest } from '@escrow-chain/scripts-lib';
import { balances, orderNo, session, snapshot, submit } from './helpers.js';

const ctx = session();

/** Bob's request for a fresh order at `amount` ESC, valid 100 blocks, for anyone to pay. */
async function terms(api, amount, more = {}) {
  return {
    store: STORE,
    orderNo: orderNo('signed'),
    asset: 'Native',
    amount,
    snapshot: snapshot(3),
    timeLimit: 5,
    validUntil: (await bestNumber(api)) + 100,
    payer: null,
    genesis: api.genesisHash,
    ...more,
  };
}

function pay(api, buyer, signed) {
  return api.tx.storeOrders.paySignedRequest(signed.request, signed.signer, signed.signature);
}

test('a signed request is paid in one transaction, then shipped and confirmed', async () => {
  const { api, alice, bob } = ctx;
  const amount = 12n * UNIT;
  const fields = await terms(api, amount);
  const signed = signRequest(api, fields, bob);
  const aliceBefore = await balances(api, alice);
  const bobBefore = await balances(api, bob);

  // Bob is offline from here: only Alice's transactions until he ships.
  const { events } = await ok(api, pay(api, alice, signed), alice);
  const paid = findEvent(events, 'storeOrders', 'PaymentRequestPaid');
  assert.equal(paid.signer.toString(), bob.address);
  assert.equal(paid.buyer.toString(), alice.address);
  const id = paid.settlement.toNumber();
  assert.ok(findEvent(events, 'escrow', 'SettlementOpened'));
  assert.equal(findEvent(events, 'escrow', 'SettlementAccepted').orderAmount.toBigInt(), amount);
  const accepted = findEvent(events, 'storeOrders', 'PaymentAccepted');
  assert.equal(accepted.orderNo.toUtf8(), fields.orderNo);

  const settlement = (await api.query.escrow.settlements(id)).unwrap();
  assert.equal(settlement.status.toString(), 'Accepted');
  assert.equal(settlement.payee.toString(), bob.address);
  assert.equal(settlement.timeLimit.toNumber(), 5);
  assert.equal(settlement.snapshot.toHex(), snapshot(3));
  assert.equal((await balances(api, alice)).payment - aliceBefore.payment, amount);
  const order = (await api.query.storeOrders.orders(STORE, fields.orderNo)).unwrap();
  assert.equal(order.status.toString(), 'Paid');
  assert.equal(order.orderAmount.toBigInt(), amount);

  await ok(api, api.tx.storeOrders.markShipped(STORE, fields.orderNo, 'DHL:1'), bob);
  await ok(api, api.tx.escrow.confirmReceipt(id, amount), alice);
  const done = (await api.query.storeOrders.orders(STORE, fields.orderNo)).unwrap();
  assert.equal(done.status.toString(), 'Completed');
  const bobAfter = await balances(api, bob);
  assert.ok(bobAfter.free - bobBefore.free > amount - UNIT / 10n, 'Bob was paid (less his one shipping fee)');
});

test('a raw signature counts as a wrapped one does', async () => {
  const { api, alice, bob } = ctx;
  const signed = signRequest(api, await terms(api, UNIT), bob, { wrap: false });
  await ok(api, pay(api, alice, signed), alice);
});

test('every refusal: nothing is held, no order is recorded', async () => {
  const { api, alice, bob, charlie } = ctx;
  const best = await bestNumber(api);
  const maxValidity = api.consts.storeOrders.maxRequestValidity.toNumber();
  const base = await terms(api, 5n * UNIT);
  const cases = [
    ['storeOrders.RequestExpired', signRequest(api, { ...base, validUntil: best - 1 }, bob)],
    ['storeOrders.RequestValidTooLong', signRequest(api, { ...base, validUntil: best + maxValidity + 50 }, bob)],
    ['storeOrders.WrongChain', signRequest(api, { ...base, genesis: `0x${'01'.repeat(32)}` }, bob)],
    // Charlie does not act for Bob's store, however well he signs.
    ['storeOrders.NotStoreSigner', signRequest(api, base, charlie)],
    ['storeOrders.UnknownStore', signRequest(api, { ...base, store: 999 }, bob)],
    ['storeOrders.NotRequestPayer', signRequest(api, { ...base, payer: charlie.address }, bob)],
    ['storeOrders.TimeLimitOutOfBounds', signRequest(api, { ...base, timeLimit: 1 }, bob)],
    ['storeOrders.ZeroAmount', signRequest(api, { ...base, amount: 0 }, bob)],
    // An asset Bob's store does not accept.
    ['escrow.AssetNotAccepted', signRequest(api, { ...base, asset: { WithId: 77 } }, bob)],
  ];
  // A term changed after Bob signed: the amount lowered, the snapshot, the order number.
  for (const change of [{ amount: UNIT }, { snapshot: snapshot(4) }, { orderNo: orderNo('other') }]) {
    const signed = signRequest(api, base, bob);
    cases.push(['storeOrders.BadSignature', { ...signed, request: api.createType(signed.request.toRawType(), { ...base, ...change }) }]);
  }
  for (const [error, signed] of cases) {
    const before = await balances(api, alice);
    const result = await send(api, pay(api, alice, signed), alice);
    assert.equal(result.error, error, JSON.stringify(signed.request.toHuman()));
    assert.equal((await balances(api, alice)).payment, before.payment, `${error}: nothing held`);
    const order = await api.query.storeOrders.orders(signed.request.store, signed.request.orderNo);
    assert.ok(order.isNone, `${error}: no order recorded`);
  }
});

test('a request pays its order once, and a named payer beats a stranger racing it', async () => {
  const { api, alice, bob, eve } = ctx;
  const signed = signRequest(api, await terms(api, 2n * UNIT, { payer: alice.address }), bob);
  // Eve saw the request and races Alice with a tip.
  const raced = await submit(api, pay(api, eve, signed), eve, { tip: UNIT / 10n });
  const paid = await submit(api, pay(api, alice, signed), alice);
  const [r, p] = await Promise.all([raced.outcome, paid.outcome]);
  assert.equal(r.error, 'storeOrders.NotRequestPayer');
  assert.equal(p.error, null);
  // Paid once: Alice again is refused, as anyone paying a request already paid.
  assert.equal((await send(api, pay(api, alice, signed), alice)).error, 'storeOrders.OrderExists');

  const open = signRequest(api, await terms(api, UNIT), bob);
  await ok(api, pay(api, alice, open), alice);
  assert.equal((await send(api, pay(api, eve, open), eve)).error, 'storeOrders.OrderExists');
});

test('a key the store replaced signs for it no more', async () => {
  const { api, alice, bob, dave } = ctx;
  // Bob's store pays Dave for a moment: Dave's key acts for it, then no longer.
  const store = (await api.query.storeOrders.stores(STORE)).unwrap();
  const update = (payout) =>
    api.tx.storeOrders.updateStore(STORE, payout, store.name, store.defaultTimeLimit, store.assets);
  await ok(api, update(dave.address), bob);
  try {
    const byDave = signRequest(api, await terms(api, UNIT), dave);
    const later = signRequest(api, await terms(api, UNIT), dave);
    const { events } = await ok(api, pay(api, alice, byDave), alice);
    assert.equal(findEvent(events, 'storeOrders', 'PaymentAccepted') !== undefined, true);
    await ok(api, update(bob.address), bob);
    assert.equal((await send(api, pay(api, alice, later), alice)).error, 'storeOrders.NotStoreSigner');
  } finally {
    await send(api, update(bob.address), bob);
  }
});
