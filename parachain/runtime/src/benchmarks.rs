//! The pallets the node's `benchmark pallet` command measures on this runtime, the list both
//! runtimes share ([`escrow_runtime_common::define_product_benchmarks!`],
//! `scripts/bench-parachain.sh`), and what the system pallet's `set_code` benchmark needs of a
//! parachain: the validation function stored, for the relay chain to check.

use alloc::vec::Vec;

use crate::{ParachainSystem, Runtime, System};

escrow_runtime_common::define_product_benchmarks!();

impl frame_system_benchmarking::Config for Runtime {
	fn setup_set_code_requirements(
		code: &Vec<u8>,
	) -> Result<(), frame_benchmarking::BenchmarkError> {
		ParachainSystem::initialize_for_set_code_benchmark(code.len() as u32);
		Ok(())
	}

	fn verify_set_code() {
		System::assert_last_event(
			cumulus_pallet_parachain_system::Event::<Runtime>::ValidationFunctionStored.into(),
		);
	}
}
