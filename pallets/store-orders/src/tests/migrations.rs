//! The v0 → v1 migration.

use super::*;

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
