//! The data the escrow pallet keeps. The ids, the payment record and the traits through which
//! it talks to the rest of the runtime are in `escrow-primitives`, re-exported at the crate root.

use crate::{Commission, PaymentRecordId, SettlementId, SettlementStatus, StoreId};
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use sp_runtime::traits::UniqueSaturatedInto;

/// The 32-byte hash of the store's order document, kept with the settlement (the patent's
/// "store order information snapshot").
pub type SnapshotHash = [u8; 32];

/// The store's acceptance of a settlement (S301–S302).
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
	/// The block in which the store accepted, moved on by the time that questions before
	/// shipping gave back to the store's ship-by limit, which counts from here.
	pub at: BlockNumber,
}

/// Which of a settlement's proposals: a deduction, or a split of its dispute.
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
pub enum ProposalKind {
	/// A deduction ([`Settlement::proposal`]).
	Deduction,
	/// A dispute's split ([`Dispute::proposal`]).
	Split,
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
	/// The store: its owner or its current payout account, whoever of them signed. Named for
	/// the settlement's payee, the account its payout goes to.
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
pub struct Settlement<AccountId, AssetId, Balance, BlockNumber, OrderNo> {
	/// Who pays, and in whose account the amount is held.
	pub buyer: AccountId,
	/// Who is paid: the store's payout account.
	pub payee: AccountId,
	/// The store the order is with.
	pub store: StoreId,
	/// The store's own order number.
	pub order_no: OrderNo,
	/// The asset the settlement is paid in: the amounts, the deposits and the holds are in it.
	pub asset: AssetId,
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
	/// How many times the settlement has been disputed, by both sides, since it shipped (before
	/// shipping: so far; shipping sets it to zero).
	pub disputes: u32,
	/// Where the settlement stands.
	pub status: SettlementStatus,
	/// The payment record written when the settlement completed.
	pub record: Option<PaymentRecordId>,
	/// The block the settlement closed in (completed, cancelled or refunded).
	pub closed_at: Option<BlockNumber>,
	/// The blocks of the pause allowance ([`crate::Config::PauseAllowance`]) drawn so far.
	/// Before shipping: the time questions (disputes, refund requests) kept the store from
	/// shipping. From shipping, which sets it to zero: the time questions gave back to the
	/// buyer's deadline. A question opens only while some of it is left.
	pub paused: BlockNumber,
	/// How many of its disputes the store opened: each side has `MaxDisputes` of its own, so
	/// that a store's disputes never use up the buyer's.
	pub store_disputes: u32,
	/// The commission its store's marketplace takes of each payout to the store: the
	/// marketplace, rate and fee account in force when the settlement opened. The buyer's
	/// price is the same either way.
	pub commission: Option<Commission<AccountId>>,
}

/// A task of the agenda that failed (an asset frozen by its issuer, an account blocked) and is
/// tried again: it stays owed until it is done ([`crate::Retries`]).
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
pub struct Retry<BlockNumber> {
	/// The task that failed.
	pub task: AgendaTask,
	/// The block of its next try: its agenda entry is due then.
	pub at: BlockNumber,
	/// How many times it failed.
	pub attempts: u32,
}

impl<AccountId, AssetId, Balance, BlockNumber, OrderNo>
	Settlement<AccountId, AssetId, Balance, BlockNumber, OrderNo>
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
	/// The current step of a refund request is over: the store did not answer (the chain
	/// grants it), the buyer did not ship the return (the request is lost), or the store did
	/// not confirm the return (the chain refunds). Added last: the other tasks kept their
	/// encoding, and with it their place in the agenda's key order.
	RefundLapse,
	/// A settlement the store did not accept within the acceptance period goes back to the
	/// buyer. Added last, like `RefundLapse`.
	Expire,
}

/// Where a refund request stands.
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
pub enum RefundStage {
	/// The store has until the request's `due` block to grant it (with or without a return) or
	/// refuse it; if it is silent, the chain grants it then.
	Requested,
	/// The store granted it on condition that the goods come back: the buyer has until `due`
	/// to mark the return shipped, or loses the request.
	AwaitingReturn,
	/// The buyer shipped the goods back: the store confirms the return (the refund is made),
	/// refuses it (a dispute opens), or the chain refunds at `due`.
	Returned,
}

/// How a refund request was granted.
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
pub enum RefundGrant {
	/// The store granted it.
	Store,
	/// The store did not answer within the response period: the chain granted it.
	Silence,
	/// The store confirmed receiving the goods back.
	ReturnReceived,
	/// The return deadline passed without the store confirming or refusing the return.
	ReturnDeadline,
}

/// A buyer's request for a refund of all or part of a settlement's held amount.
#[derive(
	Clone, Encode, Decode, DecodeWithMemTracking, Eq, PartialEq, Debug, TypeInfo, MaxEncodedLen,
)]
pub struct RefundRequest<Balance, BlockNumber, Logistics> {
	/// What the buyer asks back, in the settlement's asset.
	pub amount: Balance,
	/// Hash of the buyer's statement of the problem.
	pub reason: [u8; 32],
	/// When it was made.
	pub requested_at: BlockNumber,
	/// Where it stands.
	pub stage: RefundStage,
	/// The block the stage ends in; an agenda entry settles it then.
	pub due: BlockNumber,
	/// Where the settlement stood before: it returns there if anything stays held.
	pub resumes_as: SettlementStatus,
	/// The deadline the request stopped, if the settlement had shipped.
	pub stopped_deadline: Option<BlockNumber>,
	/// The return's carrier reference, once the buyer shipped it.
	pub logistics: Option<Logistics>,
}

/// How long each step of a refund request may take, in blocks.
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
pub struct AfterSalesPeriods<BlockNumber> {
	/// The store's time to answer a request.
	pub respond: BlockNumber,
	/// The buyer's time to ship the goods back once the store asked for them.
	pub ship_return: BlockNumber,
	/// The store's time to confirm the return once the buyer shipped it.
	pub receive_return: BlockNumber,
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
	///
	/// Unsafe for a market: every dispute the arbiter leaves unruled becomes a refund, the
	/// dispute a store's refusal opens included (a refused return too), so a buyer gets by the
	/// arbiter's silence what the store refused. Choose it only where the arbiter always rules.
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

/// What the benchmarks need from the rest of the runtime.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<AccountId, AssetId, Balance> {
	/// A store that exists in the runtime's store directory and accepts `Self::asset()`.
	fn store() -> StoreId;
	/// Store number `i` of the auto-settlement benchmarks, accepting `Self::asset()`, with the
	/// account it pays: the same store for the same `i`, another for each other `i`.
	fn store_of(i: u32) -> (StoreId, AccountId);
	/// Accepts settlement `id` for `amount` and ships it as the store's owner does through the
	/// runtime's store side, so that a payout of it does the store side's work too (its order
	/// completed, its store's count of open orders lowered). The auto-settlement benchmarks
	/// measure that work as part of each payout.
	fn accept_and_ship(id: SettlementId, amount: Balance) -> sp_runtime::DispatchResult;
	/// The asset the benchmarks settle in: the dearest to settle in.
	fn asset() -> AssetId;
	/// Makes `payee` the payout account of `store`, so that it acts for the store.
	fn set_payout(store: StoreId, payee: &AccountId);
	/// Gives `who` `amount` of `asset` (the benchmarks' asset, or the native token).
	fn fund(who: &AccountId, asset: &AssetId, amount: Balance);
}
