//! The list queries behind the runtime API: a buyer's and a store's open settlements, read a
//! page at a time from the indexes (`OpenByBuyer`, `OpenByStore`), never by a scan.

use crate::*;

impl<T: Config> Pallet<T> {
	/// At most `limit` (and at most [`MAX_PAGE`](escrow_primitives::api::MAX_PAGE)) open
	/// settlements of `buyer`, after the settlement `cursor` (the last one of the previous
	/// page; `None` for the first page), in the index's order. A cursor stays valid while its
	/// settlement is kept (the retention period).
	pub fn open_settlements_of_buyer(
		buyer: &T::AccountId,
		cursor: Option<SettlementId>,
		limit: u32,
	) -> alloc::vec::Vec<(SettlementId, SettlementOf<T>)> {
		let ids = match cursor {
			None => OpenByOrder::<T>::iter_prefix((buyer,)),
			Some(after) => {
				let Some(s) = Settlements::<T>::get(after) else { return Default::default() };
				let from = OpenByOrder::<T>::hashed_key_for((buyer, s.store, &s.order_no));
				OpenByOrder::<T>::iter_prefix_from((buyer,), from)
			}
		};
		Self::with_settlements(ids.map(|(_, id)| id), limit)
	}

	/// At most `limit` (and at most [`MAX_PAGE`](escrow_primitives::api::MAX_PAGE)) open
	/// settlements for `store`, after the settlement `cursor` (`None` for the first page), in
	/// the index's order. Reads only the store's open settlements.
	pub fn open_settlements_of_store(
		store: StoreId,
		cursor: Option<SettlementId>,
		limit: u32,
	) -> alloc::vec::Vec<(SettlementId, SettlementOf<T>)> {
		let ids = match cursor {
			None => OpenByStore::<T>::iter_key_prefix(store),
			Some(after) => OpenByStore::<T>::iter_key_prefix_from(
				store,
				OpenByStore::<T>::hashed_key_for(store, after),
			),
		};
		Self::with_settlements(ids, limit)
	}

	fn with_settlements(
		ids: impl Iterator<Item = SettlementId>,
		limit: u32,
	) -> alloc::vec::Vec<(SettlementId, SettlementOf<T>)> {
		let limit = limit.min(escrow_primitives::api::MAX_PAGE);
		ids.take(limit as usize)
			.filter_map(|id| Settlements::<T>::get(id).map(|s| (id, s)))
			.collect()
	}
}
