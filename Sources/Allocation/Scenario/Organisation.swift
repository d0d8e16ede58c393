/// Who the plan is for, and the words its reports speak: the organisation's name, its currency,
/// what it calls its three dimensions, its targets and its appendix.
///
/// Every word a report prints about the organisation comes from here, so that a scenario
/// written for another organisation reads as that organisation's document. The ITU's words
/// are the ITU scenario's `organisation:` section; a scenario without one gets the plain words
/// of the scenario file's own keys (sector, priority, offering, targets).
public struct Organisation: Sendable, Hashable {
    /// "International Telecommunication Union"; nil when the scenario does not say.
    public var name: String?
    public var money: MoneyWords
    /// "Sector" / "Sectors" for the ITU, "Division" for an agency, "Faculty" for a university.
    public var sector: Term
    /// "thematic priority", "programme".
    public var priority: Term
    /// "product/service offering", "service".
    public var offering: Term
    /// The targets as a set, in a heading: "Connect 2030 targets", or "targets".
    public var targets: String
    /// The year the targets are set for (2030), when every target shares one.
    public var targetYear: Int?
    /// The title of the plan's report: "Appendix A. Allocation of resources (linkage with the
    /// financial plan)", or "Allocation of resources".
    public var appendixTitle: String
    /// How other reports refer to it: "Appendix A", or "the allocation report".
    public var appendixName: String

    public init(name: String? = nil, money: MoneyWords = MoneyWords(), sector: Term = Term("sector"), priority: Term = Term("priority"),
                offering: Term = Term("offering"), targets: String = "targets", targetYear: Int? = nil,
                appendixTitle: String = "Allocation of resources", appendixName: String = "the allocation report") {
        self.name = name
        self.money = money
        self.sector = sector
        self.priority = priority
        self.offering = offering
        self.targets = targets
        self.targetYear = targetYear
        self.appendixTitle = appendixTitle
        self.appendixName = appendixName
    }

    /// The words of a scenario without an `organisation:` section.
    public static let plain = Organisation()

    /// The heading of a report that belongs to the appendix: "Appendix A — sensitivity", or
    /// "Allocation report — sensitivity".
    public func appendixPart(_ part: String) -> String {
        let name = appendixName.hasPrefix("the ") ? String(appendixName.dropFirst(4)) : appendixName
        return "\(Term.capitalisingFirst(name)) — \(part)"
    }

    /// A dimension's name at the start of a label: `sector` is "Sector" for the ITU and
    /// "Division" for an agency; `biennium` and `year` are as they are.
    public func dimensionTitle(_ dimension: String) -> String {
        switch dimension {
        case "sector": sector.title
        case "priority": priority.title
        case "offering": offering.title
        default: Term.capitalisingFirst(dimension)
        }
    }

    /// The number of the appendix's n-th section: "A.1" under "Appendix A", "2.1" under
    /// "Annex 2", "1." otherwise.
    public func sectionNumber(_ n: Int) -> String {
        let words = appendixName.split(separator: " ")
        if words.count == 2, let label = words.last, label.count <= 3, label.allSatisfy({ $0.isLetter || $0.isNumber }), words[0].first?.isUppercase == true {
            return "\(label).\(n)"
        }
        return "\(n)."
    }

    /// "the 2030 target" or "the target value": what attainment 100 % reaches.
    public var targetValueName: String { targetYear.map { "\($0) target" } ?? "target value" }
}

/// A word for one of the organisation's dimensions, as it reads inside a sentence.
public struct Term: Sendable, Hashable {
    /// "Sector", "thematic priority": capitalised as the organisation writes it mid-sentence.
    public var singular: String
    public var plural: String

    /// `plural` defaults to the singular with an "s".
    public init(_ singular: String, plural: String? = nil) {
        self.singular = singular
        self.plural = plural ?? singular + "s"
    }

    /// At the start of a heading or a table column: "Thematic priority".
    public var title: String { Self.capitalisingFirst(singular) }

    static func capitalisingFirst(_ text: String) -> String { text.prefix(1).uppercased() + text.dropFirst() }
}

/// What the scenario's amounts are counted in, and how reports write them.
public enum MoneyScale: String, Sendable, Hashable, CaseIterable, Codable {
    case thousands
    case millions

    /// Suffix of a printed amount: "CHF 12,345k", "EUR 48m".
    public var suffix: String { self == .thousands ? "k" : "m" }
    /// The linear program counts money in units 1,000 times the stated ones.
    var lpWord: String { self == .thousands ? "millions" : "billions" }
    var lpOne: String { self == .thousands ? "1 million" : "1 billion" }
    var one: String { self == .thousands ? "1 thousand" : "1 million" }
}

/// The currency and scale of a scenario's money, and every way a report writes an amount.
public struct MoneyWords: Sendable, Hashable, Codable {
    /// An ISO 4217 code ("CHF", "EUR") or any short symbol; nil when the scenario names none.
    public var currency: String?
    public var scale: MoneyScale

    public init(currency: String? = nil, scale: MoneyScale = .thousands) {
        self.currency = currency
        self.scale = scale
    }

    private var code: String { currency.map { "\($0) " } ?? "" }

    /// The unit of the scenario's amounts: "CHF thousands", "thousands".
    public var unitName: String { code + scale.rawValue }
    /// The unit in a table heading: "CHF k", "k".
    public var shortName: String { code + scale.suffix }
    /// The unit of money inside the linear program: "CHF millions".
    public var lpUnitName: String { code + scale.lpWord }
    /// One stated unit, as a price is quoted per it: "CHF 1 thousand".
    public var one: String { code + scale.one }
    /// One unit of LP money, as a price is quoted per it: "CHF 1 million".
    public var lpOne: String { code + scale.lpOne }
    /// A printed figure of stated money: "CHF 12,345k".
    public func amount(_ printed: String) -> String { code + printed + scale.suffix }
    /// An amount of stated money, exactly as a scenario would write it: "CHF 12500.5k".
    public func text(_ stated: Double) -> String { amount(ScenarioDecoder.amount(stated)) }
    /// "CHF 1 million": what impact figures are stated per, whatever the scale.
    public var oneMillion: String { code + "1 million" }
    /// Impact per million of the currency as impact per stated unit (per CHF thousand).
    public func perStatedUnit(perMillion: Double) -> Double {
        // Divided by the whole factor, so that powers of ten stay exact.
        scale == .thousands ? perMillion / 1000 : perMillion
    }

    /// The suffix after a printed figure: "k" in "CHF 12,345k".
    public var suffix: String { scale.suffix }

    /// For CSV column names: "chf_k", "k".
    public var columnSuffix: String { (currency.map { $0.lowercased() + "_" } ?? "") + scale.suffix }
}
