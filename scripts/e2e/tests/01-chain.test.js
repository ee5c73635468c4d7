// The chain as a wallet sees it: properties, metadata and documentation; and its blocks.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bestNumber, finalizedNumber, newBlock, sealsOnDemand, sleep } from '@escrow-chain/scripts-lib';
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

test('a new block is finalized: made on demand if the node seals on demand, else by Aura and GRANDPA', async () => {
  const { api } = ctx;
  if (await sealsOnDemand(api)) {
    // --sealing instant or manual: engine_createBlock makes a block at once and finalizes it.
    const before = await finalizedNumber(api);
    const made = await newBlock(api);
    assert.ok(made > before, 'a new block');
    assert.equal(await bestNumber(api), made, 'it is the best block');
    const hash = await api.rpc.chain.getBlockHash(made);
    assert.equal((await api.rpc.chain.getFinalizedHead()).toHex(), hash.toHex(), 'it is finalized at once');
    return;
  }
  // Aura makes a block every slot (6 s) and GRANDPA finalizes behind it.
  const first = await bestNumber(api);
  const best = await newBlock(api);
  assert.ok(best > first, 'new blocks');
  let finalized = await finalizedNumber(api);
  for (let i = 0; i < 30 && finalized === 0; i++) {
    await sleep(1000);
    finalized = await finalizedNumber(api);
  }
  assert.ok(finalized > 0, 'finality advances');
});
