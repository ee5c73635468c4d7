//! A test runtime: `frame_system`, `pallet_balances` (existential deposit 10), `pallet_assets`
//! (a sufficient dollar, [`USD`]) joined with the balances into one `fungibles` trait, and this
//! pallet.

use crate::{self as pallet_funding, *};
use frame_support::{
	derive_impl, parameter_types,
	traits::{
		fungible::{NativeFromLeft, NativeOrWithId, UnionOf},
		AsEnsureOriginWithArg, ConstU32, ConstU64,
	},
	weights::constants::RocksDbWeight,
};
use sp_runtime::BuildStorage;

type Block = frame_system::mocking::MockBlock<Test>;
pub type AccountId = u64;
pub type Balance = u64;

#[frame_support::runtime]
mod runtime {
	#[runtime::runtime]
	#[runtime::derive(
		RuntimeCall,
		RuntimeEvent,
		RuntimeError,
		RuntimeOrigin,
		RuntimeHoldReason,
		RuntimeFreezeReason,
		RuntimeTask,
		RuntimeViewFunction
	)]
	pub struct Test;

	#[runtime::pallet_index(0)]
	pub type System = frame_system;
	#[runtime::pallet_index(1)]
	pub type Balances = pallet_balances;
	#[runtime::pallet_index(2)]
	pub type Funding = pallet_funding;
	#[runtime::pallet_index(3)]
	pub type Assets = pallet_assets;
}

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountData = pallet_balances::AccountData<Balance>;
	type DbWeight = RocksDbWeight;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type AccountStore = System;
	type ExistentialDeposit = ConstU64<ED>;
}

#[derive_impl(pallet_assets::config_preludes::TestDefaultConfig)]
impl pallet_assets::Config for Test {
	type CreateOrigin = AsEnsureOriginWithArg<frame_system::EnsureSigned<AccountId>>;
	type ForceOrigin = frame_system::EnsureRoot<AccountId>;
	type Currency = Balances;
}

/// An asset a link can be in: the native token or an asset of `pallet_assets`.
pub type AssetKind = NativeOrWithId<u32>;
/// The native token and the assets as one `fungibles` trait.
pub type NativeAndAssets = UnionOf<Balances, Assets, NativeFromLeft, AssetKind, AccountId>;

/// A sufficient dollar stablecoin. Minimum balance [`USD_MIN`].
pub const USD_ID: u32 = 1;
pub const USD: AssetKind = NativeOrWithId::WithId(USD_ID);
pub const USD_MIN: Balance = 5;
pub const NATIVE: AssetKind = NativeOrWithId::Native;
/// An asset that does not exist.
pub const UNKNOWN: AssetKind = NativeOrWithId::WithId(99);

parameter_types! {
	pub const NativeAsset: AssetKind = NativeOrWithId::Native;
}

pub const ED: Balance = 10;
pub const BUYER: AccountId = 1;
pub const LINKED: AccountId = 2;
pub const LINKED2: AccountId = 3;
pub const LENDER: AccountId = 4;
/// A lender with little money.
pub const SMALL_LENDER: AccountId = 5;
pub const EVE: AccountId = 9;
pub const MAX_LINKED: u32 = 2;
/// Held from the creator of each offer and link.
pub const LINK_DEPOSIT: Balance = 5;
pub const MAX_LENDERS: u32 = 2;

impl Config for Test {
	type RuntimeHoldReason = RuntimeHoldReason;
	type Currency = Balances;
	type Assets = NativeAndAssets;
	type NativeAsset = NativeAsset;
	type LinkDeposit = ConstU64<LINK_DEPOSIT>;
	type MaxLinked = ConstU32<MAX_LINKED>;
	type MaxLenders = ConstU32<MAX_LENDERS>;
	type MaxDraws = ConstU32<4>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = BenchmarkDollars;
}

/// The benchmarks link and draw in [`USD`]: its transfers cost more than the native token's.
#[cfg(feature = "runtime-benchmarks")]
pub struct BenchmarkDollars;
#[cfg(feature = "runtime-benchmarks")]
impl BenchmarkHelper<AccountId, AssetKind, Balance> for BenchmarkDollars {
	fn asset() -> AssetKind {
		USD
	}
	fn fund(who: &AccountId, amount: Balance) {
		use frame_support::traits::fungibles::Mutate;
		let _ = <Assets as Mutate<AccountId>>::mint_into(USD_ID, who, amount);
	}
}

/// Builds the genesis state (the test accounts funded in the native token and in dollars,
/// block 1) and runs each test with the pallet's invariants checked after it.
pub struct ExtBuilder {
	balances: Vec<(AccountId, Balance)>,
	dollars: Vec<(AccountId, Balance)>,
}

impl Default for ExtBuilder {
	fn default() -> Self {
		Self {
			balances: vec![
				(BUYER, 100),
				(LINKED, 1_000),
				(LINKED2, 1_000),
				(LENDER, 1_000),
				(SMALL_LENDER, 50),
				(EVE, 1_000),
			],
			dollars: vec![
				(BUYER, 100),
				(LINKED, 1_000),
				(LINKED2, 1_000),
				(LENDER, 1_000),
				(SMALL_LENDER, 50),
			],
		}
	}
}

impl ExtBuilder {
	pub fn build(self) -> sp_io::TestExternalities {
		let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
		pallet_balances::GenesisConfig::<Test> { balances: self.balances, ..Default::default() }
			.assimilate_storage(&mut storage)
			.unwrap();
		pallet_assets::GenesisConfig::<Test> {
			// (id, owner, sufficient, minimum balance)
			assets: vec![(USD_ID, EVE, true, USD_MIN)],
			accounts: self.dollars.iter().map(|(who, amount)| (USD_ID, *who, *amount)).collect(),
			..Default::default()
		}
		.assimilate_storage(&mut storage)
		.unwrap();
		let mut ext = sp_io::TestExternalities::new(storage);
		ext.execute_with(|| System::set_block_number(1));
		ext
	}

	/// Runs `test`, then checks that no balance was created or destroyed and that the
	/// pallet's invariants (`do_try_state`) hold.
	pub fn build_and_execute(self, test: impl FnOnce()) {
		self.build().execute_with(|| {
			use frame_support::traits::fungibles::Inspect;
			let issuance = || [NATIVE, USD].map(<NativeAndAssets as Inspect<_>>::total_issuance);
			let before = issuance();
			test();
			assert_eq!(issuance(), before, "an asset's total issuance changed");
			Funding::do_try_state().expect("invariants hold after the test");
		})
	}
}

/// The events of this pallet, oldest first.
pub fn funding_events() -> Vec<Event<Test>> {
	System::read_events_for_pallet()
}
