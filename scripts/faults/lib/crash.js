// The crash suite's driver and checker; tests/crash.test.js runs it in three modes:
//
//   node crash.js drive    --ws URL --state FILE   # settlements that fall due, until killed
//   node crash.js snapshot --ws URL --out FILE     # the finalized head and its settlements
//   node crash.js check    --ws URL --state FILE --snapshot FILE [--timeout SECONDS]
//
// drive: Bob registers a store "Faults store" whose payout account (//Alice//faults//payee)
// receives nothing but this store's payouts. Then, at every new block, each of Charlie, Dave,
// Eve and Ferdie opens a settlement there (amount 0.1 ESC + a few planck, so that each amount
// is its own; time limit 3 to 8 blocks, so that deadlines fall soon), Bob accepts and ships the
// settlements opened in the block before (one `utility.forceBatch`), and the buyer confirms
// every fourth one at once (a payout by confirmation, which must not be paid again at the
// deadline). The others are paid by the chain at their deadline. It prints one `progress`
// JSON line per block and runs until it is killed or loses the node.
//
// snapshot: the finalized head (number, hash), the best head, and every settlement in the
// state of the finalized head.
//
// check, after the node was killed and restarted on the same base path:
//   - the finalized block of the snapshot is still the chain's block at that height;
//   - every settlement of the snapshot is still in state, with the same buyer, payee, store,
//     order number, amount and opening block; one completed then is completed now with the same
//     payment record;
//   - auto-settlement resumes: a settlement shipped before the kill is paid at its deadline
//     after the restart (at least one must have been due after the restart), and a settlement
//     opened, accepted and shipped after the restart is paid at its deadline too;
//   - once every deadline has passed, no shipped settlement is overdue;
//   - from the events of every block since genesis: no settlement completed twice, none both
//     completed and released, every payment record id used once, and every completed
//     settlement in state has exactly one `SettlementCompleted` event naming its record;
//   - balances: the store's payout account holds exactly the sum of its payouts (it pays no
//     fees and gets nothing else), equal to the sum of its payment records; each buyer's held
//     payments and deposits equal its open settlements' amounts and deposits; every completed
//     store order of the store is `Completed` in pallet-store-orders;
//   - the node produces and finalizes blocks.
// It prints a summary and exits 1 if any check fails.

import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { UNIT, bestNumber, connect, devAccounts, finalizedNumber, ok, waitForBlock } from '@escrow-chain/scripts-lib';

const BASE_AMOUNT = UNIT / 10n;
const STORE_NAME = 'Faults store';
const PAYEE_URI = '//Alice//faults//payee';

const { values: opts, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    ws: { type: 'string', default: process.env.ESCROW_WS ?? 'ws://127.0.0.1:9960' },
    state: { type: 'string' },
    snapshot: { type: 'string' },
    out: { type: 'string' },
    timeout: { type: 'string', default: '240' },
  },
});
const mode = positionals[0];

const api = await connect(opts.ws);
const { keyring, ...named } = devAccounts();
const payee = keyring.addFromUri(PAYEE_URI);
const buyers = [named.charlie, named.dave, named.eve, named.ferdie];

const log = (...a) => console.log(`[${new Date().toISOString().slice(11, 19)}]`, ...a);

/** Signs and sends; resolves with the events of its block, rejects on a pool or dispatch error. */
async function sendAndWait(tx, signer) {
  return (await ok(api, tx, signer)).events;
}

/** The store "Faults store" owned by Bob and paying the payee account; registered if missing. */
async function faultsStore() {
  const entries = await api.query.storeOrders.stores.entries();
  for (const [key, value] of entries) {
    const info = value.unwrap();
    if (info.payout.toString() === payee.address && info.owner.toString() === named.bob.address) {
      return key.args[0].toNumber();
    }
  }
  const events = await sendAndWait(api.tx.storeOrders.registerStore(payee.address, STORE_NAME, null, ['Native']), named.bob);
  const registered = events.find((e) => e.section === 'storeOrders' && e.method === 'StoreRegistered');
  return registered.data[0].toNumber();
}

// ------------------------------------------------------------------------------------------------
// drive

async function drive() {
  const store = await faultsStore();
  writeFileSync(opts.state, JSON.stringify({ store, payee: payee.address, buyers: buyers.map((b) => b.address) }));
  log(`drive: store ${store}, payee ${payee.address}`);
  const nonces = new Map();
  for (const who of [...buyers, named.bob]) nonces.set(who.address, (await api.rpc.system.accountNextIndex(who.address)).toNumber());
  /** Signs with the next local nonce and submits without waiting for the block. */
  const submit = async (tx, who) => {
    const nonce = nonces.get(who.address);
    nonces.set(who.address, nonce + 1);
    try {
      await tx.signAndSend(who, { nonce, era: 0 });
    } catch (e) {
      log(`drive: ${who.meta.name ?? who.address} nonce ${nonce}: ${e.message}; resyncing its nonce`);
      nonces.set(who.address, (await api.rpc.system.accountNextIndex(who.address)).toNumber());
    }
  };
  const run = `${Date.now().toString(36)}`;
  let k = 0;
  const counts = { opened: 0, shipped: 0, confirmed: 0, deadline: 0 };
  const toConfirm = new Map(); // settlement id → [buyer, amount]
  let lastBlock = 0;
  api.on('disconnected', () => {
    log('drive: lost the node; stopping');
    process.exit(0);
  });
  await api.rpc.chain.subscribeNewHeads(async (header) => {
    const number = header.number.toNumber();
    if (number <= lastBlock) return;
    lastBlock = number;
    const events = await (await api.at(header.hash)).query.system.events();
    const ship = [];
    for (const { event } of events) {
      if (api.events.escrow.SettlementOpened.is(event) && event.data.store.toNumber() === store) {
        counts.opened++;
        const id = event.data.id.toNumber();
        const amount = event.data.amount.toBigInt();
        // As hex: polkadot.js reads a Uint8Array given for Bytes as already length-prefixed.
        const orderNo = event.data.orderNo.toHex();
        const { snapshot, timeLimit } = event.data;
        ship.push(api.tx.storeOrders.acceptPayment(store, orderNo, id, amount, snapshot, timeLimit));
        ship.push(api.tx.storeOrders.markShipped(store, orderNo, `0x${'ee'.repeat(16)}`));
        if (id % 4 === 0) {
          toConfirm.set(id, [buyers.find((b) => b.address === event.data.buyer.toString()), amount]);
        }
      } else if (api.events.escrow.SettlementShipped.is(event)) {
        const id = event.data.id.toNumber();
        if (toConfirm.has(id)) {
          const [buyer, amount] = toConfirm.get(id);
          toConfirm.delete(id);
          counts.shipped++;
          await submit(api.tx.escrow.confirmReceipt(id, amount), buyer);
        } else counts.shipped++;
      } else if (api.events.escrow.SettlementCompleted.is(event) && event.data.payee.toString() === payee.address) {
        if (event.data.trigger.isDeadline) counts.deadline++;
        else counts.confirmed++;
      }
    }
    if (ship.length) await submit(api.tx.utility.forceBatch(ship), named.bob);
    for (const buyer of buyers) {
      const timeLimit = 3 + (k % 6);
      const amount = BASE_AMOUNT + BigInt(k);
      await submit(
        api.tx.escrow.openSettlement(store, `faults-${run}-${k}`, 'Native', amount, payee.address, timeLimit, `0x${'5a'.repeat(32)}`),
        buyer,
      );
      k++;
    }
    console.log(`progress ${JSON.stringify({ block: number, submitted: k, ...counts })}`);
  });
  await new Promise(() => {});
}

// ------------------------------------------------------------------------------------------------
// snapshot

function settlementJson(id, s) {
  return {
    id,
    buyer: s.buyer.toString(),
    payee: s.payee.toString(),
    store: s.store.toNumber(),
    orderNo: s.orderNo.toHex(),
    amount: s.amount.toString(),
    deposit: s.deposit.toString(),
    openedAt: s.openedAt.toNumber(),
    status: s.status.type,
    deadline: s.deadline.isSome ? s.deadline.unwrap().toNumber() : null,
    record: s.record.isSome ? s.record.unwrap().toNumber() : null,
  };
}

async function settlementsAt(hash) {
  const at = await api.at(hash);
  const entries = await at.query.escrow.settlements.entries();
  return entries.map(([key, value]) => settlementJson(key.args[0].toNumber(), value.unwrap())).sort((a, b) => a.id - b.id);
}

async function snapshot() {
  const finalizedHash = await api.rpc.chain.getFinalizedHead();
  const finalized = (await api.rpc.chain.getHeader(finalizedHash)).number.toNumber();
  const bestHeader = await api.rpc.chain.getHeader();
  const settlements = await settlementsAt(finalizedHash);
  const snap = {
    finalized,
    finalizedHash: finalizedHash.toHex(),
    best: bestHeader.number.toNumber(),
    bestHash: bestHeader.hash.toHex(),
    nextSettlementId: (await (await api.at(finalizedHash)).query.escrow.nextSettlementId()).toNumber(),
    settlements,
  };
  writeFileSync(opts.out, JSON.stringify(snap));
  const byStatus = {};
  for (const s of settlements) byStatus[s.status] = (byStatus[s.status] ?? 0) + 1;
  log(`snapshot: finalized #${finalized} (${snap.finalizedHash.slice(0, 10)}…), best #${snap.best}; ` +
    `${settlements.length} settlements ${JSON.stringify(byStatus)}`);
}

// ------------------------------------------------------------------------------------------------
// check

const failures = [];
const notes = [];
function expect(ok, message) {
  if (!ok) failures.push(message);
  return ok;
}

async function check() {
  const { store } = JSON.parse(readFileSync(opts.state, 'utf8'));
  const snap = JSON.parse(readFileSync(opts.snapshot, 'utf8'));
  const timeoutMs = Number(opts.timeout) * 1000;
  const t0 = Date.now();
  const restartHead = await bestNumber(api);
  const restartFinalized = await finalizedNumber(api);
  log(`check: after the restart best #${restartHead}, finalized #${restartFinalized}; before the kill ` +
    `finalized #${snap.finalized}, best #${snap.best}`);

  // 1. The finalized block survived; was the best one kept too?
  const hashThen = (await api.rpc.chain.getBlockHash(snap.finalized)).toHex();
  expect(hashThen === snap.finalizedHash, `block #${snap.finalized} is ${hashThen}, was the finalized ${snap.finalizedHash}`);
  const bestThen = (await api.rpc.chain.getBlockHash(snap.best)).toHex();
  const kept = bestThen === snap.bestHash;
  notes.push(`pre-kill best #${snap.best} ${kept ? 'kept' : 'replaced'} after the restart; ` +
    `the restarted node resumed at best #${restartHead}, finalized #${restartFinalized}`);
  if (kept) {
    const unfinalized = (await settlementsAt(snap.bestHash)).filter((s) => s.openedAt > snap.finalized);
    notes.push(`settlements opened in the unfinalized blocks #${snap.finalized + 1}-#${snap.best} before the kill: ` +
      `${unfinalized.length}, kept with their blocks`);
  }

  // 2. A fresh settlement after the restart goes through the whole flow to an auto-payout.
  const fresh = (async () => {
    const buyer = named.alice;
    const orderNo = `after-restart-${Date.now()}`;
    const amount = BASE_AMOUNT;
    const opened = await sendAndWait(
      api.tx.escrow.openSettlement(store, orderNo, 'Native', amount, payee.address, 3, `0x${'5b'.repeat(32)}`),
      buyer,
    );
    const { data } = opened.find((e) => api.events.escrow.SettlementOpened.is(e));
    const id = data.id.toNumber();
    const shipped = await sendAndWait(
      api.tx.utility.batchAll([
        api.tx.storeOrders.acceptPayment(store, orderNo, id, amount, data.snapshot, data.timeLimit),
        api.tx.storeOrders.markShipped(store, orderNo, `0x${'ee'.repeat(16)}`),
      ]),
      named.bob,
    );
    const deadline = shipped.find((e) => api.events.escrow.SettlementShipped.is(e)).data.deadline.toNumber();
    return { id, deadline };
  })().catch((e) => ({ error: e.message }));

  // 3. Every settlement of the snapshot is still there, the same.
  const freshResult = await fresh;
  expect(!freshResult.error, `a settlement after the restart could not be opened and shipped: ${freshResult.error}`);
  let now = await settlementsAt(await api.rpc.chain.getBlockHash(await bestNumber(api)));
  const byId = new Map(now.map((s) => [s.id, s]));
  let missing = 0;
  let changed = 0;
  for (const s of snap.settlements) {
    const n = byId.get(s.id);
    if (!expect(n, `settlement ${s.id} (opened in #${s.openedAt}, finalized) is gone`)) {
      missing++;
      continue;
    }
    for (const f of ['buyer', 'payee', 'store', 'orderNo', 'amount', 'openedAt']) {
      if (!expect(n[f] === s[f], `settlement ${s.id}: ${f} was ${s[f]}, is ${n[f]}`)) changed++;
    }
    if (s.status === 'Completed') {
      expect(n.status === 'Completed' && n.record === s.record, `settlement ${s.id} was completed with record ${s.record}, is ${n.status} ${n.record}`);
    }
  }

  // 4. Wait for every deadline known now (the snapshot's shipped settlements, the fresh one,
  //    everything shipped at the restart) and then one block more.
  const shippedAtRestart = now.filter((s) => s.status === 'Shipped' && s.deadline !== null);
  const dueAfterRestart = shippedAtRestart.filter((s) => s.store === store && s.deadline > restartHead).length;
  let lastDeadline = Math.max(0, ...shippedAtRestart.map((s) => s.deadline), freshResult.deadline ?? 0);
  log(`check: ${shippedAtRestart.length} settlements shipped and waiting at the restart; the last deadline is #${lastDeadline}`);
  const reached = await waitForBlock(api, lastDeadline + 1, { timeoutMs: Math.max(10_000, timeoutMs - (Date.now() - t0)) });
  expect(reached !== null, `the chain did not reach block #${lastDeadline + 1} within ${opts.timeout} s of the check`);
  const endHead = await bestNumber(api);
  const endHash = await api.rpc.chain.getBlockHash(endHead);
  now = await settlementsAt(endHash);
  const endById = new Map(now.map((s) => [s.id, s]));
  const overdue = now.filter((s) => s.status === 'Shipped' && s.deadline !== null && s.deadline <= endHead);
  expect(overdue.length === 0, `shipped settlements past their deadline, unpaid: ${overdue.map((s) => `${s.id}@#${s.deadline}`).join(', ')}`);
  if (freshResult.id !== undefined) {
    const f = endById.get(freshResult.id);
    expect(f?.status === 'Completed', `the settlement opened after the restart (${freshResult.id}, deadline #${freshResult.deadline}) is ${f?.status}`);
  }

  // 5. Events from genesis: payouts and releases per settlement.
  const completed = new Map(); // id → [{ block, record, paid, payee, trigger }]
  const released = new Map();
  const records = new Map();
  let autoAfterRestart = 0;
  let autoAfterRestartPreKill = 0;
  const preKillIds = new Set(snap.settlements.map((s) => s.id));
  for (let n = 1; n <= endHead; n++) {
    const hash = await api.rpc.chain.getBlockHash(n);
    const events = await (await api.at(hash)).query.system.events();
    for (const { event } of events) {
      if (event.section !== 'escrow') continue;
      if (event.method === 'SettlementCompleted') {
        const id = event.data.id.toNumber();
        const record = event.data.record.toNumber();
        const entry = { block: n, record, paid: event.data.paid.toBigInt(), payee: event.data.payee.toString(), trigger: event.data.trigger.type };
        completed.set(id, [...(completed.get(id) ?? []), entry]);
        records.set(record, [...(records.get(record) ?? []), id]);
        if (n > restartHead && entry.trigger === 'Deadline') {
          autoAfterRestart++;
          if (preKillIds.has(id) || (byId.get(id)?.openedAt ?? Infinity) <= restartHead) autoAfterRestartPreKill++;
        }
      } else if (event.method === 'SettlementCancelled' || event.method === 'SettlementRefunded') {
        const id = event.data.id.toNumber();
        released.set(id, [...(released.get(id) ?? []), n]);
      }
    }
  }
  const twice = [...completed].filter(([, e]) => e.length > 1);
  expect(twice.length === 0, `settlements paid more than once: ${twice.map(([id, e]) => `${id} in #${e.map((x) => x.block).join(', #')}`).join('; ')}`);
  const both = [...completed.keys()].filter((id) => released.has(id));
  expect(both.length === 0, `settlements both paid and released: ${both.join(', ')}`);
  const reused = [...records].filter(([, ids]) => ids.length > 1);
  expect(reused.length === 0, `payment records used twice: ${reused.map(([r, ids]) => `${r}: ${ids.join(', ')}`).join('; ')}`);
  for (const s of now) {
    if (s.status !== 'Completed') continue;
    const e = completed.get(s.id) ?? [];
    expect(e.length === 1 && e[0].record === s.record, `completed settlement ${s.id} (record ${s.record}) has ${e.length} SettlementCompleted events`);
  }
  for (const id of completed.keys()) {
    expect(endById.get(id)?.status === 'Completed', `settlement ${id} has a SettlementCompleted event but is ${endById.get(id)?.status}`);
  }
  expect(dueAfterRestart > 0, 'no settlement shipped before the kill was due after the restart: resumption was not exercised');
  expect(autoAfterRestartPreKill > 0, 'no settlement shipped before the kill was paid at its deadline after the restart');

  // 6. Balances.
  const at = await api.at(endHash);
  const payeeAccount = await at.query.system.account(payee.address);
  const paidToPayee = [...completed.values()].flat().filter((e) => e.payee === payee.address).reduce((a, e) => a + e.paid, 0n);
  const payeeRecords = await at.query.escrow.paymentRecords.entries();
  const recordSum = payeeRecords
    .map(([, r]) => r.unwrap())
    .filter((r) => r.payee.toString() === payee.address)
    .reduce((a, r) => a + r.amount.toBigInt(), 0n);
  expect(payeeAccount.data.free.toBigInt() === paidToPayee,
    `the payee's free balance is ${payeeAccount.data.free} planck, its payouts sum to ${paidToPayee}`);
  expect(recordSum === paidToPayee, `the payee's payment records sum to ${recordSum}, its payout events to ${paidToPayee}`);
  expect(payeeAccount.data.reserved.toBigInt() === 0n, `the payee has ${payeeAccount.data.reserved} reserved`);
  const open = new Map();
  for (const s of now) {
    if (!['AwaitingAcceptance', 'Accepted', 'Shipped', 'Disputed'].includes(s.status)) continue;
    const o = open.get(s.buyer) ?? { amount: 0n, deposit: 0n };
    o.amount += BigInt(s.amount);
    o.deposit += BigInt(s.deposit);
    open.set(s.buyer, o);
  }
  const buyersSeen = new Set(now.map((s) => s.buyer));
  let holdMismatch = 0;
  for (const who of buyersSeen) {
    const holds = await at.query.balances.holds(who);
    const held = (kind) =>
      holds.filter((h) => h.id.isEscrow && h.id.asEscrow[`is${kind}`]).reduce((a, h) => a + h.amount.toBigInt(), 0n);
    const o = open.get(who) ?? { amount: 0n, deposit: 0n };
    if (!expect(held('Payment') === o.amount && held('SettlementDeposit') === o.deposit,
      `buyer ${who}: held ${held('Payment')} + deposits ${held('SettlementDeposit')}, open settlements ${o.amount} + ${o.deposit}`)) holdMismatch++;
  }
  let ordersBehind = 0;
  for (const s of now) {
    if (s.store !== store || s.status !== 'Completed') continue;
    const order = await at.query.storeOrders.orders(store, s.orderNo);
    const status = order.isSome ? order.unwrap().status.type : 'none';
    if (!expect(status === 'Completed', `store order ${s.orderNo} of settlement ${s.id} is ${status}`)) ordersBehind++;
  }

  // 7. The node goes on.
  const fin0 = await finalizedNumber(api);
  const h0 = await bestNumber(api);
  await waitForBlock(api, h0 + 2, { timeoutMs: 40_000 });
  const fin1 = await finalizedNumber(api);
  expect((await bestNumber(api)) >= h0 + 2 && fin1 > fin0, `the node stopped producing or finalizing blocks (best #${h0} → #${await bestNumber(api)}, finalized #${fin0} → #${fin1})`);

  const ours = now.filter((s) => s.store === store);
  const tally = (list) => {
    const t = {};
    for (const s of list) t[s.status] = (t[s.status] ?? 0) + 1;
    return JSON.stringify(t);
  };
  const triggers = { Deadline: 0, Confirmed: 0 };
  for (const [, e] of completed) for (const x of e) triggers[x.trigger] = (triggers[x.trigger] ?? 0) + 1;
  const paidToPayeeCount = [...completed.values()].flat().filter((e) => e.payee === payee.address).length;
  const rows = [
    [`finalized before the kill`, `#${snap.finalized} (${snap.finalizedHash.slice(0, 10)}…): ${hashThen === snap.finalizedHash ? 'same block after the restart' : 'DIFFERENT'}`],
    ...notes.map((n) => ['', n]),
    [`settlements finalized before kill`, `${snap.settlements.length} ${tally(snap.settlements)}: ${missing} missing, ${changed} fields changed`],
    [`shipped, waiting at the restart`, `${shippedAtRestart.length} (${dueAfterRestart} of the faults store due after the restart)`],
    [`paid at the deadline after restart`, `${autoAfterRestart} (${autoAfterRestartPreKill} opened before the restart); the one opened after the restart: ${endById.get(freshResult.id)?.status ?? freshResult.error}`],
    [`all settlements now (at #${endHead})`, `${now.length} ${tally(now)}; of the faults store ${ours.length} ${tally(ours)}`],
    [`payouts from genesis`, `${[...completed.values()].flat().length} (${triggers.Deadline} at the deadline, ${triggers.Confirmed} confirmed); paid twice: ${twice.length}; paid and released: ${both.length}`],
    [`payee balance`, `${payeeAccount.data.free} planck = sum of its ${paidToPayeeCount} payouts ${paidToPayee === payeeAccount.data.free.toBigInt() ? '(equal)' : `(${paidToPayee}: DIFFERENT)`}`],
    [`buyers' holds vs open settlements`, `${buyersSeen.size} buyers, ${holdMismatch} mismatched; store orders behind their settlement: ${ordersBehind}`],
    [`after the checks`, `best #${await bestNumber(api)}, finalized #${fin1}; the check took ${((Date.now() - t0) / 1000).toFixed(0)} s`],
  ];
  console.log('\ncrash check summary');
  for (const [label, value] of rows) console.log(`  ${label.padEnd(36)} ${value}`);
  if (failures.length) {
    console.log(`\ncrash check FAILED (${failures.length}):\n  ${failures.slice(0, 40).join('\n  ')}`);
    process.exit(1);
  }
  console.log('crash check: OK');
  process.exit(0);
}

try {
  if (mode === 'drive') await drive();
  else if (mode === 'snapshot') {
    await snapshot();
    process.exit(0);
  } else if (mode === 'check') await check();
  else {
    console.error('usage: node crash.js drive|snapshot|check --ws URL [--state FILE] [--snapshot FILE] [--out FILE]');
    process.exit(2);
  }
} catch (e) {
  console.error(`crash.js ${mode}: ${e.stack ?? e.message}`);
  process.exit(2);
}
