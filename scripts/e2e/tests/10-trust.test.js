// After-sales that cannot be turned against a store, tried as an attacker would through
// @polkadot/api: one-planck refund requests to hold a payout (bounded by the one clock's pause
// allowance), a refund the store refuses after the buyer used up its disputes (refused, not
// paid; a faked return goes to the arbiter), and an acceptance switched under the store by a
// re-opening with a tip (refused).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { UNIT, findEvent, ok, send, waitForDeadline } from '@escrow-chain/scripts-lib';
import { acceptAndShip, acceptPayment, balances, openSettlement, orderNo, session, snapshot, submit } from './helpers.js';

const ctx = session();

const settlementOf = async (api, id) => (await api.query.escrow.settlements(id)).unwrap();

/** This chain's pause allowance: set at genesis (the development chain), else the runtime's. */
async function pauseAllowance(api) {
  const chain = await api.query.escrow.chainPauseAllowance();
  return chain.isSome ? chain.unwrap().toNumber() : api.consts.escrow.pauseAllowance.toNumber();
}

test('one-planck refund requests cannot hold a payout past the pause allowance', async () => {
  const { api, bob, charlie } = ctx;
  const order = orderNo('planck');
  const amount = 10n * UNIT;
  const { id } = await openSettlement(api, charlie, bob, order, amount, 40);
  const first = await acceptAndShip(api, bob, id, order, amount);
  const allowance = await pauseAllowance(api);
  assert.ok(allowance > 0);

  // As soon as each request is granted by the store's silence, the buyer asks again.
  let rounds = 0;
  let refused;
  for (;;) {
    const asked = await send(api, api.tx.escrow.requestRefund(id, 1n, snapshot(3)), charlie);
    if (asked.error) {
      refused = asked.error;
      break;
    }
    rounds += 1;
    assert.ok(rounds <= 20, 'the buyer kept the payout locked: no bound');
    const before = (await settlementOf(api, id)).paused.toNumber();
    const respondBy = findEvent(asked.events, 'escrow', 'RefundRequested').respondBy.toNumber();
    await waitForDeadline(api, respondBy);
    const after = await settlementOf(api, id);
    assert.equal(after.status.type, 'Shipped', 'granted by silence, back on its timer');
    assert.ok(after.paused.toNumber() > before && after.paused.toNumber() <= allowance, 'drawn from the allowance');
  }
  assert.equal(refused, 'escrow.PauseAllowanceUsed');
  const s = await settlementOf(api, id);
  assert.equal(s.paused.toNumber(), allowance, 'every question together gave back the allowance, no more');
  assert.equal(s.deadline.unwrap().toNumber(), first + allowance);
  // Nor can a dispute stop the clock any more.
  assert.equal((await send(api, api.tx.escrow.openDispute(id, snapshot(4)), charlie)).error, 'escrow.PauseAllowanceUsed');

  // The deadline pays the store what it is owed: the order less the planck of each round.
  const bobBefore = await balances(api, bob);
  const paidIn = await waitForDeadline(api, s.deadline.unwrap().toNumber());
  const events = await (await api.at(paidIn)).query.system.events();
  const paid = events.map(({ event }) => event).find((e) => api.events.escrow.SettlementCompleted.is(e) && e.data.id.toNumber() === id);
  assert.ok(paid, 'paid in its deadline block');
  assert.equal(paid.data.trigger.type, 'Deadline');
  assert.equal(paid.data.paid.toBigInt(), amount - BigInt(rounds));
  assert.equal((await balances(api, bob)).free - bobBefore.free, amount - BigInt(rounds));
});

test("a store with no dispute left still says no: the buyer's question goes to the arbiter on the buyer's deposit, and a fake return too", async () => {
  const { api, alice, bob, dave } = ctx;
  const maxDisputes = api.consts.escrow.maxDisputes.toNumber();
  const disputeDeposit = api.consts.escrow.disputeDeposit.toBigInt();
  const order = orderNo('no-disputes');
  const amount = 8n * UNIT;
  const { id } = await openSettlement(api, dave, bob, order, amount, 40);
  await ok(api, await acceptPayment(api, id, order, amount), bob);
  await ok(api, api.tx.storeOrders.markShipped(0, order, 'DHL:nodisputes'), bob);
  // The store opens every dispute it may after shipping (each side has its own), each sent back.
  for (let i = 0; i < maxDisputes; i += 1) {
    await ok(api, api.tx.escrow.openDispute(id, snapshot(20 + i)), bob);
    await ok(api, api.tx.sudo.sudo(api.tx.escrow.resolveDispute(id, 'Resume')), alice);
  }

  // A full refund asked after shipping: the store says no, though it has no dispute left. The
  // "no" is an answer; the question was the buyer's, and goes on as the buyer's dispute.
  await ok(api, api.tx.escrow.requestRefund(id, amount, snapshot(30)), dave);
  const storeBefore = await balances(api, bob);
  const refused = await ok(api, api.tx.escrow.refuseRefund(id), bob);
  assert.equal(findEvent(refused.events, 'escrow', 'RefundRefused').dispute.isTrue, true, "the buyer's dispute opens");
  const opened = findEvent(refused.events, 'escrow', 'DisputeOpened');
  assert.equal(opened.by.type, 'Buyer');
  assert.equal(opened.deposit.toBigInt(), disputeDeposit, "on the buyer's deposit");
  assert.equal((await balances(api, bob)).reserved, storeBefore.reserved, "nothing held from the store");
  let s = await settlementOf(api, id);
  assert.equal(s.status.type, 'Disputed');
  assert.equal(s.amount.toBigInt(), amount, 'nothing refunded');
  assert.equal(s.storeDisputes.toNumber(), maxDisputes);
  assert.equal(s.disputes.toNumber(), maxDisputes + 1, "one of the buyer's own disputes");
  // The arbiter sends it back to the timer.
  await ok(api, api.tx.sudo.sudo(api.tx.escrow.resolveDispute(id, 'Resume')), alice);
  s = await settlementOf(api, id);
  assert.equal(s.status.type, 'Shipped');

  // A return marked shipped with nothing in it: the store, which would have the goods, refuses
  // it. That "no" always goes to the arbiter, past every dispute bound; it finds for the store.
  await ok(api, api.tx.escrow.requestRefund(id, amount, snapshot(31)), dave);
  await ok(api, api.tx.escrow.grantRefundWithReturn(id, amount), bob);
  await ok(api, api.tx.escrow.markReturned(id, 'FAKE'), dave);
  await ok(api, api.tx.escrow.refuseRefund(id), bob);
  s = await settlementOf(api, id);
  assert.equal(s.status.type, 'Disputed');
  assert.equal(s.amount.toBigInt(), amount, 'nothing refunded');
  assert.ok((await api.query.escrow.refundRequests(id)).isNone);
  const ruled = await ok(api, api.tx.sudo.sudo(api.tx.escrow.resolveDispute(id, { Split: { payout: amount } })), alice);
  assert.equal(findEvent(ruled.events, 'escrow', 'SettlementCompleted').paid.toBigInt(), amount);
});

test('an acceptance switched under the store by a re-opening with a tip is refused', async () => {
  const { api, bob, ferdie } = ctx;
  const order = orderNo('switch');
  const amount = 5n * UNIT;
  const { id } = await openSettlement(api, ferdie, bob, order, amount);
  // The store reads the settlement and signs its acceptance of these terms.
  const accept = await acceptPayment(api, id, order, amount);
  // The buyer races a re-opening with another snapshot and the longest time limit, with a tip.
  const longest = api.consts.escrow.maxTimeLimit.toNumber();
  const reopened = await submit(
    api,
    api.tx.escrow.openSettlement(0, order, 'Native', amount, bob.address, longest, snapshot(99)),
    ferdie,
    { tip: UNIT / 10n },
  );
  const accepted = await submit(api, accept, bob);
  const [re, acc] = await Promise.all([reopened.outcome, accepted.outcome]);
  assert.equal(re.error, null, 'the re-opening itself is allowed before acceptance');
  assert.equal(acc.error, 'escrow.TermsChanged', 'the store agreed to the terms it read, not these');
  let s = await settlementOf(api, id);
  assert.equal(s.status.type, 'AwaitingAcceptance');
  assert.equal(s.timeLimit.toNumber(), longest);
  // The store reads the new terms and accepts them knowingly.
  await ok(api, await acceptPayment(api, id, order, amount), bob);
  s = await settlementOf(api, id);
  assert.equal(s.status.type, 'Accepted');
  await ok(api, api.tx.escrow.refund(id), bob);
});
