//! The runtime APIs both runtimes answer alike: the escrow's queries (`EscrowApi`), and what
//! every FRAME chain's node and wallets call of a runtime (its version and metadata, block
//! building, the transaction pool, Aura, session keys, nonces, fees, genesis presets, and
//! under their features `TryRuntime` and the benchmarks).

/// The names the shared implementations use, imported by
/// [`impl_runtime_apis_with_product!`](crate::impl_runtime_apis_with_product!)
/// as a glob, so that a runtime's own imports of the same names take precedence and never
/// clash with them.
pub mod prelude {
	pub use alloc::vec::Vec;
	pub use escrow_primitives::{PaymentRecordId, SettlementId, StoreId};
	pub use frame_support::{genesis_builder_helper, weights::Weight};
	pub use pallet_escrow::{PaymentRecordOf, SettlementOf};
	pub use sp_consensus_aura::sr25519::AuthorityId as AuraId;
	pub use sp_core::{crypto::KeyTypeId, OpaqueMetadata};
	pub use sp_runtime::{
		traits::Block as BlockT,
		transaction_validity::{TransactionSource, TransactionValidity},
		ApplyExtrinsicResult,
	};
	pub use sp_version::RuntimeVersion;
}

/// `sp_api::impl_runtime_apis!` with the implementations both runtimes share and the
/// runtime's own, given to it (the solo chain's GRANDPA, the parachain's collation APIs).
///
/// It is expanded in the runtime's `apis` module and names the runtime's items as that
/// module has them in scope: `Runtime`, `Block`, `Executive`, `System`, `Aura`,
/// `TransactionPayment`, `AccountId`, `Balance`, `Nonce`, `RuntimeCall`,
/// `RuntimeGenesisConfig`, `SessionKeys`, `VERSION` and `InherentDataExt`; and through
/// `crate::` its `genesis_config_presets`, `configs::RuntimeBlockWeights` and, with the
/// benchmarks, the `list_benchmarks!` and `add_benchmarks!` of its `benchmarks` module (and
/// its `frame_system_benchmarking::Config`).
// It implements the runtime that expands it: `crate` is that runtime, on purpose.
#[allow(clippy::crate_in_macro_def)]
#[macro_export]
macro_rules! impl_runtime_apis_with_product {
	($($own:tt)*) => {
		#[allow(unused_imports)]
		use $crate::apis::prelude::*;

		sp_api::impl_runtime_apis! {
			impl escrow_primitives::api::EscrowApi<
				Block,
				AccountId,
				SettlementOf<Runtime>,
				PaymentRecordOf<Runtime>,
				$crate::queries::StoreOrderDetails<Runtime>,
			> for Runtime {
				fn settlement(id: SettlementId) -> Option<SettlementOf<Runtime>> {
					$crate::queries::settlement::<Runtime>(id)
				}

				fn buyer_settlements(
					buyer: AccountId,
					cursor: Option<SettlementId>,
					limit: u32,
				) -> Vec<(SettlementId, SettlementOf<Runtime>)> {
					$crate::queries::buyer_settlements::<Runtime>(buyer, cursor, limit)
				}

				fn store_settlements(
					store: StoreId,
					cursor: Option<SettlementId>,
					limit: u32,
				) -> Vec<(SettlementId, SettlementOf<Runtime>)> {
					$crate::queries::store_settlements::<Runtime>(store, cursor, limit)
				}

				fn payment_record(id: PaymentRecordId) -> Option<PaymentRecordOf<Runtime>> {
					$crate::queries::payment_record::<Runtime>(id)
				}

				fn store_order(store: StoreId, order_no: Vec<u8>) -> Option<$crate::queries::StoreOrderDetails<Runtime>> {
					$crate::queries::store_order::<Runtime>(store, order_no)
				}
			}

			impl sp_api::Core<Block> for Runtime {
				fn version() -> RuntimeVersion {
					VERSION
				}

				fn execute_block(block: <Block as BlockT>::LazyBlock) {
					Executive::execute_block(block);
				}

				fn initialize_block(header: &<Block as BlockT>::Header) -> sp_runtime::ExtrinsicInclusionMode {
					Executive::initialize_block(header)
				}
			}

			impl sp_api::Metadata<Block> for Runtime {
				fn metadata() -> OpaqueMetadata {
					OpaqueMetadata::new(Runtime::metadata().into())
				}

				fn metadata_at_version(version: u32) -> Option<OpaqueMetadata> {
					Runtime::metadata_at_version(version)
				}

				fn metadata_versions() -> Vec<u32> {
					Runtime::metadata_versions()
				}
			}

			impl sp_block_builder::BlockBuilder<Block> for Runtime {
				fn apply_extrinsic(extrinsic: <Block as BlockT>::Extrinsic) -> ApplyExtrinsicResult {
					Executive::apply_extrinsic(extrinsic)
				}

				fn finalize_block() -> <Block as BlockT>::Header {
					Executive::finalize_block()
				}

				fn inherent_extrinsics(data: sp_inherents::InherentData) -> Vec<<Block as BlockT>::Extrinsic> {
					data.create_extrinsics()
				}

				fn check_inherents(
					block: <Block as BlockT>::LazyBlock,
					data: sp_inherents::InherentData,
				) -> sp_inherents::CheckInherentsResult {
					data.check_extrinsics(&block)
				}
			}

			impl sp_transaction_pool::runtime_api::TaggedTransactionQueue<Block> for Runtime {
				fn validate_transaction(
					source: TransactionSource,
					tx: <Block as BlockT>::Extrinsic,
					block_hash: <Block as BlockT>::Hash,
				) -> TransactionValidity {
					Executive::validate_transaction(source, tx, block_hash)
				}
			}

			impl sp_offchain::OffchainWorkerApi<Block> for Runtime {
				fn offchain_worker(header: &<Block as BlockT>::Header) {
					Executive::offchain_worker(header)
				}
			}

			impl sp_consensus_aura::AuraApi<Block, AuraId> for Runtime {
				fn slot_duration() -> sp_consensus_aura::SlotDuration {
					sp_consensus_aura::SlotDuration::from_millis(Aura::slot_duration())
				}

				fn authorities() -> Vec<AuraId> {
					pallet_aura::Authorities::<Runtime>::get().into_inner()
				}
			}

			impl sp_session::SessionKeys<Block> for Runtime {
				fn generate_session_keys(
					owner: Vec<u8>,
					seed: Option<Vec<u8>>,
				) -> sp_session::OpaqueGeneratedSessionKeys {
					SessionKeys::generate(&owner, seed).into()
				}

				fn decode_session_keys(encoded: Vec<u8>) -> Option<Vec<(Vec<u8>, KeyTypeId)>> {
					SessionKeys::decode_into_raw_public_keys(&encoded)
				}
			}

			impl frame_system_rpc_runtime_api::AccountNonceApi<Block, AccountId, Nonce> for Runtime {
				fn account_nonce(account: AccountId) -> Nonce {
					System::account_nonce(account)
				}
			}

			impl pallet_transaction_payment_rpc_runtime_api::TransactionPaymentApi<Block, Balance> for Runtime {
				fn query_info(
					uxt: <Block as BlockT>::Extrinsic,
					len: u32,
				) -> pallet_transaction_payment_rpc_runtime_api::RuntimeDispatchInfo<Balance> {
					TransactionPayment::query_info(uxt, len)
				}
				fn query_fee_details(
					uxt: <Block as BlockT>::Extrinsic,
					len: u32,
				) -> pallet_transaction_payment::FeeDetails<Balance> {
					TransactionPayment::query_fee_details(uxt, len)
				}
				fn query_weight_to_fee(weight: Weight) -> Balance {
					TransactionPayment::weight_to_fee(weight)
				}
				fn query_length_to_fee(length: u32) -> Balance {
					TransactionPayment::length_to_fee(length)
				}
			}

			impl pallet_transaction_payment_rpc_runtime_api::TransactionPaymentCallApi<Block, Balance, RuntimeCall>
				for Runtime
			{
				fn query_call_info(
					call: RuntimeCall,
					len: u32,
				) -> pallet_transaction_payment::RuntimeDispatchInfo<Balance> {
					TransactionPayment::query_call_info(call, len)
				}
				fn query_call_fee_details(
					call: RuntimeCall,
					len: u32,
				) -> pallet_transaction_payment::FeeDetails<Balance> {
					TransactionPayment::query_call_fee_details(call, len)
				}
				fn query_weight_to_fee(weight: Weight) -> Balance {
					TransactionPayment::weight_to_fee(weight)
				}
				fn query_length_to_fee(length: u32) -> Balance {
					TransactionPayment::length_to_fee(length)
				}
			}

			impl sp_genesis_builder::GenesisBuilder<Block> for Runtime {
				fn build_state(config: Vec<u8>) -> sp_genesis_builder::Result {
					genesis_builder_helper::build_state::<RuntimeGenesisConfig>(config)
				}

				fn get_preset(id: &Option<sp_genesis_builder::PresetId>) -> Option<Vec<u8>> {
					genesis_builder_helper::get_preset::<RuntimeGenesisConfig>(id, crate::genesis_config_presets::get_preset)
				}

				fn preset_names() -> Vec<sp_genesis_builder::PresetId> {
					crate::genesis_config_presets::preset_names()
				}
			}

			/// Runs the migrations and every pallet's `try_state` against a live chain's state
			/// (`try-runtime on-runtime-upgrade live`), or a block with the checks chosen.
			#[cfg(feature = "try-runtime")]
			impl frame_try_runtime::TryRuntime<Block> for Runtime {
				fn on_runtime_upgrade(checks: frame_try_runtime::UpgradeCheckSelect) -> (Weight, Weight) {
					// A failed check must stop the tool: this runs only under try-runtime, never on
					// chain.
					#[allow(clippy::expect_used)]
					let weight = Executive::try_runtime_upgrade(checks)
						.expect("the migrations and their checks pass");
					(weight, crate::configs::RuntimeBlockWeights::get().max_block)
				}

				fn execute_block(
					block: <Block as BlockT>::LazyBlock,
					state_root_check: bool,
					signature_check: bool,
					select: frame_try_runtime::TryStateSelect,
				) -> Weight {
					#[allow(clippy::expect_used)]
					Executive::try_execute_block(block, state_root_check, signature_check, select)
						.expect("the block executes and its checks pass")
				}
			}

			#[cfg(feature = "runtime-benchmarks")]
			impl frame_benchmarking::Benchmark<Block> for Runtime {
				fn benchmark_metadata(extra: bool) -> (
					Vec<frame_benchmarking::BenchmarkList>,
					Vec<frame_support::traits::StorageInfo>,
				) {
					use frame_benchmarking::{baseline::Pallet as BaselineBench, BenchmarkList};
					use frame_support::traits::StorageInfoTrait;
					use frame_system_benchmarking::Pallet as SystemBench;
					use frame_system_benchmarking::extensions::Pallet as SystemExtensionsBench;
					use super::*;

					let mut list = Vec::<BenchmarkList>::new();
					list_benchmarks!(list, extra);
					(list, AllPalletsWithSystem::storage_info())
				}

				#[allow(non_local_definitions)]
				fn dispatch_benchmark(
					config: frame_benchmarking::BenchmarkConfig,
				) -> Result<Vec<frame_benchmarking::BenchmarkBatch>, alloc::string::String> {
					use frame_benchmarking::{baseline::{self, Pallet as BaselineBench}, BenchmarkBatch};
					use frame_support::traits::WhitelistedStorageKeys;
					use frame_system_benchmarking::Pallet as SystemBench;
					use frame_system_benchmarking::extensions::Pallet as SystemExtensionsBench;
					use sp_storage::TrackedStorageKey;
					use super::*;

					impl baseline::Config for Runtime {}

					let whitelist: Vec<TrackedStorageKey> =
						AllPalletsWithSystem::whitelisted_storage_keys();
					let mut batches = Vec::<BenchmarkBatch>::new();
					let params = (&config, &whitelist);
					add_benchmarks!(params, batches);
					Ok(batches)
				}
			}

			$($own)*
		}
	};
}

/// The pallets the node's `benchmark pallet` command measures on a runtime: escrow-chain's
/// own, the assets and fees in them, frame-system's transaction extensions (which every
/// extrinsic pays), and `pallet_balances`, so that every call can be compared
/// with a keep-alive transfer measured in the same run. Expanded in the runtime's
/// `benchmarks` module, it defines the `list_benchmarks!` and `add_benchmarks!` that
/// [`impl_runtime_apis_with_product!`]'s benchmark API calls.
#[macro_export]
macro_rules! define_product_benchmarks {
	() => {
		frame_benchmarking::define_benchmarks!(
			[frame_benchmarking, BaselineBench::<Runtime>]
			[frame_system, SystemBench::<Runtime>]
			[frame_system_extensions, SystemExtensionsBench::<Runtime>]
			[pallet_balances, Balances]
			[pallet_escrow, Escrow]
			[pallet_store_orders, StoreOrders]
			[pallet_funding, Funding]
			[pallet_assets, Assets]
			[pallet_asset_tx_payment, AssetTxPayment]
		);
	};
}
