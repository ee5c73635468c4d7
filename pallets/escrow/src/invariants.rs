//! The pallet's invariants (`try_state`): what its storage must satisfy after every block,
//! checked by the tests after each of them, by the invariant test after every step, and by
//! `try-runtime` against a live chain.

use crate::*;
use frame_support::pallet_prelude::*;
use sp_runtime::traits::Saturating;

impl<T: Config> Pallet<T> {
	/// Checks the pallet's invariants:
	/// - each account's hold for payments equals its open settlements' amounts, and its hold
	///   for deposits their deposits;
	/// - every shipped open settlement with a deadline is on the agenda exactly once (at its
	///   deadline, or at the next try of its failed payout), and every auto-settlement on the
	///   agenda is such a settlement; every open dispute and refund request has its lapse, every
	///   settlement awaiting acceptance its expiry: no task owed is missing;
	/// - no clock was paused past its allowance (a shipped one), or past it and one question
	///   (before shipping, where the last question runs its full length);
	/// - no closed settlement is still keyed as open; every open one is;
	/// - every completed settlement names a payment record for it (until pruned together).
	#[cfg(any(feature = "try-runtime", feature = "std", test))]
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		use alloc::collections::btree_map::BTreeMap;
		use frame_support::traits::fungibles::InspectHold;
		// Keyed by account and asset (encoded: an asset id need not be `Ord`).
		type Key<T> = (<T as frame_system::Config>::AccountId, alloc::vec::Vec<u8>);
		let key = |who: &T::AccountId, asset: &AssetIdOf<T>| (who.clone(), asset.encode());
		let asset_of = |key: &Key<T>| AssetIdOf::<T>::decode(&mut &key.1[..]);
		let mut held: BTreeMap<Key<T>, (BalanceOf<T>, BalanceOf<T>)> = BTreeMap::new();
		let mut due = 0usize;
		let mut disputes: BTreeMap<Key<T>, BalanceOf<T>> = BTreeMap::new();
		let mut expiring = alloc::vec::Vec::new();
		for (id, s) in Settlements::<T>::iter() {
			let keyed = OpenByOrder::<T>::get((&s.buyer, s.store, &s.order_no)) == Some(id);
			ensure!(
				OpenByStore::<T>::contains_key(s.store, id) == s.status.is_open(),
				"the store index differs from the open settlements"
			);
			ensure!(
				s.store_disputes <= s.disputes,
				"the store opened more disputes than there were"
			);
			for side in [Party::Buyer, Party::Payee] {
				ensure!(
					Self::disputes_of(&s, side) <= T::MaxDisputes::get(),
					"a side disputed more than MaxDisputes"
				);
			}
			if s.status.is_open() {
				ensure!(keyed, "an open settlement is not keyed by its store order");
				let entry = held.entry(key(&s.buyer, &s.asset)).or_default();
				entry.0 = entry.0.saturating_add(s.amount);
				entry.1 = entry.1.saturating_add(s.deposit);
			} else {
				ensure!(!keyed, "a closed settlement is still keyed as open");
			}
			let dispute = Disputes::<T>::get(id);
			ensure!(
				dispute.is_some() == (s.status == SettlementStatus::Disputed),
				"a dispute record exists exactly for each disputed settlement"
			);
			if let Some(d) = dispute {
				ensure!(s.deadline.is_none(), "a disputed settlement's timer runs");
				for side in [Party::Buyer, Party::Payee] {
					ensure!(
						d.evidence.iter().filter(|(p, _)| *p == side).count()
							<= T::MaxEvidence::get() as usize,
						"a side attached more than MaxEvidence pieces of evidence"
					);
				}
				ensure!(
					Self::is_scheduled(id, d.arbiter_due, AgendaTask::DisputeLapse),
					"a dispute has no lapse on the agenda"
				);
				let entry = disputes.entry(key(&d.opener, &s.asset)).or_default();
				*entry = entry.saturating_add(d.deposit);
			}
			let request = RefundRequests::<T>::get(id);
			ensure!(
				request.is_some() == (s.status == SettlementStatus::RefundRequested),
				"a refund request exists exactly for each settlement in after-sales"
			);
			if let Some(r) = request {
				ensure!(s.deadline.is_none(), "a settlement's timer runs during a refund request");
				ensure!(r.amount <= s.amount, "a refund request asks for more than is held");
				ensure!(
					Self::is_scheduled(id, r.due, AgendaTask::RefundLapse),
					"a refund request has no lapse on the agenda"
				);
			}
			if let (SettlementStatus::Shipped, Some(deadline)) = (s.status, s.deadline) {
				ensure!(
					Self::is_scheduled(id, deadline, AgendaTask::AutoSettle),
					"a shipped settlement is not on the agenda"
				);
				due = due.saturating_add(1);
			}
			// The time a shipped deadline moved is within the allowance; a question before
			// shipping, or one open now, may have run past it by one question's length.
			let most = match s.status {
				SettlementStatus::Shipped => Self::pause_allowance(),
				_ => Self::pause_allowance().saturating_add(Self::longest_question()),
			};
			ensure!(s.paused <= most, "a clock paused past its allowance");
			ensure!(
				s.status != SettlementStatus::Shipped || s.deadline.is_some(),
				"a shipped settlement has no deadline"
			);
			if s.status == SettlementStatus::AwaitingAcceptance {
				expiring.push(id);
			}
			if let Some(retry) = Retries::<T>::get(id) {
				ensure!(s.status.is_open(), "a closed settlement waits for a retry");
				ensure!(
					Agenda::<T>::contains_key(AgendaKey::new(retry.at, retry.task, id)),
					"a failed task's next try is not on the agenda"
				);
			}
			if s.status == SettlementStatus::Completed {
				let record = s.record.and_then(PaymentRecords::<T>::get);
				ensure!(
					s.record == Some(id) && record.is_some_and(|r| r.settlement == id),
					"a completed settlement has no payment record of its own id"
				);
			}
		}
		let on_agenda =
			Agenda::<T>::iter_keys().filter(|k| k.task == AgendaTask::AutoSettle).count();
		let lapses =
			Agenda::<T>::iter_keys().filter(|k| k.task == AgendaTask::DisputeLapse).count();
		ensure!(lapses == Disputes::<T>::iter_keys().count(), "a lapse without its dispute");
		let refund_lapses =
			Agenda::<T>::iter_keys().filter(|k| k.task == AgendaTask::RefundLapse).count();
		ensure!(
			refund_lapses == RefundRequests::<T>::iter_keys().count(),
			"a refund lapse without its request"
		);
		for (k, deposit) in &disputes {
			let asset = asset_of(k).map_err(|_| "an asset does not decode")?;
			let reason = HoldReason::DisputeDeposit.into();
			ensure!(
				T::Assets::balance_on_hold(asset, &reason, &k.0) == *deposit,
				"dispute hold differs from the open disputes' deposits"
			);
		}
		ensure!(on_agenda == due, "the agenda holds auto-settlements of no shipped settlement");
		let expiries: alloc::collections::BTreeSet<SettlementId> = Agenda::<T>::iter_keys()
			.filter(|k| k.task == AgendaTask::Expire)
			.map(|k| k.settlement())
			.collect();
		ensure!(
			expiring.iter().all(|id| expiries.contains(id)),
			"a settlement awaiting acceptance has no expiry on the agenda"
		);
		ensure!(
			Retries::<T>::iter_keys().all(Settlements::<T>::contains_key),
			"a retry of no settlement"
		);
		ensure!(
			OpenByStore::<T>::iter_keys()
				.all(|(store, id)| Settlements::<T>::get(id).is_some_and(|s| s.store == store)),
			"the store index names a settlement of another store"
		);
		for (_, id) in OpenByOrder::<T>::iter() {
			ensure!(
				Settlements::<T>::get(id).is_some_and(|s| s.status.is_open()),
				"a store order is keyed to a settlement that is not open"
			);
		}
		for (k, (payment, deposit)) in &held {
			let asset = asset_of(k).map_err(|_| "an asset does not decode")?;
			ensure!(
				T::Assets::balance_on_hold(asset.clone(), &HoldReason::Payment.into(), &k.0)
					== *payment,
				"payment hold differs from the open settlements' amounts"
			);
			ensure!(
				T::Assets::balance_on_hold(asset, &HoldReason::SettlementDeposit.into(), &k.0)
					== *deposit,
				"deposit hold differs from the open settlements' deposits"
			);
		}
		Ok(())
	}
}
