// A dispute through @polkadot/api: the buyer disputes, both sides attach evidence, and the
// arbiter (Root, through sudo on the development chain) splits the hold.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { STORE, UNIT, findEvent, ok, send } from '@escrow-chain/scripts-lib';
import { acceptAndShip, balances, session, openSettlement, orderNo, snapshot } from './helpers.js';

const ctx = session();

test('the buyer disputes, the arbiter splits the hold', async () => {
  const { api, alice, bob, dave } = ctx;
  const order = orderNo('dispute');
  const amount = 8n * UNIT;
  const deposit = api.consts.escrow.disputeDeposit.toBigInt();
  const { id } = await openSettlement(api, dave, bob, order, amount);
  await acceptAndShip(api, bob, id, order, amount);

  // A stranger cannot dispute.
  assert.equal((await send(api, api.tx.escrow.openDispute(id, snapshot(4)), alice)).error, 'escrow.NotParty');

  const opened = await ok(api, api.tx.escrow.openDispute(id, snapshot(4)), dave);
  assert.equal(findEvent(opened.events, 'escrow', 'DisputeOpened').deposit.toBigInt(), deposit);
  let settlement = (await api.query.escrow.settlements(id)).unwrap();
  assert.equal(settlement.status.type, 'Disputed');
  assert.ok(settlement.deadline.isNone, 'the timer is stopped');
  assert.equal((await api.query.storeOrders.orders(STORE, order)).unwrap().status.type, 'Disputed');

  // Disputing twice, and confirming while disputed, fail by name.
  assert.equal((await send(api, api.tx.escrow.openDispute(id, snapshot(4)), bob)).error, 'escrow.AlreadyDisputed');
  assert.equal((await send(api, api.tx.escrow.confirmReceipt(id, amount), dave)).error, 'escrow.UnderDispute');

  await ok(api, api.tx.escrow.addEvidence(id, snapshot(5)), dave);
  const evidence = await ok(api, api.tx.escrow.addEvidence(id, snapshot(6)), bob);
  assert.equal(findEvent(evidence.events, 'escrow', 'EvidenceAdded').by.type, 'Payee');

  // Only the arbiter rules: Bob's direct call fails with BadOrigin.
  const ruling = api.tx.escrow.resolveDispute(id, { Split: { payout: 5n * UNIT } });
  assert.equal((await send(api, ruling, bob)).error, 'BadOrigin');

  const bobBefore = await balances(api, bob);
  const daveBefore = await balances(api, dave);
  const ruled = await ok(api, api.tx.sudo.sudo(ruling), alice);
  const sudid = findEvent(ruled.events, 'sudo', 'Sudid');
  assert.ok(sudid.sudoResult.isOk, 'the ruling dispatched');
  const completed = findEvent(ruled.events, 'escrow', 'SettlementCompleted');
  assert.equal(completed.paid.toBigInt(), 5n * UNIT);
  assert.equal(completed.released.toBigInt(), 3n * UNIT);
  assert.equal(completed.trigger.type, 'Arbiter');
  const ended = findEvent(ruled.events, 'escrow', 'DisputeEnded');
  assert.equal(ended.depositToOpener.isTrue, true);

  assert.equal((await balances(api, bob)).free - bobBefore.free, 5n * UNIT);
  const daveAfter = await balances(api, dave);
  assert.equal(daveBefore.reserved - daveAfter.reserved, amount + deposit + api.consts.escrow.settlementDeposit.toBigInt());
  settlement = (await api.query.escrow.settlements(id)).unwrap();
  assert.equal(settlement.status.type, 'Completed');
  const storeOrder = (await api.query.storeOrders.orders(STORE, order)).unwrap();
  assert.equal(storeOrder.status.type, 'Completed');
  assert.equal(storeOrder.paid.unwrap().toBigInt(), 5n * UNIT);
});
