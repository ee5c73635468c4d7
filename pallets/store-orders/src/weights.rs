//! Weights for `pallet-store-orders`.
//!
//! Conservative estimates written by hand from each call's storage accesses (counted in the
//! comments) with a generous computation and proof-size allowance. They stand until the FRAME
//! benchmarks of this pallet generate measured weights for the runtime.

use core::marker::PhantomData;
use frame_support::{
	traits::Get,
	weights::{constants::RocksDbWeight, RuntimeDbWeight, Weight},
};

/// Weight functions needed by `pallet-store-orders`.
pub trait WeightInfo {
	fn register_store() -> Weight;
	fn update_store() -> Weight;
	fn close_store() -> Weight;
	fn accept_payment() -> Weight;
	fn mark_shipped() -> Weight;
	fn complete_order() -> Weight;
	/// The escrow pallet telling this pallet that a settlement closed.
	fn on_settlement_closed() -> Weight;
}

/// The estimates on the database weights `D`.
pub struct Estimates<D>(PhantomData<D>);

/// Weights for `pallet-store-orders` on a runtime's own database weights.
pub type SubstrateWeight<T> = Estimates<<T as frame_system::Config>::DbWeight>;

impl<D: Get<RuntimeDbWeight>> Estimates<D> {
	fn of(reads: u64, writes: u64) -> Weight {
		Weight::from_parts(50_000_000, 4_000u64.saturating_mul(reads.saturating_add(1)))
			.saturating_add(D::get().reads_writes(reads, writes))
	}
}

impl<D: Get<RuntimeDbWeight>> WeightInfo for Estimates<D> {
	// Reads: NextStoreId, owner account, owner holds. Writes: those, Stores.
	fn register_store() -> Weight {
		Self::of(3, 4)
	}
	// Reads: Stores. Writes: Stores.
	fn update_store() -> Weight {
		Self::of(1, 1)
	}
	// Reads: Stores, owner account, owner holds. Writes: those.
	fn close_store() -> Weight {
		Self::of(3, 3)
	}
	// Reads: Stores, StoreOrders, OrderOfSettlement, the settlement. Writes: Stores,
	// OrderOfSettlement, StoreOrders. (The escrow's own part is added by the call.)
	fn accept_payment() -> Weight {
		Self::of(4, 3)
	}
	// Reads: Stores, StoreOrders. Writes: StoreOrders.
	fn mark_shipped() -> Weight {
		Self::of(2, 1)
	}
	// Reads: StoreOrders, the settlement, the payment record, Stores. Writes: StoreOrders,
	// Stores.
	fn complete_order() -> Weight {
		Self::of(4, 2)
	}
	// Reads: OrderOfSettlement, StoreOrders, the settlement, Stores. Writes: StoreOrders,
	// Stores.
	fn on_settlement_closed() -> Weight {
		Self::of(4, 2)
	}
}

/// The same estimates on RocksDB weights, for tests and chains without their own.
impl WeightInfo for () {
	fn register_store() -> Weight {
		Estimates::<RocksDbWeight>::register_store()
	}
	fn update_store() -> Weight {
		Estimates::<RocksDbWeight>::update_store()
	}
	fn close_store() -> Weight {
		Estimates::<RocksDbWeight>::close_store()
	}
	fn accept_payment() -> Weight {
		Estimates::<RocksDbWeight>::accept_payment()
	}
	fn mark_shipped() -> Weight {
		Estimates::<RocksDbWeight>::mark_shipped()
	}
	fn complete_order() -> Weight {
		Estimates::<RocksDbWeight>::complete_order()
	}
	fn on_settlement_closed() -> Weight {
		Estimates::<RocksDbWeight>::on_settlement_closed()
	}
}
