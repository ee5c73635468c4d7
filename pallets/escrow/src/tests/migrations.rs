//! The migrations: settlements and payment records stored by v1 read back in the native asset
//! (v2), with every other field as it was, and the holds untouched; v2 settlements gain their
//! pause allowance, and those awaiting acceptance their expiry (v3); v3 settlements and
//! records gain their commission, none (v4). An upgrade from v1 runs the three in turn.

use super::*;
use crate::migrations::{v1, v2, v3, MigrateV1ToV2, MigrateV2ToV3, MigrateV3ToV4};
#[cfg(feature = "try-runtime")]
use crate::migrations::{InnerMigrateV1ToV2, InnerMigrateV2ToV3, InnerMigrateV3ToV4};
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
		let v2 = |id: SettlementId| {
			frame_support::storage::unhashed::get::<v2::SettlementOf<Test>>(
				&Settlements::<Test>::hashed_key_for(id),
			)
		};
		assert_eq!(
			v2(0),
			Some(v1::settlement::<Test>(v1_settlement(SettlementStatus::Shipped, None), NATIVE))
		);
		MigrateV2ToV3::<Test>::on_runtime_upgrade();
		assert_eq!(Escrow::on_chain_storage_version(), StorageVersion::new(3));
		MigrateV3ToV4::<Test>::on_runtime_upgrade();

		assert_eq!(Escrow::on_chain_storage_version(), StorageVersion::new(4));
		assert_eq!(
			settlement(0),
			v3::settlement::<Test>(v2::settlement::<Test>(v1::settlement::<Test>(
				v1_settlement(SettlementStatus::Shipped, None),
				NATIVE
			)))
		);
		assert_eq!(settlement(0).commission, None);
		assert_eq!(settlement(0).paused, 0);
		assert_eq!(settlement(0).asset, NATIVE);
		let completed = settlement(1);
		assert_eq!((completed.asset, completed.status), (NATIVE, SettlementStatus::Completed));
		assert_eq!(
			(completed.agreed_payout, completed.proposal, completed.disputes),
			(Some(70), Some(Proposal { payout: 60, by: Party::Buyer }), 1)
		);
		let record = PaymentRecords::<Test>::get(1).expect("the record reads back");
		assert_eq!(record, v3::record::<Test>(v1::record::<Test>(v1_record(), NATIVE)));
		assert_eq!(record.commission, None);
		assert_eq!((record.asset, record.amount, record.payer), (NATIVE, 70, ALICE));

		// Run again: the version guards make them do nothing.
		Settlements::<Test>::mutate(0, |s| s.as_mut().unwrap().extensions = 2);
		MigrateV1ToV2::<Test>::on_runtime_upgrade();
		MigrateV2ToV3::<Test>::on_runtime_upgrade();
		MigrateV3ToV4::<Test>::on_runtime_upgrade();
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
		MigrateV2ToV3::<Test>::on_runtime_upgrade();
		MigrateV3ToV4::<Test>::on_runtime_upgrade();

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

/// `stored` as v2 stored it.
fn as_v2(stored: SettlementOf<Test>) -> v2::SettlementOf<Test> {
	v2::Settlement {
		buyer: stored.buyer,
		payee: stored.payee,
		store: stored.store,
		order_no: stored.order_no,
		asset: stored.asset,
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
	}
}

/// A v2 chain with one settlement awaiting acceptance (opened at block 1, before expiries)
/// and one shipped: returns their ids.
fn v2_state() -> (SettlementId, SettlementId) {
	let waiting = open(ALICE, b"waiting", 100);
	let shipped = shipped(b"shipped");
	// v2 had no expiries: the one `open` scheduled goes.
	Agenda::<Test>::remove(AgendaKey::new(1 + ACCEPTANCE, AgendaTask::Expire, waiting));
	Agenda::<Test>::remove(AgendaKey::new(1 + ACCEPTANCE, AgendaTask::Expire, shipped));
	for id in [waiting, shipped] {
		put_raw(Settlements::<Test>::hashed_key_for(id), as_v2(settlement(id)));
	}
	StorageVersion::new(2).put::<Escrow>();
	(waiting, shipped)
}

#[test]
fn v2_settlements_get_their_allowance_and_the_unaccepted_their_expiry() {
	ExtBuilder::default().build_and_execute(|| {
		let (waiting, shipped) = v2_state();
		assert!(Settlements::<Test>::get(waiting).is_none(), "v2 values do not decode as v3");
		System::set_block_number(7);

		MigrateV2ToV3::<Test>::on_runtime_upgrade();
		assert_eq!(Escrow::on_chain_storage_version(), StorageVersion::new(3));
		MigrateV3ToV4::<Test>::on_runtime_upgrade();

		assert_eq!((settlement(waiting).paused, settlement(shipped).paused), (0, 0));
		// The expiry counts from the upgrade: the store learns of the rule with it.
		let expiry =
			|due, id| Agenda::<Test>::contains_key(AgendaKey::new(due, AgendaTask::Expire, id));
		assert!(expiry(7 + ACCEPTANCE, waiting));
		assert!(!expiry(7 + ACCEPTANCE, shipped));
		Escrow::do_try_state().expect("the migrated settlements have every task they are owed");
		// The shipped one still pays at its deadline; the unaccepted one goes back.
		run_to_block(7 + ACCEPTANCE);
		assert_eq!(settlement(shipped).status, SettlementStatus::Completed);
		assert_eq!(settlement(waiting).status, SettlementStatus::Cancelled);
		assert_eq!(held(ALICE), 0);
	});
}

#[cfg(feature = "try-runtime")]
#[test]
fn the_v3_try_runtime_checks_catch_a_missing_expiry() {
	ExtBuilder::default().build().execute_with(|| {
		let (waiting, _) = v2_state();
		let state = InnerMigrateV2ToV3::<Test>::pre_upgrade().expect("v2 state reads");
		InnerMigrateV2ToV3::<Test>::on_runtime_upgrade();
		assert_ok!(InnerMigrateV2ToV3::<Test>::post_upgrade(state.clone()));
		Agenda::<Test>::remove(AgendaKey::new(1 + ACCEPTANCE, AgendaTask::Expire, waiting));
		assert!(InnerMigrateV2ToV3::<Test>::post_upgrade(state).is_err());
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

#[test]
fn a_question_v2_let_open_on_a_failed_payout_stops_the_payout_due_at_the_upgrade() {
	ExtBuilder::default().build_and_execute(|| {
		// v2: the payout at 21 failed and took the deadline with it; the buyer then asked for
		// a refund, which stopped no deadline, and its lapse failed too.
		let id = shipped(b"failed");
		assert_ok!(Escrow::request_refund(RuntimeOrigin::signed(ALICE), id, 10, [1; 32]));
		RefundRequests::<Test>::mutate(id, |r| r.as_mut().expect("asked").stopped_deadline = None);
		let due = RefundRequests::<Test>::get(id).expect("asked").due;
		Agenda::<Test>::remove(AgendaKey::new(due, AgendaTask::RefundLapse, id));
		Agenda::<Test>::remove(AgendaKey::new(1 + ACCEPTANCE, AgendaTask::Expire, id));
		put_raw(Settlements::<Test>::hashed_key_for(id), as_v2(settlement(id)));
		StorageVersion::new(2).put::<Escrow>();
		System::set_block_number(30);

		MigrateV2ToV3::<Test>::on_runtime_upgrade();
		MigrateV3ToV4::<Test>::on_runtime_upgrade();

		let request = RefundRequests::<Test>::get(id).expect("still asked");
		assert_eq!(request.stopped_deadline, Some(30), "it stopped the payout due at the upgrade");
		Escrow::do_try_state().expect("every task owed is on the agenda");
		// The lapse is due at once: the silent store's grant, then the payout on its clock.
		run_to_block(31);
		let s = settlement(id);
		assert_eq!((s.status, s.amount), (SettlementStatus::Shipped, 90));
		run_to_block(s.deadline.expect("back on its timer"));
		assert_eq!(settlement(id).status, SettlementStatus::Completed);
	});
}

/// `stored` as v3 stored it.
fn as_v3(stored: SettlementOf<Test>) -> v3::SettlementOf<Test> {
	v3::Settlement {
		buyer: stored.buyer,
		payee: stored.payee,
		store: stored.store,
		order_no: stored.order_no,
		asset: stored.asset,
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
		paused: stored.paused,
		store_disputes: stored.store_disputes,
	}
}

/// A v3 chain: one settlement shipped, one paid with its record. Returns their ids, and what
/// they and the record read as before they were written as v3 stored them.
type V3State = (SettlementId, SettlementId, Vec<SettlementOf<Test>>, Option<PaymentRecordOf<Test>>);

fn v3_state() -> V3State {
	let open = shipped(b"open");
	let paid = shipped(b"paid");
	assert_ok!(Escrow::confirm_receipt(RuntimeOrigin::signed(ALICE), paid, 100));
	let before = vec![settlement(open), settlement(paid)];
	let before_record = PaymentRecords::<Test>::get(paid);
	for id in [open, paid] {
		put_raw(Settlements::<Test>::hashed_key_for(id), as_v3(settlement(id)));
	}
	let record = PaymentRecords::<Test>::get(paid).expect("paid");
	put_raw(
		PaymentRecords::<Test>::hashed_key_for(paid),
		v3::PaymentRecord {
			settlement: record.settlement,
			payer: record.payer,
			payee: record.payee,
			asset: record.asset,
			amount: record.amount,
			at: record.at,
			trigger: record.trigger,
		},
	);
	StorageVersion::new(3).put::<Escrow>();
	(open, paid, before, before_record)
}

#[test]
fn v3_settlements_and_records_read_back_with_no_commission() {
	ExtBuilder::default().build_and_execute(|| {
		let (open, paid, settlements, record) = v3_state();
		let before = (settlements[0].clone(), settlements[1].clone(), record);
		assert!(Settlements::<Test>::get(open).is_none(), "v3 values do not decode as v4");
		assert!(PaymentRecords::<Test>::get(paid).is_none(), "nor v3 records");

		MigrateV3ToV4::<Test>::on_runtime_upgrade();

		assert_eq!(Escrow::on_chain_storage_version(), StorageVersion::new(4));
		assert_eq!((settlement(open), settlement(paid)), (before.0.clone(), before.1));
		assert_eq!(PaymentRecords::<Test>::get(paid), before.2);
		assert_eq!(settlement(open).commission, None);
		Escrow::do_try_state().expect("the migrated settlements match their holds");
		// The open one pays its payee whole at its deadline.
		run_to_block(before.0.deadline.expect("shipped"));
		let record = PaymentRecords::<Test>::get(open).expect("paid at the deadline");
		assert_eq!((record.amount, record.received(), record.commission), (100, 100, None));
	});
}

#[cfg(feature = "try-runtime")]
#[test]
fn the_v4_try_runtime_checks_pass_and_catch_a_lost_record() {
	ExtBuilder::default().build().execute_with(|| {
		let (_, paid, _, _) = v3_state();
		let state = InnerMigrateV3ToV4::<Test>::pre_upgrade().expect("v3 state reads");
		InnerMigrateV3ToV4::<Test>::on_runtime_upgrade();
		assert_ok!(InnerMigrateV3ToV4::<Test>::post_upgrade(state.clone()));
		PaymentRecords::<Test>::remove(paid);
		assert!(InnerMigrateV3ToV4::<Test>::post_upgrade(state).is_err());
	});
}
