// A marketplace's commission, end to end: Dave runs a marketplace at 2.5%; a store of Eve's
// joins it by accepting the rate by number (a stale rate is refused); its orders are paid by
// confirmation in ESC and by the deadline in dollars, each payout split between the store and
// the marketplace's fee account in the settlement's asset, the buyer's price unchanged, the
// payment record showing what was paid, the commission and what the store received. Nothing is
// taken on a refund, and a higher rate binds the store only once it accepts it.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DOLLAR, STABLECOIN, UNIT, USD, findEvent, ok, send, waitForDeadline } from '@escrow-chain/scripts-lib';
import { orderNo, session, snapshot } from './helpers.js';

const ctx = session();
const RATE = 250;

/** ESC and dollars free in `who`'s account. */
async function funds(api, who) {
  const { data } = await api.query.system.account(who.address ?? who);
  const usd = await api.query.assets.account(STABLECOIN.id, who.address ?? who);
  return { esc: data.free.toBigInt(), usd: usd.isSome ? usd.unwrap().balance.toBigInt() : 0n };
}

/** Dave's marketplace, its fee account, and a store of Eve's (paying Eve) in it. */
async function marketplaceWithStore({ api, keyring, dave, eve }) {
  const fee = keyring.addFromUri(`//bazaar-fee-${Date.now()}-${Math.floor(Math.random() * 1e6)}`);
  const registered = await ok(api, api.tx.storeOrders.registerMarketplace("Dave's bazaar", RATE, fee.address), dave);
  const market = findEvent(registered.events, 'storeOrders', 'MarketplaceRegistered').marketplace.toNumber();
  const shop = await ok(api, api.tx.storeOrders.registerStore(eve.address, 'Eve in the bazaar', null, ['Native', USD]), eve);
  const store = findEvent(shop.events, 'storeOrders', 'StoreRegistered').store.toNumber();
  return { fee, market, store };
}

/** Opens, accepts and ships a settlement of `amount` in `asset` at `store`; its id and deadline. */
async function shipped(api, { buyer, eve, store, asset, amount, timeLimit = null }) {
  const order = orderNo('market');
  const opened = await ok(
    api,
    api.tx.escrow.openSettlement(store, order, asset, amount, eve.address, timeLimit, snapshot(0x3c)),
    buyer,
  );
  const id = findEvent(opened.events, 'escrow', 'SettlementOpened').id.toNumber();
  const s = (await api.query.escrow.settlements(id)).unwrap();
  await ok(api, api.tx.storeOrders.acceptPayment(store, order, id, amount, s.snapshot, s.timeLimit), eve);
  const { events } = await ok(api, api.tx.storeOrders.markShipped(store, order, 'DHL:0034043416'), eve);
  return { id, order, deadline: findEvent(events, 'escrow', 'SettlementShipped').deadline.toNumber() };
}

test('a store joins at the rate it read; a stale rate is refused with TermsChanged', async () => {
  const { api, eve } = ctx;
  const { market, store } = await marketplaceWithStore(ctx);
  const stale = await send(api, api.tx.storeOrders.joinMarketplace(store, market, RATE - 50), eve);
  assert.equal(stale.error, 'storeOrders.TermsChanged');
  assert.ok((await api.query.storeOrders.marketplaceOfStore(store)).isNone, 'nothing joined');
  const joined = await ok(api, api.tx.storeOrders.joinMarketplace(store, market, RATE), eve);
  const event = findEvent(joined.events, 'storeOrders', 'StoreJoinedMarketplace');
  assert.equal(event.rate.toNumber(), RATE);
  // Only the operator changes the terms; only the owner joins.
  const stranger = await send(api, api.tx.storeOrders.setMarketplaceTerms(market, 0, eve.address), eve);
  assert.equal(stranger.error, 'storeOrders.NotOperator');
  const notOwner = await send(api, api.tx.storeOrders.joinMarketplace(store, market, RATE), ctx.alice);
  assert.equal(notOwner.error, 'storeOrders.NotOwner');
});

test('paid by confirmation in ESC: the commission goes to the fee account, the rest to the store', async () => {
  const { api, alice, eve } = ctx;
  const { fee, market, store } = await marketplaceWithStore(ctx);
  await ok(api, api.tx.storeOrders.joinMarketplace(store, market, RATE), eve);
  const amount = 100n * UNIT;
  const { id } = await shipped(api, { buyer: alice, eve, store, asset: 'Native', amount });
  const settlement = (await api.query.escrow.settlements(id)).unwrap();
  const commission = settlement.commission.unwrap();
  assert.deepEqual(
    [commission.marketplace.toNumber(), commission.rate.toNumber(), commission.feeAccount.toString()],
    [market, RATE, fee.address],
    'the settlement shows the buyer which marketplace takes what',
  );
  const [eveBefore, feeBefore] = [await funds(api, eve), await funds(api, fee)];

  const confirmed = await ok(api, api.tx.escrow.confirmReceipt(id, amount), alice);

  const cut = (amount * BigInt(RATE)) / 10_000n;
  const paid = findEvent(confirmed.events, 'escrow', 'CommissionPaid');
  assert.equal(paid.amount.toBigInt(), cut);
  assert.equal(paid.feeAccount.toString(), fee.address);
  assert.equal((await funds(api, fee)).esc - feeBefore.esc, cut);
  assert.equal((await funds(api, eve)).esc - eveBefore.esc, amount - cut, "the buyer signed; the store paid no fee");
  const record = (await api.query.escrow.paymentRecords(id)).unwrap();
  assert.equal(record.amount.toBigInt(), amount, 'what was paid');
  assert.equal(record.commission.unwrap().amount.toBigInt(), cut, 'the commission');
  assert.equal(record.amount.toBigInt() - record.commission.unwrap().amount.toBigInt(), amount - cut, 'what the store received');
  const order = (await api.query.storeOrders.orders(store, (await api.query.escrow.settlements(id)).unwrap().orderNo)).unwrap();
  assert.equal(order.status.type, 'Completed');
});

test('paid by the deadline in dollars: the commission is taken in dollars', async () => {
  const { api, alice, eve } = ctx;
  const { fee, market, store } = await marketplaceWithStore(ctx);
  await ok(api, api.tx.storeOrders.joinMarketplace(store, market, RATE), eve);
  const amount = 40n * DOLLAR;
  const eveBefore = await funds(api, eve);
  const { id, deadline } = await shipped(api, { buyer: alice, eve, store, asset: USD, amount, timeLimit: 3 });
  const hash = await waitForDeadline(api, deadline);
  const events = (await (await api.at(hash)).query.system.events()).map(({ event }) => event);
  const paid = events.find((e) => api.events.escrow.CommissionPaid.is(e) && e.data.id.toNumber() === id);
  assert.ok(paid, 'the commission is paid in the deadline block');
  const cut = (amount * BigInt(RATE)) / 10_000n;
  assert.equal(paid.data.amount.toBigInt(), cut);
  assert.ok(paid.data.asset.isWithId);
  assert.equal((await funds(api, fee)).usd, cut, 'the fee account received dollars');
  assert.equal((await funds(api, fee)).esc, 0n, 'and no ESC');
  assert.equal((await funds(api, eve)).usd - eveBefore.usd, amount - cut);
  const record = (await api.query.escrow.paymentRecords(id)).unwrap();
  assert.equal(record.trigger.type, 'Deadline');
});

test('nothing is taken on a refund; a higher rate binds the store only once it accepts it', async () => {
  const { api, alice, dave, eve } = ctx;
  const { fee, market, store } = await marketplaceWithStore(ctx);
  await ok(api, api.tx.storeOrders.joinMarketplace(store, market, RATE), eve);
  const { id } = await shipped(api, { buyer: alice, eve, store, asset: 'Native', amount: 10n * UNIT });
  const refunded = await ok(api, api.tx.escrow.refund(id), eve);
  assert.equal(findEvent(refunded.events, 'escrow', 'CommissionPaid'), undefined);
  assert.equal((await funds(api, fee)).esc, 0n);

  // The marketplace raises its rate: Eve's next settlement still owes the rate she accepted.
  await ok(api, api.tx.storeOrders.setMarketplaceTerms(market, 1_000, fee.address), dave);
  const before = await shipped(api, { buyer: alice, eve, store, asset: 'Native', amount: 10n * UNIT });
  assert.equal((await api.query.escrow.settlements(before.id)).unwrap().commission.unwrap().rate.toNumber(), RATE);
  await ok(api, api.tx.storeOrders.joinMarketplace(store, market, 1_000), eve);
  const after = await shipped(api, { buyer: alice, eve, store, asset: 'Native', amount: 10n * UNIT });
  assert.equal((await api.query.escrow.settlements(after.id)).unwrap().commission.unwrap().rate.toNumber(), 1_000);
  // Eve leaves: no commission on what she opens next.
  await ok(api, api.tx.storeOrders.leaveMarketplace(store), eve);
  const outside = await shipped(api, { buyer: alice, eve, store, asset: 'Native', amount: 10n * UNIT });
  assert.ok((await api.query.escrow.settlements(outside.id)).unwrap().commission.isNone);
});
