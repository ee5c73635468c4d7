//! Tests of the funding pallet: offers and acceptance, deposits, each source alone and
//! combined, limits, revocation and removal, repayment, refunds to the lender, links in an
//! asset (drawn, owed and repaid only in it; switching asset), and every error.

use crate::{mock::*, *};

mod assets;
mod drawing;
mod offers;

use frame_support::{
	assert_noop, assert_ok,
	traits::{
		fungible::{Inspect, InspectHold},
		Get,
	},
	weights::{RuntimeDbWeight, Weight},
};
use sp_runtime::DispatchError;

fn free(who: AccountId) -> Balance {
	Balances::balance(&who)
}

fn held(who: AccountId) -> Balance {
	Balances::balance_on_hold(&HoldReason::LinkDeposit.into(), &who)
}

/// Covers `shortfall` of the buyer's native settlement `id`.
fn cover(id: u64, shortfall: Balance) -> Result<(), DispatchError> {
	cover_in(NATIVE, id, shortfall)
}

/// Covers `shortfall` of the buyer's settlement `id` in `asset`.
fn cover_in(asset: AssetKind, id: u64, shortfall: Balance) -> Result<(), DispatchError> {
	<Funding as FundingSource<AccountId, AssetKind, Balance>>::cover(id, &BUYER, &asset, shortfall)
}

/// The buyer's native settlement `id` closes, `released` of its hold going back.
fn close(id: u64, released: Balance) -> Weight {
	close_in(NATIVE, id, released)
}

/// The buyer's settlement `id` in `asset` closes, `released` of its hold going back.
fn close_in(asset: AssetKind, id: u64, released: Balance) -> Weight {
	<Funding as FundingSource<AccountId, AssetKind, Balance>>::on_close(
		id, &BUYER, &asset, released,
	)
}

/// `released` of the hold of the buyer's native settlement `id` goes back before the close.
fn release(id: u64, released: Balance) -> Weight {
	release_in(NATIVE, id, released)
}

/// `released` of the hold of the buyer's settlement `id` in `asset` goes back before the close.
fn release_in(asset: AssetKind, id: u64, released: Balance) -> Weight {
	<Funding as FundingSource<AccountId, AssetKind, Balance>>::on_release(
		id, &BUYER, &asset, released,
	)
}

fn one_read() -> Weight {
	let db: RuntimeDbWeight = <<Test as frame_system::Config>::DbWeight as Get<_>>::get();
	db.reads(1)
}

/// `linked` offers native top-ups up to `limit` and the buyer accepts.
fn link(linked: AccountId, limit: Balance) {
	link_in(linked, NATIVE, limit)
}

/// `linked` offers top-ups of `asset` up to `limit` and the buyer accepts.
fn link_in(linked: AccountId, asset: AssetKind, limit: Balance) {
	assert_ok!(Funding::approve_top_up(RuntimeOrigin::signed(linked), BUYER, asset.clone(), limit));
	assert_ok!(Funding::accept_top_up(RuntimeOrigin::signed(BUYER), linked, asset, limit));
}

/// `lender` offers a native credit line of `limit` and the buyer accepts.
fn lend(lender: AccountId, limit: Balance) {
	lend_in(lender, NATIVE, limit)
}

/// `lender` offers a credit line of `limit` of `asset` and the buyer accepts.
fn lend_in(lender: AccountId, asset: AssetKind, limit: Balance) {
	assert_ok!(Funding::open_credit_line(
		RuntimeOrigin::signed(lender),
		BUYER,
		asset.clone(),
		limit
	));
	assert_ok!(Funding::accept_credit_line(RuntimeOrigin::signed(BUYER), lender, asset, limit));
}

/// `who`'s dollars.
fn dollars(who: AccountId) -> Balance {
	<Assets as frame_support::traits::fungibles::Inspect<_>>::balance(USD_ID, &who)
}

fn debt(lender: AccountId) -> Balance {
	CreditLines::<Test>::get(BUYER, lender).map_or(0, |l| l.debt)
}
