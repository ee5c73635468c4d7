//! The agenda: work that falls due at a block (auto-settlements, lapsed disputes, refund
//! requests at the end of a step, removal of expired records), taken in `on_initialize` in key order within the weight budget. See
//! "Design: the agenda" in the crate docs.

use crate::*;
use frame_support::{pallet_prelude::*, storage::with_storage_layer, weights::WeightMeter};
use frame_system::pallet_prelude::*;
use sp_runtime::traits::UniqueSaturatedInto;

impl<T: Config> Pallet<T> {
	/// The weight of one more auto-settlement in the agenda hook, without the close hooks:
	/// the slope of the benchmark `auto_settle(n)`.
	pub fn auto_settle_weight() -> Weight {
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
		let settle_weight = Self::auto_settle_weight();
		let prune_weight = Self::prune_weight();
		let lapse_weight = T::WeightInfo::dispute_lapse();
		let refund_lapse_weight = T::WeightInfo::refund_lapse();
		for key in Agenda::<T>::iter_keys() {
			if key.due() > now {
				break;
			}
			let (weight, may_close) = match key.task {
				AgendaTask::AutoSettle => (settle_weight, true),
				AgendaTask::Prune => (prune_weight, false),
				AgendaTask::DisputeLapse => (lapse_weight, true),
				AgendaTask::RefundLapse => (refund_lapse_weight, true),
			};
			// Taken only if its worst case fits; charged what it took.
			let worst = if may_close { weight.saturating_add(hooks) } else { weight };
			if !meter.can_consume(worst) {
				break;
			}
			Agenda::<T>::remove(key);
			let hooks_used = match key.task {
				AgendaTask::AutoSettle => Self::auto_settle(key.settlement()),
				AgendaTask::Prune => {
					Self::prune(key.settlement());
					Weight::zero()
				}
				AgendaTask::DisputeLapse => Self::lapse(key.settlement()),
				AgendaTask::RefundLapse => Self::refund_lapse(key.settlement()),
			};
			meter.consume(weight.saturating_add(hooks_used.min(hooks)));
		}
	}

	/// Pays a settlement whose deadline has come [claim 5]. Returns the weight the close
	/// hooks took.
	fn auto_settle(id: SettlementId) -> Weight {
		let Some(mut settlement) = Settlements::<T>::get(id) else {
			return Weight::zero();
		};
		if settlement.status != SettlementStatus::Shipped {
			return Weight::zero();
		}
		let amount = settlement.minimum_payout();
		let paid = with_storage_layer(|| {
			Self::pay_out(id, settlement.clone(), amount, PayoutTrigger::Deadline)
		});
		match paid {
			Ok(hooks) => hooks,
			Err(error) => {
				// Left open for the buyer to confirm or the payee to refund; off the agenda.
				settlement.deadline = None;
				Settlements::<T>::insert(id, settlement);
				Self::deposit_event(Event::AutoSettlementFailed { id, error });
				// A failed payout rolled back; its hooks may have run before the failure.
				Self::close_hooks_weight()
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
