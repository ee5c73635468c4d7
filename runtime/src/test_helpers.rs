//! What the runtime's tests share: its unit tests (`src/tests.rs`) and its integration tests
//! (`tests/`). Built with the `std` feature only, never into the runtime's Wasm.

use crate::{AllPalletsWithSystem, BlockNumber, Runtime, System, SLOT_DURATION};
use frame_support::{
	dispatch::DispatchClass,
	traits::{OnFinalize, OnInitialize},
	weights::Weight,
};
use frame_system::RunToBlockHooks;
use sp_consensus_aura::Slot;

/// Moves to block `n` as block production does: every pallet's `on_finalize` ends each block
/// and every pallet's `on_initialize` starts the next, through
/// [`frame_system::Pallet::run_to_block_with`] over [`AllPalletsWithSystem`]. Each block gets
/// its Aura slot and its timestamp (one slot per block), as its author and the timestamp
/// inherent would give it; so does the block a test started in, before it ends.
///
/// Returns block `n`'s mandatory weight: what every pallet's `on_initialize` reported when the
/// block started, registered as `Executive` registers it.
pub fn run_to_block(n: BlockNumber) -> Weight {
	let hooks =
		RunToBlockHooks::default().after_initialize(set_slot_and_time).before_finalize(|block| {
			if pallet_timestamp::Now::<Runtime>::get() < moment(block) {
				set_slot_and_time(block);
			}
		});
	System::run_to_block_with::<BlockHooks>(n, hooks);
	*System::block_weight().get(DispatchClass::Mandatory)
}

/// The time of block `n`'s slot.
fn moment(n: BlockNumber) -> u64 {
	u64::from(n).saturating_mul(SLOT_DURATION)
}

/// Sets block `n`'s Aura slot and its timestamp: the slot is `n`.
fn set_slot_and_time(n: BlockNumber) {
	pallet_aura::CurrentSlot::<Runtime>::put(Slot::from(u64::from(n)));
	pallet_timestamp::Pallet::<Runtime>::set_timestamp(moment(n));
}

/// Every pallet's hooks as `Executive` runs them: what `on_initialize` reports is the block's
/// mandatory weight.
struct BlockHooks;

impl OnInitialize<BlockNumber> for BlockHooks {
	fn on_initialize(n: BlockNumber) -> Weight {
		let weight = AllPalletsWithSystem::on_initialize(n);
		frame_system::BlockWeight::<Runtime>::kill();
		System::register_extra_weight_unchecked(weight, DispatchClass::Mandatory);
		weight
	}
}

impl OnFinalize<BlockNumber> for BlockHooks {
	fn on_finalize(n: BlockNumber) {
		AllPalletsWithSystem::on_finalize(n);
	}
}
