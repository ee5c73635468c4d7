//! A block's limits, the same rule on both chains: of the block's maximum weight, 75% for
//! normal transactions and the rest for operational ones; 5 MiB of length, 75% of it for
//! normal transactions. Each runtime gives its maximum (the parachain's includes the relay
//! chain's limit on a proof) and its measured base weights.

use frame_support::{dispatch::DispatchClass, weights::Weight};
use frame_system::limits::{BlockLength, BlockWeights};
use sp_runtime::Perbill;

/// The share of a block that normal transactions may fill.
pub const NORMAL_DISPATCH_RATIO: Perbill = Perbill::from_percent(75);

/// The block weights for a block of at most `maximum`, whose empty block weighs `base_block`
/// and each extrinsic at least `base_extrinsic`; `initialization` is the share hooks are
/// expected to take on average.
pub fn block_weights(
	maximum: Weight,
	base_block: Weight,
	base_extrinsic: Weight,
	initialization: Perbill,
) -> BlockWeights {
	let normal = Weight::from_parts(
		NORMAL_DISPATCH_RATIO.mul_floor(maximum.ref_time()),
		NORMAL_DISPATCH_RATIO.mul_floor(maximum.proof_size()),
	);
	BlockWeights::builder()
		.base_block(base_block)
		.for_class(DispatchClass::all(), |weights| {
			weights.base_extrinsic = base_extrinsic;
		})
		.for_class(DispatchClass::Normal, |weights| {
			weights.max_total = Some(normal);
		})
		.for_class(DispatchClass::Operational, |weights| {
			weights.max_total = Some(maximum);
			weights.reserved = Some(maximum.saturating_sub(normal));
		})
		.avg_block_initialization(initialization)
		.build_or_panic()
}

/// 5 MiB blocks, of which 75% for normal transactions.
pub fn block_length() -> BlockLength {
	BlockLength::builder()
		.max_length(5 * 1024 * 1024)
		.modify_max_length_for_class(DispatchClass::Normal, |max| {
			*max = NORMAL_DISPATCH_RATIO.mul_floor(*max)
		})
		.build()
}
