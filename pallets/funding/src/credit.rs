//! Drawing and repaying: planning and drawing the cover of a buyer's shortfall (linked
//! accounts first, then credit lines), repaying credit from what a hold releases, closing a
//! credit line and repaying it by hand. The calls are in `lib.rs`; their logic is here.

use crate::*;
use frame_support::{
	pallet_prelude::*,
	traits::{
		fungibles::{self, Inspect as _, Mutate as _},
		tokens::{Fortitude, Preservation},
	},
};
use sp_runtime::traits::{Saturating, StaticLookup, Zero};

impl<T: Config> Pallet<T> {
	pub(crate) fn do_close_credit_line(
		lender: T::AccountId,
		borrower: AccountIdLookupOf<T>,
	) -> DispatchResult {
		let borrower = T::Lookup::lookup(borrower)?;
		let line = CreditLines::<T>::get(&borrower, &lender);
		ensure!(
			line.is_some() || CreditOffers::<T>::contains_key(&borrower, &lender),
			Error::<T>::NoCreditLine
		);
		Self::withdraw_offer(&borrower, &lender, Source::Credit)?;
		if let Some(mut line) = line {
			line.open = false;
			let (asset, debt) = (line.asset.clone(), line.debt);
			Self::store_line(&borrower, &lender, line)?;
			Self::deposit_event(Event::CreditLineClosed { lender, borrower, asset, debt });
		}
		Ok(())
	}

	pub(crate) fn do_repay(
		borrower: T::AccountId,
		lender: AccountIdLookupOf<T>,
		amount: BalanceOf<T>,
	) -> DispatchResult {
		let lender = T::Lookup::lookup(lender)?;
		ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
		let mut line = CreditLines::<T>::get(&borrower, &lender).ok_or(Error::<T>::NoCreditLine)?;
		ensure!(amount <= line.debt, Error::<T>::AboveDebt);
		let asset = line.asset.clone();
		<T::Assets as fungibles::Mutate<_>>::transfer(
			asset.clone(),
			&borrower,
			&lender,
			amount,
			Preservation::Preserve,
		)?;
		line.debt = line.debt.saturating_sub(amount);
		let debt = line.debt;
		Self::store_line(&borrower, &lender, line)?;
		Self::deposit_event(Event::CreditRepaid {
			borrower,
			lender,
			asset,
			amount,
			settlement: None,
			debt,
		});
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
	pub(crate) fn draw(
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
	pub(crate) fn repay_draws(
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
}
