//! The runtime APIs: those both runtimes answer alike ([`escrow_runtime_common::apis`]: block
//! building, Aura, fees, metadata, genesis presets, and `EscrowApi`, the queries of settlements
//! and store orders that wallets and indexers call as `api.call.escrowApi.*` in
//! `@polkadot/api`), and this chain's own: GRANDPA.

use pallet_grandpa::AuthorityId as GrandpaId;
use sp_runtime::traits::{Block as BlockT, NumberFor};

use super::{
	AccountId, Aura, Balance, Block, Executive, Grandpa, InherentDataExt, Nonce, Runtime,
	RuntimeCall, RuntimeGenesisConfig, SessionKeys, System, TransactionPayment, VERSION,
};

// The client side of the API (what native code calls): `decl_runtime_apis!` makes it with std
// only; the runtime implements the API below in both.
#[cfg(feature = "std")]
pub use escrow_primitives::api::EscrowApi;
pub use escrow_primitives::api::MAX_PAGE;

/// A store order with its settlement and payment record, as `EscrowApi::store_order` answers.
pub type StoreOrderDetails = escrow_runtime_common::queries::StoreOrderDetails<Runtime>;

escrow_runtime_common::impl_runtime_apis_with_product! {
	impl sp_consensus_grandpa::GrandpaApi<Block> for Runtime {
		fn grandpa_authorities() -> sp_consensus_grandpa::AuthorityList {
			Grandpa::grandpa_authorities()
		}

		fn current_set_id() -> sp_consensus_grandpa::SetId {
			Grandpa::current_set_id()
		}

		fn submit_report_equivocation_unsigned_extrinsic(
			_equivocation_proof: sp_consensus_grandpa::EquivocationProof<
				<Block as BlockT>::Hash,
				NumberFor<Block>,
			>,
			_key_owner_proof: sp_consensus_grandpa::OpaqueKeyOwnershipProof,
		) -> Option<()> {
			None
		}

		fn generate_key_ownership_proof(
			_set_id: sp_consensus_grandpa::SetId,
			_authority_id: GrandpaId,
		) -> Option<sp_consensus_grandpa::OpaqueKeyOwnershipProof> {
			// No key-ownership proofs: equivocations are not reported on this chain.
			None
		}
	}
}
