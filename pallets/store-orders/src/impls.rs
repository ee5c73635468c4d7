//! The pallet's own logic behind the calls in `lib.rs`: registering stores, checking owners
//! and rules, completing orders, the invariants (`do_try_state`), and the traits the pallet
//! implements for the escrow side: [`StoreDirectory`] and [`SettlementObserver`].

use crate::*;
use frame_support::{pallet_prelude::*, traits::fungible::MutateHold};
use frame_system::pallet_prelude::*;
use sp_runtime::ArithmeticError;

impl<T: Config> Pallet<T> {
	/// Registers a store for `owner`, accepting `assets`, holding the store deposit.
	///
	/// Checks nothing but the deposit: the calls and the genesis build check the name, the
	/// rule and the assets before (`ensure_name`, `ensure_time_limit`, `ensure_assets`).
	pub fn do_register_store(
		owner: T::AccountId,
		payout: T::AccountId,
		name: NameOf<T>,
		default_time_limit: Option<BlockNumberFor<T>>,
		assets: AssetsOf<T>,
	) -> Result<StoreId, DispatchError> {
		let store = NextStoreId::<T>::get();
		let next = store.checked_add(1).ok_or(ArithmeticError::Overflow)?;
		let deposit = T::StoreDeposit::get();
		T::Currency::hold(&HoldReason::StoreDeposit.into(), &owner, deposit)
			.map_err(|_| Error::<T>::InsufficientBalance)?;
		NextStoreId::<T>::put(next);
		Stores::<T>::insert(
			store,
			Store {
				owner: owner.clone(),
				payout: payout.clone(),
				name: name.clone(),
				default_time_limit,
				assets: assets.clone(),
				deposit,
				open_orders: 0,
			},
		);
		Self::deposit_event(Event::StoreRegistered {
			store,
			owner,
			payout,
			name,
			default_time_limit,
			assets,
		});
		Ok(store)
	}

	pub(crate) fn ensure_name(name: &NameOf<T>) -> DispatchResult {
		ensure!(!name.is_empty(), Error::<T>::EmptyName);
		Ok(())
	}

	/// A store's assets: at least one, none twice (the rules the genesis build checks too).
	pub(crate) fn ensure_asset_list(assets: &AssetsOf<T>) -> DispatchResult {
		ensure!(!assets.is_empty(), Error::<T>::NoAssets);
		let mut seen = alloc::collections::btree_set::BTreeSet::new();
		ensure!(assets.iter().all(|asset| seen.insert(asset)), Error::<T>::DuplicateAsset);
		Ok(())
	}

	/// A store's assets as a call sets them: the list's rules, and each asset one the chain
	/// settles in.
	pub(crate) fn ensure_assets(assets: &AssetsOf<T>) -> DispatchResult {
		Self::ensure_asset_list(assets)?;
		ensure!(assets.iter().all(T::Escrow::settles_in), Error::<T>::AssetNotSettled);
		Ok(())
	}

	/// A store's default rule must lie within the chain's bounds.
	pub(crate) fn ensure_time_limit(limit: Option<BlockNumberFor<T>>) -> DispatchResult {
		if let Some(limit) = limit {
			let (min, max) = T::Escrow::time_limit_bounds();
			ensure!(min <= limit && limit <= max, Error::<T>::TimeLimitOutOfBounds);
		}
		Ok(())
	}

	/// The store, if it exists and `who` owns it.
	pub(crate) fn owned<'a>(
		store: Option<&'a mut StoreOf<T>>,
		who: &T::AccountId,
	) -> Result<&'a mut StoreOf<T>, DispatchError> {
		let store = store.ok_or(Error::<T>::UnknownStore)?;
		ensure!(store.owner == *who, Error::<T>::NotOwner);
		Ok(store)
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
	fn order_closed(store: StoreId) {
		Stores::<T>::mutate(store, |info| {
			if let Some(info) = info {
				info.open_orders = info.open_orders.saturating_sub(1);
			}
		});
	}

	/// Checks the pallet's invariants:
	/// - every paid or shipped order is backed by an open settlement for it, in its asset;
	/// - every completed order names a payment record (while the escrow keeps it) that paid
	///   its store, in its asset, at least what the order records as paid;
	/// - each store's count of open orders matches its paid and shipped orders;
	/// - each store lists at least one asset, none twice;
	/// - every order is the one its settlement is linked to.
	#[cfg(any(feature = "try-runtime", feature = "std", test))]
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		use alloc::collections::btree_map::BTreeMap;
		let mut open: BTreeMap<StoreId, u32> = BTreeMap::new();
		for (store, order_no, order) in Orders::<T>::iter() {
			ensure!(
				OrderOfSettlement::<T>::get(order.settlement) == Some((store, order_no.clone())),
				"a store order is not linked from its settlement"
			);
			let summary = T::Escrow::summary(order.settlement);
			match order.status {
				OrderStatus::Paid
				| OrderStatus::Shipped
				| OrderStatus::Disputed
				| OrderStatus::AfterSales => {
					// What the store is owed (the order amount, less a deduction or partial
					// refunds) is held, and never more than the order amount.
					let backed = summary.is_some_and(|s| {
						s.status.is_open()
							&& s.store == store && s.order_no == order_no.as_slice()
							&& s.payee == order.payee
							&& s.asset == order.asset
							&& s.amount >= s.agreed_amount
							&& s.agreed_amount <= order.order_amount
					});
					ensure!(backed, "a paid or shipped order has no open settlement for it");
					let count = open.entry(store).or_default();
					*count = count.saturating_add(1);
				}
				OrderStatus::Completed => {
					let record = order.record.ok_or("a completed order names no record")?;
					if let Some(r) = T::Escrow::payment_record(record) {
						ensure!(
							r.settlement == order.settlement
								&& r.payee == order.payee
								&& r.asset == order.asset
								&& Some(r.amount) == order.paid,
							"a completed order's record did not pay its store"
						);
					}
				}
				OrderStatus::Cancelled | OrderStatus::Refunded => {}
			}
		}
		for (store, info) in Stores::<T>::iter() {
			ensure!(
				Self::ensure_asset_list(&info.assets).is_ok(),
				"a store lists no asset, or one twice"
			);
			ensure!(
				info.open_orders == open.get(&store).copied().unwrap_or_default(),
				"a store's open order count is off"
			);
		}
		Ok(())
	}
}

impl<T: Config> StoreDirectory<T::AccountId, T::AssetKind, BlockNumberFor<T>> for Pallet<T> {
	fn store_time_limit(store: StoreId) -> Option<Option<BlockNumberFor<T>>> {
		Stores::<T>::get(store).map(|s| s.default_time_limit)
	}

	/// The owner and the current payout account: an account `update_store` replaced acts for
	/// the store no more.
	fn acts_for(store: StoreId, who: &T::AccountId) -> bool {
		Stores::<T>::get(store).is_some_and(|s| s.owner == *who || s.payout == *who)
	}

	/// Whether `store` exists and lists `asset`. A closed store is removed, so, as for
	/// [`StoreDirectory::store_time_limit`], it accepts nothing.
	fn accepts(store: StoreId, asset: &T::AssetKind) -> bool {
		Stores::<T>::get(store).is_some_and(|s| s.assets.contains(asset))
	}

	fn payout_account(store: StoreId) -> Option<T::AccountId> {
		Stores::<T>::get(store).map(|s| s.payout)
	}
}

impl<T: Config> Pallet<T> {
	/// The open store order that settlement `id` pays, with its store and number: what the
	/// escrow side's news about `id` applies to. A closed order, or one whose number a newer
	/// settlement paid again, is left as it is.
	fn open_order_of(id: SettlementId) -> Option<(StoreId, OrderNoOf<T>, StoreOrderOf<T>)> {
		let (store, order_no) = OrderOfSettlement::<T>::get(id)?;
		let order = Orders::<T>::get(store, &order_no)?;
		(order.settlement == id && order.status.is_open()).then_some((store, order_no, order))
	}
}

impl<T: Config> SettlementObserver<T::AccountId, T::AssetKind, BalanceOf<T>, BlockNumberFor<T>>
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
