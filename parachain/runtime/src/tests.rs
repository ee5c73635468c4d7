//! Tests over the parachain runtime from its `development` preset: what genesis gives the
//! collators and the product, deadlines counted in relay-chain blocks however this chain's
//! blocks come, and the agenda's budget in ref time and proof size.

#![allow(clippy::arithmetic_side_effects)]

use crate::{
	configs::AgendaWeightBudget, genesis_config_presets, AccountId, Balance, Balances, Escrow,
	ParachainInfo, Runtime, RuntimeGenesisConfig, RuntimeOrigin, StoreOrders, System, DAYS, UNIT,
};
use cumulus_pallet_parachain_system::RelaychainDataProvider;
use frame_support::{
	assert_ok,
	traits::{fungible::Inspect, fungible::NativeOrWithId, IntegrityTest, OnInitialize},
	weights::Weight,
};
use pallet_escrow::{PayoutTrigger, SettlementStatus};
use sp_keyring::Sr25519Keyring;
use sp_runtime::{traits::BlockNumberProvider, BuildStorage};

const STORE: u32 = 0;

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

/// The state of the `development` preset, at parachain block 1 on relay block 1.
fn dev_chain(test: impl FnOnce()) {
	let mut config = serde_json::to_value(RuntimeGenesisConfig::default()).unwrap();
	let serde_json::Value::Object(fields) = &mut config else { unreachable!() };
	let serde_json::Value::Object(preset) = genesis_config_presets::development_config_genesis()
	else {
		unreachable!()
	};
	for (pallet, patch) in preset {
		let serde_json::Value::Object(patch) = patch else { unreachable!() };
		let serde_json::Value::Object(default) = &mut fields[&pallet] else { unreachable!() };
		default.extend(patch);
	}
	let config: RuntimeGenesisConfig = serde_json::from_value(config).unwrap();
	let mut ext = sp_io::TestExternalities::new(config.build_storage().unwrap());
	ext.execute_with(|| {
		System::set_block_number(1);
		RelaychainDataProvider::<Runtime>::set_block_number(1);
		test();
		Escrow::do_try_state().unwrap();
		StoreOrders::do_try_state().unwrap();
		pallet_funding::Pallet::<Runtime>::do_try_state().unwrap();
	});
}

/// The next parachain block, built on relay block `relay`: the validation data the collator's
/// inherent gives it, then the escrow's agenda. Returns the weight the agenda took.
fn next_block(relay: u32) -> Weight {
	System::set_block_number(System::block_number() + 1);
	RelaychainDataProvider::<Runtime>::set_block_number(relay);
	Escrow::on_initialize(System::block_number())
}

fn open_accept_ship(buyer: &AccountId, order: &[u8], amount: Balance) -> u64 {
	let id = pallet_escrow::NextSettlementId::<Runtime>::get();
	assert_ok!(Escrow::open_settlement(
		RuntimeOrigin::signed(buyer.clone()),
		STORE,
		order.to_vec().try_into().unwrap(),
		NativeOrWithId::Native,
		amount,
		bob().into(),
		None,
		[1; 32],
	));
	let order_no = || order.to_vec().try_into().unwrap();
	assert_ok!(StoreOrders::accept_payment(
		RuntimeOrigin::signed(bob()),
		STORE,
		order_no(),
		id,
		amount,
		terms(id).0,
		terms(id).1
	));
	assert_ok!(StoreOrders::mark_shipped(
		RuntimeOrigin::signed(bob()),
		STORE,
		order_no(),
		b"DHL:00340434161094042557".to_vec().try_into().unwrap()
	));
	id
}

fn status(id: u64) -> Option<SettlementStatus> {
	pallet_escrow::Settlements::<Runtime>::get(id).map(|s| s.status)
}

#[test]
fn the_runtime_passes_its_integrity_tests() {
	dev_chain(<crate::AllPalletsWithSystem as IntegrityTest>::integrity_test);
}

#[test]
fn the_development_preset_has_alice_collating_and_the_solo_chains_product_state() {
	dev_chain(|| {
		assert_eq!(u32::from(ParachainInfo::parachain_id()), genesis_config_presets::PARACHAIN_ID);
		assert_eq!(
			pallet_collator_selection::Invulnerables::<Runtime>::get().to_vec(),
			vec![alice()]
		);
		let aura: Vec<sp_consensus_aura::sr25519::AuthorityId> =
			vec![Sr25519Keyring::Alice.public().into()];
		assert_eq!(pallet_aura::Authorities::<Runtime>::get().to_vec(), aura);
		assert_eq!(Balances::balance(&alice()), genesis_config_presets::ENDOWMENT);
		let store = pallet_store_orders::Stores::<Runtime>::get(STORE).unwrap();
		assert_eq!(store.name.as_slice(), genesis_config_presets::DEMO_STORE_NAME);
		assert_eq!(
			pallet_escrow::ChainAfterSalesPeriods::<Runtime>::get().map(|p| p.respond),
			Some(genesis_config_presets::DEV_AFTER_SALES_PERIODS.0)
		);
	});
}

#[test]
fn deadlines_count_relay_blocks_not_parachain_blocks() {
	dev_chain(|| {
		next_block(100);
		let id = open_accept_ship(&alice(), b"relay-clock", 10 * UNIT);
		let deadline = 100 + 10 * DAYS;
		assert_eq!(
			pallet_escrow::Settlements::<Runtime>::get(id).unwrap().deadline,
			Some(deadline)
		);

		// Many parachain blocks on the same relay parent (elastic scaling), then up to the
		// block before the deadline: nothing is paid.
		for _ in 0..50 {
			assert_eq!(next_block(100), next_block(100));
		}
		next_block(deadline - 1);
		assert_eq!(status(id), Some(SettlementStatus::Shipped));

		// The relay chain jumps past the deadline in one parachain block: paid, once.
		let bob_before = Balances::balance(&bob());
		next_block(deadline + 7);
		assert_eq!(status(id), Some(SettlementStatus::Completed));
		assert_eq!(Balances::balance(&bob()), bob_before + 10 * UNIT);
		let record = pallet_escrow::Settlements::<Runtime>::get(id).unwrap().record.unwrap();
		let record = pallet_escrow::PaymentRecords::<Runtime>::get(record).unwrap();
		assert_eq!(record.trigger, PayoutTrigger::Deadline);
		assert_eq!(record.at, deadline + 7, "the time of a payout is the relay chain's");
		next_block(deadline + 8);
		assert_eq!(Balances::balance(&bob()), bob_before + 10 * UNIT);
	});
}

#[test]
fn the_agenda_budget_is_a_quarter_of_a_parachain_block_in_ref_time_and_proof_size() {
	dev_chain(|| {
		let max = <Runtime as frame_system::Config>::BlockWeights::get().max_block;
		let pov = u64::from(cumulus_primitives_core::relay_chain::MAX_POV_SIZE);
		assert_eq!(max.proof_size(), pov);
		let budget = AgendaWeightBudget::get();
		assert_eq!(budget, Weight::from_parts(max.ref_time() / 4, pov / 4));
	});
}

#[test]
fn a_backlog_is_paid_within_the_agenda_budget_in_both_dimensions_and_nothing_twice() {
	dev_chain(|| {
		next_block(10);
		let buyers: Vec<AccountId> =
			(0..8u8).map(|i| sp_core::crypto::AccountId32::new([i + 100; 32])).collect();
		let mut ids = Vec::new();
		for (i, buyer) in buyers.iter().enumerate() {
			assert_ok!(Balances::transfer_keep_alive(
				RuntimeOrigin::signed(alice()),
				buyer.clone().into(),
				10_000 * UNIT
			));
			for n in 0..75u32 {
				let order = format!("backlog-{i}-{n}");
				ids.push(open_accept_ship(buyer, order.as_bytes(), UNIT));
			}
		}
		let due = 10 + 10 * DAYS;
		let budget = AgendaWeightBudget::get();
		let mut blocks = 0;
		let mut relay = due;
		while ids.iter().any(|id| status(*id) == Some(SettlementStatus::Shipped)) {
			let used = next_block(relay);
			assert!(used.all_lte(budget), "{used:?} over the budget {budget:?}");
			relay += 1;
			blocks += 1;
			assert!(blocks < 100, "the backlog drains");
		}
		assert!(blocks > 1, "600 payouts are more than one block's budget");
		assert!(ids.iter().all(|id| status(*id) == Some(SettlementStatus::Completed)));
	});
}
