//! Marketplaces: an operator registers one with a commission and a fee account; a store joins
//! by accepting the rate by number and leaves when it likes; the operator may change its terms
//! (a new offer: a higher rate binds a store only once it accepts it) or remove a store. The
//! escrow reads the commission a store's new settlement owes through
//! [`StoreDirectory::commission`](crate::StoreDirectory::commission) (`directory.rs`). The
//! calls are in `lib.rs`; their logic is here.

use crate::*;
use frame_support::{
	pallet_prelude::*,
	traits::{fungible::MutateHold, tokens::Precision},
};
use sp_runtime::ArithmeticError;

impl<T: Config> Pallet<T> {
	pub fn do_register_marketplace(
		operator: T::AccountId,
		name: NameOf<T>,
		rate: BasisPoints,
		fee_account: T::AccountId,
	) -> Result<MarketplaceId, DispatchError> {
		Self::ensure_name(&name)?;
		Self::ensure_rate(rate)?;
		let marketplace = NextMarketplaceId::<T>::get();
		let next = marketplace.checked_add(1).ok_or(ArithmeticError::Overflow)?;
		let deposit = T::MarketplaceDeposit::get();
		T::Currency::hold(&HoldReason::MarketplaceDeposit.into(), &operator, deposit)
			.map_err(|_| Error::<T>::InsufficientBalance)?;
		NextMarketplaceId::<T>::put(next);
		Marketplaces::<T>::insert(
			marketplace,
			Marketplace {
				operator: operator.clone(),
				name: name.clone(),
				rate,
				fee_account: fee_account.clone(),
				deposit,
			},
		);
		Self::deposit_event(Event::MarketplaceRegistered {
			marketplace,
			operator,
			name,
			rate,
			fee_account,
		});
		Ok(marketplace)
	}

	pub(crate) fn do_set_marketplace_terms(
		who: T::AccountId,
		marketplace: MarketplaceId,
		rate: BasisPoints,
		fee_account: T::AccountId,
	) -> DispatchResult {
		Self::ensure_rate(rate)?;
		Marketplaces::<T>::try_mutate(marketplace, |maybe| {
			let info = maybe.as_mut().ok_or(Error::<T>::UnknownMarketplace)?;
			ensure!(info.operator == who, Error::<T>::NotOperator);
			info.rate = rate;
			info.fee_account = fee_account.clone();
			Ok::<_, DispatchError>(())
		})?;
		Self::deposit_event(Event::MarketplaceTermsChanged { marketplace, rate, fee_account });
		Ok(())
	}

	/// Removes the marketplace and returns its deposit. Its stores' memberships name a
	/// marketplace that is gone: they owe nothing, and each goes when its store joins another,
	/// leaves or closes.
	pub(crate) fn do_close_marketplace(
		who: T::AccountId,
		marketplace: MarketplaceId,
	) -> DispatchResult {
		let info = Marketplaces::<T>::get(marketplace).ok_or(Error::<T>::UnknownMarketplace)?;
		ensure!(info.operator == who, Error::<T>::NotOperator);
		T::Currency::release(
			&HoldReason::MarketplaceDeposit.into(),
			&info.operator,
			info.deposit,
			Precision::Exact,
		)?;
		Marketplaces::<T>::remove(marketplace);
		Self::deposit_event(Event::MarketplaceClosed { marketplace });
		Ok(())
	}

	pub(crate) fn do_join_marketplace(
		who: T::AccountId,
		store: StoreId,
		marketplace: MarketplaceId,
		rate: BasisPoints,
	) -> DispatchResult {
		let mut info = Stores::<T>::get(store);
		Self::owned(info.as_mut(), &who)?;
		let offer = Marketplaces::<T>::get(marketplace).ok_or(Error::<T>::UnknownMarketplace)?;
		// Consent is to the number the store read: a rate changed since is a new offer.
		ensure!(offer.rate == rate, Error::<T>::TermsChanged);
		MarketplaceOfStore::<T>::insert(store, Membership { marketplace, rate });
		Self::deposit_event(Event::StoreJoinedMarketplace { store, marketplace, rate });
		Ok(())
	}

	pub(crate) fn do_leave_marketplace(who: T::AccountId, store: StoreId) -> DispatchResult {
		let mut info = Stores::<T>::get(store);
		Self::owned(info.as_mut(), &who)?;
		let membership =
			MarketplaceOfStore::<T>::take(store).ok_or(Error::<T>::NotInMarketplace)?;
		Self::deposit_event(Event::StoreLeftMarketplace {
			store,
			marketplace: membership.marketplace,
		});
		Ok(())
	}

	pub(crate) fn do_remove_from_marketplace(
		who: T::AccountId,
		marketplace: MarketplaceId,
		store: StoreId,
	) -> DispatchResult {
		let info = Marketplaces::<T>::get(marketplace).ok_or(Error::<T>::UnknownMarketplace)?;
		ensure!(info.operator == who, Error::<T>::NotOperator);
		let membership = MarketplaceOfStore::<T>::get(store)
			.filter(|m| m.marketplace == marketplace)
			.ok_or(Error::<T>::NotInMarketplace)?;
		MarketplaceOfStore::<T>::remove(store);
		Self::deposit_event(Event::StoreLeftMarketplace {
			store,
			marketplace: membership.marketplace,
		});
		Ok(())
	}

	/// The commission a settlement opened now for `store` owes: the rate the store accepted,
	/// or the marketplace's current one if lower (a lower rate needs no consent), to the
	/// marketplace's current fee account; none outside a marketplace, in one that is gone, or
	/// at a rate of zero.
	pub fn commission_of(store: StoreId) -> Option<Commission<T::AccountId>> {
		let membership = MarketplaceOfStore::<T>::get(store)?;
		let offer = Marketplaces::<T>::get(membership.marketplace)?;
		let rate = membership.rate.min(offer.rate);
		(rate > 0).then_some(Commission {
			marketplace: membership.marketplace,
			rate,
			fee_account: offer.fee_account,
		})
	}

	fn ensure_rate(rate: BasisPoints) -> DispatchResult {
		ensure!(rate <= T::MaxCommission::get(), Error::<T>::CommissionTooHigh);
		Ok(())
	}
}
