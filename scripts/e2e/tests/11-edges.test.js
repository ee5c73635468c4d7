// The edges found in the third round, driven through @polkadot/api: a refund request on an
// over-paid order takes the over-payment first (the store still gets its order amount); the
// agenda keeps an acceptance expiry only for a settlement still waiting to be accepted; and a
// store that replaced a leaked payout key voids what that key proposed and sends its unpaid
// payouts to the new account.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { STORE, UNIT, findEvent, ok, send, waitForDeadline } from '@escrow-chain/scripts-lib';
import { acceptPayment, balances, openSettlement, orderNo, session, snapshot } from './helpers.js';

const ctx = session();

const settlementOf = async (api, id) => (await api.query.escrow.settlements(id)).unwrap();

/** The settlements with an acceptance expiry on the agenda. */
async function expiries(api) {
  const keys = await api.query.escrow.agenda.keys();
  return keys
    .map((key) => key.args[0])
    .filter((k) => k.task.type === 'Expire')
    .map((k) => Number(Buffer.from(k.settlement.toU8a()).readBigUInt64BE()));
}

test('a silent store grants an over-payment back and is still paid its order amount', async () => {
  const { api, bob, eve } = ctx;
  const order = orderNo('overpaid');
  const amount = 10n * UNIT;
  const { id } = await openSettlement(api, eve, bob, order, amount, 40);
  await ok(api, await acceptPayment(api, id, order, amount), bob);
  // The buyer raises the hold on the same store order, on the terms the store accepted.
  await ok(api, api.tx.escrow.openSettlement(STORE, order, 'Native', 2n * amount, bob.address, 40, snapshot()), eve);
  await ok(api, api.tx.storeOrders.markShipped(STORE, order, 'DHL:overpaid'), bob);
  assert.equal((await settlementOf(api, id)).amount.toBigInt(), 2n * amount);

  // The buyer asks the excess back; the store says nothing, and the chain grants it.
  const eveBefore = await balances(api, eve);
  const asked = await ok(api, api.tx.escrow.requestRefund(id, amount, snapshot(40)), eve);
  await waitForDeadline(api, findEvent(asked.events, 'escrow', 'RefundRequested').respondBy.toNumber());
  const s = await settlementOf(api, id);
  assert.equal(s.status.type, 'Shipped', 'granted, and back on its timer: the store is still owed');
  assert.equal(s.amount.toBigInt(), amount, 'the over-payment went back');
  assert.equal(s.accepted.unwrap().orderAmount.toBigInt(), amount, 'the order amount did not fall');
  assert.equal((await balances(api, eve)).payment, eveBefore.payment - amount);

  // The deadline pays the store all of its order amount.
  const bobBefore = await balances(api, bob);
  const paidIn = await waitForDeadline(api, s.deadline.unwrap().toNumber());
  const events = await (await api.at(paidIn)).query.system.events();
  const paid = events.map(({ event }) => event).find((e) => api.events.escrow.SettlementCompleted.is(e) && e.data.id.toNumber() === id);
  assert.ok(paid, 'paid in its deadline block');
  assert.equal(paid.data.paid.toBigInt(), amount);
  assert.equal((await balances(api, bob)).free - bobBefore.free, amount);
});

test('acceptance and cancellation take the acceptance expiry off the agenda', async () => {
  const { api, bob, ferdie } = ctx;
  const amount = 2n * UNIT;
  const accepted = orderNo('expiry-accepted');
  const cancelled = orderNo('expiry-cancelled');
  const waiting = orderNo('expiry-waiting');
  const a = (await openSettlement(api, ferdie, bob, accepted, amount)).id;
  const c = (await openSettlement(api, ferdie, bob, cancelled, amount)).id;
  const w = (await openSettlement(api, ferdie, bob, waiting, amount)).id;
  let due = await expiries(api);
  for (const id of [a, c, w]) assert.ok(due.includes(id), `settlement ${id} opened with its expiry`);

  await ok(api, await acceptPayment(api, a, accepted, amount), bob);
  await ok(api, api.tx.escrow.cancel(c), ferdie);
  due = await expiries(api);
  assert.ok(!due.includes(a), 'an accepted settlement is owed no expiry');
  assert.ok(!due.includes(c), 'a cancelled one neither');
  assert.ok(due.includes(w), 'the one still waiting keeps its expiry');

  await ok(api, api.tx.escrow.refund(w), bob);
  assert.ok(!(await expiries(api)).includes(w), "the store's refund closes it, expiry and all");
  await ok(api, api.tx.escrow.refund(a), bob);
});

test('a replaced payout key: its proposal is void, and the store sends the payout to the new account', async () => {
  const { api, charlie, dave, eve, ferdie } = ctx;
  // Dave's store is paid into Eve's account.
  const name = `Dave's ${Date.now()}`;
  const registered = await ok(api, api.tx.storeOrders.registerStore(eve.address, name, null, ['Native']), dave);
  const store = findEvent(registered.events, 'storeOrders', 'StoreRegistered').store.toNumber();
  const order = orderNo('rotate');
  const amount = 6n * UNIT;
  const opened = await ok(api, api.tx.escrow.openSettlement(store, order, 'Native', amount, eve.address, 40, snapshot()), charlie);
  const id = findEvent(opened.events, 'escrow', 'SettlementOpened').id.toNumber();
  await ok(api, await acceptPayment(api, id, order, amount, store), dave);
  await ok(api, api.tx.storeOrders.markShipped(store, order, 'DHL:rotate'), dave);

  // The payout key leaks: it proposes that the store be paid 1 planck. Dave replaces it.
  await ok(api, api.tx.escrow.proposeDeduction(id, 1n), eve);
  await ok(api, api.tx.storeOrders.updateStore(store, ferdie.address, name, null, ['Native']), dave);
  const accepted = await send(api, api.tx.escrow.acceptDeduction(id, 1n), charlie);
  assert.equal(accepted.error, 'escrow.ProposalVoid', 'what the replaced key proposed no longer stands');
  assert.equal((await settlementOf(api, id)).agreedPayout.isNone, true);

  // The old key cannot move the payout; Dave sends it to the new account.
  assert.equal((await send(api, api.tx.escrow.followPayoutAccount(id), eve)).error, 'escrow.NotPayee');
  const followed = await ok(api, api.tx.escrow.followPayoutAccount(id), dave);
  assert.equal(findEvent(followed.events, 'escrow', 'PayeeFollowed').payee.toString(), ferdie.address);
  const [eveBefore, ferdieBefore] = [await balances(api, eve), await balances(api, ferdie)];
  await ok(api, api.tx.escrow.confirmReceipt(id, amount), charlie);
  assert.equal((await balances(api, ferdie)).free - ferdieBefore.free, amount, 'paid into the current payout account');
  assert.equal((await balances(api, eve)).free, eveBefore.free, 'nothing to the replaced one');
  assert.equal(findEvent(followed.events, 'storeOrders', 'OrderPayeeChanged').payee.toString(), ferdie.address);
  assert.equal((await api.query.storeOrders.orders(store, order)).unwrap().status.type, 'Completed', 'the order completes on the payment to the new account');
});
