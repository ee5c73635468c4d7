//! The types and units both runtimes use: accounts, balances, the token and the stablecoin,
//! and the clock's minutes, hours and days.

use sp_runtime::{
	traits::{IdentifyAccount, Verify},
	MultiAddress, MultiSignature,
};

/// The time between two blocks of the clock deadlines are counted in: this chain's own on the
/// solo chain, the relay chain's on the parachain. Both are six seconds.
pub const MILLISECS_PER_CLOCK_BLOCK: u64 = 6000;

/// Clock blocks in a minute.
pub const MINUTES: BlockNumber = 60_000 / (MILLISECS_PER_CLOCK_BLOCK as BlockNumber);
/// Clock blocks in an hour.
pub const HOURS: BlockNumber = MINUTES * 60;
/// Clock blocks in a day.
pub const DAYS: BlockNumber = HOURS * 24;

/// The token's symbol, shown by wallets.
pub const TOKEN_SYMBOL: &str = "ESC";
/// The token's decimals: one ESC is 10^12 planck, the smallest unit.
pub const TOKEN_DECIMALS: u8 = 12;
/// The SS58 address format (42, the generic Substrate prefix).
pub const SS58_PREFIX: u16 = 42;

/// One ESC, in planck.
pub const UNIT: Balance = 1_000_000_000_000;
/// A thousandth of an ESC.
pub const MILLI_UNIT: Balance = 1_000_000_000;
/// The least balance an account must keep to exist.
pub const EXISTENTIAL_DEPOSIT: Balance = MILLI_UNIT;

/// The development chain's dollar stablecoin: its id in `pallet-assets`.
pub const STABLECOIN: u32 = 1;
/// The stablecoin's decimals: a dollar is 10^6 units.
pub const STABLECOIN_DECIMALS: u8 = 6;
/// One dollar of the stablecoin, in units.
pub const DOLLARS: Balance = 1_000_000;
/// One cent: the stablecoin's minimum balance. It is also the rate at which fees and deposits
/// are charged in it: `STABLECOIN_MIN_BALANCE / EXISTENTIAL_DEPOSIT` units per planck, so one
/// ESC counts as ten dollars (see `configs::EscrowAssetRate`).
pub const STABLECOIN_MIN_BALANCE: Balance = DOLLARS / 100;

/// A signature: sr25519, ed25519 or ecdsa.
pub type Signature = MultiSignature;
/// An account: the public key of its signer.
pub type AccountId = <<Signature as Verify>::Signer as IdentifyAccount>::AccountId;
/// A balance, in planck.
pub type Balance = u128;
/// An account's transaction count.
pub type Nonce = u32;
/// A hash.
pub type Hash = sp_core::H256;
/// A block's number.
pub type BlockNumber = u32;
/// The address format for describing accounts.
pub type Address = MultiAddress<AccountId, ()>;
