//! Genesis presets: `development` (one validator, a demo store) and `local_testnet` (three
//! validators). Both have the dollar stablecoin, [`STABLECOIN`], with the development
//! accounts funded in it.

use crate::{
	configs::AssetKind, AccountId, AssetsConfig, BalancesConfig, BlockNumber, EscrowConfig,
	RuntimeGenesisConfig, StoreOrdersConfig, SudoConfig, DOLLARS, HOURS, MINUTES, STABLECOIN,
	STABLECOIN_DECIMALS, STABLECOIN_MIN_BALANCE, UNIT,
};
use alloc::{vec, vec::Vec};
use frame_support::build_struct_json_patch;
use frame_support::traits::fungible::NativeOrWithId;
use serde_json::Value;
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_consensus_grandpa::AuthorityId as GrandpaId;
use sp_genesis_builder::{self, PresetId};
use sp_keyring::{Ed25519Keyring, Sr25519Keyring};

/// What each well-known development account starts with: one million ESC.
pub const ENDOWMENT: crate::Balance = 1_000_000 * UNIT;

/// What each well-known development account starts with in the stablecoin: $1,000,000.
pub const STABLECOIN_ENDOWMENT: crate::Balance = 1_000_000 * DOLLARS;
/// The stablecoin's name, as wallets show it.
pub const STABLECOIN_NAME: &[u8] = b"Escrow Dollar";
/// The stablecoin's symbol. Not a public stablecoin's symbol: this one is the development
/// chain's own.
pub const STABLECOIN_SYMBOL: &[u8] = b"eUSD";

/// The demo store of the development chain: store 0, owned by Bob, paying Bob, accepting ESC
/// and the stablecoin.
pub const DEMO_STORE_NAME: &[u8] = b"Demo store";

/// What the demo store accepts: ESC and the stablecoin.
pub fn demo_store_assets() -> Vec<AssetKind> {
	vec![NativeOrWithId::Native, NativeOrWithId::WithId(STABLECOIN)]
}

fn authority(key: Sr25519Keyring, grandpa: Ed25519Keyring) -> (AuraId, GrandpaId) {
	(key.public().into(), grandpa.public().into())
}

/// The well-known development accounts (Alice … Ferdie and their stashes).
pub fn dev_accounts() -> Vec<AccountId> {
	Sr25519Keyring::iter()
		.filter(|k| *k != Sr25519Keyring::One && *k != Sr25519Keyring::Two)
		.map(|k| k.to_account_id())
		.collect()
}

fn genesis(
	authorities: Vec<(AuraId, GrandpaId)>,
	endowed: Vec<AccountId>,
	root: AccountId,
	stores: Vec<pallet_store_orders::GenesisStore<crate::Runtime>>,
	min_time_limit: Option<BlockNumber>,
	after_sales_periods: Option<(BlockNumber, BlockNumber, BlockNumber)>,
) -> Value {
	// The stablecoin: sufficient (an account may hold only it), issued by the sudo key.
	let stablecoin = vec![(STABLECOIN, root.clone(), true, STABLECOIN_MIN_BALANCE)];
	let metadata = vec![(
		STABLECOIN,
		STABLECOIN_NAME.to_vec(),
		STABLECOIN_SYMBOL.to_vec(),
		STABLECOIN_DECIMALS,
	)];
	let dollars = endowed
		.iter()
		.map(|who| (STABLECOIN, who.clone(), STABLECOIN_ENDOWMENT))
		.collect::<Vec<_>>();
	build_struct_json_patch!(RuntimeGenesisConfig {
		balances: BalancesConfig {
			balances: endowed.into_iter().map(|who| (who, ENDOWMENT)).collect::<Vec<_>>(),
		},
		assets: AssetsConfig { assets: stablecoin, metadata, accounts: dollars },
		aura: pallet_aura::GenesisConfig {
			authorities: authorities.iter().map(|a| a.0.clone()).collect::<Vec<_>>(),
		},
		grandpa: pallet_grandpa::GenesisConfig {
			authorities: authorities.iter().map(|a| (a.1.clone(), 1)).collect::<Vec<_>>(),
		},
		sudo: SudoConfig { key: Some(root) },
		store_orders: StoreOrdersConfig { stores },
		escrow: EscrowConfig { min_time_limit, after_sales_periods },
	})
}

/// One validator (Alice), funded development accounts, Alice as sudo, and a demo store owned
/// by Bob so that the flow can be tried at once.
pub fn development_config_genesis() -> Value {
	let bob = Sr25519Keyring::Bob.to_account_id();
	genesis(
		vec![authority(Sr25519Keyring::Alice, Ed25519Keyring::Alice)],
		dev_accounts(),
		Sr25519Keyring::Alice.to_account_id(),
		vec![(bob.clone(), bob, DEMO_STORE_NAME.to_vec(), None, demo_store_assets())],
		// The runtime's floor (three blocks): auto-settlement can be tried in a minute.
		None,
		// A minute for each step of a refund request: a silent store's can be tried at once.
		Some(DEV_AFTER_SALES_PERIODS),
	)
}

/// Three validators (Alice, Bob, Charlie), funded development accounts, Alice as sudo.
pub fn local_config_genesis() -> Value {
	genesis(
		vec![
			authority(Sr25519Keyring::Alice, Ed25519Keyring::Alice),
			authority(Sr25519Keyring::Bob, Ed25519Keyring::Bob),
			authority(Sr25519Keyring::Charlie, Ed25519Keyring::Charlie),
		],
		dev_accounts(),
		Sr25519Keyring::Alice.to_account_id(),
		vec![],
		// A buyer gets at least an hour to react after shipping on any shared chain.
		Some(MIN_TIME_LIMIT_OUTSIDE_DEVELOPMENT),
		// The runtime's after-sales periods: days, as on a real market.
		None,
	)
}

/// The development chain's after-sales periods: a minute (10 blocks) for the store to answer a
/// refund request, for the buyer to ship a return, and for the store to confirm it.
pub const DEV_AFTER_SALES_PERIODS: (BlockNumber, BlockNumber, BlockNumber) =
	(MINUTES, MINUTES, MINUTES);

/// The shortest time-limit rule of every chain but the development chain: one hour.
pub const MIN_TIME_LIMIT_OUTSIDE_DEVELOPMENT: BlockNumber = HOURS;

/// The JSON of the preset `id`, if there is one.
pub fn get_preset(id: &PresetId) -> Option<Vec<u8>> {
	let patch = match id.as_ref() {
		sp_genesis_builder::DEV_RUNTIME_PRESET => development_config_genesis(),
		sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET => local_config_genesis(),
		_ => return None,
	};
	serde_json::to_vec(&patch).ok()
}

/// The presets this runtime offers.
pub fn preset_names() -> Vec<PresetId> {
	vec![
		PresetId::from(sp_genesis_builder::DEV_RUNTIME_PRESET),
		PresetId::from(sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET),
	]
}
