//! The node's own JSON-RPC methods, beside Substrate's standard ones: account nonces
//! (`system_accountNextIndex`), fee queries (`payment_queryInfo`, …) and, on a node that seals
//! on demand, `engine_createBlock` and `engine_finalizeBlock`.

use std::sync::Arc;

use escrow_chain_runtime::{opaque::Block, AccountId, Balance, Nonce};
use jsonrpsee::RpcModule;
use sc_transaction_pool_api::TransactionPool;
use sp_api::ProvideRuntimeApi;
use sp_block_builder::BlockBuilder;
use sp_blockchain::{Error as BlockChainError, HeaderBackend, HeaderMetadata};

/// What the RPC methods need.
pub struct FullDeps<C, P> {
	/// The client.
	pub client: Arc<C>,
	/// The transaction pool.
	pub pool: Arc<P>,
	/// Where `engine_createBlock` and `engine_finalizeBlock` send their commands, on a node
	/// that seals on demand (`--sealing`); `None` on an Aura node, which has no such methods.
	pub seal_commands: Option<futures::channel::mpsc::Sender<crate::sealing::Command>>,
}

/// All of the node's own RPC methods.
pub fn create_full<C, P>(
	deps: FullDeps<C, P>,
) -> Result<RpcModule<()>, Box<dyn std::error::Error + Send + Sync>>
where
	C: ProvideRuntimeApi<Block>
		+ HeaderBackend<Block>
		+ HeaderMetadata<Block, Error = BlockChainError>
		+ Send
		+ Sync
		+ 'static,
	C::Api: substrate_frame_rpc_system::AccountNonceApi<Block, AccountId, Nonce>
		+ pallet_transaction_payment_rpc::TransactionPaymentRuntimeApi<Block, Balance>
		+ BlockBuilder<Block>,
	P: TransactionPool + 'static,
{
	use pallet_transaction_payment_rpc::{TransactionPayment, TransactionPaymentApiServer};
	use substrate_frame_rpc_system::{System, SystemApiServer};

	let FullDeps { client, pool, seal_commands } = deps;
	let mut module = RpcModule::new(());
	module.merge(System::new(client.clone(), pool).into_rpc())?;
	module.merge(TransactionPayment::new(client).into_rpc())?;
	if let Some(commands) = seal_commands {
		use sc_consensus_manual_seal::rpc::{ManualSeal, ManualSealApiServer};
		module.merge(ManualSeal::new(commands).into_rpc())?;
	}
	Ok(module)
}
