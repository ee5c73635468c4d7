//! The node's client types: the runtime's executor and host functions, the database, the
//! transaction pool and the block import. The service assembles them; the sealing engine and
//! the commands use them.

use escrow_chain_runtime::{apis::RuntimeApi, opaque::Block};

/// The host functions the runtime may call: Substrate's, and in a node built with the
/// benchmarks (`--features runtime-benchmarks`) those that `benchmark storage` needs too.
#[cfg(not(feature = "runtime-benchmarks"))]
pub type HostFunctions = sp_io::SubstrateHostFunctions;
#[cfg(feature = "runtime-benchmarks")]
pub type HostFunctions =
	(sp_io::SubstrateHostFunctions, frame_benchmarking::benchmarking::HostFunctions);

/// The client: the chain's database and the runtime, run by the Wasm executor.
pub type FullClient =
	sc_service::TFullClient<Block, RuntimeApi, sc_executor::WasmExecutor<HostFunctions>>;
/// The database.
pub type FullBackend = sc_service::TFullBackend<Block>;
/// The best chain: the longest.
pub type FullSelectChain = sc_consensus::LongestChain<FullBackend, Block>;
/// The transaction pool.
pub type FullPool = sc_transaction_pool::TransactionPoolHandle<Block, FullClient>;
/// Block import, through GRANDPA's (which tracks the authority set).
pub type FullBlockImport =
	sc_consensus_grandpa::GrandpaBlockImport<FullBackend, Block, FullClient, FullSelectChain>;
