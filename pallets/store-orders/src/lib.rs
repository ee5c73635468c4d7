//! # Store orders
//!
//! Stores and their orders on chain: a store needs no server of its own, because this pallet
//! is its order book, and every order follows the escrow settlement that pays for it.
//!
//! ## Overview
//!
//! This pallet is the patent's *store device* (CN116485397A, steps S301–S305). A store
//! registers once. When a buyer has opened a settlement in the escrow pallet, the store owner
//! accepts the payment for its order (S301–S302) — the order is recorded as paid only if the
//! settlement really pays this store for this order — then marks the order shipped with its
//! logistics reference (S303), which starts the buyer's confirmation timer. Or the store signs
//! its payment request in advance, and the buyer's payment opens the settlement already
//! accepted. When the escrow pallet writes the payment record (the buyer confirmed, or the
//! deadline passed), the order completes (S304–S305).
//!
//! The pallet talks to the escrow side only through two traits of `escrow-primitives`:
//! [`SettlementProvider`] (read a settlement, report acceptance and shipping) and, in the
//! other direction, [`SettlementObserver`], which this pallet implements so that the escrow
//! pallet can tell it when a settlement is paid out or released. It also implements
//! [`StoreDirectory`], through which the escrow pallet reads a store's default time-limit rule
//! and the assets it accepts.
//!
//! ## Assets
//!
//! Settlements are paid in an asset ([`Config::AssetId`]; on escrow-chain the native token
//! or a `pallet-assets` stablecoin). Each store lists the assets it accepts
//! ([`Store::assets`]): the escrow pallet opens a settlement for a store only in one of them
//! ([`StoreDirectory::accepts`]). A store order is paid in its settlement's asset, recorded
//! when the store accepts it ([`StoreOrder::asset`]); its amounts, the events that carry them
//! ([`Event::PaymentAccepted`], [`Event::OrderCompleted`]) and the payment record that
//! completes it are in that asset. The store deposit is always held in the native token
//! ([`Config::Currency`]), whatever the store accepts.
//!
//! ## Terms
//!
//! | patent | here |
//! |---|---|
//! | store device number | [`StoreId`], assigned by the chain |
//! | store order number | `(StoreId, order_no)`: the store's own number, bounded bytes |
//! | store order amount | [`StoreOrder::order_amount`], stated by the store when it accepts, in [`StoreOrder::asset`] |
//! | store device payment blockchain address | [`Store::payout`] |
//! | trade state of the store order | [`OrderStatus`] |
//! | logistics information | [`StoreOrder::logistics`]: a carrier reference or its hash |
//! | payment record number | [`StoreOrder::record`], read from the escrow pallet |
//!
//! ## Calls
//!
//! | call | who | what | patent |
//! |---|---|---|---|
//! | [`register_store`](Pallet::register_store) | anyone (becomes the owner) | a store, with payout account, name, default rule and accepted assets; holds a deposit | |
//! | [`update_store`](Pallet::update_store) | owner | change payout account, name, default rule, accepted assets | |
//! | [`close_store`](Pallet::close_store) | owner | remove a store with no open orders; returns the deposit | |
//! | [`accept_payment`](Pallet::accept_payment) | owner | record an order as paid by a settlement | S301–S302 |
//! | [`mark_shipped`](Pallet::mark_shipped) | owner | record shipping; starts the confirmation timer | S303 |
//! | [`complete_order`](Pallet::complete_order) | anyone | complete an order from its payment record | S304–S305 |
//! | [`pay_signed_request`](Pallet::pay_signed_request) | the buyer | pay a store's signed payment request: the settlement opens accepted | S201–S204, S301–S302 |
//! | [`register_marketplace`](Pallet::register_marketplace) | anyone (becomes the operator) | a marketplace, with name, commission and fee account; holds a deposit | |
//! | [`set_marketplace_terms`](Pallet::set_marketplace_terms) | operator | a new rate (an offer) and fee account, for settlements opened from now on | |
//! | [`close_marketplace`](Pallet::close_marketplace) | operator | remove it; returns the deposit | |
//! | [`join_marketplace`](Pallet::join_marketplace) | store owner | accept a marketplace's rate, by number | |
//! | [`leave_marketplace`](Pallet::leave_marketplace) | store owner | no commission on settlements opened from now on | |
//! | [`remove_from_marketplace`](Pallet::remove_from_marketplace) | operator | take a store out of the marketplace | |
//!
//! ## Rules
//!
//! - **Accepted assets.** A store lists 1 to [`Config::MaxAssets`] assets, none twice, each
//!   one the chain settles in ([`SettlementProvider::settles_in`]); otherwise
//!   [`Error::NoAssets`], [`Error::DuplicateAsset`] or [`Error::AssetNotSettled`].
//!   [`update_store`](Pallet::update_store) replaces the list under the same rules. A dropped
//!   asset is refused for new settlements only: orders already accepted keep their asset, and
//!   a settlement opened in it before may still be accepted. A closed store (removed) and an
//!   unknown one accept nothing. Stores in the genesis config are checked for the list's
//!   length and duplicates, not against the escrow: the pallet that knows an asset may build
//!   its genesis after this one.
//! - A store order is accepted only if its settlement awaits acceptance (the amount is held,
//!   the store has not accepted yet), is for this store and order number, pays this store's
//!   payout account, and holds at least the order amount. One settlement backs at most one
//!   store order, and the order takes the settlement's asset.
//! - An order completes when a payment record for its settlement paid at least the agreed
//!   amount (the order amount, or a deduction the store agreed), in the order's asset, to the
//!   order's payee: the payout account the order was accepted for, or the current one the
//!   store sent the payout to since ([`Event::OrderPayeeChanged`]). The escrow pallet
//!   triggers this itself;
//!   [`complete_order`](Pallet::complete_order) lets anyone do it from the record if that ever
//!   did not happen.
//! - A cancelled or refunded settlement moves its order to cancelled or refunded; a disputed
//!   one shows the order disputed until the dispute ends; one with a refund request open shows
//!   it in after-sales ([`OrderStatus::AfterSales`]) until the request ends. Each step of the
//!   after-sales (request, return asked for, return shipped, part refunded, end) is an
//!   [`Event::OrderAfterSales`]. A partial refund lowers what the order is paid: it completes on
//!   the payment record of what the escrow says is owed.
//! - [`OrderStatus::AfterSales`] is the last variant: stored orders kept their encoding, and the
//!   storage version did not change.
//! - **No personal data on chain.** The chain is public and permanent: logistics information
//!   is a carrier's tracking reference or a hash of the shipping document, never a name or an
//!   address. It is bounded by [`Config::MaxLogisticsLen`].
//! - **Signed payment requests.** A store may say yes to an order's terms before the buyer
//!   pays: it signs a [`PaymentRequest`] (store, order number, asset, amount, snapshot,
//!   time-limit rule, last valid block, optionally the one account that may pay, and this
//!   chain's genesis hash) off chain with its owner's or its current payout account's key,
//!   over [`PaymentRequest::signing_payload`]. The buyer's
//!   [`pay_signed_request`](Pallet::pay_signed_request) opens the settlement and accepts it in
//!   the same step, on exactly the signed terms, paying the store's current payout account: no
//!   buyer, race or tip can change a term, and the store need not be online until it ships.
//!   Refused with a named error, and nothing moves, when the request has expired
//!   ([`Error::RequestExpired`]) or is valid for longer than [`Config::MaxRequestValidity`]
//!   ([`Error::RequestValidTooLong`]), is for another chain ([`Error::WrongChain`]), names
//!   another payer ([`Error::NotRequestPayer`]), was signed by a key that does not act for the
//!   store ([`Error::NotStoreSigner`]), does not match its signature ([`Error::BadSignature`]:
//!   a term changed), or its order number has an order at all ([`Error::OrderExists`]: a request
//!   pays once, and `MaxRequestValidity` below the escrow's retention keeps the number used
//!   until the request has expired). A request without a payer is a bearer request: whoever
//!   pays it first is the buyer, so a store names the buyer's account when it knows it.
//!   `accept_payment` stays for stores that accept after seeing the hold.
//! - **Marketplaces.** A marketplace ([`Marketplace`]: an operator, a name, a commission in
//!   basis points of at most [`Config::MaxCommission`], a fee account, and
//!   [`Config::MarketplaceDeposit`] held from the operator) earns its commission on what each
//!   store in it is paid. A store joins by accepting the rate *by number*
//!   ([`join_marketplace`](Pallet::join_marketplace)): if the marketplace changed its rate
//!   since the owner read it, the call fails with [`Error::TermsChanged`]. A store is in one
//!   marketplace at a time ([`MarketplaceOfStore`], paid for by the store's deposit). A new
//!   rate is a new offer: a store pays the rate it accepted, or the marketplace's current
//!   one when that is lower, until it accepts another. A store leaves when it likes; the
//!   operator may remove it, or close the marketplace. Every change applies to settlements
//!   opened from then on only: the escrow records the commission in force
//!   ([`StoreDirectory::commission`]) when a settlement opens, and pays it on each payout to
//!   the store, from the hold to the fee account, in the settlement's asset. The buyer's price
//!   is the same. Marketplace ids are never given again.
//! - A store holds [`Config::StoreDeposit`] from its owner while it exists.
//! - **Records over time.** A closed store order is removed with its settlement, when the
//!   escrow prunes it after its retention period ([`SettlementObserver::on_pruned`]); the
//!   events keep its history. An open order is never removed.
//! - A store's default time-limit rule must lie within the escrow's bounds
//!   ([`SettlementProvider::time_limit_bounds`]), checked when it is set.
//! - The store's owner and its current payout account act for the store on its settlements
//!   (refunds, deductions, disputes; [`StoreDirectory::acts_for`]). A payout account that
//!   `update_store` replaced acts for it no more, on any settlement; payouts still go to the
//!   account the accepted settlement names, until the store sends each to its current payout
//!   account (the escrow's `follow_payout_account`; the order's payee follows).
//! - Names, order numbers and logistics information are bounded call arguments: one byte over
//!   [`Config::MaxNameLen`], [`Config::MaxOrderNumberLen`] or [`Config::MaxLogisticsLen`] does
//!   not decode, so the transaction pool turns the call away before it costs a fee; nor does a
//!   list of more than [`Config::MaxAssets`] assets.
//!
//! ## Upgrades
//!
//! The storage version is 1 ([`migrations::MigrateV0ToV1`]); how it came to be:
//! `docs/DESIGN.md`, "The store-orders pallet".
//!
//! ## Code
//!
//! This file tells the pallet's story: configuration, storage, events, errors and calls. Every
//! call delegates to a `do_*` function in the file named for what it does: `stores.rs` (a
//! store and its rules), `orders.rs` (accepting payment, shipping, completing), `requests.rs`
//! (signed payment requests), `marketplaces.rs` (marketplaces and their stores); `observer.rs`
//! and `directory.rs` implement [`SettlementObserver`] and [`StoreDirectory`] for the escrow
//! side, `invariants.rs` holds `try_state`, and `types.rs` the data it keeps.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use escrow_primitives::{
	AfterSalesStep, BasisPoints, Commission, MarketplaceId, PaymentRecord, PaymentRecordId,
	SettlementId, SettlementObserver, SettlementProvider, SettlementStatus, StoreDirectory,
	StoreId,
};
pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod directory;
mod invariants;
mod marketplaces;
pub mod migrations;
mod observer;
mod orders;
mod requests;
mod stores;
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
		traits::fungible::{Inspect, Mutate, MutateHold},
	};
	use frame_system::pallet_prelude::*;
	use sp_runtime::traits::{IdentifyAccount, MaybeSerializeDeserialize, Verify};

	/// The in-code storage version: 1 since stores list their assets and orders name theirs
	/// ([`migrations::MigrateV0ToV1`]).
	pub const STORAGE_VERSION: StorageVersion = StorageVersion::new(1);

	/// The balance type of [`Config::Currency`].
	pub type BalanceOf<T> =
		<<T as Config>::Currency as Inspect<<T as frame_system::Config>::AccountId>>::Balance;
	/// A store order number, at most [`Config::MaxOrderNumberLen`] bytes.
	pub type OrderNoOf<T> = BoundedVec<u8, <T as Config>::MaxOrderNumberLen>;
	/// A store's name, at most [`Config::MaxNameLen`] bytes.
	pub type NameOf<T> = BoundedVec<u8, <T as Config>::MaxNameLen>;
	/// Logistics information, at most [`Config::MaxLogisticsLen`] bytes.
	pub type LogisticsOf<T> = BoundedVec<u8, <T as Config>::MaxLogisticsLen>;
	/// An asset settlements are paid in: [`Config::AssetId`], spelled as in the escrow and
	/// funding pallets.
	pub type AssetIdOf<T> = <T as Config>::AssetId;
	/// The assets a store accepts, at most [`Config::MaxAssets`].
	pub type AssetsOf<T> = BoundedVec<AssetIdOf<T>, <T as Config>::MaxAssets>;
	/// A store as this runtime stores it.
	pub type StoreOf<T> = Store<
		<T as frame_system::Config>::AccountId,
		BalanceOf<T>,
		BlockNumberFor<T>,
		NameOf<T>,
		AssetsOf<T>,
	>;
	/// A store order as this runtime stores it.
	pub type StoreOrderOf<T> = StoreOrder<
		<T as frame_system::Config>::AccountId,
		AssetIdOf<T>,
		BalanceOf<T>,
		LogisticsOf<T>,
	>;
	/// A marketplace as this runtime stores it.
	pub type MarketplaceOf<T> =
		Marketplace<<T as frame_system::Config>::AccountId, BalanceOf<T>, NameOf<T>>;
	/// A store's signed payment request as this runtime reads it.
	pub type PaymentRequestOf<T> = PaymentRequest<
		<T as frame_system::Config>::AccountId,
		AssetIdOf<T>,
		BalanceOf<T>,
		BlockNumberFor<T>,
		OrderNoOf<T>,
		<T as frame_system::Config>::Hash,
	>;
	/// A payment record as the escrow side of this runtime writes it.
	pub type PaymentRecordOf<T> = PaymentRecord<
		<T as frame_system::Config>::AccountId,
		AssetIdOf<T>,
		BalanceOf<T>,
		BlockNumberFor<T>,
	>;

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// The overarching hold reason.
		type RuntimeHoldReason: From<HoldReason>;

		/// The currency in which the store deposit is held: the native token, whatever assets
		/// the store accepts.
		type Currency: Mutate<Self::AccountId>
			+ MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>;

		/// The assets settlements are paid in (on escrow-chain `NativeOrWithId<u32>`: the
		/// native token or a `pallet-assets` asset). A store lists those it accepts.
		type AssetId: Parameter + Member + MaxEncodedLen + Ord + Clone + MaybeSerializeDeserialize;

		/// The most assets a store lists. At least 1.
		#[pallet::constant]
		type MaxAssets: Get<u32>;

		/// The chain's own token as an [`Config::AssetId`]: what stores and orders from
		/// before assets are migrated to ([`migrations::MigrateV0ToV1`]).
		type NativeAsset: Get<Self::AssetId>;

		/// The escrow side: settlements, payment records, and which assets can be settled in.
		type Escrow: SettlementProvider<
			Self::AccountId,
			Self::AssetId,
			BalanceOf<Self>,
			BlockNumberFor<Self>,
		>;

		/// Held from a store's owner while the store exists.
		#[pallet::constant]
		type StoreDeposit: Get<BalanceOf<Self>>;

		/// The longest store name, in bytes.
		#[pallet::constant]
		type MaxNameLen: Get<u32>;

		/// The longest store order number, in bytes. Keep it equal to the escrow pallet's.
		#[pallet::constant]
		type MaxOrderNumberLen: Get<u32>;

		/// The longest logistics information, in bytes.
		#[pallet::constant]
		type MaxLogisticsLen: Get<u32>;

		/// A signature of a store's payment request, made off chain (on escrow-chain the
		/// transactions' own `MultiSignature`).
		type OffchainSignature: Verify<Signer = Self::SigningPublicKey> + Parameter;

		/// The public key that makes an [`Config::OffchainSignature`]: it names an account.
		type SigningPublicKey: IdentifyAccount<AccountId = Self::AccountId>;

		/// How far ahead of the block it is paid in a payment request's last valid block may
		/// be, in the escrow's clock. Keep it below the escrow's retention period: an order
		/// is pruned at least that long after it was paid, so no request can pay its order
		/// number twice.
		#[pallet::constant]
		type MaxRequestValidity: Get<BlockNumberFor<Self>>;

		/// Held from a marketplace's operator while the marketplace exists.
		#[pallet::constant]
		type MarketplaceDeposit: Get<BalanceOf<Self>>;

		/// The highest commission a marketplace may ask, in basis points (10,000 is all of a
		/// payout).
		#[pallet::constant]
		type MaxCommission: Get<BasisPoints>;

		/// Weights of this pallet's calls. The benchmarks run against the runtime's escrow, so
		/// `accept_payment`, `pay_signed_request` and `mark_shipped` include the escrow's part.
		type WeightInfo: WeightInfo;

		/// Opens and pays settlements on the runtime's escrow side, and signs payment
		/// requests, for the benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper<
			Self::AccountId,
			Self::AssetId,
			BalanceOf<Self>,
			BlockNumberFor<Self>,
			Self::OffchainSignature,
		>;
	}

	/// Why this pallet holds funds.
	///
	/// The index is fixed: holds stored under it must read back after any upgrade.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// The deposit of a registered store.
		#[codec(index = 0)]
		StoreDeposit,
		/// The deposit of a registered marketplace.
		#[codec(index = 1)]
		MarketplaceDeposit,
	}

	/// The id the next store will get.
	#[pallet::storage]
	pub type NextStoreId<T> = StorageValue<_, StoreId, ValueQuery>;

	/// Registered stores.
	#[pallet::storage]
	pub type Stores<T: Config> = StorageMap<_, Twox64Concat, StoreId, StoreOf<T>>;

	/// Store orders by `(store, store order number)`.
	#[pallet::storage]
	pub type Orders<T: Config> =
		StorageDoubleMap<_, Twox64Concat, StoreId, Blake2_128Concat, OrderNoOf<T>, StoreOrderOf<T>>;

	/// The store order each settlement backs: one settlement, one store order.
	#[pallet::storage]
	pub type OrderOfSettlement<T: Config> =
		StorageMap<_, Twox64Concat, SettlementId, (StoreId, OrderNoOf<T>)>;

	/// The id the next marketplace will get.
	#[pallet::storage]
	pub type NextMarketplaceId<T> = StorageValue<_, MarketplaceId, ValueQuery>;

	/// Registered marketplaces. Each is paid for by its operator's deposit.
	#[pallet::storage]
	pub type Marketplaces<T: Config> = StorageMap<_, Twox64Concat, MarketplaceId, MarketplaceOf<T>>;

	/// The marketplace each store is in, with the rate it accepted: one at most per store,
	/// paid for by the store's deposit.
	#[pallet::storage]
	pub type MarketplaceOfStore<T: Config> = StorageMap<_, Twox64Concat, StoreId, Membership>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A store was registered.
		StoreRegistered {
			store: StoreId,
			owner: T::AccountId,
			payout: T::AccountId,
			name: NameOf<T>,
			default_time_limit: Option<BlockNumberFor<T>>,
			/// The assets it accepts.
			assets: AssetsOf<T>,
		},
		/// A store's payout account, name, default rule or assets changed.
		StoreUpdated {
			store: StoreId,
			payout: T::AccountId,
			name: NameOf<T>,
			default_time_limit: Option<BlockNumberFor<T>>,
			/// The assets it accepts from now on.
			assets: AssetsOf<T>,
		},
		/// A store was closed and its deposit returned.
		StoreClosed { store: StoreId },
		/// The store accepted a settlement's payment; the order is paid (S302).
		PaymentAccepted {
			store: StoreId,
			order_no: OrderNoOf<T>,
			settlement: SettlementId,
			/// The asset the order is paid in: its settlement's.
			asset: AssetIdOf<T>,
			/// In `asset`.
			order_amount: BalanceOf<T>,
		},
		/// The store shipped; the buyer has until `deadline` to confirm (S303).
		OrderShipped {
			store: StoreId,
			order_no: OrderNoOf<T>,
			settlement: SettlementId,
			logistics: LogisticsOf<T>,
			deadline: BlockNumberFor<T>,
		},
		/// The order's payment record paid the store; the order is complete (S305).
		OrderCompleted {
			store: StoreId,
			order_no: OrderNoOf<T>,
			settlement: SettlementId,
			record: PaymentRecordId,
			/// The asset the store was paid in.
			asset: AssetIdOf<T>,
			/// What the store was paid, in `asset`.
			paid: BalanceOf<T>,
		},
		/// The order's settlement was disputed (`disputed`), or its dispute sent it back to its
		/// timer.
		OrderDisputed {
			store: StoreId,
			order_no: OrderNoOf<T>,
			settlement: SettlementId,
			disputed: bool,
		},
		/// The store sent the order's unpaid payout to its current payout account `payee`
		/// (the escrow's `follow_payout_account`): the order completes on a payment to it.
		OrderPayeeChanged {
			store: StoreId,
			order_no: OrderNoOf<T>,
			settlement: SettlementId,
			payee: T::AccountId,
		},
		/// A step of the order's after-sales: the buyer requested a refund (the order is in
		/// after-sales), the store asked for the goods back, the buyer shipped them, part of
		/// the order was refunded, or the request ended (the order is back where it stood).
		OrderAfterSales {
			store: StoreId,
			order_no: OrderNoOf<T>,
			settlement: SettlementId,
			step: AfterSalesStep<BalanceOf<T>>,
		},
		/// A buyer paid the store's signed payment request: its settlement opened accepted,
		/// and the order is paid (a [`Event::PaymentAccepted`] comes with it).
		PaymentRequestPaid {
			store: StoreId,
			order_no: OrderNoOf<T>,
			settlement: SettlementId,
			buyer: T::AccountId,
			/// The key that signed the request: the store's owner or its payout account.
			signer: T::AccountId,
		},
		/// A marketplace was registered; its operator's deposit is held.
		MarketplaceRegistered {
			marketplace: MarketplaceId,
			operator: T::AccountId,
			name: NameOf<T>,
			/// Its commission, in basis points.
			rate: BasisPoints,
			fee_account: T::AccountId,
		},
		/// A marketplace offers a new rate or names a new fee account, for settlements opened
		/// from now on. A store in it pays the rate it accepted, or this one if lower.
		MarketplaceTermsChanged {
			marketplace: MarketplaceId,
			rate: BasisPoints,
			fee_account: T::AccountId,
		},
		/// A marketplace was closed and its deposit returned: its stores owe it nothing more.
		MarketplaceClosed { marketplace: MarketplaceId },
		/// A store accepted a marketplace's rate: its settlements opened from now on pay it.
		StoreJoinedMarketplace { store: StoreId, marketplace: MarketplaceId, rate: BasisPoints },
		/// A store left its marketplace, or the marketplace removed it: its settlements opened
		/// from now on pay no commission. Those already open keep theirs.
		StoreLeftMarketplace { store: StoreId, marketplace: MarketplaceId },
		/// The settlement was cancelled by the buyer or refunded by the store.
		OrderReleased {
			store: StoreId,
			order_no: OrderNoOf<T>,
			settlement: SettlementId,
			/// `Cancelled` or `Refunded`.
			status: OrderStatus,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// No store has this id.
		UnknownStore,
		/// Only the store's owner may do this.
		NotOwner,
		/// The store name is empty.
		EmptyName,
		/// The owner's free balance does not cover the store deposit.
		InsufficientBalance,
		/// The store still has paid or shipped orders; close it once they are settled.
		StoreHasOpenOrders,
		/// This store has no order with this number.
		UnknownOrder,
		/// This store order is already paid by a settlement.
		OrderExists,
		/// No settlement has this id.
		UnknownSettlement,
		/// This settlement already backs a store order.
		SettlementInUse,
		/// The settlement is not awaiting acceptance: it was accepted, shipped or closed.
		SettlementNotPaid,
		/// The settlement was opened for another store or another order number.
		WrongOrder,
		/// The settlement does not pay this store's payout account.
		WrongPayee,
		/// The amount held by the settlement is below the order amount.
		AmountShort,
		/// The order amount is zero.
		ZeroAmount,
		/// The order is not paid: it cannot be shipped.
		NotPaid,
		/// The order has already been shipped.
		AlreadyShipped,
		/// The order is already closed (completed, cancelled or refunded).
		OrderClosed,
		/// The order's settlement has no payment record yet.
		NoPaymentRecord,
		/// The payment record did not pay the agreed amount, in the order's asset, to the
		/// store's payout account.
		PaymentShort,
		/// The order's settlement is disputed; it moves again once the dispute ends.
		OrderDisputed,
		/// The default time-limit rule is outside this chain's bounds (the escrow's shortest
		/// and longest rule). Give a rule within them, or none for the chain's default.
		TimeLimitOutOfBounds,
		/// The store lists no asset. List at least one asset it accepts payment in.
		NoAssets,
		/// The store lists an asset twice. List each asset once.
		DuplicateAsset,
		/// Settlements on this chain cannot be paid in one of the listed assets (unknown, or
		/// not one the escrow settles in). List only assets the chain settles in.
		AssetNotSettled,
		/// The buyer asked for a refund on this order: answer the request first (grant it, ask
		/// for the goods back, or refuse it); the order moves again once the request ends.
		OrderInAfterSales,
		/// The payment request was signed by an account that is neither the store's owner nor
		/// its current payout account (a payout account the store replaced signs for it no
		/// more). Ask the store for a request signed by a key that acts for it.
		NotStoreSigner,
		/// The signature is not the signer's over this request: a term was changed after the
		/// store signed it, or another key signed it. Pay the request exactly as the store
		/// signed it.
		BadSignature,
		/// The payment request's last valid block has passed. Ask the store for a new one.
		RequestExpired,
		/// The payment request is valid for longer than `MaxRequestValidity` from now. The
		/// store must sign one that expires sooner.
		RequestValidTooLong,
		/// The payment request was signed for another chain: its genesis hash is not this
		/// chain's.
		WrongChain,
		/// The payment request names another account as its payer: only that account may
		/// pay it.
		NotRequestPayer,
		/// No marketplace has this id (it may have closed).
		UnknownMarketplace,
		/// Only the marketplace's operator may do this.
		NotOperator,
		/// The commission is above the chain's `MaxCommission`. Offer a lower rate.
		CommissionTooHigh,
		/// The marketplace's rate is not the one you accepted: it changed since you read it.
		/// Read its terms again and accept the rate it offers now, if you agree to it.
		TermsChanged,
		/// The store is not in this marketplace (or in none).
		NotInMarketplace,
	}

	/// A store registered at genesis: `(owner, payout account, name, default time-limit rule,
	/// accepted assets)`.
	pub type GenesisStore<T> = (
		<T as frame_system::Config>::AccountId,
		<T as frame_system::Config>::AccountId,
		alloc::vec::Vec<u8>,
		Option<BlockNumberFor<T>>,
		alloc::vec::Vec<AssetIdOf<T>>,
	);

	/// A marketplace registered at genesis: `(operator, name, commission in basis points, fee
	/// account)`.
	pub type GenesisMarketplace<T> = (
		<T as frame_system::Config>::AccountId,
		alloc::vec::Vec<u8>,
		BasisPoints,
		<T as frame_system::Config>::AccountId,
	);

	/// Stores (and marketplaces) registered at genesis, e.g. a demo store on a development
	/// chain.
	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// `(owner, payout account, name, default time-limit rule, accepted assets)` of each
		/// store, numbered from 0 in this order. Each owner must afford the store deposit; each
		/// list holds 1 to `MaxAssets` assets, none twice. Whether the chain settles in them is
		/// not checked here: the pallet that knows an asset (e.g. `pallet-assets`) may build its
		/// genesis after this one.
		pub stores: alloc::vec::Vec<GenesisStore<T>>,
		/// `(operator, name, commission in basis points, fee account)` of each marketplace,
		/// numbered from 0 in this order. Each operator must afford the marketplace deposit;
		/// each rate is at most `MaxCommission`.
		pub marketplaces: alloc::vec::Vec<GenesisMarketplace<T>>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			for (owner, payout, name, default_time_limit, assets) in &self.stores {
				// A chain spec with an invalid store must not start: fail the genesis build.
				let registered = NameOf::<T>::try_from(name.clone())
					.map_err(|_| DispatchError::Other("the name is too long"))
					.and_then(|name| {
						Pallet::<T>::ensure_name(&name)?;
						let assets = AssetsOf::<T>::try_from(assets.clone())
							.map_err(|_| DispatchError::Other("more assets than MaxAssets"))?;
						Pallet::<T>::ensure_asset_list(&assets)?;
						Pallet::<T>::do_register_store(
							owner.clone(),
							payout.clone(),
							name,
							*default_time_limit,
							assets,
						)
					});
				assert!(registered.is_ok(), "genesis store {name:?} is invalid: {registered:?}");
			}
			for (operator, name, rate, fee_account) in &self.marketplaces {
				let registered = NameOf::<T>::try_from(name.clone())
					.map_err(|_| DispatchError::Other("the name is too long"))
					.and_then(|name| {
						Pallet::<T>::do_register_marketplace(
							operator.clone(),
							name,
							*rate,
							fee_account.clone(),
						)
					});
				assert!(
					registered.is_ok(),
					"genesis marketplace {name:?} is invalid: {registered:?}"
				);
			}
		}
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			// The migration lists the native token for every store that existed before assets.
			assert!(T::MaxAssets::get() >= 1, "MaxAssets must let a store list one asset");
			assert!(T::MaxCommission::get() <= 10_000, "MaxCommission is at most the whole payout");
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Register a store. You become its owner; `StoreDeposit` is held from your account
		/// while the store exists.
		///
		/// - `payout`: the account settlements for this store must pay.
		/// - `name`: 1 to `MaxNameLen` bytes.
		/// - `default_time_limit`: blocks buyers have to confirm receipt after shipping, when a
		///   buyer gives none; `None` takes the chain's default.
		/// - `assets`: the assets buyers may pay the store in, 1 to `MaxAssets`, none twice, each
		///   one the chain settles in.
		///
		/// Complexity: O(`MaxAssets`).
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::register_store())]
		pub fn register_store(
			origin: OriginFor<T>,
			payout: T::AccountId,
			name: NameOf<T>,
			default_time_limit: Option<BlockNumberFor<T>>,
			assets: AssetsOf<T>,
		) -> DispatchResult {
			let owner = ensure_signed(origin)?;
			Self::ensure_name(&name)?;
			Self::ensure_time_limit(default_time_limit)?;
			Self::ensure_assets(&assets)?;
			Self::do_register_store(owner, payout, name, default_time_limit, assets).map(|_| ())
		}

		/// Change a store's payout account, name, default time-limit rule and accepted assets.
		///
		/// Signed by the owner. Orders already accepted keep the payout account they were
		/// accepted for (`escrow.follow_payout_account` sends each to the new one) and the asset
		/// they are paid in; a deduction or split the replaced payout account proposed no longer
		/// stands. `assets` replaces the list, under the rules of `register_store`; a dropped
		/// asset is refused for new settlements only.
		///
		/// Complexity: O(`MaxAssets`).
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::update_store())]
		pub fn update_store(
			origin: OriginFor<T>,
			store: StoreId,
			payout: T::AccountId,
			name: NameOf<T>,
			default_time_limit: Option<BlockNumberFor<T>>,
			assets: AssetsOf<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_update_store(who, store, payout, name, default_time_limit, assets)
		}

		/// Close a store with no paid or shipped orders; its deposit is returned.
		///
		/// Signed by the owner. Its closed orders stay readable until their settlements are
		/// removed after the escrow's retention period.
		///
		/// Complexity: O(1).
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::close_store())]
		pub fn close_store(origin: OriginFor<T>, store: StoreId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_close_store(who, store)
		}

		/// Accept a settlement's payment for your store order (S301–S302).
		///
		/// Signed by the store's owner. `order_amount` is the store's own order amount (this
		/// call is the store's record of it). The order is recorded as paid only if settlement
		/// `settlement` is paid, is for this store and `order_no`, pays this store's payout
		/// account, and holds at least `order_amount`, in the settlement's asset, which the
		/// order takes. `snapshot` and `time_limit` are the settlement's snapshot and resolved
		/// time-limit rule as you read them (its `SettlementOpened` or `SettlementUpdated`):
		/// if the buyer opened it again with others since, the acceptance fails with the
		/// escrow's `TermsChanged` and nothing is accepted. From then on the buyer can no longer
		/// lower the amount, nor change the terms, nor cancel before the ship-by limit.
		///
		/// Complexity: O(1).
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::accept_payment())]
		pub fn accept_payment(
			origin: OriginFor<T>,
			store: StoreId,
			order_no: OrderNoOf<T>,
			settlement: SettlementId,
			#[pallet::compact] order_amount: BalanceOf<T>,
			snapshot: [u8; 32],
			time_limit: BlockNumberFor<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_accept_payment(
				who,
				store,
				order_no,
				settlement,
				order_amount,
				snapshot,
				time_limit,
			)
		}

		/// Mark a paid order shipped, with its logistics information (S303). This starts the
		/// buyer's confirmation timer.
		///
		/// Signed by the store's owner. `logistics`: a carrier's tracking reference or a hash
		/// of the shipping document, at most `MaxLogisticsLen` bytes. The chain is public:
		/// never put a name, an address or a phone number here.
		///
		/// Complexity: O(1).
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::mark_shipped())]
		pub fn mark_shipped(
			origin: OriginFor<T>,
			store: StoreId,
			order_no: OrderNoOf<T>,
			logistics: LogisticsOf<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_mark_shipped(who, store, order_no, logistics)
		}

		/// Complete a store order from its settlement's payment record (S304–S305).
		///
		/// Anyone may call this. The escrow pallet completes orders itself when it pays; this
		/// call is for an order that was left behind. It succeeds only if the payment record
		/// paid at least the agreed amount, in the order's asset, to the payout account the
		/// order was accepted for.
		///
		/// Complexity: O(1).
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::complete_order())]
		pub fn complete_order(
			origin: OriginFor<T>,
			store: StoreId,
			order_no: OrderNoOf<T>,
		) -> DispatchResult {
			ensure_signed(origin)?;
			Self::do_complete_order(store, order_no)
		}

		/// Pay a store's signed payment request: open the settlement for its order and have it
		/// accepted at once, on exactly the terms the store signed (S201–S204 and S301–S302 in
		/// one step). The store need not be online.
		///
		/// Signed by the buyer. `request` is the store's request as it was signed, `signer` the
		/// account whose key signed it (the store's owner or its current payout account) and
		/// `signature` its signature over `request.signing_payload()`, raw or wrapped in
		/// `<Bytes>`…`</Bytes>` as browser wallets sign. You hold `request.amount` of
		/// `request.asset` and the settlement deposit; the payee is the store's current payout
		/// account. Refused, and nothing moves, when the request has expired or is valid too
		/// long, is for another chain, names another payer, is signed by a key that does not
		/// act for the store, does not match its signature (a term changed), or its order
		/// number was ever paid (`OrderExists`: a request pays once), and on every rule of
		/// opening and accepting a settlement.
		///
		/// An open settlement you had for the same order, not yet accepted, is updated to the
		/// request's terms and accepted. From then on the order is as if the store had accepted
		/// it with `accept_payment`: it ships it with `mark_shipped`.
		///
		/// Complexity: O(1); two signature checks at most.
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::pay_signed_request()
			.saturating_add(T::Escrow::funding_weight()))]
		pub fn pay_signed_request(
			origin: OriginFor<T>,
			request: PaymentRequestOf<T>,
			signer: T::AccountId,
			signature: T::OffchainSignature,
		) -> DispatchResultWithPostInfo {
			let buyer = ensure_signed(origin)?;
			Self::do_pay_signed_request(buyer, request, signer, signature)
		}

		/// Register a marketplace. You become its operator; `MarketplaceDeposit` is held from
		/// your account while it exists.
		///
		/// - `name`: 1 to `MaxNameLen` bytes, as buyers will see it.
		/// - `rate`: the commission on what each store in it is paid, in basis points (250 is
		///   2.5%), at most `MaxCommission`.
		/// - `fee_account`: where commissions are paid. It receives each in the settlement's
		///   asset; a commission below what it can receive (an asset's minimum balance, while
		///   the account does not exist) stays with the store.
		///
		/// Complexity: O(1).
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::register_marketplace())]
		pub fn register_marketplace(
			origin: OriginFor<T>,
			name: NameOf<T>,
			rate: BasisPoints,
			fee_account: T::AccountId,
		) -> DispatchResult {
			let operator = ensure_signed(origin)?;
			Self::do_register_marketplace(operator, name, rate, fee_account).map(|_| ())
		}

		/// Offer a new rate and name the fee account, for settlements opened from now on.
		///
		/// Signed by the operator. A lower rate applies at once to every store in the
		/// marketplace; a higher one is an offer: each store pays the rate it accepted until it
		/// accepts the new one (`join_marketplace`), so a lowered rate may rise again up to the
		/// rate a store accepted (a store that wants the lower one for good joins again at
		/// it). Settlements already open keep the commission they opened with, or a lower one:
		/// one the store has not accepted yet owes, when it accepts, no more than the store
		/// owes the marketplace then.
		///
		/// Complexity: O(1).
		#[pallet::call_index(8)]
		#[pallet::weight(T::WeightInfo::set_marketplace_terms())]
		pub fn set_marketplace_terms(
			origin: OriginFor<T>,
			marketplace: MarketplaceId,
			rate: BasisPoints,
			fee_account: T::AccountId,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_set_marketplace_terms(who, marketplace, rate, fee_account)
		}

		/// Close a marketplace; its deposit is returned. Its stores' settlements opened from
		/// now on pay no commission; those already open still pay theirs.
		///
		/// Signed by the operator. Complexity: O(1).
		#[pallet::call_index(9)]
		#[pallet::weight(T::WeightInfo::close_marketplace())]
		pub fn close_marketplace(
			origin: OriginFor<T>,
			marketplace: MarketplaceId,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_close_marketplace(who, marketplace)
		}

		/// Join a marketplace, accepting its commission: `rate` is the rate you read, in basis
		/// points. If the marketplace changed it since, the call fails with `TermsChanged` and
		/// nothing changes. Settlements opened for the store from now on pay the commission on
		/// each payout to the store; the buyer's price is the same.
		///
		/// Signed by the store's owner. A store is in one marketplace at a time: joining
		/// another leaves the one it was in; joining the same one again accepts its new rate.
		///
		/// Complexity: O(1).
		#[pallet::call_index(10)]
		#[pallet::weight(T::WeightInfo::join_marketplace())]
		pub fn join_marketplace(
			origin: OriginFor<T>,
			store: StoreId,
			marketplace: MarketplaceId,
			rate: BasisPoints,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_join_marketplace(who, store, marketplace, rate)
		}

		/// Leave the store's marketplace: settlements opened from now on pay no commission;
		/// those already open keep theirs.
		///
		/// Signed by the store's owner. Complexity: O(1).
		#[pallet::call_index(11)]
		#[pallet::weight(T::WeightInfo::leave_marketplace())]
		pub fn leave_marketplace(origin: OriginFor<T>, store: StoreId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_leave_marketplace(who, store)
		}

		/// Remove a store from your marketplace, as if it had left.
		///
		/// Signed by the operator. Complexity: O(1).
		#[pallet::call_index(12)]
		#[pallet::weight(T::WeightInfo::remove_from_marketplace())]
		pub fn remove_from_marketplace(
			origin: OriginFor<T>,
			marketplace: MarketplaceId,
			store: StoreId,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_remove_from_marketplace(who, marketplace, store)
		}
	}
}
