//! The agenda: work that falls due at a block (auto-settlements, lapsed disputes, refund
//! requests at the end of a step, expiries of unaccepted settlements, removal of expired
//! records), taken in `on_initialize` in key order within the weight budget; a task that fails
//! is owed again later ([`Retries`]). See `docs/DESIGN.md`, "The agenda".

use crate::*;
use alloc::collections::btree_set::BTreeSet;
use frame_support::{pallet_prelude::*, storage::with_storage_layer, weights::WeightMeter};
use frame_system::pallet_prelude::*;
use sp_runtime::traits::{One, Saturating, UniqueSaturatedInto};

impl<T: Config> Pallet<T> {
	/// The weight of one more auto-settlement in the agenda hook to a payee or a store it has
	/// not paid yet in this block, the store side's part of the payout included and the
	/// funding hook not: the slope of the benchmark `auto_settle_stores(n)` (each payout to a
	/// store and payee of its own).
	pub fn auto_settle_weight() -> Weight {
		T::WeightInfo::auto_settle_stores(1).saturating_sub(T::WeightInfo::auto_settle_stores(0))
	}

	/// The weight of one more auto-settlement to a payee and a store the hook already paid in
	/// this block: their account and record are written once, in the block's overlay, however
	/// many payouts change them. The slope of the benchmark `auto_settle(n)` (every payout to
	/// one store and payee).
	pub fn auto_settle_again_weight() -> Weight {
		T::WeightInfo::auto_settle(1).saturating_sub(T::WeightInfo::auto_settle(0))
	}

	/// The weight of removing an expired settlement, with its store order.
	pub fn prune_weight() -> Weight {
		T::WeightInfo::prune().saturating_add(T::Observer::weight())
	}

	/// The weight of an expiry: the buyer's cancellation, made by the chain, benchmarked as
	/// the agenda runs it.
	pub fn expire_weight() -> Weight {
		T::WeightInfo::expire()
	}

	/// What a failed task adds: reading its earlier tries, writing the next one and its
	/// agenda entry.
	pub fn retry_weight() -> Weight {
		T::DbWeight::get().reads_writes(1, 2)
	}

	/// The largest agenda task with its hooks: what the agenda budget must fit at least.
	pub fn largest_task_weight() -> Weight {
		let hooks = Self::close_hooks_weight().saturating_add(Self::retry_weight());
		Self::auto_settle_weight()
			.saturating_add(hooks)
			.max(T::WeightInfo::dispute_lapse().saturating_add(hooks))
			.max(T::WeightInfo::refund_lapse().saturating_add(hooks))
			.max(Self::expire_weight().saturating_add(hooks))
			.max(Self::prune_weight())
	}

	/// The wait before try `attempts + 1` of a failed task: `RetryDelay`, doubled for each
	/// further failure, at most `MaxRetryDelay`, at least a block.
	pub fn retry_delay(attempts: u32) -> BlockNumberFor<T> {
		let doublings = attempts.saturating_sub(1).min(31);
		let factor = BlockNumberFor::<T>::from(2u32.saturating_pow(doublings));
		T::RetryDelay::get().saturating_mul(factor).min(T::MaxRetryDelay::get()).max(One::one())
	}

	/// Task `task` of settlement `id` failed with `error` and changed nothing: it stays owed,
	/// and is tried again after [`Self::retry_delay`].
	pub(crate) fn owe_again(id: SettlementId, task: AgendaTask, error: DispatchError) {
		let attempts = Retries::<T>::get(id).map_or(0, |r| r.attempts).saturating_add(1);
		let at = Self::now().saturating_add(Self::retry_delay(attempts));
		Retries::<T>::insert(id, Retry { task, at, attempts });
		Agenda::<T>::insert(AgendaKey::new(at, task, id), ());
		Self::deposit_event(Event::TaskFailed { id, task, error, attempts, retry_at: at });
	}

	/// The task settlement `id` was owed is done or no longer owed: its next try, if one was
	/// waiting, goes.
	pub(crate) fn drop_retry(id: SettlementId) {
		if let Some(retry) = Retries::<T>::take(id) {
			Agenda::<T>::remove(AgendaKey::new(retry.at, retry.task, id));
		}
	}

	/// Where the agenda holds task `task` of settlement `id`, due at `due`: its own entry, or
	/// the entry of its next try if it failed.
	#[cfg(any(feature = "try-runtime", feature = "std", test))]
	pub(crate) fn is_scheduled(id: SettlementId, due: BlockNumberFor<T>, task: AgendaTask) -> bool {
		Agenda::<T>::contains_key(AgendaKey::new(due, task, id))
			|| Retries::<T>::get(id).is_some_and(|r| {
				r.task == task && Agenda::<T>::contains_key(AgendaKey::new(r.at, task, id))
			})
	}

	/// Takes due agenda entries in order while `meter` allows; see `docs/DESIGN.md`, "The
	/// agenda".
	pub(crate) fn service_agenda(now: BlockNumberFor<T>, meter: &mut WeightMeter) {
		meter.consume(T::WeightInfo::on_initialize_idle());
		let now: u64 = now.unique_saturated_into();
		let hooks = Self::close_hooks_weight();
		let funding = T::Funding::on_close_weight();
		let settle_first = Self::auto_settle_weight();
		let settle_again = Self::auto_settle_again_weight();
		let prune_weight = Self::prune_weight();
		let lapse_weight = T::WeightInfo::dispute_lapse();
		let refund_lapse_weight = T::WeightInfo::refund_lapse();
		let retry = Self::retry_weight();
		let hooks = hooks.saturating_add(retry);
		// The payees and stores paid so far in this block: one of each at most per task taken,
		// and the tasks are bounded by the budget.
		let mut payees = BTreeSet::new();
		let mut stores = BTreeSet::new();
		// And the marketplaces' fee accounts: a fresh one per settlement is a payout to an
		// account not paid yet, charged as such.
		let mut fee_accounts = BTreeSet::new();
		for key in Agenda::<T>::iter_keys() {
			if key.due() > now {
				break;
			}
			let id = key.settlement();
			// Taken only if its worst case fits; charged what it took.
			let used = match key.task {
				AgendaTask::AutoSettle => {
					// Room for the cheapest payout before the settlement is read to size it.
					if !meter.can_consume(settle_again.saturating_add(hooks)) {
						break;
					}
					let settlement = Settlements::<T>::get(id);
					let again = settlement.as_ref().is_some_and(|s| {
						payees.contains(&s.payee)
							&& stores.contains(&s.store)
							&& s.commission
								.as_ref()
								.is_none_or(|c| fee_accounts.contains(&c.fee_account))
					});
					let fee_account = settlement
						.as_ref()
						.and_then(|s| s.commission.as_ref())
						.map(|c| c.fee_account.clone());
					let weight = if again { settle_again } else { settle_first };
					if !meter.can_consume(weight.saturating_add(hooks)) {
						// The read that sized it, within the room checked above.
						meter.consume(T::DbWeight::get().reads(1));
						break;
					}
					Agenda::<T>::remove(key);
					match Self::auto_settle(id, settlement) {
						Settled::Paid { payee, store, funding: took } => {
							payees.insert(payee);
							stores.insert(store);
							fee_accounts.extend(fee_account);
							// The store side's part is in the auto-settlement benchmarks; the
							// funding hook is charged what it took.
							weight.saturating_add(took.min(funding))
						}
						Settled::Nothing => weight,
						// Rolled back, and owed again; its hooks may have run before the
						// failure.
						Settled::Failed => weight.saturating_add(hooks),
					}
				}
				AgendaTask::Prune => {
					if !meter.can_consume(prune_weight) {
						break;
					}
					Agenda::<T>::remove(key);
					Self::prune(id);
					prune_weight
				}
				AgendaTask::Expire => {
					// Taken if a whole expiry fits, and charged as a whole expiry with what its
					// hooks took.
					if !meter.can_consume(Self::expire_weight().saturating_add(hooks)) {
						break;
					}
					Agenda::<T>::remove(key);
					Self::expire(id)
				}
				AgendaTask::DisputeLapse | AgendaTask::RefundLapse => {
					// Each returns the weight its close hooks (and a retry) took.
					let (weight, end): (Weight, fn(SettlementId) -> Weight) =
						if key.task == AgendaTask::DisputeLapse {
							(lapse_weight, Self::lapse)
						} else {
							(refund_lapse_weight, Self::refund_lapse)
						};
					if !meter.can_consume(weight.saturating_add(hooks)) {
						break;
					}
					Agenda::<T>::remove(key);
					weight.saturating_add(end(id).min(hooks))
				}
			};
			meter.consume(used);
		}
	}

	/// Pays `settlement` (number `id`, as read) whose deadline has come [claim 5].
	fn auto_settle(id: SettlementId, settlement: Option<SettlementOf<T>>) -> Settled<T::AccountId> {
		let Some(settlement) = settlement else {
			return Settled::Nothing;
		};
		if settlement.status != SettlementStatus::Shipped {
			return Settled::Nothing;
		}
		let amount = settlement.minimum_payout();
		let (payee, store) = (settlement.payee.clone(), settlement.store);
		let paid =
			with_storage_layer(|| Self::pay_out(id, settlement, amount, PayoutTrigger::Deadline));
		match paid {
			// `pay_out` reports the observer's weight and what funding took.
			Ok(hooks) => {
				Settled::Paid { payee, store, funding: hooks.saturating_sub(T::Observer::weight()) }
			}
			Err(error) => {
				// Still owed, at its deadline's terms: the buyer may confirm, the store refund.
				Self::owe_again(id, AgendaTask::AutoSettle, error);
				Settled::Failed
			}
		}
	}

	/// A settlement the store did not accept within the acceptance period goes back to the
	/// buyer, as the buyer's cancellation would. An acceptance or a close removes its entry;
	/// one the v3 migration gave a settlement (due a period after the upgrade, not after its
	/// opening) stays, and finding the settlement accepted or closed does nothing. Returns the
	/// weight it is charged: a whole expiry, its hooks and a retry included.
	pub(crate) fn expire(id: SettlementId) -> Weight {
		let whole = Self::expire_weight();
		let Some(settlement) = Settlements::<T>::get(id) else { return whole };
		if settlement.status != SettlementStatus::AwaitingAcceptance {
			return whole;
		}
		let (buyer, released) = (settlement.buyer.clone(), settlement.amount);
		let hooks =
			match with_storage_layer(|| Self::release(id, settlement, SettlementStatus::Cancelled))
			{
				Ok(hooks) => {
					Self::deposit_event(Event::SettlementExpired { id, buyer, released });
					hooks.min(Self::close_hooks_weight())
				}
				Err(error) => {
					Self::owe_again(id, AgendaTask::Expire, error);
					Self::close_hooks_weight().saturating_add(Self::retry_weight())
				}
			};
		Self::expire_weight().saturating_add(hooks)
	}

	/// Removes a closed settlement and its payment record after the retention period.
	fn prune(id: SettlementId) {
		let Some(settlement) = Settlements::<T>::get(id) else {
			return;
		};
		if settlement.status.is_open() {
			return;
		}
		Settlements::<T>::remove(id);
		StoreProposers::<T>::remove((id, ProposalKind::Deduction));
		StoreProposers::<T>::remove((id, ProposalKind::Split));
		if let Some(record) = settlement.record {
			PaymentRecords::<T>::remove(record);
		}
		T::Observer::on_pruned(id);
		Self::deposit_event(Event::SettlementPruned { id, record: settlement.record });
	}
}

/// What an auto-settlement did, for the agenda to charge it.
enum Settled<AccountId> {
	/// The settlement was gone or no longer shipped: it was read, nothing else.
	Nothing,
	/// Paid to `payee` for `store`; the funding hook took `funding`.
	Paid { payee: AccountId, store: StoreId, funding: Weight },
	/// The payout failed and rolled back.
	Failed,
}
