//! # What escrow-chain's runtimes share
//!
//! escrow-chain runs the same product on two chains: the solo chain (`runtime/`, Aura and
//! GRANDPA, its own node) and a parachain (`parachain/runtime`, under `polkadot-omni-node`).
//! This crate holds everything the two do alike, written once, as `polkadot-runtime-common`
//! does for the relay chains; each runtime keeps only what differs: its consensus, its block
//! weights and base weights, the clock deadlines count in, its own pallets, and its `Runtime`.
//!
//! | module | what it holds |
//! |---|---|
//! | [`units`] | accounts, balances, the token and the stablecoin; minutes, hours, days |
//! | [`blocks`] | a block's weight and length limits, given each chain's maximum |
//! | [`product`] | the product's parameters and types; [`impl_product_configs!`], the configuration of balances, fees, assets, escrow, store orders and funding |
//! | [`apis`] | [`impl_runtime_apis_with_product!`]: the runtime APIs both answer alike, `EscrowApi` among them |
//! | [`queries`] | the answers of `EscrowApi`, generic over the runtime |
//! | [`genesis`] | the funded accounts, the stablecoin, the demo store and the escrow's chain-wide rules of the presets |
//!
//! ## The two macros
//!
//! A pallet's `Config` is implemented for a runtime's own `Runtime` type, so it cannot be
//! written in another crate; the shared configuration is a macro instead,
//! [`impl_product_configs!`], that each runtime expands in its `configs` module. It names
//! what it needs of the runtime through `crate::`: the pallets `Balances`, `Assets`,
//! `AssetsHolder`, `Escrow`, `StoreOrders` and `Funding`; `configs::RuntimeBlockWeights` and
//! `configs::DeadlineClock`; and the measured weights in `weights::{pallet_escrow,
//! pallet_store_orders, pallet_funding}`. Likewise [`impl_runtime_apis_with_product!`] wraps
//! `sp_api::impl_runtime_apis!` around the shared implementations and the runtime's own.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub mod apis;
pub mod blocks;
pub mod genesis;
pub mod product;
pub mod queries;
pub mod units;

pub use units::*;
