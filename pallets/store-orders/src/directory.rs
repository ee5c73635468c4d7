//! [`StoreDirectory`]: the store directory as the escrow side sees it (a store's time-limit
//! rule, its assets, its payout account, who acts for it).

use crate::*;
use frame_system::pallet_prelude::*;

impl<T: Config> StoreDirectory<T::AccountId, AssetIdOf<T>, BlockNumberFor<T>> for Pallet<T> {
	fn store_time_limit(store: StoreId) -> Option<Option<BlockNumberFor<T>>> {
		Stores::<T>::get(store).map(|s| s.default_time_limit)
	}

	/// The owner and the current payout account: an account `update_store` replaced acts for
	/// the store no more.
	fn acts_for(store: StoreId, who: &T::AccountId) -> bool {
		Stores::<T>::get(store).is_some_and(|s| s.owner == *who || s.payout == *who)
	}

	/// Whether `store` exists and lists `asset`. A closed store is removed, so, as for
	/// [`StoreDirectory::store_time_limit`], it accepts nothing.
	fn accepts(store: StoreId, asset: &AssetIdOf<T>) -> bool {
		Stores::<T>::get(store).is_some_and(|s| s.assets.contains(asset))
	}

	fn payout_account(store: StoreId) -> Option<T::AccountId> {
		Stores::<T>::get(store).map(|s| s.payout)
	}

	fn commission(store: StoreId) -> Option<Commission<T::AccountId>> {
		Self::commission_of(store)
	}
}
