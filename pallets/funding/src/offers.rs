//! Links and offers: a linked account's top-up approval and a lender's credit line, each an
//! offer until the buyer accepts it, with the deposit its creator holds; removing and declining
//! them. The calls are in `lib.rs`; their logic is here.

use crate::*;
use frame_support::{
	pallet_prelude::*,
	traits::{fungible::MutateHold, fungibles::Inspect as _, tokens::Precision},
};
use sp_runtime::traits::{StaticLookup, Zero};

impl<T: Config> Pallet<T> {
	pub(crate) fn do_approve_top_up(
		linked: T::AccountId,
		buyer: AccountIdLookupOf<T>,
		asset: AssetIdOf<T>,
		limit: BalanceOf<T>,
	) -> DispatchResult {
		let buyer = T::Lookup::lookup(buyer)?;
		ensure!(linked != buyer, Error::<T>::OwnAccount);
		let link = Allowances::<T>::get(&buyer, &linked);
		if limit.is_zero() {
			let offer = TopUpOffers::<T>::get(&buyer, &linked);
			ensure!(link.is_some() || offer.is_some(), Error::<T>::NotLinked);
			if let Some(link) = link {
				Allowances::<T>::remove(&buyer, &linked);
				LinkedCount::<T>::mutate(&buyer, |c| *c = c.saturating_sub(1));
				Self::release(&linked, link.deposit)?;
				Self::deposit_event(Event::TopUpRevoked {
					linked: linked.clone(),
					buyer: buyer.clone(),
				});
			}
			if offer.is_some() {
				Self::withdraw_offer(&buyer, &linked, Source::Linked)?;
			}
			return Ok(());
		}
		match link {
			Some(mut link) if link.asset == asset && limit <= link.limit => {
				link.limit = limit;
				Allowances::<T>::insert(&buyer, &linked, link);
				Self::withdraw_offer(&buyer, &linked, Source::Linked)?;
				Self::deposit_event(Event::LimitLowered {
					buyer,
					creator: linked,
					kind: Source::Linked,
					asset,
					limit,
				});
			}
			_ => Self::offer(&buyer, &linked, Source::Linked, asset, limit)?,
		}
		Ok(())
	}

	pub(crate) fn do_open_credit_line(
		lender: T::AccountId,
		borrower: AccountIdLookupOf<T>,
		asset: AssetIdOf<T>,
		limit: BalanceOf<T>,
	) -> DispatchResult {
		let borrower = T::Lookup::lookup(borrower)?;
		ensure!(lender != borrower, Error::<T>::OwnAccount);
		ensure!(!limit.is_zero(), Error::<T>::ZeroAmount);
		match CreditLines::<T>::get(&borrower, &lender) {
			Some(mut line) if line.open && line.asset == asset && limit <= line.limit => {
				line.limit = limit;
				CreditLines::<T>::insert(&borrower, &lender, line);
				Self::withdraw_offer(&borrower, &lender, Source::Credit)?;
				Self::deposit_event(Event::LimitLowered {
					buyer: borrower,
					creator: lender,
					kind: Source::Credit,
					asset,
					limit,
				});
			}
			_ => Self::offer(&borrower, &lender, Source::Credit, asset, limit)?,
		}
		Ok(())
	}

	pub(crate) fn do_accept_top_up(
		buyer: T::AccountId,
		linked: AccountIdLookupOf<T>,
		asset: AssetIdOf<T>,
		limit: BalanceOf<T>,
	) -> DispatchResult {
		let linked = T::Lookup::lookup(linked)?;
		let offer = TopUpOffers::<T>::get(&buyer, &linked).ok_or(Error::<T>::NoOffer)?;
		ensure!(offer.asset == asset && offer.limit == limit, Error::<T>::OfferChanged);
		TopUpOffers::<T>::remove(&buyer, &linked);
		let link = match Allowances::<T>::get(&buyer, &linked) {
			// Nothing is owed on a top-up link: it may take the offer's asset.
			Some(link) => TopUp {
				asset: asset.clone(),
				limit,
				deposit: Self::merge_deposit(&linked, link.deposit, offer.deposit)?,
			},
			None => {
				let count = LinkedCount::<T>::get(&buyer);
				ensure!(count < T::MaxLinked::get(), Error::<T>::TooManyLinked);
				LinkedCount::<T>::insert(&buyer, count.saturating_add(1));
				TopUp { asset: asset.clone(), limit, deposit: offer.deposit }
			}
		};
		Allowances::<T>::insert(&buyer, &linked, link);
		Self::deposit_event(Event::OfferAccepted {
			buyer,
			creator: linked,
			kind: Source::Linked,
			asset,
			limit,
		});
		Ok(())
	}

	pub(crate) fn do_accept_credit_line(
		borrower: T::AccountId,
		lender: AccountIdLookupOf<T>,
		asset: AssetIdOf<T>,
		limit: BalanceOf<T>,
	) -> DispatchResult {
		let lender = T::Lookup::lookup(lender)?;
		let offer = CreditOffers::<T>::get(&borrower, &lender).ok_or(Error::<T>::NoOffer)?;
		ensure!(offer.asset == asset && offer.limit == limit, Error::<T>::OfferChanged);
		let line = match CreditLines::<T>::get(&borrower, &lender) {
			Some(line) => {
				// A debt is owed in the line's asset: it cannot change under it.
				ensure!(line.asset == asset || line.debt.is_zero(), Error::<T>::DebtOutstanding);
				CreditLine {
					asset: asset.clone(),
					limit,
					open: true,
					deposit: Self::merge_deposit(&lender, line.deposit, offer.deposit)?,
					debt: line.debt,
				}
			}
			None => {
				let count = LenderCount::<T>::get(&borrower);
				ensure!(count < T::MaxLenders::get(), Error::<T>::TooManyLenders);
				LenderCount::<T>::insert(&borrower, count.saturating_add(1));
				CreditLine {
					asset: asset.clone(),
					limit,
					debt: Zero::zero(),
					open: true,
					deposit: offer.deposit,
				}
			}
		};
		CreditOffers::<T>::remove(&borrower, &lender);
		CreditLines::<T>::insert(&borrower, &lender, line);
		Self::deposit_event(Event::OfferAccepted {
			buyer: borrower,
			creator: lender,
			kind: Source::Credit,
			asset,
			limit,
		});
		Ok(())
	}

	pub(crate) fn do_remove_link(
		buyer: T::AccountId,
		creator: AccountIdLookupOf<T>,
		kind: Source,
	) -> DispatchResult {
		let creator = T::Lookup::lookup(creator)?;
		let deposit = match kind {
			Source::Linked => {
				let link = Allowances::<T>::take(&buyer, &creator).ok_or(Error::<T>::NotLinked)?;
				LinkedCount::<T>::mutate(&buyer, |c| *c = c.saturating_sub(1));
				link.deposit
			}
			Source::Credit => {
				let line =
					CreditLines::<T>::get(&buyer, &creator).ok_or(Error::<T>::NoCreditLine)?;
				ensure!(line.debt.is_zero(), Error::<T>::DebtOutstanding);
				CreditLines::<T>::remove(&buyer, &creator);
				LenderCount::<T>::mutate(&buyer, |c| *c = c.saturating_sub(1));
				line.deposit
			}
		};
		Self::release(&creator, deposit)?;
		Self::deposit_event(Event::LinkRemoved { buyer, creator, kind });
		Ok(())
	}

	pub(crate) fn do_decline_offer(
		buyer: T::AccountId,
		creator: AccountIdLookupOf<T>,
		kind: Source,
	) -> DispatchResult {
		let creator = T::Lookup::lookup(creator)?;
		let offer = match kind {
			Source::Linked => TopUpOffers::<T>::take(&buyer, &creator),
			Source::Credit => CreditOffers::<T>::take(&buyer, &creator),
		}
		.ok_or(Error::<T>::NoOffer)?;
		Self::release(&creator, offer.deposit)?;
		Self::deposit_event(Event::OfferDeclined { buyer, creator, kind });
		Ok(())
	}

	/// Holds `amount` from `who` as a link deposit.
	fn hold(who: &T::AccountId, amount: BalanceOf<T>) -> DispatchResult {
		if amount.is_zero() {
			return Ok(());
		}
		T::Currency::hold(&HoldReason::LinkDeposit.into(), who, amount)
			.map_err(|_| Error::<T>::CannotHoldDeposit.into())
	}

	/// Releases `amount` of `who`'s link deposits.
	pub(crate) fn release(who: &T::AccountId, amount: BalanceOf<T>) -> DispatchResult {
		if amount.is_zero() {
			return Ok(());
		}
		T::Currency::release(&HoldReason::LinkDeposit.into(), who, amount, Precision::Exact)
			.map(|_| ())
	}

	/// The deposit of a link that an offer with `offered` is accepted into: the link's own,
	/// the offer's released; or the offer's if the link had none.
	pub(crate) fn merge_deposit(
		creator: &T::AccountId,
		link: BalanceOf<T>,
		offered: BalanceOf<T>,
	) -> Result<BalanceOf<T>, DispatchError> {
		if link.is_zero() {
			return Ok(offered);
		}
		Self::release(creator, offered)?;
		Ok(link)
	}

	/// Makes or changes `creator`'s offer of `kind` to `buyer`, of `limit` in `asset`. A new
	/// offer holds the deposit.
	pub(crate) fn offer(
		buyer: &T::AccountId,
		creator: &T::AccountId,
		kind: Source,
		asset: AssetIdOf<T>,
		limit: BalanceOf<T>,
	) -> DispatchResult {
		ensure!(T::Assets::asset_exists(asset.clone()), Error::<T>::UnknownAsset);
		let change = |offer: &mut Option<OfferOf<T>>| -> DispatchResult {
			match offer {
				Some(offer) => {
					offer.asset = asset.clone();
					offer.limit = limit;
				}
				None => {
					let deposit = T::LinkDeposit::get();
					Self::hold(creator, deposit)?;
					*offer = Some(Offer { asset: asset.clone(), limit, deposit });
				}
			}
			Ok(())
		};
		match kind {
			Source::Linked => TopUpOffers::<T>::try_mutate(buyer, creator, change),
			Source::Credit => CreditOffers::<T>::try_mutate(buyer, creator, change),
		}?;
		Self::deposit_event(Event::Offered {
			buyer: buyer.clone(),
			creator: creator.clone(),
			kind,
			asset,
			limit,
		});
		Ok(())
	}

	/// Removes `creator`'s offer of `kind` to `buyer`, if any, and releases its deposit.
	pub(crate) fn withdraw_offer(
		buyer: &T::AccountId,
		creator: &T::AccountId,
		kind: Source,
	) -> DispatchResult {
		let offer = match kind {
			Source::Linked => TopUpOffers::<T>::take(buyer, creator),
			Source::Credit => CreditOffers::<T>::take(buyer, creator),
		};
		if let Some(offer) = offer {
			Self::release(creator, offer.deposit)?;
			Self::deposit_event(Event::OfferWithdrawn {
				buyer: buyer.clone(),
				creator: creator.clone(),
				kind,
			});
		}
		Ok(())
	}
}
