//! Storage migrations of the store-orders pallet.
//!
//! - **v0 → v1** (stores and orders in an asset): every store gains the list of assets it
//!   accepts and every store order the asset it is paid in. Everything stored before v1 was
//!   paid in the native token, so each store lists just [`Config::NativeAsset`] and each order
//!   is in it; nothing else changes, and the store deposits (in the native token, under the
//!   same [`HoldReason`]) stay where they are. Run through [`MigrateV0ToV1`] (also named
//!   [`MigrateToAssets`]): it reads and writes each store and each order once, one read and
//!   one write per item, which fits a block for the chain's current size; `try-runtime` checks
//!   that every v0 value decodes, and the counts and every value before and after.
//!
//! v0 is the version a pallet without a declared storage version has: this pallet declared
//! none before v1.

use crate::*;
use codec::{Decode, Encode};
use frame_support::{
	migrations::VersionedMigration,
	pallet_prelude::*,
	traits::{Get, UncheckedOnRuntimeUpgrade},
	weights::Weight,
};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::Saturating;

/// The types and storage items as v0 stored them.
pub mod v0 {
	use super::*;

	/// A v0 store: a v1 one without its assets.
	#[derive(Clone, Encode, Decode, Eq, PartialEq, Debug)]
	pub struct Store<AccountId, Balance, BlockNumber, Name> {
		pub owner: AccountId,
		pub payout: AccountId,
		pub name: Name,
		pub default_time_limit: Option<BlockNumber>,
		pub deposit: Balance,
		pub open_orders: u32,
	}

	/// A v0 store order: a v1 one without its asset.
	#[derive(Clone, Encode, Decode, Eq, PartialEq, Debug)]
	pub struct StoreOrder<AccountId, Balance, Logistics> {
		pub settlement: SettlementId,
		pub buyer: AccountId,
		pub payee: AccountId,
		pub order_amount: Balance,
		pub status: OrderStatus,
		pub logistics: Option<Logistics>,
		pub record: Option<PaymentRecordId>,
		pub paid: Option<Balance>,
	}

	pub type StoreOf<T> =
		Store<<T as frame_system::Config>::AccountId, BalanceOf<T>, BlockNumberFor<T>, NameOf<T>>;
	pub type StoreOrderOf<T> =
		StoreOrder<<T as frame_system::Config>::AccountId, BalanceOf<T>, LogisticsOf<T>>;

	/// [`crate::Stores`] with its v0 values.
	#[frame_support::storage_alias]
	pub type Stores<T: Config> = StorageMap<Pallet<T>, Twox64Concat, StoreId, StoreOf<T>>;

	/// [`crate::Orders`] with its v0 values.
	#[frame_support::storage_alias]
	pub type Orders<T: Config> = StorageDoubleMap<
		Pallet<T>,
		Twox64Concat,
		StoreId,
		Blake2_128Concat,
		OrderNoOf<T>,
		StoreOrderOf<T>,
	>;

	/// `old` as v1 stores it, accepting `assets`.
	pub fn store<T: Config>(old: StoreOf<T>, assets: AssetsOf<T>) -> crate::StoreOf<T> {
		crate::Store {
			owner: old.owner,
			payout: old.payout,
			name: old.name,
			default_time_limit: old.default_time_limit,
			assets,
			deposit: old.deposit,
			open_orders: old.open_orders,
		}
	}

	/// `old` as v1 stores it, paid in `asset`.
	pub fn order<T: Config>(old: StoreOrderOf<T>, asset: AssetIdOf<T>) -> crate::StoreOrderOf<T> {
		crate::StoreOrder {
			settlement: old.settlement,
			buyer: old.buyer,
			payee: old.payee,
			asset,
			order_amount: old.order_amount,
			status: old.status,
			logistics: old.logistics,
			record: old.record,
			paid: old.paid,
		}
	}
}

/// What a store from before assets accepts: the native token alone.
fn native_only<T: Config>() -> AssetsOf<T> {
	// `MaxAssets` is at least 1 (the pallet's integrity test).
	AssetsOf::<T>::truncate_from(alloc::vec![T::NativeAsset::get()])
}

/// Lists the native asset for every store and gives it to every store order; run through
/// [`MigrateV0ToV1`].
pub struct InnerMigrateV0ToV1<T>(core::marker::PhantomData<T>);

impl<T: Config> UncheckedOnRuntimeUpgrade for InnerMigrateV0ToV1<T> {
	fn on_runtime_upgrade() -> Weight {
		let native = T::NativeAsset::get();
		let assets = native_only::<T>();
		let mut entries: u64 = 0;
		Stores::<T>::translate::<v0::StoreOf<T>, _>(|_, old| {
			entries.saturating_inc();
			Some(v0::store::<T>(old, assets.clone()))
		});
		Orders::<T>::translate::<v0::StoreOrderOf<T>, _>(|_, _, old| {
			entries.saturating_inc();
			Some(v0::order::<T>(old, native.clone()))
		});
		// One read and one write per store and per order.
		T::DbWeight::get().reads_writes(entries, entries)
	}

	/// Every v0 store and order, decoded, so that `post_upgrade` can compare. Fails if one
	/// does not decode as v0: `translate` would drop it.
	#[cfg(feature = "try-runtime")]
	fn pre_upgrade() -> Result<alloc::vec::Vec<u8>, sp_runtime::TryRuntimeError> {
		let stores: alloc::vec::Vec<(StoreId, v0::StoreOf<T>)> = v0::Stores::<T>::iter().collect();
		ensure!(
			stores.len() == v0::Stores::<T>::iter_keys().count(),
			"a store does not decode as v0"
		);
		let orders: alloc::vec::Vec<(StoreId, OrderNoOf<T>, v0::StoreOrderOf<T>)> =
			v0::Orders::<T>::iter().collect();
		ensure!(
			orders.len() == v0::Orders::<T>::iter_keys().count(),
			"a store order does not decode as v0"
		);
		Ok((stores, orders).encode())
	}

	/// Each store and order reads back as before, in the native asset, and no other is stored.
	#[cfg(feature = "try-runtime")]
	fn post_upgrade(state: alloc::vec::Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
		type Before<T> = (
			alloc::vec::Vec<(StoreId, v0::StoreOf<T>)>,
			alloc::vec::Vec<(StoreId, OrderNoOf<T>, v0::StoreOrderOf<T>)>,
		);
		let (stores, orders) = Before::<T>::decode(&mut &state[..])
			.map_err(|_| "the state before the upgrade does not decode")?;
		let native = T::NativeAsset::get();
		let assets = native_only::<T>();
		ensure!(Stores::<T>::iter_keys().count() == stores.len(), "the number of stores changed");
		ensure!(
			Orders::<T>::iter_keys().count() == orders.len(),
			"the number of store orders changed"
		);
		for (id, old) in stores {
			ensure!(
				Stores::<T>::get(id) == Some(v0::store::<T>(old, assets.clone())),
				"a store did not read back accepting the native asset"
			);
		}
		for (store, order_no, old) in orders {
			ensure!(
				Orders::<T>::get(store, &order_no) == Some(v0::order::<T>(old, native.clone())),
				"a store order did not read back in the native asset"
			);
		}
		Ok(())
	}
}

/// v0 → v1, run once: the storage version guards it.
pub type MigrateV0ToV1<T> = VersionedMigration<
	0,
	1,
	InnerMigrateV0ToV1<T>,
	Pallet<T>,
	<T as frame_system::Config>::DbWeight,
>;

/// [`MigrateV0ToV1`] by what it does: stores and orders from before assets, in the native
/// token.
pub type MigrateToAssets<T> = MigrateV0ToV1<T>;
