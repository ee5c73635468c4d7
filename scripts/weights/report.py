#!/usr/bin/env python3
"""Prints, as a Markdown table, every benchmarked call of escrow-chain's pallets beside
`pallet_balances::transfer_keep_alive` from the same benchmark run, and what the agenda hook
can do in one block. Reads the generated weight files; run by scripts/bench-weights.sh.

Database weights are the runtime's (runtime/src/weights/paritydb_weights.rs, measured by
`benchmark storage`). A second table compares the calls in the native token (ESC) and in the
stablecoin, each beside the transfer_keep_alive of its own asset from the same run."""

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def db_weight(kind):
    """The runtime's ParityDB weight of one read or write, in picoseconds."""
    text = (ROOT / "runtime/src/weights/paritydb_weights.rs").read_text()
    nanos = re.search(kind + r": ([0-9_]+) \* constants::WEIGHT_REF_TIME_PER_NANOS", text)
    return int(nanos.group(1).replace("_", "")) * 1_000


READ_PS, WRITE_PS = db_weight("read"), db_weight("write")
# Two seconds of computation per block; the agenda may use a quarter of it.
BLOCK_REF_TIME = 2_000_000_000_000
AGENDA_BUDGET = BLOCK_REF_TIME // 4

FILES = {
    "pallet_balances": ROOT / "docs/bench/pallet_balances.rs",
    "pallet_escrow": ROOT / "pallets/escrow/src/weights.rs",
    "pallet_store_orders": ROOT / "pallets/store-orders/src/weights.rs",
    "pallet_funding": ROOT / "pallets/funding/src/weights.rs",
    "pallet_assets": ROOT / "docs/bench/pallet_assets.rs",
    "pallet_asset_tx_payment": ROOT / "docs/bench/pallet_asset_tx_payment.rs",
}
NUM = r"([0-9_]+)"


def num(text):
    return int(text.replace("_", ""))


def parse(path):
    """The measured weight functions of one generated file: name -> terms."""
    text = path.read_text()
    # The measured implementation: the first `impl<T: frame_system::Config> ... {`.
    start = text.index("impl<T: frame_system::Config>")
    end = text.find("\nimpl WeightInfo for ()", start)
    body = text[start : end if end > 0 else len(text)]
    functions = {}
    for match in re.finditer(r"fn (\w+)\(([^)]*)\) -> Weight \{(.*?)\n\t\}", body, re.S):
        name, code = match.group(1), match.group(3)
        f = {"ref": 0, "proof": 0, "reads": 0, "writes": 0, "slopes": []}
        base = re.search(r"Weight::from_parts\(" + NUM + r", " + NUM + r"\)", code)
        if base is None:
            # Not measured in this file: it takes another runtime's weight (the parachain's
            # calls not measured on it yet).
            continue
        f["ref"], f["proof"] = num(base.group(1)), num(base.group(2))
        for p in re.finditer(r"\.saturating_add\(Weight::from_parts\(0, " + NUM + r"\)\)", code):
            f["proof"] += num(p.group(1))
        for s in re.finditer(
            r"Weight::from_parts\(" + NUM + r", " + NUM + r"\)\.saturating_mul\((\w+)\.into\(\)\)",
            code,
        ):
            f["slopes"].append((s.group(3), num(s.group(1)), num(s.group(2)), 0, 0))
        for kind in ("reads", "writes"):
            for r in re.finditer(kind + r"\(" + NUM + r"(?:_u64)?\)\)", code):
                f[kind] += num(r.group(1))
            for r in re.finditer(
                kind + r"\(\(" + NUM + r"_u64\)\.saturating_mul\((\w+)\.into\(\)\)\)", code
            ):
                r_, w_ = (num(r.group(1)), 0) if kind == "reads" else (0, num(r.group(1)))
                f["slopes"].append((r.group(2), 0, 0, r_, w_))
        functions[name] = f
    return functions


def weight(f, db=None, **components):
    """(ref_time ps, proof bytes, reads, writes) of `f` at the given component values, its reads
    and writes at `db` (read ps, write ps; this runtime's ParityDB weights by default)."""
    read_ps, write_ps = db or (READ_PS, WRITE_PS)
    ref, proof, reads, writes = f["ref"], f["proof"], f["reads"], f["writes"]
    for name, s_ref, s_proof, s_reads, s_writes in f["slopes"]:
        n = components.get(name, 0)
        ref += s_ref * n
        proof += s_proof * n
        reads += s_reads * n
        writes += s_writes * n
    return ref + reads * read_ps + writes * write_ps, proof, reads, writes


def per_item(f, name, db=None):
    """The cost of one more `name` in a linear benchmark."""
    one, zero = weight(f, db, **{name: 1}), weight(f, db, **{name: 0})
    return tuple(a - b for a, b in zip(one, zero))


def payouts_per_block(budget, idle, first, again, hooks, funding, same_store):
    """How many payouts the agenda hook takes in one block, as `service_agenda` charges and
    gates them: all to one store and payee, or each to a store and payee of its own."""
    used, taken = idle, 0
    while True:
        weight = again if same_store and taken > 0 else first
        if used + weight + hooks > budget:
            return taken
        used += weight + funding
        taken += 1


def main():
    weights = {pallet: parse(path) for pallet, path in FILES.items()}
    transfer = weight(weights["pallet_balances"]["transfer_keep_alive"])
    out = sys.stdout
    out.write("| pallet | call | ref_time (µs) | proof (bytes) | reads | writes | × transfer ref_time | × transfer proof |\n")
    out.write("|---|---|---:|---:|---:|---:|---:|---:|\n")

    def row(pallet, name, w):
        out.write(
            f"| {pallet} | {name} | {w[0] / 1e6:.1f} | {w[1]} | {w[2]} | {w[3]} | "
            f"{w[0] / transfer[0]:.2f} | {w[1] / transfer[1]:.2f} |\n"
        )

    row("pallet_balances", "transfer_keep_alive", transfer)
    for pallet in ("pallet_escrow", "pallet_store_orders", "pallet_funding"):
        for name, f in weights[pallet].items():
            if name.endswith("_native"):
                continue
            if f["slopes"]:
                row(pallet, f"{name} (one more)", per_item(f, f["slopes"][0][0]))
                row(pallet, f"{name} (n = 0)", weight(f))
            else:
                row(pallet, name, weight(f))

    escrow, orders, funding = (weights[p] for p in ("pallet_escrow", "pallet_store_orders", "pallet_funding"))
    # The hook's benchmarks pay through the store side (the order completed, the store's count
    # lowered), so a payout's weight includes it; the funding check (no credit drawn: one read)
    # is charged on top. A payout to a store and payee the block already paid costs the slope of
    # `auto_settle` (one store), any other the slope of `auto_settle_stores`.
    again = per_item(escrow["auto_settle"], "n")[0]
    first = per_item(escrow["auto_settle_stores"], "n")[0]
    observer = weight(orders["on_settlement_closed"])[0]
    no_draws = READ_PS
    idle = weight(escrow["on_initialize_idle"])[0]
    # A payout is taken only if its worst case fits: the store side's notification and a
    # funding close that repays credit to several lenders, on top of the payout.
    hooks = observer + weight(funding["on_close"])[0]
    one_store = payouts_per_block(AGENDA_BUDGET, idle, first, again, hooks, no_draws, same_store=True)
    many_stores = payouts_per_block(AGENDA_BUDGET, idle, first, again, hooks, no_draws, same_store=False)
    out.write("\n")
    out.write(f"- Agenda budget: {AGENDA_BUDGET / 1e9:.0f} ms of ref_time (a quarter of the block's 2 s).\n")
    out.write(f"- One more auto-settlement to a store and payee the block already paid: {again / 1e6:.1f} µs; to another: {first / 1e6:.1f} µs (the store order's completion included); plus the funding check {no_draws / 1e6:.1f} µs.\n")
    out.write(f"- Auto-settlements per block within the budget: {one_store} all to one store, {many_stores} each to a store of its own (each is taken only if its worst case, with credit to repay ({hooks / 1e6:.1f} µs more), still fits).\n")
    out.write(f"- Idle hook: {idle / 1e6:.1f} µs, {weight(escrow['on_initialize_idle'])[2]} read(s), {weight(escrow['on_initialize_idle'])[3]} write(s).\n")

    # ESC against the stablecoin, each beside its own asset's transfer.
    usd_transfer = weight(weights["pallet_assets"]["transfer_keep_alive"])
    fees = weights["pallet_asset_tx_payment"]
    out.write("\n| call | in ESC: ref_time (µs) | × ESC transfer | in eUSD: ref_time (µs) | × eUSD transfer | eUSD / ESC |\n")
    out.write("|---|---:|---:|---:|---:|---:|\n")

    def pair(name, esc, usd):
        out.write(
            f"| {name} | {esc[0] / 1e6:.1f} | {esc[0] / transfer[0]:.2f} | {usd[0] / 1e6:.1f} | "
            f"{usd[0] / usd_transfer[0]:.2f} | {usd[0] / esc[0]:.2f} |\n"
        )

    pair("transfer_keep_alive", transfer, usd_transfer)
    pair("escrow.open_settlement", weight(escrow["open_settlement_native"]), weight(escrow["open_settlement"]))
    pair("escrow.confirm_receipt", weight(escrow["confirm_receipt_native"]), weight(escrow["confirm_receipt"]))
    pair(
        "escrow auto-settlement (one more in the hook)",
        per_item(escrow["auto_settle_native"], "n"),
        per_item(escrow["auto_settle"], "n"),
    )
    pair(
        "the fee (the transaction extension)",
        weight(fees["charge_asset_tx_payment_native"]),
        weight(fees["charge_asset_tx_payment_asset"]),
    )


if __name__ == "__main__":
    main()
