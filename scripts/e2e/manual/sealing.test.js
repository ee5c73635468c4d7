// A development node on manual sealing (`--dev --sealing manual`): blocks only when
// engine_createBlock asks, finalized when asked. scripts/e2e.sh runs this file against a node of
// its own after the suite in tests/ (which runs on instant sealing).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { UNIT, bestNumber, finalizedNumber, sealsOnDemand, sleep } from '@escrow-chain/scripts-lib';
import { session } from '../tests/helpers.js';

const ctx = session();

test('a transaction waits in the pool until a block is asked for', async () => {
  const { api, alice, bob } = ctx;
  assert.ok(await sealsOnDemand(api), 'the node has engine_createBlock');
  const best = await bestNumber(api);
  const hash = await api.tx.balances.transferKeepAlive(bob.address, UNIT).signAndSend(alice);
  await sleep(2000);
  assert.equal(await bestNumber(api), best, 'no block without engine_createBlock');
  const pending = await api.rpc.author.pendingExtrinsics();
  assert.ok(pending.some((x) => x.hash.eq(hash)), 'the transfer is in the pool');

  // A block, not finalized: the transfer is in it; the finalized head stays.
  const finalizedBefore = await finalizedNumber(api);
  const created = await api.rpc.engine.createBlock(false, false);
  const block = await api.rpc.chain.getBlock(created.blockHash);
  assert.equal(block.block.header.number.toNumber(), best + 1);
  assert.ok(block.block.extrinsics.some((x) => x.hash.eq(hash)), 'the block has the transfer');
  assert.equal(await finalizedNumber(api), finalizedBefore, 'not finalized yet');

  // Finalized on demand.
  assert.equal((await api.rpc.engine.finalizeBlock(created.blockHash)).toJSON(), true);
  assert.equal((await api.rpc.chain.getFinalizedHead()).toHex(), created.blockHash.toHex());
});

test('an empty block only when asked for one: createEmpty = false with an empty pool fails', async () => {
  const { api } = ctx;
  const best = await bestNumber(api);
  await assert.rejects(api.rpc.engine.createBlock(false, true), /empty/i);
  assert.equal(await bestNumber(api), best, 'no block');
  await api.rpc.engine.createBlock(true, true);
  assert.equal(await bestNumber(api), best + 1, 'an empty block when createEmpty = true');
  assert.equal(await finalizedNumber(api), best + 1, 'finalized at once when finalize = true');
});
