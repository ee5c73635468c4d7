//! Benchmarks of `pallet-funding`, each at its worst case: a buyer with the most linked
//! accounts and lenders, a shortfall that draws on every one of them, and a closing settlement
//! that repays every lender it drew on.

#![cfg(feature = "runtime-benchmarks")]

use super::*;
use crate::Pallet as Funding;
use frame_benchmarking::v2::*;
use frame_support::traits::{
	fungible::{Inspect, Mutate},
	Get,
};
use frame_system::RawOrigin;
use pallet_escrow::{FundingSource, SettlementId};
use sp_runtime::traits::{Saturating, StaticLookup, Zero};

const SETTLEMENT: SettlementId = 7;

fn funded<T: Config>(name: &'static str, index: u32) -> T::AccountId {
	let who: T::AccountId = account(name, index, 0);
	T::Currency::set_balance(
		&who,
		T::Currency::minimum_balance().saturating_mul(1_000_000u32.into()),
	);
	who
}

/// What each source gives in the benchmarks.
fn share<T: Config>() -> BalanceOf<T> {
	T::Currency::minimum_balance().saturating_mul(100u32.into())
}

fn lookup<T: Config>(who: &T::AccountId) -> AccountIdLookupOf<T> {
	T::Lookup::unlookup(who.clone())
}

/// `n` linked accounts approved for `buyer`, each for [`share`].
fn link<T: Config>(buyer: &T::AccountId, n: u32) {
	for i in 0..n {
		let linked = funded::<T>("linked", i);
		let approved = Funding::<T>::approve_top_up(
			RawOrigin::Signed(linked).into(),
			lookup::<T>(buyer),
			share::<T>(),
		);
		assert!(approved.is_ok());
	}
}

/// `n` open credit lines for `buyer`, each with a limit of [`share`].
fn lend<T: Config>(buyer: &T::AccountId, n: u32) -> alloc::vec::Vec<T::AccountId> {
	(0..n)
		.map(|i| {
			let lender = funded::<T>("lender", i);
			let opened = Funding::<T>::open_credit_line(
				RawOrigin::Signed(lender.clone()).into(),
				lookup::<T>(buyer),
				share::<T>(),
			);
			assert!(opened.is_ok());
			lender
		})
		.collect()
}

/// A buyer whose [`SETTLEMENT`] drew [`share`] on credit from each of the most lenders.
fn in_debt<T: Config>() -> (T::AccountId, alloc::vec::Vec<T::AccountId>) {
	let buyer = funded::<T>("buyer", 0);
	let lenders = lend::<T>(&buyer, T::MaxLenders::get());
	let all = share::<T>().saturating_mul(T::MaxLenders::get().into());
	assert!(<Funding<T> as FundingSource<_, _>>::cover(SETTLEMENT, &buyer, all).is_ok());
	(buyer, lenders)
}

#[benchmarks]
mod benchmarks {
	use super::*;

	/// A new approval, next to the most others.
	#[benchmark]
	fn approve_top_up() {
		let buyer = funded::<T>("buyer", 0);
		link::<T>(&buyer, T::MaxLinked::get().saturating_sub(1));
		let linked = funded::<T>("new linked", 0);
		#[extrinsic_call]
		_(RawOrigin::Signed(linked.clone()), lookup::<T>(&buyer), share::<T>());
		assert_eq!(Allowances::<T>::get(&buyer, &linked), Some(share::<T>()));
		assert_eq!(LinkedCount::<T>::get(&buyer), T::MaxLinked::get());
	}

	/// A new credit line, next to the most others.
	#[benchmark]
	fn open_credit_line() {
		let buyer = funded::<T>("buyer", 0);
		lend::<T>(&buyer, T::MaxLenders::get().saturating_sub(1));
		let lender = funded::<T>("new lender", 0);
		#[extrinsic_call]
		_(RawOrigin::Signed(lender.clone()), lookup::<T>(&buyer), share::<T>());
		assert!(CreditLines::<T>::get(&buyer, &lender).is_some_and(|l| l.open));
		assert_eq!(LenderCount::<T>::get(&buyer), T::MaxLenders::get());
	}

	/// A line without debt: closing removes it.
	#[benchmark]
	fn close_credit_line() {
		let buyer = funded::<T>("buyer", 0);
		let lenders = lend::<T>(&buyer, 1);
		let lender = lenders.first().cloned().unwrap_or_else(|| account("lender", 0, 0));
		#[extrinsic_call]
		_(RawOrigin::Signed(lender.clone()), lookup::<T>(&buyer));
		assert!(CreditLines::<T>::get(&buyer, &lender).is_none());
	}

	/// Repaying a closed line in full: the payment, then the line removed.
	#[benchmark]
	fn repay() {
		let (buyer, lenders) = in_debt::<T>();
		let lender = lenders.first().cloned().unwrap_or_else(|| account("lender", 0, 0));
		assert!(Funding::<T>::close_credit_line(
			RawOrigin::Signed(lender.clone()).into(),
			lookup::<T>(&buyer)
		)
		.is_ok());
		#[extrinsic_call]
		_(RawOrigin::Signed(buyer.clone()), lookup::<T>(&lender), share::<T>());
		assert!(CreditLines::<T>::get(&buyer, &lender).is_none());
	}

	/// A shortfall that takes every linked account's allowance and every lender's limit.
	#[benchmark]
	fn cover() {
		let buyer = funded::<T>("buyer", 0);
		link::<T>(&buyer, T::MaxLinked::get());
		lend::<T>(&buyer, T::MaxLenders::get());
		let sources = T::MaxLinked::get().saturating_add(T::MaxLenders::get());
		let shortfall = share::<T>().saturating_mul(sources.into());
		#[block]
		{
			assert!(
				<Funding<T> as FundingSource<_, _>>::cover(SETTLEMENT, &buyer, shortfall).is_ok()
			);
		}
		assert_eq!(Draws::<T>::get(SETTLEMENT).map(|d| d.len() as u32), Some(sources));
	}

	/// A closing settlement that repays every lender it drew on.
	#[benchmark]
	fn on_close() {
		let (buyer, lenders) = in_debt::<T>();
		let released = share::<T>().saturating_mul(T::MaxLenders::get().into());
		#[block]
		{
			<Funding<T> as FundingSource<_, _>>::on_close(SETTLEMENT, &buyer, released);
		}
		for lender in lenders {
			assert!(CreditLines::<T>::get(&buyer, &lender).is_some_and(|l| l.debt.is_zero()));
		}
	}

	impl_benchmark_test_suite!(Funding, crate::mock::bench_ext(), crate::mock::Test);
}
