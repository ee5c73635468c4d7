//! Storage migrations of `pallet-funding`.
//!
//! ## v1 → v2: links in an asset
//!
//! Version 2 gave every offer and link an asset ([`TopUp::asset`](crate::TopUp::asset),
//! [`CreditLine::asset`](crate::CreditLine::asset), [`Offer::asset`](crate::Offer::asset)):
//! its limit, debt and draws are in it, and it is drawn on only for settlements in it.
//! Everything stored before was in the native token, so every top-up link ([`Allowances`]),
//! credit line ([`CreditLines`]) and offer ([`TopUpOffers`], [`CreditOffers`]) gets
//! [`Config::NativeAsset`]; its limit, debt, state and deposit are kept as they are. The
//! deposits stay held in the native token, as before. The draws recorded for open settlements
//! ([`Draws`](crate::Draws)) do not change: they were drawn in the native token, and are repaid
//! in the settlement's asset, which the escrow pallet migrates to the native token too. Counts
//! do not change.
//!
//! Add [`MigrateV1ToV2`] to the runtime's migrations for the upgrade that brings version 2. It
//! reads and writes each link and offer once ([`v2::InnerMigrateV1ToV2`]'s weight); under
//! `try-runtime` it checks before and after that no entry was lost or added and that each kept
//! its values. The types of version 1 are kept in [`v2::v1`].
//!
//! ## v0 → v1: consent and deposits
//!
//! Version 1 made every top-up and credit line an *offer* that the buyer accepts, and added a
//! deposit to each offer and link. Offers are new maps and start empty. The links stored
//! before it are kept as they are and become **accepted links with no deposit**: they were
//! drawn on already and may carry debt, so turning them back into offers would strand that
//! debt, and holding a deposit now would take funds their creators never agreed to give. A
//! buyer that does not want such a link removes it
//! ([`Pallet::remove_link`](crate::Pallet::remove_link)) once nothing is owed on it; a raise
//! accepted into it later moves the raise offer's deposit onto it.
//!
//! [`MigrateV0ToV1`] writes version 1's types ([`v2::v1`]); a chain still at version 0 runs it
//! and then [`MigrateV1ToV2`], in that order.

use crate::{Allowances, BalanceOf, Config, CreditLines, CreditOffers, Pallet, TopUpOffers};
use frame_support::{
	migrations::VersionedMigration,
	traits::{Get, UncheckedOnRuntimeUpgrade},
	weights::Weight,
};
use sp_runtime::traits::{Saturating, Zero};

pub use v1::MigrateV0ToV1;
pub use v2::MigrateV1ToV2;

/// `(buyer, linked or lender, value)` entries of a double map.
#[cfg(any(feature = "try-runtime", test))]
type Entries<T, V> = alloc::vec::Vec<(
	<T as frame_system::Config>::AccountId,
	<T as frame_system::Config>::AccountId,
	V,
)>;

/// The migration from storage version 0 to 1.
pub mod v1 {
	use super::*;
	use v2::v1 as new;

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

	/// Rewrites every stored top-up link and credit line as version 1 stores it, with a zero
	/// deposit. Use [`MigrateV0ToV1`], which runs it only on version 0 and then sets version 1.
	pub struct InnerMigrateV0ToV1<T>(core::marker::PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for InnerMigrateV0ToV1<T> {
		fn on_runtime_upgrade() -> Weight {
			let mut entries: u64 = 0;
			new::Allowances::<T>::translate::<BalanceOf<T>, _>(|_, _, limit| {
				entries.saturating_inc();
				Some(new::TopUp { limit, deposit: Zero::zero() })
			});
			new::CreditLines::<T>::translate::<v0::CreditLine<BalanceOf<T>>, _>(|_, _, old| {
				entries.saturating_inc();
				Some(new::CreditLine {
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

	/// Every version-0 entry is kept with its values and a zero deposit, as version 1 stores
	/// it, and no other is added. (The pallet's invariants are checked after the migration to
	/// the current version, which reads the current types.)
	#[cfg(any(feature = "try-runtime", test))]
	pub fn post_upgrade_check<T: Config>(
		state: alloc::vec::Vec<u8>,
	) -> Result<(), sp_runtime::TryRuntimeError> {
		use codec::Decode;
		use frame_support::ensure;
		let (allowances, lines): V0State<T> = Decode::decode(&mut state.as_slice())
			.map_err(|_| "the state before does not decode")?;
		ensure!(
			new::Allowances::<T>::iter().count() == allowances.len(),
			"top-up links lost or added"
		);
		ensure!(new::CreditLines::<T>::iter().count() == lines.len(), "credit lines lost or added");
		for (buyer, linked, limit) in allowances {
			ensure!(
				new::Allowances::<T>::get(&buyer, &linked)
					== Some(new::TopUp { limit, deposit: Zero::zero() }),
				"a top-up link changed"
			);
		}
		for (borrower, lender, old) in lines {
			ensure!(
				new::CreditLines::<T>::get(&borrower, &lender)
					== Some(new::CreditLine {
						limit: old.limit,
						debt: old.debt,
						open: old.open,
						deposit: Zero::zero()
					}),
				"a credit line changed"
			);
		}
		Ok(())
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

/// The migration from storage version 1 to 2.
pub mod v2 {
	use super::*;

	/// The stored types of version 1: version 2's without the asset.
	pub mod v1 {
		use super::*;
		use codec::{Decode, Encode};
		use frame_support::{storage_alias, Blake2_128Concat};

		/// A top-up link as version 1 stored it.
		#[derive(Clone, Copy, Encode, Decode, Eq, PartialEq, Debug)]
		pub struct TopUp<Balance> {
			/// What the buyer may still draw.
			pub limit: Balance,
			/// What is held from the linked account for this link.
			pub deposit: Balance,
		}

		/// A credit line as version 1 stored it.
		#[derive(Clone, Copy, Encode, Decode, Eq, PartialEq, Debug)]
		pub struct CreditLine<Balance> {
			/// The most the borrower may owe the lender through new draws.
			pub limit: Balance,
			/// What the borrower owes the lender now.
			pub debt: Balance,
			/// Whether new draws are allowed.
			pub open: bool,
			/// What is held from the lender for this line.
			pub deposit: Balance,
		}

		/// An offer as version 1 stored it.
		#[derive(Clone, Copy, Encode, Decode, Eq, PartialEq, Debug)]
		pub struct Offer<Balance> {
			/// The limit offered.
			pub limit: Balance,
			/// What is held from the creator for this offer.
			pub deposit: Balance,
		}

		/// Version 1's top-up links: `(buyer, linked) -> link`.
		#[storage_alias]
		pub type Allowances<T: Config> = StorageDoubleMap<
			Pallet<T>,
			Blake2_128Concat,
			<T as frame_system::Config>::AccountId,
			Blake2_128Concat,
			<T as frame_system::Config>::AccountId,
			TopUp<BalanceOf<T>>,
		>;

		/// Version 1's credit lines: `(borrower, lender) -> line`.
		#[storage_alias]
		pub type CreditLines<T: Config> = StorageDoubleMap<
			Pallet<T>,
			Blake2_128Concat,
			<T as frame_system::Config>::AccountId,
			Blake2_128Concat,
			<T as frame_system::Config>::AccountId,
			CreditLine<BalanceOf<T>>,
		>;

		/// Version 1's top-up offers: `(buyer, linked) -> offer`.
		#[storage_alias]
		pub type TopUpOffers<T: Config> = StorageDoubleMap<
			Pallet<T>,
			Blake2_128Concat,
			<T as frame_system::Config>::AccountId,
			Blake2_128Concat,
			<T as frame_system::Config>::AccountId,
			Offer<BalanceOf<T>>,
		>;

		/// Version 1's credit-line offers: `(borrower, lender) -> offer`.
		#[storage_alias]
		pub type CreditOffers<T: Config> = StorageDoubleMap<
			Pallet<T>,
			Blake2_128Concat,
			<T as frame_system::Config>::AccountId,
			Blake2_128Concat,
			<T as frame_system::Config>::AccountId,
			Offer<BalanceOf<T>>,
		>;

		/// `old` as version 2 stores it, in the native token.
		pub fn top_up<T: Config>(old: TopUp<BalanceOf<T>>) -> crate::TopUpOf<T> {
			crate::TopUp { asset: T::NativeAsset::get(), limit: old.limit, deposit: old.deposit }
		}

		/// `old` as version 2 stores it, in the native token.
		pub fn credit_line<T: Config>(old: CreditLine<BalanceOf<T>>) -> crate::CreditLineOf<T> {
			crate::CreditLine {
				asset: T::NativeAsset::get(),
				limit: old.limit,
				debt: old.debt,
				open: old.open,
				deposit: old.deposit,
			}
		}

		/// `old` as version 2 stores it, in the native token.
		pub fn offer<T: Config>(old: Offer<BalanceOf<T>>) -> crate::OfferOf<T> {
			crate::Offer { asset: T::NativeAsset::get(), limit: old.limit, deposit: old.deposit }
		}
	}

	/// Rewrites every top-up link, credit line and offer in the native token
	/// ([`Config::NativeAsset`]), keeping its values. Use [`MigrateV1ToV2`], which runs it only
	/// on version 1 and then sets version 2.
	pub struct InnerMigrateV1ToV2<T>(core::marker::PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for InnerMigrateV1ToV2<T> {
		fn on_runtime_upgrade() -> Weight {
			let mut entries: u64 = 0;
			Allowances::<T>::translate::<v1::TopUp<BalanceOf<T>>, _>(|_, _, old| {
				entries.saturating_inc();
				Some(v1::top_up::<T>(old))
			});
			CreditLines::<T>::translate::<v1::CreditLine<BalanceOf<T>>, _>(|_, _, old| {
				entries.saturating_inc();
				Some(v1::credit_line::<T>(old))
			});
			TopUpOffers::<T>::translate::<v1::Offer<BalanceOf<T>>, _>(|_, _, old| {
				entries.saturating_inc();
				Some(v1::offer::<T>(old))
			});
			CreditOffers::<T>::translate::<v1::Offer<BalanceOf<T>>, _>(|_, _, old| {
				entries.saturating_inc();
				Some(v1::offer::<T>(old))
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

	/// The version-1 top-up links, credit lines, top-up offers and credit offers.
	#[cfg(any(feature = "try-runtime", test))]
	type V1State<T> = (
		Entries<T, v1::TopUp<BalanceOf<T>>>,
		Entries<T, v1::CreditLine<BalanceOf<T>>>,
		Entries<T, v1::Offer<BalanceOf<T>>>,
		Entries<T, v1::Offer<BalanceOf<T>>>,
	);

	/// What the check after the upgrade compares with: the version-1 entries, encoded.
	#[cfg(any(feature = "try-runtime", test))]
	pub fn pre_upgrade_state<T: Config>() -> alloc::vec::Vec<u8> {
		use codec::Encode;
		let allowances: alloc::vec::Vec<_> = v1::Allowances::<T>::iter().collect();
		let lines: alloc::vec::Vec<_> = v1::CreditLines::<T>::iter().collect();
		let top_up_offers: alloc::vec::Vec<_> = v1::TopUpOffers::<T>::iter().collect();
		let credit_offers: alloc::vec::Vec<_> = v1::CreditOffers::<T>::iter().collect();
		(allowances, lines, top_up_offers, credit_offers).encode()
	}

	/// Every version-1 entry is kept with its values, in the native token, no other is added,
	/// and the pallet's invariants hold.
	#[cfg(any(feature = "try-runtime", test))]
	pub fn post_upgrade_check<T: Config>(
		state: alloc::vec::Vec<u8>,
	) -> Result<(), sp_runtime::TryRuntimeError> {
		use codec::Decode;
		use frame_support::ensure;
		let (allowances, lines, top_up_offers, credit_offers): V1State<T> =
			Decode::decode(&mut state.as_slice())
				.map_err(|_| "the state before does not decode")?;
		ensure!(Allowances::<T>::iter().count() == allowances.len(), "top-up links lost or added");
		ensure!(CreditLines::<T>::iter().count() == lines.len(), "credit lines lost or added");
		ensure!(
			TopUpOffers::<T>::iter().count() == top_up_offers.len(),
			"top-up offers lost or added"
		);
		ensure!(
			CreditOffers::<T>::iter().count() == credit_offers.len(),
			"credit offers lost or added"
		);
		for (buyer, linked, old) in allowances {
			ensure!(
				Allowances::<T>::get(&buyer, &linked) == Some(v1::top_up::<T>(old)),
				"a top-up link changed"
			);
		}
		for (borrower, lender, old) in lines {
			ensure!(
				CreditLines::<T>::get(&borrower, &lender) == Some(v1::credit_line::<T>(old)),
				"a credit line changed"
			);
		}
		for (buyer, linked, old) in top_up_offers {
			ensure!(
				TopUpOffers::<T>::get(&buyer, &linked) == Some(v1::offer::<T>(old)),
				"a top-up offer changed"
			);
		}
		for (borrower, lender, old) in credit_offers {
			ensure!(
				CreditOffers::<T>::get(&borrower, &lender) == Some(v1::offer::<T>(old)),
				"a credit offer changed"
			);
		}
		Pallet::<T>::do_try_state()
	}

	/// Version 1 → 2: every link and offer in the native token.
	pub type MigrateV1ToV2<T> = VersionedMigration<
		1,
		2,
		InnerMigrateV1ToV2<T>,
		Pallet<T>,
		<T as frame_system::Config>::DbWeight,
	>;
}

#[cfg(test)]
mod tests {
	use super::{
		v1::{self, v0},
		v2,
	};
	use crate::{mock::*, *};
	use frame_support::{
		assert_noop, assert_ok,
		traits::{OnRuntimeUpgrade, StorageVersion},
	};

	fn cover(id: u64, asset: AssetKind, shortfall: Balance) -> sp_runtime::DispatchResult {
		<Funding as FundingSource<AccountId, AssetKind, Balance>>::cover(
			id, &BUYER, &asset, shortfall,
		)
	}

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
				v2::v1::Allowances::<Test>::get(BUYER, LINKED),
				Some(v2::v1::TopUp { limit: 300, deposit: 0 })
			);
			assert_eq!(
				v2::v1::CreditLines::<Test>::get(BUYER, LENDER),
				Some(v2::v1::CreditLine { limit: 500, debt: 200, open: false, deposit: 0 })
			);
			assert_ok!(v1::post_upgrade_check::<Test>(state));

			// Version 1 now: running it again changes nothing.
			v1::MigrateV0ToV1::<Test>::on_runtime_upgrade();
			assert_eq!(
				v2::v1::Allowances::<Test>::get(BUYER, LINKED),
				Some(v2::v1::TopUp { limit: 300, deposit: 0 })
			);

			// Then to version 2, in the native token.
			let state = v2::pre_upgrade_state::<Test>();
			v2::MigrateV1ToV2::<Test>::on_runtime_upgrade();
			assert_eq!(StorageVersion::get::<Funding>(), 2);
			assert_ok!(v2::post_upgrade_check::<Test>(state));

			// Such a link has no deposit to release; the buyer may remove it; debt is repaid
			// as before.
			assert_ok!(Funding::remove_link(RuntimeOrigin::signed(BUYER), LINKED, Source::Linked));
			assert_ok!(Funding::repay(RuntimeOrigin::signed(BUYER), LENDER, 50));
			assert_eq!(CreditLines::<Test>::get(BUYER, LENDER).map(|l| l.debt), Some(150));
			// A raise accepted into it moves the offer's deposit onto it.
			assert_ok!(Funding::open_credit_line(
				RuntimeOrigin::signed(LENDER),
				BUYER,
				NATIVE,
				600
			));
			assert_ok!(Funding::accept_credit_line(
				RuntimeOrigin::signed(BUYER),
				LENDER,
				NATIVE,
				600
			));
			assert_eq!(
				CreditLines::<Test>::get(BUYER, LENDER),
				Some(CreditLine {
					asset: NATIVE,
					limit: 600,
					debt: 150,
					open: true,
					deposit: LINK_DEPOSIT
				})
			);
		});
	}

	#[test]
	fn version_1_links_and_offers_move_to_the_native_token() {
		ExtBuilder::default().build_and_execute(|| {
			StorageVersion::new(1).put::<Funding>();
			// Version-1 state, deposits held as version 1 held them.
			for (who, deposits) in [(LINKED, 2), (LENDER, 1), (EVE, 2)] {
				assert_ok!(<Balances as frame_support::traits::fungible::MutateHold<_>>::hold(
					&HoldReason::LinkDeposit.into(),
					&who,
					deposits * LINK_DEPOSIT
				));
			}
			v2::v1::Allowances::<Test>::insert(
				BUYER,
				LINKED,
				v2::v1::TopUp { limit: 300, deposit: LINK_DEPOSIT },
			);
			v2::v1::Allowances::<Test>::insert(
				BUYER,
				LINKED2,
				v2::v1::TopUp { limit: 40, deposit: 0 },
			);
			LinkedCount::<Test>::insert(BUYER, 2);
			v2::v1::CreditLines::<Test>::insert(
				BUYER,
				LENDER,
				v2::v1::CreditLine { limit: 500, debt: 200, open: true, deposit: LINK_DEPOSIT },
			);
			LenderCount::<Test>::insert(BUYER, 1);
			v2::v1::TopUpOffers::<Test>::insert(
				BUYER,
				LINKED,
				v2::v1::Offer { limit: 900, deposit: LINK_DEPOSIT },
			);
			v2::v1::TopUpOffers::<Test>::insert(
				BUYER,
				EVE,
				v2::v1::Offer { limit: 20, deposit: LINK_DEPOSIT },
			);
			v2::v1::CreditOffers::<Test>::insert(
				BUYER,
				EVE,
				v2::v1::Offer { limit: 70, deposit: LINK_DEPOSIT },
			);
			let state = v2::pre_upgrade_state::<Test>();

			let weight = v2::MigrateV1ToV2::<Test>::on_runtime_upgrade();
			let db = <<Test as frame_system::Config>::DbWeight as frame_support::traits::Get<
				frame_support::weights::RuntimeDbWeight,
			>>::get();
			assert!(weight.all_gte(db.reads_writes(6, 6)), "each of the 6 entries is weighed");
			assert_eq!(StorageVersion::get::<Funding>(), 2);
			assert_eq!(
				Allowances::<Test>::get(BUYER, LINKED),
				Some(TopUp { asset: NATIVE, limit: 300, deposit: LINK_DEPOSIT })
			);
			assert_eq!(
				Allowances::<Test>::get(BUYER, LINKED2),
				Some(TopUp { asset: NATIVE, limit: 40, deposit: 0 })
			);
			assert_eq!(
				CreditLines::<Test>::get(BUYER, LENDER),
				Some(CreditLine {
					asset: NATIVE,
					limit: 500,
					debt: 200,
					open: true,
					deposit: LINK_DEPOSIT
				})
			);
			assert_eq!(
				TopUpOffers::<Test>::get(BUYER, LINKED),
				Some(Offer { asset: NATIVE, limit: 900, deposit: LINK_DEPOSIT })
			);
			assert_eq!(
				TopUpOffers::<Test>::get(BUYER, EVE),
				Some(Offer { asset: NATIVE, limit: 20, deposit: LINK_DEPOSIT })
			);
			assert_eq!(
				CreditOffers::<Test>::get(BUYER, EVE),
				Some(Offer { asset: NATIVE, limit: 70, deposit: LINK_DEPOSIT })
			);
			assert_eq!((LinkedCount::<Test>::get(BUYER), LenderCount::<Test>::get(BUYER)), (2, 1));
			assert_ok!(v2::post_upgrade_check::<Test>(state.clone()));

			// Version 2 now: running it again changes nothing.
			assert_eq!(
				v2::MigrateV1ToV2::<Test>::on_runtime_upgrade(),
				db.reads(1),
				"only the version is read"
			);
			assert_ok!(v2::post_upgrade_check::<Test>(state));

			// The migrated links are drawn for native settlements, never for dollar ones.
			assert_noop!(cover(1, USD, 10), Error::<Test>::ShortfallNotCovered);
			assert_ok!(cover(1, NATIVE, 340 + 100));
			assert_eq!(CreditLines::<Test>::get(BUYER, LENDER).map(|l| l.debt), Some(300));
			// The migrated offers are accepted in the native token.
			assert_noop!(
				Funding::accept_top_up(RuntimeOrigin::signed(BUYER), LINKED, USD, 900),
				Error::<Test>::OfferChanged
			);
			assert_ok!(Funding::accept_top_up(RuntimeOrigin::signed(BUYER), LINKED, NATIVE, 900));
			assert_ok!(Funding::repay(RuntimeOrigin::signed(BUYER), LENDER, 300));
			assert_ok!(Funding::decline_offer(RuntimeOrigin::signed(BUYER), EVE, Source::Linked));
			assert_ok!(Funding::decline_offer(RuntimeOrigin::signed(BUYER), EVE, Source::Credit));
			assert_eq!(Balances::free_balance(EVE), 1_000);
		});
	}

	#[test]
	fn the_post_upgrade_check_finds_a_changed_or_lost_entry() {
		ExtBuilder::default().build_and_execute(|| {
			StorageVersion::new(1).put::<Funding>();
			v2::v1::CreditOffers::<Test>::insert(
				BUYER,
				EVE,
				v2::v1::Offer { limit: 70, deposit: 0 },
			);
			let state = v2::pre_upgrade_state::<Test>();
			v2::MigrateV1ToV2::<Test>::on_runtime_upgrade();
			CreditOffers::<Test>::mutate(BUYER, EVE, |o| {
				if let Some(o) = o {
					o.limit = 71;
				}
			});
			assert!(v2::post_upgrade_check::<Test>(state.clone()).is_err());
			CreditOffers::<Test>::remove(BUYER, EVE);
			assert!(v2::post_upgrade_check::<Test>(state).is_err());
		});
	}
}
