//! The data the funding pallet keeps: links, offers and the draws of each settlement.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;

/// A buyer's accepted top-up link to one linked account.
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
pub struct TopUp<Balance> {
	/// What the buyer may still draw.
	pub limit: Balance,
	/// What is held from the linked account for this link.
	pub deposit: Balance,
}

/// A lender's accepted credit line for one borrower.
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
	/// What is held from the lender for this line.
	pub deposit: Balance,
}

/// An offer of top-ups or of a credit line, not yet accepted: never drawn on.
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
pub struct Offer<Balance> {
	/// The limit offered.
	pub limit: Balance,
	/// What is held from the creator for this offer.
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

/// One draw for a settlement.
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
