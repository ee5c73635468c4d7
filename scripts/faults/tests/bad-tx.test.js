// Bad transactions on the real node: starts a temporary development node on free ports
// (RPC 9950-9959, p2p 30350-30359), runs every case of lib/bad-tx.js against it and stops it.
//
//   cd scripts/faults && node --test tests/bad-tx.test.js
//   ESCROW_NODE_BIN=/path/to/escrow-chain-node, ESCROW_KEEP=1 (keep the node's log)
//
// The node is the Aura/GRANDPA development node (a block every 6 s), not `--sealing instant`,
// although almost all of its minute is spent waiting for blocks (lib/bad-tx.js against an instant
// node takes 3 s). With instant sealing the ready remark that the same-nonce and duplicate cases
// are sent against is sealed as soon as it enters the pool, so those cases meet a used nonce
// instead of a ready extrinsic, depending on timing (tried: "the same extrinsic twice" got 1010
// "outdated", not 1013 "already imported"); and "the node goes on" means Aura's authoring and
// GRANDPA's finality carry on after the runtime's validate_transaction panics, which blocks made
// on request would not show.
//
// lib/bad-tx.js submits extrinsics with bad signatures (a flipped bit, another signer, another
// chain's genesis), a signer that cannot pay, a stale nonce, a same-nonce replacement without a
// higher tip, a duplicate, undecodable bytes (empty, garbage, truncated, a trailing byte, a
// call index of no pallet or no call, evidence of 31 or 33 bytes for a [u8; 32]), extrinsics
// longer than the block (an order number of 3.75 and 5 MiB, a remark) and longer than the RPC
// server takes; it documents what the pool does with a far-future nonce (held as "future",
// never included, removable), and checks that arguments only bounded at dispatch (an order
// number of MaxOrderNumberLen + 1 bytes and of 1 MiB, logistics of MaxLogisticsLen + 1) are
// included but fail with their module error and move nothing but the fee.
//
// What it found (node of commit a299346): the pool rejects every malformed extrinsic with an
// error and the node keeps producing and finalizing blocks. Bad signatures: 1010 "bad
// signature"; stale nonce: 1010 "outdated"; undecodable bytes: 1040 "Could not decode
// OpaqueExtrinsic" when the outer length is wrong, else 1002 "Verification Error: ... wasm
// trap" (the runtime's validate_transaction panics on a codec error, logged as "Bad input data
// provided to validate_transaction"; harmless, but noisy in the node's log); larger than the
// block: 1010 "would exhaust the block limits". A far-future nonce is taken into the pool's
// future queue (status "future", not listed by author_pendingExtrinsics, not included while the
// gap stays; resubmitting it gives 1013 "already imported") until author_removeExtrinsic
// removes it (then 1012 "temporarily banned"); the future queue holds at most 819 (2 MiB). Over-long order numbers are NOT rejected by
// the pool: `order_no` is a plain Vec<u8> in the call, bounded only at dispatch, so up to the
// block's 3.75 MiB are included and fail with OrderNumberTooLong, and the length fee is 1 planck
// a byte: a 1 MiB order number costs 0.0053 ESC, about the fee of a 65-byte one. It prints a table, case → what the node
// said. It fails if any case is accepted when it should not be, if any rejected extrinsic shows up
// in a block, or if the node dies or stops producing and finalizing blocks. About 1 minute.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { devNode, waitUntil } from '@escrow-chain/scripts-lib/network';
import { badTransactions } from '../lib/bad-tx.js';

test('bad transactions: each is refused, none is included, and the node goes on', async () => {
  const net = await devNode({ name: 'bad-tx', rpcPorts: [9950, 9959], p2pPorts: [30350, 30359] });
  try {
    await net.start();
    const node = net.nodes[0];
    await waitUntil('block 1', async () => (await node.best()) >= 1, { timeoutMs: 30_000 }).catch(() => {});
    const rows = await badTransactions(node.ws);
    const unexpected = rows.filter((r) => !r.ok).map((r) => `${r.name}: ${r.outcome} (${r.detail})`);
    assert.deepEqual(unexpected, [], 'every case ends as expected');
    node.assertRunning('during the bad transactions');
    await node.rpc('system_health');
    const panics = (fs.readFileSync(node.log, 'utf8').match(/Bad input data provided to validate_transaction/g) ?? []).length;
    console.log(
      `bad-tx: all ${rows.length} cases as expected; the node is running; its log has ${panics} runtime panics ` +
        "'Bad input data provided to validate_transaction: Codec error' (one per undecodable extrinsic)",
    );
  } catch (error) {
    net.fail();
    throw error;
  } finally {
    await net.stop();
  }
});
