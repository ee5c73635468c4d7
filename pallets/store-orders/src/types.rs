//! The data the store-orders pallet keeps.

use crate::{PaymentRecordId, SettlementId};
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use core::fmt::Debug;
use scale_info::TypeInfo;

/// A registered store.
#[derive(
	Clone, Encode, Decode, DecodeWithMemTracking, Eq, PartialEq, Debug, TypeInfo, MaxEncodedLen,
)]
pub struct Store<AccountId, Balance, BlockNumber, Name, Assets> {
	/// Who registered the store and signs for it.
	pub owner: AccountId,
	/// The account settlements for this store must pay.
	pub payout: AccountId,
	/// The store's name.
	pub name: Name,
	/// The store's default time-limit rule, in blocks; `None` takes the chain's default.
	pub default_time_limit: Option<BlockNumber>,
	/// The assets the store accepts payment in, in the order the owner listed them: at least
	/// one, no duplicates, each one settlements can be paid in when it was listed.
	pub assets: Assets,
	/// The deposit held from the owner.
	pub deposit: Balance,
	/// How many of its orders are paid or shipped.
	pub open_orders: u32,
}

/// The trade state of a store order.
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
pub enum OrderStatus {
	/// Paid: the store accepted the settlement's payment (S302).
	Paid,
	/// Shipped: the buyer's confirmation timer runs (S303).
	Shipped,
	/// Completed: a payment record paid the store (S305).
	Completed,
	/// The buyer cancelled the settlement.
	Cancelled,
	/// The store refunded the settlement.
	Refunded,
	/// A side disputed the settlement; the escrow's timer is stopped.
	Disputed,
	/// The buyer asked for a refund; the escrow's timer is stopped until the store answers,
	/// the goods come back, or the chain settles the request. Added last: the other variants
	/// kept their encoding, so stored orders needed no migration.
	AfterSales,
}

impl OrderStatus {
	/// Paid, shipped, disputed or in after-sales: the settlement is still open.
	pub fn is_open(&self) -> bool {
		matches!(self, Self::Paid | Self::Shipped | Self::Disputed | Self::AfterSales)
	}

	/// Whether the order keeps its store order number from being paid again: an open or
	/// completed order does; a cancelled or refunded one can be paid again by a new settlement.
	pub fn reserves_order_number(&self) -> bool {
		self.is_open() || *self == Self::Completed
	}
}

/// A store order, keyed by `(StoreId, store order number)`.
#[derive(
	Clone, Encode, Decode, DecodeWithMemTracking, Eq, PartialEq, Debug, TypeInfo, MaxEncodedLen,
)]
pub struct StoreOrder<AccountId, AssetId, Balance, Logistics> {
	/// The settlement that pays for the order.
	pub settlement: SettlementId,
	/// The buyer.
	pub buyer: AccountId,
	/// The payout account the order was accepted for.
	pub payee: AccountId,
	/// The asset the order is paid in: its settlement's. Every amount of the order is in it.
	pub asset: AssetId,
	/// The order amount the store stated when it accepted.
	pub order_amount: Balance,
	/// The trade state.
	pub status: OrderStatus,
	/// Carrier reference or hash, once shipped.
	pub logistics: Option<Logistics>,
	/// The payment record that completed the order.
	pub record: Option<PaymentRecordId>,
	/// What the payment record paid the store.
	pub paid: Option<Balance>,
}

impl<AccountId, AssetId, Balance, Logistics> StoreOrder<AccountId, AssetId, Balance, Logistics> {
	/// Where the order goes back to when a dispute or a refund request ends: shipped if it has
	/// its logistics, else paid.
	pub fn resumed_status(&self) -> OrderStatus {
		if self.logistics.is_some() {
			OrderStatus::Shipped
		} else {
			OrderStatus::Paid
		}
	}
}

/// What a store's payment request signatures are made over comes after these bytes, so that
/// no other message a key signs (a transaction, a login) can pass for a payment request. The
/// version changes with the request's encoding, so that a signature never takes a new meaning
/// after an upgrade.
pub const PAYMENT_REQUEST_CONTEXT: [u8; 31] = *b"escrow-chain payment request v1";

/// A store's payment request: the terms of one order that the store signs off chain with its
/// owner's or its current payout account's key, and that the buyer pays with
/// `pay_signed_request`. The settlement it opens is accepted on exactly these terms.
#[derive(Clone, Encode, Decode, DecodeWithMemTracking, Eq, PartialEq, Debug, TypeInfo)]
pub struct PaymentRequest<AccountId, AssetId, Balance, BlockNumber, OrderNo, Hash> {
	/// The store that asks to be paid.
	pub store: crate::StoreId,
	/// The store's own order number. A request pays an order number that the store has
	/// never had paid (or whose record the chain has pruned): once.
	pub order_no: OrderNo,
	/// The asset to pay in: one the store accepts.
	pub asset: AssetId,
	/// What the buyer holds and the store accepts as the order amount, in `asset`.
	pub amount: Balance,
	/// A 32-byte hash of the store's order document.
	pub snapshot: [u8; 32],
	/// The blocks the buyer has to confirm receipt after shipping: within the chain's bounds.
	pub time_limit: BlockNumber,
	/// The last block (of the clock deadlines count in) the request can be paid in: at most
	/// `MaxRequestValidity` ahead when it is paid. A request valid for longer is refused until
	/// its last block is that close.
	pub valid_until: BlockNumber,
	/// The only account that may pay it, if the store names one. Without it the request is a
	/// bearer request: whoever pays it first is the settlement's buyer, and the order number
	/// is used. Name the buyer's account when you know it.
	pub payer: Option<AccountId>,
	/// The hash of this chain's genesis block: a request for another chain is refused.
	pub genesis: Hash,
}

impl<AccountId, AssetId, Balance, BlockNumber, OrderNo, Hash>
	PaymentRequest<AccountId, AssetId, Balance, BlockNumber, OrderNo, Hash>
where
	Self: Encode,
{
	/// The bytes the store signs: [`PAYMENT_REQUEST_CONTEXT`], then the request's SCALE
	/// encoding. A wallet that wraps what it signs in `<Bytes>` and `</Bytes>` (the
	/// polkadot.js extension does) signs those bytes wrapped; the pallet accepts both.
	pub fn signing_payload(&self) -> alloc::vec::Vec<u8> {
		(PAYMENT_REQUEST_CONTEXT, self).encode()
	}
}

/// What the benchmarks need from the runtime's escrow side.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<AccountId, AssetId, Balance, BlockNumber, Signature> {
	/// The account of a new signing key, for a store owner who signs payment requests.
	fn signer() -> AccountId;
	/// `message` signed with the key of `signer`, an account [`Self::signer`] made.
	fn sign(signer: &AccountId, message: &[u8]) -> Signature;
	/// Gives `who` `amount` of `asset`, and the native token to pay for holding it.
	fn fund(who: &AccountId, asset: &AssetId, amount: Balance);
	/// `MaxAssets` distinct assets settlements can be paid in (`SettlementProvider::settles_in`),
	/// creating them first if the chain has fewer: the benchmarks register every store listing
	/// them all, the worst case. The benchmarks' settlements are paid in the first one, so put
	/// the asset that costs most to settle in first. Fewer than `MaxAssets` benchmarks a
	/// smaller store than the worst case; more are cut off.
	fn assets() -> alloc::vec::Vec<AssetId>;
	/// Opens a settlement awaiting acceptance by `buyer` for `store` and `order_no`, paying
	/// `amount` of `asset` (the first of [`Self::assets`]) to `payee`; returns its id. The
	/// caller funds `buyer` in the native currency; fund it in `asset` here if that differs.
	fn open_settlement(
		buyer: &AccountId,
		store: crate::StoreId,
		order_no: &[u8],
		payee: &AccountId,
		asset: &AssetId,
		amount: Balance,
	) -> SettlementId;
	/// Pays the shipped settlement `id` out in full, as the buyer's confirmation does; returns
	/// its payment record.
	fn pay(id: SettlementId) -> Option<PaymentRecordId>;
	/// The terms the store accepts settlement `id` on: its snapshot and its resolved
	/// time-limit rule.
	fn terms(id: SettlementId) -> ([u8; 32], BlockNumber);
}

/// A marketplace: an operator that brings shops and shoppers to the chain and earns a
/// commission on what each store in it is paid.
#[derive(
	Clone, Encode, Decode, DecodeWithMemTracking, Eq, PartialEq, Debug, TypeInfo, MaxEncodedLen,
)]
pub struct Marketplace<AccountId, Balance, Name> {
	/// Who registered it and sets its terms.
	pub operator: AccountId,
	/// Its name, as buyers see it.
	pub name: Name,
	/// The commission it offers stores now, in basis points of what a store is paid. A store
	/// pays the rate it accepted, or this one if it is lower.
	pub rate: crate::BasisPoints,
	/// The account commissions are paid to.
	pub fee_account: AccountId,
	/// The deposit held from the operator while it exists.
	pub deposit: Balance,
}

/// A store's place in a marketplace: the rate the store accepted, by number.
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
pub struct Membership {
	/// The marketplace.
	pub marketplace: crate::MarketplaceId,
	/// The rate the store accepted when it joined, in basis points.
	pub rate: crate::BasisPoints,
}
