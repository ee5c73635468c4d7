//! Marketplaces: registering one holds its operator's deposit; a store joins by accepting the
//! rate by number (a rate changed since is refused); a lower rate applies at once and a higher
//! one only once the store accepts it; a store leaves, is removed, or closes; the escrow reads
//! the commission through the store directory.

use super::*;

/// The marketplace's operator and its fee account.
const OPERATOR: AccountId = EVE;
const FEE: AccountId = 77;
const MARKET: MarketplaceId = 0;

fn commission(store: StoreId) -> Option<Commission<AccountId>> {
	<StoreOrders as StoreDirectory<AccountId, AssetKind, u64>>::commission(store)
}

fn market_deposit(who: AccountId) -> Balance {
	Balances::balance_on_hold(&HoldReason::MarketplaceDeposit.into(), &who)
}

/// A marketplace of [`OPERATOR`] at `rate`, paying [`FEE`].
fn market(rate: BasisPoints) {
	assert_ok!(StoreOrders::register_marketplace(
		RuntimeOrigin::signed(OPERATOR),
		bounded(b"bazaar"),
		rate,
		FEE
	));
}

/// [`STORE`] registered and in [`MARKET`] at `rate`.
fn member(rate: BasisPoints) {
	register();
	market(rate);
	assert_ok!(StoreOrders::join_marketplace(RuntimeOrigin::signed(OWNER), STORE, MARKET, rate));
}

#[test]
fn registering_a_marketplace_holds_its_deposit() {
	ExtBuilder::default().build_and_execute(|| {
		market(250);
		assert_eq!(market_deposit(OPERATOR), MARKETPLACE_DEPOSIT);
		assert_eq!(
			Marketplaces::<Test>::get(MARKET),
			Some(Marketplace {
				operator: OPERATOR,
				name: bytes(b"bazaar"),
				rate: 250,
				fee_account: FEE,
				deposit: MARKETPLACE_DEPOSIT,
			})
		);
		assert_eq!(
			last_event(),
			Event::MarketplaceRegistered {
				marketplace: MARKET,
				operator: OPERATOR,
				name: bytes(b"bazaar"),
				rate: 250,
				fee_account: FEE,
			}
		);
		assert_eq!(NextMarketplaceId::<Test>::get(), 1);
	});
}

#[test]
fn register_marketplace_errors() {
	ExtBuilder::default().build_and_execute(|| {
		let register = |who, name: &[u8], rate| {
			StoreOrders::register_marketplace(RuntimeOrigin::signed(who), bounded(name), rate, FEE)
		};
		assert_noop!(register(OPERATOR, b"", 250), Error::<Test>::EmptyName);
		assert_noop!(
			register(OPERATOR, b"bazaar", MAX_COMMISSION + 1),
			Error::<Test>::CommissionTooHigh
		);
		assert_noop!(register(POOR, b"bazaar", 250), Error::<Test>::InsufficientBalance);
		// The chain's bound itself is allowed.
		assert_ok!(register(OPERATOR, b"bazaar", MAX_COMMISSION));
	});
}

#[test]
fn a_store_joins_at_the_rate_it_read_and_owes_it() {
	ExtBuilder::default().build_and_execute(|| {
		register();
		market(250);
		assert_eq!(commission(STORE), None);
		assert_ok!(StoreOrders::join_marketplace(RuntimeOrigin::signed(OWNER), STORE, MARKET, 250));
		assert_eq!(
			last_event(),
			Event::StoreJoinedMarketplace { store: STORE, marketplace: MARKET, rate: 250 }
		);
		assert_eq!(
			MarketplaceOfStore::<Test>::get(STORE),
			Some(Membership { marketplace: MARKET, rate: 250 })
		);
		assert_eq!(
			commission(STORE),
			Some(Commission { marketplace: MARKET, rate: 250, fee_account: FEE })
		);
	});
}

#[test]
fn join_marketplace_errors() {
	ExtBuilder::default().build_and_execute(|| {
		register();
		market(250);
		let join = |who, store, market, rate| {
			StoreOrders::join_marketplace(RuntimeOrigin::signed(who), store, market, rate)
		};
		assert_noop!(join(OWNER, 9, MARKET, 250), Error::<Test>::UnknownStore);
		// Neither the payout account nor a stranger joins for the owner.
		assert_noop!(join(PAYOUT, STORE, MARKET, 250), Error::<Test>::NotOwner);
		assert_noop!(join(EVE, STORE, MARKET, 250), Error::<Test>::NotOwner);
		assert_noop!(join(OWNER, STORE, 9, 250), Error::<Test>::UnknownMarketplace);
		// Consent is to the number: a lower or higher one than offered is not this offer.
		assert_noop!(join(OWNER, STORE, MARKET, 249), Error::<Test>::TermsChanged);
		assert_noop!(join(OWNER, STORE, MARKET, 251), Error::<Test>::TermsChanged);
	});
}

#[test]
fn a_rate_raised_before_the_store_joins_is_refused_as_changed() {
	ExtBuilder::default().build_and_execute(|| {
		register();
		market(250);
		// The operator raises the rate in the same block, ahead of the store's acceptance.
		assert_ok!(StoreOrders::set_marketplace_terms(
			RuntimeOrigin::signed(OPERATOR),
			MARKET,
			900,
			FEE
		));
		assert_noop!(
			StoreOrders::join_marketplace(RuntimeOrigin::signed(OWNER), STORE, MARKET, 250),
			Error::<Test>::TermsChanged
		);
		assert_eq!(commission(STORE), None);
	});
}

#[test]
fn a_higher_rate_binds_a_member_only_once_it_accepts_it() {
	ExtBuilder::default().build_and_execute(|| {
		member(250);
		assert_ok!(StoreOrders::set_marketplace_terms(
			RuntimeOrigin::signed(OPERATOR),
			MARKET,
			900,
			FEE
		));
		assert_eq!(
			last_event(),
			Event::MarketplaceTermsChanged { marketplace: MARKET, rate: 900, fee_account: FEE }
		);
		// Still the accepted rate.
		assert_eq!(commission(STORE).map(|c| c.rate), Some(250));
		// Accepting the new offer by its number.
		assert_ok!(StoreOrders::join_marketplace(RuntimeOrigin::signed(OWNER), STORE, MARKET, 900));
		assert_eq!(commission(STORE).map(|c| c.rate), Some(900));
	});
}

#[test]
fn a_lower_rate_and_a_new_fee_account_apply_at_once() {
	ExtBuilder::default().build_and_execute(|| {
		member(250);
		assert_ok!(StoreOrders::set_marketplace_terms(
			RuntimeOrigin::signed(OPERATOR),
			MARKET,
			100,
			BUYER
		));
		assert_eq!(
			commission(STORE),
			Some(Commission { marketplace: MARKET, rate: 100, fee_account: BUYER })
		);
		// A rate of zero owes nothing.
		assert_ok!(StoreOrders::set_marketplace_terms(
			RuntimeOrigin::signed(OPERATOR),
			MARKET,
			0,
			FEE
		));
		assert_eq!(commission(STORE), None);
	});
}

#[test]
fn set_marketplace_terms_errors() {
	ExtBuilder::default().build_and_execute(|| {
		market(250);
		let set = |who, market, rate| {
			StoreOrders::set_marketplace_terms(RuntimeOrigin::signed(who), market, rate, FEE)
		};
		assert_noop!(set(OPERATOR, 9, 100), Error::<Test>::UnknownMarketplace);
		assert_noop!(set(OWNER, MARKET, 100), Error::<Test>::NotOperator);
		assert_noop!(set(OPERATOR, MARKET, MAX_COMMISSION + 1), Error::<Test>::CommissionTooHigh);
	});
}

#[test]
fn a_store_leaves_and_owes_nothing_more() {
	ExtBuilder::default().build_and_execute(|| {
		member(250);
		assert_noop!(
			StoreOrders::leave_marketplace(RuntimeOrigin::signed(PAYOUT), STORE),
			Error::<Test>::NotOwner
		);
		assert_ok!(StoreOrders::leave_marketplace(RuntimeOrigin::signed(OWNER), STORE));
		assert_eq!(last_event(), Event::StoreLeftMarketplace { store: STORE, marketplace: MARKET });
		assert_eq!(commission(STORE), None);
		assert_noop!(
			StoreOrders::leave_marketplace(RuntimeOrigin::signed(OWNER), STORE),
			Error::<Test>::NotInMarketplace
		);
	});
}

#[test]
fn the_operator_removes_a_store_of_its_own_only() {
	ExtBuilder::default().build_and_execute(|| {
		member(250);
		// A second marketplace, of someone else.
		assert_ok!(StoreOrders::register_marketplace(
			RuntimeOrigin::signed(BUYER),
			bounded(b"mall"),
			100,
			BUYER
		));
		assert_noop!(
			StoreOrders::remove_from_marketplace(RuntimeOrigin::signed(BUYER), 1, STORE),
			Error::<Test>::NotInMarketplace
		);
		assert_noop!(
			StoreOrders::remove_from_marketplace(RuntimeOrigin::signed(BUYER), MARKET, STORE),
			Error::<Test>::NotOperator
		);
		assert_noop!(
			StoreOrders::remove_from_marketplace(RuntimeOrigin::signed(OPERATOR), 9, STORE),
			Error::<Test>::UnknownMarketplace
		);
		assert_ok!(StoreOrders::remove_from_marketplace(
			RuntimeOrigin::signed(OPERATOR),
			MARKET,
			STORE
		));
		assert_eq!(last_event(), Event::StoreLeftMarketplace { store: STORE, marketplace: MARKET });
		assert_eq!(commission(STORE), None);
	});
}

#[test]
fn joining_another_marketplace_leaves_the_first() {
	ExtBuilder::default().build_and_execute(|| {
		member(250);
		assert_ok!(StoreOrders::register_marketplace(
			RuntimeOrigin::signed(BUYER),
			bounded(b"mall"),
			100,
			BUYER
		));
		assert_ok!(StoreOrders::join_marketplace(RuntimeOrigin::signed(OWNER), STORE, 1, 100));
		assert_eq!(
			commission(STORE),
			Some(Commission { marketplace: 1, rate: 100, fee_account: BUYER })
		);
		// The first marketplace cannot remove a store that is no longer its own.
		assert_noop!(
			StoreOrders::remove_from_marketplace(RuntimeOrigin::signed(OPERATOR), MARKET, STORE),
			Error::<Test>::NotInMarketplace
		);
	});
}

#[test]
fn a_closed_marketplace_returns_its_deposit_and_is_owed_nothing() {
	ExtBuilder::default().build_and_execute(|| {
		member(250);
		assert_noop!(
			StoreOrders::close_marketplace(RuntimeOrigin::signed(OWNER), MARKET),
			Error::<Test>::NotOperator
		);
		assert_ok!(StoreOrders::close_marketplace(RuntimeOrigin::signed(OPERATOR), MARKET));
		assert_eq!(last_event(), Event::MarketplaceClosed { marketplace: MARKET });
		assert_eq!(market_deposit(OPERATOR), 0);
		assert_eq!(Marketplaces::<Test>::get(MARKET), None);
		assert_eq!(commission(STORE), None);
		assert_noop!(
			StoreOrders::close_marketplace(RuntimeOrigin::signed(OPERATOR), MARKET),
			Error::<Test>::UnknownMarketplace
		);
		// Its id is never given again: a new marketplace is not the old one's members'.
		market(250);
		assert_eq!(NextMarketplaceId::<Test>::get(), 2);
		assert_eq!(commission(STORE), None);
	});
}

#[test]
fn a_closed_store_leaves_its_marketplace() {
	ExtBuilder::default().build_and_execute(|| {
		member(250);
		assert_ok!(StoreOrders::close_store(RuntimeOrigin::signed(OWNER), STORE));
		assert_eq!(MarketplaceOfStore::<Test>::get(STORE), None);
		assert_eq!(commission(STORE), None);
	});
}
