// A validator down: a network of validators on this machine's loopback keeps producing blocks
// while one validator (Charlie) is stopped, and the stopped one catches up when it returns on
// the same base path. Declared twice:
//
// - four validators (the `local` chain's three and Dave): best AND finalized heads advance on
//   the three still running;
// - the `local` chain's three: blocks go on, but finality stalls while Charlie is down (GRANDPA
//   needs votes of more than 2/3 of the voters: 3 of 3) and resumes, catching up, when it returns.
//
// GRANDPA's threshold with n equal voters is n - floor((n - 1) / 3): 3 of 3 and 3 of 4, so one
// validator down needs four (3f + 1 for f down). Each test prints a summary with its timings.
//
//   cd scripts/faults && node --test tests/validator-down.test.js
//   VALIDATOR_DOWN_SIGNAL=SIGTERM, VALIDATOR_DOWN_BLOCKS=N (blocks watched while Charlie is
//   down, default 6), ESCROW_KEEP=1 (keep the logs), ESCROW_NODE_BIN=/path/to/escrow-chain-node
//
// Ports: RPC 9960-9979, p2p 30360-30379.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { network, waitUntil } from '@escrow-chain/scripts-lib/network';

const SIGNAL = process.env.VALIDATOR_DOWN_SIGNAL ?? 'SIGKILL';
const WATCH = Number(process.env.VALIDATOR_DOWN_BLOCKS ?? 6);
const seconds = (since) => ((Date.now() - since) / 1000).toFixed(1);
const max = (values) => Math.max(...values);

const NETWORKS = [
  { validators: ['alice', 'bob', 'charlie', 'dave'], finality: 'goes on' },
  { validators: ['alice', 'bob', 'charlie'], finality: 'stalls' },
];

for (const { validators, finality } of NETWORKS) {
  test(`${validators.length} validators, Charlie down: blocks go on, finality ${finality}, Charlie catches up`, async () => {
    const net = await network({ name: `validator-down-${validators.length}`, validators });
    try {
      const t0 = Date.now();
      await net.start();
      const running = net.nodes.filter((n) => n.name !== 'charlie');
      const charlie = net.node('charlie');

      // 1. Everyone finalizes block 3.
      await waitUntil('every validator finalized block 3', async () => {
        for (const node of net.nodes) node.assertRunning('at start');
        const heads = await Promise.all(net.nodes.map((n) => n.finalized()));
        return heads.every((h) => h >= 3);
      }, { timeoutMs: 180_000, everyMs: 2_000 });
      const ready = seconds(t0);

      // 2. Charlie stops; the others go on.
      const best0 = await Promise.all(running.map((n) => n.best()));
      const fin0 = await Promise.all(running.map((n) => n.finalized()));
      const base = max(best0);
      await charlie.stop(SIGNAL);
      const tDown = Date.now();
      await waitUntil(`the running validators' best heads pass #${base + WATCH}`, async () => {
        for (const node of running) node.assertRunning('while Charlie was down');
        const heads = await Promise.all(running.map((n) => n.best()));
        return Math.min(...heads) >= base + WATCH;
      }, { timeoutMs: (WATCH * 6 * 3 + 30) * 1000, everyMs: 2_000 });
      const down = seconds(tDown);
      const best1 = await Promise.all(running.map((n) => n.best()));
      const fin1 = await Promise.all(running.map((n) => n.finalized()));
      running.forEach((node, i) => {
        const finalizedMeanwhile = fin1[i] - fin0[i];
        assert.ok(best1[i] - base >= WATCH, `${node.name}'s best head advanced with Charlie down`);
        if (validators.length === 4) {
          // Finality trails the best head by 2-3 blocks: half the blocks watched is a safe bar.
          assert.ok(finalizedMeanwhile >= WATCH / 2, `${node.name} finalized ${finalizedMeanwhile} blocks with Charlie down`);
        } else {
          assert.ok(finalizedMeanwhile <= 2, `${node.name} finalized ${finalizedMeanwhile} blocks with 1 of 3 down: GRANDPA needs all 3`);
        }
      });

      // 3. Charlie returns on its base path and catches up, on the same chain.
      const targetBest = max(best1);
      const targetFin = validators.length === 3 ? targetBest - 1 : max(fin1);
      const tUp = Date.now();
      charlie.start();
      let backBest;
      let backFin;
      await waitUntil(`Charlie reaches best #${targetBest} and finalized #${targetFin}`, async () => {
        charlie.assertRunning('after its restart');
        if (!backBest && (await charlie.best()) >= targetBest) backBest = seconds(tUp);
        if (!backFin && (await charlie.finalized()) >= targetFin) backFin = seconds(tUp);
        return backBest && backFin;
      }, { timeoutMs: 120_000 });
      for (const node of running) {
        assert.ok((await node.finalized()) >= targetFin, `${node.name} finalized #${targetFin} after Charlie's return`);
        assert.equal(await charlie.hashAt(targetFin), await node.hashAt(targetFin), `Charlie's #${targetFin} is ${node.name}'s`);
      }

      const produced = best1[0] - base;
      console.log(
        [
          `validator-down summary (${validators.length} validators, Charlie stopped with ${SIGNAL})`,
          `  all finalized block 3 after start      ${ready} s`,
          `  Charlie down                           ${down} s: ${produced} blocks, one every ${(down / Math.max(produced, 1)).toFixed(1)} s`,
          `  finality with Charlie down             ${finality} (finalized +${fin1[0] - fin0[0]} on Alice)`,
          `  Charlie back to best #${targetBest}            ${backBest} s after its restart`,
          `  Charlie back to finalized #${targetFin}        ${backFin} s after its restart`,
        ].join('\n'),
      );
    } catch (error) {
      net.fail();
      throw error;
    } finally {
      await net.stop();
    }
  });
}
