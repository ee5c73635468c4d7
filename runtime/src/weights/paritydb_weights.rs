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
			///   Min, Max: 601, 2_070_910
			///   Average:  35_261
			///   Median:   1_182
			///   Std-Dev:  262803.26
			///
			/// Percentiles nanoseconds:
			///   99th: 2_070_910
			///   95th: 2_344
			///   75th: 1_432
			read: 4_688 * constants::WEIGHT_REF_TIME_PER_NANOS,

			/// Time to write one storage item.
			/// Calculated by multiplying the *P95Percentile* of all values with `2.0` and adding `0`.
			///
			/// Stats nanoseconds:
			///   Min, Max: 3_725, 8_564_691
			///   Average:  149_001
			///   Median:   8_954
			///   Std-Dev:  1086464.75
			///
			/// Percentiles nanoseconds:
			///   99th: 8_564_691
			///   95th: 14_421
			///   75th: 10_976
			write: 28_842 * constants::WEIGHT_REF_TIME_PER_NANOS,
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
