//! The answers of `EscrowApi`, the queries of settlements and store orders that wallets and
//! indexers call: each runtime's `impl_runtime_apis!` forwards to these, and native code and
//! tests call them directly.

use alloc::vec::Vec;
use codec::{Decode, Encode};
use pallet_escrow::{
	runtime_api::MAX_PAGE, PaymentRecordId, PaymentRecordOf, SettlementId, SettlementOf, StoreId,
};
use pallet_store_orders::StoreOrderOf;
use scale_info::TypeInfo;

use crate::{AccountId, Escrow, Runtime};

/// A store order with the settlement that pays it and, once paid, its payment record.
#[derive(Clone, Encode, Decode, Eq, PartialEq, Debug, TypeInfo)]
pub struct StoreOrderDetails {
	/// The store order.
	pub order: StoreOrderOf<Runtime>,
	/// Its settlement, unless removed after the retention period.
	pub settlement: Option<SettlementOf<Runtime>>,
	/// The payment record that completed it, unless removed with its settlement.
	pub record: Option<PaymentRecordOf<Runtime>>,
}

/// The settlement `id`, open or closed, unless removed after the retention period.
pub fn settlement(id: SettlementId) -> Option<SettlementOf<Runtime>> {
	pallet_escrow::Settlements::<Runtime>::get(id)
}

/// A page of at most `limit` (at most [`MAX_PAGE`]) open settlements of `buyer`, after
/// `cursor`.
pub fn buyer_settlements(
	buyer: AccountId,
	cursor: Option<SettlementId>,
	limit: u32,
) -> Vec<(SettlementId, SettlementOf<Runtime>)> {
	Escrow::open_settlements_of_buyer(&buyer, cursor, limit.min(MAX_PAGE))
}

/// A page of at most `limit` (at most [`MAX_PAGE`]) open settlements of `store`, after
/// `cursor`.
pub fn store_settlements(
	store: StoreId,
	cursor: Option<SettlementId>,
	limit: u32,
) -> Vec<(SettlementId, SettlementOf<Runtime>)> {
	Escrow::open_settlements_of_store(store, cursor, limit.min(MAX_PAGE))
}

/// The payment record `id`, unless removed with its settlement.
pub fn payment_record(id: PaymentRecordId) -> Option<PaymentRecordOf<Runtime>> {
	pallet_escrow::PaymentRecords::<Runtime>::get(id)
}

/// The order `order_no` of `store`, with its settlement and payment record.
pub fn store_order(store: StoreId, order_no: Vec<u8>) -> Option<StoreOrderDetails> {
	let order_no: pallet_store_orders::OrderNoOf<Runtime> = order_no.try_into().ok()?;
	let order = pallet_store_orders::Orders::<Runtime>::get(store, order_no)?;
	let settlement = settlement(order.settlement);
	let record = order.record.and_then(payment_record);
	Some(StoreOrderDetails { order, settlement, record })
}
