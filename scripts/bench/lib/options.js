// The load tool's options and constants: what each kind of extrinsic is and moves.

import { parseArgs } from 'node:util';
import { UNIT } from '@escrow-chain/scripts-lib';
import { log } from './helpers.js';

/** What each transfer moves: 0.001 ESC, the existential deposit. */
export const TRANSFER_AMOUNT = UNIT / 1000n;
/** What each settlement holds: 0.1 ESC. */
export const OPEN_AMOUNT = UNIT / 10n;
/** A generous bound on one extrinsic's fee (a transfer pays about 0.0006 ESC, a settlement 0.005). */
export const FEE_ALLOWANCE = UNIT / 20n;
/** Transfers per funding batch. */
export const FUND_BATCH = 200;

/** The kinds of extrinsic this script measures, by the name --kinds uses. */
export const KINDS = {
  transfer: { label: 'transfer_keep_alive', call: 'balances.transferKeepAlive' },
  open: { label: 'open_settlement', call: 'escrow.openSettlement' },
  accept: { label: 'accept_payment', call: 'storeOrders.acceptPayment', after: ['open'] },
  // Opened and accepted in one: the buyer pays the store's signed request.
  signed: { label: 'pay_signed_request', call: 'storeOrders.paySignedRequest', opens: true },
  ship: { label: 'mark_shipped', call: 'storeOrders.markShipped', after: ['accept', 'signed'] },
  confirm: { label: 'confirm_receipt', call: 'escrow.confirmReceipt', after: ['ship'] },
  // No extrinsic: the settlements shipped reach their deadline and the agenda hook pays them
  // (`on_initialize`, its own quarter of the block).
  settle: { label: 'auto-settlement', call: 'the agenda hook', after: ['ship'], agenda: true },
};
KINDS.open.opens = true;

/** The kinds `--kinds lifecycle` stands for: transfers, then a store order's whole life. */
export const LIFECYCLE = ['transfer', 'open', 'accept', 'ship', 'confirm'];
/** The kinds `--kinds auto` stands for: the same, the deadline paying instead of the buyer. */
export const LIFECYCLE_AUTO = ['transfer', 'open', 'accept', 'ship', 'settle'];
/** The kinds `--kinds signed-lifecycle` stands for: a signed order's life (signed open, ship, confirm). */
export const LIFECYCLE_SIGNED = ['transfer', 'signed', 'ship', 'confirm'];

export const USAGE = `usage: node load.js [N [ACCOUNTS]] [options]
  N                     extrinsics of each kind (env BENCH_N; default 2000)
  ACCOUNTS              sender accounts //Alice//bench//<i> (env BENCH_ACCOUNTS; default 100)
  --ws URL              the node (env ESCROW_WS; default ws://127.0.0.1:9944)
  --kinds LIST          kinds and their order: transfer,open,accept,signed,ship,confirm
                        (default transfer,open); each of accept, ship, confirm after the step
                        before it (ship after accept or signed: the store's signed requests,
                        paid by the buyers); lifecycle = transfer,open,accept,ship,confirm;
                        signed-lifecycle = transfer,signed,ship,confirm; auto =
                        transfer,open,accept,ship,settle (the agenda hook pays at the deadline)
  --out FILE            also write the result as JSON to FILE
  --node-pid PID        the node's process, for its memory (env ESCROW_NODE_PID)
  --timeout SECONDS     give up after this long in all (default 900)
  --concurrency K       submissions in flight at once (default 32)
  --max-pending M       submitted but not yet in a block, at most (default 4096)
  --stall-blocks B      end a kind's phase after B blocks with none of its extrinsics (default 20)
  --time-limit B        with settle: each settlement's time limit, in blocks after shipping
                        (default 30: every shipment lands before the first deadline)`;

// ---------------------------------------------------------------------------------------------
// Options

export function options() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      ws: { type: 'string' },
      n: { type: 'string' },
      accounts: { type: 'string' },
      kinds: { type: 'string' },
      out: { type: 'string' },
      'node-pid': { type: 'string' },
      timeout: { type: 'string' },
      concurrency: { type: 'string' },
      'max-pending': { type: 'string' },
      'stall-blocks': { type: 'string' },
      'time-limit': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const int = (name, value, fallback, min = 1) => {
    if (value === undefined || value === '') return fallback;
    const n = Number(value);
    if (!Number.isInteger(n) || n < min) throw new Error(`${name} must be a whole number ≥ ${min}, not "${value}"`);
    return n;
  };
  const shorthand = { lifecycle: LIFECYCLE, auto: LIFECYCLE_AUTO, 'signed-lifecycle': LIFECYCLE_SIGNED }[values.kinds];
  const listed = shorthand ? shorthand.join(',') : values.kinds ?? 'transfer,open';
  const kinds = listed.split(',').map((k) => k.trim()).filter(Boolean);
  for (const [i, kind] of kinds.entries()) {
    if (!KINDS[kind]) throw new Error(`unknown kind "${kind}": use ${Object.keys(KINDS).join(', ')} or lifecycle`);
    const after = KINDS[kind].after;
    if (after && !after.some((k) => kinds.slice(0, i).includes(k))) throw new Error(`--kinds: ${kind} needs ${after.join(' or ')} before it`);
  }
  if (kinds.filter((k) => KINDS[k].opens).length > 1) throw new Error('--kinds: settlements are opened by open or by signed, not both');
  if (kinds.length === 0 || new Set(kinds).size !== kinds.length) throw new Error('--kinds lists each kind once');
  if (kinds.includes('confirm') && kinds.includes('settle')) throw new Error('--kinds: a settlement is confirmed or auto-settled, not both');
  const pid = values['node-pid'] ?? process.env.ESCROW_NODE_PID;
  return {
    ws: values.ws ?? process.env.ESCROW_WS ?? 'ws://127.0.0.1:9944',
    n: int('N', values.n ?? positionals[0] ?? process.env.BENCH_N, 2000),
    accounts: int('ACCOUNTS', values.accounts ?? positionals[1] ?? process.env.BENCH_ACCOUNTS, 100, 2),
    kinds,
    out: values.out,
    nodePid: pid ? int('--node-pid', pid) : null,
    timeout: int('--timeout', values.timeout, 900),
    concurrency: int('--concurrency', values.concurrency, 32),
    maxPending: int('--max-pending', values['max-pending'], 4096),
    stallBlocks: int('--stall-blocks', values['stall-blocks'], 20),
    timeLimit: int('--time-limit', values['time-limit'], 30),
  };
}
