//! The pallet's own logic behind the calls in `lib.rs`: deposits, offers, planning and
//! drawing the cover of a shortfall, repaying credit from what a hold releases, the invariants
//! (`do_try_state`), and [`FundingSource`], through which the escrow pallet uses it all.

use crate::*;
use frame_support::{
	pallet_prelude::*,
	storage::with_storage_layer,
	traits::{
		fungible::MutateHold,
		fungibles::{Inspect as _, Mutate as _},
		tokens::{Fortitude, Precision, Preservation},
	},
};
use sp_runtime::traits::{Saturating, Zero};

impl<T: Config> Pallet<T> {
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

	/// Stores `line`, or removes it (its count and its deposit) once closed without debt.
	pub(crate) fn store_line(
		borrower: &T::AccountId,
		lender: &T::AccountId,
		line: CreditLineOf<T>,
	) -> DispatchResult {
		if !line.open && line.debt.is_zero() {
			CreditLines::<T>::remove(borrower, lender);
			LenderCount::<T>::mutate(borrower, |c| *c = c.saturating_sub(1));
			Self::release(lender, line.deposit)
		} else {
			CreditLines::<T>::insert(borrower, lender, line);
			Ok(())
		}
	}

	/// What `from` can give of `asset` without falling below its minimum balance.
	fn spendable(asset: &AssetIdOf<T>, from: &T::AccountId) -> BalanceOf<T> {
		T::Assets::reducible_balance(asset.clone(), from, Preservation::Preserve, Fortitude::Polite)
	}

	/// Plans the draws of `asset` that cover `shortfall`: accepted top-up links in `asset`
	/// first, then open accepted credit lines in `asset`. An account that is both gives at
	/// most its spendable balance in all. `None` if they cannot cover all of it.
	fn plan(
		buyer: &T::AccountId,
		asset: &AssetIdOf<T>,
		shortfall: BalanceOf<T>,
	) -> Option<DrawsOf<T>> {
		let mut left = shortfall;
		let mut plan = DrawsOf::<T>::default();
		let linked = Allowances::<T>::iter_prefix(buyer)
			.filter(|(_, link)| link.asset == *asset)
			.map(|(from, link)| (from, Source::Linked, link.limit));
		let credit = CreditLines::<T>::iter_prefix(buyer)
			.filter(|(_, line)| line.open && line.asset == *asset)
			.map(|(from, line)| (from, Source::Credit, line.limit.saturating_sub(line.debt)));
		for (from, source, available) in linked.chain(credit) {
			if left.is_zero() {
				break;
			}
			let planned = plan
				.iter()
				.filter(|d| d.from == from)
				.fold(BalanceOf::<T>::zero(), |sum, d| sum.saturating_add(d.amount));
			let amount =
				available.min(Self::spendable(asset, &from).saturating_sub(planned)).min(left);
			if amount.is_zero() {
				continue;
			}
			plan.try_push(Draw { from, source, amount }).ok()?;
			left = left.saturating_sub(amount);
		}
		left.is_zero().then_some(plan)
	}

	/// Draws `shortfall` of `asset` for settlement `id` as planned, recording the draws.
	fn draw(
		id: SettlementId,
		buyer: &T::AccountId,
		asset: &AssetIdOf<T>,
		shortfall: BalanceOf<T>,
	) -> DispatchResult {
		let plan = Self::plan(buyer, asset, shortfall).ok_or(Error::<T>::ShortfallNotCovered)?;
		let mut draws = Draws::<T>::get(id).unwrap_or_default();
		for draw in plan {
			T::Assets::transfer(
				asset.clone(),
				&draw.from,
				buyer,
				draw.amount,
				Preservation::Preserve,
			)?;
			match draw.source {
				Source::Linked => {
					let mut link =
						Allowances::<T>::get(buyer, &draw.from).ok_or(Error::<T>::NotLinked)?;
					link.limit = link.limit.saturating_sub(draw.amount);
					Allowances::<T>::insert(buyer, &draw.from, link);
					Self::deposit_event(Event::ToppedUp {
						settlement: id,
						buyer: buyer.clone(),
						from: draw.from.clone(),
						asset: asset.clone(),
						amount: draw.amount,
					});
				}
				Source::Credit => {
					let mut line =
						CreditLines::<T>::get(buyer, &draw.from).ok_or(Error::<T>::NoCreditLine)?;
					line.debt = line.debt.saturating_add(draw.amount);
					let debt = line.debt;
					CreditLines::<T>::insert(buyer, &draw.from, line);
					Self::deposit_event(Event::CreditDrawn {
						settlement: id,
						borrower: buyer.clone(),
						lender: draw.from.clone(),
						asset: asset.clone(),
						amount: draw.amount,
						debt,
					});
				}
			}
			match draws.iter_mut().find(|d| d.from == draw.from && d.source == draw.source) {
				Some(d) => d.amount = d.amount.saturating_add(draw.amount),
				None => draws.try_push(draw).map_err(|_| Error::<T>::TooManyDraws)?,
			}
		}
		Draws::<T>::insert(id, draws);
		Ok(())
	}

	/// Repays the credit `draws` of settlement `id`, all in `asset`, from `released` of
	/// `asset`, lender by lender, lowering each draw by what it was repaid. A line no longer in
	/// `asset` (switched after its debt was repaid) is not repaid from it.
	fn repay_draws(
		id: SettlementId,
		buyer: &T::AccountId,
		asset: &AssetIdOf<T>,
		released: BalanceOf<T>,
		draws: &mut DrawsOf<T>,
	) {
		let mut left = released;
		for draw in draws.iter_mut().filter(|d| d.source == Source::Credit) {
			if left.is_zero() {
				break;
			}
			let Some(mut line) = CreditLines::<T>::get(buyer, &draw.from) else { continue };
			if line.asset != *asset {
				continue;
			}
			let amount = draw.amount.min(line.debt).min(left);
			if amount.is_zero() {
				continue;
			}
			let paid = T::Assets::transfer(
				asset.clone(),
				buyer,
				&draw.from,
				amount,
				Preservation::Preserve,
			);
			if let Err(error) = paid {
				// Still owed on the line, and said so: never dropped in silence.
				Self::deposit_event(Event::CreditRepaymentFailed {
					borrower: buyer.clone(),
					lender: draw.from.clone(),
					asset: asset.clone(),
					amount,
					settlement: id,
					error,
					debt: line.debt,
				});
				continue;
			}
			left = left.saturating_sub(amount);
			draw.amount = draw.amount.saturating_sub(amount);
			line.debt = line.debt.saturating_sub(amount);
			let debt = line.debt;
			// Only a release can fail here, and the hold is the line's own deposit.
			let _ = Self::store_line(buyer, &draw.from, line);
			Self::deposit_event(Event::CreditRepaid {
				borrower: buyer.clone(),
				lender: draw.from.clone(),
				asset: asset.clone(),
				amount,
				settlement: Some(id),
				debt,
			});
		}
	}

	/// Checks the pallet's invariants:
	/// - the counts of linked accounts and lenders match the stored links;
	/// - no closed credit line without debt is kept;
	/// - offers are for a positive limit, and no account offers to or links itself;
	/// - what each creator has held under [`HoldReason::LinkDeposit`] is the sum of the
	///   deposits of its offers and links;
	/// - every recorded draw gave something.
	#[cfg(any(feature = "try-runtime", feature = "std", test))]
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		use alloc::collections::btree_map::BTreeMap;
		use frame_support::traits::fungible::InspectHold;
		for (buyer, count) in LinkedCount::<T>::iter() {
			ensure!(
				Allowances::<T>::iter_prefix(&buyer).count() as u32 == count,
				"linked account count is off"
			);
		}
		ensure!(
			Allowances::<T>::iter_keys().all(|(b, _)| LinkedCount::<T>::get(&b) > 0),
			"a top-up link is not counted"
		);
		for (borrower, count) in LenderCount::<T>::iter() {
			ensure!(
				CreditLines::<T>::iter_prefix(&borrower).count() as u32 == count,
				"lender count is off"
			);
		}
		for (borrower, _, line) in CreditLines::<T>::iter() {
			ensure!(line.open || !line.debt.is_zero(), "a spent, closed line is kept");
			ensure!(LenderCount::<T>::get(&borrower) > 0, "a credit line is not counted");
		}
		let mut held: BTreeMap<T::AccountId, BalanceOf<T>> = BTreeMap::new();
		let mut add = |who: T::AccountId, deposit: BalanceOf<T>| {
			let sum = held.entry(who).or_insert_with(Zero::zero);
			*sum = sum.saturating_add(deposit);
		};
		for (buyer, creator, link) in Allowances::<T>::iter() {
			ensure!(buyer != creator, "an account is linked to itself");
			add(creator, link.deposit);
		}
		for (buyer, creator, line) in CreditLines::<T>::iter() {
			ensure!(buyer != creator, "an account lends to itself");
			add(creator, line.deposit);
		}
		for (buyer, creator, offer) in TopUpOffers::<T>::iter().chain(CreditOffers::<T>::iter()) {
			ensure!(buyer != creator, "an account offers to itself");
			ensure!(!offer.limit.is_zero(), "an offer of nothing is kept");
			add(creator, offer.deposit);
		}
		let reason: T::RuntimeHoldReason = HoldReason::LinkDeposit.into();
		for (creator, deposits) in held {
			ensure!(
				T::Currency::balance_on_hold(&reason, &creator) == deposits,
				"link deposits held differ from the offers' and links' deposits"
			);
		}
		for (_, draws) in Draws::<T>::iter() {
			ensure!(draws.iter().all(|d| !d.amount.is_zero()), "an empty draw is recorded");
		}
		Ok(())
	}
}

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
