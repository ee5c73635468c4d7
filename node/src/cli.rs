//! The command line: `escrow-chain-node [SUBCOMMAND] [OPTIONS]`, and the sealing modes of a
//! development node (`--sealing`, run by [`crate::sealing`]).

/// The node's command line. Without a subcommand it runs the node.
#[derive(Debug, clap::Parser)]
pub struct Cli {
	#[command(subcommand)]
	pub subcommand: Option<Subcommand>,

	#[clap(flatten)]
	pub run: sc_cli::RunCmd,

	/// Make blocks on demand instead of with Aura and GRANDPA, on the development chain only:
	/// `instant` makes a block for each transaction (finalized at once), `manual` makes one
	/// when the `engine_createBlock` RPC asks. `engine_createBlock` works in both.
	#[arg(long, value_enum)]
	pub sealing: Option<Sealing>,
}

/// How a development node makes its blocks (`--sealing`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Sealing {
	/// A block for each transaction that enters the pool, finalized at once.
	Instant,
	/// A block only when the `engine_createBlock` RPC asks.
	Manual,
}

/// What else the node can do.
#[derive(Debug, clap::Subcommand)]
#[allow(clippy::large_enum_variant)]
pub enum Subcommand {
	/// Key management utilities.
	#[command(subcommand)]
	Key(sc_cli::KeySubcommand),

	/// Export a chain specification (`--chain dev|local|PATH`) as JSON.
	ExportChainSpec(sc_cli::ExportChainSpecCmd),

	/// Validate blocks.
	CheckBlock(sc_cli::CheckBlockCmd),

	/// Export blocks.
	ExportBlocks(sc_cli::ExportBlocksCmd),

	/// Export the state of a given block into a chain spec.
	ExportState(sc_cli::ExportStateCmd),

	/// Import blocks.
	ImportBlocks(sc_cli::ImportBlocksCmd),

	/// Remove the whole chain.
	PurgeChain(sc_cli::PurgeChainCmd),

	/// Revert the chain to a previous state.
	Revert(sc_cli::RevertCmd),

	/// Database meta columns information.
	ChainInfo(sc_cli::ChainInfoCmd),

	/// Benchmark the runtime on this machine: `benchmark pallet` (the pallets' calls),
	/// `overhead` (a block's and an extrinsic's base weight), `storage` (the database's read
	/// and write weights) and `machine` (this machine against the reference hardware). See
	/// `scripts/bench-weights.sh`. Only in a node built with `--features runtime-benchmarks`.
	#[cfg(feature = "runtime-benchmarks")]
	#[command(subcommand)]
	Benchmark(frame_benchmarking_cli::BenchmarkCmd),
}
