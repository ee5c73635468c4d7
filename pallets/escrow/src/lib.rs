//! # Escrow
//!
//! C2C settlement orders: a buyer's payment for a store order is held in the buyer's own account,
//! paid to the store when the buyer confirms receipt, and paid by the chain itself when the
//! confirmation deadline passes.
//!
//! ## Overview
//!
//! This pallet is the patent's *transaction device* (CN116485397A, steps S201–S206 and claim 5).
//! A buyer opens a settlement for a store order in an asset the store accepts (the chain's token
//! or a stablecoin); the amount is **held** (not transferred) in the buyer's account, in that
//! asset, under [`HoldReason::Payment`]. The store accepts the payment and ships
//! through its own pallet (`pallet-store-orders` on escrow-chain), which reports both here
//! through [`SettlementProvider`]. Shipping starts the confirmation timer. The buyer then
//! confirms receipt and the payout moves from the hold to the payee in one step; if the buyer
//! does not, the chain pays the payee in `on_initialize` of the deadline block.
//!
//! ## Terms
//!
//! | patent | here |
//! |---|---|
//! | C2C settlement order | [`Settlement`], numbered by [`SettlementId`] |
//! | C2C settlement order number | [`SettlementId`], assigned by the chain |
//! | store order number | `(StoreId, order_no)`: the store's own number, bounded bytes |
//! | store order information snapshot | [`SnapshotHash`], a 32-byte hash of the order document |
//! | legal digital currency (S103) | the settlement's asset: [`Settlement::asset`], the native token or an asset of the runtime's assets pallet |
//! | freezing the available balance (S203) | a hold under [`HoldReason::Payment`], in the settlement's asset |
//! | payment record number | [`PaymentRecordId`]; the record is a [`PaymentRecord`] |
//! | settlement time-limit rule | [`Settlement::time_limit`]: blocks to confirm after shipping |
//! | transaction status paid (S204) | [`SettlementStatus::AwaitingAcceptance`]: held, waiting for the store to accept |
//! | transaction status completed (S206) | [`SettlementStatus::Completed`] |
//!
//! ## Calls
//!
//! | call | who | what | patent |
//! |---|---|---|---|
//! | [`open_settlement`](Pallet::open_settlement) | buyer | hold the amount, or update the open settlement of the same store order | S201–S204 |
//! | [`confirm_receipt`](Pallet::confirm_receipt) | buyer | pay the payee from the hold, release the rest | S205–S206, S107–S108 |
//! | [`cancel`](Pallet::cancel) | buyer | release the whole hold, before acceptance or after the ship-by limit | |
//! | [`refund`](Pallet::refund) | store | release the whole hold to the buyer, any time before completion (also during a dispute) | |
//! | [`extend_deadline`](Pallet::extend_deadline) | buyer | move the deadline by [`Config::ExtensionPeriod`] | |
//! | [`propose_deduction`](Pallet::propose_deduction) | buyer or store | propose paying less than the order amount | S107 |
//! | [`accept_deduction`](Pallet::accept_deduction) | the other side | agree the proposed payout, named in the call | S107 |
//! | [`open_dispute`](Pallet::open_dispute) | buyer or store | stop the timer; hold the dispute deposit | S107 |
//! | [`add_evidence`](Pallet::add_evidence) | buyer or store | attach an evidence hash | |
//! | [`propose_split`](Pallet::propose_split) | buyer or store | propose what the payee gets | |
//! | [`accept_split`](Pallet::accept_split) | the other side | settle the dispute at once, at the payout named in the call | |
//! | [`resolve_dispute`](Pallet::resolve_dispute) | [`Config::ArbiterOrigin`] | split the hold, or send it back to its timer | |
//! | [`request_refund`](Pallet::request_refund) | buyer | ask for all or part of the hold back; the timer stops | after-sales |
//! | [`grant_refund`](Pallet::grant_refund) | store | give the requested part back now, named in the call | after-sales |
//! | [`grant_refund_with_return`](Pallet::grant_refund_with_return) | store | grant it once the goods come back | after-sales |
//! | [`refuse_refund`](Pallet::refuse_refund) | store | refuse a request (or a shipped return): nothing is refunded; a dispute opens with its claim when the store can open one | after-sales |
//! | [`mark_returned`](Pallet::mark_returned) | buyer | the goods are on their way back, with the return's carrier reference | after-sales |
//! | [`confirm_return`](Pallet::confirm_return) | store | the goods are back: the refund is made | after-sales |
//! | [`partial_refund`](Pallet::partial_refund) | store | give part of the order back on its own; what it is owed falls by it | after-sales |
//!
//! "Store" (in the code `Party::Payee`, and `NotPayee` in errors) is the store's owner or its
//! *current* payout account ([`StoreDirectory::acts_for`]): a shop often keeps its payout key
//! offline, and a payout account the store replaced acts for it no more, on any settlement.
//! Payouts still go to the account the accepted settlement names.
//!
//! The store's acceptance (S301–S302) and shipping (S303) are not calls of this pallet: the
//! store side reports them through [`SettlementProvider::accept`] (naming the amount, the
//! snapshot and the time-limit rule it accepts: [`Error::TermsChanged`] if the buyer changed
//! one since) and
//! [`SettlementProvider::ship`], after checking that the caller owns the store. When a
//! settlement closes, [`Config::Observer`] is told, so the store order can complete (S304–S305).
//!
//! ## Rules
//!
//! - **One asset per settlement.** A settlement is paid in the asset it names when it opens:
//!   the native token or an asset of [`Config::Assets`] that the store accepts
//!   ([`StoreDirectory::accepts`], else [`Error::AssetNotAccepted`]) and that the chain has a
//!   rate for ([`Config::AssetRate`], else [`Error::AssetNotSupported`]). Its hold, its
//!   deposits, its payout, its refunds, its funding and its payment record are all in that
//!   asset, through the one `fungibles` trait: there is no second code path per currency. The
//!   deposits are set in the native token and held in the settlement's asset at the rate; a
//!   buyer who holds only a stablecoin can therefore open, confirm, dispute and be refunded
//!   with nothing else (on escrow-chain its fees are paid in the stablecoin too). The asset
//!   never changes ([`Error::AssetChanged`]).
//! - **A payout always lands.** A payee that does not exist yet must be able to receive the
//!   payment in its asset (at least the asset's minimum balance, in an asset that can create
//!   accounts): otherwise the settlement is refused when it opens, and an acceptance for less
//!   than it can receive is refused too ([`Error::PayeeCannotReceive`]), so a payout can never
//!   vanish or fail for ever.
//! - **Only the rules move money.** A hold is moved only by its own settlement's rules: the
//!   buyer's confirmation, the deadline, the buyer's cancellation, the payee's refund. Every
//!   call checks everything first; a failed call changes nothing.
//! - **Update in place** (S202). Opening again for the same `(buyer, store, order_no)` while the
//!   settlement is open and not shipped updates it (same id): the hold grows or shrinks to the
//!   new amount and the new snapshot replaces the old. Once the store has accepted, the terms
//!   it accepted are fixed: the amount may only rise; payee, snapshot and time-limit rule stay.
//! - **A marketplace's commission.** When a settlement opens, it records the commission its
//!   store owes a marketplace then ([`StoreDirectory::commission`]: the marketplace, the rate
//!   in basis points, the fee account; [`Settlement::commission`]). When the store accepts
//!   it, the commission keeps at most what the store owes that marketplace at that moment:
//!   none if the store left it, the lower rate if it was lowered. From acceptance on, no
//!   change of the store's marketplace or of its rate touches it. Every payout to the store
//!   (confirmation, deadline, agreed deduction, agreed split, ruling, the rest after a partial
//!   refund or a grant) sends the rate of what is paid, rounded down, from the hold to the fee
//!   account, and the rest to the payee, in the same step and in the settlement's asset
//!   ([`Event::CommissionPaid`]); nothing is taken on what goes back to the buyer. A
//!   commission the fee account cannot receive (below the asset's minimum balance while the
//!   account does not exist, the account blocked by the asset's issuer), or that would leave a
//!   new payee below the minimum, is not taken: the payee is paid it, and the record says
//!   zero. So a marketplace can never hold a payout back. The payment record shows what was paid, the
//!   commission and what the payee received ([`PaymentRecord::received`]).
//! - **Funding** [S103, claims 2 and 3]. When the buyer's free balance is short of a hold,
//!   [`Config::Funding`] draws the shortfall (linked accounts first, then credit lines) before
//!   the hold, all or nothing; whatever its hold releases to the buyer (when it closes, or
//!   when a re-opening lowers it) repays credit drawn for it first.
//! - **Time-limit rule.** The buyer's value, else the store's default, else
//!   [`Config::DefaultTimeLimit`]; always clamped to the chain's shortest rule (at least
//!   [`Config::MinTimeLimit`], raised at genesis by [`GenesisConfig::min_time_limit`]) ..=
//!   [`Config::MaxTimeLimit`]. With [`Config::IgnoreBuyerTimeLimit`] the buyer's value is
//!   ignored. Deadline = shipping block + rule.
//! - **Paying less needs consent** (S107). The buyer pays at least the order amount the store
//!   accepted, unless a deduction was agreed: one side proposes a payout, the other accepts it.
//!   A buyer alone can never pay less.
//! - **Consent is bound to an amount.** An acceptance names the payout it accepts
//!   ([`accept_deduction`](Pallet::accept_deduction), [`accept_split`](Pallet::accept_split));
//!   if the proposal changed before it was included (a competing proposal in the same block,
//!   with a tip), it fails with [`Error::ProposalChanged`] and nothing moves. An agreed
//!   deduction stays until both sides agree another: a new proposal never replaces it alone.
//! - **Cancellation.** Before the store accepts, the buyer may cancel at any time. After it
//!   accepts, only once [`Config::ShipByLimit`] blocks have passed without shipping.
//! - **Expiry.** A settlement the store has not accepted within [`Config::AcceptancePeriod`]
//!   (counted from its opening; a re-opening does not restart it) goes back to the buyer by
//!   itself, as a cancellation ([`Event::SettlementExpired`]): no money is held for an order
//!   nobody took, and no store's list fills with orders it never saw.
//! - **One clock.** Every way of stopping or moving a shipped settlement's deadline draws on
//!   bounds the runtime states: the buyer's extensions (`MaxExtensions` × `ExtensionPeriod`),
//!   and one pause allowance ([`Config::PauseAllowance`]) shared by every question about it: a
//!   dispute, a refund request, a return. A question stops the clock; when it ends, the time it
//!   gives back (the time it took, or none when its asker did not follow it through) is drawn
//!   from the allowance and never exceeds what is left ([`Settlement::paused`] counts what was
//!   drawn). A question opens only while some of the allowance is left
//!   ([`Error::PauseAllowanceUsed`]). So the latest a shipped settlement pays out is
//!   ([`Pallet::latest_payout`]):
//!
//!   `shipping + time_limit + MaxExtensions × ExtensionPeriod + PauseAllowance +
//!   (respond + ship_return + receive_return) + DisputePeriod`
//!
//!   the last terms for the one question that may open with little allowance left and run its
//!   full length, a refund request whose returned goods the store refuses into a dispute (the
//!   payout waits for its end). A payout carried over for lack of weight, or
//!   tried again because it failed, comes that much later.
//!
//!   **Counted from acceptance.** Before shipping, questions stop the store's ship-by limit
//!   instead: the store cannot ship while one is open. They draw on a pause allowance of their
//!   own (`Settlement::paused` counts it until shipping), the whole time each took, and open
//!   only while some is left; the store's ship-by limit gets the time back unless the question
//!   was its own and nobody ruled on it. No goods go back before shipping (a return is granted
//!   only after it). Shipping starts the buyer's allowance, and each side's `MaxDisputes`,
//!   whole again: what the parcel brings is a question of its own. So no question of the
//!   buyer's turns into the buyer's cancellation, and a store that ships within its limit
//!   ships by [`Pallet::latest_shipping`]: `acceptance + ShipByLimit + PauseAllowance +
//!   longest question`. The latest payout counted from acceptance is
//!   [`Pallet::latest_payout_from_acceptance`], the formula above from that shipping block.
//!   A question's end the agenda ran late (a backlog, a retry) gives the store that time too,
//!   and moves both by as much.
//! - **Refund.** The payee may release the whole hold back to the buyer at any time before
//!   completion.
//! - **Extension.** Before the deadline, at most [`Config::MaxExtensions`] times.
//! - **Deadline.** At the start of the deadline block the chain pays the agreed amount (the
//!   order amount, or an agreed deduction's payout) and writes the payment record. A
//!   confirmation must therefore come by the block before the deadline.
//! - **Disputes.** Once the store has accepted, and before the deadline has passed, either
//!   side may open a dispute, at most [`Config::MaxDisputes`] times per side before shipping
//!   and as many again after (shipping starts the count afresh): the timer
//!   stops and only the dispute (or the store's full refund) can move the settlement. It ends
//!   by a split both sides agree, by the arbiter's [`Ruling`] (a split, or back to the timer
//!   with the time that remained), or, if the arbiter has not ruled within
//!   [`Config::DisputePeriod`], as the runtime's [`Config::LapsedDispute`] says: back to the
//!   timer, where the clock that runs against the opener (the buyer's after shipping, the
//!   store's ship-by limit before) is taken as having run on, so a dispute nobody ruled on
//!   gains its opener no time. A split of zero is a full refund. Each side attaches at most
//!   [`Config::MaxEvidence`] evidence hashes.
//! - **Dispute deposit.** [`Config::DisputeDeposit`] is held from the opener. It goes back to
//!   the opener, except when the arbiter rules wholly against them: a buyer's dispute ruled at
//!   the full order amount, or a payee's dispute ruled at zero. Then it goes to the other side.
//!   An agreed split, a return to the timer and a lapse all return it.
//! - **Storage is paid for.** [`Config::SettlementDeposit`] is held under
//!   [`HoldReason::SettlementDeposit`] while a settlement is open and released when it closes.
//!   Closed settlements and their payment records stay readable for
//!   [`Config::RetentionPeriod`] blocks, then are removed, and [`Config::Observer`] removes
//!   what it kept for them (the store order); the events keep the history. The open
//!   settlements of each store are indexed ([`OpenByStore`]) so that list queries read only
//!   them, a page at a time.
//! - **After-sales** (refund requests). Once the store has accepted, and before the deadline,
//!   the buyer may ask for all or part of the held amount back, with a reason hash; one request
//!   at a time, none during a dispute. The timer stops ([`SettlementStatus::RefundRequested`]).
//!   The store answers within [`Config::RefundResponsePeriod`]:
//!   - *grant*: the part goes back to the buyer now. It is taken first from what the buyer
//!     held over what the store is owed, which would have come back anyway; what the store is
//!     owed (the order amount, and an agreed deduction) falls only by the rest, never below
//!     zero. So an over-payment asked back costs the store nothing. If anything stays held and
//!     owed,
//!     the settlement goes back where it stood with the time the request took given back;
//!     otherwise it closes as refunded;
//!   - *grant with return*: the buyer ships the goods back within [`Config::ReturnShipPeriod`]
//!     ([`mark_returned`](Pallet::mark_returned)); the store confirms the return (the grant is
//!     made) or refuses it, and if it does neither within [`Config::ReturnReceivePeriod`] the
//!     chain makes the refund. A buyer who never ships the return loses the request: the
//!     buyer's clock is taken as having run on, as for a lapsed dispute of the buyer's;
//!   - *refuse*: a "no" needs nothing the store may lack. Nothing is refunded; the request
//!     ends and the settlement goes back where it stood (the time the request took given
//!     back, within the allowance). A refusal is an answer, not a question of the store's:
//!     whoever asks carries the cost and the risk. So if the buyer has a dispute left, the
//!     dispute deposit and some of the allowance, the buyer's dispute opens, with the
//!     request's reason as its claim, under the dispute rules (the buyer's deposit held, one
//!     of its disputes used, and a lapse runs its clock on after shipping, or gives the
//!     store's ship-by limit back before); otherwise the "no" ends the request. A refusal
//!     never turns into the refund it refused, before shipping or after. Goods the buyer
//!     shipped back are the exception: the store has them and says they do not answer the
//!     claim, a question of its own, so refusing the return always opens the store's dispute
//!     (past `MaxDisputes` and the allowance, with the store's deposit if it has one): the
//!     arbiter decides;
//!   - *silence*: when the period ends, the chain grants the request in the agenda hook, as it
//!     pays a deadline: bounded per block, carried over, never twice.
//!
//!   Every answer names what it answers: a grant names the request's amount
//!   ([`Error::RequestChanged`] otherwise). The buyer's confirmation withdraws a request (the
//!   buyer chose to pay) and the store's full refund answers it; whichever of two racing
//!   calls is included first wins and the other fails, so a refund is made once. A chain sets
//!   its own periods at genesis ([`GenesisConfig::after_sales_periods`]; the development chain:
//!   a minute each).
//! - **Partial refunds.** The store may give part of an accepted order back on its own at any
//!   time before completion (not during a dispute or a request, which it answers instead):
//!   the hold, the order amount and an agreed deduction fall by it; a partial refund that
//!   leaves nothing owed refunds the rest and closes. Whatever goes back to the buyer before the
//!   close repays credit drawn for the settlement first ([`FundingSource::on_release`]).
//! - **Payouts are forced.** A payout the rules owe moves held funds with
//!   `Fortitude::Force`, so a freeze added to the runtime later cannot block it.
//!
//! ## Design
//!
//! Why the agenda is one sorted map, why the clock may be the relay chain's, and how the
//! storage versions came to be: `docs/DESIGN.md`, "The escrow pallet".
//!
//! ## Code
//!
//! This file tells the pallet's story: configuration, storage, events, errors, hooks and calls.
//! Every call delegates to a `do_*` function in the file named for what it does:
//!
//! | file | what |
//! |---|---|
//! | `settlements.rs` | opening, confirming, cancelling, refunding, extending; holds, payouts, releases |
//! | `consent.rs` | who acts for each side; deductions; what a replaced key proposed; following the payout account |
//! | `disputes.rs` | disputes, splits, rulings, lapses |
//! | `after_sales.rs` | refund requests, returns, partial refunds |
//! | `clock.rs` | the one clock: the pause allowance and the bounds on the latest payout |
//! | `agenda.rs` | the agenda: payouts, lapses, silent grants, expiries, removals, retries |
//! | `queries.rs` | the list queries behind the runtime API |
//! | `invariants.rs` | `try_state` |
//! | `provider.rs` | [`SettlementProvider`], the pallet as the store side sees it |
//!
//! The data it keeps is in `types.rs`. The ids, the payment record and the traits it shares
//! with the store directory, the store side and the funding sources are in
//! [`escrow_primitives`], re-exported here. The runtime API that wallets and indexers call is
//! declared in [`escrow_primitives::api`]; its page limit is kept by this pallet's readers
//! ([`Pallet::open_settlements_of_buyer`]).

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use escrow_primitives::{
	AfterSalesStep, AssetRate, BasisPoints, Commission, FundingSource, MarketplaceId,
	PaidCommission, PaymentRecord, PaymentRecordId, PayoutTrigger, SettlementId,
	SettlementObserver, SettlementProvider, SettlementStatus, SettlementSummary, StoreDirectory,
	StoreId,
};
pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;

// The pallet's logic, one file per capability; every call in `pallet` delegates to a `do_*`
// function in the file named for what it does.
mod after_sales;
mod agenda;
mod clock;
mod consent;
mod disputes;
mod invariants;
mod provider;
mod queries;
mod settlements;

pub mod migrations;
mod types;
pub mod weights;

// FRAME's pallet macros expand to `expect` in metadata and genesis code, so the pallet module
// allows it. The pallet's own logic is outside it (`settlements.rs`, `agenda.rs` and the rest),
// under the workspace lints in full. `open_settlement` takes the order's seven fields as its
// arguments, as wallets show them: the macro's expansion of it has eight with the origin.
#[allow(clippy::expect_used, clippy::too_many_arguments)]
#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::{
		pallet_prelude::*,
		traits::fungibles::{Inspect, MutateHold},
		weights::WeightMeter,
	};
	use frame_system::pallet_prelude::*;
	use sp_runtime::traits::{BlockNumberProvider, StaticLookup, Zero};

	/// The balance type of [`Config::Assets`].
	pub type BalanceOf<T> =
		<<T as Config>::Assets as Inspect<<T as frame_system::Config>::AccountId>>::Balance;
	/// An asset a settlement can be paid in: the native token or an asset of the runtime's
	/// assets pallet (`NativeOrWithId<u32>` on escrow-chain).
	pub type AssetIdOf<T> =
		<<T as Config>::Assets as Inspect<<T as frame_system::Config>::AccountId>>::AssetId;
	/// A store order number, at most [`Config::MaxOrderNumberLen`] bytes.
	pub type OrderNoOf<T> = BoundedVec<u8, <T as Config>::MaxOrderNumberLen>;
	/// A settlement as this runtime stores it.
	pub type SettlementOf<T> = Settlement<
		<T as frame_system::Config>::AccountId,
		AssetIdOf<T>,
		BalanceOf<T>,
		BlockNumberFor<T>,
		OrderNoOf<T>,
	>;
	/// A dispute as this runtime stores it.
	pub type DisputeOf<T> = Dispute<
		<T as frame_system::Config>::AccountId,
		BalanceOf<T>,
		BlockNumberFor<T>,
		BoundedVec<(Party, [u8; 32]), EvidenceBound<T>>,
	>;

	/// A refund request as this runtime stores it.
	pub type RefundRequestOf<T> = RefundRequest<
		BalanceOf<T>,
		BlockNumberFor<T>,
		BoundedVec<u8, <T as Config>::MaxReturnLogisticsLen>,
	>;

	/// Room for both sides' evidence: `MaxEvidence` each.
	pub struct EvidenceBound<T>(core::marker::PhantomData<T>);

	/// A payment record as this runtime stores it.
	pub type PaymentRecordOf<T> = PaymentRecord<
		<T as frame_system::Config>::AccountId,
		AssetIdOf<T>,
		BalanceOf<T>,
		BlockNumberFor<T>,
	>;
	type AccountIdLookupOf<T> = <<T as frame_system::Config>::Lookup as StaticLookup>::Source;

	/// The version of this pallet's storage: see [`migrations`]. 2 added
	/// the asset of each settlement and payment record. (Renaming `SettlementStatus::Paid` to
	/// [`SettlementStatus::AwaitingAcceptance`] kept its index and its encoding, so it needed
	/// no migration; so did adding [`SettlementStatus::RefundRequested`] and
	/// [`AgendaTask::RefundLapse`] as the last variants.)
	/// 3 gave every settlement its pause allowance ([`Settlement::paused`]) and every
	/// settlement awaiting acceptance its expiry. 4 gave every settlement and payment record
	/// its marketplace's commission ([`Settlement::commission`], none before).
	pub const STORAGE_VERSION: StorageVersion = StorageVersion::new(4);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// The overarching hold reason.
		type RuntimeHoldReason: From<HoldReason>;

		/// The clock every time limit, deadline and agenda entry is counted in. On a solo chain
		/// its own blocks (`frame_system::Pallet`); on a parachain the relay chain's
		/// (`cumulus_pallet_parachain_system::RelaychainDataProvider`), so that a change of the
		/// parachain's block time (asynchronous backing, elastic scaling) moves nobody's
		/// deadline. Its numbers are of the chain's block-number type (`u32` on both).
		type BlockNumberProvider: BlockNumberProvider<BlockNumber = BlockNumberFor<Self>>;

		/// The native token and the assets whose funds are held, paid out and released: one
		/// `fungibles` trait, each settlement naming its asset (on escrow-chain a
		/// `fungible::UnionOf` of the balances pallet and the assets holder).
		type Assets: MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>;

		/// The native token as an asset of [`Config::Assets`]: what settlements stored before
		/// assets are migrated to.
		type NativeAsset: Get<AssetIdOf<Self>>;

		/// The rate at which the deposits, set in the native token, are held in another asset;
		/// an asset without a rate cannot be settled in.
		type AssetRate: AssetRate<AssetIdOf<Self>, BalanceOf<Self>>;

		/// The store directory: whether a store exists, its default time-limit rule and the
		/// assets it accepts.
		type Stores: StoreDirectory<Self::AccountId, AssetIdOf<Self>, BlockNumberFor<Self>>;

		/// Where a buyer short of funds draws the shortfall from: linked accounts, then credit.
		type Funding: FundingSource<Self::AccountId, AssetIdOf<Self>, BalanceOf<Self>>;

		/// Told when a settlement is paid out or released, so the store order can follow.
		type Observer: SettlementObserver<
			Self::AccountId,
			AssetIdOf<Self>,
			BalanceOf<Self>,
			BlockNumberFor<Self>,
		>;

		/// Held from the buyer for as long as a settlement is open, to pay for its storage, in
		/// the native token; a settlement in another asset holds it in that asset at
		/// [`Config::AssetRate`].
		#[pallet::constant]
		type SettlementDeposit: Get<BalanceOf<Self>>;

		/// The longest store order number, in bytes.
		#[pallet::constant]
		type MaxOrderNumberLen: Get<u32>;

		/// The time-limit rule used when neither the buyer nor the store gives one, in blocks.
		#[pallet::constant]
		type DefaultTimeLimit: Get<BlockNumberFor<Self>>;

		/// The shortest time-limit rule any chain of this runtime may have, in blocks. A chain
		/// raises its own floor at genesis ([`GenesisConfig::min_time_limit`]); shorter values
		/// are raised to the higher of the two.
		#[pallet::constant]
		type MinTimeLimit: Get<BlockNumberFor<Self>>;

		/// The longest time-limit rule, in blocks; longer values are lowered to it.
		#[pallet::constant]
		type MaxTimeLimit: Get<BlockNumberFor<Self>>;

		/// When `true`, the buyer's time-limit rule is ignored and the store's or the runtime's
		/// default applies (the patent lets the transaction device decide).
		#[pallet::constant]
		type IgnoreBuyerTimeLimit: Get<bool>;

		/// Blocks the store has to ship after accepting; after that the buyer may cancel.
		#[pallet::constant]
		type ShipByLimit: Get<BlockNumberFor<Self>>;

		/// Blocks one extension adds to the deadline.
		#[pallet::constant]
		type ExtensionPeriod: Get<BlockNumberFor<Self>>;

		/// How many times the buyer may extend one settlement's deadline.
		#[pallet::constant]
		type MaxExtensions: Get<u32>;

		/// Blocks a closed settlement and its payment record stay readable before removal.
		#[pallet::constant]
		type RetentionPeriod: Get<BlockNumberFor<Self>>;

		/// The most weight `on_initialize` spends on the agenda in one block. What does not fit
		/// carries over to the next block.
		#[pallet::constant]
		type AgendaWeightBudget: Get<Weight>;

		/// Who rules on disputes (Root on a development chain; a council in production).
		type ArbiterOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// Held from whoever opens a dispute until it ends, so that disputes are not free; in the
		/// native token, converted like [`Config::SettlementDeposit`].
		#[pallet::constant]
		type DisputeDeposit: Get<BalanceOf<Self>>;

		/// Blocks the arbiter has to rule on a dispute before it lapses.
		#[pallet::constant]
		type DisputePeriod: Get<BlockNumberFor<Self>>;

		/// What happens to a dispute the arbiter did not rule on within `DisputePeriod`.
		#[pallet::constant]
		type LapsedDispute: Get<LapseOutcome>;

		/// The most evidence hashes each side may attach to one dispute.
		#[pallet::constant]
		type MaxEvidence: Get<u32>;

		/// How many times each side may dispute one settlement before shipping, and again after
		/// (shipping starts the count afresh): the buyer's and the store's are counted apart,
		/// so that one side's disputes never use up the other's. How long they keep a hold
		/// locked is bounded by [`Config::PauseAllowance`].
		#[pallet::constant]
		type MaxDisputes: Get<u32>;

		/// Blocks the store has to answer a refund request; when it is silent, the chain grants
		/// the request at the end of them. A chain may shorten it at genesis
		/// ([`GenesisConfig::after_sales_periods`]), as the development chain does.
		#[pallet::constant]
		type RefundResponsePeriod: Get<BlockNumberFor<Self>>;

		/// Blocks the buyer has to ship the goods back once the store granted a refund on
		/// condition of their return; after them the request is lost and the timer resumes.
		#[pallet::constant]
		type ReturnShipPeriod: Get<BlockNumberFor<Self>>;

		/// Blocks the store has to confirm a return once the buyer shipped it; after them the
		/// chain makes the refund.
		#[pallet::constant]
		type ReturnReceivePeriod: Get<BlockNumberFor<Self>>;

		/// The longest carrier reference of a return, in bytes.
		#[pallet::constant]
		type MaxReturnLogisticsLen: Get<u32>;

		/// The most time, in blocks, that all the questions asked about one shipped settlement
		/// together (its disputes, refund requests and returns) may give back to its clock: its
		/// pause allowance. A question opens only while some of it is left, so a shipped
		/// settlement pays out by [`Pallet::latest_payout`] at the latest. A chain may set its
		/// own at genesis ([`GenesisConfig::pause_allowance`]).
		#[pallet::constant]
		type PauseAllowance: Get<BlockNumberFor<Self>>;

		/// Blocks the store has to accept a settlement; after them the chain gives the hold back
		/// to the buyer. A chain may shorten it at genesis
		/// ([`GenesisConfig::acceptance_period`]), as the development chain does.
		#[pallet::constant]
		type AcceptancePeriod: Get<BlockNumberFor<Self>>;

		/// Blocks until the agenda tries a failed task again (a payout into a frozen asset, a
		/// blocked account); each further failure doubles the wait, up to `MaxRetryDelay`. A
		/// task is never dropped: it stays owed until it is done.
		#[pallet::constant]
		type RetryDelay: Get<BlockNumberFor<Self>>;

		/// The longest wait between two tries of a failed agenda task, in blocks.
		#[pallet::constant]
		type MaxRetryDelay: Get<BlockNumberFor<Self>>;

		/// Sets up what the benchmarks need from the rest of the runtime.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper<Self::AccountId, AssetIdOf<Self>, BalanceOf<Self>>;

		/// Weights of this pallet's calls and hook.
		type WeightInfo: WeightInfo;
	}

	/// Why this pallet holds funds.
	#[pallet::composite_enum]
	///
	/// The indexes are fixed: holds stored under them must read back after any upgrade.
	pub enum HoldReason {
		/// The payment for an open settlement, held in the buyer's account.
		#[codec(index = 0)]
		Payment,
		/// The storage deposit of an open settlement.
		#[codec(index = 1)]
		SettlementDeposit,
		/// The deposit of an open dispute, held from the side that opened it.
		#[codec(index = 2)]
		DisputeDeposit,
	}

	/// The id the next settlement will get.
	#[pallet::storage]
	pub type NextSettlementId<T> = StorageValue<_, SettlementId, ValueQuery>;

	/// Settlements by id: open ones, and closed ones until their retention period ends.
	#[pallet::storage]
	pub type Settlements<T: Config> = StorageMap<_, Twox64Concat, SettlementId, SettlementOf<T>>;

	/// Payment records by id, kept as long as their settlement. A settlement is paid at most
	/// once, so its payment record has the settlement's id.
	#[pallet::storage]
	pub type PaymentRecords<T: Config> =
		StorageMap<_, Twox64Concat, PaymentRecordId, PaymentRecordOf<T>>;

	/// The open settlement of each `(buyer, store, store order number)`, so that opening again
	/// updates it in place. Iterable by buyer.
	#[pallet::storage]
	pub type OpenByOrder<T: Config> = StorageNMap<
		_,
		(
			NMapKey<Blake2_128Concat, T::AccountId>,
			NMapKey<Twox64Concat, StoreId>,
			NMapKey<Blake2_128Concat, OrderNoOf<T>>,
		),
		SettlementId,
	>;

	/// The open settlements of each store, so that a store's list is read without reading
	/// every kept settlement. Paid for by the settlement deposit; removed when it closes.
	#[pallet::storage]
	pub type OpenByStore<T: Config> =
		StorageDoubleMap<_, Twox64Concat, StoreId, Twox64Concat, SettlementId, ()>;

	/// This chain's shortest time-limit rule, set at genesis: at least
	/// [`Config::MinTimeLimit`], the rule below which a buyer has too little time to react.
	#[pallet::storage]
	pub type ChainMinTimeLimit<T: Config> = StorageValue<_, BlockNumberFor<T>, OptionQuery>;

	/// Open disputes, by settlement.
	#[pallet::storage]
	pub type Disputes<T: Config> = StorageMap<_, Twox64Concat, SettlementId, DisputeOf<T>>;

	/// Open refund requests, by settlement.
	#[pallet::storage]
	pub type RefundRequests<T: Config> =
		StorageMap<_, Twox64Concat, SettlementId, RefundRequestOf<T>>;

	/// This chain's after-sales periods, if set at genesis; otherwise the runtime's
	/// [`Config::RefundResponsePeriod`], [`Config::ReturnShipPeriod`] and
	/// [`Config::ReturnReceivePeriod`].
	#[pallet::storage]
	pub type ChainAfterSalesPeriods<T: Config> =
		StorageValue<_, AfterSalesPeriods<BlockNumberFor<T>>, OptionQuery>;

	/// Work that falls due at a block, sorted by due block: see `docs/DESIGN.md`, "The agenda".
	#[pallet::storage]
	pub type Agenda<T: Config> = StorageMap<_, Identity, AgendaKey, ()>;

	/// The agenda tasks that failed and wait for another try, by settlement (a settlement is
	/// owed one task at a time): the key of the try is `(at, task, settlement)`. Removed when
	/// the task is done, or when a call does what it would have done.
	#[pallet::storage]
	pub type Retries<T: Config> =
		StorageMap<_, Twox64Concat, SettlementId, Retry<BlockNumberFor<T>>>;

	/// The account that made a settlement's open proposal of each kind on the store's side (its
	/// owner, or the payout account it had then). The proposal stands only while that account
	/// acts for the store: what a replaced payout key proposed is void. One entry per kind and
	/// settlement at most, covered by the settlement deposit; removed with the settlement.
	#[pallet::storage]
	pub type StoreProposers<T: Config> =
		StorageMap<_, Twox64Concat, (SettlementId, ProposalKind), T::AccountId>;

	/// This chain's pause allowance, if set at genesis; otherwise [`Config::PauseAllowance`].
	#[pallet::storage]
	pub type ChainPauseAllowance<T: Config> = StorageValue<_, BlockNumberFor<T>, OptionQuery>;

	/// This chain's acceptance period, if set at genesis; otherwise [`Config::AcceptancePeriod`].
	#[pallet::storage]
	pub type ChainAcceptancePeriod<T: Config> = StorageValue<_, BlockNumberFor<T>, OptionQuery>;

	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// This chain's shortest time-limit rule, in blocks. `None` keeps
		/// [`Config::MinTimeLimit`] (a development chain); a public chain gives hours.
		/// Clamped to `MinTimeLimit ..= MaxTimeLimit`.
		pub min_time_limit: Option<BlockNumberFor<T>>,
		/// This chain's after-sales periods, in blocks: `(respond, ship_return,
		/// receive_return)`, each at least one block. `None` takes the runtime's constants; a
		/// development chain shortens them so that a store's silence can be tried in a minute.
		pub after_sales_periods: Option<(BlockNumberFor<T>, BlockNumberFor<T>, BlockNumberFor<T>)>,
		/// This chain's acceptance period, in blocks, at least one. `None` takes
		/// [`Config::AcceptancePeriod`]; a development chain shortens it to minutes.
		pub acceptance_period: Option<BlockNumberFor<T>>,
		/// This chain's pause allowance, in blocks. `None` takes [`Config::PauseAllowance`]; a
		/// development chain shortens it with its after-sales periods.
		pub pause_allowance: Option<BlockNumberFor<T>>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			if let Some(min) = self.min_time_limit {
				ChainMinTimeLimit::<T>::put(
					min.clamp(T::MinTimeLimit::get(), T::MaxTimeLimit::get()),
				);
			}
			if let Some((respond, ship_return, receive_return)) = self.after_sales_periods {
				let one = BlockNumberFor::<T>::from(1u32);
				ChainAfterSalesPeriods::<T>::put(AfterSalesPeriods {
					respond: respond.max(one),
					ship_return: ship_return.max(one),
					receive_return: receive_return.max(one),
				});
			}
			if let Some(period) = self.acceptance_period {
				ChainAcceptancePeriod::<T>::put(period.max(BlockNumberFor::<T>::from(1u32)));
			}
			if let Some(allowance) = self.pause_allowance {
				ChainPauseAllowance::<T>::put(allowance);
			}
		}
	}

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A buyer opened a settlement and its amount is held (S201–S204).
		SettlementOpened {
			id: SettlementId,
			buyer: T::AccountId,
			payee: T::AccountId,
			store: StoreId,
			order_no: OrderNoOf<T>,
			/// The asset the settlement is paid in; its amounts are in it.
			asset: AssetIdOf<T>,
			amount: BalanceOf<T>,
			snapshot: SnapshotHash,
			/// The resolved time-limit rule, in blocks.
			time_limit: BlockNumberFor<T>,
		},
		/// The buyer opened the same store order again; the hold now equals `amount` (S202).
		SettlementUpdated {
			id: SettlementId,
			/// The amount held before the update.
			previous: BalanceOf<T>,
			amount: BalanceOf<T>,
			payee: T::AccountId,
			snapshot: SnapshotHash,
			time_limit: BlockNumberFor<T>,
		},
		/// The store accepted the payment for an order of `order_amount` (S302).
		SettlementAccepted { id: SettlementId, order_amount: BalanceOf<T> },
		/// The store shipped; the chain pays out at the start of block `deadline` (S303).
		SettlementShipped { id: SettlementId, deadline: BlockNumberFor<T> },
		/// The buyer moved the deadline; `extensions` counts the extensions so far.
		DeadlineExtended { id: SettlementId, deadline: BlockNumberFor<T>, extensions: u32 },
		/// One side proposed that the payee receive `payout` instead of the order amount.
		DeductionProposed { id: SettlementId, by: Party, payout: BalanceOf<T> },
		/// The other side accepted: the payee is now owed `payout`.
		DeductionAgreed { id: SettlementId, payout: BalanceOf<T> },
		/// The settlement was paid out and payment record `record` written (S108, S206).
		SettlementCompleted {
			id: SettlementId,
			record: PaymentRecordId,
			buyer: T::AccountId,
			payee: T::AccountId,
			/// The asset of `paid` and `released`.
			asset: AssetIdOf<T>,
			/// Moved from the hold to the payee.
			paid: BalanceOf<T>,
			/// Released from the hold back to the buyer.
			released: BalanceOf<T>,
			trigger: PayoutTrigger,
		},
		/// Of the payout `paid` (in [`Event::SettlementCompleted`], just before), `amount`
		/// went to the store's marketplace's fee account and the rest to the payee. `amount`
		/// is zero when the commission was below what the fee account can receive, or the
		/// payee could then not receive the rest: the payee was paid it.
		CommissionPaid {
			id: SettlementId,
			marketplace: MarketplaceId,
			fee_account: T::AccountId,
			asset: AssetIdOf<T>,
			/// The rate the settlement recorded, in basis points.
			rate: BasisPoints,
			amount: BalanceOf<T>,
		},
		/// The buyer cancelled; the whole hold went back to the buyer.
		SettlementCancelled { id: SettlementId, buyer: T::AccountId, released: BalanceOf<T> },
		/// The payee refunded; the whole hold went back to the buyer.
		SettlementRefunded { id: SettlementId, buyer: T::AccountId, released: BalanceOf<T> },
		/// An agenda task failed (the asset frozen by its issuer, an account blocked): nothing
		/// moved, and the task stays owed: it is tried again in block `retry_at`. Meanwhile
		/// the calls still work (the buyer may confirm, the store may refund).
		TaskFailed {
			id: SettlementId,
			task: AgendaTask,
			error: DispatchError,
			/// How many times it failed so far.
			attempts: u32,
			retry_at: BlockNumberFor<T>,
		},
		/// A side disputed the settlement; its timer is stopped. The arbiter is due to rule by
		/// block `arbiter_due`.
		DisputeOpened {
			id: SettlementId,
			by: Party,
			/// Hash of the opener's statement.
			reason: [u8; 32],
			deposit: BalanceOf<T>,
			arbiter_due: BlockNumberFor<T>,
		},
		/// A side attached the hash of a piece of evidence.
		EvidenceAdded { id: SettlementId, by: Party, evidence: [u8; 32] },
		/// A side proposed that the payee receive `payout` and the buyer the rest.
		SplitProposed { id: SettlementId, by: Party, payout: BalanceOf<T> },
		/// A dispute ended. `payout` is the payee's share when it ended with a split (zero: a
		/// full refund); `None` when the settlement went back to its timer.
		DisputeEnded {
			id: SettlementId,
			end: DisputeEnd,
			payout: Option<BalanceOf<T>>,
			/// Whether the dispute deposit went back to the opener (else to the other side).
			deposit_to_opener: bool,
		},
		/// A dispute sent the settlement back to its timer; `deadline` if it had shipped.
		DisputeResumed { id: SettlementId, deadline: Option<BlockNumberFor<T>> },
		/// A closed settlement and its payment record were removed after the retention period.
		SettlementPruned { id: SettlementId, record: Option<PaymentRecordId> },
		/// The store sent the payout of settlement `id` to its current payout account, `payee`.
		PayeeFollowed { id: SettlementId, payee: T::AccountId },
		/// The buyer asked for `amount` back; the timer stopped. The store answers by
		/// `respond_by`, or the chain grants the request then.
		RefundRequested {
			id: SettlementId,
			amount: BalanceOf<T>,
			reason: [u8; 32],
			respond_by: BlockNumberFor<T>,
		},
		/// The store granted the refund request on condition that the goods come back: the
		/// buyer ships them by `ship_by`, or loses the request.
		ReturnRequested { id: SettlementId, amount: BalanceOf<T>, ship_by: BlockNumberFor<T> },
		/// The buyer shipped the goods back with carrier reference `logistics`: the store
		/// confirms the return by `refund_by`, or the chain refunds then.
		ReturnShipped {
			id: SettlementId,
			logistics: BoundedVec<u8, T::MaxReturnLogisticsLen>,
			refund_by: BlockNumberFor<T>,
		},
		/// A refund request was granted (`how`): `amount` went back to the buyer. If anything
		/// stays held, the settlement is back where it stood, and a `RefundMade` tells the new
		/// amounts; else a `SettlementRefunded` closes it.
		RefundGranted { id: SettlementId, amount: BalanceOf<T>, how: RefundGrant },
		/// The store refused the refund request, and nothing was refunded. With `dispute`, the
		/// buyer's dispute opens with the request's reason as its claim, on the buyer's deposit
		/// (a `DisputeOpened` follows; a refused return opens the store's instead); without
		/// (the buyer had no dispute left, no deposit, or the clock no time), the request ends
		/// and the settlement is back on its timer (a `RefundResumed` follows).
		RefundRefused { id: SettlementId, dispute: bool },
		/// The buyer did not ship the return in time: the request is lost and the settlement
		/// back on its timer (`deadline`, if it had shipped).
		RefundRequestLost { id: SettlementId, deadline: Option<BlockNumberFor<T>> },
		/// `amount` of the hold went back to the buyer (a granted request, or the store's partial
		/// refund): `held` is held now, `owed` is what the store is paid. A partial refund
		/// lowers what the store is owed by all of it; a grant only by what it took beyond what
		/// was held over what the store is owed.
		RefundMade {
			id: SettlementId,
			amount: BalanceOf<T>,
			held: BalanceOf<T>,
			owed: BalanceOf<T>,
		},
		/// A refund request ended with something still held: the settlement is back on its
		/// timer, `deadline` if it had shipped.
		RefundResumed { id: SettlementId, deadline: Option<BlockNumberFor<T>> },
		/// The store did not accept the settlement within the acceptance period: the chain gave
		/// the whole hold back to the buyer (a `SettlementCancelled` came before).
		SettlementExpired { id: SettlementId, buyer: T::AccountId, released: BalanceOf<T> },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// No settlement has this id. Closed settlements are removed after the retention period.
		UnknownSettlement,
		/// No store has this id. Check the store id on the store's page.
		UnknownStore,
		/// The amount is zero. Give an amount above zero.
		ZeroAmount,
		/// The payee is the buyer. Pay the store's payout account.
		PayeeIsBuyer,
		/// The payee account does not exist and this payment (or the order amount accepted) is
		/// below the existential deposit, so it could not be paid out. Pay, or accept, at least
		/// the existential deposit.
		PayeeCannotReceive,
		/// The buyer's free balance, with the top-ups and credit approved for the buyer, does
		/// not cover the amount plus the deposit while keeping the account alive.
		InsufficientBalance,
		/// Only the settlement's buyer may do this.
		NotBuyer,
		/// Only the settlement's store may do this: its owner, or its current payout account (a
		/// payout account the store replaced no longer acts for it). Named for the payee, the
		/// store's side of the settlement.
		NotPayee,
		/// Only the settlement's buyer or its store (payout account or owner) may do this.
		NotParty,
		/// The settlement is closed (completed, cancelled or refunded).
		SettlementClosed,
		/// The store has not accepted the payment yet.
		NotAccepted,
		/// The store has already accepted this settlement.
		AlreadyAccepted,
		/// The store has already shipped this order; the settlement can no longer change.
		AlreadyShipped,
		/// The store has not shipped yet: there is no deadline to extend, and no goods to send
		/// back (grant the request, or refuse it).
		NotShipped,
		/// The store has accepted this settlement: its amount may only rise. Open again with at
		/// least the amount held now.
		BelowAcceptedAmount,
		/// The store has accepted this settlement; its payee can no longer change.
		PayeeLocked,
		/// The store has accepted this settlement on its snapshot and time-limit rule; they can
		/// no longer change. Open again with the same snapshot and no time-limit rule (or the
		/// one accepted); only the amount may rise.
		TermsLocked,
		/// The payment is above the amount held for the settlement.
		AboveHeldAmount,
		/// The payment is below the order amount and no deduction was agreed. Propose a
		/// deduction and have the other side accept it first.
		BelowOrderAmount,
		/// The store accepted and its ship-by limit has not passed: it may still ship. Ask the
		/// store for a refund, or cancel after the limit.
		StoreMayStillShip,
		/// The deadline has passed; the settlement is being paid out.
		DeadlinePassed,
		/// The deadline has been extended `MaxExtensions` times already.
		TooManyExtensions,
		/// A deduction's payout must be at most the order amount (the order amount itself
		/// proposes to drop an agreed deduction).
		NotADeduction,
		/// No deduction is proposed for this settlement (none was, or it was already accepted).
		NoDeduction,
		/// The proposal must be accepted by the other side, not the side that proposed it.
		OwnProposal,
		/// The proposal now pays another amount than the one you accepted: it changed since you
		/// read it. Read the current proposal and accept it by its payout, or propose your own.
		ProposalChanged,
		/// The store's proposal was made by a payout account the store has replaced since: it
		/// no longer stands. Ask the store to propose again, or propose your own.
		ProposalVoid,
		/// The settlement already pays the store's current payout account (or the store is not
		/// registered any more): there is nothing to follow.
		PayeeCurrent,
		/// The order amount is above the amount held for the settlement.
		OrderAmountNotCovered,
		/// The settlement is disputed: only an agreed split or the arbiter can settle it now.
		UnderDispute,
		/// The settlement is not disputed.
		NotDisputed,
		/// The settlement is already disputed.
		AlreadyDisputed,
		/// You have attached `MaxEvidence` pieces of evidence to this dispute already.
		TooMuchEvidence,
		/// Your side has disputed this settlement `MaxDisputes` times already (since it shipped,
		/// or before): agree with the other side, or let the settlement take its course.
		TooManyDisputes,
		/// A split cannot pay the payee more than the amount held.
		SplitAboveAmount,
		/// The store does not accept payment in this asset. Pay in one of the assets on the
		/// store's page.
		AssetNotAccepted,
		/// Settlements cannot be paid in this asset on this chain (it has no rate for the
		/// deposits). Pay in the chain's token or a listed stablecoin.
		AssetNotSupported,
		/// This store order's settlement is paid in another asset, which cannot change. Open
		/// it again in its own asset, or cancel it and open a new one.
		AssetChanged,
		/// Nobody has proposed a split of this dispute.
		NoSplitProposed,
		/// A refund request is open on this settlement: the store answers it, or the chain
		/// settles it when its period ends. Wait for that; there is one request at a time.
		RefundRequestOpen,
		/// There is no refund request on this settlement.
		NoRefundRequest,
		/// The refund request is not at this step: the store answers a request (grant, grant
		/// with return, refuse), the buyer ships a requested return, the store confirms or
		/// refuses a return.
		WrongRefundStep,
		/// The refund request asks for another amount than the one you named: read it again
		/// and answer it by its amount.
		RequestChanged,
		/// The refund is more than what is held for the settlement. Ask for at most the held
		/// amount.
		RefundAboveAmount,
		/// The period of this step of the refund request has ended: the chain settles it (a
		/// silent store's request is granted; a return not shipped loses the request).
		AfterSalesPeriodOver,
		/// The settlement's snapshot or time-limit rule is not the one you named: the buyer
		/// opened it again since you read it. Read the settlement again and accept the terms
		/// it has now, or leave it (it goes back to the buyer after the acceptance period).
		TermsChanged,
		/// The questions asked about this settlement so far (disputes, refund requests, returns)
		/// have stopped its clock for its whole pause allowance (`PauseAllowance`; one before
		/// shipping, another after): no question can stop it again until it ships (then a
		/// whole allowance starts) or, once shipped, at all. Before shipping: wait for the
		/// goods, or cancel once the store is past its ship-by limit; after: confirm receipt,
		/// agree a deduction, or let the deadline pay.
		PauseAllowanceUsed,
		/// The order number is longer than `MaxOrderNumberLen` bytes. Use a shorter one.
		OrderNumberTooLong,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		/// Pays out due settlements and removes expired records, within the weight budget.
		/// "Now" is [`Config::BlockNumberProvider`]'s, not this chain's block number.
		fn on_initialize(_: BlockNumberFor<T>) -> Weight {
			let mut meter = WeightMeter::with_limit(T::AgendaWeightBudget::get());
			Self::service_agenda(Self::now(), &mut meter);
			meter.consumed()
		}

		fn integrity_test() {
			let one =
				T::WeightInfo::on_initialize_idle().saturating_add(Self::largest_task_weight());
			assert!(
				one.all_lte(T::AgendaWeightBudget::get()),
				"AgendaWeightBudget must fit the largest agenda task with its close hooks",
			);
			assert!(
				T::AgendaWeightBudget::get().all_lte(T::BlockWeights::get().max_block),
				"AgendaWeightBudget must fit in a block",
			);
			assert!(
				T::MinTimeLimit::get() <= T::MaxTimeLimit::get(),
				"MinTimeLimit > MaxTimeLimit"
			);
			assert!(!T::MinTimeLimit::get().is_zero(), "MinTimeLimit must be at least one block");
			assert!(!T::RetryDelay::get().is_zero(), "RetryDelay must be at least one block");
			assert!(T::RetryDelay::get() <= T::MaxRetryDelay::get(), "RetryDelay > MaxRetryDelay");
			assert!(
				!T::AcceptancePeriod::get().is_zero(),
				"AcceptancePeriod must be at least one block"
			);
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Open a settlement for a store order, holding `amount` in your account (S201–S204).
		///
		/// Signed by the buyer.
		/// - `store`: the store's id; `order_no`: the store's own order number, at most
		///   `MaxOrderNumberLen` bytes (a longer one does not decode: the transaction pool
		///   rejects it).
		/// - `asset`: what to pay in: the native token or an asset the store accepts.
		/// - `amount`: what to hold, above zero, in `asset`. Your free balance of it must cover
		///   it plus `SettlementDeposit` (converted to `asset` at `AssetRate`).
		/// - `payee`: the store's payout account.
		/// - `time_limit`: blocks you want to confirm receipt after shipping; `None` takes the
		///   store's default. Clamped to the runtime's bounds.
		/// - `snapshot`: a 32-byte hash of the store's order document.
		///
		/// Opening again for the same store and order number while the settlement is open and
		/// not shipped updates it in place: the hold grows or shrinks to `amount` (what it
		/// releases repays credit drawn for it first). After the store accepted, the terms it
		/// accepted are fixed: `amount` may only rise, and `payee`, `snapshot` and the
		/// time-limit rule stay (give `None`, or the accepted rule).
		///
		/// Complexity: O(1).
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::open_settlement()
			.saturating_add(T::Funding::cover_weight())
			.saturating_add(T::Funding::on_close_weight()))]
		pub fn open_settlement(
			origin: OriginFor<T>,
			store: StoreId,
			order_no: OrderNoOf<T>,
			asset: AssetIdOf<T>,
			#[pallet::compact] amount: BalanceOf<T>,
			payee: AccountIdLookupOf<T>,
			time_limit: Option<BlockNumberFor<T>>,
			snapshot: SnapshotHash,
		) -> DispatchResultWithPostInfo {
			let buyer = ensure_signed(origin)?;
			let payee = T::Lookup::lookup(payee)?;
			Self::do_open_settlement(
				buyer, store, order_no, asset, amount, payee, time_limit, snapshot,
			)
		}

		/// Confirm receipt and pay `amount` to the payee; the rest of the hold comes back to
		/// you (S107–S108, S205–S206).
		///
		/// Signed by the buyer, once the store has accepted. `amount` must be at least the
		/// order amount the store accepted (or an agreed deduction's payout) and at most the
		/// held amount. Writes a payment record and completes the settlement.
		///
		/// Complexity: O(1).
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::confirm_receipt().saturating_add(Pallet::<T>::close_hooks_weight()))]
		pub fn confirm_receipt(
			origin: OriginFor<T>,
			id: SettlementId,
			#[pallet::compact] amount: BalanceOf<T>,
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			Self::do_confirm_receipt(who, id, amount)
		}

		/// Cancel a settlement and get the whole hold back.
		///
		/// Signed by the buyer. Before the store accepts: at any time. After it accepts: only
		/// once `ShipByLimit` blocks have passed without the store shipping. Not after shipping.
		///
		/// Complexity: O(1).
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::cancel().saturating_add(Pallet::<T>::close_hooks_weight()))]
		pub fn cancel(origin: OriginFor<T>, id: SettlementId) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			Self::do_cancel(who, id)
		}

		/// Refund the buyer in full: the whole hold goes back to the buyer.
		///
		/// Signed by the store: its payout account or its owner, at any time before the
		/// settlement completes, also during a dispute (the dispute ends and its deposit goes
		/// back to whoever opened it).
		///
		/// Complexity: O(1).
		#[pallet::call_index(3)]
		#[pallet::weight(Pallet::<T>::refund_weight())]
		pub fn refund(origin: OriginFor<T>, id: SettlementId) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			Self::do_refund(who, id)
		}

		/// Move the deadline back by `ExtensionPeriod` blocks.
		///
		/// Signed by the buyer, after shipping and before the deadline, at most `MaxExtensions`
		/// times per settlement.
		///
		/// Complexity: O(1).
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::extend_deadline())]
		pub fn extend_deadline(origin: OriginFor<T>, id: SettlementId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_extend_deadline(who, id)
		}

		/// Propose that the payee receive `payout` instead of the order amount (S107).
		///
		/// Signed by the buyer or the store (payout account or owner), once the store has
		/// accepted. `payout` must be above zero and at most the order amount (the order
		/// amount itself proposes to drop an agreed deduction). It takes effect when the other
		/// side accepts it with `accept_deduction`, naming the same payout; a new proposal
		/// replaces an earlier one that was not accepted yet. An agreed deduction stays in
		/// force until the sides agree another: a proposal alone never changes it.
		///
		/// Complexity: O(1).
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::propose_deduction())]
		pub fn propose_deduction(
			origin: OriginFor<T>,
			id: SettlementId,
			#[pallet::compact] payout: BalanceOf<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_propose_deduction(who, id, payout)
		}

		/// Accept the deduction the other side proposed, naming its `payout`: the payee is then
		/// owed that payout, by confirmation or at the deadline.
		///
		/// Signed by the buyer or the store, whichever side did not propose it. Fails with
		/// `ProposalChanged` if the proposal no longer pays `payout`: an acceptance agrees to
		/// one amount, never to whatever the proposal was changed to before it was included;
		/// and with `ProposalVoid` if the store's proposal came from a payout account the store
		/// has replaced since.
		///
		/// Complexity: O(1).
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::accept_deduction())]
		pub fn accept_deduction(
			origin: OriginFor<T>,
			id: SettlementId,
			#[pallet::compact] payout: BalanceOf<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_accept_deduction(who, id, payout)
		}

		/// Dispute a settlement: the confirmation timer stops until the sides agree a split,
		/// the arbiter rules, or the dispute period ends.
		///
		/// Signed by the buyer or the store (payout account or owner), once the store has
		/// accepted, before completion and before the deadline, at most `MaxDisputes` times
		/// per side and settlement, while its pause allowance lasts (before shipping as after).
		/// `reason` is the hash of a statement of the problem. `DisputeDeposit` is held from
		/// you until the dispute ends; you get it back unless the ruling goes wholly against
		/// you (see the crate docs).
		///
		/// Complexity: O(1).
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::open_dispute().saturating_add(T::Observer::weight()))]
		pub fn open_dispute(
			origin: OriginFor<T>,
			id: SettlementId,
			reason: [u8; 32],
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_open_dispute(who, id, reason)
		}

		/// Attach the hash of a piece of evidence to a dispute, at most `MaxEvidence` per side.
		///
		/// Signed by the buyer or the payee. Events carry the hash for indexers; the evidence
		/// itself stays off chain.
		///
		/// Complexity: O(1).
		#[pallet::call_index(8)]
		#[pallet::weight(T::WeightInfo::add_evidence())]
		pub fn add_evidence(
			origin: OriginFor<T>,
			id: SettlementId,
			evidence: [u8; 32],
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_add_evidence(who, id, evidence)
		}

		/// Propose a split of a disputed settlement: `payout` to the payee, the rest of the
		/// hold to the buyer. A new proposal replaces an earlier one.
		///
		/// Signed by the buyer or the payee. `payout` is at most the held amount.
		///
		/// Complexity: O(1).
		#[pallet::call_index(9)]
		#[pallet::weight(T::WeightInfo::propose_split())]
		pub fn propose_split(
			origin: OriginFor<T>,
			id: SettlementId,
			#[pallet::compact] payout: BalanceOf<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_propose_split(who, id, payout)
		}

		/// Accept the split the other side proposed, naming its `payout`: the settlement is paid
		/// out at once and a payment record written (a zero payout refunds the buyer in full).
		///
		/// Signed by the side that did not propose it. Fails with `ProposalChanged` if the
		/// proposal no longer pays `payout`.
		///
		/// Complexity: O(1).
		#[pallet::call_index(10)]
		#[pallet::weight(T::WeightInfo::accept_split().saturating_add(Pallet::<T>::close_hooks_weight()))]
		pub fn accept_split(
			origin: OriginFor<T>,
			id: SettlementId,
			#[pallet::compact] payout: BalanceOf<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_accept_split(who, id, payout)
		}

		/// Rule on a dispute: split the hold (`Split { payout }`), or send the settlement back
		/// to its timer (`Resume`, with the time that remained when the dispute stopped it).
		///
		/// Origin: the runtime's arbiter (`ArbiterOrigin`; Root through sudo on a development
		/// chain).
		///
		/// Complexity: O(1).
		#[pallet::call_index(11)]
		#[pallet::weight(T::WeightInfo::resolve_dispute().saturating_add(Pallet::<T>::close_hooks_weight()))]
		pub fn resolve_dispute(
			origin: OriginFor<T>,
			id: SettlementId,
			ruling: Ruling<BalanceOf<T>>,
		) -> DispatchResult {
			T::ArbiterOrigin::ensure_origin(origin)?;
			Self::do_resolve(id, ruling)
		}

		/// Ask for a refund of `amount`, all or part of what is held, for the reason whose hash
		/// is `reason`. The timer stops until the request is answered.
		///
		/// Signed by the buyer, once the store has accepted, before completion and before the
		/// deadline; one request at a time, none during a dispute, while the pause allowance
		/// lasts. The store answers within the response period: `grant_refund`,
		/// `grant_refund_with_return` (after shipping) or `refuse_refund`. If it is silent, the
		/// chain grants the request when the period ends. The question is yours to carry: if
		/// the store refuses, it goes on as your dispute, with `DisputeDeposit` held from you
		/// (when you have a dispute left and the deposit), and if the arbiter does not rule, it
		/// lapses against you (after shipping your clock is taken as having run on).
		///
		/// Complexity: O(1).
		#[pallet::call_index(12)]
		#[pallet::weight(T::WeightInfo::request_refund().saturating_add(T::Observer::weight()))]
		pub fn request_refund(
			origin: OriginFor<T>,
			id: SettlementId,
			#[pallet::compact] amount: BalanceOf<T>,
			reason: [u8; 32],
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_request_refund(who, id, amount, reason)
		}

		/// Grant the buyer's refund request of `amount`: it goes back to the buyer now (credit
		/// drawn for it repaid first), taken first from what the buyer held over what the store
		/// is owed; what the store is owed falls only by the rest. If anything
		/// stays held, the settlement goes back on its timer with the time it had left;
		/// otherwise it closes as refunded.
		///
		/// Signed by the store (payout account or owner). Fails with `RequestChanged` if the
		/// request is not for `amount`.
		///
		/// Complexity: O(1).
		#[pallet::call_index(13)]
		#[pallet::weight(T::WeightInfo::grant_refund().saturating_add(Pallet::<T>::close_hooks_weight()))]
		pub fn grant_refund(
			origin: OriginFor<T>,
			id: SettlementId,
			#[pallet::compact] amount: BalanceOf<T>,
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			let hooks = Self::do_grant_refund(who, id, amount)?;
			Ok(Some(T::WeightInfo::grant_refund().saturating_add(hooks)).into())
		}

		/// Grant the buyer's refund request of `amount` once the goods come back: the buyer
		/// ships them within `ReturnShipPeriod` (`mark_returned`), then you confirm the return
		/// (`confirm_return`) or the chain refunds after `ReturnReceivePeriod`.
		///
		/// Signed by the store (payout account or owner), within the response period, once the
		/// order has shipped (before, there are no goods to send back: `NotShipped`).
		///
		/// Complexity: O(1).
		#[pallet::call_index(14)]
		#[pallet::weight(T::WeightInfo::grant_refund_with_return().saturating_add(T::Observer::weight()))]
		pub fn grant_refund_with_return(
			origin: OriginFor<T>,
			id: SettlementId,
			#[pallet::compact] amount: BalanceOf<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_grant_with_return(who, id, amount)
		}

		/// Refuse the buyer's refund request, or a return that did not come back as agreed.
		/// Nothing is refunded. A refused request is the buyer's question still: the buyer's
		/// dispute opens with the request's reason as its claim, on the buyer's deposit, if
		/// the buyer has a dispute left, the deposit and some of the pause allowance; else the
		/// request just ends. A refused return opens your dispute (you hold the goods), with
		/// `DisputeDeposit` held from you if you have it. Either way nothing is needed from you.
		///
		/// Signed by the store (payout account or owner), within the response period (a
		/// request) or before the return deadline (a shipped return).
		///
		/// Complexity: O(1).
		#[pallet::call_index(15)]
		#[pallet::weight(T::WeightInfo::refuse_refund().saturating_add(T::Observer::weight().saturating_mul(2)))]
		pub fn refuse_refund(origin: OriginFor<T>, id: SettlementId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_refuse_refund(who, id)
		}

		/// Mark the goods shipped back, with the return's carrier reference `logistics` (never
		/// a name, an address or a phone number: the chain is public).
		///
		/// Signed by the buyer, after the store granted the refund with return and within
		/// `ReturnShipPeriod`. The store then has `ReturnReceivePeriod` to confirm the return;
		/// after it the chain makes the refund.
		///
		/// Complexity: O(1).
		#[pallet::call_index(16)]
		#[pallet::weight(T::WeightInfo::mark_returned().saturating_add(T::Observer::weight()))]
		pub fn mark_returned(
			origin: OriginFor<T>,
			id: SettlementId,
			logistics: BoundedVec<u8, T::MaxReturnLogisticsLen>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_mark_returned(who, id, logistics)
		}

		/// Confirm that the goods came back: the refund the request granted is made now.
		///
		/// Signed by the store (payout account or owner), once it granted the refund with
		/// return (also before the buyer marked the return shipped).
		///
		/// Complexity: O(1).
		#[pallet::call_index(17)]
		#[pallet::weight(T::WeightInfo::confirm_return().saturating_add(Pallet::<T>::close_hooks_weight()))]
		pub fn confirm_return(
			origin: OriginFor<T>,
			id: SettlementId,
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			let hooks = Self::do_confirm_return(who, id)?;
			Ok(Some(T::WeightInfo::confirm_return().saturating_add(hooks)).into())
		}

		/// Refund `amount` of the order on your own (an item missing): it goes back to the
		/// buyer now (credit drawn for it repaid first), and what you are owed falls by it
		/// (the order amount and any agreed deduction, never below zero). A partial refund that
		/// leaves nothing owed refunds the rest too and closes the settlement.
		///
		/// Signed by the store (payout account or owner), once it accepted, before completion,
		/// and not while a dispute or a refund request is open (answer those instead).
		///
		/// Complexity: O(1).
		#[pallet::call_index(18)]
		#[pallet::weight(T::WeightInfo::partial_refund().saturating_add(Pallet::<T>::close_hooks_weight()))]
		pub fn partial_refund(
			origin: OriginFor<T>,
			id: SettlementId,
			#[pallet::compact] amount: BalanceOf<T>,
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			let hooks = Self::do_partial_refund(who, id, amount)?;
			Ok(Some(T::WeightInfo::partial_refund().saturating_add(hooks)).into())
		}

		/// Send the payout of settlement `id` to the store's current payout account: after the
		/// store replaced a payout account (a leaked key), what its open settlements owe goes
		/// to the new one. The amount does not change, so the buyer's agreement is not needed.
		///
		/// Signed by the store (its owner or its current payout account), while the settlement
		/// is open. Fails with `PayeeCurrent` if it already pays that account, and with
		/// `PayeeCannotReceive` if that account could not receive what the store is owed.
		/// One call per settlement; `utility.batch` sends several.
		///
		/// Complexity: O(1).
		#[pallet::call_index(19)]
		#[pallet::weight(T::WeightInfo::follow_payout_account().saturating_add(T::Observer::weight()))]
		pub fn follow_payout_account(origin: OriginFor<T>, id: SettlementId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_follow_payout_account(who, id)
		}
	}
}
