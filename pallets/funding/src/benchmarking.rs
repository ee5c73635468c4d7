//! Benchmarks of `pallet-funding`, each at its worst case: a buyer with the most linked
//! accounts and lenders, a shortfall that draws on every one of them, a closing settlement
//! that repays every lender it drew on, and calls that release the most deposits. Links are in
//! [`BenchmarkHelper::asset`]: on escrow-chain the stablecoin, whose transfers (in
//! `pallet-assets`) cost more than the native token's. Deposits are held in the native token.

#![cfg(feature = "runtime-benchmarks")]

use super::*;
use crate::Pallet as Funding;
use frame_benchmarking::v2::*;
use frame_support::traits::{
	fungible::{Inspect, InspectHold, Mutate},
	fungibles::Inspect as _,
	Get,
};
use frame_system::RawOrigin;
use sp_runtime::traits::{Saturating, StaticLookup, Zero};

const SETTLEMENT: SettlementId = 7;

/// An account with enough of the native token for its deposits, and a million times the
/// minimum balance of the benchmarks' asset.
fn funded<T: Config>(name: &'static str, index: u32) -> T::AccountId {
	let who: T::AccountId = account(name, index, 0);
	T::Currency::set_balance(
		&who,
		T::Currency::minimum_balance()
			.saturating_mul(1_000_000u32.into())
			.saturating_add(T::LinkDeposit::get().saturating_mul(10u32.into())),
	);
	T::BenchmarkHelper::fund(&who, min::<T>().saturating_mul(1_000_000u32.into()));
	who
}

/// The asset the benchmarks link and draw in.
fn asset<T: Config>() -> AssetIdOf<T> {
	T::BenchmarkHelper::asset()
}

/// The minimum balance of the benchmarks' asset.
fn min<T: Config>() -> BalanceOf<T> {
	T::Assets::minimum_balance(asset::<T>())
}

/// What each source gives in the benchmarks, in their asset.
fn share<T: Config>() -> BalanceOf<T> {
	min::<T>().saturating_mul(100u32.into())
}

fn lookup<T: Config>(who: &T::AccountId) -> AccountIdLookupOf<T> {
	T::Lookup::unlookup(who.clone())
}

/// What `who` holds as link deposits.
fn held<T: Config>(who: &T::AccountId) -> BalanceOf<T> {
	T::Currency::balance_on_hold(&HoldReason::LinkDeposit.into(), who)
}

/// `linked` offers `buyer` top-ups up to `limit`.
fn offer_top_up<T: Config>(linked: &T::AccountId, buyer: &T::AccountId, limit: BalanceOf<T>) {
	let offered = Funding::<T>::approve_top_up(
		RawOrigin::Signed(linked.clone()).into(),
		lookup::<T>(buyer),
		asset::<T>(),
		limit,
	);
	assert!(offered.is_ok());
}

/// `lender` offers `borrower` a credit line of `limit`.
fn offer_credit<T: Config>(lender: &T::AccountId, borrower: &T::AccountId, limit: BalanceOf<T>) {
	let offered = Funding::<T>::open_credit_line(
		RawOrigin::Signed(lender.clone()).into(),
		lookup::<T>(borrower),
		asset::<T>(),
		limit,
	);
	assert!(offered.is_ok());
}

/// `n` linked accounts accepted by `buyer`, each for [`share`].
fn link<T: Config>(buyer: &T::AccountId, n: u32) -> alloc::vec::Vec<T::AccountId> {
	(0..n)
		.map(|i| {
			let linked = funded::<T>("linked", i);
			offer_top_up::<T>(&linked, buyer, share::<T>());
			let accepted = Funding::<T>::accept_top_up(
				RawOrigin::Signed(buyer.clone()).into(),
				lookup::<T>(&linked),
				asset::<T>(),
				share::<T>(),
			);
			assert!(accepted.is_ok());
			linked
		})
		.collect()
}

/// `n` open credit lines accepted by `buyer`, each with a limit of [`share`].
fn lend<T: Config>(buyer: &T::AccountId, n: u32) -> alloc::vec::Vec<T::AccountId> {
	(0..n)
		.map(|i| {
			let lender = funded::<T>("lender", i);
			offer_credit::<T>(&lender, buyer, share::<T>());
			let accepted = Funding::<T>::accept_credit_line(
				RawOrigin::Signed(buyer.clone()).into(),
				lookup::<T>(&lender),
				asset::<T>(),
				share::<T>(),
			);
			assert!(accepted.is_ok());
			lender
		})
		.collect()
}

/// The last of `accounts`.
fn last<T: Config>(accounts: &[T::AccountId], name: &'static str) -> T::AccountId {
	accounts.last().cloned().unwrap_or_else(|| account(name, 0, 0))
}

/// A buyer whose [`SETTLEMENT`] drew [`share`] on credit from each of the most lenders.
fn in_debt<T: Config>() -> (T::AccountId, alloc::vec::Vec<T::AccountId>) {
	let buyer = funded::<T>("buyer", 0);
	let lenders = lend::<T>(&buyer, T::MaxLenders::get());
	let all = share::<T>().saturating_mul(T::MaxLenders::get().into());
	let cover = <Funding<T> as FundingSource<_, _, _>>::cover;
	assert!(cover(SETTLEMENT, &buyer, &asset::<T>(), all).is_ok());
	(buyer, lenders)
}

#[benchmarks]
mod benchmarks {
	use super::*;

	/// Revoking an accepted link that also has a raise offered: both deposits released, the
	/// link uncounted, next to the most other links.
	#[benchmark]
	fn approve_top_up() {
		let buyer = funded::<T>("buyer", 0);
		let linked = last::<T>(&link::<T>(&buyer, T::MaxLinked::get()), "linked");
		offer_top_up::<T>(&linked, &buyer, share::<T>().saturating_mul(2u32.into()));
		#[extrinsic_call]
		_(RawOrigin::Signed(linked.clone()), lookup::<T>(&buyer), asset::<T>(), Zero::zero());
		assert!(Allowances::<T>::get(&buyer, &linked).is_none());
		assert!(TopUpOffers::<T>::get(&buyer, &linked).is_none());
		assert!(held::<T>(&linked).is_zero());
		assert_eq!(LinkedCount::<T>::get(&buyer), T::MaxLinked::get().saturating_sub(1));
	}

	/// Lowering an open line's limit at once, which withdraws a pending raise and releases its
	/// deposit.
	#[benchmark]
	fn open_credit_line() {
		let buyer = funded::<T>("buyer", 0);
		let lender = last::<T>(&lend::<T>(&buyer, T::MaxLenders::get()), "lender");
		offer_credit::<T>(&lender, &buyer, share::<T>().saturating_mul(2u32.into()));
		let lower = share::<T>().saturating_sub(1u32.into());
		#[extrinsic_call]
		_(RawOrigin::Signed(lender.clone()), lookup::<T>(&buyer), asset::<T>(), lower);
		assert_eq!(CreditLines::<T>::get(&buyer, &lender).map(|l| l.limit), Some(lower));
		assert!(CreditOffers::<T>::get(&buyer, &lender).is_none());
	}

	/// A line without debt and a pending raise: closing withdraws the offer and removes the
	/// line, releasing both deposits.
	#[benchmark]
	fn close_credit_line() {
		let buyer = funded::<T>("buyer", 0);
		let lender = last::<T>(&lend::<T>(&buyer, T::MaxLenders::get()), "lender");
		offer_credit::<T>(&lender, &buyer, share::<T>().saturating_mul(2u32.into()));
		#[extrinsic_call]
		_(RawOrigin::Signed(lender.clone()), lookup::<T>(&buyer));
		assert!(CreditLines::<T>::get(&buyer, &lender).is_none());
		assert!(CreditOffers::<T>::get(&buyer, &lender).is_none());
		assert!(held::<T>(&lender).is_zero());
	}

	/// Repaying a closed line in full: the payment, then the line removed and its deposit
	/// released.
	#[benchmark]
	fn repay() {
		let (buyer, lenders) = in_debt::<T>();
		let lender = last::<T>(&lenders, "lender");
		assert!(Funding::<T>::close_credit_line(
			RawOrigin::Signed(lender.clone()).into(),
			lookup::<T>(&buyer)
		)
		.is_ok());
		#[extrinsic_call]
		_(RawOrigin::Signed(buyer.clone()), lookup::<T>(&lender), share::<T>());
		assert!(CreditLines::<T>::get(&buyer, &lender).is_none());
		assert!(held::<T>(&lender).is_zero());
	}

	/// A shortfall that takes every linked account's allowance and every lender's limit.
	#[benchmark]
	fn cover() {
		let buyer = funded::<T>("buyer", 0);
		link::<T>(&buyer, T::MaxLinked::get());
		lend::<T>(&buyer, T::MaxLenders::get());
		let sources = T::MaxLinked::get().saturating_add(T::MaxLenders::get());
		let shortfall = share::<T>().saturating_mul(sources.into());
		let asset = asset::<T>();
		#[block]
		{
			assert!(<Funding<T> as FundingSource<_, _, _>>::cover(
				SETTLEMENT, &buyer, &asset, shortfall
			)
			.is_ok());
		}
		assert_eq!(Draws::<T>::get(SETTLEMENT).map(|d| d.len() as u32), Some(sources));
	}

	/// A closing settlement that repays every lender it drew on; each line was closed, so it
	/// goes with its deposit.
	#[benchmark]
	fn on_close() {
		let (buyer, lenders) = in_debt::<T>();
		for lender in &lenders {
			assert!(Funding::<T>::close_credit_line(
				RawOrigin::Signed(lender.clone()).into(),
				lookup::<T>(&buyer)
			)
			.is_ok());
		}
		let released = share::<T>().saturating_mul(T::MaxLenders::get().into());
		let asset = asset::<T>();
		#[block]
		{
			<Funding<T> as FundingSource<_, _, _>>::on_close(SETTLEMENT, &buyer, &asset, released);
		}
		for lender in lenders {
			assert!(CreditLines::<T>::get(&buyer, &lender).is_none());
			assert!(held::<T>(&lender).is_zero());
		}
		assert_eq!(LenderCount::<T>::get(&buyer), 0);
	}

	/// A raise accepted into an existing link: the offer's deposit released, next to the most
	/// other links.
	#[benchmark]
	fn accept_top_up() {
		let buyer = funded::<T>("buyer", 0);
		let linked = last::<T>(&link::<T>(&buyer, T::MaxLinked::get()), "linked");
		let raised = share::<T>().saturating_mul(2u32.into());
		offer_top_up::<T>(&linked, &buyer, raised);
		#[extrinsic_call]
		_(RawOrigin::Signed(buyer.clone()), lookup::<T>(&linked), asset::<T>(), raised);
		assert_eq!(Allowances::<T>::get(&buyer, &linked).map(|l| l.limit), Some(raised));
		assert!(TopUpOffers::<T>::get(&buyer, &linked).is_none());
		assert_eq!(held::<T>(&linked), T::LinkDeposit::get());
	}

	/// A raise accepted into an existing line: the offer's deposit released, next to the most
	/// other lines.
	#[benchmark]
	fn accept_credit_line() {
		let buyer = funded::<T>("buyer", 0);
		let lender = last::<T>(&lend::<T>(&buyer, T::MaxLenders::get()), "lender");
		let raised = share::<T>().saturating_mul(2u32.into());
		offer_credit::<T>(&lender, &buyer, raised);
		#[extrinsic_call]
		_(RawOrigin::Signed(buyer.clone()), lookup::<T>(&lender), asset::<T>(), raised);
		assert_eq!(CreditLines::<T>::get(&buyer, &lender).map(|l| l.limit), Some(raised));
		assert!(CreditOffers::<T>::get(&buyer, &lender).is_none());
		assert_eq!(held::<T>(&lender), T::LinkDeposit::get());
	}

	/// Removing a credit line without debt: the line uncounted, its deposit released.
	#[benchmark]
	fn remove_link() {
		let buyer = funded::<T>("buyer", 0);
		let lender = last::<T>(&lend::<T>(&buyer, T::MaxLenders::get()), "lender");
		#[extrinsic_call]
		_(RawOrigin::Signed(buyer.clone()), lookup::<T>(&lender), Source::Credit);
		assert!(CreditLines::<T>::get(&buyer, &lender).is_none());
		assert!(held::<T>(&lender).is_zero());
		assert_eq!(LenderCount::<T>::get(&buyer), T::MaxLenders::get().saturating_sub(1));
	}

	/// Declining a credit-line offer: its deposit released.
	#[benchmark]
	fn decline_offer() {
		let buyer = funded::<T>("buyer", 0);
		let lender = funded::<T>("lender", 0);
		offer_credit::<T>(&lender, &buyer, share::<T>());
		#[extrinsic_call]
		_(RawOrigin::Signed(buyer.clone()), lookup::<T>(&lender), Source::Credit);
		assert!(CreditOffers::<T>::get(&buyer, &lender).is_none());
		assert!(held::<T>(&lender).is_zero());
	}

	impl_benchmark_test_suite!(
		Funding,
		crate::mock::ExtBuilder::default().build(),
		crate::mock::Test
	);
}
