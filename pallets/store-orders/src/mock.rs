//! A test runtime: `frame_system`, `pallet_balances` and this pallet, with a fake escrow side
//! whose settlements the tests set up directly.

// Test code (see clippy.toml): an overflow here fails the test.
#![allow(clippy::arithmetic_side_effects)]

use crate::{self as pallet_store_orders, *};
use core::cell::RefCell;
use escrow_primitives::{PayoutTrigger, SettlementSummary};
use frame_support::{
	derive_impl,
	pallet_prelude::*,
	parameter_types,
	traits::{fungible::NativeOrWithId, ConstU16, ConstU32, ConstU64},
};
use sp_runtime::{
	testing::{TestSignature, UintAuthorityId},
	BuildStorage,
};
use std::collections::BTreeMap;

type Block = frame_system::mocking::MockBlock<Test>;
pub type AccountId = u64;
pub type Balance = u64;
/// The test's assets: the runtime's own type (an enum, not `Copy`), so that the pallet is
/// tested with what it runs with.
pub type AssetKind = NativeOrWithId<u32>;

/// The native token.
pub const NATIVE: AssetKind = NativeOrWithId::Native;
/// A stablecoin the fake escrow settles in.
pub const USD: AssetKind = NativeOrWithId::WithId(1);
/// Another asset the fake escrow settles in.
pub const EUR: AssetKind = NativeOrWithId::WithId(2);
/// An asset the fake escrow does not settle in (say, one that is not sufficient).
pub const POINTS: AssetKind = NativeOrWithId::WithId(9);

/// The most assets a store lists in this mock: every asset the fake escrow settles in.
pub const MAX_ASSETS: u32 = 3;

parameter_types! {
	pub const NativeAsset: AssetKind = NATIVE;
}

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
	pub type StoreOrders = pallet_store_orders;
}

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountData = pallet_balances::AccountData<Balance>;
	/// Real database weights, so that a migration's weight can be checked.
	type DbWeight = frame_support::weights::constants::RocksDbWeight;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type AccountStore = System;
}

/// The store owner.
pub const OWNER: AccountId = 1;
/// The store's payout account.
pub const PAYOUT: AccountId = 2;
/// A buyer.
pub const BUYER: AccountId = 3;
/// Someone else.
pub const EVE: AccountId = 4;
/// An account without funds for a deposit.
pub const POOR: AccountId = 5;

pub const STORE_DEPOSIT: Balance = 50;
/// Blocks the fake escrow gives the buyer after shipping.
pub const TIME_LIMIT: u64 = 20;

/// A settlement on the fake escrow side.
#[derive(Clone)]
pub struct FakeSettlement {
	pub summary: SettlementSummary<AccountId, AssetKind, Balance>,
	pub accepted: Option<Balance>,
}

thread_local! {
	pub static SETTLEMENTS: RefCell<BTreeMap<SettlementId, FakeSettlement>> =
		const { RefCell::new(BTreeMap::new()) };
	pub static RECORDS: RefCell<BTreeMap<PaymentRecordId, Record>> =
		const { RefCell::new(BTreeMap::new()) };
}

/// The snapshot of every fake settlement; its time-limit rule is [`TIME_LIMIT`].
pub const SNAPSHOT: [u8; 32] = [7; 32];

/// A payment record in the mock.
pub type Record = PaymentRecord<AccountId, AssetKind, Balance, u64>;

/// The escrow side, faked: settlements are whatever the tests put there. It settles in
/// [`NATIVE`], [`USD`] and [`EUR`], not in [`POINTS`].
pub struct FakeEscrow;

impl FakeEscrow {
	/// A settlement `id` by [`BUYER`], awaiting acceptance, for `store`/`order_no`, paying
	/// `payee` in [`NATIVE`].
	pub fn open(
		id: SettlementId,
		store: StoreId,
		order_no: &[u8],
		payee: AccountId,
		amount: Balance,
	) {
		Self::open_in(id, store, order_no, payee, NATIVE, amount)
	}

	/// As [`Self::open`], paid in `asset`. Like the real escrow it does not check the store
	/// accepts `asset`: the tests do that through [`StoreDirectory::accepts`].
	pub fn open_in(
		id: SettlementId,
		store: StoreId,
		order_no: &[u8],
		payee: AccountId,
		asset: AssetKind,
		amount: Balance,
	) {
		let status = SettlementStatus::AwaitingAcceptance;
		let summary = Self::new_summary(BUYER, store, order_no, payee, asset, amount, status);
		SETTLEMENTS.with(|s| s.borrow_mut().insert(id, FakeSettlement { summary, accepted: None }));
	}

	/// A settlement of `amount` of `asset` by `buyer` for `store`/`order_no`, paying `payee`,
	/// owing all of it, in `status`.
	fn new_summary(
		buyer: AccountId,
		store: StoreId,
		order_no: &[u8],
		payee: AccountId,
		asset: AssetKind,
		amount: Balance,
		status: SettlementStatus,
	) -> SettlementSummary<AccountId, AssetKind, Balance> {
		SettlementSummary {
			buyer,
			payee,
			store,
			order_no: order_no.to_vec(),
			asset,
			amount,
			agreed_amount: amount,
			status,
			record: None,
		}
	}

	pub fn status(id: SettlementId) -> Option<SettlementStatus> {
		SETTLEMENTS.with(|s| s.borrow().get(&id).map(|f| f.summary.status))
	}

	pub fn accepted(id: SettlementId) -> Option<Balance> {
		SETTLEMENTS.with(|s| s.borrow().get(&id).and_then(|f| f.accepted))
	}

	fn update(id: SettlementId, f: impl FnOnce(&mut FakeSettlement)) {
		SETTLEMENTS.with(|s| s.borrow_mut().get_mut(&id).map(f));
	}

	/// Pays settlement `id` out with record `record_id` paying `amount` to `payee` in the
	/// settlement's asset, as the escrow pallet would, and tells the observer when `notify`.
	pub fn pay(
		id: SettlementId,
		record_id: PaymentRecordId,
		payee: AccountId,
		amount: Balance,
		notify: bool,
	) {
		let asset = Self::summary(id).map_or(NATIVE, |s| s.asset);
		Self::pay_in(id, record_id, payee, asset, amount, notify)
	}

	/// As [`Self::pay`], with the record in `asset`: a wrong asset is not a state the real
	/// escrow reaches.
	pub fn pay_in(
		id: SettlementId,
		record_id: PaymentRecordId,
		payee: AccountId,
		asset: AssetKind,
		amount: Balance,
		notify: bool,
	) {
		let record = PaymentRecord {
			settlement: id,
			payer: BUYER,
			payee,
			asset,
			amount,
			at: System::block_number(),
			trigger: PayoutTrigger::Confirmed,
			commission: None,
		};
		RECORDS.with(|r| r.borrow_mut().insert(record_id, record.clone()));
		Self::update(id, |f| {
			f.summary.status = SettlementStatus::Completed;
			f.summary.record = Some(record_id);
		});
		if notify {
			<StoreOrders as SettlementObserver<_, _, _, _>>::on_paid(id, record_id, &record);
		}
	}

	/// Sends settlement `id`'s payout to `payee` (the store's new payout account), as the
	/// escrow's `follow_payout_account` does, and tells the observer.
	pub fn follow(id: SettlementId, payee: AccountId) {
		Self::update(id, |f| f.summary.payee = payee);
		<StoreOrders as SettlementObserver<_, _, _, _>>::on_payee_changed(id, &payee);
	}

	/// Closes settlement `id` as `status` without a payment and tells the observer.
	pub fn release(id: SettlementId, status: SettlementStatus) {
		Self::update(id, |f| f.summary.status = status);
		<StoreOrders as SettlementObserver<_, _, _, _>>::on_released(id, status);
	}

	/// Disputes settlement `id` (`open`) or ends its dispute, and tells the observer.
	pub fn dispute(id: SettlementId, open: bool, resumes_as: SettlementStatus) {
		Self::update(id, |f| {
			f.summary.status = if open { SettlementStatus::Disputed } else { resumes_as }
		});
		<StoreOrders as SettlementObserver<_, _, _, _>>::on_dispute(id, open);
	}

	/// Lowers what the payee is owed, as an agreed deduction does.
	pub fn agree_deduction(id: SettlementId, payout: Balance) {
		Self::update(id, |f| f.summary.agreed_amount = payout);
	}

	/// A step of the settlement's after-sales, told to the store side as the escrow tells
	/// it: a request puts the settlement in after-sales, its end back to `resumes_as`, a
	/// refund lowers what is held and owed.
	pub fn after_sales(
		id: SettlementId,
		step: AfterSalesStep<Balance>,
		resumes_as: SettlementStatus,
	) {
		Self::update(id, |f| match step {
			AfterSalesStep::Requested { .. } => {
				f.summary.status = SettlementStatus::RefundRequested
			}
			AfterSalesStep::Ended => f.summary.status = resumes_as,
			AfterSalesStep::Refunded { amount } => {
				f.summary.amount = f.summary.amount.saturating_sub(amount);
				f.summary.agreed_amount = f.summary.agreed_amount.saturating_sub(amount);
			}
			_ => {}
		});
		<StoreOrders as SettlementObserver<_, _, _, _>>::on_after_sales(id, step);
	}
}

/// The escrow's bounds of the time-limit rule in this mock.
pub const MIN_TIME_LIMIT: u64 = 3;
pub const MAX_TIME_LIMIT: u64 = 1_000;

impl SettlementProvider<AccountId, AssetKind, Balance, u64> for FakeEscrow {
	fn summary(id: SettlementId) -> Option<SettlementSummary<AccountId, AssetKind, Balance>> {
		SETTLEMENTS.with(|s| s.borrow().get(&id).map(|f| f.summary.clone()))
	}

	fn payment_record(id: PaymentRecordId) -> Option<Record> {
		RECORDS.with(|r| r.borrow().get(&id).cloned())
	}

	fn settles_in(asset: &AssetKind) -> bool {
		[NATIVE, USD, EUR].contains(asset)
	}

	/// Accepts on the fake's terms only: [`SNAPSHOT`] and [`TIME_LIMIT`], as the real escrow
	/// accepts only the settlement's own.
	fn accept(
		id: SettlementId,
		order_amount: Balance,
		snapshot: [u8; 32],
		time_limit: u64,
	) -> DispatchResult {
		ensure!(
			Self::status(id) == Some(SettlementStatus::AwaitingAcceptance),
			DispatchError::Other("not paid")
		);
		ensure!(
			(snapshot, time_limit) == (SNAPSHOT, TIME_LIMIT),
			DispatchError::Other("terms changed")
		);
		Self::update(id, |f| {
			f.summary.status = SettlementStatus::Accepted;
			f.summary.agreed_amount = order_amount;
			f.accepted = Some(order_amount);
		});
		Ok(())
	}

	fn time_limit_bounds() -> (u64, u64) {
		(MIN_TIME_LIMIT, MAX_TIME_LIMIT)
	}

	fn ship(id: SettlementId) -> Result<u64, DispatchError> {
		ensure!(
			Self::status(id) == Some(SettlementStatus::Accepted),
			DispatchError::Other("not accepted")
		);
		Self::update(id, |f| f.summary.status = SettlementStatus::Shipped);
		Ok(System::block_number() + TIME_LIMIT)
	}

	fn now() -> u64 {
		System::block_number()
	}

	/// A new settlement (the next id), accepted for `amount`; refused, as the real escrow
	/// refuses it, when the store does not accept `asset` or [`POOR`] is the buyer (it cannot
	/// hold the amount).
	fn open_accepted(
		buyer: &AccountId,
		store: StoreId,
		order_no: &[u8],
		asset: AssetKind,
		amount: Balance,
		payee: AccountId,
		_time_limit: u64,
		_snapshot: [u8; 32],
	) -> Result<(SettlementId, Weight), DispatchError> {
		ensure!(
			<StoreOrders as StoreDirectory<_, _, _>>::accepts(store, &asset),
			DispatchError::Other("asset not accepted")
		);
		ensure!(*buyer != POOR, DispatchError::Other("cannot hold"));
		let id = SETTLEMENTS.with(|s| s.borrow().keys().last().map_or(0, |id| id + 1));
		let status = SettlementStatus::Accepted;
		let summary = Self::new_summary(*buyer, store, order_no, payee, asset, amount, status);
		let settlement = FakeSettlement { summary, accepted: Some(amount) };
		SETTLEMENTS.with(|s| s.borrow_mut().insert(id, settlement));
		Ok((id, FUNDING_WEIGHT))
	}

	fn funding_weight() -> Weight {
		FUNDING_WEIGHT
	}
}

/// What the fake escrow says the buyer's funding sources took on opening.
pub const FUNDING_WEIGHT: Weight = Weight::from_parts(1_000, 0);

/// Held from a marketplace's operator.
pub const MARKETPLACE_DEPOSIT: Balance = 40;
/// The highest commission: 30%.
pub const MAX_COMMISSION: u16 = 3_000;

/// How far ahead a payment request's last valid block may be in this mock.
pub const MAX_REQUEST_VALIDITY: u64 = 100;

impl Config for Test {
	type RuntimeHoldReason = RuntimeHoldReason;
	type Currency = Balances;
	type AssetId = AssetKind;
	type MaxAssets = ConstU32<MAX_ASSETS>;
	type NativeAsset = NativeAsset;
	type Escrow = FakeEscrow;
	type StoreDeposit = ConstU64<STORE_DEPOSIT>;
	type MaxNameLen = ConstU32<8>;
	type MaxOrderNumberLen = ConstU32<16>;
	type MaxLogisticsLen = ConstU32<32>;
	/// A signature in tests is its signer's number and the message it signed.
	type OffchainSignature = TestSignature;
	type SigningPublicKey = UintAuthorityId;
	type MaxRequestValidity = ConstU64<MAX_REQUEST_VALIDITY>;
	type MarketplaceDeposit = ConstU64<MARKETPLACE_DEPOSIT>;
	type MaxCommission = ConstU16<MAX_COMMISSION>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = FakeEscrow;
}

#[cfg(feature = "runtime-benchmarks")]
impl BenchmarkHelper<AccountId, AssetKind, Balance, u64, TestSignature> for FakeEscrow {
	fn signer() -> AccountId {
		OWNER
	}

	fn sign(signer: &AccountId, message: &[u8]) -> TestSignature {
		TestSignature(*signer, message.to_vec())
	}

	/// The fake escrow holds nothing.
	fn fund(_: &AccountId, _: &AssetKind, _: Balance) {}

	fn terms(_: SettlementId) -> ([u8; 32], u64) {
		(SNAPSHOT, TIME_LIMIT)
	}

	/// Every asset the fake escrow settles in, the stablecoin first.
	fn assets() -> Vec<AssetKind> {
		vec![USD, NATIVE, EUR]
	}

	fn open_settlement(
		_buyer: &AccountId,
		store: StoreId,
		order_no: &[u8],
		payee: &AccountId,
		asset: &AssetKind,
		amount: Balance,
	) -> SettlementId {
		let id = SETTLEMENTS.with(|s| s.borrow().len() as SettlementId);
		Self::open_in(id, store, order_no, *payee, asset.clone(), amount);
		id
	}

	fn pay(id: SettlementId) -> Option<PaymentRecordId> {
		let summary = Self::summary(id)?;
		let record = RECORDS.with(|r| r.borrow().len() as PaymentRecordId);
		Self::pay(id, record, summary.payee, summary.agreed_amount, false);
		Some(record)
	}
}

/// Builds the genesis state (the test accounts funded, no stores unless [`Self::stores`] gives
/// some, no settlements, block 1) and runs each test with the pallet's invariants checked
/// after it.
pub struct ExtBuilder {
	balances: Vec<(AccountId, Balance)>,
	stores: Vec<GenesisStore<Test>>,
}

impl Default for ExtBuilder {
	fn default() -> Self {
		Self {
			balances: vec![(OWNER, 1_000), (PAYOUT, 10), (BUYER, 1_000), (EVE, 1_000), (POOR, 20)],
			stores: vec![],
		}
	}
}

impl ExtBuilder {
	/// Stores registered at genesis.
	pub fn stores(mut self, stores: Vec<GenesisStore<Test>>) -> Self {
		self.stores = stores;
		self
	}

	pub fn build(self) -> sp_io::TestExternalities {
		let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
		pallet_balances::GenesisConfig::<Test> { balances: self.balances, ..Default::default() }
			.assimilate_storage(&mut storage)
			.unwrap();
		pallet_store_orders::GenesisConfig::<Test> { stores: self.stores, marketplaces: vec![] }
			.assimilate_storage(&mut storage)
			.unwrap();
		let mut ext = sp_io::TestExternalities::new(storage);
		ext.execute_with(|| {
			System::set_block_number(1);
			SETTLEMENTS.with(|s| s.borrow_mut().clear());
			RECORDS.with(|r| r.borrow_mut().clear());
		});
		ext
	}

	/// Runs `test`, then checks that no balance was created or destroyed and that the
	/// pallet's invariants (`do_try_state`) hold.
	pub fn build_and_execute(self, test: impl FnOnce()) {
		self.build().execute_with(|| {
			let issuance = Balances::total_issuance();
			test();
			assert_eq!(Balances::total_issuance(), issuance, "total issuance changed");
			StoreOrders::do_try_state().expect("invariants hold after the test");
		})
	}
}

/// The events of this pallet, oldest first.
pub fn store_events() -> Vec<Event<Test>> {
	System::read_events_for_pallet()
}
