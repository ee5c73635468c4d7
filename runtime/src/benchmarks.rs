//! The pallets the node's `benchmark pallet` command measures on this runtime (the list both
//! runtimes share, [`escrow_runtime_common::define_product_benchmarks!`]), and what the system
//! pallet's benchmarks need of this chain: nothing beyond the defaults.

use crate::Runtime;

escrow_runtime_common::define_product_benchmarks!();

impl frame_system_benchmarking::Config for Runtime {}
