import Foundation
import LinearModel

/// Compiles a ``Scenario`` into the allocation LP stated in the README's "Model" section.
///
/// Per activity a = (sector, line, offering) and year y: non-staff budget b >= 0, staff f_c >= 0
/// per category, cost x = b + Σ_c stdcost[c,y]·f_c, curve segments 0 <= s_k <= width_k with
/// Σ_k s_k = x; impact[t,y] = Σ_a Σ_k factor_k · effect[a,t] · s_k; maximise Σ_t w_t·impact[t]/scale_t.
public enum AllocationCompiler {
    /// The scenario as a linear program. Only ``ScenarioDriver`` calls this: every command and
    /// analysis starts from the driver's compiled scenario.
    static func compile(_ scenario: Scenario, capping cap: TargetCap = .scenarioMoney) -> CompiledScenario {
        var builder = Builder(program: CompiledScenario(scenario: scenario), cap: cap)
        builder.addActivityColumns()
        builder.addImpacts()
        builder.addFinancialPlan()
        builder.addStaffLimits()
        builder.addSectorAndPriorityLimits()
        builder.addChangeLimits()
        builder.addPreviousPlanDeviation()
        builder.addStaffMobility()
        builder.addTargetFloors()
        builder.addWorstAttainment()
        builder.addObjective()
        return builder.finished
    }

    /// LP names: readable, and kept by GLPK's CPLEX LP writer. Scenario ids may hold any
    /// letters, digits, `-` and `_`; ``lpToken(_:)`` writes each in the ASCII the LP formats
    /// allow, and a name past GLPK's 255 bytes keeps its start and a digest of the whole.
    public static func name(_ kind: String, _ parts: [CustomStringConvertible]) -> String {
        let name = "\(kind)(\(parts.map { lpToken($0.description) }.joined(separator: ",")))"
        guard name.utf8.count > NameRules.maximumByteCount else { return name }
        // Tokens are ASCII, so any byte count is a character count.
        return String(name.prefix(NameRules.maximumByteCount - 18)) + "#" + digest(name)
    }

    /// An id as it stands in LP names: ASCII letters, digits, `_` and `.` as they are, `-` as
    /// `~`, any other character as its Unicode scalars in hexadecimal braces (`Santé` is
    /// `Sant{e9}`). Ids never hold `~`, `{` or `}`, so two ids never share a token.
    public static func lpToken(_ id: String) -> String {
        if id.utf8.allSatisfy({ $0 < 128 && ($0 == 95 || $0 == 46 || (48...57).contains($0) || (65...90).contains($0) || (97...122).contains($0)) }) {
            return id
        }
        var token = ""
        // Canonically equal spellings (é precomposed or e + accent) are one id in Swift, and one token.
        for scalar in id.precomposedStringWithCanonicalMapping.unicodeScalars {
            switch scalar {
            case "-": token += "~"
            case _ where scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "_" || scalar == "."): token.unicodeScalars.append(scalar)
            default: token += "{\(String(scalar.value, radix: 16))}"
            }
        }
        return token
    }

    /// For an exported model: how its names write the scenario's ids that are not plain ASCII,
    /// a line each ("D~CP is the id D-CP"), after a line that says what follows; empty when
    /// every id stands in the names as it is.
    public static func idKey(_ scenario: Scenario) -> [String] {
        var ids: [(kind: String, id: String)] = []
        ids += scenario.sectors.map { ("sector", $0.id) } + scenario.lines.map { ("line", $0.id) }
        ids += scenario.offerings.map { ("offering", $0.id) } + scenario.staff.categories.map { ("staff category", $0.id) }
        ids += scenario.targets.map { ("target", $0.id) }
        var seen = Set<String>()
        let lines = ids.compactMap { kind, id -> String? in
            let token = lpToken(id)
            guard token != id, seen.insert(kind + id).inserted else { return nil }
            return "\(token) is the \(kind) \(id)"
        }
        guard !lines.isEmpty else { return [] }
        return ["Scenario \(scenario.name): names write these ids in ASCII ('-' as '~', other characters as {hex}):"] + lines
    }

    /// FNV-1a, 64 bits, in hexadecimal: stable across runs and machines (Swift's hashValue is not).
    static func digest(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}

private func money(_ thousands: Double) -> Double { UnitConverter.lp(thousands) }

private struct Builder {
    var program: CompiledScenario

    /// An amount of the scenario's money as descriptions print it: "CHF 12,500k".
    func moneyText(_ stated: Double) -> String { scenario.organisation.money.text(stated) }
    let cap: TargetCap
    var scenario: Scenario { program.scenario }
    // Kept here while building, not in `program`: updating a dictionary through a computed
    // property would copy it at every insertion.
    var columns: [ActivityYear: ActivityColumns] = [:]
    var order: [ActivityYear] = []

    init(program: CompiledScenario, cap: TargetCap) {
        self.program = program
        self.cap = cap
    }

    var finished: CompiledScenario {
        var program = program
        program.activities = columns
        program.activityOrder = order
        return program
    }

    private mutating func column(_ name: String, _ description: String, upperBound: Double = .infinity, kind: VariableKind = .continuous) -> Variable {
        program.addColumn(name, description, upperBound: upperBound, kind: kind)
    }

    private mutating func add(_ spec: ConstraintSpec, _ name: String, _ meaning: ConstraintMeaning) {
        program.addRow(spec, name: name, meaning)
    }

    private func definition(_ key: RowKey, _ text: String) -> ConstraintMeaning {
        ConstraintMeaning(key: key, kind: .definition, description: text, unit: Unit.lpMoney, path: nil)
    }

    private func cost(where include: (ActivityYear) -> Bool) -> LinearExpression {
        LinearExpression.sum(order.filter(include).map { columns[$0]!.cost })
    }

    private func staff(where include: (ActivityYear) -> Bool) -> LinearExpression {
        LinearExpression.sum(order.filter(include).flatMap { columns[$0]!.staff })
    }

    // MARK: Columns, cost and curve

    mutating func addActivityColumns() {
        let categories = scenario.staff.categories
        for activity in scenario.activities {
            for year in scenario.years {
                let key = ActivityYear(sector: activity.sector, line: activity.line, offering: activity.offering, year: year)
                let cell: [CustomStringConvertible] = [activity.sector, activity.line, activity.offering]
                let words = "\(scenario.label(activity)), \(year)"
                let budget = column(AllocationCompiler.name("budget", cell + [year]), "non-staff budget of \(words)")
                let staff = categories.map {
                    column(AllocationCompiler.name("staff", cell + [$0.id, year]), "\($0.name) staff of \(words)",
                           kind: scenario.staff.wholePosts ? .integer : .continuous)
                }
                let cost = column(AllocationCompiler.name("cost", cell + [year]), "cost of \(words)")
                var lower = 0.0
                var segments: [Variable] = []
                for (index, segment) in scenario.impactCurve.enumerated() {
                    let width = segment.upTo.map { money($0 - lower) } ?? .infinity
                    let span = segment.upTo.map { lower == 0 ? "up to \(moneyText($0))" : "between \(moneyText(lower)) and \(ScenarioDecoder.amount($0))\(scenario.organisation.money.suffix)" }
                        ?? "beyond \(moneyText(lower))"
                    lower = segment.upTo ?? lower
                    segments.append(column(AllocationCompiler.name("effort", cell + [year, index + 1]),
                                           "spending of \(words) \(span) (impact curve segment \(index + 1))", upperBound: width))
                }
                columns[key] = ActivityColumns(budget: budget, staff: staff, cost: cost, segments: segments)
                order.append(key)
                let label = "\(activity.sector), \(activity.line), \(activity.offering), \(year)"

                var staffCost = LinearExpression()
                for (category, variable) in zip(categories, staff) {
                    staffCost.add(money(category.standardCost[year] ?? 0), variable)
                }
                add(cost == budget + staffCost, AllocationCompiler.name("costdef", cell + [year]),
                    definition(.costDefinition(key), "Cost of \(label) = budget + standard cost of staff"))
                add(LinearExpression.sum(segments) == LinearExpression(cost), AllocationCompiler.name("curve", cell + [year]),
                    definition(.curve(key), "Cost of \(label) spread over the impact curve"))

                let offering = scenario.offering(activity.offering)!
                let sharePath = "offerings.\(offering.id).staff_cost_share"
                if offering.staffCostShare.lowerBound > 0 {
                    add(staffCost - offering.staffCostShare.lowerBound * cost >= 0, AllocationCompiler.name("staffmin", cell + [year]),
                        ConstraintMeaning(key: .staffCostShare(key, .atLeast), kind: .staffCostShare, description: "Staff cost of \(label) at least \(percent(offering.staffCostShare.lowerBound)) of its cost", unit: .share, path: "\(sharePath).min", shareOf: .activityCost(key), share: offering.staffCostShare.lowerBound))
                }
                if offering.staffCostShare.upperBound < 1 {
                    add(staffCost - offering.staffCostShare.upperBound * cost <= 0, AllocationCompiler.name("staffmax", cell + [year]),
                        ConstraintMeaning(key: .staffCostShare(key, .atMost), kind: .staffCostShare, description: "Staff cost of \(label) at most \(percent(offering.staffCostShare.upperBound)) of its cost", unit: .share, path: "\(sharePath).max", shareOf: .activityCost(key), share: offering.staffCostShare.upperBound))
                }
                let totalStaff = LinearExpression.sum(staff)
                for (category, variable) in zip(categories, staff) {
                    let path = "staff.categories.\(category.id)"
                    if let share = category.minShare, share > 0 {
                        add(LinearExpression(variable) - share * totalStaff >= 0, AllocationCompiler.name("grademin", cell + [category.id, year]),
                            ConstraintMeaning(key: .staffCategoryShare(key, category: category.id, .atLeast), kind: .staffCategoryShare, description: "\(category.name) staff of \(label) at least \(percent(share)) of its FTE", unit: .share, path: "\(path).min_share", shareOf: .activityStaff(key), share: share))
                    }
                    if let share = category.maxShare, share < 1 {
                        add(LinearExpression(variable) - share * totalStaff <= 0, AllocationCompiler.name("grademax", cell + [category.id, year]),
                            ConstraintMeaning(key: .staffCategoryShare(key, category: category.id, .atMost), kind: .staffCategoryShare, description: "\(category.name) staff of \(label) at most \(percent(share)) of its FTE", unit: .share, path: "\(path).max_share", shareOf: .activityStaff(key), share: share))
                    }
                }
            }
        }
    }

    // MARK: Impact

    mutating func addImpacts() {
        for target in scenario.targets {
            var byYear: [Int: Variable] = [:]
            for year in scenario.years {
                let impact = column(AllocationCompiler.name("impact", ["T\(target.id)", year]), "impact on target \(target.id) (\(target.name)) in \(year)")
                var produced = LinearExpression()
                for activity in scenario.activities {
                    guard let effect = activity.impactPerThousand[target.id], effect > 0 else { continue }
                    let key = ActivityYear(sector: activity.sector, line: activity.line, offering: activity.offering, year: year)
                    for (coefficient, variable) in zip(scenario.segmentEffects(effect), columns[key]!.segments) {
                        produced.add(coefficient, variable)
                    }
                }
                add(LinearExpression(impact) == produced, AllocationCompiler.name("impactdef", ["T\(target.id)", year]),
                    definition(.impact(target: target.id, year: year), "Impact on target \(target.id) in \(year)"))
                byYear[year] = impact
            }
            let produced = LinearExpression.sum(scenario.years.map { byYear[$0]! })
            let name = AllocationCompiler.name("impacttotal", ["T\(target.id)"])
            let total: Variable
            if cap.caps(target, in: scenario) {
                // The impact that counts is what the years produce, up to closing the target's
                // gap (attainment 1): spending that carries it past its target value earns nothing.
                total = column(AllocationCompiler.name("impact", ["T\(target.id)"]), "impact counted on target \(target.id) (\(target.name)), at most its gap",
                               upperBound: target.scale)
                add(LinearExpression(total) - produced <= 0, name,
                    definition(.impactTotal(target: target.id), "Impact counted on target \(target.id): what all years produce, at most its gap"))
            } else {
                total = column(AllocationCompiler.name("impact", ["T\(target.id)"]), "impact on target \(target.id) (\(target.name))")
                add(LinearExpression(total) == produced, name, definition(.impactTotal(target: target.id), "Impact on target \(target.id), all years"))
            }
            program.impactByYear[target.id] = byYear
            program.impactTotal[target.id] = total
        }
    }

    // MARK: Money

    mutating func addFinancialPlan() {
        for year in scenario.years {
            let biennium = scenario.biennia.first { $0.years.contains(year) }
            guard biennium?.transfers != true, let envelope = scenario.envelopes[year] else { continue }
            add(cost { $0.year == year } <= money(envelope), AllocationCompiler.name("envelope", [year]),
                ConstraintMeaning(key: .envelope(year: year), kind: .annualEnvelope, description: "Annual envelope \(year) (\(moneyText(envelope)))", unit: Unit.lpMoney, path: "envelopes.\(year)"))
        }
        for biennium in scenario.biennia {
            // Without transfers the annual envelopes already hold; a biennial row at their sum
            // would only split their price between two rows.
            let annualSum = biennium.years.reduce(0) { $0 + (scenario.envelopes[$1] ?? 0) }
            if !biennium.transfers && biennium.envelope >= annualSum { continue }
            let id = biennium.id.replacingOccurrences(of: "-", with: "_")
            let transfers = biennium.transfers ? "transfers between its years allowed" : "no transfers between its years"
            add(cost { biennium.years.contains($0.year) } <= money(biennium.envelope), AllocationCompiler.name("biennium", [id]),
                ConstraintMeaning(key: .biennialEnvelope(biennium: biennium.id), kind: .biennialEnvelope, description: "Biennial envelope \(biennium.id) (\(moneyText(biennium.envelope)), \(transfers))", unit: Unit.lpMoney, path: "biennia.\(biennium.id).envelope"))
        }
        var committed: [ActivityYear: [FixedCommitment]] = [:]
        for commitment in scenario.fixedCommitments {
            committed[commitment.key, default: []].append(commitment)
        }
        for key in order {
            guard let items = committed[key] else { continue }
            let amount = items.reduce(0) { $0 + $1.amount }
            let names = items.map(\.name).joined(separator: " + ")
            add(LinearExpression(columns[key]!.cost) >= money(amount), AllocationCompiler.name("commitment", [key.sector, key.line, key.offering, key.year]),
                ConstraintMeaning(key: .fixedCommitment(key), kind: .fixedCommitment, description: "Fixed commitment \(names): \(moneyText(amount)) in \(key.sector), \(key.line), \(key.offering), \(key.year)", unit: Unit.lpMoney,
                                  path: items.count == 1 ? "fixed_commitments.\(items[0].id).amount" : nil))
        }
        for offering in scenario.offerings {
            for year in scenario.years {
                guard let floor = offering.minAmount[year], floor > 0 else { continue }
                add(cost { $0.offering == offering.id && $0.year == year } >= money(floor), AllocationCompiler.name("offeringmin", [offering.id, year]),
                    ConstraintMeaning(key: .offeringMinimum(offering: offering.id, year: year), kind: .offeringFloor, description: "At least \(moneyText(floor)) on \(offering.name) in \(year)", unit: Unit.lpMoney, path: "offerings.\(offering.id).min_amount.\(year)"))
            }
        }
    }

    // MARK: Staff

    mutating func addStaffLimits() {
        for year in scenario.years {
            if let ceiling = scenario.staff.ceiling[year] {
                add(staff { $0.year == year } <= ceiling, AllocationCompiler.name("staffceiling", [year]),
                    ConstraintMeaning(key: .staffCeiling(year: year), kind: .staffCeiling, description: "Staff ceiling \(year) (\(ScenarioDecoder.amount(ceiling)) FTE)", unit: .fte, path: "staff.ceiling.\(year)"))
            }
            for sector in scenario.sectors {
                guard let ceiling = sector.staffCeiling[year] else { continue }
                add(staff { $0.sector == sector.id && $0.year == year } <= ceiling, AllocationCompiler.name("sectorstaff", [sector.id, year]),
                    ConstraintMeaning(key: .sectorStaffCeiling(sector: sector.id, year: year), kind: .sectorStaffCeiling, description: "\(sector.name) staff ceiling \(year) (\(ScenarioDecoder.amount(ceiling)) FTE)", unit: .fte, path: "sectors.\(sector.id).staff_ceiling.\(year)"))
            }
        }
    }

    // MARK: Sector and priority limits

    mutating func addSectorAndPriorityLimits() {
        for year in scenario.years {
            let total = cost { $0.year == year }
            for sector in scenario.sectors {
                let spend = cost { $0.sector == sector.id && $0.year == year }
                addLimits(sector.limits, spend: spend, total: total, year: year, id: sector.id, label: sector.name,
                          path: "sectors.\(sector.id)", kinds: (.sectorFloor, .sectorCeiling), prefix: "sector",
                          keys: (RowKey.sectorShare, RowKey.sectorAmount))
            }
            for priority in scenario.priorities {
                let lines = Set(scenario.lines.filter { $0.priority == priority.id }.map(\.id))
                let spend = cost { lines.contains($0.line) && $0.year == year }
                addLimits(priority.limits, spend: spend, total: total, year: year, id: priority.id, label: priority.name,
                          path: "priorities.\(priority.id)", kinds: (.priorityFloor, .priorityCeiling), prefix: "priority",
                          keys: (RowKey.priorityShare, RowKey.priorityAmount))
            }
            if let share = scenario.cybersecurityMinShare, share > 0 {
                let cyber = Set(scenario.lines.filter(\.isCybersecurity).map(\.id))
                add(cost { cyber.contains($0.line) && $0.year == year } - share * total >= 0, AllocationCompiler.name("cybermin", [year]),
                    ConstraintMeaning(key: .cybersecurityShare(year: year), kind: .priorityFloor, description: "Cybersecurity at least \(percent(share)) of spending in \(year)", unit: .share, path: "cybersecurity.min_share", shareOf: .spending(year: year), share: share))
            }
        }
    }

    private mutating func addLimits(
        _ limits: SpendingLimits, spend: LinearExpression, total: LinearExpression, year: Int, id: String, label: String,
        path: String, kinds: (floor: ConstraintMeaning.Kind, ceiling: ConstraintMeaning.Kind), prefix: String,
        keys: (share: (String, Int, LimitSide) -> RowKey, amount: (String, Int, LimitSide) -> RowKey)
    ) {
        if let share = limits.minShare, share > 0 {
            add(spend - share * total >= 0, AllocationCompiler.name("\(prefix)minshare", [id, year]),
                ConstraintMeaning(key: keys.share(id, year, .atLeast), kind: kinds.floor, description: "\(label) at least \(percent(share)) of spending in \(year)", unit: .share, path: "\(path).min_share", shareOf: .spending(year: year), share: share))
        }
        if let share = limits.maxShare, share < 1 {
            add(spend - share * total <= 0, AllocationCompiler.name("\(prefix)maxshare", [id, year]),
                ConstraintMeaning(key: keys.share(id, year, .atMost), kind: kinds.ceiling, description: "\(label) at most \(percent(share)) of spending in \(year)", unit: .share, path: "\(path).max_share", shareOf: .spending(year: year), share: share))
        }
        if let amount = limits.minAmount[year], amount > 0 {
            add(spend >= money(amount), AllocationCompiler.name("\(prefix)min", [id, year]),
                ConstraintMeaning(key: keys.amount(id, year, .atLeast), kind: kinds.floor, description: "\(label) at least \(moneyText(amount)) in \(year)", unit: Unit.lpMoney, path: "\(path).min_amount.\(year)"))
        }
        if let amount = limits.maxAmount[year] {
            add(spend <= money(amount), AllocationCompiler.name("\(prefix)max", [id, year]),
                ConstraintMeaning(key: keys.amount(id, year, .atMost), kind: kinds.ceiling, description: "\(label) at most \(moneyText(amount)) in \(year)", unit: Unit.lpMoney, path: "\(path).max_amount.\(year)"))
        }
    }

    // MARK: Stability and goal programming

    /// Discretionary spending (cost less fixed commitments) may move at most `limit` of the
    /// previous year's from one year to the next; commitments are constants, on the right.
    mutating func addChangeLimits() {
        let lineOf = Dictionary(uniqueKeysWithValues: scenario.lines.map { ($0.id, $0.priority) })
        let committed = scenario.fixedCommitments
        // (group id, name, is this line in it, is this commitment in it) per family.
        typealias Group = (id: String, name: String, member: (String, String) -> Bool)
        let families: [(share: Double?, groups: [Group], kind: ConstraintMeaning.Kind, prefix: String, path: String, key: (String, Int, LimitSide) -> RowKey)] = [
            (scenario.changeLimits.sector, scenario.sectors.map { sector in (sector.id, sector.name, { s, _ in s == sector.id }) },
             .sectorChange, "sectorchange", "change_limits.sector", RowKey.sectorChange),
            (scenario.changeLimits.priority, scenario.priorities.map { priority in (priority.id, priority.name, { _, line in lineOf[line] == priority.id }) },
             .priorityChange, "prioritychange", "change_limits.priority", RowKey.priorityChange),
        ]
        for family in families {
            guard let share = family.share else { continue }
            for group in family.groups {
                for (previous, year) in zip(scenario.years, scenario.years.dropFirst()) {
                    let now = cost { group.member($0.sector, $0.line) && $0.year == year }
                    let before = cost { group.member($0.sector, $0.line) && $0.year == previous }
                    let fixedNow = money(committed.filter { group.member($0.sector, $0.line) && $0.year == year }.reduce(0) { $0 + $1.amount })
                    let fixedBefore = money(committed.filter { group.member($0.sector, $0.line) && $0.year == previous }.reduce(0) { $0 + $1.amount })
                    add(now - (1 + share) * before <= fixedNow - (1 + share) * fixedBefore, AllocationCompiler.name("\(family.prefix)up", [group.id, year]),
                        ConstraintMeaning(key: family.key(group.id, year, .atMost), kind: family.kind, description: "\(group.name): discretionary spending in \(year) at most \(percent(share)) above \(previous)",
                                          unit: Unit.lpMoney, path: family.path))
                    add((1 - share) * before - now <= (1 - share) * fixedBefore - fixedNow, AllocationCompiler.name("\(family.prefix)down", [group.id, year]),
                        ConstraintMeaning(key: family.key(group.id, year, .atLeast), kind: family.kind, description: "\(group.name): discretionary spending in \(year) at most \(percent(share)) below \(previous)",
                                          unit: Unit.lpMoney, path: family.path))
                }
            }
        }
    }

    /// Spending within `max_deviation` of the previous plan, per sector and per priority and year.
    mutating func addPreviousPlanDeviation() {
        guard let previous = scenario.previousPlan else { return }
        let share = previous.maxDeviation
        let lineOf = Dictionary(uniqueKeysWithValues: scenario.lines.map { ($0.id, $0.priority) })
        for sector in scenario.sectors {
            for year in scenario.years {
                guard let amount = previous.sectors[sector.id]?[year] else { continue }
                program.addRow(cost { $0.sector == sector.id && $0.year == year }, lowerBound: money(amount * (1 - share)),
                               upperBound: money(amount * (1 + share)), name: AllocationCompiler.name("sectordeviation", [sector.id, year]),
                               ConstraintMeaning(key: .sectorDeviation(sector: sector.id, year: year), kind: .sectorDeviation, description: "\(sector.name) in \(year) within \(percent(share)) of the previous plan's \(moneyText(amount))",
                                                  unit: Unit.lpMoney, path: "previous_plan.sectors.\(sector.id).\(year)"))
            }
        }
        for priority in scenario.priorities {
            for year in scenario.years {
                guard let amount = previous.priorities[priority.id]?[year] else { continue }
                program.addRow(cost { lineOf[$0.line] == priority.id && $0.year == year }, lowerBound: money(amount * (1 - share)),
                               upperBound: money(amount * (1 + share)), name: AllocationCompiler.name("prioritydeviation", [priority.id, year]),
                               ConstraintMeaning(key: .priorityDeviation(priority: priority.id, year: year), kind: .priorityDeviation, description: "\(priority.name) in \(year) within \(percent(share)) of the previous plan's \(moneyText(amount))",
                                                  unit: Unit.lpMoney, path: "previous_plan.priorities.\(priority.id).\(year)"))
            }
        }
    }

    /// At most `mobility` FTE into or out of each sector from one year to the next.
    mutating func addStaffMobility() {
        guard let mobility = scenario.staff.mobility else { return }
        for sector in scenario.sectors {
            for (previous, year) in zip(scenario.years, scenario.years.dropFirst()) {
                let change = staff { $0.sector == sector.id && $0.year == year } - staff { $0.sector == sector.id && $0.year == previous }
                program.addRow(change, lowerBound: -mobility, upperBound: mobility, name: AllocationCompiler.name("mobility", [sector.id, year]),
                               ConstraintMeaning(key: .staffMobility(sector: sector.id, year: year), kind: .staffMobility, description: "\(sector.name): at most \(ScenarioDecoder.amount(mobility)) FTE in or out from \(previous) to \(year)",
                                                  unit: .fte, path: "staff.mobility"))
            }
        }
    }

    /// Goal programming: attainment + shortfall >= floor, the shortfall penalised in the objective.
    mutating func addTargetFloors() {
        for target in scenario.targets {
            guard let floor = target.floor else { continue }
            let short = column(AllocationCompiler.name("shortfall", ["T\(target.id)"]), "attainment short of the floor of target \(target.id) (\(target.name))")
            program.shortfall[target.id] = short
            add((1 / target.scale) * program.impactTotal[target.id]! + short >= floor.attainment, AllocationCompiler.name("targetfloor", ["T\(target.id)"]),
                ConstraintMeaning(key: .targetFloor(target: target.id), kind: .targetFloor, description: "Target \(target.id) attainment at least \(percent(floor.attainment)) (or a penalised shortfall)", unit: .attainment, path: "targets.\(target.id).floor.attainment"))
        }
    }

    /// The maximin objective's worst attainment: at most each weighted target's attainment.
    mutating func addWorstAttainment() {
        guard scenario.objective == .maximin else { return }
        let worst = column("worst_attainment", "the worst attainment among the weighted targets")
        program.worstAttainment = worst
        for target in scenario.targets where target.weight > 0 {
            add(LinearExpression(worst) - (1 / target.scale) * program.impactTotal[target.id]! <= 0, AllocationCompiler.name("worst", ["T\(target.id)"]),
                definition(.worstAttainment(target: target.id), "Worst attainment at most that of target \(target.id)"))
        }
    }

    /// The weighted objective (the only one, or the last stage of a two-stage objective).
    mutating func addObjective() {
        program.maximize(AllocationCompiler.objective(targets: scenario.targets, impactTotal: program.impactTotal, shortfall: program.shortfall),
                         name: "weighted_impact")
    }
}

extension AllocationCompiler {
    /// Σ weight·impact/scale over `targets`, less the penalties of their shortfalls.
    static func objective(targets: [Target], impactTotal: [String: Variable], shortfall: [String: Variable]) -> LinearExpression {
        var objective = LinearExpression()
        for target in targets {
            if target.weight > 0 { objective.add(target.weight / target.scale, impactTotal[target.id]!) }
            if let floor = target.floor, let short = shortfall[target.id] { objective.add(-floor.penalty, short) }
        }
        return objective
    }
}

func percent(_ share: Double) -> String {
    let value = share * 100
    return value == value.rounded() ? "\(Int(value)) %" : String(format: "%.1f %%", value)
}
