//! THIS FILE WAS AUTO-GENERATED USING THE SUBSTRATE BENCHMARK CLI VERSION 64.0.0
//! DATE: 2026-12-05 (Y/M/D)
//! HOSTNAME: `vm`, CPU: `AMD EPYC`
//!
//! DATABASE: `ParityDb`, RUNTIME: `escrow-chain development`
//! BLOCK-NUM: `Number(0)`
//! SKIP-WRITE: `false`, SKIP-READ: `false`, WARMUPS: `1`
//! STATE-VERSION: `V1`, STATE-CACHE-SIZE: ``
//! WEIGHT-PATH: `runtime/src/weights`
//! METRIC: `P95Percentile`, WEIGHT-MUL: `2.0`, WEIGHT-ADD: `0`

// Executed Command:
//   target/release/escrow-chain-node
//   benchmark
//   storage
//   --chain
//   dev
//   --base-path
//   $TMP/storage
//   --state-version
//   1
//   --database
//   paritydb
//   --batch-size
//   1
//   --metric
//   p95
//   --mul
//   2
//   --weight-path
//   runtime/src/weights

/// Storage DB weights for the `escrow-chain development` runtime and `ParityDb`.
pub mod constants {
	use frame_support::weights::constants;
	use sp_core::parameter_types;
	use sp_weights::RuntimeDbWeight;

	parameter_types! {
		/// `ParityDB` can be enabled with a feature flag, but is still experimental. These weights
		/// are available for brave runtime engineers who may want to try this out as default.
		pub const ParityDbWeight: RuntimeDbWeight = RuntimeDbWeight {
			/// Time to read one storage item.
			/// Calculated by multiplying the *P95Percentile* of all values with `2.0` and adding `0`.
			///
			/// Stats nanoseconds:
			///   Min, Max: 551, 1_978_012
			///   Average:  33_687
			///   Median:   1_162
			///   Std-Dev:  251012.9
			///
			/// Percentiles nanoseconds:
			///   99th: 1_978_012
			///   95th: 2_664
			///   75th: 1_352
			read: 5_328 * constants::WEIGHT_REF_TIME_PER_NANOS,

			/// Time to write one storage item.
			/// Calculated by multiplying the *P95Percentile* of all values with `2.0` and adding `0`.
			///
			/// Stats nanoseconds:
			///   Min, Max: 2_574, 9_536_902
			///   Average:  164_912
			///   Median:   8_603
			///   Std-Dev:  1209922.66
			///
			/// Percentiles nanoseconds:
			///   99th: 9_536_902
			///   95th: 14_272
			///   75th: 11_327
			write: 28_544 * constants::WEIGHT_REF_TIME_PER_NANOS,
		};
	}

	#[cfg(test)]
	mod test_db_weights {
		use super::constants::ParityDbWeight as W;
		use sp_weights::constants;

		/// Checks that all weights exist and have sane values.
		// NOTE: If this test fails but you are sure that the generated values are fine,
		// you can delete it.
		#[test]
		fn bound() {
			// At least 1 µs.
			assert!(
				W::get().reads(1).ref_time() >= constants::WEIGHT_REF_TIME_PER_MICROS,
				"Read weight should be at least 1 µs."
			);
			assert!(
				W::get().writes(1).ref_time() >= constants::WEIGHT_REF_TIME_PER_MICROS,
				"Write weight should be at least 1 µs."
			);
			// At most 1 ms.
			assert!(
				W::get().reads(1).ref_time() <= constants::WEIGHT_REF_TIME_PER_MILLIS,
				"Read weight should be at most 1 ms."
			);
			assert!(
				W::get().writes(1).ref_time() <= constants::WEIGHT_REF_TIME_PER_MILLIS,
				"Write weight should be at most 1 ms."
			);
		}
	}
}
