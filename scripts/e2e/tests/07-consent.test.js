// Consent bound to an amount, tried as an attacker would through @polkadot/api: a buyer who
// switches a proposal under the store's acceptance, in the same block, with a tip.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { UNIT, findEvent, ok, send } from '@escrow-chain/scripts-lib';
import { acceptAndShip, balances, session, openSettlement, orderNo, submit } from './helpers.js';

const ctx = session();

test('a deduction switched under the store\'s acceptance is refused, nothing moves', async () => {
  const { api, bob, eve } = ctx;
  const order = orderNo('bait');
  const amount = 10n * UNIT;
  const { id } = await openSettlement(api, eve, bob, order, amount);
  await acceptAndShip(api, bob, id, order, amount);
  await ok(api, api.tx.escrow.proposeDeduction(id, 9n * UNIT), eve);

  // The store signs its acceptance of 9 ESC; the buyer races a proposal of 0.000001 ESC
  // with a tip, so that the pool orders it first.
  const switched = await submit(api, api.tx.escrow.proposeDeduction(id, 1_000_000n), eve, { tip: UNIT / 10n });
  const accepted = await submit(api, api.tx.escrow.acceptDeduction(id, 9n * UNIT), bob);
  const [sw, acc] = await Promise.all([switched.outcome, accepted.outcome]);
  assert.equal(sw.error, null, 'the switched proposal itself is allowed');
  assert.equal(acc.error, 'escrow.ProposalChanged', 'the acceptance of 9 ESC does not agree to 0.000001');

  const settlement = (await api.query.escrow.settlements(id)).unwrap();
  assert.ok(settlement.agreedPayout.isNone, 'no deduction is agreed');
  // Paying the switched amount is refused; the order amount is still owed.
  assert.equal((await send(api, api.tx.escrow.confirmReceipt(id, 1_000_000n), eve)).error, 'escrow.BelowOrderAmount');
  const bobBefore = await balances(api, bob);
  const done = await ok(api, api.tx.escrow.confirmReceipt(id, amount), eve);
  assert.equal(findEvent(done.events, 'escrow', 'SettlementCompleted').paid.toBigInt(), amount);
  assert.equal((await balances(api, bob)).free - bobBefore.free, amount);
});

test('an agreed deduction stays when the store proposes another', async () => {
  const { api, bob, eve } = ctx;
  const order = orderNo('withdraw');
  const amount = 10n * UNIT;
  const { id } = await openSettlement(api, eve, bob, order, amount);
  await acceptAndShip(api, bob, id, order, amount);
  await ok(api, api.tx.escrow.proposeDeduction(id, 7n * UNIT), bob);
  await ok(api, api.tx.escrow.acceptDeduction(id, 7n * UNIT), eve);
  await ok(api, api.tx.escrow.proposeDeduction(id, 99n * UNIT / 10n), bob);
  const done = await ok(api, api.tx.escrow.confirmReceipt(id, 7n * UNIT), eve);
  assert.equal(findEvent(done.events, 'escrow', 'SettlementCompleted').paid.toBigInt(), 7n * UNIT);
});
