// The chain as a wallet sees it: properties, metadata and documentation.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { session } from './helpers.js';

const ctx = session();

test('chain properties give the token symbol, its decimals and SS58 format 42', async () => {
  const { api } = ctx;
  const props = await api.rpc.system.properties();
  assert.equal(props.tokenSymbol.unwrap()[0].toString(), 'ESC');
  assert.equal(props.tokenDecimals.unwrap()[0].toNumber(), 12);
  assert.equal(props.ss58Format.unwrap().toNumber(), 42);
  assert.equal(api.registry.chainSS58, 42);
  assert.deepEqual(api.registry.chainTokens, ['ESC']);
});

test('every escrow and store-orders call is documented in the metadata', async () => {
  const { api } = ctx;
  for (const pallet of ['escrow', 'storeOrders']) {
    const calls = Object.entries(api.tx[pallet]);
    assert.ok(calls.length >= 6, `${pallet} has its calls`);
    for (const [name, tx] of calls) {
      const docs = tx.meta.docs.map((d) => d.toString()).join(' ').trim();
      assert.ok(docs.length > 40, `${pallet}.${name} is documented`);
    }
  }
  // Errors carry their explanation too.
  const error = api.errors.escrow.BelowOrderAmount;
  assert.match(error.meta.docs.join(' '), /deduction/);
});

test('blocks are produced and finalized', async () => {
  const { api } = ctx;
  const first = (await api.rpc.chain.getHeader()).number.toNumber();
  await new Promise((resolve) => setTimeout(resolve, 13_000));
  const best = (await api.rpc.chain.getHeader()).number.toNumber();
  const finalized = (await api.rpc.chain.getHeader(await api.rpc.chain.getFinalizedHead())).number.toNumber();
  assert.ok(best > first, 'new blocks');
  assert.ok(finalized > 0, 'finality advances');
});
