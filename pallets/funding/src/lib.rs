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
//! [`FundingSource`] (of `escrow-primitives`), which this pallet implements. Nobody's funds
//! move and nobody owes anything without their prior consent: a linked account *offers*
//! top-ups to one buyer up to a limit, a lender *offers* a credit line to one borrower up to a
//! limit, and either is drawn on only once the buyer has *accepted* that offer, naming its
//! limit.
//!
//! ## Terms
//!
//! | patent | here |
//! |---|---|
//! | the buyer's other wallet accounts | a *linked account*: one whose top-up offer ([`approve_top_up`](Pallet::approve_top_up)) the buyer accepted ([`accept_top_up`](Pallet::accept_top_up)) |
//! | loan device | a *lender*: one whose credit-line offer ([`open_credit_line`](Pallet::open_credit_line)) the borrower accepted ([`accept_credit_line`](Pallet::accept_credit_line)) |
//! | the loan | [`CreditLine::debt`]: the borrower's debt to the lender |
//!
//! An *offer* ([`TopUpOffers`], [`CreditOffers`]) is made by its *creator* (the linked account
//! or the lender) and is never drawn on. A *link* ([`Allowances`], [`CreditLines`]) is an
//! accepted offer; only links are drawn on.
//!
//! ## Calls
//!
//! | call | who | what |
//! |---|---|---|
//! | [`approve_top_up`](Pallet::approve_top_up) | linked account | offer top-ups up to `limit`, lower a link's limit at once, or (0) revoke link and offer |
//! | [`open_credit_line`](Pallet::open_credit_line) | lender | offer a credit line of `limit`, or lower an open line's limit at once |
//! | [`close_credit_line`](Pallet::close_credit_line) | lender | withdraw the offer; no new draws on the line; the debt stays until repaid |
//! | [`accept_top_up`](Pallet::accept_top_up) | buyer | accept a linked account's offer, naming its limit |
//! | [`accept_credit_line`](Pallet::accept_credit_line) | borrower | accept a lender's offer, naming its limit |
//! | [`decline_offer`](Pallet::decline_offer) | buyer | remove an offer made to you |
//! | [`remove_link`](Pallet::remove_link) | buyer | remove a link on which nothing is owed |
//! | [`repay`](Pallet::repay) | borrower | repay a lender, in part or in whole |
//!
//! ## Rules
//!
//! - **Consent.** An offer is drawn on only after the buyer accepts it. An acceptance names the
//!   limit it accepts; if the offer's limit is another one (it changed in the meantime), the
//!   acceptance fails with [`Error::OfferChanged`] and nothing changes.
//! - **Changes.** A creator may lower its link's limit at once (for a credit line: an open
//!   one); this also withdraws its pending offer to that buyer. A higher limit, or reopening a
//!   closed credit line, is a new offer: until the buyer accepts it, the old limit stands.
//!   Zero from a linked account revokes its link and its offer.
//! - **Slots.** Only links count against [`Config::MaxLinked`] and [`Config::MaxLenders`];
//!   offers take no slot of the buyer's, so nobody else can fill them.
//! - **Deposits.** Each offer and each link holds [`Config::LinkDeposit`] from its creator
//!   under [`HoldReason::LinkDeposit`]: one deposit per offer or link, moved from the offer to
//!   the link on acceptance (a raise accepted into an existing link releases the offer's, unless
//!   the link had none). It is released when the offer or link goes. Links from before storage
//!   version 1 hold none (see [`migrations`]).
//! - **Removal.** The buyer may decline any offer and remove any link with nothing owed (a
//!   top-up link, or a credit line without debt). A lender's closed line goes, with its deposit,
//!   once its debt is repaid. A spent top-up link stays at zero until it is raised or removed.
//! - **Order.** A settlement is covered by the buyer's own free balance first, then by linked
//!   accounts, then by credit lines. Within each kind, sources are taken in storage order (the
//!   order of their accounts' key hashes), each as far as its allowance or free credit and its
//!   own free balance allow. An account that is both linked and a lender gives at most its
//!   free balance in all.
//! - **All or nothing.** If the sources together cannot cover the whole shortfall, nothing is
//!   drawn and opening the settlement fails with `InsufficientBalance`. A draw that fails midway
//!   undoes the draws before it.
//! - **Records.** The draws of each open settlement are kept ([`Draws`]) and announced in
//!   events ([`Event::ToppedUp`], [`Event::CreditDrawn`]). A top-up lowers the allowance by what
//!   it drew; a credit draw raises the borrower's debt to the lender.
//! - **Refunds repay credit first.** What a settlement's hold releases to the buyer repays the
//!   credit drawn for it first, lender by lender: on the close (all of it on a cancellation or
//!   refund; the rest after a lower payment), and before it when the buyer lowers the amount,
//!   which also lowers the recorded draws by what they were repaid.
//! - **Bounds.** At most [`Config::MaxLinked`] linked accounts and [`Config::MaxLenders`]
//!   lenders per buyer; at most [`Config::MaxDraws`] draws per settlement.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use escrow_primitives::{FundingSource, SettlementId};
pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod impls;
pub mod migrations;
mod types;
pub mod weights;

// FRAME's pallet macros expand to `expect` in metadata and genesis code, so the pallet module
// allows it. The pallet's own logic is outside it (`impls.rs`), under the workspace lints in
// full.
#[allow(clippy::expect_used)]
#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::{
		pallet_prelude::*,
		traits::{
			fungible::{Inspect, Mutate, MutateHold},
			tokens::Preservation,
		},
	};
	use frame_system::pallet_prelude::*;
	use sp_runtime::traits::{Saturating, StaticLookup, Zero};

	/// The balance type of [`Config::Currency`].
	pub type BalanceOf<T> =
		<<T as Config>::Currency as Inspect<<T as frame_system::Config>::AccountId>>::Balance;
	/// The lookup source of an account id.
	pub type AccountIdLookupOf<T> = <<T as frame_system::Config>::Lookup as StaticLookup>::Source;

	/// The storage version: 1 added deposits, offers and acceptance.
	pub const STORAGE_VERSION: StorageVersion = StorageVersion::new(1);

	/// The draws of one settlement.
	pub type DrawsOf<T> = BoundedVec<
		Draw<<T as frame_system::Config>::AccountId, BalanceOf<T>>,
		<T as Config>::MaxDraws,
	>;

	/// An offer in this pallet's balance.
	pub type OfferOf<T> = Offer<BalanceOf<T>>;

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// The overarching hold reason.
		type RuntimeHoldReason: From<HoldReason>;

		/// The currency in which top-ups, credit and deposits are paid.
		type Currency: Mutate<Self::AccountId>
			+ MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>;

		/// Held from the creator of each offer and link, released when it goes.
		#[pallet::constant]
		type LinkDeposit: Get<BalanceOf<Self>>;

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

	/// Why this pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// The deposit of an offer or a link, held from its creator.
		LinkDeposit,
	}

	/// Accepted top-up links: `(buyer, linked account) -> link`.
	#[pallet::storage]
	pub type Allowances<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		T::AccountId,
		Blake2_128Concat,
		T::AccountId,
		TopUp<BalanceOf<T>>,
	>;

	/// How many linked accounts each buyer has.
	#[pallet::storage]
	pub type LinkedCount<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, u32, ValueQuery>;

	/// Accepted credit lines: `(borrower, lender) -> line`.
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

	/// Top-up offers not yet accepted: `(buyer, linked account) -> offer`.
	#[pallet::storage]
	pub type TopUpOffers<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		T::AccountId,
		Blake2_128Concat,
		T::AccountId,
		OfferOf<T>,
	>;

	/// Credit-line offers not yet accepted: `(borrower, lender) -> offer`.
	#[pallet::storage]
	pub type CreditOffers<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		T::AccountId,
		Blake2_128Concat,
		T::AccountId,
		OfferOf<T>,
	>;

	/// The draws of each open settlement that drew any.
	#[pallet::storage]
	pub type Draws<T: Config> = StorageMap<_, Twox64Concat, SettlementId, DrawsOf<T>>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// `creator` offered `buyer` top-ups or a credit line (`kind`) of up to `limit`. Not
		/// drawn on until `buyer` accepts it.
		Offered { buyer: T::AccountId, creator: T::AccountId, kind: Source, limit: BalanceOf<T> },
		/// `buyer` accepted `creator`'s offer of `limit`: the link is drawn on from now.
		OfferAccepted {
			buyer: T::AccountId,
			creator: T::AccountId,
			kind: Source,
			limit: BalanceOf<T>,
		},
		/// `creator` withdrew its offer to `buyer`; its deposit was released.
		OfferWithdrawn { buyer: T::AccountId, creator: T::AccountId, kind: Source },
		/// `buyer` declined `creator`'s offer; the deposit was released.
		OfferDeclined { buyer: T::AccountId, creator: T::AccountId, kind: Source },
		/// `creator` lowered the limit of its link to `buyer` to `limit`.
		LimitLowered {
			buyer: T::AccountId,
			creator: T::AccountId,
			kind: Source,
			limit: BalanceOf<T>,
		},
		/// `linked` revoked its top-up link to `buyer`; its deposit was released.
		TopUpRevoked { linked: T::AccountId, buyer: T::AccountId },
		/// `buyer` removed its link to `creator`; the deposit was released.
		LinkRemoved { buyer: T::AccountId, creator: T::AccountId, kind: Source },
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
		/// An account cannot fund itself: name another account.
		OwnAccount,
		/// The buyer already has `MaxLinked` linked accounts: remove one (`remove_link`)
		/// before accepting another.
		TooManyLinked,
		/// The borrower already has `MaxLenders` lenders: remove a line without debt
		/// (`remove_link`) before accepting another.
		TooManyLenders,
		/// There is no credit line (nor, for `close_credit_line`, an offer) between these
		/// accounts: check the accounts.
		NoCreditLine,
		/// The amount or limit is zero: name a positive one (`close_credit_line` withdraws a
		/// credit offer).
		ZeroAmount,
		/// The repayment is above the debt: repay at most the debt.
		AboveDebt,
		/// The accepted sources cannot cover the whole shortfall; nothing was drawn. The buyer
		/// adds to its own balance, or accepts another or a higher offer.
		ShortfallNotCovered,
		/// The settlement already records `MaxDraws` draws; nothing was drawn. Add to the
		/// buyer's own balance instead.
		TooManyDraws,
		/// There is no top-up link or offer between these accounts: nothing to revoke or
		/// remove. Check the accounts.
		NotLinked,
		/// There is no offer of this kind from this account to you: check the account and the
		/// kind, or ask for the offer first.
		NoOffer,
		/// The offer's limit is not the one you accepted: it changed. Nothing was accepted;
		/// read the offer again and accept its current limit if you agree to it.
		OfferChanged,
		/// You still owe on this credit line: repay the debt (`repay`) before removing it.
		DebtOutstanding,
		/// Your free balance cannot cover the deposit (`LinkDeposit`) an offer holds: add
		/// funds and try again.
		CannotHoldDeposit,
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
		/// Offer `buyer` top-ups from your account, up to `limit` in all, drawn when it opens
		/// a settlement without enough free balance [claim 2], once it accepts the offer. On an
		/// accepted link, a limit no higher than the link's lowers it at once (and withdraws a
		/// pending offer); a higher one is an offer the buyer must accept. Zero revokes the link
		/// and the offer. A new offer holds [`Config::LinkDeposit`] from you.
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
				Some(mut link) if limit <= link.limit => {
					link.limit = limit;
					Allowances::<T>::insert(&buyer, &linked, link);
					Self::withdraw_offer(&buyer, &linked, Source::Linked)?;
					Self::deposit_event(Event::LimitLowered {
						buyer,
						creator: linked,
						kind: Source::Linked,
						limit,
					});
				}
				_ => Self::offer(&buyer, &linked, Source::Linked, limit)?,
			}
			Ok(())
		}

		/// Offer `borrower` a credit line of `limit` [claim 3], drawn on once it accepts the
		/// offer; draws are recorded as the borrower's debt to you. On an open line, a limit no
		/// higher than the line's lowers it at once (and withdraws a pending offer); a higher
		/// one, or one for a closed line, is an offer the borrower must accept. A new offer
		/// holds [`Config::LinkDeposit`] from you.
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
			match CreditLines::<T>::get(&borrower, &lender) {
				Some(mut line) if line.open && limit <= line.limit => {
					line.limit = limit;
					CreditLines::<T>::insert(&borrower, &lender, line);
					Self::withdraw_offer(&borrower, &lender, Source::Credit)?;
					Self::deposit_event(Event::LimitLowered {
						buyer: borrower,
						creator: lender,
						kind: Source::Credit,
						limit,
					});
				}
				_ => Self::offer(&borrower, &lender, Source::Credit, limit)?,
			}
			Ok(())
		}

		/// Withdraw your credit-line offer to `borrower`, and close your credit line for it to
		/// new draws. Its debt stays until repaid; a line without debt is removed, and its
		/// deposit released.
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
			let line = CreditLines::<T>::get(&borrower, &lender);
			ensure!(
				line.is_some() || CreditOffers::<T>::contains_key(&borrower, &lender),
				Error::<T>::NoCreditLine
			);
			Self::withdraw_offer(&borrower, &lender, Source::Credit)?;
			if let Some(mut line) = line {
				line.open = false;
				let debt = line.debt;
				Self::store_line(&borrower, &lender, line)?;
				Self::deposit_event(Event::CreditLineClosed { lender, borrower, debt });
			}
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
			Self::store_line(&borrower, &lender, line)?;
			Self::deposit_event(Event::CreditRepaid {
				borrower,
				lender,
				amount,
				settlement: None,
				debt,
			});
			Ok(())
		}

		/// Accept `linked`'s offer of top-ups up to `limit`: from now on it is drawn on when
		/// you are short. `limit` must be the offer's limit, else [`Error::OfferChanged`].
		/// Accepted into an existing link, it sets that link's limit.
		///
		/// Signed by the buyer. Complexity: O(1).
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::accept_top_up())]
		pub fn accept_top_up(
			origin: OriginFor<T>,
			linked: AccountIdLookupOf<T>,
			#[pallet::compact] limit: BalanceOf<T>,
		) -> DispatchResult {
			let buyer = ensure_signed(origin)?;
			let linked = T::Lookup::lookup(linked)?;
			let offer = TopUpOffers::<T>::get(&buyer, &linked).ok_or(Error::<T>::NoOffer)?;
			ensure!(offer.limit == limit, Error::<T>::OfferChanged);
			TopUpOffers::<T>::remove(&buyer, &linked);
			let link = match Allowances::<T>::get(&buyer, &linked) {
				Some(link) => TopUp {
					limit,
					deposit: Self::merge_deposit(&linked, link.deposit, offer.deposit)?,
				},
				None => {
					let count = LinkedCount::<T>::get(&buyer);
					ensure!(count < T::MaxLinked::get(), Error::<T>::TooManyLinked);
					LinkedCount::<T>::insert(&buyer, count.saturating_add(1));
					TopUp { limit, deposit: offer.deposit }
				}
			};
			Allowances::<T>::insert(&buyer, &linked, link);
			Self::deposit_event(Event::OfferAccepted {
				buyer,
				creator: linked,
				kind: Source::Linked,
				limit,
			});
			Ok(())
		}

		/// Accept `lender`'s offer of a credit line of `limit`: from now on it is drawn on when
		/// you are short, as your debt to the lender. `limit` must be the offer's limit, else
		/// [`Error::OfferChanged`]. Accepted into an existing line, it sets that line's limit
		/// and reopens it.
		///
		/// Signed by the borrower. Complexity: O(1).
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::accept_credit_line())]
		pub fn accept_credit_line(
			origin: OriginFor<T>,
			lender: AccountIdLookupOf<T>,
			#[pallet::compact] limit: BalanceOf<T>,
		) -> DispatchResult {
			let borrower = ensure_signed(origin)?;
			let lender = T::Lookup::lookup(lender)?;
			let offer = CreditOffers::<T>::get(&borrower, &lender).ok_or(Error::<T>::NoOffer)?;
			ensure!(offer.limit == limit, Error::<T>::OfferChanged);
			CreditOffers::<T>::remove(&borrower, &lender);
			let line = match CreditLines::<T>::get(&borrower, &lender) {
				Some(line) => CreditLine {
					limit,
					open: true,
					deposit: Self::merge_deposit(&lender, line.deposit, offer.deposit)?,
					..line
				},
				None => {
					let count = LenderCount::<T>::get(&borrower);
					ensure!(count < T::MaxLenders::get(), Error::<T>::TooManyLenders);
					LenderCount::<T>::insert(&borrower, count.saturating_add(1));
					CreditLine { limit, debt: Zero::zero(), open: true, deposit: offer.deposit }
				}
			};
			CreditLines::<T>::insert(&borrower, &lender, line);
			Self::deposit_event(Event::OfferAccepted {
				buyer: borrower,
				creator: lender,
				kind: Source::Credit,
				limit,
			});
			Ok(())
		}

		/// Remove your link of kind `kind` to `creator` (your linked account or lender). A
		/// credit line can be removed only without debt. The creator's deposit is released.
		///
		/// Signed by the buyer. Complexity: O(1).
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::remove_link())]
		pub fn remove_link(
			origin: OriginFor<T>,
			creator: AccountIdLookupOf<T>,
			kind: Source,
		) -> DispatchResult {
			let buyer = ensure_signed(origin)?;
			let creator = T::Lookup::lookup(creator)?;
			let deposit = match kind {
				Source::Linked => {
					let link =
						Allowances::<T>::take(&buyer, &creator).ok_or(Error::<T>::NotLinked)?;
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

		/// Decline `creator`'s offer of kind `kind` made to you. Its deposit is released.
		///
		/// Signed by the buyer. Complexity: O(1).
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::decline_offer())]
		pub fn decline_offer(
			origin: OriginFor<T>,
			creator: AccountIdLookupOf<T>,
			kind: Source,
		) -> DispatchResult {
			let buyer = ensure_signed(origin)?;
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
	}
}
