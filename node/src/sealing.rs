//! Blocks on demand for a development chain: `--sealing instant` and `--sealing manual`.
//!
//! Without `--sealing` the node makes a block every slot with Aura and finalizes with GRANDPA,
//! as every validator of a real network does. A developer who tries calls or runs tests wants
//! blocks when there is something to put in them, and deadlines reached in milliseconds rather
//! than minutes. With `--sealing`, Aura and GRANDPA do not run; the manual-seal engine makes
//! each block instead:
//!
//! - `instant`: a block as soon as a transaction enters the pool, finalized at once;
//! - `manual`: a block only when `engine_createBlock(createEmpty, finalize, parentHash)` asks,
//!   finalized when that call says so or when `engine_finalizeBlock(hash)` asks.
//!
//! `engine_createBlock` works in both modes, so a test on an instant chain moves to a deadline
//! by asking for empty blocks. The runtime is the same as on the Aura chain: each block carries
//! an Aura pre-digest with its slot and a timestamp at the start of that slot. The slot is the
//! current time's, or the parent's plus one when blocks come faster than one a slot (the chain's
//! clock then runs ahead of the wall clock, as a test that asks for 100 blocks expects).

use crate::{
	cli::Sealing,
	client::{FullBlockImport, FullClient, FullPool, FullSelectChain},
};
use escrow_chain_runtime::opaque::Block;
use futures::{channel::mpsc, stream, StreamExt};
use sc_consensus_manual_seal::{
	consensus::aura::AuraConsensusDataProvider, EngineCommand, ManualSealParams,
};
use sc_transaction_pool_api::TransactionPool;
use sp_consensus_aura::{sr25519::AuthoritySignature, Slot, SlotDuration};
use sp_runtime::traits::Block as BlockT;
use std::{sync::Arc, time::SystemTime};

/// The commands of the `engine_*` RPC methods.
pub type Command = EngineCommand<<Block as BlockT>::Hash>;

/// Room for RPC commands not yet taken by the engine; a caller past it waits.
const COMMAND_QUEUE: usize = 1024;

/// The channel from the `engine_*` RPC methods to the engine.
pub fn command_channel() -> (mpsc::Sender<Command>, mpsc::Receiver<Command>) {
	mpsc::channel(COMMAND_QUEUE)
}

/// The timestamp of a block whose parent was made in `parent_slot`: the start of the current
/// slot, or of the slot after the parent's if that is later.
fn next_timestamp(parent_slot: Slot, slot_duration: SlotDuration, now_ms: u64) -> u64 {
	let millis = slot_duration.as_millis().max(1);
	let now_slot = now_ms / millis;
	now_slot.max(u64::from(parent_slot).saturating_add(1)).saturating_mul(millis)
}

/// Starts the engine that makes this node's blocks in `mode`, taking `commands` from the RPC.
pub fn start(
	mode: Sealing,
	task_manager: &sc_service::TaskManager,
	client: Arc<FullClient>,
	pool: Arc<FullPool>,
	block_import: FullBlockImport,
	select_chain: FullSelectChain,
	commands: mpsc::Receiver<Command>,
	prometheus_registry: Option<&prometheus_endpoint::Registry>,
	telemetry: Option<sc_telemetry::TelemetryHandle>,
) -> Result<(), sc_service::Error> {
	let proposer_factory = sc_basic_authorship::ProposerFactory::new(
		task_manager.spawn_handle(),
		client.clone(),
		pool.clone(),
		prometheus_registry,
		telemetry,
	);
	let slot_duration = sc_consensus_aura::slot_duration(&*client)?;
	let commands_stream: Box<dyn futures::Stream<Item = Command> + Send + Unpin> = match mode {
		Sealing::Manual => Box::new(commands),
		Sealing::Instant => {
			let on_transaction =
				pool.import_notification_stream().map(|_| EngineCommand::SealNewBlock {
					create_empty: false,
					finalize: true,
					parent_hash: None,
					sender: None,
				});
			Box::new(stream::select(on_transaction, commands))
		}
	};

	let cidp_client = client.clone();
	let engine = sc_consensus_manual_seal::run_manual_seal(ManualSealParams {
		block_import,
		env: proposer_factory,
		client: client.clone(),
		pool,
		commands_stream,
		select_chain,
		consensus_data_provider: Some(Box::new(AuraConsensusDataProvider::new_with_slot_duration(
			slot_duration,
		))),
		create_inherent_data_providers: move |parent_hash, ()| {
			let client = cidp_client.clone();
			async move {
				let parent = client
					.header(parent_hash)?
					.ok_or_else(|| format!("the parent block {parent_hash} is not known"))?;
				// The genesis block has no Aura digest: its children start at the current slot.
				let parent_slot =
					sc_consensus_aura::find_pre_digest::<Block, AuthoritySignature>(&parent)
						.unwrap_or(Slot::from(0));
				let now_ms = SystemTime::now()
					.duration_since(SystemTime::UNIX_EPOCH)
					.map(|elapsed| u64::try_from(elapsed.as_millis()).unwrap_or(u64::MAX))
					.unwrap_or_default();
				let timestamp = next_timestamp(parent_slot, slot_duration, now_ms);
				Ok(sp_timestamp::InherentDataProvider::new(timestamp.into()))
			}
		},
	});
	// Block production is essential: if it fails, the node stops.
	task_manager.spawn_essential_handle().spawn_blocking(
		"manual-seal",
		Some("block-authoring"),
		engine,
	);
	Ok(())
}

#[cfg(test)]
mod tests {
	use super::*;

	const SIX_SECONDS: SlotDuration = SlotDuration::from_millis(6000);

	#[test]
	fn an_idle_chain_follows_the_wall_clock() {
		// Parent made long ago: the block is stamped at the start of the current slot.
		assert_eq!(next_timestamp(Slot::from(10), SIX_SECONDS, 600_500), 600_000);
	}

	#[test]
	fn blocks_faster_than_a_slot_each_take_the_next_slot() {
		// The parent is in the current slot (or ahead of it): the next slot, whole.
		assert_eq!(next_timestamp(Slot::from(100), SIX_SECONDS, 600_500), 606_000);
		assert_eq!(next_timestamp(Slot::from(150), SIX_SECONDS, 600_500), 906_000);
	}

	#[test]
	fn the_first_block_after_genesis_takes_the_current_slot() {
		assert_eq!(next_timestamp(Slot::from(0), SIX_SECONDS, 600_500), 600_000);
	}
}
