// The runtime API queries, through `api.call.escrowApi`.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { STORE, UNIT, ok } from '@escrow-chain/scripts-lib';
import { acceptAndShip, session, openSettlement, orderNo } from './helpers.js';

const ctx = session();

test('settlement by id, by buyer, by store, payment record and store order', async () => {
  const { api, charlie, bob } = ctx;
  const order = orderNo('api');
  const { id } = await openSettlement(api, charlie, bob, order, 2n * UNIT);

  const settlement = await api.call.escrowApi.settlement(id);
  assert.equal(settlement.unwrap().amount.toBigInt(), 2n * UNIT);
  assert.equal(settlement.unwrap().buyer.toString(), charlie.address);

  const ofBuyer = (await api.call.escrowApi.buyerSettlements(charlie.address, null, 100)).map(([i]) => i.toNumber());
  assert.ok(ofBuyer.includes(id));
  const ofStore = (await api.call.escrowApi.storeSettlements(STORE, null, 100)).map(([i]) => i.toNumber());
  assert.ok(ofStore.includes(id));

  assert.ok((await api.call.escrowApi.storeOrder(STORE, order)).isNone, 'no store order before acceptance');
  await acceptAndShip(api, bob, id, order, 2n * UNIT);
  const { events } = await ok(api, api.tx.escrow.confirmReceipt(id, 2n * UNIT), charlie);
  const record = events.find((e) => api.events.escrow.SettlementCompleted.is(e)).data.record.toNumber();

  const details = (await api.call.escrowApi.storeOrder(STORE, order)).unwrap();
  assert.equal(details.order.status.type, 'Completed');
  assert.equal(details.order.record.unwrap().toNumber(), record);
  assert.equal(details.settlement.unwrap().status.type, 'Completed');
  assert.equal(details.record.unwrap().amount.toBigInt(), 2n * UNIT);
  assert.equal((await api.call.escrowApi.paymentRecord(record)).unwrap().payee.toString(), bob.address);

  const stillOpen = (await api.call.escrowApi.buyerSettlements(charlie.address, null, 100)).map(([i]) => i.toNumber());
  assert.ok(!stillOpen.includes(id), 'closed settlements are not listed as open');
});
