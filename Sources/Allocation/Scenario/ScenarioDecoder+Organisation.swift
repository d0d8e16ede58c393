import Foundation

extension ScenarioDecoder {
    static let organisationFields = ["name", "currency", "money_unit", "words", "target_year", "appendix"]
    static let wordFields = ["sector", "sectors", "priority", "priorities", "offering", "offerings", "targets"]

    /// The currency and scale as the file states them, read without diagnostics so that every
    /// message about an amount can name the unit before the section itself is checked
    /// (``decodeOrganisation(targets:)`` reports what is wrong with it).
    static func statedMoney(in document: SourceValue) -> MoneyWords {
        let section = document["organisation"]
        var money = MoneyWords()
        if case .scalar(let text, _, _)? = section?["currency"], let currency = usableCurrency(text) { money.currency = currency }
        if case .scalar(let text, _, _)? = section?["money_unit"], let scale = MoneyScale(rawValue: text) { money.scale = scale }
        return money
    }

    private static func usableCurrency(_ text: String) -> String? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        return !trimmed.isEmpty && trimmed.count <= 12 && !trimmed.contains(where: \.isNewline) ? trimmed : nil
    }

    /// "an amount in CHF thousands >= 0", in the scenario's own currency and scale.
    var amountWhat: String { "an amount in \(money.unitName) >= 0" }

    /// The organisation's words. Its `targetYear` here is the year of targets that state none;
    /// ``decode()`` keeps it for the headings only when every target shares it.
    func decodeOrganisation() -> Organisation {
        var organisation = Organisation.plain
        guard let section = document["organisation"],
              reader.map(section, "organisation", allowed: Self.organisationFields, fallback: top) != nil else { return organisation }
        organisation.name = section["name"].flatMap { text($0, "organisation.name") }
        if let value = section["currency"], let text = reader.string(value, "organisation.currency") {
            if let currency = Self.usableCurrency(text) {
                organisation.money.currency = currency
            } else {
                reader.error(value, "organisation.currency", "must be a currency code or symbol of 1 to 12 characters on one line (e.g. CHF, EUR, US$), found '\(text)'", fallback: top)
            }
        }
        if let value = section["money_unit"],
           let scale = reader.oneOf(value, "organisation.money_unit", MoneyScale.allCases.map(\.rawValue)).flatMap(MoneyScale.init) {
            organisation.money.scale = scale
        }
        if let value = section["words"], reader.map(value, "organisation.words", allowed: Self.wordFields, fallback: top) != nil {
            func term(_ key: String, _ plural: String, _ current: Term) -> Term {
                guard let singular = value[key].flatMap({ text($0, "organisation.words.\(key)") }) else {
                    if value[plural] != nil { reader.error(value[plural], "organisation.words.\(plural)", "is given without organisation.words.\(key)", fallback: top) }
                    return current
                }
                return Term(singular, plural: value[plural].flatMap { text($0, "organisation.words.\(plural)") })
            }
            organisation.sector = term("sector", "sectors", organisation.sector)
            organisation.priority = term("priority", "priorities", organisation.priority)
            organisation.offering = term("offering", "offerings", organisation.offering)
            if let targets = value["targets"].flatMap({ text($0, "organisation.words.targets") }) { organisation.targets = targets }
        }
        if let value = section["target_year"] { organisation.targetYear = targetYear(value, "organisation.target_year") }
        if let value = section["appendix"], reader.map(value, "organisation.appendix", allowed: ["title", "name"], fallback: top) != nil {
            if let title = value["title"].flatMap({ text($0, "organisation.appendix.title") }) { organisation.appendixTitle = title }
            if let name = value["name"].flatMap({ text($0, "organisation.appendix.name") }) { organisation.appendixName = name }
        }
        return organisation
    }

    /// A year a target is set for: a whole number from 1 to 9999.
    func targetYear(_ value: SourceValue, _ path: String) -> Int? {
        guard let year = reader.integer(value, path) else { return nil }
        guard (1...9999).contains(year) else {
            reader.error(value, path, "must be a year from 1 to 9999, found \(year)", fallback: top)
            return nil
        }
        return year
    }

    /// A label the reports print: text on one line, not empty.
    private func text(_ value: SourceValue, _ path: String) -> String? {
        guard let text = reader.string(value, path) else { return nil }
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, !trimmed.contains(where: \.isNewline) else {
            reader.error(value, path, "must be a word or phrase on one line, found '\(text)'", fallback: top)
            return nil
        }
        return trimmed
    }
}
