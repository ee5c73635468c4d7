//! Links and credit lines in an asset: the native token or the dollar stablecoin.

use super::*;

// Links in an asset: the native token or the dollar stablecoin.

#[test]
fn a_link_is_drawn_only_for_settlements_in_its_asset() {
	ExtBuilder::default().build_and_execute(|| {
		link_in(LINKED, USD, 300);
		link_in(LINKED2, NATIVE, 200);
		assert_eq!(
			Allowances::<Test>::get(BUYER, LINKED),
			Some(TopUp { asset: USD, limit: 300, deposit: LINK_DEPOSIT })
		);
		// A dollar settlement draws dollars from the dollar link only.
		assert_ok!(cover_in(USD, 1, 250));
		assert_eq!((dollars(BUYER), dollars(LINKED)), (350, 750));
		assert_eq!(free(LINKED), 1_000 - LINK_DEPOSIT, "its deposit is native; no native drawn");
		assert_eq!(free(LINKED2), 1_000 - LINK_DEPOSIT);
		assert_eq!(
			Draws::<Test>::get(1).unwrap().into_inner(),
			vec![Draw { from: LINKED, source: Source::Linked, amount: 250 }]
		);
		assert!(funding_events().contains(&Event::ToppedUp {
			settlement: 1,
			buyer: BUYER,
			from: LINKED,
			asset: USD,
			amount: 250
		}));
		// 50 dollars left on it; the native link is never drawn for dollars.
		assert_noop!(cover_in(USD, 2, 51), Error::<Test>::ShortfallNotCovered);
		// A native settlement draws from the native link only.
		assert_ok!(cover_in(NATIVE, 3, 200));
		assert_eq!(free(LINKED2), 1_000 - LINK_DEPOSIT - 200);
		assert_eq!(dollars(LINKED), 750);
		assert_eq!(dollars(LINKED2), 1_000);
		assert_eq!(Allowances::<Test>::get(BUYER, LINKED).map(|l| l.limit), Some(50));
		// The dollar link's 50 are not drawn for a native settlement.
		assert_noop!(cover_in(NATIVE, 4, 1), Error::<Test>::ShortfallNotCovered);
		assert_ok!(cover_in(USD, 2, 50));
	});
}

#[test]
fn a_credit_line_in_dollars_is_drawn_owed_and_repaid_in_dollars() {
	ExtBuilder::default().build_and_execute(|| {
		lend_in(LENDER, USD, 500);
		lend(SMALL_LENDER, 500);
		assert!(funding_events().contains(&Event::OfferAccepted {
			buyer: BUYER,
			creator: LENDER,
			kind: Source::Credit,
			asset: USD,
			limit: 500
		}));
		assert_ok!(cover_in(USD, 1, 200));
		assert_eq!(debt(LENDER), 200);
		assert_eq!(debt(SMALL_LENDER), 0, "the native line is not drawn for dollars");
		assert_eq!((dollars(BUYER), dollars(LENDER)), (300, 800));
		assert_eq!(free(LENDER), 1_000 - LINK_DEPOSIT);
		assert!(funding_events().contains(&Event::CreditDrawn {
			settlement: 1,
			borrower: BUYER,
			lender: LENDER,
			asset: USD,
			amount: 200,
			debt: 200
		}));
		// The borrower repays in dollars.
		assert_ok!(Funding::repay(RuntimeOrigin::signed(BUYER), LENDER, 150));
		assert_eq!(debt(LENDER), 50);
		assert_eq!((dollars(BUYER), dollars(LENDER)), (150, 950));
		assert_eq!((free(BUYER), free(LENDER)), (100, 1_000 - LINK_DEPOSIT));
		assert_eq!(
			funding_events().last(),
			Some(&Event::CreditRepaid {
				borrower: BUYER,
				lender: LENDER,
				asset: USD,
				amount: 150,
				settlement: None,
				debt: 50
			})
		);
		// Closing the line tells its asset with its debt.
		assert_ok!(Funding::close_credit_line(RuntimeOrigin::signed(LENDER), BUYER));
		assert_eq!(
			funding_events().last(),
			Some(&Event::CreditLineClosed {
				lender: LENDER,
				borrower: BUYER,
				asset: USD,
				debt: 50
			})
		);
		// The settlement's release repays the rest, in dollars; the closed line goes.
		release_in(USD, 1, 50);
		assert_eq!(CreditLines::<Test>::get(BUYER, LENDER), None);
		assert_eq!((dollars(BUYER), dollars(LENDER)), (100, 1_000));
		assert_eq!((free(LENDER), held(LENDER)), (1_000, 0));
		assert!(funding_events().contains(&Event::CreditRepaid {
			borrower: BUYER,
			lender: LENDER,
			asset: USD,
			amount: 50,
			settlement: Some(1),
			debt: 0
		}));
	});
}

#[test]
fn a_dollar_lender_keeps_its_minimum_balance_and_its_deposit_stays_native() {
	ExtBuilder::default().build_and_execute(|| {
		// SMALL_LENDER has 50 dollars and 50 native, 5 of them held as the deposit: it can
		// give 45 dollars and stay alive.
		lend_in(SMALL_LENDER, USD, 500);
		assert_eq!((free(SMALL_LENDER), held(SMALL_LENDER)), (50 - LINK_DEPOSIT, LINK_DEPOSIT));
		assert_noop!(cover_in(USD, 1, 46), Error::<Test>::ShortfallNotCovered);
		assert_ok!(cover_in(USD, 1, 45));
		assert_eq!(dollars(SMALL_LENDER), USD_MIN);
		assert_eq!(free(SMALL_LENDER), 50 - LINK_DEPOSIT);
	});
}

#[test]
fn a_top_up_link_switches_asset_on_an_accepted_offer() {
	ExtBuilder::default().build_and_execute(|| {
		link(LINKED, 100);
		assert_ok!(cover(1, 30));
		// A limit in another asset is an offer, even a lower one: the link stands.
		assert_ok!(Funding::approve_top_up(RuntimeOrigin::signed(LINKED), BUYER, USD, 50));
		assert_eq!(
			Allowances::<Test>::get(BUYER, LINKED),
			Some(TopUp { asset: NATIVE, limit: 70, deposit: LINK_DEPOSIT })
		);
		assert_eq!(
			TopUpOffers::<Test>::get(BUYER, LINKED),
			Some(Offer { asset: USD, limit: 50, deposit: LINK_DEPOSIT })
		);
		assert_eq!(
			funding_events().last(),
			Some(&Event::Offered {
				buyer: BUYER,
				creator: LINKED,
				kind: Source::Linked,
				asset: USD,
				limit: 50
			})
		);
		// Accepting names the asset: the native one is not what is offered.
		assert_noop!(
			Funding::accept_top_up(RuntimeOrigin::signed(BUYER), LINKED, NATIVE, 50),
			Error::<Test>::OfferChanged
		);
		assert_ok!(Funding::accept_top_up(RuntimeOrigin::signed(BUYER), LINKED, USD, 50));
		assert_eq!(
			Allowances::<Test>::get(BUYER, LINKED),
			Some(TopUp { asset: USD, limit: 50, deposit: LINK_DEPOSIT })
		);
		assert_eq!(held(LINKED), LINK_DEPOSIT, "the offer's deposit released");
		assert_eq!(LinkedCount::<Test>::get(BUYER), 1);
		assert_noop!(cover(2, 1), Error::<Test>::ShortfallNotCovered);
		assert_ok!(cover_in(USD, 2, 50));
		// An offer whose asset changed since is not accepted.
		assert_ok!(Funding::approve_top_up(RuntimeOrigin::signed(LINKED), BUYER, USD, 80));
		assert_ok!(Funding::approve_top_up(RuntimeOrigin::signed(LINKED), BUYER, NATIVE, 80));
		assert_eq!(
			TopUpOffers::<Test>::get(BUYER, LINKED),
			Some(Offer { asset: NATIVE, limit: 80, deposit: LINK_DEPOSIT })
		);
		assert_noop!(
			Funding::accept_top_up(RuntimeOrigin::signed(BUYER), LINKED, USD, 80),
			Error::<Test>::OfferChanged
		);
		// Zero revokes link and offer, whatever the asset named.
		assert_ok!(Funding::approve_top_up(RuntimeOrigin::signed(LINKED), BUYER, UNKNOWN, 0));
		assert_eq!(Allowances::<Test>::get(BUYER, LINKED), None);
		assert_eq!(TopUpOffers::<Test>::get(BUYER, LINKED), None);
		assert_eq!(held(LINKED), 0);
	});
}

#[test]
fn a_limit_is_lowered_at_once_only_in_the_links_asset() {
	ExtBuilder::default().build_and_execute(|| {
		link_in(LINKED, USD, 100);
		assert_ok!(Funding::approve_top_up(RuntimeOrigin::signed(LINKED), BUYER, NATIVE, 40));
		assert_eq!(
			Allowances::<Test>::get(BUYER, LINKED).map(|l| (l.asset, l.limit)),
			Some((USD, 100))
		);
		assert_ok!(Funding::approve_top_up(RuntimeOrigin::signed(LINKED), BUYER, USD, 40));
		assert_eq!(
			Allowances::<Test>::get(BUYER, LINKED).map(|l| (l.asset, l.limit)),
			Some((USD, 40))
		);
		assert_eq!(TopUpOffers::<Test>::get(BUYER, LINKED), None, "the native offer withdrawn");
		assert_eq!(
			funding_events().last(),
			Some(&Event::LimitLowered {
				buyer: BUYER,
				creator: LINKED,
				kind: Source::Linked,
				asset: USD,
				limit: 40
			})
		);
		lend_in(LENDER, USD, 100);
		assert_ok!(Funding::open_credit_line(RuntimeOrigin::signed(LENDER), BUYER, NATIVE, 40));
		assert_eq!(
			CreditLines::<Test>::get(BUYER, LENDER).map(|l| (l.asset, l.limit)),
			Some((USD, 100))
		);
		assert_eq!(CreditOffers::<Test>::get(BUYER, LENDER).map(|o| o.asset), Some(NATIVE));
		assert_ok!(Funding::open_credit_line(RuntimeOrigin::signed(LENDER), BUYER, USD, 40));
		assert_eq!(
			CreditLines::<Test>::get(BUYER, LENDER).map(|l| (l.asset, l.limit)),
			Some((USD, 40))
		);
		assert_eq!(CreditOffers::<Test>::get(BUYER, LENDER), None);
		assert_eq!(
			funding_events().last(),
			Some(&Event::LimitLowered {
				buyer: BUYER,
				creator: LENDER,
				kind: Source::Credit,
				asset: USD,
				limit: 40
			})
		);
		assert_eq!((held(LINKED), held(LENDER)), (LINK_DEPOSIT, LINK_DEPOSIT));
	});
}

#[test]
fn a_credit_line_switches_asset_only_without_debt() {
	ExtBuilder::default().build_and_execute(|| {
		lend(LENDER, 100);
		assert_ok!(cover(1, 60));
		// The lender may offer dollars; the borrower cannot accept while it owes.
		assert_ok!(Funding::open_credit_line(RuntimeOrigin::signed(LENDER), BUYER, USD, 100));
		assert_noop!(
			Funding::accept_credit_line(RuntimeOrigin::signed(BUYER), LENDER, USD, 100),
			Error::<Test>::DebtOutstanding
		);
		assert_eq!(
			CreditLines::<Test>::get(BUYER, LENDER),
			Some(CreditLine {
				asset: NATIVE,
				limit: 100,
				debt: 60,
				open: true,
				deposit: LINK_DEPOSIT
			})
		);
		// Repaid (in the native token), the switch is accepted; the offer's deposit goes back.
		assert_ok!(Funding::repay(RuntimeOrigin::signed(BUYER), LENDER, 60));
		assert_ok!(Funding::accept_credit_line(RuntimeOrigin::signed(BUYER), LENDER, USD, 100));
		assert_eq!(
			CreditLines::<Test>::get(BUYER, LENDER),
			Some(CreditLine { asset: USD, limit: 100, debt: 0, open: true, deposit: LINK_DEPOSIT })
		);
		assert_eq!((free(LENDER), held(LENDER)), (1_000 - LINK_DEPOSIT, LINK_DEPOSIT));
		assert_eq!(LenderCount::<Test>::get(BUYER), 1);
		assert_noop!(cover(2, 1), Error::<Test>::ShortfallNotCovered);
		assert_ok!(cover_in(USD, 2, 40));
		assert_eq!(debt(LENDER), 40);
		// Settlement 1 (native) closes: its credit was repaid, and the line now owes dollars,
		// which a native release does not repay.
		assert_eq!(Draws::<Test>::get(1).map(|d| d.len()), Some(1));
		close(1, 60);
		assert_eq!(debt(LENDER), 40);
		assert_eq!((free(BUYER), dollars(LENDER)), (100 + 60 - 60, 960));
		// Settlement 2 (dollars) closes and repays its dollars.
		close_in(USD, 2, 40);
		assert_eq!(debt(LENDER), 0);
		assert_eq!(dollars(LENDER), 1_000);
		// A closed line with debt keeps its asset until repaid; a switch offer waits.
		assert_ok!(cover_in(USD, 3, 10));
		assert_ok!(Funding::close_credit_line(RuntimeOrigin::signed(LENDER), BUYER));
		assert_ok!(Funding::open_credit_line(RuntimeOrigin::signed(LENDER), BUYER, NATIVE, 70));
		assert_noop!(
			Funding::accept_credit_line(RuntimeOrigin::signed(BUYER), LENDER, NATIVE, 70),
			Error::<Test>::DebtOutstanding
		);
		assert_ok!(Funding::repay(RuntimeOrigin::signed(BUYER), LENDER, 10));
		// Repaid and closed: the line went; the offer is accepted as a new line.
		assert_eq!(CreditLines::<Test>::get(BUYER, LENDER), None);
		assert_ok!(Funding::accept_credit_line(RuntimeOrigin::signed(BUYER), LENDER, NATIVE, 70));
		assert_eq!(
			CreditLines::<Test>::get(BUYER, LENDER),
			Some(CreditLine {
				asset: NATIVE,
				limit: 70,
				debt: 0,
				open: true,
				deposit: LINK_DEPOSIT
			})
		);
	});
}

#[test]
fn an_offer_must_name_an_asset_that_exists() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			Funding::approve_top_up(RuntimeOrigin::signed(LINKED), BUYER, UNKNOWN, 10),
			Error::<Test>::UnknownAsset
		);
		assert_noop!(
			Funding::open_credit_line(RuntimeOrigin::signed(LENDER), BUYER, UNKNOWN, 10),
			Error::<Test>::UnknownAsset
		);
		// Nor may a pending offer be changed to one.
		assert_ok!(Funding::open_credit_line(RuntimeOrigin::signed(LENDER), BUYER, USD, 10));
		assert_noop!(
			Funding::open_credit_line(RuntimeOrigin::signed(LENDER), BUYER, UNKNOWN, 10),
			Error::<Test>::UnknownAsset
		);
		assert_eq!(held(LENDER), LINK_DEPOSIT);
	});
}

#[test]
fn a_repayment_that_cannot_be_made_stays_owed_and_is_told() {
	ExtBuilder::default().build_and_execute(|| {
		lend_in(LENDER, USD, 500);
		assert_ok!(cover_in(USD, 1, 200));
		// The stablecoin's issuer blocks the lender: nothing can be paid to it.
		assert_ok!(Assets::block(RuntimeOrigin::signed(EVE), USD_ID, LENDER));
		let before = (dollars(BUYER), dollars(LENDER));
		close_in(USD, 1, 200);
		assert_eq!(debt(LENDER), 200, "the debt stays on the line");
		assert_eq!((dollars(BUYER), dollars(LENDER)), before, "nothing moved");
		assert!(funding_events().iter().any(|e| matches!(
			e,
			Event::CreditRepaymentFailed {
				borrower: BUYER,
				lender: LENDER,
				asset,
				amount: 200,
				settlement: 1,
				debt: 200,
				..
			} if *asset == USD
		)));
		// Unblocked, the borrower repays it by a call.
		assert_ok!(Assets::thaw(RuntimeOrigin::signed(EVE), USD_ID, LENDER));
		assert_ok!(Funding::repay(RuntimeOrigin::signed(BUYER), LENDER, 200));
		assert_eq!(debt(LENDER), 0);
	});
}
