//! Genesis presets: `development` (one collator, Alice; a demo store) and `local_testnet` (two
//! collators, Alice and Bob). The accounts, the stablecoin, the demo store and the escrow's
//! rules are the solo chain's ([`escrow_runtime_common::genesis`], re-exported here); the collators
//! and the para id are this chain's.

use alloc::{vec, vec::Vec};
use frame_support::build_struct_json_patch;
use serde_json::Value;
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_genesis_builder::PresetId;
use sp_keyring::Sr25519Keyring;

use crate::{
	AccountId, CollatorSelectionConfig, ParachainInfoConfig, RuntimeGenesisConfig, SessionConfig,
	SessionKeys, EXISTENTIAL_DEPOSIT,
};
pub use escrow_runtime_common::genesis::*;

/// The para id the presets register: a free one on a local relay chain (Asset Hub is 1000).
pub const PARACHAIN_ID: u32 = 2000;

/// The collators: each an invulnerable of collator selection, with its Aura key as its
/// session key.
fn collators(keys: Vec<Sr25519Keyring>) -> Value {
	let collators: Vec<(AccountId, AuraId)> =
		keys.iter().map(|k| (k.to_account_id(), k.public().into())).collect();
	build_struct_json_patch!(RuntimeGenesisConfig {
		parachain_info: ParachainInfoConfig { parachain_id: PARACHAIN_ID.into() },
		collator_selection: CollatorSelectionConfig {
			invulnerables: collators.iter().map(|(who, _)| who.clone()).collect::<Vec<_>>(),
			candidacy_bond: EXISTENTIAL_DEPOSIT * 16,
		},
		session: SessionConfig {
			keys: collators
				.into_iter()
				.map(|(who, aura)| (who.clone(), who, SessionKeys { aura }))
				.collect::<Vec<_>>(),
		},
	})
}

/// One collator (Alice), funded development accounts, Alice as sudo, and a demo store owned
/// by Bob: what `polkadot-omni-node --dev` runs.
pub fn development_config_genesis() -> Value {
	with(
		product(Kind::Development, dev_accounts(), Sr25519Keyring::Alice.to_account_id()),
		collators(vec![Sr25519Keyring::Alice]),
	)
}

/// Two collators (Alice, Bob), funded development accounts, Alice as sudo.
pub fn local_config_genesis() -> Value {
	with(
		product(Kind::LocalTestnet, dev_accounts(), Sr25519Keyring::Alice.to_account_id()),
		collators(vec![Sr25519Keyring::Alice, Sr25519Keyring::Bob]),
	)
}

/// The JSON of the preset `id`, if there is one.
pub fn get_preset(id: &PresetId) -> Option<Vec<u8>> {
	preset_json(id, development_config_genesis, local_config_genesis)
}
