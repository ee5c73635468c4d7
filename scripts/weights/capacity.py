#!/usr/bin/env python3
"""What one chain carries by its weights: for each step of a store order, how many fit in a
block's normal share and per second, by ref time and by proof size, on the solo chain and on
the parachain, from the generated weight files of each. Prints Markdown (docs/SCALE.md).

    python3 scripts/weights/capacity.py

Each extrinsic is charged its call's weight, the runtime's base weight of an extrinsic, and its
extensions' weights: frame-system's checks (on the solo chain as measured on it,
runtime/src/weights/frame_system_extensions.rs, at its database weights; on the parachain
their default weights, at RocksDB's read and write weights) and the fee's;
transactions fill 75% of the block in both dimensions. The solo chain's block has 2 s of ref
time and no proof limit (its validators hold the state), its reads and writes are the measured
ParityDB weights; the parachain's has 2 s and the relay chain's 10 MiB proof limit
(MAX_POV_SIZE), its reads and writes the SDK's RocksDB weights. Both make a block every 6 s.
Auto-settlements are paid by the agenda hook within its own budget, a quarter of the block in
each dimension, as `service_agenda` charges them."""

import re
from pathlib import Path

from report import NUM, ROOT, num, parse, per_item, weight

BLOCK_SECONDS = 6
MAX_REF = 2_000_000_000_000
MAX_POV = 10 * 1024 * 1024
NORMAL = 0.75
# No proof limit on the solo chain.
UNLIMITED = 2**64 - 1


def nanos(path, name):
    """A `name: N * constants::WEIGHT_REF_TIME_PER_NANOS` or `saturating_mul(N)` constant in ps."""
    text = Path(path).read_text()
    match = re.search(name + r": " + NUM + r" \* constants::WEIGHT_REF_TIME_PER_NANOS", text) or re.search(
        r"WEIGHT_REF_TIME_PER_NANOS\.saturating_mul\(" + NUM + r"\)", text
    )
    return num(match.group(1)) * 1_000


def registry_file(crate, path):
    """`path` in the newest `crate` (a glob: name and version) in the cargo registry, or None."""
    found = sorted(Path.home().glob(f".cargo/registry/src/*/{crate}/{path}"))
    return found[-1] if found else None


def rocksdb(kind):
    """The SDK's RocksDB weight of one read or write, in ps."""
    path = registry_file("frame-support-49.*", "src/weights/rocksdb_weights.rs")
    return nanos(path, kind) if path else {"read": 25_000_000, "write": 100_000_000}[kind]


def frame_extrinsic_base():
    """The SDK's base weight of an extrinsic, in ps."""
    path = registry_file("frame-support-49.*", "src/weights/extrinsic_weights.rs")
    return nanos(path, "base") if path else 108_157_000


CHAINS = {
    "solo chain": {
        "files": {
            "balances": ROOT / "docs/bench/pallet_balances.rs",
            "escrow": ROOT / "pallets/escrow/src/weights.rs",
            "orders": ROOT / "pallets/store-orders/src/weights.rs",
            "funding": ROOT / "pallets/funding/src/weights.rs",
        },
        "read": nanos(ROOT / "runtime/src/weights/paritydb_weights.rs", "read"),
        "write": nanos(ROOT / "runtime/src/weights/paritydb_weights.rs", "write"),
        "base": nanos(ROOT / "runtime/src/weights/extrinsic_weights.rs", "base"),
        "extensions": ROOT / "runtime/src/weights/frame_system_extensions.rs",
        "max_pov": UNLIMITED,
    },
    "parachain": {
        "files": {
            "balances": ROOT / "docs/bench/parachain/pallet_balances.rs",
            "escrow": ROOT / "parachain/runtime/src/weights/pallet_escrow.rs",
            "orders": ROOT / "parachain/runtime/src/weights/pallet_store_orders.rs",
            "funding": ROOT / "parachain/runtime/src/weights/pallet_funding.rs",
        },
        "read": rocksdb("read"),
        "write": rocksdb("write"),
        "base": frame_extrinsic_base(),
        "extensions": None,
        "max_pov": MAX_POV,
    },
}


def fee_extension():
    """What the runtimes charge for the fee (`ChargeAssetTxPayment` in ESC): the pallet's own
    `SubstrateWeight`, as configured in runtime/common/src/product.rs."""
    return parse(registry_file("pallet-asset-tx-payment-50.*", "src/weights.rs"))["charge_asset_tx_payment_native"]


# The extensions both runtimes put before the fee, as `frame_system`'s `()` weights charge them
# (its default `ExtensionsWeightInfo`, at the SDK's RocksDB read and write weights on both
# chains); a transaction of an app is mortal.
SYSTEM_EXTENSIONS = (
    "check_non_zero_sender", "check_spec_version", "check_tx_version", "check_genesis",
    "check_mortality_mortal_transaction", "check_nonce", "check_weight",
)


def system_extensions(chain):
    """(ref ps, proof bytes) of SYSTEM_EXTENSIONS: the chain's own measured weights if it has
    them (at its database weights), else frame-system's defaults (at RocksDB's)."""
    if chain["extensions"]:
        text, read, write = chain["extensions"].read_text(), chain["read"], chain["write"]
        body = text[text.index("impl<T: frame_system::Config>") :]
    else:
        text = registry_file("frame-system-49.*", "src/extensions/weights.rs").read_text()
        body = text[text.index("impl WeightInfo for ()") :]
        read, write = rocksdb("read"), rocksdb("write")
    ref = proof = 0
    for name in SYSTEM_EXTENSIONS:
        code = re.search(r"fn " + name + r"\(\) -> Weight \{(.*?)\n\t\}", body, re.S).group(1)
        base = re.search(r"Weight::from_parts\(" + NUM + r", " + NUM + r"\)", code)
        ref, proof = ref + num(base.group(1)), proof + num(base.group(2))
        for extra in re.finditer(r"saturating_add\(Weight::from_parts\(" + NUM + r", " + NUM + r"\)\)", code):
            ref, proof = ref + num(extra.group(1)), proof + num(extra.group(2))
        for kind, cost in (("reads", read), ("writes", write)):
            for r in re.finditer(kind + r"\(" + NUM + r"(?:_u64)?\)", code):
                ref += num(r.group(1)) * cost
    return ref, proof


def weigh(chain, f, **components):
    """(ref ps, proof bytes) of function terms `f` at `components`, at the chain's database weights."""
    return weight(f, (chain["read"], chain["write"]), **components)[:2]


def slope(chain, f):
    """(ref ps, proof bytes) of one more `n` in the linear benchmark `f`."""
    return per_item(f, "n", (chain["read"], chain["write"]))[:2]


def agenda_budget(chain):
    """The agenda hook's budget: a quarter of the block in each dimension."""
    return (MAX_REF // 4, chain["max_pov"] // 4 if chain["max_pov"] != UNLIMITED else UNLIMITED)


def fits(budget, each):
    """How many of `each` fit in `budget` (ref, proof): in all, by ref time, by proof (None
    when the chain has no proof limit)."""
    by_ref = budget[0] // each[0]
    by_proof = budget[1] // each[1] if budget[1] != UNLIMITED and each[1] else None
    return min(by_ref, by_proof if by_proof is not None else by_ref), by_ref, by_proof


def agenda(chain, w, first, again, same_store, only=None):
    """Payouts the hook takes in one block within a quarter of the block, as `service_agenda`
    gates them: each only if its worst case (the store side's and funding's close hooks) fits.
    `only` ("ref" or "proof") counts against that dimension's budget alone."""
    budget = agenda_budget(chain)
    if only == "ref":
        budget = (budget[0], UNLIMITED)
    elif only == "proof":
        budget = (UNLIMITED, budget[1])
    hooks = tuple(a + b for a, b in zip(weigh(chain, w["orders"]["on_settlement_closed"]), weigh(chain, w["funding"]["on_close"])))
    funding = (chain["read"], 0)
    used, taken = weigh(chain, w["escrow"]["on_initialize_idle"]), 0
    while True:
        each = again if same_store and taken > 0 else first
        need = tuple(u + e + h for u, e, h in zip(used, each, hooks))
        if need[0] > budget[0] or need[1] > budget[1]:
            return taken
        used = tuple(u + e + f for u, e, f in zip(used, each, funding))
        taken += 1


def main():
    for name, chain in CHAINS.items():
        missing = [str(p.relative_to(ROOT)) for p in chain["files"].values() if not p.exists()]
        if missing:
            print(f"### {name}\n\nNot measured yet: {', '.join(missing)}.\n")
            continue
        w = {k: parse(p) for k, p in chain["files"].items()}
        normal = (int(MAX_REF * NORMAL), int(chain["max_pov"] * NORMAL) if chain["max_pov"] != UNLIMITED else UNLIMITED)
        pov = "no proof limit" if chain["max_pov"] == UNLIMITED else f"{normal[1] / 2**20:.1f} MiB of proof"
        print(f"### {name}\n")
        print(
            f"A block's normal share: {normal[0] / 1e12:.1f} s of ref time, {pov}; an extrinsic's base "
            f"{chain['base'] / 1e6:.1f} µs, its extensions {(system_extensions(chain)[0] + weigh(chain, fee_extension())[0]) / 1e6:.1f} µs; a read {chain['read'] / 1e6:.1f} µs, a write {chain['write'] / 1e6:.1f} µs.\n"
        )
        print("| step | ref time (µs) | proof (B) | per block by ref time | by benchmarked proof | per block, both | per second |")
        print("|---|---:|---:|---:|---:|---:|---:|")
        # What the runtime charges each step, in either coin: opening and confirming are charged
        # their stablecoin benchmarks (the worst case); confirming adds the store side's close
        # hook and the funding check (no credit drawn: a read).
        closing = tuple(a + b for a, b in zip(weigh(chain, w["orders"]["on_settlement_closed"]), (chain["read"], 0)))
        steps = [
            ("transfer (`transfer_keep_alive`)", weigh(chain, w["balances"]["transfer_keep_alive"])),
            ("open (`open_settlement`)", weigh(chain, w["escrow"]["open_settlement"])),
            ("accept (`accept_payment`)", weigh(chain, w["orders"]["accept_payment"])),
            ("ship (`mark_shipped`)", weigh(chain, w["orders"]["mark_shipped"])),
            ("confirm (`confirm_receipt`)", tuple(a + b for a, b in zip(weigh(chain, w["escrow"]["confirm_receipt"]), closing))),
        ]
        if "pay_signed_request" in w["orders"]:
            steps.append(("signed open (`pay_signed_request`: open and accept)", weigh(chain, w["orders"]["pay_signed_request"])))
        rates = {}
        fee, system = weigh(chain, fee_extension()), system_extensions(chain)
        for label, (ref, proof) in steps:
            ref, proof = ref + chain["base"] + fee[0] + system[0], proof + fee[1] + system[1]
            n, by_ref, by_proof = fits(normal, (ref, proof))
            rates[label] = n / BLOCK_SECONDS
            shown = "—" if by_proof is None else f"{by_proof:,}"
            print(f"| {label} | {ref / 1e6:.1f} | {proof:,} | {by_ref:,} | {shown} | {n:,} | {n / BLOCK_SECONDS:,.1f} |")
        # The hook charges every payout as the stablecoin's (its worst case), whatever the coin.
        again = slope(chain, w["escrow"]["auto_settle"])
        first = slope(chain, w["escrow"]["auto_settle_stores"])
        one, many = agenda(chain, w, first, again, True), agenda(chain, w, first, again, False)
        ref = f"{agenda(chain, w, first, again, True, 'ref'):,} / {agenda(chain, w, first, again, False, 'ref'):,}"
        proof = "—"
        if chain["max_pov"] != UNLIMITED:
            proof = f"{agenda(chain, w, first, again, True, 'proof'):,} / {agenda(chain, w, first, again, False, 'proof'):,}"
        print(
            f"| auto-settle (the agenda hook, ¼ of the block) | {again[0] / 1e6:.1f} / {first[0] / 1e6:.1f} | "
            f"{again[1]:,} / {first[1]:,} | {ref} | {proof} | {one:,} / {many:,} | {one / BLOCK_SECONDS:,.1f} / {many / BLOCK_SECONDS:,.1f} |"
        )
        # Each order, closed, is removed after the retention period by the same hook, in the same
        # budget: at a steady rate the hook removes as many orders a block as close in one.
        budget = agenda_budget(chain)
        prune = tuple(a + b for a, b in zip(weigh(chain, w["escrow"]["prune"]), weigh(chain, w["orders"]["on_settlement_closed"])))
        idle = weigh(chain, w["escrow"]["on_initialize_idle"])
        room = (budget[0] - idle[0], budget[1] - idle[1] if budget[1] != UNLIMITED else UNLIMITED)
        prunes, prunes_ref, prunes_proof = fits(room, prune)
        print(
            f"| removal after retention (`prune`, the agenda hook) | {prune[0] / 1e6:.1f} | {prune[1]:,} | {prunes_ref:,} | "
            f"{'—' if prunes_proof is None else f'{prunes_proof:,}'} | "
            f"{prunes:,} | {prunes / BLOCK_SECONDS:,.1f} |"
        )
        transfer = rates["transfer (`transfer_keep_alive`)"]
        two_step = ("open", "accept", "ship", "confirm")
        per_second = 1 / sum(1 / rates[k] for k in rates if k.startswith(two_step))
        print(
            f"\nWhole lifecycles (open, accept, ship, confirm) by both limits, the chain doing nothing else: "
            f"**{per_second:,.1f} per second** ({per_second * 86400:,.0f} a day), "
            f"{per_second / transfer * 100:.0f}% of the transfer rate."
        )
        signed = [k for k in rates if k.startswith("signed")]
        if signed:
            per_second = 1 / sum(1 / rates[k] for k in rates if k.startswith(("signed", "ship", "confirm")))
            print(
                f"\nWhole signed lifecycles (signed open, ship, confirm): **{per_second:,.1f} per second** "
                f"({per_second * 86400:,.0f} a day), {per_second / transfer * 100:.0f}% of the transfer rate."
            )
        print(
            "\nAuto-settle rows: one more payout to a store and payee the block already paid / to "
            "another; per block, all to one store / each to a store of its own.\n"
        )


if __name__ == "__main__":
    main()
