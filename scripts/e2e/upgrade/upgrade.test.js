// A live runtime upgrade with open settlements of every state (scripts/upgrade.sh).
//
// The chain's genesis runs the previous release's runtime, kept in runtime/releases/
// ($ESCROW_PREVIOUS_RELEASE: storage v1, every settlement in ESC). The tests open
// settlements in every state through that runtime's calls, upgrade the chain to the runtime
// at $ESCROW_NEW_WASM with `sudo.sudoUncheckedWeight(system.setCode(..))`, and check that
// after the migrations every settlement is there as it was (now in the native asset) with its
// holds, that confirmation, auto-settlement, a ruling and a cancellation repaying credit still
// pay the right amounts, and that new settlements open in the stablecoin.
//
// The tests run in order and share the chain: each is a step of one story.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { blake2AsHex, xxhashAsU8a } from '@polkadot/util-crypto';
import { u8aConcat, u8aToHex } from '@polkadot/util';
import {
  DOLLAR,
  STABLECOIN,
  STORE,
  UNIT,
  USD,
  connect,
  devAccounts,
  findEvent,
  newBlock,
  ok,
  send,
  waitForBlock,
} from '@escrow-chain/scripts-lib';

import { release } from './release-spec.js';

const WASM = process.env.ESCROW_NEW_WASM;
/** The spec version of the runtime at $ESCROW_NEW_WASM: this repository's (runtime/src/lib.rs). */
const NEW_SPEC = Number(process.env.ESCROW_NEW_SPEC_VERSION);
const PREVIOUS = release(Number(process.env.ESCROW_PREVIOUS_RELEASE ?? 102));
const ctx = {};
/** The settlements opened before the upgrade, by name: `{ id, buyer, order, amount }`. */
const opened = {};
/** What each was, and each buyer's holds, before the upgrade. */
const before_ = { settlements: {}, holds: {}, records: {} };

before(async () => {
  assert.ok(WASM, 'ESCROW_NEW_WASM names the new runtime');
  ctx.api = await connect();
  Object.assign(ctx, devAccounts());
  ctx.creditBuyer = ctx.keyring.addFromUri(`//upgrade-credit-${Date.now()}`);
});
after(async () => {
  await ctx.api?.disconnect();
});

const snapshot = (byte) => `0x${byte.toString(16).padStart(2, '0').repeat(32)}`;
const order = (tag) => `upgrade-${tag}`;

/** Opens with the previous runtime's `open_settlement` (no asset: ESC). */
async function openV1(name, buyer, amount, timeLimit = null) {
  const { api, bob } = ctx;
  const { events } = await ok(
    api,
    api.tx.escrow.openSettlement(STORE, order(name), amount, bob.address, timeLimit, snapshot(name.length)),
    buyer,
  );
  const id = findEvent(events, 'escrow', 'SettlementOpened').id.toNumber();
  opened[name] = { id, buyer, order: order(name), amount };
  return id;
}

async function acceptAndShip(name, ship = true) {
  const { api, bob } = ctx;
  const { id, amount } = opened[name];
  await ok(api, api.tx.storeOrders.acceptPayment(STORE, order(name), id, amount), bob);
  if (ship) await ok(api, api.tx.storeOrders.markShipped(STORE, order(name), 'DHL:upgrade'), bob);
}

/** `who`'s ESC holds, by reason (`Escrow.Payment`, `Funding.LinkDeposit`, ...). */
async function holds(who) {
  const out = {};
  for (const h of await ctx.api.query.balances.holds(who.address)) {
    const [pallet, reason] = Object.entries(h.id.toJSON())[0];
    out[`${pallet}.${reason}`] = h.amount.toBigInt().toString();
  }
  return out;
}

async function storageVersion(pallet) {
  const key = u8aConcat(xxhashAsU8a(pallet, 128), xxhashAsU8a(':__STORAGE_VERSION__:', 128));
  const raw = await ctx.api.rpc.state.getStorage(u8aToHex(key));
  return raw.isSome ? ctx.api.createType('u16', raw.unwrap()).toNumber() : 0;
}

/** A settlement as JSON, without the fields the upgrade adds (its asset, its clock's pauses, the store's disputes). */
async function settlementJson(id) {
  const json = (await ctx.api.query.escrow.settlements(id)).unwrap().toJSON();
  delete json.asset;
  delete json.paused;
  delete json.storeDisputes;
  delete json.commission;
  return json;
}

test('before: settlements in every state, on the previous runtime', async () => {
  const { api, alice, bob, charlie, dave, eve, ferdie, creditBuyer } = ctx;
  assert.equal(api.runtimeVersion.specVersion.toNumber(), PREVIOUS.specVersion, 'the previous runtime runs');
  const genesisCode = await api.rpc.state.getStorage('0x3a636f6465', await api.rpc.chain.getBlockHash(0)); // ':code'
  assert.equal(blake2AsHex(genesisCode.unwrap()), PREVIOUS.blake2_256, 'the kept release blob, as its hash says');
  assert.equal(await storageVersion('Escrow'), 1);

  await openV1('paid', charlie, 2n * UNIT);
  await openV1('accepted', charlie, 3n * UNIT);
  await acceptAndShip('accepted', false);
  await openV1('shipped', dave, 2n * UNIT, 30);
  await acceptAndShip('shipped');
  await openV1('disputed', eve, 4n * UNIT);
  await acceptAndShip('disputed');
  await ok(api, api.tx.escrow.openDispute(opened.disputed.id, snapshot(0x44)), eve);
  await openV1('deduction', ferdie, 5n * UNIT);
  await acceptAndShip('deduction');
  await ok(api, api.tx.escrow.proposeDeduction(opened.deduction.id, 4n * UNIT), ferdie);
  await ok(api, api.tx.escrow.acceptDeduction(opened.deduction.id, 4n * UNIT), bob);
  // A buyer with 1 ESC pays 3 ESC on Alice's credit.
  await ok(api, api.tx.balances.transferKeepAlive(creditBuyer.address, UNIT), alice);
  await ok(api, api.tx.funding.openCreditLine(creditBuyer.address, 10n * UNIT), alice);
  await ok(api, api.tx.funding.acceptCreditLine(alice.address, 10n * UNIT), creditBuyer);
  await openV1('credit', creditBuyer, 3n * UNIT);
  await openV1('completed', alice, UNIT);
  await acceptAndShip('completed');
  await ok(api, api.tx.escrow.confirmReceipt(opened.completed.id, UNIT), alice);

  const status = async (name) => (await api.query.escrow.settlements(opened[name].id)).unwrap().status.type;
  assert.equal(await status('paid'), 'AwaitingAcceptance');
  assert.equal(await status('accepted'), 'Accepted');
  assert.equal(await status('shipped'), 'Shipped');
  assert.equal(await status('disputed'), 'Disputed');
  assert.equal(await status('completed'), 'Completed');
  const deduction = (await api.query.escrow.settlements(opened.deduction.id)).unwrap();
  assert.equal(deduction.agreedPayout.unwrap().toBigInt(), 4n * UNIT);
  assert.ok((await api.query.funding.draws(opened.credit.id)).isSome, 'drawn on credit');

  for (const [name, { id }] of Object.entries(opened)) before_.settlements[name] = await settlementJson(id);
  for (const who of [charlie, dave, eve, ferdie, creditBuyer, alice, bob]) before_.holds[who.address] = await holds(who);
  before_.records.completed = (await api.query.escrow.paymentRecords(opened.completed.id)).unwrap().toJSON();
  before_.line = (await api.query.funding.creditLines(creditBuyer.address, alice.address)).unwrap().toJSON();
});

test('the upgrade: sudo sets the new runtime; the migrations run in the next block', async () => {
  const { api, alice } = ctx;
  const code = `0x${readFileSync(WASM).toString('hex')}`;
  const setCode = api.tx.sudo.sudoUncheckedWeight(api.tx.system.setCode(code), { refTime: 0, proofSize: 0 });
  // The block that sets the code is read back with the new runtime's metadata, in which its
  // events (of the old runtime) do not decode: what the upgrade did is checked below instead.
  await send(api, setCode, alice);
  // The next block runs with the new code, and its migrations first.
  await newBlock(api);
  await api.disconnect();
  ctx.api = await connect();
  assert.equal(ctx.api.runtimeVersion.specVersion.toNumber(), NEW_SPEC, 'the new runtime runs');
  const upgrade = (await ctx.api.query.system.lastRuntimeUpgrade()).unwrap();
  assert.equal(upgrade.specVersion.toNumber(), NEW_SPEC, 'the chain recorded the upgrade');
  // Each pallet at the storage version the new runtime declares.
  const wanted = { Escrow: 4, StoreOrders: 1, Funding: 2 };
  for (const [pallet, version] of Object.entries(wanted)) {
    assert.equal(await storageVersion(pallet), version, `${pallet} migrated`);
  }
});

test('after: every settlement, record, hold and credit line is as it was, in the native asset', async () => {
  const { api, alice, bob, charlie, dave, eve, ferdie, creditBuyer } = ctx;
  for (const [name, { id }] of Object.entries(opened)) {
    const now = (await api.query.escrow.settlements(id)).unwrap();
    assert.ok(now.asset.isNative, `${name} is in the native asset`);
    assert.deepEqual(await settlementJson(id), before_.settlements[name], `${name} is as it was`);
  }
  for (const who of [charlie, dave, eve, ferdie, creditBuyer, alice, bob]) {
    assert.deepEqual(await holds(who), before_.holds[who.address], 'the holds are where they were');
  }
  const record = (await api.query.escrow.paymentRecords(opened.completed.id)).unwrap();
  assert.ok(record.asset.isNative);
  const json = record.toJSON();
  delete json.asset;
  assert.equal(json.commission, null, 'paid before marketplaces: no commission');
  delete json.commission;
  assert.deepEqual(json, before_.records.completed);
  const line = (await api.query.funding.creditLines(creditBuyer.address, alice.address)).unwrap().toJSON();
  assert.equal(line.debt, before_.line.debt, 'the debt is owed as before');
  const store = (await api.query.storeOrders.stores(STORE)).unwrap();
  assert.deepEqual(store.assets.map((a) => a.isNative), [true], 'the store accepts what it accepted: ESC');
  // Every settlement has its whole pause allowance; the one awaiting acceptance its expiry.
  for (const [name, { id }] of Object.entries(opened)) {
    const now = (await api.query.escrow.settlements(id)).unwrap();
    assert.equal(now.paused.toNumber(), 0, `${name}: allowance whole`);
    assert.ok(now.commission.isNone, `${name}: opened before marketplaces, it owes none`);
  }
  const expiries = (await api.query.escrow.agenda.keys())
    .map(({ args: [key] }) => key)
    .filter((key) => key.task.isExpire)
    // The key's settlement is big-endian, so that keys sort by due block, then settlement.
    .map((key) => Number(BigInt(key.settlement.toHex())));
  assert.ok(expiries.includes(opened.paid.id), 'the settlement awaiting acceptance expires after the upgrade');
});

test('after: confirmation pays the agreed deduction, the deadline pays by itself, a ruling splits, a refund repays credit', async () => {
  const { api, alice, bob, dave, ferdie } = ctx;
  const esc = async (who) => (await api.query.system.account(who.address)).data.free.toBigInt();

  // The deduction both sides agreed before the upgrade is what the buyer pays.
  const confirmed = await ok(api, api.tx.escrow.confirmReceipt(opened.deduction.id, 4n * UNIT), ferdie);
  const paid = findEvent(confirmed.events, 'escrow', 'SettlementCompleted');
  assert.equal(paid.paid.toBigInt(), 4n * UNIT);
  assert.equal(paid.released.toBigInt(), UNIT);
  assert.ok(paid.asset.isNative);

  // The shipped settlement is paid at its deadline, set before the upgrade.
  const deadline = (await api.query.escrow.settlements(opened.shipped.id)).unwrap().deadline.unwrap().toNumber();
  await waitForBlock(api, deadline);
  const atDeadline = await (await api.at(await api.rpc.chain.getBlockHash(deadline))).query.system.events();
  const auto = atDeadline
    .map(({ event }) => event)
    .find((e) => api.events.escrow.SettlementCompleted.is(e) && e.data.id.toNumber() === opened.shipped.id);
  assert.ok(auto, 'auto-settled in its deadline block');
  assert.equal(auto.data.paid.toBigInt(), 2n * UNIT);
  assert.equal(auto.data.trigger.type, 'Deadline');
  assert.deepEqual(await holds(dave), {}, "nothing of dave's is held any more");

  // The arbiter splits the dispute opened before the upgrade.
  const bobBefore = await esc(bob);
  const ruled = await ok(
    api,
    api.tx.sudo.sudo(api.tx.escrow.resolveDispute(opened.disputed.id, { Split: { payout: 3n * UNIT } })),
    alice,
  );
  assert.equal(findEvent(ruled.events, 'escrow', 'SettlementCompleted').paid.toBigInt(), 3n * UNIT);
  assert.equal((await esc(bob)) - bobBefore, 3n * UNIT);

  // The store refunds the credit-funded settlement: the lender is repaid first. (The draw left
  // the buyer only its existential deposit, too little for a fee of its own.)
  const refunded = await ok(api, api.tx.escrow.refund(opened.credit.id), bob);
  const repaid = findEvent(refunded.events, 'funding', 'CreditRepaid');
  assert.ok(repaid, 'the credit drawn was repaid');
  assert.equal(repaid.debt.toBigInt(), 0n);
});

test('after: the stablecoin is listed by sudo, the store accepts it, and a dollar-only buyer pays in it', async () => {
  const { api, keyring, alice, bob } = ctx;
  const id = STABLECOIN.id;
  await ok(
    api,
    api.tx.sudo.sudo(
      api.tx.utility.batchAll([
        api.tx.assets.forceCreate(id, alice.address, true, DOLLAR / 100n),
        api.tx.assets.forceSetMetadata(id, 'Escrow Dollar', STABLECOIN.symbol, STABLECOIN.decimals, false),
      ]),
    ),
    alice,
  );
  const buyer = keyring.addFromUri(`//upgrade-dollars-${Date.now()}`);
  await ok(api, api.tx.assets.mint(id, buyer.address, 100n * DOLLAR), alice);
  const store = (await api.query.storeOrders.stores(STORE)).unwrap();
  await ok(api, api.tx.storeOrders.updateStore(STORE, store.payout, store.name, null, ['Native', USD]), bob);

  const opened = await send(
    api,
    api.tx.escrow.openSettlement(STORE, order('dollars'), USD, 20n * DOLLAR, bob.address, null, snapshot(9)),
    buyer,
    { assetId: id },
  );
  assert.equal(opened.error, null);
  assert.equal(opened.feeAsset, id, 'the fee was paid in dollars');
  const event = findEvent(opened.events, 'escrow', 'SettlementOpened');
  assert.ok(event.asset.isWithId && event.asset.asWithId.toNumber() === id);
  const held = await api.query.assetsHolder.balancesOnHold(id, buyer.address);
  assert.ok(held.unwrap().toBigInt() >= 20n * DOLLAR, 'held in dollars in the buyer’s account');
});
