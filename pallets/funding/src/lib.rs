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
//! asset and its limit.
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
//! | [`approve_top_up`](Pallet::approve_top_up) | linked account | offer top-ups of `asset` up to `limit`, lower a link's limit in its asset at once, or (0) revoke link and offer |
//! | [`open_credit_line`](Pallet::open_credit_line) | lender | offer a credit line of `limit` of `asset`, or lower an open line's limit in its asset at once |
//! | [`close_credit_line`](Pallet::close_credit_line) | lender | withdraw the offer; no new draws on the line; the debt stays until repaid |
//! | [`accept_top_up`](Pallet::accept_top_up) | buyer | accept a linked account's offer, naming its asset and limit |
//! | [`accept_credit_line`](Pallet::accept_credit_line) | borrower | accept a lender's offer, naming its asset and limit |
//! | [`decline_offer`](Pallet::decline_offer) | buyer | remove an offer made to you |
//! | [`remove_link`](Pallet::remove_link) | buyer | remove a link on which nothing is owed |
//! | [`repay`](Pallet::repay) | borrower | repay a lender in the line's asset, in part or in whole |
//!
//! ## Rules
//!
//! - **Consent.** An offer is drawn on only after the buyer accepts it. An acceptance names the
//!   asset and the limit it accepts; if the offer's asset or limit is another one (it changed in
//!   the meantime), the acceptance fails with [`Error::OfferChanged`] and nothing changes.
//! - **Changes.** A creator may lower its link's limit at once, in the link's own asset (for a
//!   credit line: an open one); this also withdraws its pending offer to that buyer. A higher
//!   limit, a limit in another asset, or reopening a closed credit line, is a new offer: until
//!   the buyer accepts it, the old limit and asset stand. Zero from a linked account revokes its
//!   link and its offer, whatever their asset.
//! - **Slots.** Only links count against [`Config::MaxLinked`] and [`Config::MaxLenders`];
//!   offers take no slot of the buyer's, so nobody else can fill them.
//! - **Deposits.** Each offer and each link holds [`Config::LinkDeposit`] from its creator, in
//!   the native token whatever the link's asset, under [`HoldReason::LinkDeposit`]: one deposit
//!   per offer or link, moved from the offer to the link on acceptance (a raise accepted into an
//!   existing link releases the offer's, unless the link had none). It is released when the
//!   offer or link goes. Links from before storage version 1 hold none (see [`migrations`]).
//! - **Removal.** The buyer may decline any offer and remove any link with nothing owed (a
//!   top-up link, or a credit line without debt). A lender's closed line goes, with its deposit,
//!   once its debt is repaid. A spent top-up link stays at zero until it is raised or removed.
//! - **Order.** A settlement is covered by the buyer's own free balance first, then by linked
//!   accounts, then by credit lines, all in the settlement's asset. Within each kind, sources
//!   are taken in storage order (the order of their accounts' key hashes), each as far as its
//!   allowance or free credit and its own free balance in the asset allow. An account that is
//!   both linked and a lender gives at most its free balance in all.
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
//! - **Refunds repay in the settlement's asset.** A credit line drawn for a settlement is repaid
//!   from its release only while the line is still in the settlement's asset.
//! - **Bounds.** At most [`Config::MaxLinked`] linked accounts and [`Config::MaxLenders`]
//!   lenders per buyer; at most [`Config::MaxDraws`] draws per settlement.
//!
//! ## Assets
//!
//! A settlement is paid in one asset: the native token or an asset of the runtime's assets
//! pallet (on escrow-chain `NativeOrWithId<u32>`, a stablecoin beside the native token). Every
//! offer and link names its asset ([`TopUp::asset`], [`CreditLine::asset`], [`Offer::asset`]),
//! and its limit, debt and draws are in it:
//!
//! - **Drawn only in its asset.** [`FundingSource::cover`] for a settlement in an asset draws
//!   only on links in that asset, moving it through [`Config::Assets`]; a link in the
//!   stablecoin is never drawn for a native settlement, nor a native one for a stablecoin
//!   settlement. The draws of one settlement are all in its asset, and so is the credit they
//!   repay on its release or close.
//! - **Owed in its asset.** A credit line's debt is in its asset; [`repay`](Pallet::repay)
//!   pays it in that asset.
//! - **One asset per pair.** Between two accounts there is at most one top-up link and one
//!   credit line (each with at most one pending offer). An offer in another asset than the
//!   existing link may be made at any time; accepted, its asset replaces the link's. A top-up
//!   link owes nothing and may switch at any acceptance; a credit line may switch only when
//!   nothing is owed on it, else the acceptance fails with [`Error::DebtOutstanding`].
//! - **Existing assets only.** An offer names an asset that exists
//!   ([`Error::UnknownAsset`]).
//! - **What stays native.** The deposits ([`Config::LinkDeposit`]), held through
//!   [`Config::Currency`], whatever the asset of the offer or link.
//! - **Before assets.** Storage version 2 added the asset; the links and offers stored before
//!   were all in the native token and were migrated to [`Config::NativeAsset`]
//!   ([`migrations::MigrateV1ToV2`]).
//!
//! ## Code
//!
//! This file tells the pallet's story: configuration, storage, events, errors and calls. Every
//! call delegates to a `do_*` function in the file named for what it does: `offers.rs` (links,
//! credit lines and the offers before them), `credit.rs` (drawing, repaying, closing a line);
//! `source.rs` implements [`FundingSource`] for the escrow pallet, `invariants.rs` holds
//! `try_state`, and `types.rs` the data it keeps.

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
mod credit;
mod invariants;
pub mod migrations;
mod offers;
mod source;
mod types;
pub mod weights;

// FRAME's pallet macros expand to `expect` in metadata and genesis code, so the pallet module
// allows it. The pallet's own logic is outside it (a file per capability), under the workspace lints in
// full.
#[allow(clippy::expect_used)]
#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::{
		pallet_prelude::*,
		traits::{
			fungible::{Inspect, Mutate, MutateHold},
			fungibles,
		},
	};
	use frame_system::pallet_prelude::*;
	use sp_runtime::traits::StaticLookup;

	/// The balance type of [`Config::Currency`].
	pub type BalanceOf<T> =
		<<T as Config>::Currency as Inspect<<T as frame_system::Config>::AccountId>>::Balance;
	/// The lookup source of an account id.
	pub type AccountIdLookupOf<T> = <<T as frame_system::Config>::Lookup as StaticLookup>::Source;

	/// An asset a link can be in: the native token or an asset of the runtime's assets pallet
	/// (`NativeOrWithId<u32>` on escrow-chain).
	pub type AssetIdOf<T> = <<T as Config>::Assets as fungibles::Inspect<
		<T as frame_system::Config>::AccountId,
	>>::AssetId;

	/// The storage version: 1 added deposits, offers and acceptance; 2 the asset of each offer
	/// and link (see [`migrations`]).
	pub const STORAGE_VERSION: StorageVersion = StorageVersion::new(2);

	/// The draws of one settlement.
	pub type DrawsOf<T> = BoundedVec<
		Draw<<T as frame_system::Config>::AccountId, BalanceOf<T>>,
		<T as Config>::MaxDraws,
	>;

	/// An offer as this runtime stores it.
	pub type OfferOf<T> = Offer<AssetIdOf<T>, BalanceOf<T>>;
	/// A top-up link as this runtime stores it.
	pub type TopUpOf<T> = TopUp<AssetIdOf<T>, BalanceOf<T>>;
	/// A credit line as this runtime stores it.
	pub type CreditLineOf<T> = CreditLine<AssetIdOf<T>, BalanceOf<T>>;

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// The overarching hold reason.
		type RuntimeHoldReason: From<HoldReason>;

		/// The native token, in which the link deposits are held.
		type Currency: Mutate<Self::AccountId>
			+ MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>;

		/// The native token and the assets in which top-ups, credit and repayments move: one
		/// `fungibles` trait, each offer and link naming its asset (on escrow-chain a
		/// `fungible::UnionOf` of the balances pallet and the assets pallet).
		type Assets: fungibles::Mutate<Self::AccountId, Balance = BalanceOf<Self>>;

		/// The native token as an asset of [`Config::Assets`]: what links and offers stored
		/// before assets are migrated to.
		type NativeAsset: Get<AssetIdOf<Self>>;

		/// Held from the creator of each offer and link, in the native token, released when it
		/// goes.
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

		/// What the benchmarks need from the runtime: the asset they draw in, and funds in it.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper<Self::AccountId, AssetIdOf<Self>, BalanceOf<Self>>;
	}

	/// Why this pallet holds funds.
	///
	/// The index is fixed: holds stored under it must read back after any upgrade.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// The deposit of an offer or a link, held from its creator.
		#[codec(index = 0)]
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
		TopUpOf<T>,
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
		CreditLineOf<T>,
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
		/// `creator` offered `buyer` top-ups or a credit line (`kind`) of up to `limit` of
		/// `asset`. Not drawn on until `buyer` accepts it.
		Offered {
			buyer: T::AccountId,
			creator: T::AccountId,
			kind: Source,
			asset: AssetIdOf<T>,
			limit: BalanceOf<T>,
		},
		/// `buyer` accepted `creator`'s offer of `limit` of `asset`: the link is drawn on from
		/// now, for settlements in `asset`.
		OfferAccepted {
			buyer: T::AccountId,
			creator: T::AccountId,
			kind: Source,
			asset: AssetIdOf<T>,
			limit: BalanceOf<T>,
		},
		/// `creator` withdrew its offer to `buyer`; its deposit was released.
		OfferWithdrawn { buyer: T::AccountId, creator: T::AccountId, kind: Source },
		/// `buyer` declined `creator`'s offer; the deposit was released.
		OfferDeclined { buyer: T::AccountId, creator: T::AccountId, kind: Source },
		/// `creator` lowered the limit of its link to `buyer` to `limit` of `asset`.
		LimitLowered {
			buyer: T::AccountId,
			creator: T::AccountId,
			kind: Source,
			asset: AssetIdOf<T>,
			limit: BalanceOf<T>,
		},
		/// `linked` revoked its top-up link to `buyer`; its deposit was released.
		TopUpRevoked { linked: T::AccountId, buyer: T::AccountId },
		/// `buyer` removed its link to `creator`; the deposit was released.
		LinkRemoved { buyer: T::AccountId, creator: T::AccountId, kind: Source },
		/// `lender` closed its credit line for `borrower` to new draws; `debt` of `asset` is
		/// still owed on it.
		CreditLineClosed {
			lender: T::AccountId,
			borrower: T::AccountId,
			asset: AssetIdOf<T>,
			debt: BalanceOf<T>,
		},
		/// A linked account topped up a buyer with `amount` of `asset` for a settlement
		/// [claim 2].
		ToppedUp {
			settlement: SettlementId,
			buyer: T::AccountId,
			from: T::AccountId,
			asset: AssetIdOf<T>,
			amount: BalanceOf<T>,
		},
		/// `amount` of `asset` of a lender's credit was drawn for a settlement [claim 3].
		CreditDrawn {
			settlement: SettlementId,
			borrower: T::AccountId,
			lender: T::AccountId,
			asset: AssetIdOf<T>,
			amount: BalanceOf<T>,
			/// The borrower's debt to the lender after the draw.
			debt: BalanceOf<T>,
		},
		/// A borrower repaid a lender `amount` of `asset`: by a call, or from a settlement's
		/// refund (`settlement`).
		CreditRepaid {
			borrower: T::AccountId,
			lender: T::AccountId,
			asset: AssetIdOf<T>,
			amount: BalanceOf<T>,
			settlement: Option<SettlementId>,
			/// The debt left.
			debt: BalanceOf<T>,
		},
		/// A settlement's release could not repay `amount` to the lender (its asset frozen, an
		/// account blocked, the borrower's balance spent). Nothing moved: the debt stays on the
		/// credit line, owed, and the borrower repays it with `repay`.
		CreditRepaymentFailed {
			borrower: T::AccountId,
			lender: T::AccountId,
			asset: AssetIdOf<T>,
			amount: BalanceOf<T>,
			settlement: SettlementId,
			error: DispatchError,
			/// The debt still owed.
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
		/// The offer's asset or limit is not the one you accepted: it changed. Nothing was
		/// accepted; read the offer again and accept its current asset and limit if you agree
		/// to them.
		OfferChanged,
		/// Something is still owed on this credit line: it cannot be removed, nor switched to
		/// another asset by accepting an offer in it. Repay the debt (`repay`) first.
		DebtOutstanding,
		/// Your free balance cannot cover the deposit (`LinkDeposit`) an offer holds: add
		/// funds and try again.
		CannotHoldDeposit,
		/// The asset does not exist on this chain: offer in the native token or in an asset
		/// that exists.
		UnknownAsset,
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
		/// Offer `buyer` top-ups of `asset` from your account, up to `limit` in all, drawn when
		/// it opens a settlement in `asset` without enough free balance [claim 2], once it
		/// accepts the offer. On an accepted link in `asset`, a limit no higher than the link's
		/// lowers it at once (and withdraws a pending offer); a higher one, or one in another
		/// asset, is an offer the buyer must accept. Zero revokes the link and the offer,
		/// whatever their asset (`asset` is then not looked at). A new offer holds
		/// [`Config::LinkDeposit`] from you, in the native token.
		///
		/// Signed by the linked account. Complexity: O(1).
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::approve_top_up())]
		pub fn approve_top_up(
			origin: OriginFor<T>,
			buyer: AccountIdLookupOf<T>,
			asset: AssetIdOf<T>,
			#[pallet::compact] limit: BalanceOf<T>,
		) -> DispatchResult {
			let linked = ensure_signed(origin)?;
			Self::do_approve_top_up(linked, buyer, asset, limit)
		}

		/// Offer `borrower` a credit line of `limit` of `asset` [claim 3], drawn on for
		/// settlements in `asset` once it accepts the offer; draws are recorded as the
		/// borrower's debt to you, in `asset`. On an open line in `asset`, a limit no higher
		/// than the line's lowers it at once (and withdraws a pending offer); a higher one, one
		/// for a closed line, or one in another asset, is an offer the borrower must accept
		/// (an offer in another asset can be accepted only once nothing is owed on the line). A
		/// new offer holds [`Config::LinkDeposit`] from you, in the native token.
		///
		/// Signed by the lender. Complexity: O(1).
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::open_credit_line())]
		pub fn open_credit_line(
			origin: OriginFor<T>,
			borrower: AccountIdLookupOf<T>,
			asset: AssetIdOf<T>,
			#[pallet::compact] limit: BalanceOf<T>,
		) -> DispatchResult {
			let lender = ensure_signed(origin)?;
			Self::do_open_credit_line(lender, borrower, asset, limit)
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
			Self::do_close_credit_line(lender, borrower)
		}

		/// Repay `amount` of your debt to `lender`, at most the debt, in the line's asset.
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
			Self::do_repay(borrower, lender, amount)
		}

		/// Accept `linked`'s offer of top-ups of `asset` up to `limit`: from now on it is drawn
		/// on when you are short in a settlement in `asset`. `asset` and `limit` must be the
		/// offer's, else [`Error::OfferChanged`]. Accepted into an existing link, it sets that
		/// link's limit, and its asset if the offer is in another one.
		///
		/// Signed by the buyer. Complexity: O(1).
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::accept_top_up())]
		pub fn accept_top_up(
			origin: OriginFor<T>,
			linked: AccountIdLookupOf<T>,
			asset: AssetIdOf<T>,
			#[pallet::compact] limit: BalanceOf<T>,
		) -> DispatchResult {
			let buyer = ensure_signed(origin)?;
			Self::do_accept_top_up(buyer, linked, asset, limit)
		}

		/// Accept `lender`'s offer of a credit line of `limit` of `asset`: from now on it is
		/// drawn on when you are short in a settlement in `asset`, as your debt to the lender
		/// in `asset`. `asset` and `limit` must be the offer's, else [`Error::OfferChanged`].
		/// Accepted into an existing line, it sets that line's limit and reopens it; an offer in
		/// another asset than the line's switches the line to it, only if nothing is owed on it
		/// (else [`Error::DebtOutstanding`]).
		///
		/// Signed by the borrower. Complexity: O(1).
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::accept_credit_line())]
		pub fn accept_credit_line(
			origin: OriginFor<T>,
			lender: AccountIdLookupOf<T>,
			asset: AssetIdOf<T>,
			#[pallet::compact] limit: BalanceOf<T>,
		) -> DispatchResult {
			let borrower = ensure_signed(origin)?;
			Self::do_accept_credit_line(borrower, lender, asset, limit)
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
			Self::do_remove_link(buyer, creator, kind)
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
			Self::do_decline_offer(buyer, creator, kind)
		}
	}
}
