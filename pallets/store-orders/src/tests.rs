//! Tests of the store-orders pallet against a fake escrow side: every call, every state and
//! every error. Each test ends with the pallet's invariants checked.

use crate::{mock::*, *};
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

// ---- stores ---------------------------------------------------------------------------------

#[test]
fn registering_a_store_holds_its_deposit() {
	ExtBuilder::default().build_and_execute(|| {
		register();
		assert_eq!(NextStoreId::<Test>::get(), 1);
		assert_eq!(store_deposit(OWNER), STORE_DEPOSIT);
		assert_eq!(Balances::balance(&OWNER), 1_000 - STORE_DEPOSIT);
		let store = Stores::<Test>::get(STORE).unwrap();
		assert_eq!(
			(store.owner, store.payout, store.default_time_limit),
			(OWNER, PAYOUT, Some(30))
		);
		assert_eq!(store.name.as_slice(), b"shop");
		assert_eq!(
			last_event(),
			Event::StoreRegistered {
				store: STORE,
				owner: OWNER,
				payout: PAYOUT,
				name: bytes(b"shop"),
				default_time_limit: Some(30),
				assets: shop_assets(),
			}
		);
		assert_eq!(store.assets, shop_assets());
		assert_eq!(
			<StoreOrders as StoreDirectory<AccountId, AssetKind, u64>>::store_time_limit(STORE),
			Some(Some(30))
		);
		assert_eq!(
			<StoreOrders as StoreDirectory<AccountId, AssetKind, u64>>::store_time_limit(7),
			None
		);
	});
}

/// Names, order numbers and logistics longer than their bounds do not decode: the transaction
/// pool rejects such calls before they reach a block.
#[test]
fn arguments_over_their_bounds_do_not_decode() {
	use codec::{Compact, Decode, Encode};
	let decodes = |call: Vec<u8>| crate::Call::<Test>::decode(&mut &call[..]).is_ok();
	let register = |name: usize| {
		let mut call = vec![0u8];
		call.extend(PAYOUT.encode());
		call.extend(vec![b'n'; name].encode());
		call.extend(None::<u64>.encode());
		call.extend(vec![NATIVE].encode());
		call
	};
	assert!(decodes(register(8)) && !decodes(register(9)));
	let listing = |count: u32| {
		let mut call = vec![0u8];
		call.extend(PAYOUT.encode());
		call.extend(b"n".to_vec().encode());
		call.extend(None::<u64>.encode());
		call.extend((0..count).map(NativeOrWithId::WithId).collect::<Vec<_>>().encode());
		call
	};
	assert!(decodes(listing(MAX_ASSETS)) && !decodes(listing(MAX_ASSETS + 1)));
	let accept = |order_no: usize| {
		let mut call = vec![3u8];
		call.extend(STORE.encode());
		call.extend(vec![b'o'; order_no].encode());
		call.extend(1u64.encode());
		call.extend(Compact(100u64).encode());
		call.extend(SNAPSHOT.encode());
		call.extend(TIME_LIMIT.encode());
		call
	};
	assert!(decodes(accept(16)) && !decodes(accept(17)));
	let ship = |order_no: usize, logistics: usize| {
		let mut call = vec![4u8];
		call.extend(STORE.encode());
		call.extend(vec![b'o'; order_no].encode());
		call.extend(vec![b'l'; logistics].encode());
		call
	};
	assert!(decodes(ship(16, 32)) && !decodes(ship(17, 32)) && !decodes(ship(16, 33)));
}

#[test]
fn register_store_errors() {
	ExtBuilder::default().build_and_execute(|| {
		let register = |origin, name: &[u8]| {
			StoreOrders::register_store(origin, PAYOUT, bounded(name), None, shop_assets())
		};
		assert_noop!(register(RuntimeOrigin::none(), b"s"), DispatchError::BadOrigin);
		assert_noop!(register(RuntimeOrigin::signed(OWNER), &[]), Error::<Test>::EmptyName);
		assert_noop!(
			register(RuntimeOrigin::signed(POOR), b"s"),
			Error::<Test>::InsufficientBalance
		);
	});
}

#[test]
fn the_owner_updates_a_store() {
	ExtBuilder::default().build_and_execute(|| {
		register();
		let update = |who, store| {
			StoreOrders::update_store(
				RuntimeOrigin::signed(who),
				store,
				EVE,
				bounded(b"x"),
				None,
				shop_assets(),
			)
		};
		assert_noop!(update(EVE, STORE), Error::<Test>::NotOwner);
		assert_noop!(update(OWNER, 9), Error::<Test>::UnknownStore);
		assert_ok!(StoreOrders::update_store(
			RuntimeOrigin::signed(OWNER),
			STORE,
			EVE,
			bounded(b"new"),
			None,
			assets(&[EUR])
		));
		let store = Stores::<Test>::get(STORE).unwrap();
		assert_eq!((store.payout, store.default_time_limit), (EVE, None));
		assert_eq!(store.assets, assets(&[EUR]));
		assert_eq!(
			last_event(),
			Event::StoreUpdated {
				store: STORE,
				payout: EVE,
				name: bytes(b"new"),
				default_time_limit: None,
				assets: assets(&[EUR]),
			}
		);
		assert_eq!(
			<StoreOrders as StoreDirectory<AccountId, AssetKind, u64>>::store_time_limit(STORE),
			Some(None)
		);
	});
}

#[test]
fn a_store_closes_only_without_open_orders() {
	ExtBuilder::default().build_and_execute(|| {
		register();
		accepted(0, b"o", 100);
		assert_noop!(
			StoreOrders::close_store(RuntimeOrigin::signed(EVE), STORE),
			Error::<Test>::NotOwner
		);
		assert_noop!(
			StoreOrders::close_store(RuntimeOrigin::signed(OWNER), 3),
			Error::<Test>::UnknownStore
		);
		assert_noop!(
			StoreOrders::close_store(RuntimeOrigin::signed(OWNER), STORE),
			Error::<Test>::StoreHasOpenOrders
		);
		FakeEscrow::pay(0, 0, PAYOUT, 100, true);
		assert_ok!(StoreOrders::close_store(RuntimeOrigin::signed(OWNER), STORE));
		assert_eq!(last_event(), Event::StoreClosed { store: STORE });
		assert_eq!(store_deposit(OWNER), 0);
		assert_eq!(Balances::balance(&OWNER), 1_000);
		assert!(!Stores::<Test>::contains_key(STORE));
		assert_eq!(
			<StoreOrders as StoreDirectory<AccountId, AssetKind, u64>>::store_time_limit(STORE),
			None
		);
		// Its completed order stays readable.
		assert_eq!(order(b"o").status, OrderStatus::Completed);
	});
}

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
			Event::OrderPayeeChanged { store: STORE, order_no: bytes(b"o"), settlement: 1, payee: EVE }
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

// ---- assets -----------------------------------------------------------------------------------

fn accepts(store: StoreId, asset: &AssetKind) -> bool {
	<StoreOrders as StoreDirectory<AccountId, AssetKind, u64>>::accepts(store, asset)
}

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

// ---- the v0 → v1 migration ----------------------------------------------------------------------

mod migration {
	use super::*;
	use crate::migrations::{v0, MigrateToAssets, MigrateV0ToV1};
	use frame_support::{
		traits::{GetStorageVersion, OnRuntimeUpgrade, StorageVersion},
		weights::constants::RocksDbWeight,
	};

	fn v0_store(open_orders: u32) -> v0::StoreOf<Test> {
		v0::Store {
			owner: OWNER,
			payout: PAYOUT,
			name: bounded(b"old shop"),
			default_time_limit: Some(30),
			deposit: STORE_DEPOSIT,
			open_orders,
		}
	}

	fn v0_order(
		settlement: SettlementId,
		status: OrderStatus,
		record: Option<PaymentRecordId>,
	) -> v0::StoreOrderOf<Test> {
		v0::StoreOrder {
			settlement,
			buyer: BUYER,
			payee: PAYOUT,
			order_amount: 100,
			status,
			logistics: Some(bounded(b"UPS:1Z999")),
			record,
			paid: record.map(|_| 100),
		}
	}

	/// A v0 chain: store 0 (its deposit held) with a shipped order on settlement 1 and an order
	/// completed by settlement 2's record 2; store 1 with nothing. Written as v0 wrote them:
	/// the first store raw, the rest through the v0 storage aliases.
	fn v0_state() {
		StorageVersion::new(0).put::<StoreOrders>();
		assert_ok!(<Balances as frame_support::traits::fungible::MutateHold<_>>::hold(
			&HoldReason::StoreDeposit.into(),
			&OWNER,
			STORE_DEPOSIT
		));
		assert_ok!(<Balances as frame_support::traits::fungible::MutateHold<_>>::hold(
			&HoldReason::StoreDeposit.into(),
			&EVE,
			STORE_DEPOSIT
		));
		frame_support::storage::unhashed::put(&Stores::<Test>::hashed_key_for(0), &v0_store(1));
		v0::Stores::<Test>::insert(1, v0::Store { owner: EVE, payout: EVE, ..v0_store(0) });
		NextStoreId::<Test>::put(2);
		v0::Orders::<Test>::insert(
			0,
			bounded::<ConstU32<16>>(b"open"),
			v0_order(1, OrderStatus::Shipped, None),
		);
		v0::Orders::<Test>::insert(
			0,
			bounded::<ConstU32<16>>(b"done"),
			v0_order(2, OrderStatus::Completed, Some(2)),
		);
		OrderOfSettlement::<Test>::insert(1, (0, bounded::<ConstU32<16>>(b"open")));
		OrderOfSettlement::<Test>::insert(2, (0, bounded::<ConstU32<16>>(b"done")));
		// The escrow side, already migrated: both settlements in the native token.
		FakeEscrow::open(1, 0, b"open", PAYOUT, 100);
		assert_ok!(<FakeEscrow as SettlementProvider<_, _, _, _>>::accept(
			1, 100, SNAPSHOT, TIME_LIMIT
		));
		assert_ok!(<FakeEscrow as SettlementProvider<_, _, _, _>>::ship(1));
		FakeEscrow::open(2, 0, b"done", PAYOUT, 100);
		FakeEscrow::pay(2, 2, PAYOUT, 100, false);
	}

	#[test]
	fn v0_stores_and_orders_read_back_in_the_native_asset() {
		ExtBuilder::default().build_and_execute(|| {
			v0_state();
			assert!(Stores::<Test>::get(0).is_none(), "v0 stores do not decode as v1");

			let weight = MigrateV0ToV1::<Test>::on_runtime_upgrade();

			assert_eq!(StoreOrders::on_chain_storage_version(), StorageVersion::new(1));
			assert_eq!(StoreOrders::in_code_storage_version(), StorageVersion::new(1));
			// Two stores and two orders, one read and one write each, and the version's.
			assert_eq!(weight, RocksDbWeight::get().reads_writes(5, 5));
			let native_only = assets(&[NATIVE]);
			assert_eq!(
				Stores::<Test>::get(0),
				Some(v0::store::<Test>(v0_store(1), native_only.clone()))
			);
			let other = Stores::<Test>::get(1).unwrap();
			assert_eq!((other.owner, other.assets, other.open_orders), (EVE, native_only, 0));
			assert!(accepts(0, &NATIVE) && !accepts(0, &USD));
			let open = order(b"open");
			assert_eq!(open, v0::order::<Test>(v0_order(1, OrderStatus::Shipped, None), NATIVE));
			assert_eq!(
				(open.asset, open.status, open.order_amount),
				(NATIVE, OrderStatus::Shipped, 100)
			);
			let done = order(b"done");
			assert_eq!((done.asset, done.record, done.paid), (NATIVE, Some(2), Some(100)));
			assert_eq!(store_deposit(OWNER), STORE_DEPOSIT, "the deposit stays held");

			// Run again: the version guard makes it do nothing.
			Stores::<Test>::mutate(1, |s| s.as_mut().unwrap().assets = assets(&[USD]));
			MigrateToAssets::<Test>::on_runtime_upgrade();
			assert_eq!(Stores::<Test>::get(1).unwrap().assets, assets(&[USD]));

			// The migrated order goes on: paid out, it completes in the native token.
			FakeEscrow::pay(1, 1, PAYOUT, 100, true);
			assert_eq!(order(b"open").status, OrderStatus::Completed);
			assert!(matches!(
				last_event(),
				Event::OrderCompleted { asset: NativeOrWithId::Native, paid: 100, .. }
			));
			assert_ok!(StoreOrders::close_store(RuntimeOrigin::signed(OWNER), 0));
			assert_ok!(StoreOrders::close_store(RuntimeOrigin::signed(EVE), 1));
		});
	}

	#[test]
	fn an_empty_v0_chain_migrates_to_v1() {
		ExtBuilder::default().build_and_execute(|| {
			StorageVersion::new(0).put::<StoreOrders>();
			let weight = MigrateV0ToV1::<Test>::on_runtime_upgrade();
			assert_eq!(StoreOrders::on_chain_storage_version(), StorageVersion::new(1));
			assert_eq!(weight, RocksDbWeight::get().reads_writes(1, 1));
		});
	}

	#[cfg(feature = "try-runtime")]
	#[test]
	fn the_try_runtime_checks_pass_on_a_migration_and_catch_a_lost_order() {
		use crate::migrations::InnerMigrateV0ToV1;
		use frame_support::traits::UncheckedOnRuntimeUpgrade;
		ExtBuilder::default().build().execute_with(|| {
			v0_state();
			let state = InnerMigrateV0ToV1::<Test>::pre_upgrade().expect("v0 state reads");
			InnerMigrateV0ToV1::<Test>::on_runtime_upgrade();
			assert_ok!(InnerMigrateV0ToV1::<Test>::post_upgrade(state.clone()));
			// A value changed or an entry lost is caught.
			Stores::<Test>::mutate(1, |s| s.as_mut().unwrap().open_orders = 5);
			assert!(InnerMigrateV0ToV1::<Test>::post_upgrade(state.clone()).is_err());
			Stores::<Test>::mutate(1, |s| s.as_mut().unwrap().open_orders = 0);
			assert_ok!(InnerMigrateV0ToV1::<Test>::post_upgrade(state.clone()));
			Orders::<Test>::remove(0, bytes::<ConstU32<16>>(b"done"));
			assert!(InnerMigrateV0ToV1::<Test>::post_upgrade(state).is_err());
		});
	}

	#[cfg(feature = "try-runtime")]
	#[test]
	fn the_pre_upgrade_check_catches_a_store_that_does_not_decode_as_v0() {
		use crate::migrations::InnerMigrateV0ToV1;
		use frame_support::traits::UncheckedOnRuntimeUpgrade;
		ExtBuilder::default().build().execute_with(|| {
			v0_state();
			frame_support::storage::unhashed::put(&Stores::<Test>::hashed_key_for(5), &[1u8, 2]);
			assert!(InnerMigrateV0ToV1::<Test>::pre_upgrade().is_err());
		});
	}
}

#[test]
fn an_acceptance_names_the_terms_and_fails_on_others() {
	ExtBuilder::default().build_and_execute(|| {
		register();
		FakeEscrow::open(1, STORE, b"o", PAYOUT, 100);
		let accept = |snapshot, limit| {
			StoreOrders::accept_payment(
				RuntimeOrigin::signed(OWNER),
				STORE,
				bounded(b"o"),
				1,
				100,
				snapshot,
				limit,
			)
		};
		// Terms other than the settlement's: the escrow refuses, and the order is not paid.
		assert_noop!(accept([8; 32], TIME_LIMIT), DispatchError::Other("terms changed"));
		assert_noop!(accept(SNAPSHOT, TIME_LIMIT + 1), DispatchError::Other("terms changed"));
		assert_ok!(accept(SNAPSHOT, TIME_LIMIT));
		assert_eq!(FakeEscrow::accepted(1), Some(100));
	});
}
