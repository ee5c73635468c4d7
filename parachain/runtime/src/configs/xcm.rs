//! Cross-consensus messages: the minimum a parachain needs to be one. The relay chain (and
//! only it) may execute unpaid, e.g. to open channels; accounts of the relay chain, siblings
//! and this chain are derived the SDK's usual way. No asset moves over XCM yet: receiving a
//! stablecoin from Asset Hub as a reserve transfer is the next step (`docs/SCALE.md`).

use frame_support::{
	parameter_types,
	traits::{Equals, Everything, Nothing},
	weights::Weight,
};
use polkadot_parachain_primitives::primitives::Sibling;
use xcm::latest::prelude::*;
use xcm_builder::{
	AccountId32Aliases, AllowExplicitUnpaidExecutionFrom, FixedWeightBounds,
	FrameTransactionalProcessor, ParentIsPreset, SiblingParachainConvertsVia,
	SignedAccountId32AsNative, SovereignSignedViaLocation, TakeWeightCredit, WithUniqueTopic,
};

use crate::{
	AccountId, AllPalletsWithSystem, ParachainInfo, ParachainSystem, RuntimeCall, RuntimeOrigin,
	XcmpQueue,
};

parameter_types! {
	pub const RelayLocation: Location = Location::parent();
	pub const RelayNetwork: Option<NetworkId> = None;
	pub UniversalLocation: InteriorLocation = Parachain(ParachainInfo::parachain_id().into()).into();
	/// A conservative weight per instruction, until XCM is benchmarked on this chain.
	pub const UnitWeightCost: Weight = Weight::from_parts(1_000_000_000, 64 * 1024);
	pub const MaxInstructions: u32 = 100;
	pub const MaxAssetsIntoHolding: u32 = 64;
}

/// The local account of a location: the relay chain's and a sibling's sovereign accounts, and
/// a 32-byte account of this chain.
pub type LocationToAccountId = (
	ParentIsPreset<AccountId>,
	SiblingParachainConvertsVia<Sibling, AccountId>,
	AccountId32Aliases<RelayNetwork, AccountId>,
);

/// The origin a `Transact` dispatches with: the location's sovereign account, or the account
/// itself.
pub type XcmOriginToTransactDispatchOrigin = (
	SovereignSignedViaLocation<LocationToAccountId, RuntimeOrigin>,
	SignedAccountId32AsNative<RelayNetwork, RuntimeOrigin>,
);

/// Only the relay chain may execute without paying; nothing else is let in.
pub type Barrier = (TakeWeightCredit, AllowExplicitUnpaidExecutionFrom<Equals<RelayLocation>>);

/// Messages go up to the relay chain, or across to a sibling.
pub type XcmRouter =
	WithUniqueTopic<(cumulus_primitives_utility::ParentAsUmp<ParachainSystem, (), ()>, XcmpQueue)>;

/// The XCM executor's configuration.
pub struct XcmConfig;
impl xcm_executor::Config for XcmConfig {
	type RuntimeCall = RuntimeCall;
	type XcmSender = XcmRouter;
	type XcmEventEmitter = ();
	type AssetTransactor = ();
	type OriginConverter = XcmOriginToTransactDispatchOrigin;
	type IsReserve = Nothing;
	type IsTeleporter = Nothing;
	type Aliasers = Nothing;
	type UniversalLocation = UniversalLocation;
	type Barrier = Barrier;
	type Weigher = FixedWeightBounds<UnitWeightCost, RuntimeCall, MaxInstructions>;
	type Trader = ();
	type ResponseHandler = ();
	type AssetTrap = ();
	type AssetLocker = ();
	type AssetExchanger = ();
	type SubscriptionService = ();
	type PalletInstancesInfo = AllPalletsWithSystem;
	type MaxAssetsIntoHolding = MaxAssetsIntoHolding;
	type FeeManager = ();
	type MessageExporter = ();
	type UniversalAliases = Nothing;
	type CallDispatcher = RuntimeCall;
	type SafeCallFilter = Everything;
	type TransactionalProcessor = FrameTransactionalProcessor;
	type HrmpNewChannelOpenRequestHandler = ();
	type HrmpChannelAcceptedHandler = ();
	type HrmpChannelClosingHandler = ();
	type XcmRecorder = ();
}
