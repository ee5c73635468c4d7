//! Storage migrations of the escrow pallet.
//!
//! - **v1 → v2** (settlements in an asset): every settlement and every payment record gains the
//!   asset it is paid in. Everything stored before v2 was paid in the native token, so each
//!   one gets [`Config::NativeAsset`]; nothing else changes, and the holds (in the native
//!   token, under the same [`HoldReason`]s) stay where they are. Run through [`MigrateV1ToV2`]:
//!   it reads and writes each settlement and each record once, which fits a block for the
//!   chain's current size (see `docs/RELIABILITY.md`); `try-runtime` checks the counts and every
//!   value before and after.
//!
//! - **v2 → v3** (one clock, an agenda that owes every task, unaccepted settlements expire):
//!   every settlement gains `paused` (zero: the pause allowance is whole; a question open
//!   now draws on it when it ends) and `store_disputes` (zero: v2 did not say who opened its
//!   disputes, so they count as the buyer's); every settlement still awaiting acceptance gets its expiry on
//!   the agenda, one acceptance period from the upgrade (its buyer and store learn of the rule
//!   with the upgrade, not before). A task v2 dropped after one failure is owed again: a
//!   shipped settlement whose payout failed (left with no deadline) is due at the upgrade, and
//!   every open dispute and refund request has its lapse on the agenda (one asked about such a
//!   settlement stopped the payout due at the upgrade). Run through [`MigrateV2ToV3`]; `try-runtime` checks every
//!   value and the new agenda entries.
//!
//! - **v3 → v4** (marketplaces): every settlement gains `commission` (none: it was opened
//!   before a store could be in a marketplace) and every payment record `commission` (none
//!   taken). Run through [`MigrateV3ToV4`]; `try-runtime` checks the counts and every value.
//!   v1 → v2 and v2 → v3 write what they migrate as v3 stored it, so that an upgrade from
//!   before v3 runs the three in turn.
//!
//! The v0 → v1 migration (consent bound to an amount) shipped with runtime spec 101 and was
//! removed once every chain of this runtime had run it: a chain still at v0 upgrades through a
//! runtime of that line first.

use crate::*;
use codec::{Decode, Encode};
use frame_support::{
	migrations::VersionedMigration,
	pallet_prelude::*,
	traits::{Get, UncheckedOnRuntimeUpgrade},
	weights::Weight,
};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::{traits::Zero, Saturating};

/// The types as v1 stored them.
pub mod v1 {
	use super::*;

	/// A v1 settlement: a v2 one without its asset.
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
		pub agreed_payout: Option<Balance>,
		pub proposal: Option<Proposal<Balance>>,
		pub disputes: u32,
		pub status: SettlementStatus,
		pub record: Option<PaymentRecordId>,
		pub closed_at: Option<BlockNumber>,
	}

	/// A v1 payment record: a v2 one without its asset.
	#[derive(Clone, Encode, Decode, Eq, PartialEq, Debug)]
	pub struct PaymentRecord<AccountId, Balance, BlockNumber> {
		pub settlement: SettlementId,
		pub payer: AccountId,
		pub payee: AccountId,
		pub amount: Balance,
		pub at: BlockNumber,
		pub trigger: PayoutTrigger,
	}

	pub type SettlementOf<T> = Settlement<
		<T as frame_system::Config>::AccountId,
		BalanceOf<T>,
		BlockNumberFor<T>,
		OrderNoOf<T>,
	>;
	pub type PaymentRecordOf<T> =
		PaymentRecord<<T as frame_system::Config>::AccountId, BalanceOf<T>, BlockNumberFor<T>>;

	/// `old` as v2 stores it, paid in `asset`.
	pub fn settlement<T: Config>(old: SettlementOf<T>, asset: AssetIdOf<T>) -> v2::SettlementOf<T> {
		v2::Settlement {
			buyer: old.buyer,
			payee: old.payee,
			store: old.store,
			order_no: old.order_no,
			asset,
			amount: old.amount,
			deposit: old.deposit,
			snapshot: old.snapshot,
			time_limit: old.time_limit,
			opened_at: old.opened_at,
			accepted: old.accepted,
			deadline: old.deadline,
			extensions: old.extensions,
			agreed_payout: old.agreed_payout,
			proposal: old.proposal,
			disputes: old.disputes,
			status: old.status,
			record: old.record,
			closed_at: old.closed_at,
		}
	}

	/// `old` as v2 stores it, paid in `asset`.
	pub fn record<T: Config>(
		old: PaymentRecordOf<T>,
		asset: AssetIdOf<T>,
	) -> v3::PaymentRecordOf<T> {
		v3::PaymentRecord {
			settlement: old.settlement,
			payer: old.payer,
			payee: old.payee,
			asset,
			amount: old.amount,
			at: old.at,
			trigger: old.trigger,
		}
	}
}

/// The types as v2 stored them.
pub mod v2 {
	use super::*;

	/// A v2 settlement: a v3 one without its pause allowance.
	#[derive(Clone, Encode, Decode, Eq, PartialEq, Debug)]
	pub struct Settlement<AccountId, AssetId, Balance, BlockNumber, OrderNo> {
		pub buyer: AccountId,
		pub payee: AccountId,
		pub store: StoreId,
		pub order_no: OrderNo,
		pub asset: AssetId,
		pub amount: Balance,
		pub deposit: Balance,
		pub snapshot: SnapshotHash,
		pub time_limit: BlockNumber,
		pub opened_at: BlockNumber,
		pub accepted: Option<Acceptance<Balance, BlockNumber>>,
		pub deadline: Option<BlockNumber>,
		pub extensions: u32,
		pub agreed_payout: Option<Balance>,
		pub proposal: Option<Proposal<Balance>>,
		pub disputes: u32,
		pub status: SettlementStatus,
		pub record: Option<PaymentRecordId>,
		pub closed_at: Option<BlockNumber>,
	}

	pub type SettlementOf<T> = Settlement<
		<T as frame_system::Config>::AccountId,
		AssetIdOf<T>,
		BalanceOf<T>,
		BlockNumberFor<T>,
		OrderNoOf<T>,
	>;

	/// `old` as v3 stores it: its whole pause allowance left.
	pub fn settlement<T: Config>(old: SettlementOf<T>) -> v3::SettlementOf<T> {
		v3::Settlement {
			buyer: old.buyer,
			payee: old.payee,
			store: old.store,
			order_no: old.order_no,
			asset: old.asset,
			amount: old.amount,
			deposit: old.deposit,
			snapshot: old.snapshot,
			time_limit: old.time_limit,
			opened_at: old.opened_at,
			accepted: old.accepted,
			deadline: old.deadline,
			extensions: old.extensions,
			agreed_payout: old.agreed_payout,
			proposal: old.proposal,
			disputes: old.disputes,
			status: old.status,
			record: old.record,
			closed_at: old.closed_at,
			paused: Zero::zero(),
			// v2 did not say who opened its disputes: they count as the buyer's.
			store_disputes: 0,
		}
	}
}

/// The types as v3 stored them.
pub mod v3 {
	use super::*;

	/// A v3 settlement: a v4 one without its commission.
	#[derive(Clone, Encode, Decode, Eq, PartialEq, Debug)]
	pub struct Settlement<AccountId, AssetId, Balance, BlockNumber, OrderNo> {
		pub buyer: AccountId,
		pub payee: AccountId,
		pub store: StoreId,
		pub order_no: OrderNo,
		pub asset: AssetId,
		pub amount: Balance,
		pub deposit: Balance,
		pub snapshot: SnapshotHash,
		pub time_limit: BlockNumber,
		pub opened_at: BlockNumber,
		pub accepted: Option<Acceptance<Balance, BlockNumber>>,
		pub deadline: Option<BlockNumber>,
		pub extensions: u32,
		pub agreed_payout: Option<Balance>,
		pub proposal: Option<Proposal<Balance>>,
		pub disputes: u32,
		pub status: SettlementStatus,
		pub record: Option<PaymentRecordId>,
		pub closed_at: Option<BlockNumber>,
		pub paused: BlockNumber,
		pub store_disputes: u32,
	}

	/// A v2 and v3 payment record: a v4 one without its commission.
	#[derive(Clone, Encode, Decode, Eq, PartialEq, Debug)]
	pub struct PaymentRecord<AccountId, AssetId, Balance, BlockNumber> {
		pub settlement: SettlementId,
		pub payer: AccountId,
		pub payee: AccountId,
		pub asset: AssetId,
		pub amount: Balance,
		pub at: BlockNumber,
		pub trigger: PayoutTrigger,
	}

	pub type SettlementOf<T> = Settlement<
		<T as frame_system::Config>::AccountId,
		AssetIdOf<T>,
		BalanceOf<T>,
		BlockNumberFor<T>,
		OrderNoOf<T>,
	>;
	pub type PaymentRecordOf<T> = PaymentRecord<
		<T as frame_system::Config>::AccountId,
		AssetIdOf<T>,
		BalanceOf<T>,
		BlockNumberFor<T>,
	>;

	/// `old` as v4 stores it: opened outside any marketplace.
	pub fn settlement<T: Config>(old: SettlementOf<T>) -> crate::SettlementOf<T> {
		crate::Settlement {
			buyer: old.buyer,
			payee: old.payee,
			store: old.store,
			order_no: old.order_no,
			asset: old.asset,
			amount: old.amount,
			deposit: old.deposit,
			snapshot: old.snapshot,
			time_limit: old.time_limit,
			opened_at: old.opened_at,
			accepted: old.accepted,
			deadline: old.deadline,
			extensions: old.extensions,
			agreed_payout: old.agreed_payout,
			proposal: old.proposal,
			disputes: old.disputes,
			status: old.status,
			record: old.record,
			closed_at: old.closed_at,
			paused: old.paused,
			store_disputes: old.store_disputes,
			commission: None,
		}
	}

	/// `old` as v4 stores it: no commission taken.
	pub fn record<T: Config>(old: PaymentRecordOf<T>) -> crate::PaymentRecordOf<T> {
		crate::PaymentRecord {
			settlement: old.settlement,
			payer: old.payer,
			payee: old.payee,
			asset: old.asset,
			amount: old.amount,
			at: old.at,
			trigger: old.trigger,
			commission: None,
		}
	}
}

/// Gives every settlement opened before marketplaces no commission, and every payment record
/// none taken; run through [`MigrateV3ToV4`].
pub struct InnerMigrateV3ToV4<T>(core::marker::PhantomData<T>);

impl<T: Config> UncheckedOnRuntimeUpgrade for InnerMigrateV3ToV4<T> {
	fn on_runtime_upgrade() -> Weight {
		let mut entries: u64 = 0;
		Settlements::<T>::translate::<v3::SettlementOf<T>, _>(|_, old| {
			entries.saturating_inc();
			Some(v3::settlement::<T>(old))
		});
		PaymentRecords::<T>::translate::<v3::PaymentRecordOf<T>, _>(|_, old| {
			entries.saturating_inc();
			Some(v3::record::<T>(old))
		});
		T::DbWeight::get().reads_writes(entries, entries)
	}

	#[cfg(feature = "try-runtime")]
	fn pre_upgrade() -> Result<alloc::vec::Vec<u8>, sp_runtime::TryRuntimeError> {
		let settlements: alloc::vec::Vec<(SettlementId, v3::SettlementOf<T>)> =
			entries_of::<T, _>(b"Settlements");
		let records: alloc::vec::Vec<(PaymentRecordId, v3::PaymentRecordOf<T>)> =
			entries_of::<T, _>(b"PaymentRecords");
		Ok((settlements, records).encode())
	}

	/// Each settlement and record reads back as before, with no commission, and no other is
	/// stored.
	#[cfg(feature = "try-runtime")]
	fn post_upgrade(state: alloc::vec::Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
		type Before<T> = (
			alloc::vec::Vec<(SettlementId, v3::SettlementOf<T>)>,
			alloc::vec::Vec<(PaymentRecordId, v3::PaymentRecordOf<T>)>,
		);
		let (settlements, records) = Before::<T>::decode(&mut &state[..])
			.map_err(|_| "the state before the upgrade does not decode")?;
		ensure!(
			Settlements::<T>::iter_keys().count() == settlements.len(),
			"the number of settlements changed"
		);
		ensure!(
			PaymentRecords::<T>::iter_keys().count() == records.len(),
			"the number of payment records changed"
		);
		for (id, old) in settlements {
			ensure!(
				Settlements::<T>::get(id) == Some(v3::settlement::<T>(old)),
				"a settlement did not read back without a commission"
			);
		}
		for (id, old) in records {
			ensure!(
				PaymentRecords::<T>::get(id) == Some(v3::record::<T>(old)),
				"a payment record did not read back without a commission"
			);
		}
		Ok(())
	}
}

/// Gives every settlement its pause allowance and no retry, and every settlement awaiting
/// acceptance its expiry; run through [`MigrateV2ToV3`].
pub struct InnerMigrateV2ToV3<T>(core::marker::PhantomData<T>);

impl<T: Config> UncheckedOnRuntimeUpgrade for InnerMigrateV2ToV3<T> {
	fn on_runtime_upgrade() -> Weight {
		let now = Pallet::<T>::now();
		let expires = now.saturating_add(Pallet::<T>::acceptance_period());
		let mut entries: u64 = 0;
		let mut waiting = alloc::vec::Vec::new();
		// Written as v3 stores them: the v3 → v4 migration reads them so.
		let old: alloc::vec::Vec<(SettlementId, v2::SettlementOf<T>)> =
			entries_of::<T, _>(b"Settlements");
		for (id, old) in old {
			entries.saturating_inc();
			if old.status == SettlementStatus::AwaitingAcceptance {
				waiting.push(id);
			}
			let mut new = v2::settlement::<T>(old);
			// A payout that failed before v3 was taken off the agenda for good: it is owed now.
			if new.status == SettlementStatus::Shipped && new.deadline.is_none() {
				new.deadline = Some(now);
				Agenda::<T>::insert(AgendaKey::new(now, AgendaTask::AutoSettle, id), ());
			}
			frame_support::storage::unhashed::put(&Settlements::<T>::hashed_key_for(id), &new);
		}
		for id in &waiting {
			Agenda::<T>::insert(AgendaKey::new(expires, AgendaTask::Expire, *id), ());
		}
		// So were a lapse and a silent grant that failed: due again, at once. A question asked
		// about a shipped settlement whose payout had failed stopped no deadline: it stopped
		// the payout due now.
		let mut disputes = alloc::vec::Vec::new();
		for (id, mut dispute) in Disputes::<T>::iter() {
			entries.saturating_inc();
			let due = AgendaKey::new(dispute.arbiter_due, AgendaTask::DisputeLapse, id);
			Agenda::<T>::insert(due, ());
			let shipped = dispute.resumes_as == SettlementStatus::Shipped;
			if shipped && dispute.stopped_deadline.is_none() {
				dispute.stopped_deadline = Some(now);
				disputes.push((id, dispute));
			}
		}
		for (id, dispute) in disputes {
			Disputes::<T>::insert(id, dispute);
		}
		let mut requests = alloc::vec::Vec::new();
		for (id, mut request) in RefundRequests::<T>::iter() {
			entries.saturating_inc();
			Agenda::<T>::insert(AgendaKey::new(request.due, AgendaTask::RefundLapse, id), ());
			let shipped = request.resumes_as == SettlementStatus::Shipped;
			if shipped && request.stopped_deadline.is_none() {
				request.stopped_deadline = Some(now);
				requests.push((id, request));
			}
		}
		for (id, request) in requests {
			RefundRequests::<T>::insert(id, request);
		}
		// Each entry read and written, and at most one agenda entry written for it.
		T::DbWeight::get().reads_writes(entries, entries.saturating_mul(2))
	}

	#[cfg(feature = "try-runtime")]
	fn pre_upgrade() -> Result<alloc::vec::Vec<u8>, sp_runtime::TryRuntimeError> {
		let settlements: alloc::vec::Vec<(SettlementId, v2::SettlementOf<T>)> =
			entries_of::<T, _>(b"Settlements");
		Ok(settlements.encode())
	}

	/// Each settlement reads back as before with its whole allowance, and each
	/// one awaiting acceptance has its expiry on the agenda.
	#[cfg(feature = "try-runtime")]
	fn post_upgrade(state: alloc::vec::Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
		let settlements =
			alloc::vec::Vec::<(SettlementId, v2::SettlementOf<T>)>::decode(&mut &state[..])
				.map_err(|_| "the state before the upgrade does not decode")?;
		ensure!(
			Settlements::<T>::iter_keys().count() == settlements.len(),
			"the number of settlements changed"
		);
		let now: alloc::collections::BTreeMap<SettlementId, v3::SettlementOf<T>> =
			entries_of::<T, _>(b"Settlements").into_iter().collect();
		for (id, old) in settlements {
			let waiting = old.status == SettlementStatus::AwaitingAcceptance;
			let dropped = old.status == SettlementStatus::Shipped && old.deadline.is_none();
			let new = now.get(&id).cloned().ok_or("a settlement is gone")?;
			ensure!(
				dropped || new == v2::settlement::<T>(old),
				"a settlement did not read back with its pause allowance"
			);
			ensure!(!dropped || new.deadline.is_some(), "a dropped payout is still off the agenda");
			ensure!(
				!waiting
					|| Agenda::<T>::iter_keys()
						.any(|k| k.task == AgendaTask::Expire && k.settlement() == id),
				"a settlement awaiting acceptance has no expiry"
			);
		}
		Ok(())
	}
}

/// Adds the native asset to every settlement and payment record; run through
/// [`MigrateV1ToV2`].
pub struct InnerMigrateV1ToV2<T>(core::marker::PhantomData<T>);

impl<T: Config> UncheckedOnRuntimeUpgrade for InnerMigrateV1ToV2<T> {
	fn on_runtime_upgrade() -> Weight {
		let native = T::NativeAsset::get();
		let mut entries: u64 = 0;
		// Written as v2 stores them: the v2 → v3 migration reads them so.
		let old: alloc::vec::Vec<(SettlementId, v1::SettlementOf<T>)> =
			entries_of::<T, _>(b"Settlements");
		for (id, settlement) in old {
			entries.saturating_inc();
			frame_support::storage::unhashed::put(
				&Settlements::<T>::hashed_key_for(id),
				&v1::settlement::<T>(settlement, native.clone()),
			);
		}
		// Written as v2 and v3 store them: the v3 → v4 migration reads them so.
		let old: alloc::vec::Vec<(PaymentRecordId, v1::PaymentRecordOf<T>)> =
			entries_of::<T, _>(b"PaymentRecords");
		for (id, record) in old {
			entries.saturating_inc();
			frame_support::storage::unhashed::put(
				&PaymentRecords::<T>::hashed_key_for(id),
				&v1::record::<T>(record, native.clone()),
			);
		}
		T::DbWeight::get().reads_writes(entries, entries)
	}

	/// Every v1 settlement and record, decoded, so that `post_upgrade` can compare.
	#[cfg(feature = "try-runtime")]
	fn pre_upgrade() -> Result<alloc::vec::Vec<u8>, sp_runtime::TryRuntimeError> {
		let settlements: alloc::vec::Vec<(SettlementId, v1::SettlementOf<T>)> =
			entries_of::<T, _>(b"Settlements");
		let records: alloc::vec::Vec<(PaymentRecordId, v1::PaymentRecordOf<T>)> =
			entries_of::<T, _>(b"PaymentRecords");
		Ok((settlements, records).encode())
	}

	/// Each settlement and record reads back as before, in the native asset, and no other is
	/// stored.
	#[cfg(feature = "try-runtime")]
	fn post_upgrade(state: alloc::vec::Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
		type Before<T> = (
			alloc::vec::Vec<(SettlementId, v1::SettlementOf<T>)>,
			alloc::vec::Vec<(PaymentRecordId, v1::PaymentRecordOf<T>)>,
		);
		let (settlements, records) = Before::<T>::decode(&mut &state[..])
			.map_err(|_| "the state before the upgrade does not decode")?;
		let native = T::NativeAsset::get();
		ensure!(
			Settlements::<T>::iter_keys().count() == settlements.len(),
			"the number of settlements changed"
		);
		ensure!(
			PaymentRecords::<T>::iter_keys().count() == records.len(),
			"the number of payment records changed"
		);
		let now: alloc::collections::BTreeMap<SettlementId, v2::SettlementOf<T>> =
			entries_of::<T, _>(b"Settlements").into_iter().collect();
		for (id, old) in settlements {
			ensure!(
				now.get(&id) == Some(&v1::settlement::<T>(old, native.clone())),
				"a settlement did not read back in the native asset"
			);
		}
		let now_records: alloc::collections::BTreeMap<PaymentRecordId, v3::PaymentRecordOf<T>> =
			entries_of::<T, _>(b"PaymentRecords").into_iter().collect();
		for (id, old) in records {
			ensure!(
				now_records.get(&id) == Some(&v1::record::<T>(old, native.clone())),
				"a payment record did not read back in the native asset"
			);
		}
		Ok(())
	}
}

/// Every `(id, value)` of the map `item`, decoded as the earlier type `V`.
fn entries_of<T: Config, V: Decode>(item: &[u8]) -> alloc::vec::Vec<(u64, V)> {
	use frame_support::traits::PalletInfoAccess;
	frame_support::migration::storage_key_iter::<u64, V, Twox64Concat>(
		Pallet::<T>::name().as_bytes(),
		item,
	)
	.collect()
}

/// v3 → v4, run once: the storage version guards it.
pub type MigrateV3ToV4<T> = VersionedMigration<
	3,
	4,
	InnerMigrateV3ToV4<T>,
	Pallet<T>,
	<T as frame_system::Config>::DbWeight,
>;

/// v2 → v3, run once: the storage version guards it.
pub type MigrateV2ToV3<T> = VersionedMigration<
	2,
	3,
	InnerMigrateV2ToV3<T>,
	Pallet<T>,
	<T as frame_system::Config>::DbWeight,
>;

/// v1 → v2, run once: the storage version guards it.
pub type MigrateV1ToV2<T> = VersionedMigration<
	1,
	2,
	InnerMigrateV1ToV2<T>,
	Pallet<T>,
	<T as frame_system::Config>::DbWeight,
>;
