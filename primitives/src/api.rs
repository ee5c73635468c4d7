//! The runtime API of escrow-chain's settlements and store orders: the queries that wallets
//! and indexers call (`api.call.escrowApi.*` in `@polkadot/api`, Developer → Runtime calls in
//! polkadot.js apps, `typedApi.apis.EscrowApi` in PAPI).
//!
//! It serves the escrow and the store side together, so it is declared here, beside the ids
//! and records both pallets share, rather than in either pallet. [`EscrowApi`] is generic over
//! the types a runtime stores; a runtime implements it with its own, e.g. `EscrowApi<Block,
//! AccountId, SettlementOf<Runtime>, PaymentRecordOf<Runtime>, StoreOrderDetails>`, where the
//! store order details join the store side's order with the escrow's settlement and payment
//! record. List queries answer at most [`MAX_PAGE`] entries at a time: the escrow pallet's
//! readers (`Pallet::open_settlements_of_buyer`, `open_settlements_of_store`) enforce it, so
//! no runtime can forget to.
//!
//! A runtime API rather than `#[pallet::view_functions]`: the store order joins two pallets'
//! storage, which no one pallet's view function can, and polkadot.js apps (`@polkadot/api`
//! 16) calls runtime APIs from the metadata, while its support for view functions is newer
//! than the wallets and indexers this chain serves.

use crate::{PaymentRecordId, SettlementId, StoreId};
use alloc::vec::Vec;
use codec::Codec;

/// The most entries one page of a list query returns, whatever `limit` a caller asks for.
pub const MAX_PAGE: u32 = 256;

sp_api::decl_runtime_apis! {
	/// Queries of escrow-chain's settlements and store orders.
	///
	/// - `AccountId`: an account;
	/// - `Settlement`: a settlement as the runtime stores it (`pallet_escrow::SettlementOf`);
	/// - `PaymentRecord`: a payment record as the runtime stores it
	///   (`pallet_escrow::PaymentRecordOf`, a [`PaymentRecord`](crate::PaymentRecord));
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
