//! The part of the genesis presets both runtimes share: the funded development accounts, the
//! sudo key, the dollar stablecoin, the demo store, and the escrow's chain-wide rules. Each
//! runtime's `genesis_config_presets` adds its consensus (Aura and GRANDPA authorities, or
//! collators and their session keys) with [`with`].
//!
//! The patch names the pallets as both runtimes do (`balances`, `assets`, `sudo`,
//! `storeOrders`, `escrow`); each runtime's tests build its presets, so a name that does not
//! match fails there.

use alloc::{vec, vec::Vec};
use frame_support::traits::fungible::NativeOrWithId;
use serde_json::{json, Value};
use sp_keyring::Sr25519Keyring;

use crate::{
	product::AssetKind, AccountId, Balance, BlockNumber, DOLLARS, HOURS, MINUTES, STABLECOIN,
	STABLECOIN_DECIMALS, STABLECOIN_MIN_BALANCE, UNIT,
};

/// What each well-known development account starts with: one million ESC.
pub const ENDOWMENT: Balance = 1_000_000 * UNIT;

/// What each well-known development account starts with in the stablecoin: $1,000,000.
pub const STABLECOIN_ENDOWMENT: Balance = 1_000_000 * DOLLARS;
/// The stablecoin's name, as wallets show it.
pub const STABLECOIN_NAME: &[u8] = b"Escrow Dollar";
/// The stablecoin's symbol. Not a public stablecoin's symbol: this one is the development
/// chain's own.
pub const STABLECOIN_SYMBOL: &[u8] = b"eUSD";

/// The demo store of the development chain: store 0, owned by Bob, paying Bob, accepting ESC
/// and the stablecoin.
pub const DEMO_STORE_NAME: &[u8] = b"Demo store";

/// The development chain's after-sales periods: a minute (10 blocks) for the store to answer a
/// refund request, for the buyer to ship a return, and for the store to confirm it.
pub const DEV_AFTER_SALES_PERIODS: (BlockNumber, BlockNumber, BlockNumber) =
	(MINUTES, MINUTES, MINUTES);

/// The development chain's pause allowance: five minutes (50 blocks) of questions given back
/// to a shipped settlement's clock, so that a client can use it up in a test.
pub const DEV_PAUSE_ALLOWANCE: BlockNumber = 5 * MINUTES;

/// The development chain's acceptance period: half an hour (300 blocks) for the store to
/// accept a payment before it goes back to the buyer.
pub const DEV_ACCEPTANCE_PERIOD: BlockNumber = 30 * MINUTES;

/// The shortest time-limit rule of every chain but the development chain: one hour.
pub const MIN_TIME_LIMIT_OUTSIDE_DEVELOPMENT: BlockNumber = HOURS;

/// What the demo store accepts: ESC and the stablecoin.
pub fn demo_store_assets() -> Vec<AssetKind> {
	vec![NativeOrWithId::Native, NativeOrWithId::WithId(STABLECOIN)]
}

/// A store registered at genesis, as `pallet_store_orders::GenesisStore` has it: owner, payout
/// account, name, default time-limit rule, accepted assets.
pub type GenesisStore = (AccountId, AccountId, Vec<u8>, Option<BlockNumber>, Vec<AssetKind>);

/// The demo store, owned by Bob and paying him.
pub fn demo_store() -> GenesisStore {
	let bob = Sr25519Keyring::Bob.to_account_id();
	(bob.clone(), bob, DEMO_STORE_NAME.to_vec(), None, demo_store_assets())
}

/// The demo marketplace of the development chain: Charlie's, taking 2.5% of what its stores
/// are paid, into Charlie's account. No store is in it until one joins.
pub fn demo_marketplace() -> (AccountId, Vec<u8>, u16, AccountId) {
	let charlie = Sr25519Keyring::Charlie.to_account_id();
	(charlie.clone(), b"Demo bazaar".to_vec(), 250, charlie)
}

/// The well-known development accounts (Alice … Ferdie and their stashes).
pub fn dev_accounts() -> Vec<AccountId> {
	Sr25519Keyring::iter()
		.filter(|k| *k != Sr25519Keyring::One && *k != Sr25519Keyring::Two)
		.map(|k| k.to_account_id())
		.collect()
}

/// The chain's kind of preset: what differs between the development chain and the others.
pub enum Kind {
	/// One block producer, the demo store and marketplace, the runtime's floor of three blocks for a
	/// time-limit rule, and a minute for each after-sales step: everything can be tried at
	/// once.
	Development,
	/// No store, at least an hour for a buyer to react after shipping, the runtime's
	/// after-sales periods (days, as on a real market).
	LocalTestnet,
}

/// The shared part of the preset: `endowed` get [`ENDOWMENT`] ESC and
/// [`STABLECOIN_ENDOWMENT`] of the stablecoin (sufficient, issued by `root`, the sudo key).
pub fn product(kind: Kind, endowed: Vec<AccountId>, root: AccountId) -> Value {
	let development = matches!(kind, Kind::Development);
	let (stores, min_time_limit, after_sales_periods) = match kind {
		Kind::Development => (vec![demo_store()], None, Some(DEV_AFTER_SALES_PERIODS)),
		Kind::LocalTestnet => (vec![], Some(MIN_TIME_LIMIT_OUTSIDE_DEVELOPMENT), None),
	};
	let marketplaces = if development { vec![demo_marketplace()] } else { vec![] };
	let acceptance_period = development.then_some(DEV_ACCEPTANCE_PERIOD);
	let pause_allowance = development.then_some(DEV_PAUSE_ALLOWANCE);
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
	let balances = endowed.into_iter().map(|who| (who, ENDOWMENT)).collect::<Vec<_>>();
	json!({
		"balances": { "balances": balances },
		"assets": { "assets": stablecoin, "metadata": metadata, "accounts": dollars },
		"sudo": { "key": Some(root) },
		"storeOrders": { "stores": stores, "marketplaces": marketplaces },
		"escrow": {
			"minTimeLimit": min_time_limit,
			"afterSalesPeriods": after_sales_periods,
			"acceptancePeriod": acceptance_period,
			"pauseAllowance": pause_allowance,
		},
	})
}

/// `patch` with the pallets of `more` added (the two name different pallets).
pub fn with(mut patch: Value, more: Value) -> Value {
	if let (Value::Object(patch), Value::Object(more)) = (&mut patch, more) {
		patch.extend(more);
	}
	patch
}

/// The JSON of the preset `id` of a runtime whose presets are `development` and `local`.
pub fn preset_json(
	id: &sp_genesis_builder::PresetId,
	development: fn() -> Value,
	local: fn() -> Value,
) -> Option<Vec<u8>> {
	let patch = match id.as_ref() {
		sp_genesis_builder::DEV_RUNTIME_PRESET => development(),
		sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET => local(),
		_ => return None,
	};
	serde_json::to_vec(&patch).ok()
}

/// The presets both runtimes offer: `development` and `local_testnet`.
pub fn preset_names() -> Vec<sp_genesis_builder::PresetId> {
	vec![
		sp_genesis_builder::PresetId::from(sp_genesis_builder::DEV_RUNTIME_PRESET),
		sp_genesis_builder::PresetId::from(sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET),
	]
}
