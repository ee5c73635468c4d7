//! [`FundingSource`]: how the escrow pallet draws on a buyer's funding and repays it.

use crate::*;
use frame_support::{pallet_prelude::*, storage::with_storage_layer};
use sp_runtime::traits::Zero;

impl<T: Config> FundingSource<T::AccountId, AssetIdOf<T>, BalanceOf<T>> for Pallet<T> {
	fn cover(
		id: SettlementId,
		buyer: &T::AccountId,
		asset: &AssetIdOf<T>,
		shortfall: BalanceOf<T>,
	) -> DispatchResult {
		// All or nothing: a draw that fails undoes the ones before it.
		with_storage_layer(|| Self::draw(id, buyer, asset, shortfall))
	}

	fn on_close(
		id: SettlementId,
		buyer: &T::AccountId,
		asset: &AssetIdOf<T>,
		released: BalanceOf<T>,
	) -> Weight {
		// Most settlements draw on nothing: then this is one read.
		let Some(mut draws) = Draws::<T>::take(id) else { return T::DbWeight::get().reads(1) };
		Self::repay_draws(id, buyer, asset, released, &mut draws);
		T::WeightInfo::on_close()
	}

	fn on_release(
		id: SettlementId,
		buyer: &T::AccountId,
		asset: &AssetIdOf<T>,
		released: BalanceOf<T>,
	) -> Weight {
		let Some(mut draws) = Draws::<T>::get(id) else { return T::DbWeight::get().reads(1) };
		Self::repay_draws(id, buyer, asset, released, &mut draws);
		// What was repaid is not owed from the later close again.
		draws.retain(|d| !d.amount.is_zero());
		if draws.is_empty() {
			Draws::<T>::remove(id);
		} else {
			Draws::<T>::insert(id, draws);
		}
		T::WeightInfo::on_close()
	}

	fn cover_weight() -> Weight {
		T::WeightInfo::cover()
	}

	fn on_close_weight() -> Weight {
		T::WeightInfo::on_close()
	}
}
