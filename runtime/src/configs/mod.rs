//! Each pallet's configuration.

use frame_support::dispatch::DispatchClass;
use frame_support::weights::ConstantMultiplier;
use frame_support::{
	derive_impl, parameter_types,
	traits::{ConstBool, ConstU128, ConstU32, ConstU64, ConstU8, VariantCountOf},
	weights::{constants::WEIGHT_REF_TIME_PER_SECOND, IdentityFee, Weight},
};
use frame_system::limits::{BlockLength, BlockWeights};
use pallet_transaction_payment::{ConstFeeMultiplier, FungibleAdapter, Multiplier};
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_runtime::{traits::One, Perbill};
use sp_version::RuntimeVersion;

use crate::weights::{BlockExecutionWeight, ExtrinsicBaseWeight, ParityDbWeight};

use super::{
	AccountId, Aura, Balance, Balances, Block, BlockNumber, Escrow, Funding, Hash, Nonce,
	OriginCaller, PalletInfo, Runtime, RuntimeCall, RuntimeEvent, RuntimeFreezeReason,
	RuntimeHoldReason, RuntimeOrigin, RuntimeTask, StoreOrders, System, DAYS, EXISTENTIAL_DEPOSIT,
	MILLI_UNIT, SLOT_DURATION, SS58_PREFIX, UNIT, VERSION,
};

const NORMAL_DISPATCH_RATIO: Perbill = Perbill::from_percent(75);
/// Two seconds of computation in a six-second block.
const MAXIMUM_BLOCK_WEIGHT: Weight =
	Weight::from_parts(WEIGHT_REF_TIME_PER_SECOND.saturating_mul(2), u64::MAX);

/// The share of the block that normal transactions may fill.
fn normal_block_weight() -> Weight {
	Weight::from_parts(
		NORMAL_DISPATCH_RATIO.mul_floor(MAXIMUM_BLOCK_WEIGHT.ref_time()),
		NORMAL_DISPATCH_RATIO.mul_floor(MAXIMUM_BLOCK_WEIGHT.proof_size()),
	)
}

parameter_types! {
	pub const BlockHashCount: BlockNumber = 2400;
	pub const Version: RuntimeVersion = VERSION;
	/// Two seconds of computation in a six-second block, of which 75% for normal transactions
	/// and the rest for operational ones; an empty block's and every extrinsic's base weight as
	/// measured on this chain (`crate::weights`).
	pub RuntimeBlockWeights: BlockWeights = BlockWeights::builder()
		.base_block(BlockExecutionWeight::get())
		.for_class(DispatchClass::all(), |weights| {
			weights.base_extrinsic = ExtrinsicBaseWeight::get();
		})
		.for_class(DispatchClass::Normal, |weights| {
			weights.max_total = Some(normal_block_weight());
		})
		.for_class(DispatchClass::Operational, |weights| {
			weights.max_total = Some(MAXIMUM_BLOCK_WEIGHT);
			weights.reserved = Some(MAXIMUM_BLOCK_WEIGHT.saturating_sub(normal_block_weight()));
		})
		.avg_block_initialization(Perbill::from_percent(10))
		.build_or_panic();
	/// 5 MiB blocks, of which 75% for normal transactions.
	pub RuntimeBlockLength: BlockLength = BlockLength::builder()
		.max_length(5 * 1024 * 1024)
		.modify_max_length_for_class(frame_support::dispatch::DispatchClass::Normal, |max| {
			*max = NORMAL_DISPATCH_RATIO.mul_floor(*max)
		})
		.build();
	pub const SS58Prefix: u16 = SS58_PREFIX;
}

#[derive_impl(frame_system::config_preludes::SolochainDefaultConfig)]
impl frame_system::Config for Runtime {
	type Block = Block;
	type BlockWeights = RuntimeBlockWeights;
	type BlockLength = RuntimeBlockLength;
	type AccountId = AccountId;
	type Nonce = Nonce;
	type Hash = Hash;
	type BlockHashCount = BlockHashCount;
	/// The node stores its state in ParityDB; reads and writes as measured on this chain.
	type DbWeight = ParityDbWeight;
	type Version = Version;
	type AccountData = pallet_balances::AccountData<Balance>;
	type SS58Prefix = SS58Prefix;
	type MaxConsumers = ConstU32<16>;
}

impl pallet_aura::Config for Runtime {
	type AuthorityId = AuraId;
	type DisabledValidators = ();
	type MaxAuthorities = ConstU32<32>;
	type AllowMultipleBlocksPerSlot = ConstBool<false>;
	type SlotDuration = pallet_aura::MinimumPeriodTimesTwo<Runtime>;
}

impl pallet_grandpa::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type WeightInfo = ();
	type MaxAuthorities = ConstU32<32>;
	type MaxNominators = ConstU32<0>;
	type MaxSetIdSessionEntries = ConstU64<0>;
	type KeyOwnerProof = sp_core::Void;
	type EquivocationReportSystem = ();
}

impl pallet_timestamp::Config for Runtime {
	type Moment = u64;
	type OnTimestampSet = Aura;
	type MinimumPeriod = ConstU64<{ SLOT_DURATION / 2 }>;
	type WeightInfo = ();
}

impl pallet_balances::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeHoldReason = RuntimeHoldReason;
	type RuntimeFreezeReason = RuntimeFreezeReason;
	type WeightInfo = pallet_balances::weights::SubstrateWeight<Runtime>;
	type Balance = Balance;
	type DustRemoval = ();
	type ExistentialDeposit = ConstU128<EXISTENTIAL_DEPOSIT>;
	type AccountStore = System;
	type ReserveIdentifier = [u8; 8];
	type FreezeIdentifier = RuntimeFreezeReason;
	type MaxLocks = ConstU32<50>;
	type MaxReserves = ();
	type MaxFreezes = VariantCountOf<RuntimeFreezeReason>;
	type DoneSlashHandler = ();
}

parameter_types! {
	pub FeeMultiplier: Multiplier = Multiplier::one();
	/// 0.000001 ESC per byte: an ordinary call of a few hundred bytes pays a fraction of its
	/// weight fee for its length, while filling a block with long arguments costs about 1 ESC
	/// per MiB.
	pub const TransactionByteFee: Balance = MILLI_UNIT / 1_000;
}

impl pallet_transaction_payment::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type OnChargeTransaction = FungibleAdapter<Balances, ()>;
	type OperationalFeeMultiplier = ConstU8<5>;
	type WeightToFee = IdentityFee<Balance>;
	type LengthToFee = ConstantMultiplier<Balance, TransactionByteFee>;
	type FeeMultiplierUpdate = ConstFeeMultiplier<FeeMultiplier>;
	type WeightInfo = pallet_transaction_payment::weights::SubstrateWeight<Runtime>;
}

impl pallet_sudo::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	type WeightInfo = pallet_sudo::weights::SubstrateWeight<Runtime>;
}

impl pallet_utility::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	type PalletsOrigin = OriginCaller;
	type WeightInfo = pallet_utility::weights::SubstrateWeight<Runtime>;
}

parameter_types! {
	/// A dispute the arbiter did not rule on within the dispute period goes back to its timer:
	/// without a ruling the rules the two sides agreed to stay in force.
	pub const LapsedDispute: pallet_escrow::LapseOutcome = pallet_escrow::LapseOutcome::Resume;
	/// The auto-settlement agenda may use a quarter of a block.
	pub AgendaWeightBudget: Weight = {
		let (quarter, max) = (Perbill::from_percent(25), RuntimeBlockWeights::get().max_block);
		Weight::from_parts(quarter.mul_floor(max.ref_time()), quarter.mul_floor(max.proof_size()))
	};
}

/// The longest store order number, in bytes: the same on both sides.
pub use escrow_primitives::MaxOrderNumberLen;

impl pallet_escrow::Config for Runtime {
	type RuntimeHoldReason = RuntimeHoldReason;
	type Currency = Balances;
	type Stores = StoreOrders;
	type Funding = Funding;
	type Observer = StoreOrders;
	/// 0.01 ESC per open settlement.
	type SettlementDeposit = ConstU128<{ 10 * MILLI_UNIT }>;
	type MaxOrderNumberLen = MaxOrderNumberLen;
	/// The patent's example: 10 days to confirm receipt.
	type DefaultTimeLimit = ConstU32<{ 10 * DAYS }>;
	/// Three blocks (18 s): the floor of any chain of this runtime, short enough to try
	/// auto-settlement on a development chain. Every other chain raises it at genesis
	/// (`local_testnet`: one hour), so that a buyer has time to react after shipping.
	type MinTimeLimit = ConstU32<3>;
	type MaxTimeLimit = ConstU32<{ 90 * DAYS }>;
	type IgnoreBuyerTimeLimit = ConstBool<false>;
	type ShipByLimit = ConstU32<{ 7 * DAYS }>;
	type ExtensionPeriod = ConstU32<{ 3 * DAYS }>;
	type MaxExtensions = ConstU32<2>;
	type RetentionPeriod = ConstU32<{ 30 * DAYS }>;
	type AgendaWeightBudget = AgendaWeightBudget;
	/// Root (sudo) on this chain; a council or a collective of arbiters in production.
	type ArbiterOrigin = frame_system::EnsureRoot<AccountId>;
	/// 0.1 ESC per dispute.
	type DisputeDeposit = ConstU128<{ 100 * MILLI_UNIT }>;
	type DisputePeriod = ConstU32<{ 14 * DAYS }>;
	type LapsedDispute = LapsedDispute;
	/// Per side.
	type MaxEvidence = ConstU32<8>;
	/// Each dispute stops the clock for at most `DisputePeriod`: three bound a hold to
	/// six weeks of disputes.
	type MaxDisputes = ConstU32<3>;
	type WeightInfo = pallet_escrow::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = EscrowBenchmarkHelper;
}

/// Registers a store for the escrow benchmarks.
#[cfg(feature = "runtime-benchmarks")]
pub struct EscrowBenchmarkHelper;
#[cfg(feature = "runtime-benchmarks")]
impl pallet_escrow::BenchmarkHelper for EscrowBenchmarkHelper {
	fn store() -> escrow_primitives::StoreId {
		use frame_support::traits::fungible::Mutate;
		let owner: AccountId = frame_benchmarking::account("store-owner", 0, 0);
		let _ = Balances::set_balance(&owner, 1_000 * UNIT);
		let name = frame_support::BoundedVec::truncate_from(b"benchmark store".to_vec());
		pallet_store_orders::Pallet::<Runtime>::do_register_store(owner.clone(), owner, name, None)
			.unwrap_or_default()
	}
}

impl pallet_store_orders::Config for Runtime {
	type RuntimeHoldReason = RuntimeHoldReason;
	type Currency = Balances;
	type Escrow = Escrow;
	/// 1 ESC per store.
	type StoreDeposit = ConstU128<UNIT>;
	type MaxNameLen = ConstU32<64>;
	type MaxOrderNumberLen = MaxOrderNumberLen;
	type MaxLogisticsLen = ConstU32<128>;
	type WeightInfo = pallet_store_orders::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = StoreOrdersBenchmarkHelper;
}

/// Opens and pays settlements through the escrow pallet for the store-orders benchmarks.
#[cfg(feature = "runtime-benchmarks")]
pub struct StoreOrdersBenchmarkHelper;
#[cfg(feature = "runtime-benchmarks")]
impl pallet_store_orders::BenchmarkHelper<AccountId, Balance> for StoreOrdersBenchmarkHelper {
	fn open_settlement(
		buyer: &AccountId,
		store: escrow_primitives::StoreId,
		order_no: &[u8],
		payee: &AccountId,
		amount: Balance,
	) -> escrow_primitives::SettlementId {
		let id = pallet_escrow::NextSettlementId::<Runtime>::get();
		let _ = Escrow::open_settlement(
			RuntimeOrigin::signed(buyer.clone()),
			store,
			frame_support::BoundedVec::truncate_from(order_no.to_vec()),
			amount,
			payee.clone().into(),
			None,
			[0; 32],
		);
		id
	}

	fn pay(id: escrow_primitives::SettlementId) -> Option<escrow_primitives::PaymentRecordId> {
		let settlement = pallet_escrow::Settlements::<Runtime>::get(id)?;
		Escrow::confirm_receipt(RuntimeOrigin::signed(settlement.buyer), id, settlement.amount)
			.ok()?;
		pallet_escrow::Settlements::<Runtime>::get(id)?.record
	}
}

impl pallet_funding::Config for Runtime {
	type RuntimeHoldReason = RuntimeHoldReason;
	type Currency = Balances;
	/// 1 ESC per top-up or credit-line offer or link, held from its creator.
	type LinkDeposit = ConstU128<UNIT>;
	type MaxLinked = ConstU32<4>;
	type MaxLenders = ConstU32<4>;
	type MaxDraws = ConstU32<8>;
	type WeightInfo = pallet_funding::weights::SubstrateWeight<Runtime>;
}
