//! The product's parameters and the configuration of the pallets both runtimes run the same
//! way: balances, fees, sudo and utility; the assets and fees in them; and the product's
//! pallets, escrow, store orders and funding.
//!
//! What needs no runtime is here as items: the asset kind, the fee rates, what a lapsed
//! dispute does, the agenda's share of a block. The `Config` implementations name the
//! runtime's own `Runtime` and pallets, so they are the macro
//! [`impl_product_configs!`](crate::impl_product_configs!), which a runtime expands in its
//! `configs` module: it adds a module `product` there, and re-exports it. What differs between
//! the solo chain and the parachain the macro takes from the runtime's `configs`: the block
//! weights (`RuntimeBlockWeights`) and the clock deadlines count in (`DeadlineClock`).

use frame_support::{parameter_types, traits::fungible::NativeOrWithId, weights::Weight};
use sp_runtime::{traits::One, FixedU128, Perbill};

use crate::{Balance, MILLI_UNIT};

/// An asset a settlement, a store or a funding link can be in: the native token (ESC) or an
/// asset of `pallet-assets` (on the development chain the dollar stablecoin,
/// [`STABLECOIN`](crate::STABLECOIN)).
pub type AssetKind = NativeOrWithId<u32>;

parameter_types! {
	/// The native token, as an asset.
	pub const NativeAsset: AssetKind = NativeOrWithId::Native;
}

parameter_types! {
	/// Fees do not follow the load of the chain: every block's multiplier is one.
	pub FeeMultiplier: FixedU128 = FixedU128::one();
	/// 0.000001 ESC per byte: an ordinary call of a few hundred bytes pays a fraction of its
	/// weight fee for its length, while filling a block with long arguments costs about 1 ESC
	/// per MiB.
	pub const TransactionByteFee: Balance = MILLI_UNIT / 1_000;
}

parameter_types! {
	/// A dispute the arbiter did not rule on within the dispute period goes back to its timer:
	/// without a ruling the rules the two sides agreed to stay in force.
	pub const LapsedDispute: pallet_escrow::LapseOutcome = pallet_escrow::LapseOutcome::Resume;
}

/// The auto-settlement agenda's budget in a block of at most `max_block`: a quarter of it, in
/// ref time and in proof size (which binds on a parachain, whose block proof is at most
/// `MAX_POV_SIZE`).
pub fn agenda_budget(max_block: Weight) -> Weight {
	let quarter = Perbill::from_percent(25);
	Weight::from_parts(
		quarter.mul_floor(max_block.ref_time()),
		quarter.mul_floor(max_block.proof_size()),
	)
}

/// The longest store order number, in bytes: the same on both sides.
pub use escrow_primitives::MaxOrderNumberLen;

/// The configuration of balances, fees, sudo, utility, assets, escrow, store orders and
/// funding for the runtime that expands it, as a module `product` of its `configs`, whose
/// items it re-exports. See the [crate docs](crate) for what it names of the runtime.
// It implements the runtime that expands it: `crate` is that runtime, on purpose.
#[allow(clippy::crate_in_macro_def)]
#[macro_export]
macro_rules! impl_product_configs {
	() => {
		/// The configuration both runtimes share (`escrow_runtime_common::product`).
		pub mod product {
			use frame_support::{
				parameter_types,
				traits::{
					fungible::{NativeFromLeft, NativeOrWithId, UnionOf},
					tokens::ConversionToAssetBalance,
					ConstBool, ConstU128, ConstU32, ConstU8, NeverEnsureOrigin, VariantCountOf,
				},
				weights::{ConstantMultiplier, IdentityFee, Weight},
			};
			use frame_system::EnsureRoot;
			use pallet_assets::BalanceToAssetBalance;
			use pallet_transaction_payment::{ConstFeeMultiplier, FungibleAdapter};
			use sp_runtime::traits::ConvertInto;

			#[cfg(feature = "runtime-benchmarks")]
			use crate::RuntimeOrigin;
			use crate::{
				Assets, AssetsHolder, Balances, Escrow, Funding, OriginCaller, Runtime,
				RuntimeCall, RuntimeEvent, RuntimeFreezeReason, RuntimeHoldReason, StoreOrders,
				System,
			};
			#[cfg(feature = "runtime-benchmarks")]
			use sp_runtime::DispatchResult;
			pub use $crate::product::{
				AssetKind, FeeMultiplier, LapsedDispute, MaxOrderNumberLen, NativeAsset,
				TransactionByteFee,
			};
			use $crate::{
				AccountId, Balance, DAYS, EXISTENTIAL_DEPOSIT, MILLI_UNIT, MINUTES, UNIT,
			};

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

			/// The native token and the assets as one `fungibles` trait, with transfers: what funding
			/// moves.
			pub type NativeAndAssets =
				UnionOf<Balances, Assets, NativeFromLeft, AssetKind, AccountId>;

			/// The native token and the assets as one `fungibles` trait, with holds under the runtime's
			/// hold reasons: what the escrow holds, pays out and releases. `pallet-assets-holder` keeps
			/// the holds of the assets, so holds go through it (`pallet-assets` itself has no hold
			/// traits, and the holder no transfers: hence two unions of the same two pallets).
			pub type NativeAndAssetHolds =
				UnionOf<Balances, AssetsHolder, NativeFromLeft, AssetKind, AccountId>;

			/// What fees and deposits cost in a sufficient asset: `min_balance / ExistentialDeposit` of
			/// the asset per planck of ESC (one cent of the stablecoin per 0.001 ESC, so 1 ESC = $10).
			pub type AssetFeeRate = BalanceToAssetBalance<Balances, Runtime, ConvertInto>;

			/// The escrow's deposits (set in ESC) in a settlement's asset: at par in ESC; in a sufficient
			/// asset at the rate fees are charged at ([`AssetFeeRate`]). An asset that is not sufficient
			/// has no rate: settlements cannot be paid in it.
			pub struct EscrowAssetRate;
			impl escrow_primitives::AssetRate<AssetKind, Balance> for EscrowAssetRate {
				fn from_native(asset: &AssetKind, native: Balance) -> Option<Balance> {
					match asset {
						NativeOrWithId::Native => Some(native),
						NativeOrWithId::WithId(id) => {
							AssetFeeRate::to_asset_balance(native, *id).ok()
						}
					}
				}
			}

			impl pallet_assets::Config for Runtime {
				type RuntimeEvent = RuntimeEvent;
				type Balance = Balance;
				/// Accounts or approvals one `destroy_accounts` or `destroy_approvals` call removes.
				type RemoveItemsLimit = ConstU32<1000>;
				type AssetId = u32;
				type AssetIdParameter = codec::Compact<u32>;
				type ReserveData = ();
				/// Deposits for asset classes, metadata and approvals are reserved in ESC.
				type Currency = Balances;
				/// Only root creates assets (`force_create`): a stablecoin is listed by governance, and
				/// nobody can take its id first.
				type CreateOrigin = NeverEnsureOrigin<AccountId>;
				type ForceOrigin = EnsureRoot<AccountId>;
				type AssetDeposit = ConstU128<{ 10 * UNIT }>;
				type AssetAccountDeposit = ConstU128<{ 10 * MILLI_UNIT }>;
				type MetadataDepositBase = ConstU128<{ 100 * MILLI_UNIT }>;
				type MetadataDepositPerByte = ConstU128<MILLI_UNIT>;
				type ApprovalDeposit = ConstU128<EXISTENTIAL_DEPOSIT>;
				type StringLimit = ConstU32<50>;
				type Freezer = ();
				/// Holds on asset balances, under the runtime's hold reasons.
				type Holder = AssetsHolder;
				type Extra = ();
				type CallbackHandle = ();
				type AssetIdAllocator = ();
				type WeightInfo = pallet_assets::weights::SubstrateWeight<Runtime>;
				#[cfg(feature = "runtime-benchmarks")]
				type BenchmarkHelper = ();
			}

			impl pallet_assets_holder::Config for Runtime {
				type RuntimeHoldReason = RuntimeHoldReason;
				type RuntimeEvent = RuntimeEvent;
			}

			/// Fees in a sufficient asset, for an account that holds no ESC: the ESC fee converted at
			/// [`AssetFeeRate`] and burned, as ESC fees are (`FungibleAdapter<Balances, ()>`).
			///
			/// `pallet-asset-tx-payment` rather than `pallet-asset-conversion-tx-payment`: the rate is the
			/// asset's minimum balance, set by governance when it lists the asset, so it needs no pool of
			/// ESC against every stablecoin, and the escrow's deposits use the same rate.
			impl pallet_asset_tx_payment::Config for Runtime {
				type RuntimeEvent = RuntimeEvent;
				type Fungibles = Assets;
				type OnChargeAssetTransaction =
					pallet_asset_tx_payment::FungiblesAdapter<AssetFeeRate, ()>;
				type WeightInfo = pallet_asset_tx_payment::weights::SubstrateWeight<Runtime>;
				#[cfg(feature = "runtime-benchmarks")]
				type BenchmarkHelper = AssetTxPaymentBenchmarkHelper;
			}

			/// Makes the fee asset and funds the payer for the `ChargeAssetTxPayment` benchmarks.
			#[cfg(feature = "runtime-benchmarks")]
			pub struct AssetTxPaymentBenchmarkHelper;
			#[cfg(feature = "runtime-benchmarks")]
			impl pallet_asset_tx_payment::BenchmarkHelperTrait<AccountId, u32, u32>
				for AssetTxPaymentBenchmarkHelper
			{
				fn create_asset_id_parameter(id: u32) -> (u32, u32) {
					(id, id)
				}
				fn setup_balances_and_pool(asset_id: u32, account: AccountId) {
					benchmark_fund(asset_id, &account, 1_000 * $crate::DOLLARS);
				}
			}

			/// Makes the sufficient asset `id` if it does not exist, and gives `who` `amount` of it and
			/// 1,000 ESC.
			#[cfg(feature = "runtime-benchmarks")]
			pub fn benchmark_fund(id: u32, who: &AccountId, amount: Balance) {
				use frame_support::traits::{fungible::Mutate as _, fungibles::Mutate as _};
				let owner: AccountId = frame_benchmarking::account("asset-owner", 0, 0);
				// `InUse` when it exists already: then it is used as it is.
				let _ = Assets::force_create(
					RuntimeOrigin::root(),
					id.into(),
					owner.into(),
					true,
					$crate::STABLECOIN_MIN_BALANCE,
				);
				let _ = Assets::mint_into(id, who, amount);
				let _ = Balances::set_balance(who, 1_000 * UNIT);
			}

			parameter_types! {
				/// The auto-settlement agenda may use a quarter of a block, in ref time and in proof size
				/// (which binds on a parachain, whose block proof is at most `MAX_POV_SIZE`).
				pub AgendaWeightBudget: Weight =
					$crate::product::agenda_budget(crate::configs::RuntimeBlockWeights::get().max_block);
			}

			impl pallet_escrow::Config for Runtime {
				/// The solo chain's blocks, or the relay chain's on the parachain.
				type BlockNumberProvider = crate::configs::DeadlineClock;
				type RuntimeHoldReason = RuntimeHoldReason;
				type Assets = NativeAndAssetHolds;
				type NativeAsset = NativeAsset;
				type AssetRate = EscrowAssetRate;
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
				/// Per side. Each dispute stops the clock for at most `DisputePeriod`; the pause
				/// allowance bounds them all together.
				type MaxDisputes = ConstU32<3>;
				/// Two days for the store to answer a refund request; a silent store's is granted then.
				/// The development chain shortens the after-sales periods at genesis.
				type RefundResponsePeriod = ConstU32<{ 2 * DAYS }>;
				/// A week for the buyer to ship a return the store asked for.
				type ReturnShipPeriod = ConstU32<{ 7 * DAYS }>;
				/// Two weeks for the store to confirm a return it received.
				type ReturnReceivePeriod = ConstU32<{ 14 * DAYS }>;
				/// As the store side's carrier references (`MaxLogisticsLen`).
				type MaxReturnLogisticsLen = ConstU32<128>;
				/// Six weeks of questions (three disputes of two weeks, or a refund request at its
				/// longest and a dispute) given back to a shipped settlement's clock in all. With the
				/// extensions and one last question it bounds a payout to 10 + 6 + 42 + 23 + 14 days
				/// after shipping at the default rule (`Escrow::latest_payout`).
				type PauseAllowance = ConstU32<{ 42 * DAYS }>;
				/// Three days for a store to accept an order's payment; then it goes back to the buyer.
				type AcceptancePeriod = ConstU32<{ 3 * DAYS }>;
				/// A failed agenda task is tried again after a minute, then two, four, … at most a day.
				type RetryDelay = ConstU32<MINUTES>;
				type MaxRetryDelay = ConstU32<DAYS>;
				type WeightInfo = crate::weights::pallet_escrow::WeightInfo<Runtime>;
				#[cfg(feature = "runtime-benchmarks")]
				type BenchmarkHelper = EscrowBenchmarkHelper;
			}

			/// Registers a store for the escrow benchmarks.
			#[cfg(feature = "runtime-benchmarks")]
			pub struct EscrowBenchmarkHelper;
			#[cfg(feature = "runtime-benchmarks")]
			impl pallet_funding::BenchmarkHelper<AccountId, AssetKind, Balance>
				for EscrowBenchmarkHelper
			{
				fn asset() -> AssetKind {
					NativeOrWithId::WithId($crate::STABLECOIN)
				}

				fn fund(who: &AccountId, amount: Balance) {
					benchmark_fund($crate::STABLECOIN, who, amount);
				}
			}

			#[cfg(feature = "runtime-benchmarks")]
			impl pallet_escrow::BenchmarkHelper<AccountId, AssetKind, Balance>
				for EscrowBenchmarkHelper
			{
				fn store() -> escrow_primitives::StoreId {
					register_benchmark_store(frame_benchmarking::account("store-owner", 0, 0))
				}

				/// The store of owner `store-owner` number `i + 1`, paying its owner: registered the first
				/// time it is asked for.
				fn store_of(i: u32) -> (escrow_primitives::StoreId, AccountId) {
					let owner: AccountId =
						frame_benchmarking::account("store-owner", i.saturating_add(1), 0);
					let known = pallet_store_orders::Stores::<Runtime>::iter()
						.find(|(_, s)| s.owner == owner);
					let store = match known {
						Some((store, _)) => store,
						None => register_benchmark_store(owner.clone()),
					};
					(store, owner)
				}

				/// Through `StoreOrders::accept_payment` and `mark_shipped`, signed by the store's owner.
				fn accept_and_ship(
					id: escrow_primitives::SettlementId,
					amount: Balance,
				) -> DispatchResult {
					let settlement = pallet_escrow::Settlements::<Runtime>::get(id)
						.ok_or(pallet_escrow::Error::<Runtime>::UnknownSettlement)?;
					let owner = pallet_store_orders::Stores::<Runtime>::get(settlement.store)
						.ok_or(pallet_store_orders::Error::<Runtime>::UnknownStore)?
						.owner;
					let order_no = settlement.order_no;
					StoreOrders::accept_payment(
						RuntimeOrigin::signed(owner.clone()),
						settlement.store,
						order_no.clone(),
						id,
						amount,
						settlement.snapshot,
						settlement.time_limit,
					)?;
					StoreOrders::mark_shipped(
						RuntimeOrigin::signed(owner),
						settlement.store,
						order_no,
						frame_support::BoundedVec::truncate_from(b"benchmark".to_vec()),
					)
				}

				/// The stablecoin: its holds (in `pallet-assets` and its holder) cost more than ESC's.
				/// Through the store side's own record, as `update_store` would set it.
				fn set_payout(store: escrow_primitives::StoreId, payee: &AccountId) {
					pallet_store_orders::Stores::<Runtime>::mutate(store, |info| {
						if let Some(info) = info {
							info.payout = payee.clone();
						}
					});
				}

				fn asset() -> AssetKind {
					NativeOrWithId::WithId($crate::STABLECOIN)
				}

				fn fund(who: &AccountId, asset: &AssetKind, amount: Balance) {
					use frame_support::traits::fungible::Mutate as _;
					match asset {
						NativeOrWithId::Native => {
							let _ = Balances::set_balance(who, amount);
						}
						NativeOrWithId::WithId(id) => benchmark_fund(*id, who, amount),
					}
				}
			}

			/// Registers a store owned and paid out by `owner`, accepting ESC and the stablecoin, with
			/// $1,000 for its owner.
			#[cfg(feature = "runtime-benchmarks")]
			fn register_benchmark_store(owner: AccountId) -> escrow_primitives::StoreId {
				benchmark_fund($crate::STABLECOIN, &owner, 1_000 * $crate::DOLLARS);
				let name = frame_support::BoundedVec::truncate_from(b"benchmark store".to_vec());
				let assets = frame_support::BoundedVec::truncate_from(alloc::vec![
					NativeOrWithId::Native,
					NativeOrWithId::WithId($crate::STABLECOIN),
				]);
				let store = pallet_store_orders::Pallet::<Runtime>::do_register_store(
					owner.clone(),
					owner.clone(),
					name.clone(),
					None,
					assets,
				)
				.unwrap_or_default();
				// In a marketplace of its own at the highest rate, paid to a fee account of its
				// own that does not exist yet: each payout the escrow benchmarks measure pays a
				// commission, the first to a store creates its fee account with it, and the
				// auto-settlements to as many stores pay as many fresh fee accounts (the
				// agenda charges such a payout as one to an account it has not paid yet).
				let operator: AccountId = frame_benchmarking::account("operator", store, 0);
				let fee: AccountId = frame_benchmarking::account("fee", store, 0);
				{
					use frame_support::traits::fungible::Mutate as _;
					let _ = Balances::set_balance(&operator, 1_000 * UNIT);
				}
				let market = pallet_store_orders::Pallet::<Runtime>::do_register_marketplace(
					operator, name, 3_000, fee,
				)
				.unwrap_or_default();
				pallet_store_orders::MarketplaceOfStore::<Runtime>::insert(
					store,
					pallet_store_orders::Membership { marketplace: market, rate: 3_000 },
				);
				store
			}

			impl pallet_store_orders::Config for Runtime {
				type RuntimeHoldReason = RuntimeHoldReason;
				type Currency = Balances;
				type AssetId = AssetKind;
				/// A store lists at most four assets: the chain's token and a few stablecoins.
				type MaxAssets = ConstU32<4>;
				type NativeAsset = NativeAsset;
				type Escrow = Escrow;
				/// 1 ESC per store.
				type StoreDeposit = ConstU128<UNIT>;
				type MaxNameLen = ConstU32<64>;
				type MaxOrderNumberLen = MaxOrderNumberLen;
				type MaxLogisticsLen = ConstU32<128>;
				/// The transactions' own signatures: a store signs its payment requests with the
				/// key it signs transactions with (sr25519, ed25519 or ECDSA).
				type OffchainSignature = $crate::Signature;
				type SigningPublicKey = <$crate::Signature as sp_runtime::traits::Verify>::Signer;
				/// A week, in the escrow's clock: well inside the 30 days before an order is pruned.
				type MaxRequestValidity = ConstU32<{ 7 * DAYS }>;
				/// 10 ESC per marketplace.
				type MarketplaceDeposit = ConstU128<{ 10 * UNIT }>;
				/// 30% of a payout at most.
				type MaxCommission = frame_support::traits::ConstU16<3_000>;
				type WeightInfo = crate::weights::pallet_store_orders::WeightInfo<Runtime>;
				#[cfg(feature = "runtime-benchmarks")]
				type BenchmarkHelper = StoreOrdersBenchmarkHelper;
			}

			/// The key type of the keys the store-orders benchmarks sign payment requests with.
			#[cfg(feature = "runtime-benchmarks")]
			const BENCHMARK_KEY: sp_core::crypto::KeyTypeId = sp_core::crypto::KeyTypeId(*b"escr");

			/// Opens and pays settlements through the escrow pallet for the store-orders benchmarks.
			#[cfg(feature = "runtime-benchmarks")]
			pub struct StoreOrdersBenchmarkHelper;
			#[cfg(feature = "runtime-benchmarks")]
			impl
				pallet_store_orders::BenchmarkHelper<
					AccountId,
					AssetKind,
					Balance,
					$crate::BlockNumber,
					$crate::Signature,
				> for StoreOrdersBenchmarkHelper
			{
				/// A new ECDSA key in the benchmark's keystore: of the schemes a `MultiSignature`
				/// takes, the dearest to check (a public-key recovery and two hashes).
				fn signer() -> AccountId {
					use sp_runtime::{
						app_crypto::RuntimePublic as _, traits::IdentifyAccount as _,
					};
					let key = sp_core::ecdsa::Public::generate_pair(BENCHMARK_KEY, None);
					sp_runtime::MultiSigner::from(key).into_account()
				}

				/// Signs with the keystore's ECDSA key whose account is `signer`.
				fn sign(signer: &AccountId, message: &[u8]) -> $crate::Signature {
					use sp_runtime::{
						app_crypto::RuntimePublic as _, traits::IdentifyAccount as _,
					};
					sp_core::ecdsa::Public::all(BENCHMARK_KEY)
						.into_iter()
						.find(|key| sp_runtime::MultiSigner::from(*key).into_account() == *signer)
						.and_then(|key| key.sign(BENCHMARK_KEY, &message))
						.unwrap_or_else(|| sp_core::ecdsa::Signature::from_raw([0; 65]))
						.into()
				}

				fn fund(who: &AccountId, asset: &AssetKind, amount: Balance) {
					use frame_support::traits::fungible::Mutate as _;
					let _ = Balances::set_balance(who, 1_000 * UNIT);
					if let NativeOrWithId::WithId(id) = asset {
						benchmark_fund(*id, who, amount);
					}
				}

				/// The stablecoin first (the dearest to settle in), then ESC and two more sufficient
				/// assets, made here: `MaxAssets` in all.
				fn assets() -> alloc::vec::Vec<AssetKind> {
					let owner: AccountId = frame_benchmarking::account("asset-owner", 0, 0);
					for id in [$crate::STABLECOIN, 2, 3] {
						benchmark_fund(id, &owner, 1_000 * $crate::DOLLARS);
					}
					alloc::vec![
						NativeOrWithId::WithId($crate::STABLECOIN),
						NativeOrWithId::Native,
						NativeOrWithId::WithId(2),
						NativeOrWithId::WithId(3),
					]
				}

				fn terms(id: escrow_primitives::SettlementId) -> ([u8; 32], $crate::BlockNumber) {
					pallet_escrow::Settlements::<Runtime>::get(id)
						.map_or(([0; 32], 0), |s| (s.snapshot, s.time_limit))
				}

				fn open_settlement(
					buyer: &AccountId,
					store: escrow_primitives::StoreId,
					order_no: &[u8],
					payee: &AccountId,
					asset: &AssetKind,
					amount: Balance,
				) -> escrow_primitives::SettlementId {
					if let NativeOrWithId::WithId(id) = asset {
						benchmark_fund(*id, buyer, amount.saturating_mul(2));
					}
					let id = pallet_escrow::NextSettlementId::<Runtime>::get();
					let _ = Escrow::open_settlement(
						RuntimeOrigin::signed(buyer.clone()),
						store,
						frame_support::BoundedVec::truncate_from(order_no.to_vec()),
						asset.clone(),
						amount,
						payee.clone().into(),
						None,
						[0; 32],
					);
					id
				}

				fn pay(
					id: escrow_primitives::SettlementId,
				) -> Option<escrow_primitives::PaymentRecordId> {
					let settlement = pallet_escrow::Settlements::<Runtime>::get(id)?;
					Escrow::confirm_receipt(
						RuntimeOrigin::signed(settlement.buyer),
						id,
						settlement.amount,
					)
					.ok()?;
					pallet_escrow::Settlements::<Runtime>::get(id)?.record
				}
			}

			impl pallet_funding::Config for Runtime {
				type RuntimeHoldReason = RuntimeHoldReason;
				type Currency = Balances;
				type Assets = NativeAndAssets;
				type NativeAsset = NativeAsset;
				/// 1 ESC per top-up or credit-line offer or link, held from its creator.
				type LinkDeposit = ConstU128<UNIT>;
				type MaxLinked = ConstU32<4>;
				type MaxLenders = ConstU32<4>;
				type MaxDraws = ConstU32<8>;
				type WeightInfo = crate::weights::pallet_funding::WeightInfo<Runtime>;
				#[cfg(feature = "runtime-benchmarks")]
				type BenchmarkHelper = EscrowBenchmarkHelper;
			}
		}
		pub use product::*;
	};
}
