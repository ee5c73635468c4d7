//! Storage migrations of `pallet-funding`.
//!
//! ## v0 → v1: consent and deposits
//!
//! Version 1 made every top-up and credit line an *offer* that the buyer accepts, and added a
//! deposit to each offer and link ([`TopUp::deposit`], [`CreditLine::deposit`]). Offers are
//! new maps and start empty. The links stored before it are kept as they are and become
//! **accepted links with no deposit**: they were drawn on already and may carry debt, so
//! turning them back into offers would strand that debt, and holding a deposit now would take
//! funds their creators never agreed to give. A buyer that does not want such a link removes
//! it ([`Pallet::remove_link`](crate::Pallet::remove_link)) once nothing is owed on it; a raise
//! accepted into it later moves the raise offer's deposit onto it.
//!
//! Add [`MigrateV0ToV1`] to the runtime's migrations for the upgrade that brings version 1.

use crate::{Allowances, BalanceOf, Config, CreditLine, CreditLines, Pallet, TopUp};
use frame_support::{
	migrations::VersionedMigration,
	traits::{Get, UncheckedOnRuntimeUpgrade},
	weights::Weight,
};
use sp_runtime::traits::{Saturating, Zero};

pub use v1::MigrateV0ToV1;

/// The migration from storage version 0 to 1.
pub mod v1 {
	use super::*;

	/// The stored types of version 0.
	pub mod v0 {
		use super::*;
		use codec::{Decode, Encode};
		use frame_support::{storage_alias, Blake2_128Concat};

		/// A credit line as version 0 stored it.
		#[derive(Clone, Copy, Encode, Decode, Eq, PartialEq, Debug, Default)]
		pub struct CreditLine<Balance> {
			/// The most the borrower may owe the lender through new draws.
			pub limit: Balance,
			/// What the borrower owes the lender now.
			pub debt: Balance,
			/// Whether new draws are allowed.
			pub open: bool,
		}

		/// Version 0's top-up allowances: `(buyer, linked) -> allowance`.
		#[storage_alias]
		pub type Allowances<T: Config> = StorageDoubleMap<
			Pallet<T>,
			Blake2_128Concat,
			<T as frame_system::Config>::AccountId,
			Blake2_128Concat,
			<T as frame_system::Config>::AccountId,
			BalanceOf<T>,
		>;

		/// Version 0's credit lines: `(borrower, lender) -> line`.
		#[storage_alias]
		pub type CreditLines<T: Config> = StorageDoubleMap<
			Pallet<T>,
			Blake2_128Concat,
			<T as frame_system::Config>::AccountId,
			Blake2_128Concat,
			<T as frame_system::Config>::AccountId,
			CreditLine<BalanceOf<T>>,
		>;
	}

	/// Rewrites every stored top-up link and credit line with a zero deposit. Use
	/// [`MigrateV0ToV1`], which runs it only on version 0 and then sets version 1.
	pub struct InnerMigrateV0ToV1<T>(core::marker::PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for InnerMigrateV0ToV1<T> {
		fn on_runtime_upgrade() -> Weight {
			let mut entries: u64 = 0;
			Allowances::<T>::translate::<BalanceOf<T>, _>(|_, _, limit| {
				entries.saturating_inc();
				Some(TopUp { limit, deposit: Zero::zero() })
			});
			CreditLines::<T>::translate::<v0::CreditLine<BalanceOf<T>>, _>(|_, _, old| {
				entries.saturating_inc();
				Some(CreditLine {
					limit: old.limit,
					debt: old.debt,
					open: old.open,
					deposit: Zero::zero(),
				})
			});
			T::DbWeight::get().reads_writes(entries, entries)
		}

		#[cfg(feature = "try-runtime")]
		fn pre_upgrade() -> Result<alloc::vec::Vec<u8>, sp_runtime::TryRuntimeError> {
			Ok(pre_upgrade_state::<T>())
		}

		#[cfg(feature = "try-runtime")]
		fn post_upgrade(state: alloc::vec::Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
			post_upgrade_check::<T>(state)
		}
	}

	/// `(buyer, linked or lender, value)` entries of a double map.
	#[cfg(any(feature = "try-runtime", test))]
	type Entries<T, V> = alloc::vec::Vec<(
		<T as frame_system::Config>::AccountId,
		<T as frame_system::Config>::AccountId,
		V,
	)>;

	/// The version-0 top-up allowances and credit lines.
	#[cfg(any(feature = "try-runtime", test))]
	type V0State<T> = (Entries<T, BalanceOf<T>>, Entries<T, v0::CreditLine<BalanceOf<T>>>);

	/// What the check after the upgrade compares with: the version-0 entries, encoded.
	#[cfg(any(feature = "try-runtime", test))]
	pub fn pre_upgrade_state<T: Config>() -> alloc::vec::Vec<u8> {
		use codec::Encode;
		let allowances: alloc::vec::Vec<_> = v0::Allowances::<T>::iter().collect();
		let lines: alloc::vec::Vec<_> = v0::CreditLines::<T>::iter().collect();
		(allowances, lines).encode()
	}

	/// Every version-0 entry is kept with its values and a zero deposit, no other is added, and
	/// the pallet's invariants hold.
	#[cfg(any(feature = "try-runtime", test))]
	pub fn post_upgrade_check<T: Config>(
		state: alloc::vec::Vec<u8>,
	) -> Result<(), sp_runtime::TryRuntimeError> {
		use codec::Decode;
		use frame_support::ensure;
		let (allowances, lines): V0State<T> = Decode::decode(&mut state.as_slice())
			.map_err(|_| "the state before does not decode")?;
		ensure!(Allowances::<T>::iter().count() == allowances.len(), "top-up links lost or added");
		ensure!(CreditLines::<T>::iter().count() == lines.len(), "credit lines lost or added");
		for (buyer, linked, limit) in allowances {
			ensure!(
				Allowances::<T>::get(&buyer, &linked)
					== Some(TopUp { limit, deposit: Zero::zero() }),
				"a top-up link changed"
			);
		}
		for (borrower, lender, old) in lines {
			ensure!(
				CreditLines::<T>::get(&borrower, &lender)
					== Some(CreditLine {
						limit: old.limit,
						debt: old.debt,
						open: old.open,
						deposit: Zero::zero()
					}),
				"a credit line changed"
			);
		}
		Pallet::<T>::do_try_state()
	}

	/// Version 0 → 1: existing links become accepted links without a deposit.
	pub type MigrateV0ToV1<T> = VersionedMigration<
		0,
		1,
		InnerMigrateV0ToV1<T>,
		Pallet<T>,
		<T as frame_system::Config>::DbWeight,
	>;
}

#[cfg(test)]
mod tests {
	use super::v1::{self, v0};
	use crate::{mock::*, *};
	use frame_support::{
		assert_ok,
		traits::{OnRuntimeUpgrade, StorageVersion},
	};

	#[test]
	fn existing_links_become_accepted_links_without_a_deposit() {
		ExtBuilder::default().build_and_execute(|| {
			StorageVersion::new(0).put::<Funding>();
			v0::Allowances::<Test>::insert(BUYER, LINKED, 300);
			LinkedCount::<Test>::insert(BUYER, 1);
			let old = v0::CreditLine { limit: 500, debt: 200, open: false };
			v0::CreditLines::<Test>::insert(BUYER, LENDER, old);
			LenderCount::<Test>::insert(BUYER, 1);
			let state = v1::pre_upgrade_state::<Test>();

			v1::MigrateV0ToV1::<Test>::on_runtime_upgrade();
			assert_eq!(StorageVersion::get::<Funding>(), 1);
			assert_eq!(
				Allowances::<Test>::get(BUYER, LINKED),
				Some(TopUp { limit: 300, deposit: 0 })
			);
			assert_eq!(
				CreditLines::<Test>::get(BUYER, LENDER),
				Some(CreditLine { limit: 500, debt: 200, open: false, deposit: 0 })
			);
			assert_ok!(v1::post_upgrade_check::<Test>(state));

			// Version 1 now: running it again changes nothing.
			v1::MigrateV0ToV1::<Test>::on_runtime_upgrade();
			assert_eq!(
				Allowances::<Test>::get(BUYER, LINKED),
				Some(TopUp { limit: 300, deposit: 0 })
			);

			// Such a link has no deposit to release; the buyer may remove it; debt is repaid
			// as before.
			assert_ok!(Funding::remove_link(RuntimeOrigin::signed(BUYER), LINKED, Source::Linked));
			assert_ok!(Funding::repay(RuntimeOrigin::signed(BUYER), LENDER, 50));
			assert_eq!(CreditLines::<Test>::get(BUYER, LENDER).map(|l| l.debt), Some(150));
			// A raise accepted into it moves the offer's deposit onto it.
			assert_ok!(Funding::open_credit_line(RuntimeOrigin::signed(LENDER), BUYER, 600));
			assert_ok!(Funding::accept_credit_line(RuntimeOrigin::signed(BUYER), LENDER, 600));
			assert_eq!(
				CreditLines::<Test>::get(BUYER, LENDER),
				Some(CreditLine { limit: 600, debt: 150, open: true, deposit: LINK_DEPOSIT })
			);
		});
	}
}
