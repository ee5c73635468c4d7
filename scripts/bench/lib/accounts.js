// The load's accounts, derived from Alice's development seed, and their funding.

import { UNIT, finalizedNumber, sleep } from '@escrow-chain/scripts-lib';
import { TRANSFER_AMOUNT, OPEN_AMOUNT, FEE_ALLOWANCE, FUND_BATCH } from './options.js';
import { count } from './helpers.js';

// ---------------------------------------------------------------------------------------------
// Accounts and funding

/** The sender accounts: `//Alice//bench//<i>`, hard-derived from Alice's development seed. */
export function benchAccounts(keyring, count) {
  return Array.from({ length: count }, (_, i) => keyring.addFromUri(`//Alice//bench//${i}`));
}

/**
 * What one sender account needs for this run: per transfer its amount and fee, per settlement
 * its hold, deposit and fee, and 1 ESC to spare.
 */
export function fundingPerAccount(api, opts) {
  const perAccount = (kind) => (opts.kinds.includes(kind) ? BigInt(Math.ceil(opts.n / opts.accounts)) : 0n);
  const deposit = api.consts.escrow.settlementDeposit.toBigInt();
  return (
    perAccount('transfer') * (TRANSFER_AMOUNT + FEE_ALLOWANCE) +
    (perAccount('open') + perAccount('signed')) * (OPEN_AMOUNT + deposit + FEE_ALLOWANCE) +
    perAccount('confirm') * FEE_ALLOWANCE +
    UNIT
  );
}

/** Alice funds every sender account; resolves once each batch is in a block and succeeded. */
export async function fund(api, watcher, alice, accounts, amount) {
  let nonce = (await api.rpc.system.accountNextIndex(alice.address)).toNumber();
  const records = [];
  for (let start = 0; start < accounts.length; start += FUND_BATCH) {
    const calls = accounts
      .slice(start, start + FUND_BATCH)
      .map((account) => api.tx.balances.transferKeepAlive(account.address, amount));
    const tx = await api.tx.utility.batchAll(calls).signAsync(alice, { nonce: nonce++, era: 0 });
    const record = { kind: 'fund', hash: tx.hash.toHex(), signer: alice.address };
    watcher.track(record);
    records.push(record);
    await api.rpc.author.submitExtrinsic(tx);
  }
  await watcher.until(() => records.every((r) => r.block !== undefined));
  const failed = records.find((r) => r.error);
  if (failed) throw new Error(`funding the sender accounts failed: ${failed.error}`);
  await finalized(api, Math.max(...records.map((r) => r.block)));
}

/**
 * Resolves once block `number` is finalized. The node's transaction pool keeps a view of each
 * recent block: an extrinsic from an account funded in the newest block is invalid in the
 * views of the blocks before it, and a view bans what it finds invalid. Once the funding is
 * final those views are gone, and the senders' extrinsics are valid wherever they land.
 */
export async function finalized(api, number, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if ((await finalizedNumber(api)) >= number) return;
    if (Date.now() > deadline) throw new Error(`block #${number} was not finalized in ${timeoutMs / 1000} s`);
    await sleep(500);
  }
}
