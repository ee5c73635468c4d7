//! Storage migrations of the escrow pallet.
//!
//! - **v0 → v1** (consent bound to an amount): a settlement's `deduction` (one proposal with an
//!   `agreed` flag) becomes `agreed_payout` (an agreed deduction, kept until both sides agree
//!   another) beside `proposal` (one not yet accepted), and the settlement counts its
//!   `disputes`. A dispute keeps the account that opened it (`opener`, whose deposit is held),
//!   the deadline it stopped (`stopped_deadline`) and its proposal as a [`Proposal`]. Disputes opened before v1 did not record their deadline: they resume
//!   with the time-limit rule from when they were opened.

use crate::*;
use codec::{Decode, Encode};
use frame_support::{
	migrations::VersionedMigration,
	pallet_prelude::*,
	traits::{Get, UncheckedOnRuntimeUpgrade},
	weights::Weight,
};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::Saturating;

/// The types as v0 stored them.
pub mod v0 {
	use super::*;

	/// A v0 deduction: one proposal, agreed or not.
	#[derive(Clone, Copy, Encode, Decode, Eq, PartialEq, Debug)]
	pub struct Deduction<Balance> {
		pub payout: Balance,
		pub proposed_by: Party,
		pub agreed: bool,
	}

	/// A v0 settlement.
	#[derive(Clone, Encode, Decode, Eq, PartialEq, Debug)]
	pub struct Settlement<AccountId, Balance, BlockNumber, OrderNo> {
		pub buyer: AccountId,
		pub payee: AccountId,
		pub store: StoreId,
		pub order_no: OrderNo,
		pub amount: Balance,
		pub deposit: Balance,
		pub snapshot: SnapshotHash,
		pub time_limit: BlockNumber,
		pub opened_at: BlockNumber,
		pub accepted: Option<Acceptance<Balance, BlockNumber>>,
		pub deadline: Option<BlockNumber>,
		pub extensions: u32,
		pub deduction: Option<Deduction<Balance>>,
		pub status: SettlementStatus,
		pub record: Option<PaymentRecordId>,
		pub closed_at: Option<BlockNumber>,
	}

	/// A v0 dispute.
	#[derive(Clone, Encode, Decode, Eq, PartialEq, Debug)]
	pub struct Dispute<Balance, BlockNumber, Evidence> {
		pub opened_by: Party,
		pub reason: [u8; 32],
		pub deposit: Balance,
		pub opened_at: BlockNumber,
		pub arbiter_due: BlockNumber,
		pub resumes_as: SettlementStatus,
		pub proposal: Option<(Party, Balance)>,
		pub evidence: Evidence,
	}

	pub type SettlementOf<T> = Settlement<
		<T as frame_system::Config>::AccountId,
		BalanceOf<T>,
		BlockNumberFor<T>,
		OrderNoOf<T>,
	>;
	pub type DisputeOf<T> =
		Dispute<BalanceOf<T>, BlockNumberFor<T>, BoundedVec<(Party, [u8; 32]), EvidenceBound<T>>>;
}

/// Moves settlements and disputes from v0 to v1; run through [`MigrateV0ToV1`].
pub struct InnerMigrateV0ToV1<T>(core::marker::PhantomData<T>);

impl<T: Config> UncheckedOnRuntimeUpgrade for InnerMigrateV0ToV1<T> {
	fn on_runtime_upgrade() -> Weight {
		let mut entries: u64 = 0;
		Settlements::<T>::translate::<v0::SettlementOf<T>, _>(|id, old| {
			entries.saturating_inc();
			// The store index is new: every open settlement enters it.
			if old.status.is_open() {
				OpenByStore::<T>::insert(old.store, id, ());
				entries.saturating_inc();
			}
			let (agreed_payout, proposal) = match old.deduction {
				Some(d) if d.agreed => (Some(d.payout), None),
				Some(d) => (None, Some(Proposal { payout: d.payout, by: d.proposed_by })),
				None => (None, None),
			};
			Some(Settlement {
				buyer: old.buyer,
				payee: old.payee,
				store: old.store,
				order_no: old.order_no,
				amount: old.amount,
				deposit: old.deposit,
				snapshot: old.snapshot,
				time_limit: old.time_limit,
				opened_at: old.opened_at,
				accepted: old.accepted,
				deadline: old.deadline,
				extensions: old.extensions,
				agreed_payout,
				proposal,
				// Open disputes count; earlier, ended ones were not recorded.
				disputes: u32::from(old.status == SettlementStatus::Disputed),
				status: old.status,
				record: old.record,
				closed_at: old.closed_at,
			})
		});
		Disputes::<T>::translate::<v0::DisputeOf<T>, _>(|id, old| {
			entries.saturating_inc();
			// v0 held the deposit from the buyer or the payout account.
			let settlement = Settlements::<T>::get(id)?;
			let opener = match old.opened_by {
				Party::Buyer => settlement.buyer,
				Party::Payee => settlement.payee,
			};
			Some(Dispute {
				opened_by: old.opened_by,
				opener,
				reason: old.reason,
				deposit: old.deposit,
				opened_at: old.opened_at,
				arbiter_due: old.arbiter_due,
				resumes_as: old.resumes_as,
				stopped_deadline: None,
				proposal: old.proposal.map(|(by, payout)| Proposal { payout, by }),
				evidence: old.evidence,
			})
		});
		T::DbWeight::get().reads_writes(entries.saturating_mul(2), entries)
	}
}

/// v0 → v1, run once: the storage version guards it.
pub type MigrateV0ToV1<T> = VersionedMigration<
	0,
	1,
	InnerMigrateV0ToV1<T>,
	Pallet<T>,
	<T as frame_system::Config>::DbWeight,
>;
