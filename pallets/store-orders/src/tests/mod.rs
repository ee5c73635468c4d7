//! Tests of the store-orders pallet against a fake escrow side: every call, every state and
//! every error. Each test ends with the pallet's invariants checked.

use crate::{mock::*, *};

mod assets;
mod marketplaces;
mod migrations;
mod orders;
mod records;
mod requests;
mod stores;

use frame_support::traits::ConstU32;
use frame_support::{
	assert_noop, assert_ok,
	traits::fungible::{Inspect, InspectHold, NativeOrWithId},
	BoundedVec,
};
use sp_runtime::DispatchError;

const STORE: StoreId = 0;

fn last_event() -> Event<Test> {
	store_events().pop().expect("a store-orders event")
}

fn bytes<S: frame_support::traits::Get<u32>>(b: &[u8]) -> BoundedVec<u8, S> {
	BoundedVec::truncate_from(b.to_vec())
}

/// `b` as a bounded call argument; a test that passes too many bytes fails here.
fn bounded<S: frame_support::traits::Get<u32>>(b: &[u8]) -> BoundedVec<u8, S> {
	BoundedVec::try_from(b.to_vec()).expect("the test's bytes fit the bound")
}

fn order(order_no: &[u8]) -> StoreOrderOf<Test> {
	Orders::<Test>::get(STORE, bytes(order_no)).expect("order exists")
}

/// `list` as a store's assets; a test that lists too many fails here.
fn assets(list: &[AssetKind]) -> AssetsOf<Test> {
	BoundedVec::try_from(list.to_vec()).expect("the test's assets fit MaxAssets")
}

/// What [`register`] lists.
fn shop_assets() -> AssetsOf<Test> {
	assets(&[NATIVE, USD])
}

fn store_deposit(who: AccountId) -> Balance {
	Balances::balance_on_hold(&HoldReason::StoreDeposit.into(), &who)
}

/// Registers [`STORE`], owned by [`OWNER`], paying [`PAYOUT`], accepting [`NATIVE`] and
/// [`USD`].
fn register() {
	assert_ok!(StoreOrders::register_store(
		RuntimeOrigin::signed(OWNER),
		PAYOUT,
		bounded(b"shop"),
		Some(30),
		shop_assets()
	));
}

/// A registered store with settlement `id` for `order_no` accepted at `amount`.
fn accepted(id: SettlementId, order_no: &[u8], amount: Balance) {
	FakeEscrow::open(id, STORE, order_no, PAYOUT, amount);
	assert_ok!(StoreOrders::accept_payment(
		RuntimeOrigin::signed(OWNER),
		STORE,
		bounded(order_no),
		id,
		amount,
		SNAPSHOT,
		TIME_LIMIT
	));
}

fn accepts(store: StoreId, asset: &AssetKind) -> bool {
	<StoreOrders as StoreDirectory<AccountId, AssetKind, u64>>::accepts(store, asset)
}
