//! A test runtime: `frame_system`, `pallet_balances` (existential deposit 10) and this pallet.

use crate::{self as pallet_funding, *};
use frame_support::{
	derive_impl,
	traits::{ConstU32, ConstU64},
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
}

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountData = pallet_balances::AccountData<Balance>;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type AccountStore = System;
	type ExistentialDeposit = ConstU64<ED>;
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
	type LinkDeposit = ConstU64<LINK_DEPOSIT>;
	type MaxLinked = ConstU32<MAX_LINKED>;
	type MaxLenders = ConstU32<MAX_LENDERS>;
	type MaxDraws = ConstU32<4>;
	type WeightInfo = ();
}

/// Builds the genesis state (the test accounts funded, block 1) and runs each test with the
/// pallet's invariants checked after it.
pub struct ExtBuilder {
	balances: Vec<(AccountId, Balance)>,
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
		}
	}
}

impl ExtBuilder {
	pub fn build(self) -> sp_io::TestExternalities {
		let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
		pallet_balances::GenesisConfig::<Test> { balances: self.balances, ..Default::default() }
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
			let issuance = Balances::total_issuance();
			test();
			assert_eq!(Balances::total_issuance(), issuance, "total issuance changed");
			Funding::do_try_state().expect("invariants hold after the test");
		})
	}
}

/// The events of this pallet, oldest first.
pub fn funding_events() -> Vec<Event<Test>> {
	System::events()
		.into_iter()
		.filter_map(|r| match r.event {
			RuntimeEvent::Funding(e) => Some(e),
			_ => None,
		})
		.collect()
}
