//! The data the funding pallet keeps: links, offers and the draws of each settlement.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;

/// A buyer's accepted top-up link to one linked account, in one asset.
#[derive(
	Clone, Encode, Decode, DecodeWithMemTracking, Eq, PartialEq, Debug, TypeInfo, MaxEncodedLen,
)]
pub struct TopUp<AssetId, Balance> {
	/// The asset the link tops up in: drawn only for settlements in it.
	pub asset: AssetId,
	/// What the buyer may still draw, in `asset`.
	pub limit: Balance,
	/// What is held from the linked account for this link, in the native token.
	pub deposit: Balance,
}

/// A lender's accepted credit line for one borrower, in one asset.
#[derive(
	Clone, Encode, Decode, DecodeWithMemTracking, Eq, PartialEq, Debug, TypeInfo, MaxEncodedLen,
)]
pub struct CreditLine<AssetId, Balance> {
	/// The asset the line lends in: drawn only for settlements in it, and owed and repaid in
	/// it.
	pub asset: AssetId,
	/// The most the borrower may owe the lender through new draws, in `asset`.
	pub limit: Balance,
	/// What the borrower owes the lender now, in `asset`.
	pub debt: Balance,
	/// Whether new draws are allowed.
	pub open: bool,
	/// What is held from the lender for this line, in the native token.
	pub deposit: Balance,
}

/// An offer of top-ups or of a credit line in one asset, not yet accepted: never drawn on.
#[derive(
	Clone, Encode, Decode, DecodeWithMemTracking, Eq, PartialEq, Debug, TypeInfo, MaxEncodedLen,
)]
pub struct Offer<AssetId, Balance> {
	/// The asset offered: the link's asset once accepted.
	pub asset: AssetId,
	/// The limit offered, in `asset`.
	pub limit: Balance,
	/// What is held from the creator for this offer, in the native token.
	pub deposit: Balance,
}

/// Where a draw came from; also the kind of an offer or a link.
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

/// One draw for a settlement, in the settlement's asset (all draws of one settlement are in
/// it).
#[derive(
	Clone, Encode, Decode, DecodeWithMemTracking, Eq, PartialEq, Debug, TypeInfo, MaxEncodedLen,
)]
pub struct Draw<AccountId, Balance> {
	/// The linked account or lender.
	pub from: AccountId,
	/// Which kind of source.
	pub source: Source,
	/// How much it gave (for credit: how much of it is still to be repaid from the hold).
	pub amount: Balance,
}

/// What the benchmarks need from the rest of the runtime.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<AccountId, AssetId, Balance> {
	/// The asset the benchmarks link and draw in: on escrow-chain the stablecoin, whose
	/// transfers (in `pallet-assets`) cost more than the native token's.
	fn asset() -> AssetId;
	/// Gives `who` `amount` of [`Self::asset`].
	fn fund(who: &AccountId, amount: Balance);
}
