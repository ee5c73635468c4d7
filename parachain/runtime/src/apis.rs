//! The runtime APIs: those both runtimes answer alike ([`escrow_runtime_common::apis`]: block
//! building, Aura, fees, metadata, genesis presets, and `EscrowApi`, answered as on the solo
//! chain), and what `polkadot-omni-node` needs of a parachain besides: Aura's unincluded
//! segment, collation, the para id and the relay parent offset.

use frame_support::traits::Get;
use sp_runtime::traits::Block as BlockT;

use super::{
	AccountId, Aura, Balance, Block, Executive, InherentDataExt, Nonce, ParachainInfo,
	ParachainSystem, Runtime, RuntimeCall, RuntimeGenesisConfig, SessionKeys, System,
	TransactionPayment, VERSION,
};

pub use escrow_primitives::api::MAX_PAGE;

/// A store order with its settlement and payment record, as `EscrowApi::store_order` answers.
pub type StoreOrderDetails = escrow_runtime_common::queries::StoreOrderDetails<Runtime>;

escrow_runtime_common::impl_runtime_apis_with_product! {
	impl cumulus_primitives_aura::AuraUnincludedSegmentApi<Block> for Runtime {
		fn can_build_upon(
			included_hash: <Block as BlockT>::Hash,
			slot: cumulus_primitives_aura::Slot,
		) -> bool {
			crate::ConsensusHook::can_build_upon(included_hash, slot)
		}
	}

	impl cumulus_primitives_core::CollectCollationInfo<Block> for Runtime {
		fn collect_collation_info(header: &<Block as BlockT>::Header) -> cumulus_primitives_core::CollationInfo {
			ParachainSystem::collect_collation_info(header)
		}
	}

	impl cumulus_primitives_core::GetParachainInfo<Block> for Runtime {
		fn parachain_id() -> cumulus_primitives_core::ParaId {
			ParachainInfo::parachain_id()
		}
	}

	impl cumulus_primitives_core::RelayParentOffsetApi<Block> for Runtime {
		fn relay_parent_offset() -> u32 {
			<Runtime as cumulus_pallet_parachain_system::Config>::RelayParentOffset::get()
		}

		fn max_claim_queue_offset() -> u8 {
			ParachainSystem::max_claim_queue_offset()
		}
	}
}
