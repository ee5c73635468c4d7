// Settlements in the development chain's dollar stablecoin, from an account that never held
// ESC: it receives dollars only, pays every transaction fee in dollars (the `assetId` of
// `ChargeAssetTxPayment`, set as a wallet sets it), and opens, confirms, disputes and is
// refunded in dollars; the chain auto-settles in dollars.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DOLLAR, STABLECOIN, STORE, USD, findEvent, ok, send, waitForDeadline } from '@escrow-chain/scripts-lib';
import { acceptAndShip, orderNo, session, snapshot } from './helpers.js';

const ctx = session();
const ID = STABLECOIN.id;

/** A fresh account that Alice sends `dollars` of the stablecoin to, and nothing else. */
async function dollarOnlyBuyer(api, keyring, alice, dollars) {
  const buyer = keyring.addFromUri(`//dollar-only-${Date.now()}-${Math.floor(Math.random() * 1e6)}`);
  await ok(api, api.tx.assets.transfer(ID, buyer.address, dollars * DOLLAR), alice);
  return buyer;
}

/** `who`'s free dollars and its dollars held under each escrow reason. */
async function dollars(api, who) {
  const account = await api.query.assets.account(ID, who.address);
  const holds = await api.query.assetsHolder.holds(ID, who.address);
  const held = (reason) =>
    holds.filter((h) => h.id.isEscrow && h.id.asEscrow[`is${reason}`]).reduce((s, h) => s + h.amount.toBigInt(), 0n);
  return {
    free: account.isSome ? account.unwrap().balance.toBigInt() : 0n,
    payment: held('Payment'),
    deposit: held('SettlementDeposit'),
    dispute: held('DisputeDeposit'),
  };
}

/** ESC of `who`: free plus reserved plus held. */
async function esc(api, who) {
  const { data } = await api.query.system.account(who.address);
  return data.free.toBigInt() + data.reserved.toBigInt();
}

/** Signs with the fee in dollars; asserts that the call succeeded and the fee was paid in dollars. */
async function inDollars(api, tx, signer) {
  const result = await send(api, tx, signer, { assetId: ID });
  assert.equal(result.error, null, `${tx.method.section}.${tx.method.method} succeeded`);
  assert.equal(result.feeAsset, ID, 'the fee was paid in dollars');
  assert.ok(result.fee > 0n, 'a fee was paid');
  return result;
}

function openInDollars(api, order, amount, payee, timeLimit = null) {
  return api.tx.escrow.openSettlement(STORE, order, USD, amount, payee.address, timeLimit, snapshot(0x5d));
}

test('the stablecoin is listed with its name, symbol and decimals, and the demo store accepts it', async () => {
  const { api } = ctx;
  const metadata = await api.query.assets.metadata(ID);
  assert.equal(metadata.symbol.toUtf8(), STABLECOIN.symbol);
  assert.equal(metadata.decimals.toNumber(), STABLECOIN.decimals);
  assert.ok(metadata.name.toUtf8().length > 0);
  const details = (await api.query.assets.asset(ID)).unwrap();
  assert.equal(details.isSufficient.isTrue, true, 'an account may hold only it');
  const store = (await api.query.storeOrders.stores(STORE)).unwrap();
  const accepted = store.assets.map((a) => (a.isNative ? 'Native' : a.asWithId.toNumber()));
  assert.deepEqual(accepted, ['Native', ID]);
});

test('a buyer who never held ESC pays a store order in dollars, fees included, and the store is paid in dollars', async () => {
  const { api, keyring, alice, bob } = ctx;
  const buyer = await dollarOnlyBuyer(api, keyring, alice, 100n);
  assert.equal(await esc(api, buyer), 0n, 'the buyer holds no ESC');
  const order = orderNo('usd');
  const amount = 25n * DOLLAR;

  const opened = await inDollars(api, openInDollars(api, order, amount, bob), buyer);
  const event = findEvent(opened.events, 'escrow', 'SettlementOpened');
  const id = event.id.toNumber();
  assert.ok(event.asset.isWithId && event.asset.asWithId.toNumber() === ID, 'opened in dollars');
  const settlement = (await api.query.escrow.settlements(id)).unwrap();
  const held = await dollars(api, buyer);
  assert.equal(held.payment, amount, 'the payment is held in the buyer’s own account');
  assert.equal(held.deposit, settlement.deposit.toBigInt(), 'the deposit is held in dollars');
  assert.ok(held.deposit > 0n);
  assert.equal(held.free, 100n * DOLLAR - amount - held.deposit - opened.fee);

  const bobBefore = await dollars(api, bob);
  await acceptAndShip(api, bob, id, order, amount);
  const confirmed = await inDollars(api, api.tx.escrow.confirmReceipt(id, amount), buyer);
  const completed = findEvent(confirmed.events, 'escrow', 'SettlementCompleted');
  assert.equal(completed.paid.toBigInt(), amount);
  assert.ok(completed.asset.isWithId);
  const bobAfter = await dollars(api, bob);
  assert.equal(bobAfter.free - bobBefore.free, amount, 'the store was paid in dollars');
  const after = await dollars(api, buyer);
  assert.equal(after.payment + after.deposit, 0n, 'nothing is held any more');
  assert.equal(after.free, 100n * DOLLAR - amount - opened.fee - confirmed.fee, 'the deposit came back');
  assert.equal(await esc(api, buyer), 0n, 'the buyer still holds no ESC');
  const record = (await api.query.escrow.paymentRecords(completed.record)).unwrap();
  assert.ok(record.asset.isWithId && record.asset.asWithId.toNumber() === ID);
  const storeOrder = (await api.query.storeOrders.orders(STORE, order)).unwrap();
  assert.equal(storeOrder.status.type, 'Completed');
});

test('auto-settlement pays the store in dollars at the deadline', async () => {
  const { api, keyring, alice, bob } = ctx;
  const buyer = await dollarOnlyBuyer(api, keyring, alice, 50n);
  const order = orderNo('usd-auto');
  const amount = 10n * DOLLAR;
  const opened = await inDollars(api, openInDollars(api, order, amount, bob, 3), buyer);
  const id = findEvent(opened.events, 'escrow', 'SettlementOpened').id.toNumber();
  const deadline = await acceptAndShip(api, bob, id, order, amount);
  const bobBefore = await dollars(api, bob);
  const events = await (await api.at(await waitForDeadline(api, deadline))).query.system.events();
  const completed = events
    .map(({ event }) => event)
    .find((e) => api.events.escrow.SettlementCompleted.is(e) && e.data.id.toNumber() === id);
  assert.ok(completed, 'paid out in the deadline block');
  assert.equal(completed.data.trigger.type, 'Deadline');
  assert.ok(completed.data.asset.isWithId);
  assert.equal((await dollars(api, bob)).free - bobBefore.free, amount);
  const after = await dollars(api, buyer);
  assert.equal(after.free, 50n * DOLLAR - amount - opened.fee, 'the deposit came back in dollars');
});

test('a dollar-only buyer disputes with a dollar deposit and gets everything back when the store refunds', async () => {
  const { api, keyring, alice, bob } = ctx;
  const buyer = await dollarOnlyBuyer(api, keyring, alice, 100n);
  const order = orderNo('usd-dispute');
  const amount = 30n * DOLLAR;
  const opened = await inDollars(api, openInDollars(api, order, amount, bob), buyer);
  const id = findEvent(opened.events, 'escrow', 'SettlementOpened').id.toNumber();
  await acceptAndShip(api, bob, id, order, amount);
  const disputed = await inDollars(api, api.tx.escrow.openDispute(id, snapshot(0x66)), buyer);
  const deposit = findEvent(disputed.events, 'escrow', 'DisputeOpened').deposit.toBigInt();
  assert.equal((await dollars(api, buyer)).dispute, deposit, 'the dispute deposit is held in dollars');
  assert.ok(deposit > 0n);

  await ok(api, api.tx.escrow.refund(id), bob);
  const after = await dollars(api, buyer);
  assert.equal(after.payment + after.deposit + after.dispute, 0n);
  assert.equal(after.free, 100n * DOLLAR - opened.fee - disputed.fee, 'payment and both deposits came back');
  assert.equal(await esc(api, buyer), 0n);
});

test('a settlement in an asset the store does not accept is refused by name', async () => {
  const { api, keyring, alice, eve } = ctx;
  const buyer = await dollarOnlyBuyer(api, keyring, alice, 20n);
  // A store that accepts ESC only.
  const registered = await ok(api, api.tx.storeOrders.registerStore(eve.address, 'ESC only', null, ['Native']), eve);
  const store = findEvent(registered.events, 'storeOrders', 'StoreRegistered').store.toNumber();
  const tx = api.tx.escrow.openSettlement(store, orderNo('usd-refused'), USD, DOLLAR, eve.address, null, snapshot());
  const result = await send(api, tx, buyer, { assetId: ID });
  assert.equal(result.error, 'escrow.AssetNotAccepted');
  assert.equal(result.feeAsset, ID, 'even the refused call paid its fee in dollars');
});

test('a dollar credit line covers a dollar settlement, is owed in dollars and repaid in dollars from a refund; an ESC line is not drawn', async () => {
  const { api, keyring, alice, bob, dave } = ctx;
  const buyer = await dollarOnlyBuyer(api, keyring, alice, 5n);
  // Dave offers credit in ESC, Alice in dollars; the buyer accepts both, naming asset and limit.
  await ok(api, api.tx.funding.openCreditLine(buyer.address, 'Native', 100n * 10n ** 12n), dave);
  await ok(api, api.tx.funding.openCreditLine(buyer.address, USD, 50n * DOLLAR), alice);
  await inDollars(
    api,
    api.tx.utility.batchAll([
      api.tx.funding.acceptCreditLine(dave.address, 'Native', 100n * 10n ** 12n),
      api.tx.funding.acceptCreditLine(alice.address, USD, 50n * DOLLAR),
    ]),
    buyer,
  );
  const aliceBefore = await dollars(api, alice);
  const amount = 20n * DOLLAR;
  const opened = await inDollars(api, openInDollars(api, orderNo('usd-credit'), amount, bob), buyer);
  const drawn = findEvent(opened.events, 'funding', 'CreditDrawn');
  assert.equal(drawn.lender.toString(), alice.address, 'drawn on the dollar line only');
  assert.ok(drawn.asset.isWithId && drawn.asset.asWithId.toNumber() === ID);
  assert.equal((await dollars(api, alice)).free, aliceBefore.free - drawn.amount.toBigInt(), 'lent in dollars');
  const line = (await api.query.funding.creditLines(buyer.address, alice.address)).unwrap();
  assert.equal(line.debt.toBigInt(), drawn.amount.toBigInt(), 'owed in dollars');
  assert.equal((await api.query.funding.creditLines(buyer.address, dave.address)).unwrap().debt.toBigInt(), 0n);

  const id = findEvent(opened.events, 'escrow', 'SettlementOpened').id.toNumber();
  // The draw left the buyer its minimum balance only; the store refunds (and pays the fee).
  const refunded = await ok(api, api.tx.escrow.refund(id), bob);
  const repaid = findEvent(refunded.events, 'funding', 'CreditRepaid');
  assert.equal(repaid.amount.toBigInt(), drawn.amount.toBigInt(), 'the credit was repaid first, in dollars');
  assert.equal(repaid.debt.toBigInt(), 0n);
  assert.equal((await dollars(api, alice)).free, aliceBefore.free, 'the lender has its dollars back');
});
