//! Store orders: accepting payment, shipping, completion from the payment record.

use super::*;

// ---- accepting payment ----------------------------------------------------------------------

#[test]
fn accepting_a_payment_records_the_order_as_paid() {
	ExtBuilder::default().build_and_execute(|| {
		register();
		FakeEscrow::open(7, STORE, b"o-1", PAYOUT, 120);
		assert_ok!(StoreOrders::accept_payment(
			RuntimeOrigin::signed(OWNER),
			STORE,
			bounded(b"o-1"),
			7,
			100,
			SNAPSHOT,
			TIME_LIMIT
		));
		let o = order(b"o-1");
		assert_eq!((o.settlement, o.buyer, o.payee, o.order_amount), (7, BUYER, PAYOUT, 100));
		assert_eq!(o.asset, NATIVE);
		assert_eq!(o.status, OrderStatus::Paid);
		assert_eq!(FakeEscrow::accepted(7), Some(100), "the escrow side was told");
		assert_eq!(FakeEscrow::status(7), Some(SettlementStatus::Accepted));
		assert_eq!(Stores::<Test>::get(STORE).unwrap().open_orders, 1);
		assert_eq!(OrderOfSettlement::<Test>::get(7), Some((STORE, bytes(b"o-1"))));
		assert_eq!(
			last_event(),
			Event::PaymentAccepted {
				store: STORE,
				order_no: bytes(b"o-1"),
				settlement: 7,
				asset: NATIVE,
				order_amount: 100
			}
		);
	});
}

#[test]
fn accept_payment_checks_the_settlement_and_the_caller() {
	ExtBuilder::default().build_and_execute(|| {
		register();
		assert_ok!(StoreOrders::register_store(
			RuntimeOrigin::signed(EVE),
			EVE,
			bounded(b"other"),
			None,
			shop_assets()
		));
		let accept = |who, store, order_no: &[u8], id, amount| {
			StoreOrders::accept_payment(
				RuntimeOrigin::signed(who),
				store,
				bounded(order_no),
				id,
				amount,
				SNAPSHOT,
				TIME_LIMIT,
			)
		};
		FakeEscrow::open(1, STORE, b"o", PAYOUT, 100);
		assert_noop!(accept(EVE, STORE, b"o", 1, 100), Error::<Test>::NotOwner);
		assert_noop!(accept(OWNER, 9, b"o", 1, 100), Error::<Test>::UnknownStore);
		assert_noop!(accept(OWNER, STORE, b"o", 1, 0), Error::<Test>::ZeroAmount);
		assert_noop!(accept(OWNER, STORE, b"o", 99, 100), Error::<Test>::UnknownSettlement);
		assert_noop!(accept(OWNER, STORE, b"o", 1, 101), Error::<Test>::AmountShort);
		assert_noop!(accept(OWNER, STORE, b"other", 1, 100), Error::<Test>::WrongOrder);
		// A settlement for another store.
		FakeEscrow::open(2, 1, b"o", PAYOUT, 100);
		assert_noop!(accept(OWNER, STORE, b"o", 2, 100), Error::<Test>::WrongOrder);
		// A settlement paying someone else.
		FakeEscrow::open(3, STORE, b"o", EVE, 100);
		assert_noop!(accept(OWNER, STORE, b"o", 3, 100), Error::<Test>::WrongPayee);
		// The other store's owner cannot accept a settlement made out to this store.
		assert_noop!(accept(EVE, 1, b"o", 1, 100), Error::<Test>::WrongOrder);

		assert_ok!(accept(OWNER, STORE, b"o", 1, 100));
		// The same settlement cannot back a second order.
		assert_noop!(accept(OWNER, STORE, b"o2", 1, 100), Error::<Test>::SettlementInUse);
		// The order is taken while its settlement is open.
		FakeEscrow::open(4, STORE, b"o", PAYOUT, 100);
		assert_noop!(accept(OWNER, STORE, b"o", 4, 100), Error::<Test>::OrderExists);
		// A settlement the escrow side no longer shows as paid.
		FakeEscrow::open(5, STORE, b"p", PAYOUT, 100);
		FakeEscrow::release(5, SettlementStatus::Cancelled);
		assert_noop!(accept(OWNER, STORE, b"p", 5, 100), Error::<Test>::SettlementNotPaid);
	});
}

#[test]
fn a_released_order_can_be_paid_again_by_a_new_settlement() {
	ExtBuilder::default().build_and_execute(|| {
		register();
		accepted(1, b"o", 100);
		FakeEscrow::release(1, SettlementStatus::Cancelled);
		assert_eq!(order(b"o").status, OrderStatus::Cancelled);
		accepted(2, b"o", 100);
		assert_eq!(order(b"o").settlement, 2);
		assert_eq!(order(b"o").status, OrderStatus::Paid);
		assert_eq!(OrderOfSettlement::<Test>::get(1), None, "the old link is gone");
	});
}

// ---- shipping -------------------------------------------------------------------------------

#[test]
fn shipping_keeps_the_logistics_and_starts_the_timer() {
	ExtBuilder::default().build_and_execute(|| {
		register();
		accepted(1, b"o", 100);
		System::set_block_number(4);
		assert_ok!(StoreOrders::mark_shipped(
			RuntimeOrigin::signed(OWNER),
			STORE,
			bounded(b"o"),
			bounded(b"UPS:1Z999")
		));
		let o = order(b"o");
		assert_eq!(o.status, OrderStatus::Shipped);
		assert_eq!(o.logistics.map(|l| l.into_inner()), Some(b"UPS:1Z999".to_vec()));
		assert_eq!(FakeEscrow::status(1), Some(SettlementStatus::Shipped));
		assert_eq!(
			last_event(),
			Event::OrderShipped {
				store: STORE,
				order_no: bytes(b"o"),
				settlement: 1,
				logistics: bytes(b"UPS:1Z999"),
				deadline: 4 + TIME_LIMIT
			}
		);
	});
}

#[test]
fn mark_shipped_errors() {
	ExtBuilder::default().build_and_execute(|| {
		register();
		let ship = |who, order_no: &[u8], logistics: &[u8]| {
			StoreOrders::mark_shipped(
				RuntimeOrigin::signed(who),
				STORE,
				bounded(order_no),
				bounded(logistics),
			)
		};
		// Before the store accepted a payment there is no order to ship.
		FakeEscrow::open(1, STORE, b"o", PAYOUT, 100);
		assert_noop!(ship(OWNER, b"o", b"ref"), Error::<Test>::UnknownOrder);
		assert_ok!(StoreOrders::accept_payment(
			RuntimeOrigin::signed(OWNER),
			STORE,
			bounded(b"o"),
			1,
			100,
			SNAPSHOT,
			TIME_LIMIT
		));
		assert_noop!(ship(EVE, b"o", b"ref"), Error::<Test>::NotOwner);
		assert_noop!(
			StoreOrders::mark_shipped(RuntimeOrigin::signed(OWNER), 5, bounded(b"o"), bounded(&[])),
			Error::<Test>::UnknownStore
		);
		assert_ok!(ship(OWNER, b"o", b"ref"));
		assert_noop!(ship(OWNER, b"o", b"ref"), Error::<Test>::AlreadyShipped);
		// A refunded order cannot be shipped.
		accepted(2, b"r", 50);
		FakeEscrow::release(2, SettlementStatus::Refunded);
		assert_noop!(ship(OWNER, b"r", b"ref"), Error::<Test>::NotPaid);
	});
}

// ---- completion ------------------------------------------------------------------------------

#[test]
fn a_payment_record_completes_the_order() {
	ExtBuilder::default().build_and_execute(|| {
		register();
		accepted(1, b"o", 100);
		assert_ok!(StoreOrders::mark_shipped(
			RuntimeOrigin::signed(OWNER),
			STORE,
			bounded(b"o"),
			bounded(b"ref")
		));
		FakeEscrow::pay(1, 42, PAYOUT, 100, true);
		let o = order(b"o");
		assert_eq!((o.status, o.record, o.paid), (OrderStatus::Completed, Some(42), Some(100)));
		assert_eq!(Stores::<Test>::get(STORE).unwrap().open_orders, 0);
		assert_eq!(
			last_event(),
			Event::OrderCompleted {
				store: STORE,
				order_no: bytes(b"o"),
				settlement: 1,
				record: 42,
				asset: NATIVE,
				paid: 100
			}
		);
		assert_noop!(
			StoreOrders::complete_order(RuntimeOrigin::signed(EVE), STORE, bounded(b"o")),
			Error::<Test>::OrderClosed
		);
	});
}

#[test]
fn a_payout_the_store_sent_to_its_new_payout_account_completes_the_order() {
	ExtBuilder::default().build_and_execute(|| {
		register();
		accepted(1, b"o", 100);
		// The owner replaces a leaked payout key and sends the unpaid payout to the new one.
		assert_ok!(StoreOrders::update_store(
			RuntimeOrigin::signed(OWNER),
			STORE,
			EVE,
			bounded(b"shop"),
			None,
			shop_assets()
		));
		FakeEscrow::follow(1, EVE);
		assert_eq!(order(b"o").payee, EVE);
		assert_eq!(
			last_event(),
			Event::OrderPayeeChanged {
				store: STORE,
				order_no: bytes(b"o"),
				settlement: 1,
				payee: EVE
			}
		);
		// Paid to the new account: the order completes.
		FakeEscrow::pay(1, 0, EVE, 100, true);
		assert_eq!(order(b"o").status, OrderStatus::Completed);
		assert_eq!(Stores::<Test>::get(STORE).unwrap().open_orders, 0);
	});
}

#[test]
fn an_agreed_deduction_completes_the_order_with_less() {
	ExtBuilder::default().build_and_execute(|| {
		register();
		accepted(1, b"o", 100);
		FakeEscrow::agree_deduction(1, 70);
		FakeEscrow::pay(1, 0, PAYOUT, 70, true);
		assert_eq!(order(b"o").status, OrderStatus::Completed);
		assert_eq!(order(b"o").paid, Some(70));
	});
}

#[test]
fn a_record_short_of_the_agreed_amount_does_not_complete_the_order() {
	ExtBuilder::default().build_and_execute(|| {
		register();
		accepted(1, b"o", 100);
		accepted(2, b"p", 100);
		FakeEscrow::pay(1, 0, PAYOUT, 99, true);
		FakeEscrow::pay(2, 1, EVE, 100, true);
		assert_eq!(order(b"o").status, OrderStatus::Paid);
		assert_eq!(order(b"p").status, OrderStatus::Paid);
		assert_noop!(
			StoreOrders::complete_order(RuntimeOrigin::signed(EVE), STORE, bounded(b"o")),
			Error::<Test>::PaymentShort
		);
		assert_noop!(
			StoreOrders::complete_order(RuntimeOrigin::signed(EVE), STORE, bounded(b"p")),
			Error::<Test>::PaymentShort
		);
		// Not a state a real escrow reaches: settle the fake so the invariants hold.
		FakeEscrow::pay(1, 2, PAYOUT, 100, true);
		FakeEscrow::pay(2, 3, PAYOUT, 100, true);
	});
}

#[test]
fn anyone_completes_an_order_the_hook_left_behind() {
	ExtBuilder::default().build_and_execute(|| {
		register();
		accepted(1, b"o", 100);
		assert_noop!(
			StoreOrders::complete_order(RuntimeOrigin::signed(EVE), STORE, bounded(b"o")),
			Error::<Test>::NoPaymentRecord
		);
		assert_noop!(
			StoreOrders::complete_order(RuntimeOrigin::signed(EVE), STORE, bounded(b"x")),
			Error::<Test>::UnknownOrder
		);
		assert_noop!(
			StoreOrders::complete_order(RuntimeOrigin::none(), STORE, bounded(b"o")),
			DispatchError::BadOrigin
		);
		FakeEscrow::pay(1, 5, PAYOUT, 100, false);
		assert_eq!(order(b"o").status, OrderStatus::Paid);
		assert_ok!(StoreOrders::complete_order(RuntimeOrigin::signed(EVE), STORE, bounded(b"o")));
		assert_eq!(order(b"o").status, OrderStatus::Completed);
		assert_eq!(order(b"o").record, Some(5));
	});
}

#[test]
fn a_refund_or_cancellation_releases_the_order() {
	ExtBuilder::default().build_and_execute(|| {
		register();
		accepted(1, b"r", 100);
		accepted(2, b"c", 100);
		assert_eq!(Stores::<Test>::get(STORE).unwrap().open_orders, 2);
		FakeEscrow::release(1, SettlementStatus::Refunded);
		assert_eq!(
			last_event(),
			Event::OrderReleased {
				store: STORE,
				order_no: bytes(b"r"),
				settlement: 1,
				status: OrderStatus::Refunded
			}
		);
		FakeEscrow::release(2, SettlementStatus::Cancelled);
		assert_eq!(order(b"r").status, OrderStatus::Refunded);
		assert_eq!(order(b"c").status, OrderStatus::Cancelled);
		assert_eq!(Stores::<Test>::get(STORE).unwrap().open_orders, 0);
		assert_noop!(
			StoreOrders::complete_order(RuntimeOrigin::signed(EVE), STORE, bounded(b"r")),
			Error::<Test>::OrderClosed
		);
	});
}

#[test]
fn settlements_without_a_store_order_are_ignored() {
	ExtBuilder::default().build_and_execute(|| {
		register();
		FakeEscrow::open(1, STORE, b"o", PAYOUT, 100);
		FakeEscrow::pay(1, 0, PAYOUT, 100, true);
		FakeEscrow::open(2, STORE, b"p", PAYOUT, 100);
		FakeEscrow::release(2, SettlementStatus::Cancelled);
		assert!(store_events().iter().all(|e| matches!(e, Event::StoreRegistered { .. })));
	});
}

#[test]
fn a_disputed_settlement_shows_the_order_disputed_until_it_resumes() {
	ExtBuilder::default().build_and_execute(|| {
		register();
		accepted(1, b"o", 100);
		assert_ok!(StoreOrders::mark_shipped(
			RuntimeOrigin::signed(OWNER),
			STORE,
			bounded(b"o"),
			bounded(b"ref")
		));
		accepted(2, b"p", 100);
		FakeEscrow::dispute(1, true, SettlementStatus::Shipped);
		FakeEscrow::dispute(2, true, SettlementStatus::Accepted);
		assert_eq!(order(b"o").status, OrderStatus::Disputed);
		assert_eq!(
			last_event(),
			Event::OrderDisputed {
				store: STORE,
				order_no: bytes(b"p"),
				settlement: 2,
				disputed: true
			}
		);
		assert_noop!(
			StoreOrders::mark_shipped(
				RuntimeOrigin::signed(OWNER),
				STORE,
				bounded(b"p"),
				bounded(&[])
			),
			Error::<Test>::OrderDisputed
		);
		assert_noop!(
			StoreOrders::close_store(RuntimeOrigin::signed(OWNER), STORE),
			Error::<Test>::StoreHasOpenOrders
		);
		FakeEscrow::dispute(1, false, SettlementStatus::Shipped);
		FakeEscrow::dispute(2, false, SettlementStatus::Accepted);
		assert_eq!(order(b"o").status, OrderStatus::Shipped);
		assert_eq!(order(b"p").status, OrderStatus::Paid);
		// A dispute that ends with a split completes the order with the split.
		FakeEscrow::dispute(1, true, SettlementStatus::Shipped);
		FakeEscrow::agree_deduction(1, 40);
		FakeEscrow::pay(1, 0, PAYOUT, 40, true);
		assert_eq!((order(b"o").status, order(b"o").paid), (OrderStatus::Completed, Some(40)));
		FakeEscrow::pay(2, 1, PAYOUT, 100, true);
	});
}

#[test]
fn a_refund_request_shows_the_order_in_after_sales_until_it_ends() {
	ExtBuilder::default().build_and_execute(|| {
		register();
		accepted(1, b"o", 100);
		assert_ok!(StoreOrders::mark_shipped(
			RuntimeOrigin::signed(OWNER),
			STORE,
			bounded(b"o"),
			bounded(b"ref")
		));
		accepted(2, b"p", 100);
		FakeEscrow::after_sales(
			1,
			AfterSalesStep::Requested { amount: 30 },
			SettlementStatus::Shipped,
		);
		FakeEscrow::after_sales(
			2,
			AfterSalesStep::Requested { amount: 100 },
			SettlementStatus::Accepted,
		);
		assert_eq!(order(b"o").status, OrderStatus::AfterSales);
		assert_eq!(
			last_event(),
			Event::OrderAfterSales {
				store: STORE,
				order_no: bytes(b"p"),
				settlement: 2,
				step: AfterSalesStep::Requested { amount: 100 }
			}
		);
		// The store answers the request before it ships, and cannot close with it open.
		assert_noop!(
			StoreOrders::mark_shipped(
				RuntimeOrigin::signed(OWNER),
				STORE,
				bounded(b"p"),
				bounded(b"ref")
			),
			Error::<Test>::OrderInAfterSales
		);
		assert_noop!(
			StoreOrders::close_store(RuntimeOrigin::signed(OWNER), STORE),
			Error::<Test>::StoreHasOpenOrders
		);
		// A return on its way keeps the order in after-sales; each step is an event.
		FakeEscrow::after_sales(1, AfterSalesStep::ReturnAwaited, SettlementStatus::Shipped);
		FakeEscrow::after_sales(1, AfterSalesStep::ReturnShipped, SettlementStatus::Shipped);
		assert_eq!(order(b"o").status, OrderStatus::AfterSales);
		// A granted part: the order is back where it stood and completes on what is owed now.
		FakeEscrow::after_sales(
			1,
			AfterSalesStep::Refunded { amount: 30 },
			SettlementStatus::Shipped,
		);
		FakeEscrow::after_sales(1, AfterSalesStep::Ended, SettlementStatus::Shipped);
		FakeEscrow::after_sales(2, AfterSalesStep::Ended, SettlementStatus::Accepted);
		assert_eq!(order(b"o").status, OrderStatus::Shipped);
		assert_eq!(order(b"p").status, OrderStatus::Paid);
		FakeEscrow::pay(1, 0, PAYOUT, 70, true);
		assert_eq!((order(b"o").status, order(b"o").paid), (OrderStatus::Completed, Some(70)));
		FakeEscrow::pay(2, 1, PAYOUT, 100, true);
	});
}
