// Funding through @polkadot/api: a buyer short of funds opens a settlement covered partly by a
// linked account's top-up and partly by a lender's credit [patent claims 2 and 3].

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { STORE, UNIT, findEvent, ok, send } from '@escrow-chain/scripts-lib';
import { balances, session, orderNo, snapshot } from './helpers.js';

const ctx = session();

test('a settlement funded by a linked account and by credit', async () => {
  const { api, keyring, alice, bob, charlie, dave } = ctx;
  const buyer = keyring.addFromUri(`//FundedBuyer${Date.now()}`);
  await ok(api, api.tx.balances.transferKeepAlive(buyer.address, 2n * UNIT), alice);
  await ok(api, api.tx.funding.approveTopUp(buyer.address, 'Native', 5n * UNIT), charlie);
  await ok(api, api.tx.funding.openCreditLine(buyer.address, 'Native', 10n * UNIT), dave);
  // Offers are drawn on only once the buyer accepts them, at the limits offered.
  await ok(api, api.tx.utility.batchAll([
    api.tx.funding.acceptTopUp(charlie.address, 'Native', 5n * UNIT),
    api.tx.funding.acceptCreditLine(dave.address, 'Native', 10n * UNIT),
  ]), buyer);

  const charlieBefore = await balances(api, charlie);
  const daveBefore = await balances(api, dave);
  const amount = 12n * UNIT;
  const opened = await ok(
    api,
    api.tx.escrow.openSettlement(STORE, orderNo('funded'), 'Native', amount, bob.address, null, snapshot(2)),
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

test('a credit line the buyer never asked for is never drawn, and holds its creator\'s deposit', async () => {
  const { api, keyring, alice, bob, eve, ferdie } = ctx;
  const buyer = keyring.addFromUri(`//UnsolicitedBuyer${Date.now()}`);
  await ok(api, api.tx.balances.transferKeepAlive(buyer.address, 2n * UNIT), alice);
  const deposit = api.consts.funding.linkDeposit.toBigInt();
  const eveBefore = await balances(api, eve);

  // A stranger offers credit; its deposit is held from it.
  const offered = await ok(api, api.tx.funding.openCreditLine(buyer.address, 'Native', 100n * UNIT), eve);
  assert.ok(findEvent(offered.events, 'funding', 'Offered'), 'an offer, not a credit line');
  assert.equal(eveBefore.reserved + deposit, (await balances(api, eve)).reserved, 'the offer holds a deposit');
  assert.ok((await api.query.funding.creditLines(buyer.address, eve.address)).isNone);

  // The buyer, short of funds, is refused rather than put in debt.
  const order = orderNo('unsolicited');
  const tried = await send(api, api.tx.escrow.openSettlement(STORE, order, 'Native', 10n * UNIT, bob.address, null, snapshot(3)), buyer);
  assert.equal(tried.error, 'escrow.InsufficientBalance');
  assert.equal((await balances(api, eve)).free, eveBefore.free - deposit - offered.fee, 'nothing was drawn from the stranger');

  // Accepting another limit than the one offered fails by name; declining releases the deposit.
  assert.equal(
    (await send(api, api.tx.funding.acceptCreditLine(eve.address, 'Native', 50n * UNIT), buyer)).error,
    'funding.OfferChanged',
  );
  await ok(api, api.tx.funding.declineOffer(eve.address, 'Credit'), buyer);
  assert.equal((await balances(api, eve)).reserved, eveBefore.reserved, 'the deposit went back');
  assert.ok((await api.query.funding.creditOffers(buyer.address, eve.address)).isNone);

  // Offers take none of the buyer's slots: a friend's accepted line still works.
  await ok(api, api.tx.funding.openCreditLine(buyer.address, 'Native', 20n * UNIT), ferdie);
  await ok(api, api.tx.funding.acceptCreditLine(ferdie.address, 'Native', 20n * UNIT), buyer);
  const opened = await ok(api, api.tx.escrow.openSettlement(STORE, order, 'Native', 10n * UNIT, bob.address, null, snapshot(3)), buyer);
  assert.equal(findEvent(opened.events, 'funding', 'CreditDrawn').lender.toString(), ferdie.address);
});
