//! Records over time, the owner's authority and the rules' bounds.

use super::*;

// ---- records over time, the owner, the rules' bounds -----------------------------------------

#[test]
fn a_pruned_settlement_takes_its_closed_store_order_with_it() {
	ExtBuilder::default().build_and_execute(|| {
		register();
		accepted(1, b"paid", 100);
		accepted(2, b"open", 100);
		FakeEscrow::pay(1, 1, PAYOUT, 100, true);
		<StoreOrders as SettlementObserver<_, _, _, _>>::on_pruned(1);
		assert!(Orders::<Test>::get(STORE, bytes::<ConstU32<16>>(b"paid")).is_none());
		assert!(OrderOfSettlement::<Test>::get(1).is_none());
		// An open order is never removed, whatever the escrow side says.
		<StoreOrders as SettlementObserver<_, _, _, _>>::on_pruned(2);
		assert_eq!(order(b"open").status, OrderStatus::Paid);
	});
}

#[test]
fn a_reused_order_number_is_not_removed_with_the_old_settlement() {
	ExtBuilder::default().build_and_execute(|| {
		register();
		accepted(1, b"o", 100);
		FakeEscrow::release(1, SettlementStatus::Cancelled);
		accepted(2, b"o", 100);
		<StoreOrders as SettlementObserver<_, _, _, _>>::on_pruned(1);
		assert_eq!(order(b"o").settlement, 2);
		assert_eq!(order(b"o").status, OrderStatus::Paid);
	});
}

#[test]
fn the_owner_and_the_current_payout_account_act_for_the_store() {
	ExtBuilder::default().build_and_execute(|| {
		register();
		let acts = |store, who| {
			<StoreOrders as StoreDirectory<AccountId, AssetKind, u64>>::acts_for(store, &who)
		};
		assert!(acts(STORE, OWNER));
		assert!(acts(STORE, PAYOUT));
		assert!(!acts(STORE, EVE));
		assert!(!acts(7, OWNER));
		// A replaced payout key loses its authority; the new one has it.
		assert_ok!(StoreOrders::update_store(
			RuntimeOrigin::signed(OWNER),
			STORE,
			EVE,
			bounded(b"new"),
			None,
			shop_assets()
		));
		assert!(!acts(STORE, PAYOUT));
		assert!(acts(STORE, EVE));
	});
}

#[test]
fn a_default_rule_outside_the_chains_bounds_is_refused() {
	ExtBuilder::default().build_and_execute(|| {
		for rule in [MIN_TIME_LIMIT - 1, MAX_TIME_LIMIT + 1] {
			assert_noop!(
				StoreOrders::register_store(
					RuntimeOrigin::signed(OWNER),
					PAYOUT,
					bounded(b"shop"),
					Some(rule),
					shop_assets()
				),
				Error::<Test>::TimeLimitOutOfBounds
			);
		}
		register();
		assert_noop!(
			StoreOrders::update_store(
				RuntimeOrigin::signed(OWNER),
				STORE,
				PAYOUT,
				bounded(b"shop"),
				Some(MIN_TIME_LIMIT - 1),
				shop_assets()
			),
			Error::<Test>::TimeLimitOutOfBounds
		);
		assert_ok!(StoreOrders::update_store(
			RuntimeOrigin::signed(OWNER),
			STORE,
			PAYOUT,
			bounded(b"shop"),
			Some(MIN_TIME_LIMIT),
			shop_assets()
		));
	});
}
