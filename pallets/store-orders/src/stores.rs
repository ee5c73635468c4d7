//! Stores: registering, updating and closing one, the deposit it holds, and the rules a store's
//! name, asset list and default time limit keep. The calls are in `lib.rs`; their logic is
//! here.

use crate::*;
use frame_support::{
	pallet_prelude::*,
	traits::{fungible::MutateHold, tokens::Precision},
};
use frame_system::pallet_prelude::*;
use sp_runtime::ArithmeticError;

impl<T: Config> Pallet<T> {
	/// Registers a store for `owner`, accepting `assets`, holding the store deposit.
	///
	/// Checks nothing but the deposit: the calls and the genesis build check the name, the
	/// rule and the assets before (`ensure_name`, `ensure_time_limit`, `ensure_assets`).
	pub fn do_register_store(
		owner: T::AccountId,
		payout: T::AccountId,
		name: NameOf<T>,
		default_time_limit: Option<BlockNumberFor<T>>,
		assets: AssetsOf<T>,
	) -> Result<StoreId, DispatchError> {
		let store = NextStoreId::<T>::get();
		let next = store.checked_add(1).ok_or(ArithmeticError::Overflow)?;
		let deposit = T::StoreDeposit::get();
		T::Currency::hold(&HoldReason::StoreDeposit.into(), &owner, deposit)
			.map_err(|_| Error::<T>::InsufficientBalance)?;
		NextStoreId::<T>::put(next);
		Stores::<T>::insert(
			store,
			Store {
				owner: owner.clone(),
				payout: payout.clone(),
				name: name.clone(),
				default_time_limit,
				assets: assets.clone(),
				deposit,
				open_orders: 0,
			},
		);
		Self::deposit_event(Event::StoreRegistered {
			store,
			owner,
			payout,
			name,
			default_time_limit,
			assets,
		});
		Ok(store)
	}

	pub(crate) fn do_update_store(
		who: T::AccountId,
		store: StoreId,
		payout: T::AccountId,
		name: NameOf<T>,
		default_time_limit: Option<BlockNumberFor<T>>,
		assets: AssetsOf<T>,
	) -> DispatchResult {
		Self::ensure_name(&name)?;
		Self::ensure_time_limit(default_time_limit)?;
		Self::ensure_assets(&assets)?;
		Stores::<T>::try_mutate(store, |maybe| {
			let info = Self::owned(maybe.as_mut(), &who)?;
			info.payout = payout.clone();
			info.name = name.clone();
			info.default_time_limit = default_time_limit;
			info.assets = assets.clone();
			Ok::<_, DispatchError>(())
		})?;
		Self::deposit_event(Event::StoreUpdated {
			store,
			payout,
			name,
			default_time_limit,
			assets,
		});
		Ok(())
	}

	pub(crate) fn do_close_store(who: T::AccountId, store: StoreId) -> DispatchResult {
		let mut info = Stores::<T>::get(store);
		let info = Self::owned(info.as_mut(), &who)?;
		ensure!(info.open_orders == 0, Error::<T>::StoreHasOpenOrders);
		T::Currency::release(
			&HoldReason::StoreDeposit.into(),
			&info.owner,
			info.deposit,
			Precision::Exact,
		)?;
		Stores::<T>::remove(store);
		MarketplaceOfStore::<T>::remove(store);
		Self::deposit_event(Event::StoreClosed { store });
		Ok(())
	}

	pub(crate) fn ensure_name(name: &NameOf<T>) -> DispatchResult {
		ensure!(!name.is_empty(), Error::<T>::EmptyName);
		Ok(())
	}

	/// A store's assets: at least one, none twice (the rules the genesis build checks too).
	pub(crate) fn ensure_asset_list(assets: &AssetsOf<T>) -> DispatchResult {
		ensure!(!assets.is_empty(), Error::<T>::NoAssets);
		let mut seen = alloc::collections::btree_set::BTreeSet::new();
		ensure!(assets.iter().all(|asset| seen.insert(asset)), Error::<T>::DuplicateAsset);
		Ok(())
	}

	/// A store's assets as a call sets them: the list's rules, and each asset one the chain
	/// settles in.
	pub(crate) fn ensure_assets(assets: &AssetsOf<T>) -> DispatchResult {
		Self::ensure_asset_list(assets)?;
		ensure!(assets.iter().all(T::Escrow::settles_in), Error::<T>::AssetNotSettled);
		Ok(())
	}

	/// A store's default rule must lie within the chain's bounds.
	pub(crate) fn ensure_time_limit(limit: Option<BlockNumberFor<T>>) -> DispatchResult {
		if let Some(limit) = limit {
			let (min, max) = T::Escrow::time_limit_bounds();
			ensure!(min <= limit && limit <= max, Error::<T>::TimeLimitOutOfBounds);
		}
		Ok(())
	}

	/// The store, if it exists and `who` owns it.
	pub(crate) fn owned<'a>(
		store: Option<&'a mut StoreOf<T>>,
		who: &T::AccountId,
	) -> Result<&'a mut StoreOf<T>, DispatchError> {
		let store = store.ok_or(Error::<T>::UnknownStore)?;
		ensure!(store.owner == *who, Error::<T>::NotOwner);
		Ok(store)
	}
}
