//! Weights for `pallet-funding`.
//!
//! Conservative estimates written by hand from each function's storage accesses (counted in
//! the comments), with a generous computation and proof-size allowance. They stand until the
//! FRAME benchmarks of this pallet generate measured weights for the runtime.

use core::marker::PhantomData;
use frame_support::{
	traits::Get,
	weights::{constants::RocksDbWeight, RuntimeDbWeight, Weight},
};

/// Weight functions needed by `pallet-funding`.
pub trait WeightInfo {
	fn approve_top_up() -> Weight;
	fn open_credit_line() -> Weight;
	fn close_credit_line() -> Weight;
	fn repay() -> Weight;
	/// Covering a shortfall from every linked account and lender a buyer may have.
	fn cover() -> Weight;
	/// Repaying the credit drawn for a closing settlement.
	fn on_close() -> Weight;
}

/// The estimates on the database weights `D`, for at most `SOURCES` sources per buyer.
pub struct Estimates<D, const SOURCES: u64 = 8>(PhantomData<D>);

/// Weights for `pallet-funding` on a runtime's own database weights.
pub type SubstrateWeight<T> = Estimates<<T as frame_system::Config>::DbWeight>;

impl<D: Get<RuntimeDbWeight>, const SOURCES: u64> Estimates<D, SOURCES> {
	fn of(reads: u64, writes: u64) -> Weight {
		Weight::from_parts(40_000_000, 4_000u64.saturating_mul(reads.saturating_add(1)))
			.saturating_add(D::get().reads_writes(reads, writes))
	}
}

impl<D: Get<RuntimeDbWeight>, const SOURCES: u64> WeightInfo for Estimates<D, SOURCES> {
	// Reads: Allowances, LinkedCount. Writes: both.
	fn approve_top_up() -> Weight {
		Self::of(2, 2)
	}
	// Reads: CreditLines, LenderCount. Writes: both.
	fn open_credit_line() -> Weight {
		Self::of(2, 2)
	}
	// Reads: CreditLines. Writes: CreditLines, LenderCount.
	fn close_credit_line() -> Weight {
		Self::of(1, 2)
	}
	// Reads: CreditLines, both accounts. Writes: all three, LenderCount.
	fn repay() -> Weight {
		Self::of(3, 4)
	}
	// Per source: its approval or line, its account; then the transfer, the approval or line
	// and the count. Plus the buyer's account and the settlement's draws.
	fn cover() -> Weight {
		Self::of(
			SOURCES.saturating_mul(3).saturating_add(2),
			SOURCES.saturating_mul(4).saturating_add(2),
		)
	}
	// Per lender: its line and account; the transfer and the line. Plus the draws.
	fn on_close() -> Weight {
		Self::of(
			SOURCES.saturating_mul(2).saturating_add(1),
			SOURCES.saturating_mul(3).saturating_add(1),
		)
	}
}

/// The same estimates on RocksDB weights, for tests and chains without their own.
impl WeightInfo for () {
	fn approve_top_up() -> Weight {
		Estimates::<RocksDbWeight>::approve_top_up()
	}
	fn open_credit_line() -> Weight {
		Estimates::<RocksDbWeight>::open_credit_line()
	}
	fn close_credit_line() -> Weight {
		Estimates::<RocksDbWeight>::close_credit_line()
	}
	fn repay() -> Weight {
		Estimates::<RocksDbWeight>::repay()
	}
	fn cover() -> Weight {
		Estimates::<RocksDbWeight>::cover()
	}
	fn on_close() -> Weight {
		Estimates::<RocksDbWeight>::on_close()
	}
}
