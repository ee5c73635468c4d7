//! Weights for `pallet-escrow`.
//!
//! These are conservative estimates, written by hand from each call's storage accesses
//! (counted in the comments) with a generous computation and proof-size allowance. They stand
//! until the FRAME benchmarks of this pallet generate measured weights for the runtime.

#![allow(unused_parens)]
#![allow(unused_imports)]

use core::marker::PhantomData;
use frame_support::{
	traits::Get,
	weights::{constants::RocksDbWeight, RuntimeDbWeight, Weight},
};

/// Weight functions needed by `pallet-escrow`.
pub trait WeightInfo {
	fn open_settlement() -> Weight;
	fn confirm_receipt() -> Weight;
	fn cancel() -> Weight;
	fn refund() -> Weight;
	fn extend_deadline() -> Weight;
	fn propose_deduction() -> Weight;
	fn accept_deduction() -> Weight;
	fn accept() -> Weight;
	fn ship() -> Weight;
	/// `on_initialize` when nothing is due: one read of the agenda's first key.
	fn on_initialize_idle() -> Weight;
	/// One auto-settlement taken from the agenda.
	fn auto_settle() -> Weight;
	/// One expired settlement removed from storage.
	fn prune() -> Weight;
	fn open_dispute() -> Weight;
	fn add_evidence() -> Weight;
	fn propose_split() -> Weight;
	fn accept_split() -> Weight;
	fn resolve_dispute() -> Weight;
	/// One dispute lapsing at the end of its dispute period.
	fn dispute_lapse() -> Weight;
}

/// Computation allowance per call, in picoseconds of reference time.
const BASE: u64 = 60_000_000;
/// Proof-size allowance per account, hold list or settlement touched, in bytes.
const PROOF_PER_ITEM: u64 = 4_000;

fn estimate<D: Get<RuntimeDbWeight>>(reads: u64, writes: u64, items: u64) -> Weight {
	Weight::from_parts(BASE, PROOF_PER_ITEM.saturating_mul(items))
		.saturating_add(D::get().reads_writes(reads, writes))
}

/// The estimates on the database weights `D`.
pub struct Estimates<D>(PhantomData<D>);

/// Weights for `pallet-escrow` on a runtime's own database weights.
pub type SubstrateWeight<T> = Estimates<<T as frame_system::Config>::DbWeight>;

impl<D: Get<RuntimeDbWeight>> WeightInfo for Estimates<D> {
	// Reads: OpenByOrder, store directory, payee account, buyer account, buyer holds,
	// NextSettlementId. Writes: buyer account, buyer holds, NextSettlementId, OpenByOrder,
	// Settlements.
	fn open_settlement() -> Weight {
		estimate::<D>(6, 5, 6)
	}
	// Reads: Settlements, payee account, NextPaymentRecordId, buyer account, buyer holds.
	// Writes: Agenda, buyer account, buyer holds, payee account, NextPaymentRecordId,
	// PaymentRecords, OpenByOrder, Agenda (prune), Settlements.
	fn confirm_receipt() -> Weight {
		estimate::<D>(5, 9, 6)
	}
	// Reads: Settlements, buyer account, buyer holds. Writes: buyer account, buyer holds,
	// OpenByOrder, Agenda (prune), Settlements.
	fn cancel() -> Weight {
		estimate::<D>(3, 5, 4)
	}
	// As `cancel`, plus the removal of the auto-settlement from the agenda.
	fn refund() -> Weight {
		estimate::<D>(3, 6, 4)
	}
	// Reads: Settlements. Writes: Agenda (remove and insert), Settlements.
	fn extend_deadline() -> Weight {
		estimate::<D>(1, 3, 2)
	}
	// Reads: Settlements, payee account. Writes: Settlements.
	fn propose_deduction() -> Weight {
		estimate::<D>(2, 1, 2)
	}
	// Reads: Settlements. Writes: Settlements.
	fn accept_deduction() -> Weight {
		estimate::<D>(1, 1, 1)
	}
	// Reads: Settlements. Writes: Settlements.
	fn accept() -> Weight {
		estimate::<D>(1, 1, 1)
	}
	// Reads: Settlements. Writes: Agenda, Settlements.
	fn ship() -> Weight {
		estimate::<D>(1, 2, 2)
	}
	// Reads: the agenda's first key.
	fn on_initialize_idle() -> Weight {
		Weight::from_parts(2_000_000, 100).saturating_add(D::get().reads(1))
	}
	// Reads: the next agenda key, Settlements, NextPaymentRecordId, buyer account, buyer holds,
	// payee account. Writes: Agenda, buyer account, buyer holds, payee account,
	// NextPaymentRecordId, PaymentRecords, OpenByOrder, Agenda (prune), Settlements.
	fn auto_settle() -> Weight {
		estimate::<D>(6, 9, 6)
	}
	// Reads: the next agenda key, Settlements. Writes: Agenda, Settlements, PaymentRecords.
	fn prune() -> Weight {
		estimate::<D>(2, 3, 3)
	}
	// Reads: Settlements, opener account and holds. Writes: those, Agenda (remove, insert),
	// Settlements, Disputes.
	fn open_dispute() -> Weight {
		estimate::<D>(3, 6, 5)
	}
	// Reads: Settlements, Disputes. Writes: Disputes.
	fn add_evidence() -> Weight {
		estimate::<D>(2, 1, 3)
	}
	// Reads: Settlements, Disputes, payee account. Writes: Disputes.
	fn propose_split() -> Weight {
		estimate::<D>(3, 1, 4)
	}
	// A payout (as `confirm_receipt`) plus the dispute deposit and records.
	fn accept_split() -> Weight {
		estimate::<D>(8, 13, 9)
	}
	// The larger of a split (as `accept_split`) and a resumption.
	fn resolve_dispute() -> Weight {
		estimate::<D>(8, 13, 9)
	}
	// As `resolve_dispute`, plus the agenda key.
	fn dispute_lapse() -> Weight {
		estimate::<D>(9, 13, 9)
	}
}

/// The same estimates on RocksDB weights, for tests and chains without their own.
impl WeightInfo for () {
	fn open_settlement() -> Weight {
		Estimates::<RocksDbWeight>::open_settlement()
	}
	fn confirm_receipt() -> Weight {
		Estimates::<RocksDbWeight>::confirm_receipt()
	}
	fn cancel() -> Weight {
		Estimates::<RocksDbWeight>::cancel()
	}
	fn refund() -> Weight {
		Estimates::<RocksDbWeight>::refund()
	}
	fn extend_deadline() -> Weight {
		Estimates::<RocksDbWeight>::extend_deadline()
	}
	fn propose_deduction() -> Weight {
		Estimates::<RocksDbWeight>::propose_deduction()
	}
	fn accept_deduction() -> Weight {
		Estimates::<RocksDbWeight>::accept_deduction()
	}
	fn accept() -> Weight {
		Estimates::<RocksDbWeight>::accept()
	}
	fn ship() -> Weight {
		Estimates::<RocksDbWeight>::ship()
	}
	fn on_initialize_idle() -> Weight {
		Estimates::<RocksDbWeight>::on_initialize_idle()
	}
	fn auto_settle() -> Weight {
		Estimates::<RocksDbWeight>::auto_settle()
	}
	fn prune() -> Weight {
		Estimates::<RocksDbWeight>::prune()
	}
	fn open_dispute() -> Weight {
		Estimates::<RocksDbWeight>::open_dispute()
	}
	fn add_evidence() -> Weight {
		Estimates::<RocksDbWeight>::add_evidence()
	}
	fn propose_split() -> Weight {
		Estimates::<RocksDbWeight>::propose_split()
	}
	fn accept_split() -> Weight {
		Estimates::<RocksDbWeight>::accept_split()
	}
	fn resolve_dispute() -> Weight {
		Estimates::<RocksDbWeight>::resolve_dispute()
	}
	fn dispute_lapse() -> Weight {
		Estimates::<RocksDbWeight>::dispute_lapse()
	}
}
