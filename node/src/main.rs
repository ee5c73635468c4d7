//! The escrow-chain node.

mod chain_spec;
mod cli;
mod client;
mod command;
mod rpc;
mod sealing;
mod service;

fn main() -> sc_cli::Result<()> {
	command::run()
}
