//! The pallet's invariants (`try_state`): deposits, links, credit lines and draws agree.

use crate::*;
use frame_support::pallet_prelude::*;
use sp_runtime::traits::{Saturating, Zero};

impl<T: Config> Pallet<T> {
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
