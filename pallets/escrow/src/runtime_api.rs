//! The runtime API of escrow-chain's settlements and store orders: the queries that wallets
//! and indexers call (`api.call.escrowApi.*` in `@polkadot/api`).
//!
//! [`EscrowApi`] is generic over the types a runtime stores; a runtime implements it with its
//! own, e.g. `EscrowApi<Block, AccountId, SettlementOf<Runtime>, PaymentRecordOf<Runtime>,
//! StoreOrderDetails>`, where the store order details join the store side's order with the
//! settlement and the payment record here. List queries answer at most [`MAX_PAGE`] entries
//! at a time.

use crate::{PaymentRecordId, SettlementId, StoreId};
use alloc::vec::Vec;
use codec::Codec;

/// The most entries one page of a list query returns, whatever `limit` a caller asks for.
pub const MAX_PAGE: u32 = 256;

sp_api::decl_runtime_apis! {
	/// Queries of escrow-chain's settlements and store orders.
	///
	/// - `AccountId`: an account;
	/// - `Settlement`: a settlement as the runtime stores it ([`SettlementOf`](crate::SettlementOf));
	/// - `PaymentRecord`: a payment record as the runtime stores it
	///   ([`PaymentRecordOf`](crate::PaymentRecordOf));
	/// - `StoreOrderDetails`: a store order with the settlement that pays it and its payment
	///   record, as the runtime joins them.
	pub trait EscrowApi<AccountId, Settlement, PaymentRecord, StoreOrderDetails>
	where
		AccountId: Codec,
		Settlement: Codec,
		PaymentRecord: Codec,
		StoreOrderDetails: Codec,
	{
		/// The settlement `id`: open, or closed and not yet removed.
		fn settlement(id: SettlementId) -> Option<Settlement>;
		/// At most `limit` (and at most [`MAX_PAGE`]) open settlements of `buyer`, after the
		/// settlement `cursor`: `None` for the first page, then the last id of the page before.
		fn buyer_settlements(
			buyer: AccountId,
			cursor: Option<SettlementId>,
			limit: u32,
		) -> Vec<(SettlementId, Settlement)>;
		/// At most `limit` (and at most [`MAX_PAGE`]) open settlements for `store`, after the
		/// settlement `cursor`, read from the store's index of open settlements.
		fn store_settlements(
			store: StoreId,
			cursor: Option<SettlementId>,
			limit: u32,
		) -> Vec<(SettlementId, Settlement)>;
		/// The payment record `id`.
		fn payment_record(id: PaymentRecordId) -> Option<PaymentRecord>;
		/// The store order `(store, order_no)` with its settlement and payment record.
		fn store_order(store: StoreId, order_no: Vec<u8>) -> Option<StoreOrderDetails>;
	}
}
