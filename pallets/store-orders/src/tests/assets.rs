//! Assets: the currencies a store accepts, and orders paid in each.

use super::*;

// ---- assets -----------------------------------------------------------------------------------

#[test]
fn a_store_accepts_the_assets_it_lists() {
	ExtBuilder::default().build_and_execute(|| {
		// The most a store lists, in its own order.
		let all = assets(&[USD, NATIVE, EUR]);
		assert_ok!(StoreOrders::register_store(
			RuntimeOrigin::signed(OWNER),
			PAYOUT,
			bounded(b"shop"),
			None,
			all.clone()
		));
		assert_eq!(Stores::<Test>::get(STORE).unwrap().assets, all);
		assert!(matches!(last_event(), Event::StoreRegistered { assets, .. } if assets == all));
		assert!(accepts(STORE, &USD) && accepts(STORE, &NATIVE) && accepts(STORE, &EUR));
		assert!(!accepts(STORE, &POINTS), "an asset it does not list");
		assert!(!accepts(7, &NATIVE), "an unknown store accepts nothing");

		assert_ok!(StoreOrders::close_store(RuntimeOrigin::signed(OWNER), STORE));
		assert!(!accepts(STORE, &NATIVE), "a closed store accepts nothing");
	});
}

#[test]
fn a_store_lists_at_least_one_asset_each_once_each_settled_in() {
	ExtBuilder::default().build_and_execute(|| {
		let register_with = |list: &[AssetKind]| {
			StoreOrders::register_store(
				RuntimeOrigin::signed(OWNER),
				PAYOUT,
				bounded(b"shop"),
				None,
				assets(list),
			)
		};
		assert_noop!(register_with(&[]), Error::<Test>::NoAssets);
		assert_noop!(register_with(&[USD, NATIVE, USD]), Error::<Test>::DuplicateAsset);
		assert_noop!(register_with(&[NATIVE, POINTS]), Error::<Test>::AssetNotSettled);
		assert_eq!(store_deposit(OWNER), 0, "no deposit held for a refused store");

		register();
		let update = |list: &[AssetKind]| {
			StoreOrders::update_store(
				RuntimeOrigin::signed(OWNER),
				STORE,
				PAYOUT,
				bounded(b"shop"),
				None,
				assets(list),
			)
		};
		assert_noop!(update(&[]), Error::<Test>::NoAssets);
		assert_noop!(update(&[EUR, EUR]), Error::<Test>::DuplicateAsset);
		assert_noop!(update(&[POINTS]), Error::<Test>::AssetNotSettled);
		assert_eq!(Stores::<Test>::get(STORE).unwrap().assets, shop_assets());
	});
}

#[test]
fn updating_a_store_changes_its_assets_for_new_settlements_only() {
	ExtBuilder::default().build_and_execute(|| {
		register();
		// A dollar order accepted, and a dollar settlement opened but not yet accepted.
		FakeEscrow::open_in(1, STORE, b"a", PAYOUT, USD, 100);
		assert_ok!(StoreOrders::accept_payment(
			RuntimeOrigin::signed(OWNER),
			STORE,
			bounded(b"a"),
			1,
			100,
			SNAPSHOT,
			TIME_LIMIT
		));
		FakeEscrow::open_in(2, STORE, b"b", PAYOUT, USD, 50);

		assert_ok!(StoreOrders::update_store(
			RuntimeOrigin::signed(OWNER),
			STORE,
			PAYOUT,
			bounded(b"shop"),
			Some(30),
			assets(&[EUR, NATIVE])
		));
		assert!(!accepts(STORE, &USD), "no new settlement in dollars");
		assert!(accepts(STORE, &EUR) && accepts(STORE, &NATIVE));
		assert_eq!(order(b"a").asset, USD, "the accepted order keeps its asset");
		// The store may still accept what was opened while it listed dollars.
		assert_ok!(StoreOrders::accept_payment(
			RuntimeOrigin::signed(OWNER),
			STORE,
			bounded(b"b"),
			2,
			50,
			SNAPSHOT,
			TIME_LIMIT
		));
		assert_eq!(order(b"b").asset, USD);
		FakeEscrow::pay(1, 1, PAYOUT, 100, true);
		assert_eq!(order(b"a").status, OrderStatus::Completed);
		FakeEscrow::release(2, SettlementStatus::Refunded);
	});
}

#[test]
fn an_order_is_paid_and_completed_in_its_settlements_asset() {
	ExtBuilder::default().build_and_execute(|| {
		register();
		FakeEscrow::open_in(3, STORE, b"usd", PAYOUT, USD, 2_500);
		assert_ok!(StoreOrders::accept_payment(
			RuntimeOrigin::signed(OWNER),
			STORE,
			bounded(b"usd"),
			3,
			2_000,
			SNAPSHOT,
			TIME_LIMIT
		));
		let o = order(b"usd");
		assert_eq!((o.asset, o.order_amount), (USD, 2_000));
		assert_eq!(
			last_event(),
			Event::PaymentAccepted {
				store: STORE,
				order_no: bytes(b"usd"),
				settlement: 3,
				asset: USD,
				order_amount: 2_000
			}
		);
		FakeEscrow::pay(3, 8, PAYOUT, 2_000, true);
		assert_eq!(order(b"usd").status, OrderStatus::Completed);
		assert_eq!(
			last_event(),
			Event::OrderCompleted {
				store: STORE,
				order_no: bytes(b"usd"),
				settlement: 3,
				record: 8,
				asset: USD,
				paid: 2_000
			}
		);
		assert_eq!(order(b"usd").asset, USD);
	});
}

#[test]
fn a_record_in_another_asset_does_not_complete_the_order() {
	ExtBuilder::default().build_and_execute(|| {
		register();
		FakeEscrow::open_in(1, STORE, b"o", PAYOUT, USD, 100);
		assert_ok!(StoreOrders::accept_payment(
			RuntimeOrigin::signed(OWNER),
			STORE,
			bounded(b"o"),
			1,
			100,
			SNAPSHOT,
			TIME_LIMIT
		));
		// The amount in the native token, not in dollars: not what the store is owed.
		FakeEscrow::pay_in(1, 0, PAYOUT, NATIVE, 100, true);
		assert_eq!(order(b"o").status, OrderStatus::Paid);
		assert_noop!(
			StoreOrders::complete_order(RuntimeOrigin::signed(EVE), STORE, bounded(b"o")),
			Error::<Test>::PaymentShort
		);
		// Not a state a real escrow reaches: settle the fake so the invariants hold.
		FakeEscrow::pay_in(1, 1, PAYOUT, USD, 100, true);
		assert_eq!(order(b"o").status, OrderStatus::Completed);
	});
}

#[test]
fn genesis_stores_list_their_assets() {
	ExtBuilder::default()
		.stores(vec![
			(OWNER, PAYOUT, b"shop".to_vec(), Some(30), vec![NATIVE, USD]),
			// Whether the chain settles in an asset is not checked at genesis: the pallet
			// that knows it may build its genesis after this one.
			(EVE, EVE, b"other".to_vec(), None, vec![POINTS]),
		])
		.build_and_execute(|| {
			assert_eq!(NextStoreId::<Test>::get(), 2);
			let shop = Stores::<Test>::get(0).unwrap();
			assert_eq!((shop.owner, shop.payout, shop.assets), (OWNER, PAYOUT, shop_assets()));
			assert_eq!(store_deposit(OWNER), STORE_DEPOSIT);
			assert!(accepts(0, &USD) && !accepts(0, &EUR));
			assert!(accepts(1, &POINTS));
		});
}

#[test]
fn the_integrity_test_passes_with_room_for_an_asset() {
	use frame_support::traits::{Get, IntegrityTest};
	assert!(<<Test as Config>::MaxAssets as Get<u32>>::get() >= 1);
	AllPalletsWithSystem::integrity_test();
}

#[test]
#[should_panic(expected = "NoAssets")]
fn a_genesis_store_without_assets_fails_the_genesis_build() {
	ExtBuilder::default().stores(vec![(OWNER, PAYOUT, b"shop".to_vec(), None, vec![])]).build();
}

#[test]
#[should_panic(expected = "DuplicateAsset")]
fn a_genesis_store_listing_an_asset_twice_fails_the_genesis_build() {
	ExtBuilder::default()
		.stores(vec![(OWNER, PAYOUT, b"shop".to_vec(), None, vec![USD, USD])])
		.build();
}

#[test]
#[should_panic(expected = "more assets than MaxAssets")]
fn a_genesis_store_listing_too_many_assets_fails_the_genesis_build() {
	ExtBuilder::default()
		.stores(vec![(OWNER, PAYOUT, b"shop".to_vec(), None, vec![NATIVE, USD, EUR, POINTS])])
		.build();
}
