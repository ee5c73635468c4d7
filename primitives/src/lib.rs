//! # Escrow primitives
//!
//! The ids, records and traits through which escrow-chain's pallets know each other, as
//! `sp-staking` serves the staking pallets: each pallet depends on this crate, none on another
//! pallet, and the runtime joins them.
//!
//! ## Overview
//!
//! The escrow pallet (the patent's *transaction device*, CN116485397A) holds a buyer's payment
//! for a store order; the store-orders pallet (the *store device*) keeps the store's order
//! book; the funding pallet covers a buyer who is short [claims 2 and 3]. They talk through
//! four traits, each implemented by one pallet and named by another in its `Config`:
//!
//! | trait | what it tells | implemented by | used by |
//! |---|---|---|---|
//! | [`StoreDirectory`] | whether a store exists, its default time-limit rule, its owner | `pallet-store-orders` | `pallet-escrow` (`Config::Stores`) |
//! | [`SettlementProvider`] | a settlement as the store sees it; the store accepts and ships (S301–S303) | `pallet-escrow` | `pallet-store-orders` (`Config::Escrow`) |
//! | [`SettlementObserver`] | a settlement was paid out, released, disputed or removed (S304–S305) | `pallet-store-orders` | `pallet-escrow` (`Config::Observer`) |
//! | [`FundingSource`] | cover a buyer's shortfall; repay credit from what a hold releases (S103) | `pallet-funding` | `pallet-escrow` (`Config::Funding`) |
//! | [`AssetRate`] | what a deposit set in the native token costs in a settlement's asset | the runtime | `pallet-escrow` (`Config::AssetRate`) |
//!
//! The traits are generic over the asset a settlement is paid in (`AssetId`; on escrow-chain
//! `NativeOrWithId<u32>`: the native token or an asset of `pallet-assets`): every amount they
//! pass is in the settlement's asset. Each trait but [`AssetRate`] has an implementation for
//! `()`, for a chain or a test without the other side.
//!
//! Beside the traits, this crate holds what their signatures name: the ids ([`SettlementId`],
//! [`PaymentRecordId`], [`StoreId`]), where a settlement stands ([`SettlementStatus`]), the
//! payment record ([`PaymentRecord`], [`PayoutTrigger`]) and the store's view of a settlement
//! ([`SettlementSummary`]); and [`MaxOrderNumberLen`], the length of a store order number that
//! the escrow and the store side must agree on. The runtime API of the two, [`api::EscrowApi`],
//! is declared here too, since it answers for both.
//!
//! ## Terms
//!
//! | patent | here |
//! |---|---|
//! | C2C settlement order number | [`SettlementId`], assigned by the escrow pallet |
//! | store device number | [`StoreId`], assigned by the store directory |
//! | payment record number | [`PaymentRecordId`]; the record is a [`PaymentRecord`] |
//! | (beyond the patent) a marketplace's commission | [`Commission`], recorded by a settlement; [`PaidCommission`] in its payment record |
//! | transaction status paid (S204) | [`SettlementStatus::AwaitingAcceptance`]: held, waiting for the store |
//! | transaction status completed (S206) | [`SettlementStatus::Completed`] |

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub mod api;

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use sp_runtime::{
	traits::{ConstU32, Saturating, Zero},
	DispatchError, DispatchResult, Weight,
};

/// A C2C settlement order number, assigned by the escrow pallet in opening order.
pub type SettlementId = u64;

/// A payment record number. A settlement is paid out at most once, and its payment record
/// takes the settlement's own id.
pub type PaymentRecordId = u64;

/// A store, as numbered by the store directory (`pallet-store-orders` on escrow-chain).
pub type StoreId = u32;

/// The longest store order number on escrow-chain, in bytes.
pub const MAX_ORDER_NUMBER_LEN: u32 = 64;

/// The longest store order number, in bytes, as a `Get<u32>`: the escrow and the store side
/// must use the same bound (each pallet's `Config::MaxOrderNumberLen`), or an order number one
/// accepts the other could not store.
pub type MaxOrderNumberLen = ConstU32<MAX_ORDER_NUMBER_LEN>;

/// Where a settlement stands.
///
/// `AwaitingAcceptance`, `Accepted`, `Shipped`, `Disputed` and `RefundRequested` are open: the
/// amount is held in the buyer's account. `Completed`, `Cancelled` and `Refunded` are closed:
/// nothing is held any more.
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
pub enum SettlementStatus {
	/// The amount is held; the store has not accepted the payment yet (S105). The patent's
	/// "paid" (S204).
	///
	/// Formerly named `Paid`. The variant kept its index (0), so settlements stored under the
	/// old name decode as this one: the rename needed no storage migration.
	AwaitingAcceptance,
	/// The store accepted the payment for its order and is preparing it (S302).
	Accepted,
	/// The store shipped; the confirmation timer runs until the settlement's deadline (S303).
	Shipped,
	/// Paid out to the payee, by the buyer's confirmation or at the deadline (S108).
	Completed,
	/// Cancelled by the buyer; the whole hold went back to the buyer.
	Cancelled,
	/// Refunded by the payee; the whole hold went back to the buyer.
	Refunded,
	/// A side disputed the order: the timer is stopped until the sides agree a split or the
	/// arbiter rules (the escrow pallet keeps the dispute).
	Disputed,
	/// The buyer asked for a refund of all or part of the amount: the timer is stopped until
	/// the store answers, the chain grants it when the store is silent, or the goods come back
	/// (the escrow pallet keeps the request). Added last, so that the other variants kept their
	/// encoding.
	RefundRequested,
}

impl SettlementStatus {
	/// Whether funds are still held for this settlement.
	pub fn is_open(&self) -> bool {
		matches!(
			self,
			Self::AwaitingAcceptance
				| Self::Accepted
				| Self::Shipped
				| Self::Disputed
				| Self::RefundRequested
		)
	}
}

/// A step of a settlement's after-sales, as the store side is told of it.
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
pub enum AfterSalesStep<Balance> {
	/// The buyer requested a refund of `amount`: the timer stopped.
	Requested { amount: Balance },
	/// The store granted it on condition that the goods come back.
	ReturnAwaited,
	/// The buyer shipped the goods back.
	ReturnShipped,
	/// The request ended (granted, refused into a dispute, or lost): the settlement went back
	/// to where it stood. A grant reports its refund with `Refunded` first.
	Ended,
	/// `amount` of the hold went back to the buyer (a granted request or the store's partial
	/// refund); the settlement stays open. What the store is owed fell by all of a partial
	/// refund, and by a grant only beyond what the buyer held over it.
	Refunded { amount: Balance },
}

/// How a payment record came about.
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
pub enum PayoutTrigger {
	/// The buyer confirmed receipt (S107–S108).
	Confirmed,
	/// The deadline passed and the chain paid by itself [claim 5].
	Deadline,
	/// The two sides agreed a split of a disputed settlement.
	Agreed,
	/// The arbiter ruled on a disputed settlement.
	Arbiter,
}

/// A payment record: proof that a settlement paid its payee (S108, S206).
#[derive(
	Clone, Encode, Decode, DecodeWithMemTracking, Eq, PartialEq, Debug, TypeInfo, MaxEncodedLen,
)]
pub struct PaymentRecord<AccountId, AssetId, Balance, BlockNumber> {
	/// The settlement that was paid out.
	pub settlement: SettlementId,
	/// The buyer, from whose hold the payment came.
	pub payer: AccountId,
	/// Who received it.
	pub payee: AccountId,
	/// The asset it was paid in: the settlement's.
	pub asset: AssetId,
	/// What the order was paid, in `asset`: the payee received it less the commission
	/// ([`PaymentRecord::received`]).
	pub amount: Balance,
	/// The block of the payment.
	pub at: BlockNumber,
	/// Whether the buyer confirmed or the deadline passed.
	pub trigger: PayoutTrigger,
	/// The commission the store's marketplace took of `amount`, if the settlement was opened
	/// while its store was in one.
	pub commission: Option<PaidCommission<AccountId, Balance>>,
}

impl<AccountId, AssetId, Balance: Saturating + Copy + Zero, BlockNumber>
	PaymentRecord<AccountId, AssetId, Balance, BlockNumber>
{
	/// What the payee received: the amount paid less the commission.
	pub fn received(&self) -> Balance {
		let commission = self.commission.as_ref().map_or_else(Zero::zero, |c| c.amount);
		self.amount.saturating_sub(commission)
	}
}

/// A marketplace, as numbered by the store directory (`pallet-store-orders` on escrow-chain).
pub type MarketplaceId = u32;

/// A commission rate in basis points: 1 is 0.01%, 10,000 is the whole payout.
pub type BasisPoints = u16;

/// The commission a settlement owes its store's marketplace on every payout to the store,
/// recorded when the settlement opens: the rate the store accepted (or a lower one the
/// marketplace offers since) and the fee account it is paid to.
#[derive(
	Clone, Encode, Decode, DecodeWithMemTracking, Eq, PartialEq, Debug, TypeInfo, MaxEncodedLen,
)]
pub struct Commission<AccountId> {
	/// The marketplace the store was in.
	pub marketplace: MarketplaceId,
	/// The rate, in basis points of what the store is paid.
	pub rate: BasisPoints,
	/// The marketplace's account the commission is paid to.
	pub fee_account: AccountId,
}

impl<AccountId> Commission<AccountId> {
	/// The commission on a payout of `paid`: `rate` basis points of it, rounded down, so that
	/// rounding favours the store.
	pub fn of<Balance>(&self, paid: Balance) -> Balance
	where
		Balance: sp_runtime::traits::AtLeast32BitUnsigned + Copy,
	{
		// A basis point is 100 parts per million; a rate above 10,000 is the whole payout.
		let parts = u32::from(self.rate).saturating_mul(100);
		sp_runtime::Permill::from_parts(parts).mul_floor(paid)
	}
}

/// What a payout paid its marketplace, in its payment record.
#[derive(
	Clone, Encode, Decode, DecodeWithMemTracking, Eq, PartialEq, Debug, TypeInfo, MaxEncodedLen,
)]
pub struct PaidCommission<AccountId, Balance> {
	/// The marketplace.
	pub marketplace: MarketplaceId,
	/// The rate the settlement recorded, in basis points.
	pub rate: BasisPoints,
	/// The account it was paid to.
	pub fee_account: AccountId,
	/// What the fee account received, in the record's asset: zero when the fee account could
	/// not receive the commission (below the asset's minimum balance while it does not exist,
	/// blocked by the asset's issuer, unable to hold the asset) or the payee could then not
	/// receive the rest: the payee was paid it.
	pub amount: Balance,
}

/// What the store side needs to know about a settlement before it accepts it.
#[derive(Clone, Eq, PartialEq, Debug)]
pub struct SettlementSummary<AccountId, AssetId, Balance> {
	/// The buyer.
	pub buyer: AccountId,
	/// The account the settlement pays.
	pub payee: AccountId,
	/// The store the buyer named.
	pub store: StoreId,
	/// The store order number the buyer named.
	pub order_no: alloc::vec::Vec<u8>,
	/// The asset the settlement is paid in; every amount here is in it.
	pub asset: AssetId,
	/// The amount held.
	pub amount: Balance,
	/// What the payee is owed: the accepted order amount, or an agreed deduction's payout.
	pub agreed_amount: Balance,
	/// Where the settlement stands.
	pub status: SettlementStatus,
	/// The payment record, once the settlement is paid out.
	pub record: Option<PaymentRecordId>,
}

/// The store directory, as the escrow pallet sees it.
///
/// On escrow-chain `pallet-store-orders` implements it. `()` knows every store id and gives no
/// store default and accepts every asset, which suits a chain (or a test) without a store
/// directory.
pub trait StoreDirectory<AccountId, AssetId, BlockNumber> {
	/// `None` if `store` is not registered; otherwise the store's default time-limit rule, if it
	/// set one (`Some(None)`: registered, no default of its own).
	fn store_time_limit(store: StoreId) -> Option<Option<BlockNumber>>;
	/// Whether `who` may act for `store` now: its owner, or its current payout account (a shop
	/// often keeps its payout key offline, so the owner acts too). A key the store replaced
	/// answers `false`, on every settlement, whatever account the settlement pays.
	fn acts_for(store: StoreId, who: &AccountId) -> bool;
	/// Whether `store` accepts payment in `asset`.
	fn accepts(store: StoreId, asset: &AssetId) -> bool;
	/// The account `store` is paid into now, if `store` is registered.
	fn payout_account(store: StoreId) -> Option<AccountId>;
	/// The commission a settlement opened now for `store` owes its marketplace, if the store
	/// is in one and the rate is above zero.
	fn commission(store: StoreId) -> Option<Commission<AccountId>>;
}

impl<AccountId, AssetId, BlockNumber> StoreDirectory<AccountId, AssetId, BlockNumber> for () {
	fn store_time_limit(_: StoreId) -> Option<Option<BlockNumber>> {
		Some(None)
	}
	fn acts_for(_: StoreId, _: &AccountId) -> bool {
		false
	}
	fn accepts(_: StoreId, _: &AssetId) -> bool {
		true
	}
	fn payout_account(_: StoreId) -> Option<AccountId> {
		None
	}
	fn commission(_: StoreId) -> Option<Commission<AccountId>> {
		None
	}
}

/// The escrow pallet as the store side uses it (S301–S303).
///
/// On escrow-chain `pallet-escrow` implements it.
pub trait SettlementProvider<AccountId, AssetId, Balance, BlockNumber> {
	/// A settlement as the store side needs to see it, if it exists.
	fn summary(id: SettlementId) -> Option<SettlementSummary<AccountId, AssetId, Balance>>;
	/// A payment record, if it exists.
	fn payment_record(
		id: PaymentRecordId,
	) -> Option<PaymentRecord<AccountId, AssetId, Balance, BlockNumber>>;
	/// Whether settlements can be paid in `asset` on this chain: a store may accept only such
	/// assets.
	fn settles_in(asset: &AssetId) -> bool;
	/// The store accepted the settlement `id`, awaiting acceptance, for an order of
	/// `order_amount`, on the terms it saw: the settlement's snapshot and its resolved
	/// time-limit rule. Fails if either changed in the meantime (a re-opening racing the
	/// acceptance): a store's "yes" is to the terms it read, never to others.
	fn accept(
		id: SettlementId,
		order_amount: Balance,
		snapshot: [u8; 32],
		time_limit: BlockNumber,
	) -> DispatchResult;
	/// The shortest and the longest time-limit rule on this chain, in blocks: a store's
	/// default must lie within them.
	fn time_limit_bounds() -> (BlockNumber, BlockNumber);
	/// The store shipped the accepted settlement `id`: start its confirmation timer. Returns the
	/// deadline.
	fn ship(id: SettlementId) -> Result<BlockNumber, DispatchError>;
	/// The current block of the clock deadlines are counted in (on a parachain, the relay
	/// chain's): what a signed payment request's last valid block is compared with.
	fn now() -> BlockNumber;
	/// Opens a settlement by `buyer` for `store` and `order_no`, holding `amount` of `asset`
	/// for `payee`, with the time-limit rule `time_limit` and the order document `snapshot`,
	/// and accepts it at once for an order of `amount`: a store's payment request it signed
	/// in advance. Every rule of opening and of acceptance applies (the store accepts
	/// `asset`, the payee can receive `amount`, the buyer can hold it and the deposit); a
	/// `time_limit` the chain would resolve to another rule fails as a changed term. An
	/// unaccepted settlement the buyer had opened for the same order is updated to these
	/// terms and accepted. Returns the settlement and the weight its funding sources took
	/// (at most [`Self::funding_weight`]).
	#[allow(clippy::too_many_arguments)]
	fn open_accepted(
		buyer: &AccountId,
		store: StoreId,
		order_no: &[u8],
		asset: AssetId,
		amount: Balance,
		payee: AccountId,
		time_limit: BlockNumber,
		snapshot: [u8; 32],
	) -> Result<(SettlementId, Weight), DispatchError>;
	/// The most weight the buyer's funding sources take when a settlement opens.
	fn funding_weight() -> Weight;
}

/// Told when a settlement closes, so that the store side can follow it (S304–S305).
///
/// On escrow-chain `pallet-store-orders` implements it. Implementations must not fail: the
/// escrow side has already moved the funds.
pub trait SettlementObserver<AccountId, AssetId, Balance, BlockNumber> {
	/// The settlement `id` was paid out and `record` written as payment record `record_id`.
	fn on_paid(
		id: SettlementId,
		record_id: PaymentRecordId,
		record: &PaymentRecord<AccountId, AssetId, Balance, BlockNumber>,
	);
	/// The settlement `id` closed without a payment: cancelled by the buyer (`Cancelled`) or
	/// refunded by the payee (`Refunded`).
	fn on_released(id: SettlementId, status: SettlementStatus);
	/// The settlement `id` was disputed (`open`), or its dispute sent it back to its timer.
	fn on_dispute(id: SettlementId, open: bool);
	/// A step of the settlement `id`'s after-sales: a refund request and its answer, a return,
	/// a partial refund. A refund that closes the settlement is told by `on_released`.
	fn on_after_sales(id: SettlementId, step: AfterSalesStep<Balance>);
	/// The closed settlement `id` was removed after the retention period: records kept for it
	/// go with it.
	fn on_pruned(id: SettlementId);
	/// The store sent the unpaid payout of settlement `id` to `payee`, its current payout
	/// account: the payment record will name it.
	fn on_payee_changed(id: SettlementId, payee: &AccountId);
	/// The most weight one call of `on_paid`, `on_released`, `on_pruned` or
	/// `on_payee_changed` takes.
	fn weight() -> Weight;
}

impl<AccountId, AssetId, Balance, BlockNumber>
	SettlementObserver<AccountId, AssetId, Balance, BlockNumber> for ()
{
	fn on_paid(
		_: SettlementId,
		_: PaymentRecordId,
		_: &PaymentRecord<AccountId, AssetId, Balance, BlockNumber>,
	) {
	}
	fn on_released(_: SettlementId, _: SettlementStatus) {}
	fn on_dispute(_: SettlementId, _: bool) {}
	fn on_after_sales(_: SettlementId, _: AfterSalesStep<Balance>) {}
	fn on_pruned(_: SettlementId) {}
	fn on_payee_changed(_: SettlementId, _: &AccountId) {}
	fn weight() -> Weight {
		Weight::zero()
	}
}

/// Where a buyer who is short of funds draws the shortfall from [S103, claims 2 and 3].
///
/// On escrow-chain `pallet-funding` implements it: the buyer's linked accounts first, then
/// credit lines. `()` has no sources: a buyer must cover every settlement alone.
///
/// Every amount is in `asset`, the settlement's asset: only sources in that asset are drawn
/// on, and credit drawn is owed and repaid in it.
pub trait FundingSource<AccountId, AssetId, Balance> {
	/// Moves `shortfall` of `asset` into `buyer`'s free balance for settlement `id`. All or
	/// nothing: on error nothing has moved.
	fn cover(
		id: SettlementId,
		buyer: &AccountId,
		asset: &AssetId,
		shortfall: Balance,
	) -> DispatchResult;
	/// Settlement `id` closed and `released` of its hold went back to `buyer`: credit drawn
	/// for it is repaid from that first. Returns the weight it took, at most
	/// [`Self::on_close_weight`].
	fn on_close(id: SettlementId, buyer: &AccountId, asset: &AssetId, released: Balance) -> Weight;
	/// Settlement `id` is still open, but `released` of its hold went back to `buyer` (its
	/// amount was lowered): credit drawn for it is repaid from that first, as on the close, and
	/// the draws still owed stay recorded. Returns the weight it took, at most
	/// [`Self::on_close_weight`].
	fn on_release(
		id: SettlementId,
		buyer: &AccountId,
		asset: &AssetId,
		released: Balance,
	) -> Weight;
	/// The most weight one call of [`Self::cover`] takes.
	fn cover_weight() -> Weight;
	/// The most weight one call of [`Self::on_close`] takes.
	fn on_close_weight() -> Weight;
}

impl<AccountId, AssetId, Balance> FundingSource<AccountId, AssetId, Balance> for () {
	fn cover(_: SettlementId, _: &AccountId, _: &AssetId, _: Balance) -> DispatchResult {
		Err(sp_runtime::TokenError::FundsUnavailable.into())
	}
	fn on_close(_: SettlementId, _: &AccountId, _: &AssetId, _: Balance) -> Weight {
		Weight::zero()
	}
	fn on_release(_: SettlementId, _: &AccountId, _: &AssetId, _: Balance) -> Weight {
		Weight::zero()
	}
	fn cover_weight() -> Weight {
		Weight::zero()
	}
	fn on_close_weight() -> Weight {
		Weight::zero()
	}
}

/// The chain's rate from its native token to the assets settlements are paid in.
///
/// Deposits are set in the native token (`SettlementDeposit`, `DisputeDeposit`); a settlement
/// in an asset holds them in that asset, converted at this rate, so that a buyer who holds only
/// a stablecoin can pay them. On escrow-chain the rate is the one transaction fees are charged
/// in the asset at (the asset's minimum balance against the existential deposit).
pub trait AssetRate<AssetId, Balance> {
	/// `native` of the native token in `asset`, or `None` if settlements cannot be paid in
	/// `asset` (it has no rate: unknown, or not sufficient).
	fn from_native(asset: &AssetId, native: Balance) -> Option<Balance>;
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn awaiting_acceptance_encodes_as_paid_did() {
		// Settlements stored before the rename decode unchanged: the variant kept index 0.
		assert_eq!(SettlementStatus::AwaitingAcceptance.encode(), alloc::vec![0u8]);
		assert_eq!(
			SettlementStatus::decode(&mut &[0u8][..]),
			Ok(SettlementStatus::AwaitingAcceptance)
		);
	}
}
