//! Tests of the escrow pallet: the flow, every rule and every error. Each test runs in
//! `build_and_execute`, which afterwards checks total issuance and the pallet's invariants.

// Test code (see clippy.toml): an overflow here fails the test.
#![allow(clippy::arithmetic_side_effects)]

use crate::{mock::*, *};

mod after_sales;
mod agenda;
mod commission;
mod consent;
mod disputes;
mod migrations;
mod settlements;
mod stablecoin;
mod trust;

use frame_support::BoundedVec;
use frame_support::{
	assert_noop, assert_ok,
	traits::{
		fungible::{InspectHold, Mutate},
		tokens::Preservation,
		Hooks, IntegrityTest,
	},
	weights::{Weight, WeightMeter},
};
use sp_runtime::{DispatchError, DispatchResult};

pub(crate) const SNAP: SnapshotHash = [7; 32];
const SNAP2: SnapshotHash = [8; 32];

pub(crate) fn free(who: AccountId) -> Balance {
	Balances::free_balance(who)
}

pub(crate) fn held(who: AccountId) -> Balance {
	Balances::balance_on_hold(&HoldReason::Payment.into(), &who)
}

pub(crate) fn deposit_held(who: AccountId) -> Balance {
	Balances::balance_on_hold(&HoldReason::SettlementDeposit.into(), &who)
}

pub(crate) fn settlement(id: SettlementId) -> SettlementOf<Test> {
	Settlements::<Test>::get(id).expect("settlement exists")
}

pub(crate) fn last_event() -> Event<Test> {
	escrow_events().pop().expect("an escrow event")
}

/// Opens a settlement of `amount` by `buyer` for `order` at [`STORE`], paying [`STORE_PAY`].
pub(crate) fn open(buyer: AccountId, order: &[u8], amount: Balance) -> SettlementId {
	assert_ok!(Escrow::open_settlement(
		RuntimeOrigin::signed(buyer),
		STORE,
		bounded(order),
		NATIVE,
		amount,
		STORE_PAY,
		None,
		SNAP,
	));
	OpenByOrder::<Test>::get((buyer, STORE, BoundedVec::truncate_from(order.to_vec())))
		.expect("the settlement is keyed by its store order")
}

/// The store accepts settlement `id` for `order_amount` on the terms it has now.
pub(crate) fn accept(id: SettlementId, order_amount: Balance) -> DispatchResult {
	let s = Settlements::<Test>::get(id).ok_or(Error::<Test>::UnknownSettlement)?;
	<Escrow as SettlementProvider<_, _, _, _>>::accept(id, order_amount, s.snapshot, s.time_limit)
}

pub(crate) fn ship(id: SettlementId) -> Result<u64, DispatchError> {
	<Escrow as SettlementProvider<_, _, _, _>>::ship(id)
}

/// A settlement of 100 by Alice, accepted for 100 and shipped at block 1 (deadline 21).
pub(crate) fn shipped(order: &[u8]) -> SettlementId {
	let id = open(ALICE, order, 100);
	assert_ok!(accept(id, 100));
	assert_ok!(ship(id));
	id
}
