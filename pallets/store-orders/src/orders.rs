//! Store orders: accepting the payment a settlement holds for one, shipping it, and completing
//! it from the payment record that paid the store. The calls are in `lib.rs`; their logic is
//! here.

use crate::*;
use frame_support::pallet_prelude::*;
use frame_system::pallet_prelude::*;

/// A store order's payment as its store accepted it: what [`Pallet::record_paid_order`]
/// records.
pub(crate) struct PaidOrder<T: Config> {
	pub settlement: SettlementId,
	pub buyer: T::AccountId,
	pub payee: T::AccountId,
	pub asset: AssetIdOf<T>,
	pub order_amount: BalanceOf<T>,
}

impl<T: Config> Pallet<T> {
	pub(crate) fn do_accept_payment(
		who: T::AccountId,
		store: StoreId,
		order_no: OrderNoOf<T>,
		settlement: SettlementId,
		order_amount: BalanceOf<T>,
		snapshot: [u8; 32],
		time_limit: BlockNumberFor<T>,
	) -> DispatchResult {
		let mut info = Stores::<T>::get(store);
		let info = Self::owned(info.as_mut(), &who)?;
		ensure!(!order_amount.is_zero(), Error::<T>::ZeroAmount);
		let released = Orders::<T>::get(store, &order_no);
		if let Some(existing) = &released {
			ensure!(!existing.status.reserves_order_number(), Error::<T>::OrderExists);
		}
		ensure!(!OrderOfSettlement::<T>::contains_key(settlement), Error::<T>::SettlementInUse);
		let summary = T::Escrow::summary(settlement).ok_or(Error::<T>::UnknownSettlement)?;
		ensure!(
			summary.status == SettlementStatus::AwaitingAcceptance,
			Error::<T>::SettlementNotPaid
		);
		ensure!(
			summary.store == store && summary.order_no == order_no.as_slice(),
			Error::<T>::WrongOrder
		);
		ensure!(summary.payee == info.payout, Error::<T>::WrongPayee);
		ensure!(summary.amount >= order_amount, Error::<T>::AmountShort);
		// The escrow checked the store accepted the asset when the settlement opened. A
		// store that dropped the asset since may still accept what was opened before.
		let asset = summary.asset;

		T::Escrow::accept(settlement, order_amount, snapshot, time_limit)?;
		let paid = PaidOrder {
			settlement,
			buyer: summary.buyer,
			payee: summary.payee,
			asset,
			order_amount,
		};
		Self::record_paid_order(store, info, order_no, paid, released);
		Ok(())
	}

	/// Records `order_no` of `store` as paid by a settlement its store has just accepted, in
	/// place of `released` (a cancelled or refunded order of that number, if any).
	pub(crate) fn record_paid_order(
		store: StoreId,
		info: &mut StoreOf<T>,
		order_no: OrderNoOf<T>,
		paid: PaidOrder<T>,
		released: Option<StoreOrderOf<T>>,
	) {
		let PaidOrder { settlement, buyer, payee, asset, order_amount } = paid;
		info.open_orders = info.open_orders.saturating_add(1);
		Stores::<T>::insert(store, &*info);
		// A cancelled or refunded order is paid again: its old settlement no longer backs it.
		if let Some(old) = released {
			OrderOfSettlement::<T>::remove(old.settlement);
		}
		OrderOfSettlement::<T>::insert(settlement, (store, &order_no));
		Orders::<T>::insert(
			store,
			&order_no,
			StoreOrder {
				settlement,
				buyer,
				payee,
				asset: asset.clone(),
				order_amount,
				status: OrderStatus::Paid,
				logistics: None,
				record: None,
				paid: None,
			},
		);
		Self::deposit_event(Event::PaymentAccepted {
			store,
			order_no,
			settlement,
			asset,
			order_amount,
		});
	}

	pub(crate) fn do_mark_shipped(
		who: T::AccountId,
		store: StoreId,
		order_no: OrderNoOf<T>,
		logistics: LogisticsOf<T>,
	) -> DispatchResult {
		let mut info = Stores::<T>::get(store);
		Self::owned(info.as_mut(), &who)?;
		let mut order = Orders::<T>::get(store, &order_no).ok_or(Error::<T>::UnknownOrder)?;
		match order.status {
			OrderStatus::Paid => {}
			OrderStatus::Shipped => return Err(Error::<T>::AlreadyShipped.into()),
			OrderStatus::Disputed => return Err(Error::<T>::OrderDisputed.into()),
			OrderStatus::AfterSales => return Err(Error::<T>::OrderInAfterSales.into()),
			_ => return Err(Error::<T>::NotPaid.into()),
		}
		let deadline = T::Escrow::ship(order.settlement)?;
		let settlement = order.settlement;
		order.status = OrderStatus::Shipped;
		order.logistics = Some(logistics.clone());
		Orders::<T>::insert(store, &order_no, order);
		Self::deposit_event(Event::OrderShipped {
			store,
			order_no,
			settlement,
			logistics,
			deadline,
		});
		Ok(())
	}

	pub(crate) fn do_complete_order(store: StoreId, order_no: OrderNoOf<T>) -> DispatchResult {
		let order = Orders::<T>::get(store, &order_no).ok_or(Error::<T>::UnknownOrder)?;
		ensure!(order.status.is_open(), Error::<T>::OrderClosed);
		let summary = T::Escrow::summary(order.settlement).ok_or(Error::<T>::UnknownSettlement)?;
		let record_id = summary.record.ok_or(Error::<T>::NoPaymentRecord)?;
		let record = T::Escrow::payment_record(record_id).ok_or(Error::<T>::NoPaymentRecord)?;
		Self::complete(store, order_no, order, record_id, &record, summary.agreed_amount)
	}

	/// Completes `order` if `record` paid at least `agreed`, in the order's asset, to the
	/// order's payee.
	pub(crate) fn complete(
		store: StoreId,
		order_no: OrderNoOf<T>,
		mut order: StoreOrderOf<T>,
		record_id: PaymentRecordId,
		record: &PaymentRecordOf<T>,
		agreed: BalanceOf<T>,
	) -> DispatchResult {
		ensure!(
			record.settlement == order.settlement
				&& record.payee == order.payee
				&& record.asset == order.asset
				&& record.amount >= agreed,
			Error::<T>::PaymentShort
		);
		let settlement = order.settlement;
		let asset = order.asset.clone();
		order.status = OrderStatus::Completed;
		order.record = Some(record_id);
		order.paid = Some(record.amount);
		Orders::<T>::insert(store, &order_no, order);
		Self::order_closed(store);
		Self::deposit_event(Event::OrderCompleted {
			store,
			order_no,
			settlement,
			record: record_id,
			asset,
			paid: record.amount,
		});
		Ok(())
	}

	/// One fewer open order for `store`.
	pub(crate) fn order_closed(store: StoreId) {
		Stores::<T>::mutate(store, |info| {
			if let Some(info) = info {
				info.open_orders = info.open_orders.saturating_sub(1);
			}
		});
	}

	/// The open store order that settlement `id` pays, with its store and number: what the
	/// escrow side's news about `id` applies to. A closed order, or one whose number a newer
	/// settlement paid again, is left as it is.
	pub(crate) fn open_order_of(
		id: SettlementId,
	) -> Option<(StoreId, OrderNoOf<T>, StoreOrderOf<T>)> {
		let (store, order_no) = OrderOfSettlement::<T>::get(id)?;
		let order = Orders::<T>::get(store, &order_no)?;
		(order.settlement == id && order.status.is_open()).then_some((store, order_no, order))
	}
}
