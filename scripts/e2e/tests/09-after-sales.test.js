// After-sales through @polkadot/api: a refund request the store leaves unanswered is granted by
// the chain; a return-then-refund; the store's partial refund, paid out at the deadline. On the
// development chain each after-sales period is a minute (10 blocks), which the node seals on
// demand.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { STORE, UNIT, clockAt, findEvent, ok, send, waitForDeadline } from '@escrow-chain/scripts-lib';
import { acceptAndShip, balances, openSettlement, orderNo, session, snapshot } from './helpers.js';

const ctx = session();

const storeOrder = async (api, order) => (await api.query.storeOrders.orders(STORE, order)).unwrap();
const settlementOf = async (api, id) => (await api.query.escrow.settlements(id)).unwrap();

test('a refund request the store leaves unanswered is granted by the chain', async () => {
  const { api, bob, charlie, eve } = ctx;
  const order = orderNo('silence');
  const { id } = await openSettlement(api, charlie, bob, order, 10n * UNIT);
  const deadline = await acceptAndShip(api, bob, id, order, 10n * UNIT);

  const requested = await ok(api, api.tx.escrow.requestRefund(id, 3n * UNIT, snapshot(9)), charlie);
  const event = findEvent(requested.events, 'escrow', 'RefundRequested');
  const respondBy = event.respondBy.toNumber();
  const requestedAt = await clockAt(api, requested.blockHash);
  assert.equal(respondBy - requestedAt, 10, 'the development chain gives the store a minute');
  let settlement = await settlementOf(api, id);
  assert.equal(settlement.status.type, 'RefundRequested');
  assert.ok(settlement.deadline.isNone, 'the timer is stopped');
  assert.equal((await storeOrder(api, order)).status.type, 'AfterSales');

  // Only the store answers, and only the request it read.
  assert.equal((await send(api, api.tx.escrow.grantRefund(id, 3n * UNIT), eve)).error, 'escrow.NotPayee');
  assert.equal((await send(api, api.tx.escrow.grantRefund(id, 2n * UNIT), bob)).error, 'escrow.RequestChanged');
  assert.equal((await send(api, api.tx.escrow.requestRefund(id, UNIT, snapshot(9)), charlie)).error, 'escrow.RefundRequestOpen');

  const before = await balances(api, charlie);
  const grantedIn = await waitForDeadline(api, respondBy);
  settlement = await settlementOf(api, id);
  assert.equal(settlement.status.type, 'Shipped', 'back on its timer');
  assert.equal(settlement.amount.toBigInt(), 7n * UNIT);
  assert.equal(settlement.accepted.unwrap().orderAmount.toBigInt(), 7n * UNIT);
  assert.equal(settlement.deadline.unwrap().toNumber(), deadline + (respondBy - requestedAt), 'the request took its time off the clock');
  const after = await balances(api, charlie);
  assert.equal(after.free - before.free, 3n * UNIT);
  assert.equal(before.payment - after.payment, 3n * UNIT);
  assert.equal((await storeOrder(api, order)).status.type, 'Shipped');
  // The grant is in the events of the block that made it, once.
  const events = await (await api.at(grantedIn)).query.system.events();
  const granted = events.filter(({ event: e }) => e.section === 'escrow' && e.method === 'RefundGranted');
  assert.equal(granted.length, 1);
  assert.equal(granted[0].event.data.how.type, 'Silence');
  assert.equal((await send(api, api.tx.escrow.grantRefund(id, 3n * UNIT), bob)).error, 'escrow.NoRefundRequest');

  // The buyer confirms what is owed now.
  const confirmed = await ok(api, api.tx.escrow.confirmReceipt(id, 7n * UNIT), charlie);
  assert.equal(findEvent(confirmed.events, 'escrow', 'SettlementCompleted').paid.toBigInt(), 7n * UNIT);
  const done = await storeOrder(api, order);
  assert.equal(done.status.type, 'Completed');
  assert.equal(done.paid.unwrap().toBigInt(), 7n * UNIT);
});

test('return then refund: the store asks for the goods, the buyer ships them, the store confirms', async () => {
  const { api, bob, dave } = ctx;
  const order = orderNo('return');
  const { id } = await openSettlement(api, dave, bob, order, 6n * UNIT);
  await acceptAndShip(api, bob, id, order, 6n * UNIT);
  await ok(api, api.tx.escrow.requestRefund(id, 6n * UNIT, snapshot(10)), dave);

  const asked = await ok(api, api.tx.escrow.grantRefundWithReturn(id, 6n * UNIT), bob);
  assert.ok(findEvent(asked.events, 'escrow', 'ReturnRequested'));
  let request = (await api.query.escrow.refundRequests(id)).unwrap();
  assert.equal(request.stage.type, 'AwaitingReturn');
  // The store cannot refund by the request's grant any more, nor the buyer ship twice.
  assert.equal((await send(api, api.tx.escrow.grantRefund(id, 6n * UNIT), bob)).error, 'escrow.WrongRefundStep');

  const shipped = await ok(api, api.tx.escrow.markReturned(id, 'SF:1234567890'), dave);
  assert.equal(findEvent(shipped.events, 'escrow', 'ReturnShipped').logistics.toUtf8(), 'SF:1234567890');
  request = (await api.query.escrow.refundRequests(id)).unwrap();
  assert.equal(request.stage.type, 'Returned');
  assert.equal((await send(api, api.tx.escrow.markReturned(id, 'again'), dave)).error, 'escrow.WrongRefundStep');

  const before = await balances(api, dave);
  const confirmed = await ok(api, api.tx.escrow.confirmReturn(id), bob);
  assert.equal(findEvent(confirmed.events, 'escrow', 'RefundGranted').how.type, 'ReturnReceived');
  assert.ok(findEvent(confirmed.events, 'escrow', 'SettlementRefunded'));
  const after = await balances(api, dave);
  assert.equal(before.payment - after.payment, 6n * UNIT, 'the whole hold went back');
  assert.equal((await settlementOf(api, id)).status.type, 'Refunded');
  assert.equal((await storeOrder(api, order)).status.type, 'Refunded');
  assert.ok((await api.query.escrow.refundRequests(id)).isNone);
});

test("the store's partial refund lowers what it is paid at the deadline", async () => {
  const { api, bob, ferdie, eve } = ctx;
  const order = orderNo('partial');
  // A short time-limit rule: the deadline is eight blocks after shipping (each transaction
  // below makes a block of its own).
  const { id } = await openSettlement(api, ferdie, bob, order, 5n * UNIT, 8);
  const deadline = await acceptAndShip(api, bob, id, order, 5n * UNIT);

  assert.equal((await send(api, api.tx.escrow.partialRefund(id, UNIT), eve)).error, 'escrow.NotPayee');
  assert.equal((await send(api, api.tx.escrow.partialRefund(id, 6n * UNIT), bob)).error, 'escrow.RefundAboveAmount');
  const before = await balances(api, ferdie);
  const refunded = await ok(api, api.tx.escrow.partialRefund(id, 2n * UNIT), bob);
  const made = findEvent(refunded.events, 'escrow', 'RefundMade');
  assert.equal(made.amount.toBigInt(), 2n * UNIT);
  assert.equal(made.owed.toBigInt(), 3n * UNIT);
  const step = findEvent(refunded.events, 'storeOrders', 'OrderAfterSales').step;
  assert.equal(step.type, 'Refunded');
  assert.equal(step.asRefunded.amount.toBigInt(), 2n * UNIT);
  assert.equal((await balances(api, ferdie)).free - before.free, 2n * UNIT);

  const bobBefore = await balances(api, bob);
  await waitForDeadline(api, deadline);
  const settlement = await settlementOf(api, id);
  assert.equal(settlement.status.type, 'Completed');
  const record = (await api.query.escrow.paymentRecords(settlement.record.unwrap())).unwrap();
  assert.equal(record.amount.toBigInt(), 3n * UNIT);
  assert.equal(record.trigger.type, 'Deadline');
  assert.equal((await balances(api, bob)).free - bobBefore.free, 3n * UNIT);
  const done = await storeOrder(api, order);
  assert.equal(done.status.type, 'Completed');
  assert.equal(done.paid.unwrap().toBigInt(), 3n * UNIT);
});
