//! Tests over the real runtime, from the `development` genesis preset: the whole flow across
//! both pallets (patent steps S101–S109 and S301–S305), auto-settlement by block, and the
//! answers of the runtime API.

use crate::{
	genesis_config_presets, test_helpers::run_to_block, AccountId, Balance, Balances, BlockNumber,
	Escrow, Runtime, RuntimeCall, RuntimeGenesisConfig, RuntimeOrigin, StoreOrders, System, DAYS,
	UNIT,
};
use escrow_runtime_common::queries;
use frame_support::traits::fungible::NativeOrWithId;
use frame_support::{
	assert_noop, assert_ok,
	traits::{
		fungible::{Inspect, InspectHold},
		Get, IntegrityTest,
	},
};
use pallet_escrow::{PayoutTrigger, SettlementStatus};
use pallet_store_orders::OrderStatus;
use sp_keyring::Sr25519Keyring;
use sp_runtime::{traits::Dispatchable, BuildStorage};

const STORE: u32 = 0;
const SNAPSHOT: [u8; 32] = [1; 32];

/// The terms a store accepts settlement `id` on: its snapshot and time-limit rule as stored.
fn terms(id: u64) -> ([u8; 32], u32) {
	pallet_escrow::Settlements::<Runtime>::get(id)
		.map_or(([0; 32], 0), |s| (s.snapshot, s.time_limit))
}

fn alice() -> AccountId {
	Sr25519Keyring::Alice.to_account_id()
}
fn bob() -> AccountId {
	Sr25519Keyring::Bob.to_account_id()
}
fn charlie() -> AccountId {
	Sr25519Keyring::Charlie.to_account_id()
}

/// Merges a preset's JSON patch into the full default genesis config.
fn merge(base: &mut serde_json::Value, patch: serde_json::Value) {
	match (base, patch) {
		(serde_json::Value::Object(base), serde_json::Value::Object(patch)) => {
			for (key, value) in patch {
				merge(base.entry(key).or_insert(serde_json::Value::Null), value);
			}
		}
		(base, patch) => *base = patch,
	}
}

/// The state of the `development` preset, at block 1, with the invariants of both pallets
/// checked after `test`.
fn dev_chain(test: impl FnOnce()) {
	preset_chain(genesis_config_presets::development_config_genesis(), test)
}

/// The state of a preset, at block 1, with the invariants checked after `test`.
fn preset_chain(preset: serde_json::Value, test: impl FnOnce()) {
	let mut config = serde_json::to_value(RuntimeGenesisConfig::default()).unwrap();
	merge(&mut config, preset);
	let config: RuntimeGenesisConfig = serde_json::from_value(config).unwrap();
	let mut ext = sp_io::TestExternalities::new(config.build_storage().unwrap());
	ext.execute_with(|| {
		use frame_support::traits::fungibles::Inspect as _;
		System::set_block_number(1);
		let issuance = Balances::total_issuance();
		let dollars = crate::Assets::total_issuance(crate::STABLECOIN);
		test();
		assert_eq!(Balances::total_issuance(), issuance, "no balance created or destroyed");
		// Fees paid in dollars are burned, as ESC fees are; tests that pay them check them.
		assert!(crate::Assets::total_issuance(crate::STABLECOIN) <= dollars, "no dollar created");
		Escrow::do_try_state().unwrap();
		StoreOrders::do_try_state().unwrap();
	});
}

/// A store's list of accepted assets: ESC only.
fn native_only() -> pallet_store_orders::AssetsOf<Runtime> {
	vec![NativeOrWithId::Native].try_into().unwrap()
}

fn free(who: &AccountId) -> Balance {
	Balances::balance(who)
}

fn held(who: &AccountId) -> Balance {
	Balances::balance_on_hold(&pallet_escrow::HoldReason::Payment.into(), who)
}

fn open(buyer: &AccountId, order: &[u8], amount: Balance, time_limit: Option<BlockNumber>) {
	assert_ok!(Escrow::open_settlement(
		RuntimeOrigin::signed(buyer.clone()),
		STORE,
		order.to_vec().try_into().unwrap(),
		NativeOrWithId::Native,
		amount,
		bob().into(),
		time_limit,
		SNAPSHOT,
	));
}

fn accept_and_ship(order: &[u8], settlement: u64, amount: Balance) {
	assert_ok!(StoreOrders::accept_payment(
		RuntimeOrigin::signed(bob()),
		STORE,
		order.to_vec().try_into().unwrap(),
		settlement,
		amount,
		terms(settlement).0,
		terms(settlement).1
	));
	assert_ok!(StoreOrders::mark_shipped(
		RuntimeOrigin::signed(bob()),
		STORE,
		order.to_vec().try_into().unwrap(),
		b"DHL:00340434161094042557".to_vec().try_into().unwrap()
	));
}

#[test]
fn the_development_preset_funds_the_dev_accounts_and_registers_bobs_store() {
	dev_chain(|| {
		assert_eq!(free(&alice()), genesis_config_presets::ENDOWMENT);
		let store = pallet_store_orders::Stores::<Runtime>::get(STORE).unwrap();
		assert_eq!((store.owner, store.payout), (bob(), bob()));
		assert_eq!(store.name.as_slice(), genesis_config_presets::DEMO_STORE_NAME);
		assert_eq!(
			Balances::balance_on_hold(
				&pallet_store_orders::HoldReason::StoreDeposit.into(),
				&bob()
			),
			UNIT
		);
		assert_eq!(pallet_sudo::Key::<Runtime>::get(), Some(alice()));
	});
}

#[test]
fn only_the_development_chain_has_a_time_limit_rule_under_an_hour() {
	dev_chain(|| {
		assert_eq!(Escrow::time_limit_bounds().0, 3);
		assert_eq!(Escrow::resolve_time_limit(Some(1), None), 3);
	});
	preset_chain(genesis_config_presets::local_config_genesis(), || {
		assert_eq!(Escrow::time_limit_bounds().0, crate::HOURS);
		assert_eq!(Escrow::resolve_time_limit(Some(3), None), crate::HOURS);
		// A store's default below the chain's floor is refused when it is set.
		assert_noop!(
			StoreOrders::register_store(
				RuntimeOrigin::signed(bob()),
				bob(),
				b"shop".to_vec().try_into().unwrap(),
				Some(crate::HOURS - 1),
				native_only(),
			),
			pallet_store_orders::Error::<Runtime>::TimeLimitOutOfBounds
		);
		assert_ok!(StoreOrders::register_store(
			RuntimeOrigin::signed(bob()),
			bob(),
			b"shop".to_vec().try_into().unwrap(),
			Some(crate::HOURS),
			native_only(),
		));
	});
}

#[test]
fn the_runtime_passes_its_integrity_tests() {
	dev_chain(|| {
		<crate::AllPalletsWithSystem as IntegrityTest>::integrity_test();
	});
}

#[test]
fn the_whole_flow_pays_the_store_and_completes_its_order() {
	dev_chain(|| {
		let (alice_before, bob_before) = (free(&alice()), free(&bob()));
		// S101–S105, S201–S204: Alice opens a settlement; the amount is held, not moved.
		open(&alice(), b"order-1", 100 * UNIT, None);
		let deposit: Balance = <Runtime as pallet_escrow::Config>::SettlementDeposit::get();
		assert_eq!(held(&alice()), 100 * UNIT);
		assert_eq!(free(&alice()), alice_before - 100 * UNIT - deposit);
		let settlement = pallet_escrow::Settlements::<Runtime>::get(0).unwrap();
		assert_eq!(settlement.status, SettlementStatus::AwaitingAcceptance);
		assert_eq!(settlement.time_limit, 10 * DAYS, "the runtime default: 10 days");

		// S106, S301–S303: Bob's store accepts and ships.
		accept_and_ship(b"order-1", 0, 100 * UNIT);
		let settlement = pallet_escrow::Settlements::<Runtime>::get(0).unwrap();
		assert_eq!(settlement.status, SettlementStatus::Shipped);
		assert_eq!(settlement.deadline, Some(1 + 10 * DAYS));

		// S107–S108, S205–S206: Alice confirms; S109, S304–S305: the order completes.
		run_to_block(5);
		assert_ok!(Escrow::confirm_receipt(RuntimeOrigin::signed(alice()), 0, 100 * UNIT));
		assert_eq!(free(&bob()), bob_before + 100 * UNIT);
		assert_eq!(held(&alice()), 0);
		assert_eq!(free(&alice()), alice_before - 100 * UNIT);
		let details = queries::store_order::<Runtime>(STORE, b"order-1".to_vec()).unwrap();
		assert_eq!(details.order.status, OrderStatus::Completed);
		assert_eq!(details.order.record, Some(0));
		let record = details.record.unwrap();
		assert_eq!(
			(record.payee, record.amount, record.trigger),
			(bob(), 100 * UNIT, PayoutTrigger::Confirmed)
		);
		assert_eq!(details.settlement.unwrap().status, SettlementStatus::Completed);
	});
}

#[test]
fn the_chain_settles_by_itself_at_the_deadline_and_completes_the_order() {
	dev_chain(|| {
		let bob_before = free(&bob());
		open(&alice(), b"order-2", 40 * UNIT, Some(3));
		accept_and_ship(b"order-2", 0, 40 * UNIT);
		run_to_block(3);
		assert_eq!(
			queries::store_order::<Runtime>(STORE, b"order-2".to_vec()).unwrap().order.status,
			OrderStatus::Shipped
		);
		run_to_block(4);
		let details = queries::store_order::<Runtime>(STORE, b"order-2".to_vec()).unwrap();
		assert_eq!(details.order.status, OrderStatus::Completed);
		assert_eq!(details.record.map(|r| r.trigger), Some(PayoutTrigger::Deadline));
		assert_eq!(free(&bob()), bob_before + 40 * UNIT);
		assert_eq!(held(&alice()), 0);
		assert!(System::events().iter().any(|r| matches!(
			r.event,
			crate::RuntimeEvent::StoreOrders(pallet_store_orders::Event::OrderCompleted { .. })
		)));
	});
}

#[test]
fn a_refund_releases_the_hold_and_the_store_order() {
	dev_chain(|| {
		let alice_before = free(&alice());
		open(&alice(), b"order-3", 10 * UNIT, None);
		accept_and_ship(b"order-3", 0, 10 * UNIT);
		assert_ok!(Escrow::refund(RuntimeOrigin::signed(bob()), 0));
		assert_eq!(free(&alice()), alice_before);
		assert_eq!(
			queries::store_order::<Runtime>(STORE, b"order-3".to_vec()).unwrap().order.status,
			OrderStatus::Refunded
		);
	});
}

#[test]
fn a_store_cannot_accept_a_settlement_made_out_to_someone_else() {
	dev_chain(|| {
		assert_ok!(Escrow::open_settlement(
			RuntimeOrigin::signed(alice()),
			STORE,
			b"order-4".to_vec().try_into().unwrap(),
			NativeOrWithId::Native,
			10 * UNIT,
			charlie().into(),
			None,
			SNAPSHOT,
		));
		assert_noop!(
			StoreOrders::accept_payment(
				RuntimeOrigin::signed(bob()),
				STORE,
				b"order-4".to_vec().try_into().unwrap(),
				0,
				10 * UNIT,
				terms(0).0,
				terms(0).1
			),
			pallet_store_orders::Error::<Runtime>::WrongPayee
		);
	});
}

#[test]
fn the_runtime_api_answers_queries_by_id_buyer_store_and_order() {
	dev_chain(|| {
		open(&alice(), b"a", 5 * UNIT, None);
		open(&charlie(), b"b", 6 * UNIT, None);
		open(&alice(), b"c", 7 * UNIT, None);
		let ids = |found: Vec<(u64, pallet_escrow::SettlementOf<Runtime>)>| {
			let mut ids = found.into_iter().map(|(id, _)| id).collect::<Vec<_>>();
			ids.sort();
			ids
		};
		assert_eq!(ids(Escrow::open_settlements_of_buyer(&alice(), None, 10)), vec![0, 2]);
		assert_eq!(ids(Escrow::open_settlements_of_store(STORE, None, 10)), vec![0, 1, 2]);
		// Pages: a cursor continues where the page before ended, in the index's order.
		let first = Escrow::open_settlements_of_store(STORE, None, 2);
		let rest = Escrow::open_settlements_of_store(STORE, first.last().map(|(id, _)| *id), 2);
		assert_eq!((first.len(), rest.len()), (2, 1));
		assert_eq!(ids(first.into_iter().chain(rest).collect()), vec![0, 1, 2]);
		assert_eq!(pallet_escrow::Settlements::<Runtime>::get(1).unwrap().amount, 6 * UNIT);
		assert!(
			queries::store_order::<Runtime>(STORE, b"a".to_vec()).is_none(),
			"not accepted yet"
		);
		accept_and_ship(b"a", 0, 5 * UNIT);
		let details = queries::store_order::<Runtime>(STORE, b"a".to_vec()).unwrap();
		assert_eq!(details.order.settlement, 0);
		assert_eq!(details.settlement.map(|s| s.status), Some(SettlementStatus::Shipped));
		assert!(details.record.is_none());
	});
}

#[test]
fn calls_dispatch_through_the_runtime_call_enum() {
	dev_chain(|| {
		let call = RuntimeCall::Escrow(pallet_escrow::Call::open_settlement {
			store: STORE,
			order_no: b"x".to_vec().try_into().unwrap(),
			asset: NativeOrWithId::Native,
			amount: UNIT,
			payee: bob().into(),
			time_limit: None,
			snapshot: SNAPSHOT,
		});
		assert_ok!(call.dispatch(RuntimeOrigin::signed(alice())));
		assert_eq!(held(&alice()), UNIT);
	});
}

#[test]
fn a_short_buyer_is_funded_by_a_linked_account_then_credit_and_a_refund_repays_credit_first() {
	dev_chain(|| {
		let buyer = Sr25519Keyring::One.to_account_id();
		let dave = Sr25519Keyring::Dave.to_account_id();
		assert_ok!(Balances::transfer_keep_alive(
			RuntimeOrigin::signed(alice()),
			buyer.clone().into(),
			2 * UNIT
		));
		assert_ok!(crate::Funding::approve_top_up(
			RuntimeOrigin::signed(charlie()),
			buyer.clone().into(),
			NativeOrWithId::Native,
			5 * UNIT
		));
		assert_ok!(crate::Funding::open_credit_line(
			RuntimeOrigin::signed(dave.clone()),
			buyer.clone().into(),
			NativeOrWithId::Native,
			10 * UNIT
		));
		// Offers are drawn on only once the buyer accepted them, at the limits offered.
		assert_ok!(crate::Funding::accept_top_up(
			RuntimeOrigin::signed(buyer.clone()),
			charlie().into(),
			NativeOrWithId::Native,
			5 * UNIT
		));
		assert_ok!(crate::Funding::accept_credit_line(
			RuntimeOrigin::signed(buyer.clone()),
			dave.clone().into(),
			NativeOrWithId::Native,
			10 * UNIT
		));
		let (charlie_before, dave_before) = (free(&charlie()), free(&dave));

		open(&buyer, b"funded", 12 * UNIT, None);
		assert_eq!(held(&buyer), 12 * UNIT);
		assert_eq!(charlie_before - free(&charlie()), 5 * UNIT, "the linked account first");
		let drawn = dave_before - free(&dave);
		assert!(drawn > 0 && drawn < 10 * UNIT, "credit covers the rest");
		let line = pallet_funding::CreditLines::<Runtime>::get(&buyer, &dave).unwrap();
		assert_eq!(line.debt, drawn);

		// The store refunds: the lender is repaid from the released hold first.
		assert_ok!(StoreOrders::accept_payment(
			RuntimeOrigin::signed(bob()),
			STORE,
			b"funded".to_vec().try_into().unwrap(),
			0,
			12 * UNIT,
			terms(0).0,
			terms(0).1
		));
		assert_ok!(Escrow::refund(RuntimeOrigin::signed(bob()), 0));
		assert_eq!(free(&dave), dave_before);
		assert!(pallet_funding::CreditLines::<Runtime>::get(&buyer, &dave).unwrap().debt == 0);
	});
}

#[test]
fn a_dispute_ruled_by_root_completes_the_store_order_with_the_split() {
	dev_chain(|| {
		let bob_before = free(&bob());
		open(&alice(), b"disputed", 10 * UNIT, None);
		accept_and_ship(b"disputed", 0, 10 * UNIT);
		assert_ok!(Escrow::open_dispute(RuntimeOrigin::signed(alice()), 0, [9; 32]));
		assert_eq!(
			queries::store_order::<Runtime>(STORE, b"disputed".to_vec()).unwrap().order.status,
			OrderStatus::Disputed
		);
		assert_noop!(
			Escrow::resolve_dispute(
				RuntimeOrigin::signed(bob()),
				0,
				pallet_escrow::Ruling::Split { payout: 6 * UNIT }
			),
			sp_runtime::DispatchError::BadOrigin
		);
		assert_ok!(Escrow::resolve_dispute(
			RuntimeOrigin::root(),
			0,
			pallet_escrow::Ruling::Split { payout: 6 * UNIT }
		));
		let details = queries::store_order::<Runtime>(STORE, b"disputed".to_vec()).unwrap();
		assert_eq!(details.order.status, OrderStatus::Completed);
		assert_eq!(details.order.paid, Some(6 * UNIT));
		assert_eq!(free(&bob()) - bob_before, 6 * UNIT);
	});
}

#[test]
fn lowering_a_credit_funded_settlement_repays_the_lender_first() {
	dev_chain(|| {
		let buyer = Sr25519Keyring::Two.to_account_id();
		let dave = Sr25519Keyring::Dave.to_account_id();
		assert_ok!(Balances::transfer_keep_alive(
			RuntimeOrigin::signed(alice()),
			buyer.clone().into(),
			UNIT
		));
		assert_ok!(crate::Funding::open_credit_line(
			RuntimeOrigin::signed(dave.clone()),
			buyer.clone().into(),
			NativeOrWithId::Native,
			100 * UNIT
		));
		// An offer the buyer has not accepted is never drawn on.
		assert_noop!(
			Escrow::open_settlement(
				RuntimeOrigin::signed(buyer.clone()),
				STORE,
				b"credit".to_vec().try_into().unwrap(),
				NativeOrWithId::Native,
				50 * UNIT,
				bob().into(),
				None,
				SNAPSHOT
			),
			pallet_escrow::Error::<Runtime>::InsufficientBalance
		);
		assert_ok!(crate::Funding::accept_credit_line(
			RuntimeOrigin::signed(buyer.clone()),
			dave.clone().into(),
			NativeOrWithId::Native,
			100 * UNIT
		));
		let dave_before = free(&dave);
		open(&buyer, b"credit", 50 * UNIT, None);
		let drawn = dave_before - free(&dave);
		assert!(drawn > 49 * UNIT, "credit covers what the buyer lacks");
		// Re-open at 1 ESC before acceptance: the 49 ESC released repay the lender first.
		open(&buyer, b"credit", UNIT, None);
		let line = pallet_funding::CreditLines::<Runtime>::get(&buyer, &dave).unwrap();
		assert_eq!(line.debt, drawn - 49 * UNIT);
		assert_eq!(dave_before - free(&dave), drawn - 49 * UNIT);
		// Cancel: the rest of the hold repays the rest of the debt.
		assert_ok!(Escrow::cancel(RuntimeOrigin::signed(buyer.clone()), 0));
		assert_eq!(free(&dave), dave_before);
		assert_eq!(
			pallet_funding::CreditLines::<Runtime>::get(&buyer, &dave).map(|l| l.debt),
			Some(0)
		);
	});
}

// ---- after-sales ------------------------------------------------------------------------------

#[test]
fn a_partial_refund_and_a_granted_request_of_a_credit_funded_order_repay_the_lender_first() {
	dev_chain(|| {
		let (buyer, dave) =
			(Sr25519Keyring::Two.to_account_id(), Sr25519Keyring::Dave.to_account_id());
		// A buyer with 1 ESC and Dave's credit line of 100 ESC, accepted.
		let to_buyer = buyer.clone().into();
		assert_ok!(Balances::transfer_keep_alive(RuntimeOrigin::signed(alice()), to_buyer, UNIT));
		let (native, limit) = (NativeOrWithId::Native, 100 * UNIT);
		let dave_signs = RuntimeOrigin::signed(dave.clone());
		assert_ok!(crate::Funding::open_credit_line(
			dave_signs,
			buyer.clone().into(),
			native.clone(),
			limit
		));
		let buyer_signs = RuntimeOrigin::signed(buyer.clone());
		assert_ok!(crate::Funding::accept_credit_line(
			buyer_signs,
			dave.clone().into(),
			native,
			limit
		));
		let dave_before = free(&dave);
		open(&buyer, b"credit", 50 * UNIT, None);
		let drawn = dave_before - free(&dave);
		assert!(drawn > 40 * UNIT, "credit covers what the buyer lacks");
		accept_and_ship(b"credit", 0, 50 * UNIT);
		let debt = || pallet_funding::CreditLines::<Runtime>::get(&buyer, &dave).map(|l| l.debt);

		// The store refunds 10 ESC of the order: they repay the lender first.
		assert_ok!(Escrow::partial_refund(RuntimeOrigin::signed(bob()), 0, 10 * UNIT));
		assert_eq!(debt(), Some(drawn - 10 * UNIT));
		assert_eq!(dave_before - free(&dave), drawn - 10 * UNIT);

		// The buyer asks for 20 more; the store grants them: the lender again first.
		assert_ok!(Escrow::request_refund(
			RuntimeOrigin::signed(buyer.clone()),
			0,
			20 * UNIT,
			[1; 32]
		));
		let order_status = || {
			pallet_store_orders::Orders::<Runtime>::get(
				STORE,
				pallet_store_orders::OrderNoOf::<Runtime>::truncate_from(b"credit".to_vec()),
			)
			.unwrap()
			.status
		};
		assert_eq!(order_status(), pallet_store_orders::OrderStatus::AfterSales);
		assert_ok!(Escrow::grant_refund(RuntimeOrigin::signed(bob()), 0, 20 * UNIT));
		assert_eq!(debt(), Some(drawn.saturating_sub(30 * UNIT)));
		assert_eq!(order_status(), pallet_store_orders::OrderStatus::Shipped);
		assert_eq!(held(&buyer), 20 * UNIT);

		// The buyer confirms the 20 ESC still owed: the order completes at that.
		assert_ok!(Escrow::confirm_receipt(RuntimeOrigin::signed(buyer.clone()), 0, 20 * UNIT));
		assert_eq!(order_status(), pallet_store_orders::OrderStatus::Completed);
	});
}

#[test]
fn on_the_development_chain_a_silent_store_s_request_is_granted_after_a_minute() {
	dev_chain(|| {
		let charlie = charlie();
		open(&charlie, b"silent", 10 * UNIT, None);
		accept_and_ship(b"silent", 0, 10 * UNIT);
		assert_eq!(
			Escrow::after_sales_periods(),
			pallet_escrow::AfterSalesPeriods {
				respond: crate::MINUTES,
				ship_return: crate::MINUTES,
				receive_return: crate::MINUTES
			}
		);
		let before = free(&charlie);
		assert_ok!(Escrow::request_refund(
			RuntimeOrigin::signed(charlie.clone()),
			0,
			4 * UNIT,
			[1; 32]
		));
		crate::test_helpers::run_to_block(1 + crate::MINUTES);
		assert_eq!(free(&charlie), before + 4 * UNIT);
		let s = pallet_escrow::Settlements::<Runtime>::get(0).unwrap();
		assert_eq!((s.status, s.amount), (pallet_escrow::SettlementStatus::Shipped, 6 * UNIT));
	});
}

#[test]
fn other_chains_keep_the_runtime_s_after_sales_periods_of_days() {
	preset_chain(genesis_config_presets::local_config_genesis(), || {
		assert_eq!(
			Escrow::after_sales_periods(),
			pallet_escrow::AfterSalesPeriods {
				respond: 2 * crate::DAYS,
				ship_return: 7 * crate::DAYS,
				receive_return: 14 * crate::DAYS
			}
		);
	});
}

// ---- the stablecoin ----------------------------------------------------------------------------

/// The stablecoin as an asset of a settlement.
const USD: NativeOrWithId<u32> = NativeOrWithId::WithId(crate::STABLECOIN);

fn dollars(who: &AccountId) -> Balance {
	crate::Assets::balance(crate::STABLECOIN, who)
}

#[test]
fn the_development_preset_lists_the_stablecoin_and_the_demo_store_accepts_it() {
	use frame_support::traits::fungibles::{metadata::Inspect as _, Inspect as _};
	dev_chain(|| {
		let id = crate::STABLECOIN;
		assert!(crate::Assets::asset_exists(id));
		assert_eq!(crate::Assets::minimum_balance(id), crate::STABLECOIN_MIN_BALANCE);
		assert_eq!(crate::Assets::decimals(id), crate::STABLECOIN_DECIMALS);
		assert_eq!(crate::Assets::symbol(id), genesis_config_presets::STABLECOIN_SYMBOL.to_vec());
		assert_eq!(crate::Assets::name(id), genesis_config_presets::STABLECOIN_NAME.to_vec());
		assert_eq!(
			pallet_assets::Asset::<Runtime>::get(id).map(|d| d.is_sufficient),
			Some(true),
			"an account may hold only the stablecoin"
		);
		for who in genesis_config_presets::dev_accounts() {
			assert_eq!(dollars(&who), genesis_config_presets::STABLECOIN_ENDOWMENT);
		}
		let store = pallet_store_orders::Stores::<Runtime>::get(STORE).unwrap();
		assert_eq!(store.assets.into_inner(), genesis_config_presets::demo_store_assets());
	});
}

#[test]
fn deposits_in_the_stablecoin_are_charged_at_the_fee_rate() {
	use crate::configs::{AssetFeeRate, EscrowAssetRate};
	use escrow_primitives::AssetRate;
	use frame_support::traits::tokens::ConversionToAssetBalance;
	dev_chain(|| {
		let deposit: Balance = <Runtime as pallet_escrow::Config>::SettlementDeposit::get();
		// 0.01 ESC at one cent per 0.001 ESC: ten cents.
		assert_eq!(EscrowAssetRate::from_native(&USD, deposit), Some(crate::DOLLARS / 10));
		assert_eq!(
			EscrowAssetRate::from_native(&USD, deposit),
			AssetFeeRate::to_asset_balance(deposit, crate::STABLECOIN).ok()
		);
		assert_eq!(EscrowAssetRate::from_native(&NativeOrWithId::Native, deposit), Some(deposit));
		// An asset that does not exist has no rate: settlements cannot be paid in it.
		assert_eq!(EscrowAssetRate::from_native(&NativeOrWithId::WithId(77), deposit), None);
	});
}

/// `call`, signed by `who` with the fee paid in `asset_id` (`None`: ESC), through the
/// executive as a block applies it.
fn apply_signed(
	who: Sr25519Keyring,
	call: RuntimeCall,
	asset_id: Option<u32>,
) -> sp_runtime::ApplyExtrinsicResult {
	use codec::Encode;
	use sp_runtime::generic::Era;
	let account = who.to_account_id();
	let nonce = frame_system::Pallet::<Runtime>::account_nonce(&account);
	let extension: crate::TxExtension = (
		frame_system::CheckNonZeroSender::new(),
		frame_system::CheckSpecVersion::new(),
		frame_system::CheckTxVersion::new(),
		frame_system::CheckGenesis::new(),
		frame_system::CheckEra::from(Era::Immortal),
		frame_system::CheckNonce::from(nonce),
		frame_system::CheckWeight::new(),
		pallet_asset_tx_payment::ChargeAssetTxPayment::from(0, asset_id),
	);
	let payload = crate::SignedPayload::new(call.clone(), extension.clone()).unwrap();
	let signature = payload.using_encoded(|bytes| who.sign(bytes));
	let xt =
		crate::UncheckedExtrinsic::new_signed(call, account.into(), signature.into(), extension);
	crate::Executive::apply_extrinsic(xt)
}

#[test]
fn an_account_with_only_dollars_pays_a_store_order_and_its_fees_in_dollars() {
	dev_chain(|| {
		let buyer = Sr25519Keyring::Two;
		let buyer_id = buyer.to_account_id();
		assert_ok!(crate::Assets::transfer(
			RuntimeOrigin::signed(alice()),
			crate::STABLECOIN.into(),
			buyer_id.clone().into(),
			100 * crate::DOLLARS,
		));
		assert_eq!(free(&buyer_id), 0, "the buyer has no ESC");
		let issuance = Balances::total_issuance();
		let amount = 25 * crate::DOLLARS;
		let open = RuntimeCall::Escrow(pallet_escrow::Call::open_settlement {
			store: STORE,
			order_no: b"dollars".to_vec().try_into().unwrap(),
			asset: USD,
			amount,
			payee: bob().into(),
			time_limit: None,
			snapshot: SNAPSHOT,
		});
		// Without naming the asset the fee is in ESC, which the buyer has none of.
		assert!(apply_signed(buyer, open.clone(), None).is_err());
		assert_ok!(apply_signed(buyer, open, Some(crate::STABLECOIN)).unwrap());
		let paid_fee = 100 * crate::DOLLARS - amount - crate::DOLLARS / 10 - dollars(&buyer_id);
		assert!(paid_fee > 0, "a fee was paid in dollars");
		assert_eq!(Balances::total_issuance(), issuance, "no ESC moved");

		let settlement = pallet_escrow::Settlements::<Runtime>::get(0).unwrap();
		assert_eq!((settlement.asset, settlement.amount), (USD, amount));
		accept_and_ship(b"dollars", 0, amount);
		let bob_before = dollars(&bob());
		let confirm = RuntimeCall::Escrow(pallet_escrow::Call::confirm_receipt { id: 0, amount });
		assert_ok!(apply_signed(buyer, confirm, Some(crate::STABLECOIN)).unwrap());
		assert_eq!(dollars(&bob()) - bob_before, amount, "the store was paid in dollars");
		let order = pallet_store_orders::Orders::<Runtime>::get(
			STORE,
			pallet_store_orders::OrderNoOf::<Runtime>::truncate_from(b"dollars".to_vec()),
		)
		.unwrap();
		assert_eq!(order.status, OrderStatus::Completed);
		assert_eq!(order.asset, USD);
		assert_eq!(free(&buyer_id), 0);
	});
}

/// Bob's request for `order` at `amount` ESC, on the development chain's rules, valid a day.
fn bobs_request(order: &[u8], amount: Balance) -> pallet_store_orders::PaymentRequestOf<Runtime> {
	pallet_store_orders::PaymentRequest {
		store: STORE,
		order_no: order.to_vec().try_into().unwrap(),
		asset: NativeOrWithId::Native,
		amount,
		snapshot: SNAPSHOT,
		time_limit: 5,
		valid_until: System::block_number().saturating_add(DAYS),
		payer: None,
		genesis: System::block_hash(0),
	}
}

#[test]
fn a_request_bob_signed_with_his_sr25519_key_is_paid_on_the_real_escrow() {
	dev_chain(|| {
		let bob_before = free(&bob());
		let request = bobs_request(b"signed-1", 30 * UNIT);
		let signature = Sr25519Keyring::Bob.sign(&request.signing_payload());
		assert_ok!(StoreOrders::pay_signed_request(
			RuntimeOrigin::signed(alice()),
			request,
			bob(),
			signature.into()
		));
		// Opened and accepted in one step: the hold is Alice's, the acceptance the store's.
		assert_eq!(held(&alice()), 30 * UNIT);
		let settlement = pallet_escrow::Settlements::<Runtime>::get(0).unwrap();
		assert_eq!(settlement.status, SettlementStatus::Accepted);
		assert_eq!(settlement.accepted.map(|a| a.order_amount), Some(30 * UNIT));
		assert_eq!(
			(settlement.payee, settlement.time_limit, settlement.snapshot),
			(bob(), 5, SNAPSHOT)
		);
		// No expiry is owed on it: the agenda holds nothing for it.
		assert_eq!(pallet_escrow::Agenda::<Runtime>::iter().count(), 0);
		let order = pallet_store_orders::Orders::<Runtime>::get(
			STORE,
			pallet_store_orders::OrderNoOf::<Runtime>::try_from(b"signed-1".to_vec()).unwrap(),
		)
		.unwrap();
		assert_eq!(
			(order.status, order.order_amount, order.settlement),
			(OrderStatus::Paid, 30 * UNIT, 0)
		);

		// The store ships it; the deadline pays it.
		assert_ok!(StoreOrders::mark_shipped(
			RuntimeOrigin::signed(bob()),
			STORE,
			b"signed-1".to_vec().try_into().unwrap(),
			b"DHL:1".to_vec().try_into().unwrap()
		));
		run_to_block(7);
		let details = queries::store_order::<Runtime>(STORE, b"signed-1".to_vec()).unwrap();
		assert_eq!(details.order.status, OrderStatus::Completed);
		assert_eq!(free(&bob()), bob_before + 30 * UNIT);
	});
}

#[test]
fn a_wallet_wrapped_signature_pays_and_a_changed_term_or_an_old_buyer_settlement_are_handled() {
	dev_chain(|| {
		// Alice had opened the order the two-step way, for more; the store's request fixes
		// the amount: her settlement is updated to it and accepted.
		open(&alice(), b"signed-2", 50 * UNIT, None);
		assert_eq!(held(&alice()), 50 * UNIT);
		let request = bobs_request(b"signed-2", 20 * UNIT);
		let wrapped = [&b"<Bytes>"[..], &request.signing_payload(), &b"</Bytes>"[..]].concat();
		let signature: crate::Signature = Sr25519Keyring::Bob.sign(&wrapped).into();

		let mut more = request.clone();
		more.amount = 19 * UNIT;
		assert_noop!(
			StoreOrders::pay_signed_request(
				RuntimeOrigin::signed(alice()),
				more,
				bob(),
				signature.clone()
			),
			pallet_store_orders::Error::<Runtime>::BadSignature
		);
		assert_ok!(StoreOrders::pay_signed_request(
			RuntimeOrigin::signed(alice()),
			request,
			bob(),
			signature
		));
		assert_eq!(held(&alice()), 20 * UNIT);
		let settlement = pallet_escrow::Settlements::<Runtime>::get(0).unwrap();
		assert_eq!(settlement.status, SettlementStatus::Accepted);
		assert_eq!(settlement.time_limit, 5);
		assert_eq!(pallet_escrow::NextSettlementId::<Runtime>::get(), 1, "no second settlement");
	});
}

#[test]
fn a_request_can_never_outlive_the_order_it_paid() {
	// An order is pruned `RetentionPeriod` after it closes, so no later than that after it was
	// paid; a request valid for less cannot pay the same number again.
	let validity: BlockNumber = <Runtime as pallet_store_orders::Config>::MaxRequestValidity::get();
	let retention: BlockNumber = <Runtime as pallet_escrow::Config>::RetentionPeriod::get();
	assert!(validity < retention, "{validity} < {retention}");
}

/// Charlie's marketplace, at 2.5%, paying Dave's account; Bob's store joins it at that rate.
fn bobs_store_in_charlies_marketplace() -> AccountId {
	let fee = Sr25519Keyring::Dave.to_account_id();
	assert_ok!(StoreOrders::register_marketplace(
		RuntimeOrigin::signed(charlie()),
		b"Charlie's bazaar".to_vec().try_into().unwrap(),
		250,
		fee.clone(),
	));
	// A rate Bob did not read is not the offer.
	// The development chain's demo marketplace is number 0: this one is the next.
	let market = pallet_store_orders::NextMarketplaceId::<Runtime>::get().saturating_sub(1);
	assert_noop!(
		StoreOrders::join_marketplace(RuntimeOrigin::signed(bob()), STORE, market, 200),
		pallet_store_orders::Error::<Runtime>::TermsChanged
	);
	assert_ok!(StoreOrders::join_marketplace(RuntimeOrigin::signed(bob()), STORE, market, 250));
	fee
}

#[test]
fn a_marketplace_takes_its_commission_of_each_payout_in_the_settlement_s_asset() {
	dev_chain(|| {
		let fee = bobs_store_in_charlies_marketplace();
		let (bob_esc, fee_esc) = (free(&bob()), free(&fee));

		// In ESC, by confirmation: 2.5% of 100 ESC to the fee account, the rest to Bob.
		open(&alice(), b"market-1", 100 * UNIT, None);
		let recorded = pallet_escrow::Settlements::<Runtime>::get(0).unwrap().commission;
		assert_eq!(
			recorded.map(|c| (c.marketplace, c.rate, c.fee_account)),
			Some((1, 250, fee.clone()))
		);
		accept_and_ship(b"market-1", 0, 100 * UNIT);
		assert_ok!(Escrow::confirm_receipt(RuntimeOrigin::signed(alice()), 0, 100 * UNIT));
		assert_eq!(free(&fee) - fee_esc, 5 * UNIT / 2);
		assert_eq!(free(&bob()) - bob_esc, 100 * UNIT - 5 * UNIT / 2);
		let details = queries::store_order::<Runtime>(STORE, b"market-1".to_vec()).unwrap();
		assert_eq!(details.order.status, OrderStatus::Completed, "the order is paid in full");
		let record = details.record.unwrap();
		assert_eq!((record.amount, record.received()), (100 * UNIT, 100 * UNIT - 5 * UNIT / 2));

		// In dollars, at the deadline.
		let (bob_usd, fee_usd) = (dollars(&bob()), dollars(&fee));
		assert_ok!(Escrow::open_settlement(
			RuntimeOrigin::signed(alice()),
			STORE,
			b"market-2".to_vec().try_into().unwrap(),
			USD,
			40 * crate::DOLLARS,
			bob().into(),
			Some(3),
			SNAPSHOT,
		));
		accept_and_ship(b"market-2", 1, 40 * crate::DOLLARS);
		run_to_block(5);
		let details = queries::store_order::<Runtime>(STORE, b"market-2".to_vec()).unwrap();
		assert_eq!(details.record.as_ref().map(|r| r.trigger), Some(PayoutTrigger::Deadline));
		assert_eq!(dollars(&fee) - fee_usd, crate::DOLLARS);
		assert_eq!(dollars(&bob()) - bob_usd, 39 * crate::DOLLARS);
		assert_eq!(details.order.status, OrderStatus::Completed);

		// Bob leaves: his next settlement owes nothing.
		assert_ok!(StoreOrders::leave_marketplace(RuntimeOrigin::signed(bob()), STORE));
		open(&alice(), b"market-3", 10 * UNIT, None);
		assert_eq!(pallet_escrow::Settlements::<Runtime>::get(2).unwrap().commission, None);
	});
}

#[test]
fn the_development_chain_has_a_demo_marketplace_no_store_is_in() {
	dev_chain(|| {
		let market = pallet_store_orders::Marketplaces::<Runtime>::get(0).unwrap();
		assert_eq!((market.name.to_vec(), market.rate), (b"Demo bazaar".to_vec(), 250));
		assert_eq!((market.operator, market.fee_account), (charlie(), charlie()));
		assert_eq!(pallet_store_orders::MarketplaceOfStore::<Runtime>::get(STORE), None);
	});
}
