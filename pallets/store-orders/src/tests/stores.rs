//! Stores: registering, updating and closing, the deposit, the owner's rights.

use super::*;

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
