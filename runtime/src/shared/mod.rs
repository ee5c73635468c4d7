//! What escrow-chain's two runtimes share: this solo chain's, and the parachain's that
//! `polkadot-omni-node` runs (`parachain/runtime`). The parachain's crate compiles these same
//! files as its own module (`#[path]`), so each item here is written once and checked in both:
//! it names the runtime it is compiled into through `crate::` (its `Runtime`, its pallets, and
//! in `crate::configs` the few parameters that differ: block weights and the clock).
//!
//! - [`blocks`]: a block's weight and length limits;
//! - [`units`]: accounts, balances, the token, the stablecoin, minutes, hours and days;
//! - [`product`]: the configuration of balances, fees, assets, escrow, store orders and
//!   funding;
//! - [`queries`]: the answers of `EscrowApi`;
//! - [`genesis`]: the funded accounts, the stablecoin and the demo store of the presets.

pub mod blocks;
pub mod genesis;
pub mod product;
pub mod queries;
pub mod units;
