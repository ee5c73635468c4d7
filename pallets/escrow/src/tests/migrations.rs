//! The v1 → v2 migration: settlements and payment records stored by v1 read back in the
//! native asset, with every other field as it was, and the holds untouched.

use super::*;
#[cfg(feature = "try-runtime")]
use crate::migrations::InnerMigrateV1ToV2;
use crate::migrations::{v1, MigrateV1ToV2};
#[cfg(feature = "try-runtime")]
use frame_support::traits::UncheckedOnRuntimeUpgrade;
use frame_support::traits::{
	fungibles::InspectHold, GetStorageVersion, OnRuntimeUpgrade, StorageVersion,
};

fn v1_settlement(
	status: SettlementStatus,
	record: Option<PaymentRecordId>,
) -> v1::SettlementOf<Test> {
	v1::Settlement {
		buyer: ALICE,
		payee: STORE_PAY,
		store: STORE,
		order_no: bounded(b"o"),
		amount: 100,
		deposit: DEPOSIT,
		snapshot: SNAP,
		time_limit: DEFAULT_LIMIT,
		opened_at: 1,
		accepted: Some(Acceptance { order_amount: 90, at: 1 }),
		deadline: Some(25),
		extensions: 1,
		agreed_payout: Some(70),
		proposal: Some(Proposal { payout: 60, by: Party::Buyer }),
		disputes: 1,
		status,
		record,
		closed_at: None,
	}
}

fn v1_record() -> v1::PaymentRecordOf<Test> {
	v1::PaymentRecord {
		settlement: 1,
		payer: ALICE,
		payee: STORE_PAY,
		amount: 70,
		at: 4,
		trigger: PayoutTrigger::Deadline,
	}
}

fn put_raw<V: codec::Encode>(key: Vec<u8>, value: V) {
	frame_support::storage::unhashed::put(&key, &value);
}

/// A v1 chain: settlement 0 shipped (its hold in place), 1 completed with its record.
fn v1_state() {
	StorageVersion::new(1).put::<Escrow>();
	put_raw(Settlements::<Test>::hashed_key_for(0), v1_settlement(SettlementStatus::Shipped, None));
	put_raw(
		Settlements::<Test>::hashed_key_for(1),
		v1_settlement(SettlementStatus::Completed, Some(1)),
	);
	put_raw(PaymentRecords::<Test>::hashed_key_for(1), v1_record());
}

#[test]
fn v1_settlements_and_records_read_back_in_the_native_asset() {
	ExtBuilder::default().build().execute_with(|| {
		v1_state();
		assert!(Settlements::<Test>::get(0).is_none(), "v1 values do not decode as v2");

		MigrateV1ToV2::<Test>::on_runtime_upgrade();

		assert_eq!(Escrow::on_chain_storage_version(), StorageVersion::new(2));
		assert_eq!(
			settlement(0),
			v1::settlement::<Test>(v1_settlement(SettlementStatus::Shipped, None), NATIVE)
		);
		assert_eq!(settlement(0).asset, NATIVE);
		let completed = settlement(1);
		assert_eq!((completed.asset, completed.status), (NATIVE, SettlementStatus::Completed));
		assert_eq!(
			(completed.agreed_payout, completed.proposal, completed.disputes),
			(Some(70), Some(Proposal { payout: 60, by: Party::Buyer }), 1)
		);
		let record = PaymentRecords::<Test>::get(1).expect("the record reads back");
		assert_eq!(record, v1::record::<Test>(v1_record(), NATIVE));
		assert_eq!((record.asset, record.amount, record.payer), (NATIVE, 70, ALICE));

		// Run again: the version guard makes it do nothing.
		Settlements::<Test>::mutate(0, |s| s.as_mut().unwrap().extensions = 2);
		MigrateV1ToV2::<Test>::on_runtime_upgrade();
		assert_eq!(settlement(0).extensions, 2);
	});
}

#[test]
fn the_migration_leaves_holds_where_they_are() {
	ExtBuilder::default().build().execute_with(|| {
		// A v2 settlement's hold, as v1 made it: native, under the same reason.
		let id = open(ALICE, b"held", 100);
		let hold = |reason: HoldReason| {
			<NativeAndAssets as InspectHold<_>>::balance_on_hold(NATIVE, &reason.into(), &ALICE)
		};
		let stored = settlement(id);
		let old = v1::Settlement {
			buyer: stored.buyer,
			payee: stored.payee,
			store: stored.store,
			order_no: stored.order_no,
			amount: stored.amount,
			deposit: stored.deposit,
			snapshot: stored.snapshot,
			time_limit: stored.time_limit,
			opened_at: stored.opened_at,
			accepted: stored.accepted,
			deadline: stored.deadline,
			extensions: stored.extensions,
			agreed_payout: stored.agreed_payout,
			proposal: stored.proposal,
			disputes: stored.disputes,
			status: stored.status,
			record: stored.record,
			closed_at: stored.closed_at,
		};
		StorageVersion::new(1).put::<Escrow>();
		put_raw(Settlements::<Test>::hashed_key_for(id), old);

		MigrateV1ToV2::<Test>::on_runtime_upgrade();

		assert_eq!(hold(HoldReason::Payment), 100);
		assert_eq!(hold(HoldReason::SettlementDeposit), DEPOSIT);
		Escrow::do_try_state().expect("the migrated settlement matches its holds");
		// It still settles: the buyer confirms and the payee is paid in the native token.
		assert_ok!(accept(id, 100));
		assert_ok!(ship(id));
		assert_ok!(Escrow::confirm_receipt(RuntimeOrigin::signed(ALICE), id, 100));
		assert_eq!(Balances::free_balance(STORE_PAY), 200);
	});
}

#[cfg(feature = "try-runtime")]
#[test]
fn the_try_runtime_checks_pass_on_a_migration_and_catch_a_lost_record() {
	ExtBuilder::default().build().execute_with(|| {
		v1_state();
		let state = InnerMigrateV1ToV2::<Test>::pre_upgrade().expect("v1 state reads");
		InnerMigrateV1ToV2::<Test>::on_runtime_upgrade();
		assert_ok!(InnerMigrateV1ToV2::<Test>::post_upgrade(state.clone()));
		PaymentRecords::<Test>::remove(1);
		assert!(InnerMigrateV1ToV2::<Test>::post_upgrade(state).is_err());
	});
}
