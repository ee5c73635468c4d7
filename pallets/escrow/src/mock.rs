//! A test runtime: `frame_system`, `pallet_balances` (existential deposit 10), `pallet_assets`
//! with `pallet_assets_holder` (a sufficient dollar, [`USD`], and an insufficient token,
//! [`POINTS`]) joined with the balances into one `fungibles` trait, and this pallet, with a
//! small store directory and an observer that remembers what it was told.

// Test code (see clippy.toml): an overflow here fails the test.
#![allow(clippy::arithmetic_side_effects)]

use crate::{self as pallet_escrow, *};
use core::cell::RefCell;
use frame_support::{
	derive_impl, parameter_types,
	traits::{
		fungible::{NativeFromLeft, NativeOrWithId, UnionOf},
		AsEnsureOriginWithArg, ConstU32, ConstU64,
	},
	weights::Weight,
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
	pub type Escrow = pallet_escrow;
	#[runtime::pallet_index(3)]
	pub type Assets = pallet_assets;
	#[runtime::pallet_index(4)]
	pub type AssetsHolder = pallet_assets_holder;
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

#[derive_impl(pallet_assets::config_preludes::TestDefaultConfig)]
impl pallet_assets::Config for Test {
	type CreateOrigin = AsEnsureOriginWithArg<frame_system::EnsureSigned<AccountId>>;
	type ForceOrigin = frame_system::EnsureRoot<AccountId>;
	type Currency = Balances;
	type Holder = AssetsHolder;
}

impl pallet_assets_holder::Config for Test {
	type RuntimeHoldReason = RuntimeHoldReason;
	type RuntimeEvent = RuntimeEvent;
}

/// An asset as the escrow pallet sees it: the native token or an asset of `pallet_assets`.
pub type AssetKind = NativeOrWithId<u32>;
/// The native token and the assets, holds included, as one `fungibles` trait.
pub type NativeAndAssets = UnionOf<Balances, AssetsHolder, NativeFromLeft, AssetKind, AccountId>;

/// A sufficient dollar: an account may hold only it. Minimum balance [`USD_MIN`].
pub const USD_ID: u32 = 1;
pub const USD: AssetKind = NativeOrWithId::WithId(USD_ID);
pub const USD_MIN: Balance = 5;
/// An insufficient token: it cannot keep an account alive, and settlements cannot be paid in
/// it (it has no rate).
pub const POINTS_ID: u32 = 2;
pub const POINTS: AssetKind = NativeOrWithId::WithId(POINTS_ID);
pub const NATIVE: AssetKind = NativeOrWithId::Native;
/// Deposits are held in dollars at two dollars per native unit.
pub const USD_PER_NATIVE: Balance = 2;
/// A buyer who holds only dollars: no native balance at all.
pub const DOLLAR_ONLY: AccountId = 4;

/// The deposits' rate: the native token at par, [`USD`] at [`USD_PER_NATIVE`], nothing else.
pub struct TestRate;
impl AssetRate<AssetKind, Balance> for TestRate {
	fn from_native(asset: &AssetKind, native: Balance) -> Option<Balance> {
		match asset {
			NativeOrWithId::Native => Some(native),
			NativeOrWithId::WithId(USD_ID) => native.checked_mul(USD_PER_NATIVE),
			_ => None,
		}
	}
}

parameter_types! {
	pub const NativeAsset: AssetKind = NativeOrWithId::Native;
}

/// Buyers.
pub const ALICE: AccountId = 1;
pub const BOB: AccountId = 2;
/// A buyer with little money.
pub const POOR: AccountId = 3;
/// A stranger to every settlement.
pub const EVE: AccountId = 9;
/// The store's payout account.
pub const STORE_PAY: AccountId = 10;
/// Another store's payout account.
pub const OTHER_PAY: AccountId = 11;
/// The owner of `STORE` (not its payout account).
pub const STORE_OWNER: AccountId = 12;
/// An account that does not exist.
pub const NOBODY: AccountId = 50;
/// A marketplace's fee account: it does not exist until it is paid.
pub const MARKET_FEE: AccountId = 60;
/// The marketplace of [`StoreCommission`].
pub const MARKET: MarketplaceId = 4;

/// A store without a default rule.
pub const STORE: StoreId = 1;
/// A store whose default rule is [`STORE_DEFAULT_LIMIT`].
pub const STORE_WITH_DEFAULT: StoreId = 2;
/// An id no store has.
pub const NO_STORE: StoreId = 99;

pub const ED: Balance = 10;
pub const DEPOSIT: Balance = 5;
pub const DEFAULT_LIMIT: u64 = 20;
pub const MIN_LIMIT: u64 = 5;
pub const MAX_LIMIT: u64 = 100;
pub const STORE_DEFAULT_LIMIT: u64 = 30;
pub const SHIP_BY: u64 = 10;
pub const EXTENSION: u64 = 5;
pub const MAX_EXTENSIONS: u32 = 2;
pub const RETENTION: u64 = 50;
pub const DISPUTE_DEPOSIT: Balance = 20;
pub const DISPUTE_PERIOD: u64 = 30;
pub const MAX_EVIDENCE: u32 = 3;
pub const MAX_DISPUTES: u32 = 2;
/// The store's time to answer a refund request.
pub const RESPOND: u64 = 8;
/// The buyer's time to ship a requested return.
pub const SHIP_RETURN: u64 = 6;
/// The store's time to confirm a shipped return.
pub const RECEIVE_RETURN: u64 = 12;
/// Auto-settlements that fit in one block's agenda budget.
pub const SETTLES_PER_BLOCK: u64 = 3;
/// The pause allowance: a dispute and a refund request at their longest, with room to spare.
pub const PAUSE_ALLOWANCE: u64 = 60;
/// Blocks the store has to accept a settlement.
pub const ACCEPTANCE: u64 = 40;
/// The first wait before a failed task is tried again, and the longest.
pub const RETRY: u64 = 2;
pub const MAX_RETRY: u64 = 16;

parameter_types! {
	pub storage IgnoreBuyerTimeLimit: bool = false;
	pub storage LapsedDispute: LapseOutcome = LapseOutcome::Resume;
	/// The payout account of the mock's stores: a test replaces it as `update_store` would.
	pub storage StorePayout: AccountId = STORE_PAY;
	/// The commission the mock's stores owe a marketplace: a test sets it as a store's
	/// joining would.
	pub storage StoreCommission: Option<Commission<AccountId>> = None;
	// The idle read and exactly `SETTLES_PER_BLOCK` auto-settlements to one store and payee in
	// ref_time: the first (the slope of `auto_settle_stores(n)`), then the others (the slope of
	// `auto_settle(n)`); the mock's hooks weigh nothing. Proof size to spare.
	pub AgendaWeightBudget: Weight = {
		let slope = |w: fn(u32) -> Weight| w(1).saturating_sub(w(0));
		let idle = <() as WeightInfo>::on_initialize_idle();
		let first = slope(<() as WeightInfo>::auto_settle_stores);
		let again = slope(<() as WeightInfo>::auto_settle);
		let one = <() as WeightInfo>::auto_settle_stores(1);
		Weight::from_parts(
			idle.ref_time()
				.saturating_add(first.ref_time())
				.saturating_add(again.ref_time().saturating_mul(SETTLES_PER_BLOCK - 1)),
			idle.proof_size().saturating_add(one.proof_size().saturating_mul(SETTLES_PER_BLOCK)),
		)
	};
}

/// Stores 1..=3 exist; store 2 has a default rule of [`STORE_DEFAULT_LIMIT`] blocks. Every
/// store accepts the native token; [`STORE`] also dollars and points.
pub struct TestStores;
impl StoreDirectory<AccountId, AssetKind, u64> for TestStores {
	fn store_time_limit(store: StoreId) -> Option<Option<u64>> {
		match store {
			STORE_WITH_DEFAULT => Some(Some(STORE_DEFAULT_LIMIT)),
			1..=3 => Some(None),
			_ => None,
		}
	}
	/// [`STORE_OWNER`] owns [`STORE`]; every store pays [`StorePayout`].
	fn acts_for(store: StoreId, who: &AccountId) -> bool {
		Self::store_time_limit(store).is_some()
			&& ((store == STORE && *who == STORE_OWNER) || *who == StorePayout::get())
	}
	fn accepts(store: StoreId, asset: &AssetKind) -> bool {
		Self::store_time_limit(store).is_some() && (store == STORE || *asset == NATIVE)
	}
	fn payout_account(store: StoreId) -> Option<AccountId> {
		Self::store_time_limit(store).map(|_| StorePayout::get())
	}
	fn commission(store: StoreId) -> Option<Commission<AccountId>> {
		Self::store_time_limit(store).and(StoreCommission::get())
	}
}

/// What the observer was told, in order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Observed {
	Paid { id: SettlementId, record: PaymentRecordId, amount: Balance },
	Released { id: SettlementId, status: SettlementStatus },
	Dispute { id: SettlementId, open: bool },
	AfterSales { id: SettlementId, step: AfterSalesStep<Balance> },
	Pruned { id: SettlementId },
	PayeeChanged { id: SettlementId, payee: AccountId },
}

thread_local! {
	pub static OBSERVED: RefCell<Vec<Observed>> = const { RefCell::new(Vec::new()) };
}

pub fn observed() -> Vec<Observed> {
	OBSERVED.with(|o| o.borrow().clone())
}

pub struct TestObserver;
impl SettlementObserver<AccountId, AssetKind, Balance, u64> for TestObserver {
	fn on_paid(
		id: SettlementId,
		record_id: PaymentRecordId,
		record: &PaymentRecord<AccountId, AssetKind, Balance, u64>,
	) {
		OBSERVED.with(|o| {
			o.borrow_mut().push(Observed::Paid { id, record: record_id, amount: record.amount })
		});
	}
	fn on_released(id: SettlementId, status: SettlementStatus) {
		OBSERVED.with(|o| o.borrow_mut().push(Observed::Released { id, status }));
	}
	fn on_dispute(id: SettlementId, open: bool) {
		OBSERVED.with(|o| o.borrow_mut().push(Observed::Dispute { id, open }));
	}
	fn on_after_sales(id: SettlementId, step: AfterSalesStep<Balance>) {
		OBSERVED.with(|o| o.borrow_mut().push(Observed::AfterSales { id, step }));
	}
	fn on_pruned(id: SettlementId) {
		OBSERVED.with(|o| o.borrow_mut().push(Observed::Pruned { id }));
	}
	fn on_payee_changed(id: SettlementId, payee: &AccountId) {
		OBSERVED.with(|o| o.borrow_mut().push(Observed::PayeeChanged { id, payee: *payee }));
	}
	fn weight() -> Weight {
		Weight::zero()
	}
}

impl Config for Test {
	type RuntimeHoldReason = RuntimeHoldReason;
	type Assets = NativeAndAssets;
	type NativeAsset = NativeAsset;
	type AssetRate = TestRate;
	type Stores = TestStores;
	type Funding = ();
	type BlockNumberProvider = System;
	type Observer = TestObserver;
	type SettlementDeposit = ConstU64<DEPOSIT>;
	type MaxOrderNumberLen = ConstU32<16>;
	type DefaultTimeLimit = ConstU64<DEFAULT_LIMIT>;
	type MinTimeLimit = ConstU64<MIN_LIMIT>;
	type MaxTimeLimit = ConstU64<MAX_LIMIT>;
	type IgnoreBuyerTimeLimit = IgnoreBuyerTimeLimit;
	type ShipByLimit = ConstU64<SHIP_BY>;
	type ExtensionPeriod = ConstU64<EXTENSION>;
	type MaxExtensions = ConstU32<MAX_EXTENSIONS>;
	type RetentionPeriod = ConstU64<RETENTION>;
	type AgendaWeightBudget = AgendaWeightBudget;
	type ArbiterOrigin = frame_system::EnsureRoot<AccountId>;
	type DisputeDeposit = ConstU64<DISPUTE_DEPOSIT>;
	type DisputePeriod = ConstU64<DISPUTE_PERIOD>;
	type LapsedDispute = LapsedDispute;
	type MaxEvidence = ConstU32<MAX_EVIDENCE>;
	type MaxDisputes = ConstU32<MAX_DISPUTES>;
	type RefundResponsePeriod = ConstU64<RESPOND>;
	type ReturnShipPeriod = ConstU64<SHIP_RETURN>;
	type ReturnReceivePeriod = ConstU64<RECEIVE_RETURN>;
	type MaxReturnLogisticsLen = ConstU32<32>;
	type PauseAllowance = ConstU64<PAUSE_ALLOWANCE>;
	type AcceptancePeriod = ConstU64<ACCEPTANCE>;
	type RetryDelay = ConstU64<RETRY>;
	type MaxRetryDelay = ConstU64<MAX_RETRY>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = BenchmarkStore;
}

/// The benchmarks open their settlements at [`STORE`], in dollars: an asset's holds cost
/// more than the native token's.
#[cfg(feature = "runtime-benchmarks")]
pub struct BenchmarkStore;
#[cfg(feature = "runtime-benchmarks")]
impl BenchmarkHelper<AccountId, AssetKind, Balance> for BenchmarkStore {
	/// In a marketplace: a payout with a commission is the dearer.
	fn store() -> StoreId {
		StoreCommission::set(&Some(Commission {
			marketplace: MARKET,
			rate: 250,
			fee_account: MARKET_FEE,
		}));
		STORE
	}
	/// The mock's store directory knows one store; each `i` has a payee of its own.
	fn store_of(i: u32) -> (StoreId, AccountId) {
		(Self::store(), 1_000 + AccountId::from(i))
	}
	/// The mock has no store side: the escrow's own accept and ship.
	fn accept_and_ship(id: SettlementId, amount: Balance) -> sp_runtime::DispatchResult {
		use crate::SettlementProvider as _;
		let s =
			crate::Settlements::<Test>::get(id).ok_or(crate::Error::<Test>::UnknownSettlement)?;
		crate::Pallet::<Test>::accept(id, amount, s.snapshot, s.time_limit)?;
		crate::Pallet::<Test>::ship(id).map(|_| ())
	}
	fn asset() -> AssetKind {
		USD
	}
	fn set_payout(_: StoreId, payee: &AccountId) {
		StorePayout::set(payee);
	}
	fn fund(who: &AccountId, asset: &AssetKind, amount: Balance) {
		use frame_support::traits::{fungible, fungibles};
		let _ = match asset {
			NativeOrWithId::Native => {
				<Balances as fungible::Mutate<AccountId>>::mint_into(who, amount)
			}
			NativeOrWithId::WithId(id) => {
				<Assets as fungibles::Mutate<AccountId>>::mint_into(*id, who, amount)
			}
		};
	}
}

/// Builds the genesis state and runs each test with the pallet's invariants checked after it.
pub struct ExtBuilder {
	balances: Vec<(AccountId, Balance)>,
	dollars: Vec<(AccountId, Balance)>,
}

impl Default for ExtBuilder {
	fn default() -> Self {
		Self {
			balances: vec![
				(ALICE, 1_000),
				(BOB, 1_000),
				(POOR, 40),
				(EVE, 1_000),
				(STORE_PAY, 100),
				(OTHER_PAY, 100),
				(STORE_OWNER, 100),
			],
			dollars: vec![(ALICE, 1_000), (DOLLAR_ONLY, 300), (STORE_PAY, 100)],
		}
	}
}

impl ExtBuilder {
	pub fn build(self) -> sp_io::TestExternalities {
		let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
		pallet_balances::GenesisConfig::<Test> { balances: self.balances, ..Default::default() }
			.assimilate_storage(&mut storage)
			.unwrap();
		let points = self.dollars.iter().map(|(who, _)| (POINTS_ID, *who, 500));
		pallet_assets::GenesisConfig::<Test> {
			// (id, owner, sufficient, minimum balance)
			assets: vec![(USD_ID, EVE, true, USD_MIN), (POINTS_ID, EVE, false, 1)],
			accounts: self
				.dollars
				.iter()
				.map(|(who, amount)| (USD_ID, *who, *amount))
				.chain(points.filter(|(_, who, _)| *who != DOLLAR_ONLY))
				.collect(),
			..Default::default()
		}
		.assimilate_storage(&mut storage)
		.unwrap();
		let mut ext = sp_io::TestExternalities::new(storage);
		ext.execute_with(|| {
			System::set_block_number(1);
			OBSERVED.with(|o| o.borrow_mut().clear());
		});
		ext
	}

	/// Runs `test`, then checks that no balance was created or destroyed and that the
	/// pallet's invariants (`do_try_state`) hold.
	pub fn build_and_execute(self, test: impl FnOnce()) {
		self.build().execute_with(|| {
			use frame_support::traits::fungibles::Inspect;
			let issuance =
				|| [NATIVE, USD, POINTS].map(<NativeAndAssets as Inspect<_>>::total_issuance);
			let before = issuance();
			test();
			assert_eq!(issuance(), before, "an asset's total issuance changed");
			Escrow::do_try_state().expect("invariants hold after the test");
		})
	}
}

/// Runs the hooks of every pallet in every block up to and including `n`, and checks the
/// invariants after each block's start.
pub fn run_to_block(n: u64) {
	let check = |_| Escrow::do_try_state().expect("invariants hold after every block");
	System::run_to_block_with::<AllPalletsWithSystem>(
		n,
		frame_system::RunToBlockHooks::default().after_initialize(check),
	);
}

/// The events of this pallet, oldest first.
pub fn escrow_events() -> Vec<Event<Test>> {
	System::read_events_for_pallet()
}

/// `bytes` as a bounded argument; a test that passes too many bytes fails here.
pub fn bounded<S: frame_support::traits::Get<u32>>(
	bytes: &[u8],
) -> frame_support::BoundedVec<u8, S> {
	frame_support::BoundedVec::try_from(bytes.to_vec()).expect("the test's bytes fit the bound")
}
