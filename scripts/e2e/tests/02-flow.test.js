// The patent's flow, call by call, with the well-known development accounts: Alice buys from
// Bob's demo store (store 0, paying Bob).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { STORE, UNIT, findEvent, ok, waitForDeadline } from '@escrow-chain/scripts-lib';
import { acceptAndShip, balances, session, openSettlement, orderNo, snapshot } from './helpers.js';

const ctx = session();

test('open, accept, ship, confirm: the store is paid and its order completes', async () => {
  const { api, alice, bob } = ctx;
  const order = orderNo('flow');
  const amount = 25n * UNIT;
  const deposit = api.consts.escrow.settlementDeposit.toBigInt();

  // The buyer opens the settlement: the amount is held in her own account.
  const before = await balances(api, alice);
  const opened = await ok(
    api,
    api.tx.escrow.openSettlement(STORE, order, 'Native', amount, bob.address, null, snapshot(1)),
    alice,
  );
  const event = findEvent(opened.events, 'escrow', 'SettlementOpened');
  const id = event.id.toNumber();
  assert.equal(event.amount.toBigInt(), amount);
  const afterOpen = await balances(api, alice);
  assert.equal(afterOpen.payment - before.payment, amount, 'held balance rises by the amount');
  assert.equal(before.free - afterOpen.free, amount + deposit + opened.fee, 'free balance falls by amount, deposit and fee');
  let settlement = (await api.query.escrow.settlements(id)).unwrap();
  assert.equal(settlement.status.type, 'AwaitingAcceptance');

  // The store accepts and ships.
  const deadline = await acceptAndShip(api, bob, id, order, amount);
  settlement = (await api.query.escrow.settlements(id)).unwrap();
  assert.equal(settlement.status.type, 'Shipped');
  assert.equal(settlement.deadline.unwrap().toNumber(), deadline);
  const storeOrder = (await api.query.storeOrders.orders(STORE, order)).unwrap();
  assert.equal(storeOrder.status.type, 'Shipped');

  // The buyer confirms with the full amount.
  const bobBefore = await balances(api, bob);
  const confirmed = await ok(api, api.tx.escrow.confirmReceipt(id, amount), alice);
  const completed = findEvent(confirmed.events, 'escrow', 'SettlementCompleted');
  assert.equal(completed.paid.toBigInt(), amount);
  assert.equal(completed.trigger.type, 'Confirmed');
  const record = completed.record.toNumber();
  const bobAfter = await balances(api, bob);
  assert.equal(bobAfter.free - bobBefore.free, amount, "the store's free balance rises by the amount");
  const end = await balances(api, alice);
  assert.equal(end.payment, before.payment, 'the hold is gone');

  const done = (await api.query.storeOrders.orders(STORE, order)).unwrap();
  assert.equal(done.status.type, 'Completed');
  assert.equal(done.record.unwrap().toNumber(), record);
  const paymentRecord = (await api.query.escrow.paymentRecords(record)).unwrap();
  assert.equal(paymentRecord.amount.toBigInt(), amount);
  assert.equal(paymentRecord.payee.toString(), bob.address);
  assert.ok(findEvent(confirmed.events, 'storeOrders', 'OrderCompleted'));
});

test('auto-settlement: the chain pays the store at the deadline with no further extrinsic', async () => {
  const { api, charlie, bob } = ctx;
  const order = orderNo('auto');
  const amount = 3n * UNIT;
  const { id } = await openSettlement(api, charlie, bob, order, amount, 3);
  const deadline = await acceptAndShip(api, bob, id, order, amount);
  const bobBefore = await balances(api, bob);
  // Empty blocks up to the deadline: made on demand if the node seals on demand, else Aura's
  // (or, on a parachain, the relay chain's clock reaching it).
  const hash = await waitForDeadline(api, deadline);
  const events = await (await api.at(hash)).query.system.events();
  const completed = events
    .map(({ event }) => event)
    .find((e) => api.events.escrow.SettlementCompleted.is(e) && e.data.id.toNumber() === id);
  assert.ok(completed, 'paid out in the deadline block');
  assert.equal(completed.data.trigger.type, 'Deadline');
  assert.equal(completed.data.paid.toBigInt(), amount);
  const bobAfter = await balances(api, bob);
  assert.equal(bobAfter.free - bobBefore.free, amount);
  const record = (await api.query.escrow.paymentRecords(completed.data.record)).unwrap();
  assert.equal(record.trigger.type, 'Deadline');
  const storeOrder = (await api.query.storeOrders.orders(STORE, order)).unwrap();
  assert.equal(storeOrder.status.type, 'Completed');
});

test('opening again before acceptance updates the same settlement', async () => {
  const { api, alice, bob } = ctx;
  const order = orderNo('update');
  const { id } = await openSettlement(api, alice, bob, order, 5n * UNIT);
  const held = (await balances(api, alice)).payment;
  const again = await ok(
    api,
    api.tx.escrow.openSettlement(STORE, order, 'Native', 2n * UNIT, bob.address, null, snapshot(9)),
    alice,
  );
  const updated = findEvent(again.events, 'escrow', 'SettlementUpdated');
  assert.equal(updated.id.toNumber(), id, 'same id');
  assert.equal(updated.previous.toBigInt(), 5n * UNIT);
  assert.equal(held - (await balances(api, alice)).payment, 3n * UNIT, 'hold shrinks to the new amount');
  const settlement = (await api.query.escrow.settlements(id)).unwrap();
  assert.equal(settlement.snapshot.toHex(), snapshot(9));
  await ok(api, api.tx.escrow.cancel(id), alice);
});

test('cancellation before acceptance returns the whole hold', async () => {
  const { api, dave, bob } = ctx;
  const before = await balances(api, dave);
  const { id } = await openSettlement(api, dave, bob, orderNo('cancel'), 4n * UNIT);
  const cancelled = await ok(api, api.tx.escrow.cancel(id), dave);
  assert.equal(findEvent(cancelled.events, 'escrow', 'SettlementCancelled').released.toBigInt(), 4n * UNIT);
  const after = await balances(api, dave);
  assert.equal(after.payment, before.payment);
  assert.equal((await api.query.escrow.settlements(id)).unwrap().status.type, 'Cancelled');
});

test('the store refunds in full; its order shows refunded', async () => {
  const { api, eve, bob } = ctx;
  const order = orderNo('refund');
  const before = await balances(api, eve);
  const { id } = await openSettlement(api, eve, bob, order, 6n * UNIT);
  await acceptAndShip(api, bob, id, order, 6n * UNIT);
  const refunded = await ok(api, api.tx.escrow.refund(id), bob);
  assert.equal(findEvent(refunded.events, 'escrow', 'SettlementRefunded').released.toBigInt(), 6n * UNIT);
  assert.equal((await balances(api, eve)).payment, before.payment);
  assert.equal((await api.query.storeOrders.orders(STORE, order)).unwrap().status.type, 'Refunded');
});

test('the buyer extends the deadline', async () => {
  const { api, ferdie, bob } = ctx;
  const order = orderNo('extend');
  const { id } = await openSettlement(api, ferdie, bob, order, UNIT);
  const deadline = await acceptAndShip(api, bob, id, order, UNIT);
  const extended = await ok(api, api.tx.escrow.extendDeadline(id), ferdie);
  const event = findEvent(extended.events, 'escrow', 'DeadlineExtended');
  const period = api.consts.escrow.extensionPeriod.toNumber();
  assert.equal(event.deadline.toNumber(), deadline + period);
  assert.equal(event.extensions.toNumber(), 1);
  await ok(api, api.tx.escrow.refund(id), bob);
});

test('a negotiated deduction: the store agrees, the buyer pays less, the rest is released', async () => {
  const { api, alice, bob } = ctx;
  const order = orderNo('deduct');
  const amount = 10n * UNIT;
  const { id } = await openSettlement(api, alice, bob, order, amount);
  await acceptAndShip(api, bob, id, order, amount);
  await ok(api, api.tx.escrow.proposeDeduction(id, 7n * UNIT), alice);
  const agreed = await ok(api, api.tx.escrow.acceptDeduction(id, 7n * UNIT), bob);
  assert.equal(findEvent(agreed.events, 'escrow', 'DeductionAgreed').payout.toBigInt(), 7n * UNIT);
  const bobBefore = await balances(api, bob);
  const heldBefore = (await balances(api, alice)).payment;
  const confirmed = await ok(api, api.tx.escrow.confirmReceipt(id, 7n * UNIT), alice);
  const completed = findEvent(confirmed.events, 'escrow', 'SettlementCompleted');
  assert.equal(completed.paid.toBigInt(), 7n * UNIT);
  assert.equal(completed.released.toBigInt(), 3n * UNIT);
  assert.equal((await balances(api, bob)).free - bobBefore.free, 7n * UNIT);
  assert.equal(heldBefore - (await balances(api, alice)).payment, amount);
  assert.equal((await api.query.storeOrders.orders(STORE, order)).unwrap().status.type, 'Completed');
});
