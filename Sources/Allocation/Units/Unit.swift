/// The units of Allot's figures. Every conversion between them goes through ``UnitConverter``.
///
/// Money is named in the scenario's own currency and scale (``MoneyWords``): `name(_:)` and
/// `one(_:)` take them.
public enum Unit: Sendable, Hashable, CaseIterable {
    /// Money as scenarios state it and reports print it (CHF thousands for the ITU).
    case money
    /// Money inside the linear program: 1,000 stated units (CHF millions; see ``UnitConverter``).
    case lpMoney
    /// Staff, in full-time equivalents.
    case fte
    /// A share as a fraction: 0.14 for 14 %.
    case share
    /// One hundredth of a share: a share limit moved from 14 % to 15 % moved by one.
    case percentagePoint
    /// A target's impact over the points that close its gap: 1 means the gap is closed.
    case attainment
    /// The weighted impact, the objective (an earlier stage held by a later one is in it).
    case objective
    /// A target's indicator points (impact before it is divided by the target's gap).
    case points

    /// The unit's name as JSON and CSV print it: "CHF thousands", "FTE", "percentage point".
    public func name(_ money: MoneyWords) -> String {
        switch self {
        case .money: money.unitName
        case .lpMoney: money.lpUnitName
        case .fte: "FTE"
        case .share: "share"
        case .percentagePoint: "percentage point"
        case .attainment: "attainment"
        case .objective: "objective"
        case .points: "points"
        }
    }

    /// One unit as a price is quoted "per ...": `CHF 1 million`, `CHF 1 thousand`, `FTE`, `percentage point`.
    public func one(_ money: MoneyWords) -> String {
        switch self {
        case .money: money.one
        case .lpMoney: money.lpOne
        default: name(money)
        }
    }
}

/// The one place where figures change unit.
///
/// Money in the LP is in units of 1,000 stated units (CHF millions for a scenario in CHF
/// thousands): with the stated unit the reduced costs of the allocation columns (about 1e-6
/// per unit) sit at GLPK's optimality tolerance (1e-7), and solves that should agree differed
/// by 1e-5 in the objective.
public enum UnitConverter {
    /// `value` in `from` as a value in `to`; only money to money, share (or attainment) to
    /// percentage points, and a unit to itself.
    public static func convert(_ value: Double, from: Unit, to: Unit) -> Double {
        if from == to { return value }
        // Down a scale by division, not by a multiple of 1e-3: 1e-3 is not exact in binary, and
        // the LP's figures would move in their last bits.
        switch (from, to) {
        case (.money, .lpMoney): return value / 1000
        case (.lpMoney, .money): return value * 1000
        case (.share, .percentagePoint), (.attainment, .percentagePoint): return value * 100
        case (.percentagePoint, .share), (.percentagePoint, .attainment): return value / 100
        default: preconditionFailure("no conversion from \(from) to \(to)")
        }
    }

    /// The unit a scenario states a limit in, for a row whose right-hand side is in `lpUnit`:
    /// LP money is stated in the scenario's money; FTE, shares and attainment as they are.
    public static func statedUnit(of lpUnit: Unit) -> Unit { lpUnit == .lpMoney ? .money : lpUnit }

    /// Scenario money (CHF thousands) in LP money.
    public static func lp(_ stated: Double) -> Double { convert(stated, from: .money, to: .lpMoney) }

    /// LP money in scenario money (CHF thousands).
    public static func stated(_ lp: Double) -> Double { convert(lp, from: .lpMoney, to: .money) }

    /// A rate per one `from` (points or weighted impact per CHF thousand) as a rate per one `to`.
    /// Per a larger unit the rate is larger: per CHF 1 million, 1,000 times per CHF 1 thousand.
    /// Multiplying or dividing by the whole factor keeps powers of ten exact.
    public static func rate(_ value: Double, per from: Unit, to: Unit) -> Double {
        let larger = convert(1, from: to, to: from)
        return larger >= 1 ? value * larger : value / convert(1, from: from, to: to)
    }

    /// A rate stated per CHF thousand (target points per CHF thousand) as a rate per LP money unit.
    public static func perLPMoney(_ perThousand: Double) -> Double {
        rate(perThousand, per: .money, to: .lpMoney)
    }
}

/// A price: the change of the weighted impact per one more unit of something.
public struct Price: Sendable, Hashable {
    /// Weighted impact per one ``per``.
    public var value: Double
    public var per: Unit

    public init(_ value: Double, per: Unit) {
        self.value = value
        self.per = per
    }

    /// The same price quoted per another unit (per CHF 1 million instead of per CHF 1 thousand).
    public func per(_ unit: Unit) -> Price {
        Price(UnitConverter.rate(value, per: per, to: unit), per: unit)
    }
}
