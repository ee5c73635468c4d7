//! The answers of `EscrowApi` ([`escrow_primitives::api`]), the queries of settlements and
//! store orders that wallets and indexers call, for any runtime `T` with the escrow and the
//! store side: each runtime's API implementation forwards to these, and native code and tests
//! call them directly. The page limit ([`MAX_PAGE`](escrow_primitives::api::MAX_PAGE)) is
//! kept by the escrow pallet's readers themselves.

use alloc::vec::Vec;
use codec::{Decode, Encode};
use frame_support::{CloneNoBound, DebugNoBound, EqNoBound, PartialEqNoBound};
use pallet_escrow::{PaymentRecordId, PaymentRecordOf, SettlementId, SettlementOf, StoreId};
use pallet_store_orders::StoreOrderOf;
use scale_info::TypeInfo;

/// A runtime with both sides of a store order.
pub trait Product: pallet_escrow::Config + pallet_store_orders::Config {}
impl<T: pallet_escrow::Config + pallet_store_orders::Config> Product for T {}

/// A store order with the settlement that pays it and, once paid, its payment record.
#[derive(CloneNoBound, Encode, Decode, EqNoBound, PartialEqNoBound, DebugNoBound, TypeInfo)]
#[scale_info(skip_type_params(T))]
pub struct StoreOrderDetails<T: Product> {
	/// The store order.
	pub order: StoreOrderOf<T>,
	/// Its settlement, unless removed after the retention period.
	pub settlement: Option<SettlementOf<T>>,
	/// The payment record that completed it, unless removed with its settlement.
	pub record: Option<PaymentRecordOf<T>>,
}

/// The settlement `id`, open or closed, unless removed after the retention period.
pub fn settlement<T: Product>(id: SettlementId) -> Option<SettlementOf<T>> {
	pallet_escrow::Settlements::<T>::get(id)
}

/// A page of at most `limit` (at most `MAX_PAGE`) open settlements of `buyer`, after
/// `cursor`.
pub fn buyer_settlements<T: Product>(
	buyer: T::AccountId,
	cursor: Option<SettlementId>,
	limit: u32,
) -> Vec<(SettlementId, SettlementOf<T>)> {
	pallet_escrow::Pallet::<T>::open_settlements_of_buyer(&buyer, cursor, limit)
}

/// A page of at most `limit` (at most `MAX_PAGE`) open settlements of `store`, after
/// `cursor`.
pub fn store_settlements<T: Product>(
	store: StoreId,
	cursor: Option<SettlementId>,
	limit: u32,
) -> Vec<(SettlementId, SettlementOf<T>)> {
	pallet_escrow::Pallet::<T>::open_settlements_of_store(store, cursor, limit)
}

/// The payment record `id`, unless removed with its settlement.
pub fn payment_record<T: Product>(id: PaymentRecordId) -> Option<PaymentRecordOf<T>> {
	pallet_escrow::PaymentRecords::<T>::get(id)
}

/// The order `order_no` of `store`, with its settlement and payment record.
pub fn store_order<T: Product>(store: StoreId, order_no: Vec<u8>) -> Option<StoreOrderDetails<T>> {
	let order_no: pallet_store_orders::OrderNoOf<T> = order_no.try_into().ok()?;
	let order = pallet_store_orders::Orders::<T>::get(store, order_no)?;
	let settlement = settlement::<T>(order.settlement);
	let record = order.record.and_then(payment_record::<T>);
	Some(StoreOrderDetails { order, settlement, record })
}
