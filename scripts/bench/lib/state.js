// The bytes the product's pallets keep in state, before and after a run.

import { xxhashAsHex } from '@polkadot/util-crypto';

// ---------------------------------------------------------------------------------------------
// State

/** The pallets whose state a store order leaves: their storage prefixes are their names' twox128. */
export const STATE_PALLETS = ['Escrow', 'StoreOrders', 'Funding'];

/**
 * The keys and bytes (key plus value) each of `STATE_PALLETS` keeps at block `hash`, read a page
 * of keys at a time.
 */
export async function stateBytes(api, hash) {
  const result = {};
  for (const pallet of STATE_PALLETS) {
    const prefix = xxhashAsHex(pallet, 128);
    let keys = 0;
    let bytes = 0;
    let start;
    for (;;) {
      const page = await api.rpc.state.getKeysPaged(prefix, 1000, start, hash);
      if (page.length === 0) break;
      const sizes = await Promise.all(page.map((key) => api.rpc.state.getStorageSize(key, hash)));
      for (const [i, key] of page.entries()) {
        keys += 1;
        bytes += key.length + Number(sizes[i]?.toString() ?? 0);
      }
      start = page[page.length - 1];
      if (page.length < 1000) break;
    }
    result[pallet] = { keys, bytes };
  }
  result.total = Object.values(result).reduce((t, p) => ({ keys: t.keys + p.keys, bytes: t.bytes + p.bytes }), { keys: 0, bytes: 0 });
  return result;
}
