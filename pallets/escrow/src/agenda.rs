//! The agenda: work that falls due at a block (auto-settlements, lapsed disputes, refund
//! requests at the end of a step, removal of expired records), taken in `on_initialize` in key
//! order within the weight budget. See "Design: the agenda" in the crate docs.

use crate::*;
use alloc::collections::btree_set::BTreeSet;
use frame_support::{pallet_prelude::*, storage::with_storage_layer, weights::WeightMeter};
use frame_system::pallet_prelude::*;
use sp_runtime::traits::UniqueSaturatedInto;

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

	/// The largest agenda task with its hooks: what the agenda budget must fit at least.
	pub fn largest_task_weight() -> Weight {
		let hooks = Self::close_hooks_weight();
		Self::auto_settle_weight()
			.saturating_add(hooks)
			.max(T::WeightInfo::dispute_lapse().saturating_add(hooks))
			.max(T::WeightInfo::refund_lapse().saturating_add(hooks))
			.max(Self::prune_weight())
	}

	/// Takes due agenda entries in order while `meter` allows; see "Design" in the crate
	/// docs.
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
		// The payees and stores paid so far in this block: one of each at most per task taken,
		// and the tasks are bounded by the budget.
		let mut payees = BTreeSet::new();
		let mut stores = BTreeSet::new();
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
					let again = settlement
						.as_ref()
						.is_some_and(|s| payees.contains(&s.payee) && stores.contains(&s.store));
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
							// The store side's part is in the auto-settlement benchmarks; the
							// funding hook is charged what it took.
							weight.saturating_add(took.min(funding))
						}
						Settled::Nothing => weight,
						// Rolled back; its hooks may have run before the failure.
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
				AgendaTask::DisputeLapse | AgendaTask::RefundLapse => {
					// Each returns the weight its close hooks took.
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
		let Some(mut settlement) = settlement else {
			return Settled::Nothing;
		};
		if settlement.status != SettlementStatus::Shipped {
			return Settled::Nothing;
		}
		let amount = settlement.minimum_payout();
		let (payee, store) = (settlement.payee.clone(), settlement.store);
		let paid = with_storage_layer(|| {
			Self::pay_out(id, settlement.clone(), amount, PayoutTrigger::Deadline)
		});
		match paid {
			// `pay_out` reports the observer's weight and what funding took.
			Ok(hooks) => {
				Settled::Paid { payee, store, funding: hooks.saturating_sub(T::Observer::weight()) }
			}
			Err(error) => {
				// Left open for the buyer to confirm or the payee to refund; off the agenda.
				settlement.deadline = None;
				Settlements::<T>::insert(id, settlement);
				Self::deposit_event(Event::AutoSettlementFailed { id, error });
				Settled::Failed
			}
		}
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
