// Signing each kind's extrinsics before its clock starts: nonces, and the block weight of one.

import { STORE, signRequest } from '@escrow-chain/scripts-lib';
import { KINDS, TRANSFER_AMOUNT, OPEN_AMOUNT } from './options.js';

// ---------------------------------------------------------------------------------------------
// Signing

/**
 * The next nonce of each account that signs, from the chain when the run starts; each kind's
 * signing takes its nonces from here, so that an account's extrinsics follow each other.
 */
export async function nonceBook(api, signers) {
  const infos = await api.query.system.account.multi(signers.map((a) => a.address));
  return new Map(signers.map((a, i) => [a.address, infos[i].nonce.toNumber()]));
}

/**
 * Signs the extrinsics of `kind`, in the order they will be submitted, immortal and with the
 * nonces of `nonces`. Transfers and openings: N, round the sender accounts (so that each
 * account's extrinsics reach the pool in nonce order). Accepting, shipping, confirming: one for
 * each settlement the previous step (`previous`, its records) took through successfully.
 */
export async function signKind(api, kind, opts, accounts, bob, nonces, previous, run) {
  const records = [];
  const sign = async (signer, call, extra) => {
    const nonce = nonces.get(signer.address);
    nonces.set(signer.address, nonce + 1);
    // Immortal and with the nonce given: signing asks nothing of the node.
    const tx = await call.signAsync(signer, { nonce, era: 0 });
    records.push({ kind, tx, hash: tx.hash.toHex(), signer: signer.address, nonce, bytes: tx.encodedLength, ...extra });
  };
  if (kind === 'transfer' || kind === 'open' || kind === 'signed') {
    const snapshot = `0x${'be'.repeat(32)}`;
    // Bob's requests: valid a week of blocks from now, the demo store's rule, for anyone.
    const best = (await api.rpc.chain.getHeader()).number.toNumber();
    const validUntil = best + api.consts.storeOrders.maxRequestValidity.toNumber() - 10;
    for (let k = 0; k < opts.n; k += 1) {
      const from = k % accounts.length;
      if (kind === 'transfer') {
        await sign(accounts[from], api.tx.balances.transferKeepAlive(accounts[(from + 1) % accounts.length].address, TRANSFER_AMOUNT));
      } else if (kind === 'signed') {
        const orderNo = `bench-${run}-${k}`;
        const timeLimit = 14_400;
        const request = signRequest(
          api,
          { store: STORE, orderNo, asset: 'Native', amount: OPEN_AMOUNT, snapshot, timeLimit, validUntil, payer: accounts[from].address, genesis: api.genesisHash },
          bob,
        );
        const call = api.tx.storeOrders.paySignedRequest(request.request, request.signer, request.signature);
        await sign(accounts[from], call, { orderNo, buyer: accounts[from] });
      } else {
        const orderNo = `bench-${run}-${k}`;
        const timeLimit = opts.kinds.includes('settle') ? opts.timeLimit : null;
        const call = api.tx.escrow.openSettlement(STORE, orderNo, 'Native', OPEN_AMOUNT, bob.address, timeLimit, snapshot);
        await sign(accounts[from], call, { orderNo, buyer: accounts[from] });
      }
    }
    return records;
  }
  for (const step of previous.filter((r) => r.block !== undefined && !r.error && (!KINDS[r.kind]?.opens || r.opened))) {
    const { orderNo, buyer, settlement, terms } = step;
    const extra = { orderNo, buyer, settlement, terms };
    if (kind === 'accept') {
      await sign(bob, api.tx.storeOrders.acceptPayment(STORE, orderNo, settlement, OPEN_AMOUNT, ...terms), extra);
    } else if (kind === 'ship') {
      await sign(bob, api.tx.storeOrders.markShipped(STORE, orderNo, 'BENCH'), extra);
    } else {
      await sign(buyer, api.tx.escrow.confirmReceipt(settlement, OPEN_AMOUNT), extra);
    }
  }
  return records;
}

/**
 * The block weight one extrinsic takes: its declared dispatch weight (from
 * `TransactionPaymentApi.query_info`) plus the runtime's base weight of an extrinsic. Null if
 * the node cannot tell.
 */
export async function blockWeightOf(api, tx) {
  try {
    const bytes = tx.toU8a();
    const info = await api.call.transactionPaymentApi.queryInfo(bytes, bytes.length);
    const base = api.consts.system.blockWeights.perClass.normal.baseExtrinsic.refTime.toBigInt();
    return info.weight.refTime.toBigInt() + base;
  } catch {
    return null;
  }
}
