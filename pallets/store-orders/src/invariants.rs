//! The pallet's invariants (`try_state`): every store order is linked from its settlement and
//! backed by it, every store's count of open orders is right.

use crate::*;
use frame_support::pallet_prelude::*;

impl<T: Config> Pallet<T> {
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
