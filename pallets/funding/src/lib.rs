//! # Funding
//!
//! Top-ups from a buyer's linked accounts and credit lines from lenders, drawn when a buyer
//! opens an escrow settlement without enough free balance.
//!
//! ## Overview
//!
//! The patent's wallet tops the payment address up from the buyer's other accounts when it is
//! short (claim 2), or asks a loan device for credit against the store order (claim 3). Here
//! both happen inside the escrow pallet's `open_settlement`, in the same transaction, through
//! [`pallet_escrow::FundingSource`], which this pallet implements. Nobody's funds move without
//! their prior consent: a linked account approves top-ups for one buyer up to a limit; a
//! lender opens a credit line for one borrower up to a limit.
//!
//! ## Terms
//!
//! | patent | here |
//! |---|---|
//! | the buyer's other wallet accounts | a *linked account*: one that called [`approve_top_up`](Pallet::approve_top_up) for the buyer |
//! | loan device | a *lender*: one that called [`open_credit_line`](Pallet::open_credit_line) for the buyer |
//! | the loan | [`CreditLine::debt`]: the borrower's debt to the lender |
//!
//! ## Calls
//!
//! | call | who | what |
//! |---|---|---|
//! | [`approve_top_up`](Pallet::approve_top_up) | linked account | let a buyer draw top-ups up to `limit` (0 revokes) |
//! | [`open_credit_line`](Pallet::open_credit_line) | lender | open or change a credit line for a borrower |
//! | [`close_credit_line`](Pallet::close_credit_line) | lender | no new draws; the debt stays until repaid |
//! | [`repay`](Pallet::repay) | borrower | repay a lender, in part or in whole |
//!
//! ## Rules
//!
//! - **Order.** A settlement is covered by the buyer's own free balance first, then by linked
//!   accounts, then by credit lines. Within each kind, sources are taken in storage order (the
//!   order of their accounts' key hashes), each as far as its allowance or free credit and its
//!   own free balance allow.
//! - **All or nothing.** If the sources together cannot cover the whole shortfall, nothing is
//!   drawn and opening the settlement fails with `InsufficientBalance`.
//! - **Records.** The draws of each open settlement are kept ([`Draws`]) and announced in
//!   events ([`Event::ToppedUp`], [`Event::CreditDrawn`]). A top-up lowers the allowance by what
//!   it drew; a credit draw raises the borrower's debt to the lender.
//! - **Refunds repay credit first.** When a settlement closes, what its hold releases to the
//!   buyer (all of it on a cancellation or refund; the rest after a lower payment) repays the
//!   credit drawn for it first, lender by lender.
//! - **Bounds.** At most [`Config::MaxLinked`] linked accounts and [`Config::MaxLenders`]
//!   lenders per buyer; at most [`Config::MaxDraws`] draws per settlement.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;
pub use weights::WeightInfo;

#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
pub mod weights;

// FRAME's pallet macros expand to `expect` in metadata and genesis code; the hook before a
// commit checks our own code for it.
#[allow(clippy::expect_used)]
#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
	use frame_support::{
		pallet_prelude::*,
		traits::{
			fungible::{Inspect, Mutate},
			tokens::{Fortitude, Preservation},
		},
	};
	use frame_system::pallet_prelude::*;
	use pallet_escrow::{FundingSource, SettlementId};
	use scale_info::TypeInfo;
	use sp_runtime::traits::{Saturating, StaticLookup, Zero};

	/// The balance type of [`Config::Currency`].
	pub type BalanceOf<T> =
		<<T as Config>::Currency as Inspect<<T as frame_system::Config>::AccountId>>::Balance;
	/// The lookup source of an account id.
	pub type AccountIdLookupOf<T> = <<T as frame_system::Config>::Lookup as StaticLookup>::Source;

	/// A lender's credit line for one borrower.
	#[derive(
		Clone,
		Copy,
		Encode,
		Decode,
		DecodeWithMemTracking,
		Eq,
		PartialEq,
		Debug,
		TypeInfo,
		MaxEncodedLen,
		Default,
	)]
	pub struct CreditLine<Balance> {
		/// The most the borrower may owe the lender through new draws.
		pub limit: Balance,
		/// What the borrower owes the lender now.
		pub debt: Balance,
		/// Whether new draws are allowed.
		pub open: bool,
	}

	/// Where a draw came from.
	#[derive(
		Clone,
		Copy,
		Encode,
		Decode,
		DecodeWithMemTracking,
		Eq,
		PartialEq,
		Debug,
		TypeInfo,
		MaxEncodedLen,
	)]
	pub enum Source {
		/// A linked account's top-up.
		Linked,
		/// A lender's credit.
		Credit,
	}

	/// One draw for a settlement.
	#[derive(
		Clone, Encode, Decode, DecodeWithMemTracking, Eq, PartialEq, Debug, TypeInfo, MaxEncodedLen,
	)]
	pub struct Draw<AccountId, Balance> {
		/// The linked account or lender.
		pub from: AccountId,
		/// Which kind of source.
		pub source: Source,
		/// How much it gave.
		pub amount: Balance,
	}

	/// The draws of one settlement.
	pub type DrawsOf<T> = BoundedVec<
		Draw<<T as frame_system::Config>::AccountId, BalanceOf<T>>,
		<T as Config>::MaxDraws,
	>;

	#[pallet::pallet]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// The currency in which top-ups and credit are paid.
		type Currency: Mutate<Self::AccountId>;

		/// The most linked accounts one buyer may have.
		#[pallet::constant]
		type MaxLinked: Get<u32>;

		/// The most lenders one borrower may have.
		#[pallet::constant]
		type MaxLenders: Get<u32>;

		/// The most draws one settlement may record.
		#[pallet::constant]
		type MaxDraws: Get<u32>;

		/// Weights of this pallet's calls and of its part in opening and closing settlements.
		type WeightInfo: WeightInfo;
	}

	/// Top-up allowances: `(buyer, linked account) -> what the buyer may still draw`.
	#[pallet::storage]
	pub type Allowances<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		T::AccountId,
		Blake2_128Concat,
		T::AccountId,
		BalanceOf<T>,
	>;

	/// How many linked accounts each buyer has.
	#[pallet::storage]
	pub type LinkedCount<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, u32, ValueQuery>;

	/// Credit lines: `(borrower, lender) -> line`.
	#[pallet::storage]
	pub type CreditLines<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		T::AccountId,
		Blake2_128Concat,
		T::AccountId,
		CreditLine<BalanceOf<T>>,
	>;

	/// How many lenders each borrower has.
	#[pallet::storage]
	pub type LenderCount<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, u32, ValueQuery>;

	/// The draws of each open settlement that drew any.
	#[pallet::storage]
	pub type Draws<T: Config> = StorageMap<_, Twox64Concat, SettlementId, DrawsOf<T>>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// `linked` lets `buyer` draw top-ups of up to `limit` (zero: revoked).
		TopUpApproved { linked: T::AccountId, buyer: T::AccountId, limit: BalanceOf<T> },
		/// `lender` opened or changed a credit line of `limit` for `borrower`.
		CreditLineOpened { lender: T::AccountId, borrower: T::AccountId, limit: BalanceOf<T> },
		/// `lender` closed its credit line for `borrower` to new draws.
		CreditLineClosed { lender: T::AccountId, borrower: T::AccountId, debt: BalanceOf<T> },
		/// A linked account topped up a buyer for a settlement [claim 2].
		ToppedUp {
			settlement: SettlementId,
			buyer: T::AccountId,
			from: T::AccountId,
			amount: BalanceOf<T>,
		},
		/// A lender's credit was drawn for a settlement [claim 3].
		CreditDrawn {
			settlement: SettlementId,
			borrower: T::AccountId,
			lender: T::AccountId,
			amount: BalanceOf<T>,
			/// The borrower's debt to the lender after the draw.
			debt: BalanceOf<T>,
		},
		/// A borrower repaid a lender: by a call, or from a settlement's refund (`settlement`).
		CreditRepaid {
			borrower: T::AccountId,
			lender: T::AccountId,
			amount: BalanceOf<T>,
			settlement: Option<SettlementId>,
			/// The debt left.
			debt: BalanceOf<T>,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// An account cannot fund itself.
		OwnAccount,
		/// The buyer already has `MaxLinked` linked accounts.
		TooManyLinked,
		/// The borrower already has `MaxLenders` lenders.
		TooManyLenders,
		/// There is no credit line between these accounts.
		NoCreditLine,
		/// The amount is zero.
		ZeroAmount,
		/// The repayment is above the debt.
		AboveDebt,
		/// The sources cannot cover the whole shortfall; nothing was drawn.
		ShortfallNotCovered,
		/// The settlement already records `MaxDraws` draws.
		TooManyDraws,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		#[cfg(feature = "try-runtime")]
		fn try_state(_: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Let `buyer` draw top-ups from your account, up to `limit` in all, when opening a
		/// settlement without enough free balance [claim 2]. Replaces an earlier limit; zero
		/// revokes the approval.
		///
		/// Signed by the linked account. Complexity: O(1).
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::approve_top_up())]
		pub fn approve_top_up(
			origin: OriginFor<T>,
			buyer: AccountIdLookupOf<T>,
			#[pallet::compact] limit: BalanceOf<T>,
		) -> DispatchResult {
			let linked = ensure_signed(origin)?;
			let buyer = T::Lookup::lookup(buyer)?;
			ensure!(linked != buyer, Error::<T>::OwnAccount);
			Self::set_allowance(&buyer, &linked, limit)?;
			Self::deposit_event(Event::TopUpApproved { linked, buyer, limit });
			Ok(())
		}

		/// Open a credit line of `limit` for `borrower`, or change its limit and reopen it
		/// [claim 3]. Draws are recorded as the borrower's debt to you.
		///
		/// Signed by the lender. Complexity: O(1).
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::open_credit_line())]
		pub fn open_credit_line(
			origin: OriginFor<T>,
			borrower: AccountIdLookupOf<T>,
			#[pallet::compact] limit: BalanceOf<T>,
		) -> DispatchResult {
			let lender = ensure_signed(origin)?;
			let borrower = T::Lookup::lookup(borrower)?;
			ensure!(lender != borrower, Error::<T>::OwnAccount);
			ensure!(!limit.is_zero(), Error::<T>::ZeroAmount);
			if !CreditLines::<T>::contains_key(&borrower, &lender) {
				let count = LenderCount::<T>::get(&borrower);
				ensure!(count < T::MaxLenders::get(), Error::<T>::TooManyLenders);
				LenderCount::<T>::insert(&borrower, count.saturating_add(1));
			}
			CreditLines::<T>::mutate(&borrower, &lender, |line| {
				let line = line.get_or_insert_with(Default::default);
				line.limit = limit;
				line.open = true;
			});
			Self::deposit_event(Event::CreditLineOpened { lender, borrower, limit });
			Ok(())
		}

		/// Close your credit line for `borrower` to new draws. Its debt stays until repaid; a
		/// line without debt is removed.
		///
		/// Signed by the lender. Complexity: O(1).
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::close_credit_line())]
		pub fn close_credit_line(
			origin: OriginFor<T>,
			borrower: AccountIdLookupOf<T>,
		) -> DispatchResult {
			let lender = ensure_signed(origin)?;
			let borrower = T::Lookup::lookup(borrower)?;
			let mut line =
				CreditLines::<T>::get(&borrower, &lender).ok_or(Error::<T>::NoCreditLine)?;
			line.open = false;
			let debt = line.debt;
			Self::store_line(&borrower, &lender, line);
			Self::deposit_event(Event::CreditLineClosed { lender, borrower, debt });
			Ok(())
		}

		/// Repay `amount` of your debt to `lender`, at most the debt.
		///
		/// Signed by the borrower. Complexity: O(1).
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::repay())]
		pub fn repay(
			origin: OriginFor<T>,
			lender: AccountIdLookupOf<T>,
			#[pallet::compact] amount: BalanceOf<T>,
		) -> DispatchResult {
			let borrower = ensure_signed(origin)?;
			let lender = T::Lookup::lookup(lender)?;
			ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
			let mut line =
				CreditLines::<T>::get(&borrower, &lender).ok_or(Error::<T>::NoCreditLine)?;
			ensure!(amount <= line.debt, Error::<T>::AboveDebt);
			T::Currency::transfer(&borrower, &lender, amount, Preservation::Preserve)?;
			line.debt = line.debt.saturating_sub(amount);
			let debt = line.debt;
			Self::store_line(&borrower, &lender, line);
			Self::deposit_event(Event::CreditRepaid {
				borrower,
				lender,
				amount,
				settlement: None,
				debt,
			});
			Ok(())
		}
	}

	impl<T: Config> Pallet<T> {
		fn set_allowance(
			buyer: &T::AccountId,
			linked: &T::AccountId,
			limit: BalanceOf<T>,
		) -> DispatchResult {
			let exists = Allowances::<T>::contains_key(buyer, linked);
			let count = LinkedCount::<T>::get(buyer);
			match (exists, limit.is_zero()) {
				(false, false) => {
					ensure!(count < T::MaxLinked::get(), Error::<T>::TooManyLinked);
					LinkedCount::<T>::insert(buyer, count.saturating_add(1));
					Allowances::<T>::insert(buyer, linked, limit);
				}
				(true, false) => Allowances::<T>::insert(buyer, linked, limit),
				(true, true) => {
					Allowances::<T>::remove(buyer, linked);
					LinkedCount::<T>::insert(buyer, count.saturating_sub(1));
				}
				(false, true) => {}
			}
			Ok(())
		}

		/// Stores `line`, or removes it (and its count) once closed without debt.
		fn store_line(
			borrower: &T::AccountId,
			lender: &T::AccountId,
			line: CreditLine<BalanceOf<T>>,
		) {
			if !line.open && line.debt.is_zero() {
				CreditLines::<T>::remove(borrower, lender);
				LenderCount::<T>::mutate(borrower, |c| *c = c.saturating_sub(1));
			} else {
				CreditLines::<T>::insert(borrower, lender, line);
			}
		}

		/// What `from` can give without falling below its existential deposit.
		fn spendable(from: &T::AccountId) -> BalanceOf<T> {
			T::Currency::reducible_balance(from, Preservation::Preserve, Fortitude::Polite)
		}

		/// Plans the draws that cover `shortfall`: linked accounts first, then open credit
		/// lines. `None` if they cannot cover all of it.
		fn plan(buyer: &T::AccountId, shortfall: BalanceOf<T>) -> Option<DrawsOf<T>> {
			let mut left = shortfall;
			let mut plan = DrawsOf::<T>::default();
			let linked = Allowances::<T>::iter_prefix(buyer)
				.map(|(from, allowance)| (from, Source::Linked, allowance));
			let credit = CreditLines::<T>::iter_prefix(buyer)
				.filter(|(_, line)| line.open)
				.map(|(from, line)| (from, Source::Credit, line.limit.saturating_sub(line.debt)));
			for (from, source, available) in linked.chain(credit) {
				if left.is_zero() {
					break;
				}
				let amount = available.min(Self::spendable(&from)).min(left);
				if amount.is_zero() {
					continue;
				}
				plan.try_push(Draw { from, source, amount }).ok()?;
				left = left.saturating_sub(amount);
			}
			left.is_zero().then_some(plan)
		}

		/// Checks the pallet's invariants:
		/// - the counts of linked accounts and lenders match the stored approvals and lines;
		/// - no closed credit line without debt is kept;
		/// - every recorded draw gave something.
		#[cfg(any(feature = "try-runtime", feature = "std", test))]
		pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
			for (buyer, count) in LinkedCount::<T>::iter() {
				ensure!(
					Allowances::<T>::iter_prefix(&buyer).count() as u32 == count,
					"linked account count is off"
				);
			}
			ensure!(
				Allowances::<T>::iter_keys().all(|(b, _)| LinkedCount::<T>::get(&b) > 0),
				"an approval is not counted"
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
			for (_, draws) in Draws::<T>::iter() {
				ensure!(draws.iter().all(|d| !d.amount.is_zero()), "an empty draw is recorded");
			}
			Ok(())
		}
	}

	impl<T: Config> FundingSource<T::AccountId, BalanceOf<T>> for Pallet<T> {
		fn cover(
			id: SettlementId,
			buyer: &T::AccountId,
			shortfall: BalanceOf<T>,
		) -> DispatchResult {
			let plan = Self::plan(buyer, shortfall).ok_or(Error::<T>::ShortfallNotCovered)?;
			let mut draws = Draws::<T>::get(id).unwrap_or_default();
			for draw in plan {
				T::Currency::transfer(&draw.from, buyer, draw.amount, Preservation::Preserve)?;
				match draw.source {
					Source::Linked => {
						let left = Allowances::<T>::get(buyer, &draw.from)
							.unwrap_or_default()
							.saturating_sub(draw.amount);
						Self::set_allowance(buyer, &draw.from, left)?;
						Self::deposit_event(Event::ToppedUp {
							settlement: id,
							buyer: buyer.clone(),
							from: draw.from.clone(),
							amount: draw.amount,
						});
					}
					Source::Credit => {
						let mut line = CreditLines::<T>::get(buyer, &draw.from)
							.ok_or(Error::<T>::NoCreditLine)?;
						line.debt = line.debt.saturating_add(draw.amount);
						let debt = line.debt;
						CreditLines::<T>::insert(buyer, &draw.from, line);
						Self::deposit_event(Event::CreditDrawn {
							settlement: id,
							borrower: buyer.clone(),
							lender: draw.from.clone(),
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

		fn on_close(id: SettlementId, buyer: &T::AccountId, released: BalanceOf<T>) -> Weight {
			// Most settlements draw on nothing: then this is one read.
			let Some(draws) = Draws::<T>::take(id) else { return T::DbWeight::get().reads(1) };
			let mut left = released;
			for draw in draws.into_iter().filter(|d| d.source == Source::Credit) {
				let Some(mut line) = CreditLines::<T>::get(buyer, &draw.from) else { continue };
				let amount = draw.amount.min(line.debt).min(left);
				if amount.is_zero()
					|| T::Currency::transfer(buyer, &draw.from, amount, Preservation::Preserve)
						.is_err()
				{
					continue;
				}
				left = left.saturating_sub(amount);
				line.debt = line.debt.saturating_sub(amount);
				let debt = line.debt;
				Self::store_line(buyer, &draw.from, line);
				Self::deposit_event(Event::CreditRepaid {
					borrower: buyer.clone(),
					lender: draw.from,
					amount,
					settlement: Some(id),
					debt,
				});
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
}
