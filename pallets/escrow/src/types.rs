//! The data the escrow pallet keeps, and the traits through which it talks to the rest of the
//! runtime (the store directory and whoever follows settlements, such as `pallet-store-orders`).

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{pallet_prelude::*, weights::Weight};
use scale_info::TypeInfo;
use sp_runtime::traits::UniqueSaturatedInto;

/// A C2C settlement order number, assigned by the chain in opening order.
pub type SettlementId = u64;

/// A payment record number. A settlement is paid out at most once, and its payment record
/// takes the settlement's own id.
pub type PaymentRecordId = u64;

/// A store, as numbered by the store directory (`pallet-store-orders` on escrow-chain).
pub type StoreId = u32;

/// The 32-byte hash of the store's order document, kept with the settlement (the patent's
/// "store order information snapshot").
pub type SnapshotHash = [u8; 32];

/// Where a settlement stands.
///
/// `Paid`, `Accepted` and `Shipped` are open: the amount is held in the buyer's account.
/// `Completed`, `Cancelled` and `Refunded` are closed: nothing is held any more.
#[derive(
	Clone,
	Copy,
	Encode,
	Decode,
	DecodeWithMemTracking,
	Eq,
	PartialEq,
	Debug,
	TypeInfo,
	MaxEncodedLen,
)]
pub enum SettlementStatus {
	/// The amount is held; the store has not accepted the payment yet [S105].
	Paid,
	/// The store accepted the payment for its order and is preparing it [S302].
	Accepted,
	/// The store shipped; the confirmation timer runs until the settlement's deadline [S303].
	Shipped,
	/// Paid out to the payee, by the buyer's confirmation or at the deadline [S108].
	Completed,
	/// Cancelled by the buyer; the whole hold went back to the buyer.
	Cancelled,
	/// Refunded by the payee; the whole hold went back to the buyer.
	Refunded,
	/// A side disputed the order: the timer is stopped until the sides agree a split or the
	/// arbiter rules (see [`Dispute`]).
	Disputed,
}

impl SettlementStatus {
	/// Whether funds are still held for this settlement.
	pub fn is_open(&self) -> bool {
		matches!(self, Self::Paid | Self::Accepted | Self::Shipped | Self::Disputed)
	}
}

/// The store's acceptance of a settlement [S301–S302].
#[derive(
	Clone,
	Copy,
	Encode,
	Decode,
	DecodeWithMemTracking,
	Eq,
	PartialEq,
	Debug,
	TypeInfo,
	MaxEncodedLen,
)]
pub struct Acceptance<Balance, BlockNumber> {
	/// The order amount the store accepted: the full payment the buyer owes.
	pub order_amount: Balance,
	/// The block in which the store accepted; the ship-by limit counts from here.
	pub at: BlockNumber,
}

/// One side of a settlement.
#[derive(
	Clone,
	Copy,
	Encode,
	Decode,
	DecodeWithMemTracking,
	Eq,
	PartialEq,
	Debug,
	TypeInfo,
	MaxEncodedLen,
)]
pub enum Party {
	/// The buyer, whose account holds the funds.
	Buyer,
	/// The payee (the store's payout account).
	Payee,
}

/// A payout proposed by one side and not yet accepted by the other: a deduction (what the
/// payee receives instead of the order amount) [S107 "negotiated"], or a split of a dispute.
///
/// The other side accepts it by naming the same `payout`; a proposal changed in between makes
/// the acceptance fail, so a "yes" can never be turned into a "yes" to another amount.
#[derive(
	Clone,
	Copy,
	Encode,
	Decode,
	DecodeWithMemTracking,
	Eq,
	PartialEq,
	Debug,
	TypeInfo,
	MaxEncodedLen,
)]
pub struct Proposal<Balance> {
	/// What the payee would receive.
	pub payout: Balance,
	/// Who proposed it.
	pub by: Party,
}

/// A C2C settlement order: a buyer's payment for one store order, held in the buyer's account.
#[derive(
	Clone, Encode, Decode, DecodeWithMemTracking, Eq, PartialEq, Debug, TypeInfo, MaxEncodedLen,
)]
pub struct Settlement<AccountId, Balance, BlockNumber, OrderNo> {
	/// Who pays, and in whose account the amount is held.
	pub buyer: AccountId,
	/// Who is paid: the store's payout account.
	pub payee: AccountId,
	/// The store the order is with.
	pub store: StoreId,
	/// The store's own order number.
	pub order_no: OrderNo,
	/// The amount held in the buyer's account for this order.
	pub amount: Balance,
	/// The storage deposit held in the buyer's account while the settlement is open.
	pub deposit: Balance,
	/// Hash of the store's order document, as last given by the buyer.
	pub snapshot: SnapshotHash,
	/// Blocks the buyer has to confirm receipt after shipping (the resolved time-limit rule).
	pub time_limit: BlockNumber,
	/// The block the settlement was opened in.
	pub opened_at: BlockNumber,
	/// Set when the store accepts.
	pub accepted: Option<Acceptance<Balance, BlockNumber>>,
	/// Set when the store ships: the block whose start pays the settlement out automatically.
	pub deadline: Option<BlockNumber>,
	/// How many times the buyer extended the deadline.
	pub extensions: u32,
	/// A deduction both sides agreed: what the payee is owed instead of the order amount. It
	/// stays until both sides agree another.
	pub agreed_payout: Option<Balance>,
	/// A deduction one side proposed and the other has not accepted yet.
	pub proposal: Option<Proposal<Balance>>,
	/// How many times the settlement has been disputed.
	pub disputes: u32,
	/// Where the settlement stands.
	pub status: SettlementStatus,
	/// The payment record written when the settlement completed.
	pub record: Option<PaymentRecordId>,
	/// The block the settlement closed in (completed, cancelled or refunded).
	pub closed_at: Option<BlockNumber>,
}

impl<AccountId, Balance, BlockNumber, OrderNo> Settlement<AccountId, Balance, BlockNumber, OrderNo>
where
	Balance: Copy + Ord,
{
	/// The full payment owed: the order amount the store accepted, or the held amount before it
	/// has accepted.
	pub fn order_amount(&self) -> Balance {
		self.accepted.as_ref().map_or(self.amount, |a| a.order_amount)
	}

	/// The least the buyer may pay: an agreed deduction's payout, else the full order amount.
	pub fn minimum_payout(&self) -> Balance {
		self.agreed_payout.unwrap_or_else(|| self.order_amount())
	}
}

/// How a payment record came about.
#[derive(
	Clone,
	Copy,
	Encode,
	Decode,
	DecodeWithMemTracking,
	Eq,
	PartialEq,
	Debug,
	TypeInfo,
	MaxEncodedLen,
)]
pub enum PayoutTrigger {
	/// The buyer confirmed receipt [S107–S108].
	Confirmed,
	/// The deadline passed and the chain paid by itself [claim 5].
	Deadline,
	/// The two sides agreed a split of a disputed settlement.
	Agreed,
	/// The arbiter ruled on a disputed settlement.
	Arbiter,
}

/// A payment record: proof that a settlement paid its payee [S108, S206].
#[derive(
	Clone, Encode, Decode, DecodeWithMemTracking, Eq, PartialEq, Debug, TypeInfo, MaxEncodedLen,
)]
pub struct PaymentRecord<AccountId, Balance, BlockNumber> {
	/// The settlement that was paid out.
	pub settlement: SettlementId,
	/// The buyer, from whose hold the payment came.
	pub payer: AccountId,
	/// Who received it.
	pub payee: AccountId,
	/// How much the payee received.
	pub amount: Balance,
	/// The block of the payment.
	pub at: BlockNumber,
	/// Whether the buyer confirmed or the deadline passed.
	pub trigger: PayoutTrigger,
}

/// What an agenda entry asks the chain to do when its block comes.
#[derive(
	Clone,
	Copy,
	Encode,
	Decode,
	DecodeWithMemTracking,
	Eq,
	PartialEq,
	Ord,
	PartialOrd,
	Debug,
	TypeInfo,
	MaxEncodedLen,
)]
pub enum AgendaTask {
	/// Pay out a shipped settlement whose deadline has come.
	AutoSettle,
	/// Remove a closed settlement and its payment record once the retention period is over.
	Prune,
	/// The dispute period of a disputed settlement is over without a ruling.
	DisputeLapse,
}

/// A dispute over a settlement: the goods were not as agreed [S107: wrong quantity, wrong
/// quality].
#[derive(
	Clone, Encode, Decode, DecodeWithMemTracking, Eq, PartialEq, Debug, TypeInfo, MaxEncodedLen,
)]
pub struct Dispute<AccountId, Balance, BlockNumber, Evidence> {
	/// Which side opened it.
	pub opened_by: Party,
	/// The account that opened it and whose deposit is held: the buyer, or for the store its
	/// payout account or its owner.
	pub opener: AccountId,
	/// Hash of the opener's statement of the problem.
	pub reason: [u8; 32],
	/// The dispute deposit held from the opener.
	pub deposit: Balance,
	/// When it was opened.
	pub opened_at: BlockNumber,
	/// The block by which the arbiter is due to rule; after it the dispute lapses.
	pub arbiter_due: BlockNumber,
	/// Where the settlement stood before: it returns there if the dispute is sent back.
	pub resumes_as: SettlementStatus,
	/// The deadline the dispute stopped, if the settlement had shipped. A resumed timer gets
	/// back the time that remained until it.
	pub stopped_deadline: Option<BlockNumber>,
	/// The latest split proposed by one side.
	pub proposal: Option<Proposal<Balance>>,
	/// Hashes of evidence, in the order the sides attached them.
	pub evidence: Evidence,
}

/// The arbiter's ruling on a dispute.
#[derive(
	Clone,
	Copy,
	Encode,
	Decode,
	DecodeWithMemTracking,
	Eq,
	PartialEq,
	Debug,
	TypeInfo,
	MaxEncodedLen,
)]
pub enum Ruling<Balance> {
	/// Pay `payout` to the payee and release the rest of the hold to the buyer.
	Split { payout: Balance },
	/// Send the settlement back to its timer with the time that remained when the dispute
	/// stopped it: a shipped settlement's deadline moves by the time the dispute took; an
	/// unshipped one's ship-by limit likewise.
	Resume,
}

/// What happens to a dispute the arbiter does not rule on within the dispute period.
#[derive(
	Clone,
	Copy,
	Encode,
	Decode,
	DecodeWithMemTracking,
	Eq,
	PartialEq,
	Debug,
	TypeInfo,
	MaxEncodedLen,
)]
pub enum LapseOutcome {
	/// The settlement goes back to its timer. The clock that runs against the dispute's
	/// opener (the buyer's confirmation time, or the store's ship-by time) ran on during the
	/// dispute, so an opener gains no time from a dispute the arbiter never needed; the other
	/// side gets back the time that remained.
	Resume,
	/// The whole hold goes back to the buyer, as a refund.
	Refund,
}

/// How a dispute ended.
#[derive(
	Clone,
	Copy,
	Encode,
	Decode,
	DecodeWithMemTracking,
	Eq,
	PartialEq,
	Debug,
	TypeInfo,
	MaxEncodedLen,
)]
pub enum DisputeEnd {
	/// The two sides agreed a split.
	Agreed,
	/// The arbiter ruled.
	Ruled,
	/// The dispute period passed without a ruling.
	Lapsed,
	/// The store refunded the buyer in full during the dispute.
	Refunded,
}

/// The key of one agenda entry.
///
/// Every field encodes to fixed-width big-endian bytes and the agenda map uses the `Identity`
/// hasher, so the storage keys sort by `(block, task, settlement)`. Reading the first key of the
/// map therefore tells in one storage read whether anything is due: see the crate docs.
#[derive(
	Clone,
	Copy,
	Encode,
	Decode,
	DecodeWithMemTracking,
	Eq,
	PartialEq,
	Ord,
	PartialOrd,
	Debug,
	TypeInfo,
	MaxEncodedLen,
)]
pub struct AgendaKey {
	/// The block the task is due in, as big-endian `u64`.
	pub due: [u8; 8],
	/// The task.
	pub task: AgendaTask,
	/// The settlement, as big-endian `u64`.
	pub settlement: [u8; 8],
}

impl AgendaKey {
	/// The key of `task` for `settlement`, due in block `due`.
	pub fn new<BlockNumber: UniqueSaturatedInto<u64>>(
		due: BlockNumber,
		task: AgendaTask,
		settlement: SettlementId,
	) -> Self {
		Self {
			due: due.unique_saturated_into().to_be_bytes(),
			task,
			settlement: settlement.to_be_bytes(),
		}
	}

	/// The block the task is due in.
	pub fn due(&self) -> u64 {
		u64::from_be_bytes(self.due)
	}

	/// The settlement the task is for.
	pub fn settlement(&self) -> SettlementId {
		u64::from_be_bytes(self.settlement)
	}
}

/// The store directory, as the escrow pallet sees it.
///
/// On escrow-chain `pallet-store-orders` implements it. `()` knows every store id and gives no
/// store default, which suits a chain (or a test) without a store directory.
pub trait StoreDirectory<AccountId, BlockNumber> {
	/// `None` if `store` is not registered; otherwise the store's default time-limit rule, if it
	/// set one (`Some(None)`: registered, no default of its own).
	fn store_time_limit(store: StoreId) -> Option<Option<BlockNumber>>;
	/// Whether `who` owns `store`. The owner may act for the store on its settlements beside
	/// the payout account, whose key a shop often keeps offline.
	fn is_owner(store: StoreId, who: &AccountId) -> bool;
}

impl<AccountId, BlockNumber> StoreDirectory<AccountId, BlockNumber> for () {
	fn store_time_limit(_: StoreId) -> Option<Option<BlockNumber>> {
		Some(None)
	}
	fn is_owner(_: StoreId, _: &AccountId) -> bool {
		false
	}
}

/// Told when a settlement closes, so that the store side can follow it [S304–S305].
///
/// Implementations must not fail: the escrow side has already moved the funds.
pub trait SettlementObserver<AccountId, Balance, BlockNumber> {
	/// The settlement `id` was paid out and `record` written as payment record `record_id`.
	fn on_paid(
		id: SettlementId,
		record_id: PaymentRecordId,
		record: &PaymentRecord<AccountId, Balance, BlockNumber>,
	);
	/// The settlement `id` closed without a payment: cancelled by the buyer (`Cancelled`) or
	/// refunded by the payee (`Refunded`).
	fn on_released(id: SettlementId, status: SettlementStatus);
	/// The settlement `id` was disputed (`open`), or its dispute sent it back to its timer.
	fn on_dispute(id: SettlementId, open: bool);
	/// The closed settlement `id` was removed after the retention period: records kept for it
	/// go with it.
	fn on_pruned(id: SettlementId);
	/// The most weight one call of `on_paid`, `on_released` or `on_pruned` takes.
	fn weight() -> Weight;
}

impl<AccountId, Balance, BlockNumber> SettlementObserver<AccountId, Balance, BlockNumber> for () {
	fn on_paid(
		_: SettlementId,
		_: PaymentRecordId,
		_: &PaymentRecord<AccountId, Balance, BlockNumber>,
	) {
	}
	fn on_released(_: SettlementId, _: SettlementStatus) {}
	fn on_dispute(_: SettlementId, _: bool) {}
	fn on_pruned(_: SettlementId) {}
	fn weight() -> Weight {
		Weight::zero()
	}
}

/// Where a buyer who is short of funds draws the shortfall from [S103, claims 2 and 3].
///
/// On escrow-chain `pallet-funding` implements it: the buyer's linked accounts first, then
/// credit lines. `()` has no sources: a buyer must cover every settlement alone.
pub trait FundingSource<AccountId, Balance> {
	/// Moves `shortfall` into `buyer`'s free balance for settlement `id`. All or nothing: on
	/// error nothing has moved.
	fn cover(id: SettlementId, buyer: &AccountId, shortfall: Balance) -> DispatchResult;
	/// Settlement `id` closed and `released` of its hold went back to `buyer`: credit drawn
	/// for it is repaid from that first. Returns the weight it took, at most
	/// [`Self::on_close_weight`].
	fn on_close(id: SettlementId, buyer: &AccountId, released: Balance) -> Weight;
	/// Settlement `id` is still open, but `released` of its hold went back to `buyer` (its
	/// amount was lowered): credit drawn for it is repaid from that first, as on the close, and
	/// the draws still owed stay recorded. Returns the weight it took, at most
	/// [`Self::on_close_weight`].
	fn on_release(id: SettlementId, buyer: &AccountId, released: Balance) -> Weight;
	/// The most weight one call of [`Self::cover`] takes.
	fn cover_weight() -> Weight;
	/// The most weight one call of [`Self::on_close`] takes.
	fn on_close_weight() -> Weight;
}

impl<AccountId, Balance> FundingSource<AccountId, Balance> for () {
	fn cover(_: SettlementId, _: &AccountId, _: Balance) -> DispatchResult {
		Err(sp_runtime::TokenError::FundsUnavailable.into())
	}
	fn on_close(_: SettlementId, _: &AccountId, _: Balance) -> Weight {
		Weight::zero()
	}
	fn on_release(_: SettlementId, _: &AccountId, _: Balance) -> Weight {
		Weight::zero()
	}
	fn cover_weight() -> Weight {
		Weight::zero()
	}
	fn on_close_weight() -> Weight {
		Weight::zero()
	}
}

/// What the store side needs to know about a settlement before it accepts it.
#[derive(Clone, Eq, PartialEq, Debug)]
pub struct SettlementSummary<AccountId, Balance> {
	/// The buyer.
	pub buyer: AccountId,
	/// The account the settlement pays.
	pub payee: AccountId,
	/// The store the buyer named.
	pub store: StoreId,
	/// The store order number the buyer named.
	pub order_no: alloc::vec::Vec<u8>,
	/// The amount held.
	pub amount: Balance,
	/// What the payee is owed: the accepted order amount, or an agreed deduction's payout.
	pub agreed_amount: Balance,
	/// Where the settlement stands.
	pub status: SettlementStatus,
	/// The payment record, once the settlement is paid out.
	pub record: Option<PaymentRecordId>,
}

/// The escrow pallet as the store side uses it [S301–S303].
pub trait SettlementProvider<AccountId, Balance, BlockNumber> {
	/// A settlement as the store side needs to see it, if it exists.
	fn summary(id: SettlementId) -> Option<SettlementSummary<AccountId, Balance>>;
	/// A payment record, if it exists.
	fn payment_record(
		id: PaymentRecordId,
	) -> Option<PaymentRecord<AccountId, Balance, BlockNumber>>;
	/// The store accepted the paid settlement `id` for an order of `order_amount`.
	fn accept(id: SettlementId, order_amount: Balance) -> DispatchResult;
	/// The shortest and the longest time-limit rule on this chain, in blocks: a store's
	/// default must lie within them.
	fn time_limit_bounds() -> (BlockNumber, BlockNumber);
	/// The store shipped the accepted settlement `id`: start its confirmation timer. Returns the
	/// deadline.
	fn ship(id: SettlementId) -> Result<BlockNumber, DispatchError>;
}

/// What the benchmarks need from the rest of the runtime.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper {
	/// A store that exists in the runtime's store directory.
	fn store() -> StoreId;
}

#[cfg(feature = "runtime-benchmarks")]
impl BenchmarkHelper for () {
	fn store() -> StoreId {
		0
	}
}
