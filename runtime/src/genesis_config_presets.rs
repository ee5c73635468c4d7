//! Genesis presets: `development` (one validator, a demo store) and `local_testnet` (three
//! validators). Both have the dollar stablecoin, [`STABLECOIN`](crate::STABLECOIN), with the
//! development accounts funded in it: the part the parachain's presets share, in
//! [`escrow_runtime_common::genesis`] and re-exported here.

use alloc::{vec, vec::Vec};
use frame_support::build_struct_json_patch;
use serde_json::Value;
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_consensus_grandpa::AuthorityId as GrandpaId;
use sp_genesis_builder::PresetId;
use sp_keyring::{Ed25519Keyring, Sr25519Keyring};

use crate::RuntimeGenesisConfig;
pub use escrow_runtime_common::genesis::*;

fn authority(key: Sr25519Keyring, grandpa: Ed25519Keyring) -> (AuraId, GrandpaId) {
	(key.public().into(), grandpa.public().into())
}

/// The validators: Aura authorities that produce blocks, GRANDPA voters that finalize them.
fn consensus(authorities: Vec<(AuraId, GrandpaId)>) -> Value {
	build_struct_json_patch!(RuntimeGenesisConfig {
		aura: pallet_aura::GenesisConfig {
			authorities: authorities.iter().map(|a| a.0.clone()).collect::<Vec<_>>(),
		},
		grandpa: pallet_grandpa::GenesisConfig {
			authorities: authorities.iter().map(|a| (a.1.clone(), 1)).collect::<Vec<_>>(),
		},
	})
}

/// One validator (Alice), funded development accounts, Alice as sudo, and a demo store owned
/// by Bob so that the flow can be tried at once.
pub fn development_config_genesis() -> Value {
	with(
		product(Kind::Development, dev_accounts(), Sr25519Keyring::Alice.to_account_id()),
		consensus(vec![authority(Sr25519Keyring::Alice, Ed25519Keyring::Alice)]),
	)
}

/// Three validators (Alice, Bob, Charlie), funded development accounts, Alice as sudo.
pub fn local_config_genesis() -> Value {
	with(
		product(Kind::LocalTestnet, dev_accounts(), Sr25519Keyring::Alice.to_account_id()),
		consensus(vec![
			authority(Sr25519Keyring::Alice, Ed25519Keyring::Alice),
			authority(Sr25519Keyring::Bob, Ed25519Keyring::Bob),
			authority(Sr25519Keyring::Charlie, Ed25519Keyring::Charlie),
		]),
	)
}

/// The JSON of the preset `id`, if there is one.
pub fn get_preset(id: &PresetId) -> Option<Vec<u8>> {
	preset_json(id, development_config_genesis, local_config_genesis)
}
