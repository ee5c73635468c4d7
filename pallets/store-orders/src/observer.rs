//! [`SettlementObserver`]: how a store order follows its settlement (paid, released, disputed,
//! in after-sales, its payout sent to a new account, pruned).

use crate::*;
use frame_support::pallet_prelude::*;
use frame_system::pallet_prelude::*;

impl<T: Config> SettlementObserver<T::AccountId, AssetIdOf<T>, BalanceOf<T>, BlockNumberFor<T>>
	for Pallet<T>
{
	fn on_paid(id: SettlementId, record_id: PaymentRecordId, record: &PaymentRecordOf<T>) {
		let Some((store, order_no, order)) = Self::open_order_of(id) else { return };
		let agreed = T::Escrow::summary(id).map_or(order.order_amount, |s| s.agreed_amount);
		// A record that does not pay the agreed amount leaves the order as it is; the
		// escrow's rules make that impossible, and `complete_order` can retry.
		let _ = Self::complete(store, order_no, order, record_id, record, agreed);
	}

	fn on_released(id: SettlementId, status: SettlementStatus) {
		let Some((store, order_no, mut order)) = Self::open_order_of(id) else { return };
		order.status = match status {
			SettlementStatus::Refunded => OrderStatus::Refunded,
			_ => OrderStatus::Cancelled,
		};
		let new_status = order.status;
		Orders::<T>::insert(store, &order_no, order);
		Self::order_closed(store);
		Self::deposit_event(Event::OrderReleased {
			store,
			order_no,
			settlement: id,
			status: new_status,
		});
	}

	fn on_dispute(id: SettlementId, open: bool) {
		let Some((store, order_no, mut order)) = Self::open_order_of(id) else { return };
		order.status = if open { OrderStatus::Disputed } else { order.resumed_status() };
		Orders::<T>::insert(store, &order_no, order);
		Self::deposit_event(Event::OrderDisputed {
			store,
			order_no,
			settlement: id,
			disputed: open,
		});
	}

	fn on_after_sales(id: SettlementId, step: AfterSalesStep<BalanceOf<T>>) {
		let Some((store, order_no, mut order)) = Self::open_order_of(id) else { return };
		match step {
			AfterSalesStep::Requested { .. } => order.status = OrderStatus::AfterSales,
			AfterSalesStep::Ended => order.status = order.resumed_status(),
			AfterSalesStep::ReturnAwaited
			| AfterSalesStep::ReturnShipped
			| AfterSalesStep::Refunded { .. } => {}
		}
		Orders::<T>::insert(store, &order_no, order);
		Self::deposit_event(Event::OrderAfterSales { store, order_no, settlement: id, step });
	}

	fn on_payee_changed(id: SettlementId, payee: &T::AccountId) {
		let Some((store, order_no, mut order)) = Self::open_order_of(id) else { return };
		order.payee = payee.clone();
		Orders::<T>::insert(store, &order_no, order);
		Self::deposit_event(Event::OrderPayeeChanged {
			store,
			order_no,
			settlement: id,
			payee: payee.clone(),
		});
	}

	fn on_pruned(id: SettlementId) {
		let Some((store, order_no)) = OrderOfSettlement::<T>::get(id) else { return };
		match Orders::<T>::get(store, &order_no) {
			// An open order stays with its link, whatever the escrow side says.
			Some(order) if order.settlement == id && order.status.is_open() => return,
			// Its closed order goes with it; the events keep its history.
			Some(order) if order.settlement == id => Orders::<T>::remove(store, &order_no),
			// The order number was paid again by a newer settlement: that order stays.
			_ => {}
		}
		OrderOfSettlement::<T>::remove(id);
	}

	fn weight() -> Weight {
		T::WeightInfo::on_settlement_closed()
	}
}
