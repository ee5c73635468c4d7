// Funding through @polkadot/api: a buyer short of funds opens a settlement covered partly by a
// linked account's top-up and partly by a lender's credit [patent claims 2 and 3].

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { STORE, UNIT, balances, session, findEvent, ok, orderNo, snapshot } from './helpers.js';

const ctx = session();

test('a settlement funded by a linked account and by credit', async () => {
  const { api, keyring, alice, bob, charlie, dave } = ctx;
  const buyer = keyring.addFromUri(`//FundedBuyer${Date.now()}`);
  await ok(api, api.tx.balances.transferKeepAlive(buyer.address, 2n * UNIT), alice);
  await ok(api, api.tx.funding.approveTopUp(buyer.address, 5n * UNIT), charlie);
  await ok(api, api.tx.funding.openCreditLine(buyer.address, 10n * UNIT), dave);

  const charlieBefore = await balances(api, charlie);
  const daveBefore = await balances(api, dave);
  const amount = 12n * UNIT;
  const opened = await ok(
    api,
    api.tx.escrow.openSettlement(STORE, orderNo('funded'), amount, bob.address, null, snapshot(2)),
    buyer,
  );
  const toppedUp = findEvent(opened.events, 'funding', 'ToppedUp');
  assert.equal(toppedUp.from.toString(), charlie.address);
  assert.equal(toppedUp.amount.toBigInt(), 5n * UNIT);
  const drawn = findEvent(opened.events, 'funding', 'CreditDrawn');
  assert.equal(drawn.lender.toString(), dave.address);
  assert.ok(drawn.amount.toBigInt() > 0n);
  assert.equal(drawn.debt.toBigInt(), drawn.amount.toBigInt());

  assert.equal((await balances(api, buyer)).payment, amount, 'the whole amount is held');
  assert.equal(charlieBefore.free - (await balances(api, charlie)).free, 5n * UNIT);
  assert.equal(daveBefore.free - (await balances(api, dave)).free, drawn.amount.toBigInt());
  const line = (await api.query.funding.creditLines(buyer.address, dave.address)).unwrap();
  assert.equal(line.debt.toBigInt(), drawn.amount.toBigInt(), "recorded as the buyer's debt");
  const settlementId = findEvent(opened.events, 'escrow', 'SettlementOpened').id.toNumber();
  const draws = (await api.query.funding.draws(settlementId)).unwrap();
  assert.equal(draws.length, 2);
});
