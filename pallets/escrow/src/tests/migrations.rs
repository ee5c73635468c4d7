//! The v0 → v1 migration: settlements and disputes stored by v0 read back as v1.

use super::*;
use crate::migrations::{v0, MigrateV0ToV1};
use frame_support::traits::{GetStorageVersion, OnRuntimeUpgrade, StorageVersion};

fn v0_settlement(
	deduction: Option<v0::Deduction<Balance>>,
	status: SettlementStatus,
) -> v0::SettlementOf<Test> {
	v0::Settlement {
		buyer: ALICE,
		payee: STORE_PAY,
		store: STORE,
		order_no: bounded(b"o"),
		amount: 100,
		deposit: DEPOSIT,
		snapshot: SNAP,
		time_limit: DEFAULT_LIMIT,
		opened_at: 1,
		accepted: Some(Acceptance { order_amount: 100, at: 1 }),
		deadline: None,
		extensions: 1,
		deduction,
		status,
		record: None,
		closed_at: None,
	}
}

fn put_raw<K: codec::Encode, V: codec::Encode>(key: Vec<u8>, _: K, value: V) {
	frame_support::storage::unhashed::put(&key, &value);
}

#[test]
fn v0_settlements_and_disputes_read_back_as_v1() {
	ExtBuilder::default().build().execute_with(|| {
		StorageVersion::new(0).put::<Escrow>();
		let agreed = v0::Deduction { payout: 70, proposed_by: Party::Payee, agreed: true };
		let proposed = v0::Deduction { payout: 60, proposed_by: Party::Buyer, agreed: false };
		put_raw(
			Settlements::<Test>::hashed_key_for(0),
			0,
			v0_settlement(Some(agreed), SettlementStatus::Accepted),
		);
		put_raw(
			Settlements::<Test>::hashed_key_for(1),
			1,
			v0_settlement(Some(proposed), SettlementStatus::Disputed),
		);
		put_raw(
			Settlements::<Test>::hashed_key_for(2),
			2,
			v0_settlement(None, SettlementStatus::Completed),
		);
		let dispute: v0::DisputeOf<Test> = v0::Dispute {
			opened_by: Party::Buyer,
			reason: [1; 32],
			deposit: DISPUTE_DEPOSIT,
			opened_at: 3,
			arbiter_due: 3 + DISPUTE_PERIOD,
			resumes_as: SettlementStatus::Shipped,
			proposal: Some((Party::Payee, 40)),
			evidence: BoundedVec::truncate_from(vec![(Party::Buyer, [2; 32])]),
		};
		put_raw(Disputes::<Test>::hashed_key_for(1), 1, dispute);

		MigrateV0ToV1::<Test>::on_runtime_upgrade();

		assert_eq!(Escrow::on_chain_storage_version(), StorageVersion::new(1));
		let s = settlement(0);
		assert_eq!((s.agreed_payout, s.proposal, s.disputes), (Some(70), None, 0));
		assert_eq!((s.amount, s.extensions, s.status), (100, 1, SettlementStatus::Accepted));
		let s = settlement(1);
		assert_eq!(
			(s.agreed_payout, s.proposal, s.disputes),
			(None, Some(Proposal { payout: 60, by: Party::Buyer }), 1)
		);
		assert_eq!(settlement(2).status, SettlementStatus::Completed);
		let d = Disputes::<Test>::get(1).expect("the dispute reads back");
		assert_eq!(d.proposal, Some(Proposal { payout: 40, by: Party::Payee }));
		assert_eq!((d.stopped_deadline, d.opened_at, d.evidence.len()), (None, 3, 1));
		assert_eq!(d.opener, ALICE, "a v0 buyer's dispute was opened by the buyer");
		// The new store index holds exactly the open ones.
		let mut indexed: Vec<_> = OpenByStore::<Test>::iter_key_prefix(STORE).collect();
		indexed.sort();
		assert_eq!(indexed, vec![0, 1]);

		// Run again: the version guard makes it do nothing.
		Settlements::<Test>::mutate(0, |s| s.as_mut().unwrap().agreed_payout = Some(1));
		MigrateV0ToV1::<Test>::on_runtime_upgrade();
		assert_eq!(settlement(0).agreed_payout, Some(1));
	});
}
