import LinearModel

extension GLPKSolver: ParametricSolver {
    /// Traces the optimal objective along `direction` exactly: from the current optimal basis, a
    /// ratio test on B⁻¹d (FTRAN) finds how far it stays optimal — a breakpoint is where a basic
    /// variable reaches a bound —; the piece is confirmed by a warm solve at its end; the limits
    /// are stepped just past that edge, the LP re-solved warm (dual simplex), and so on.
    /// Zero-length steps pass the same way; pieces with equal slopes merge.
    public func rightHandSideCurve(_ model: Model, direction: [ConstraintRef: Double], from: Double, to: Double) throws(SolverError) -> ParametricCurve {
        try rightHandSideCurve(model, direction: direction, from: from, to: to, maximumPieces: 100_000)
    }

    /// As above, stopping after `maximumPieces` steps: the curve then ends where it stopped, with
    /// ``Termination/limitReached(_:)`` as the reason, never silently short of `to`.
    public func rightHandSideCurve(_ model: Model, direction: [ConstraintRef: Double], from: Double, to: Double,
                                   maximumPieces: Int) throws(SolverError) -> ParametricCurve {
        do { try model.validate() } catch { throw .invalidModel(error) }
        guard from.isFinite, to.isFinite, from <= to else { throw .invalidOptions("the parameter range [\(from), \(to)] must be finite and increasing") }
        for (row, change) in direction {
            guard model.constraints.indices.contains(row.index), change.isFinite else {
                throw .invalidOptions("direction entry for row #\(row.index) is not in the model or not finite")
            }
        }
        let shift = Dictionary(uniqueKeysWithValues: direction.map { ($0.key.index, $0.value) })
        var options = SolveOptions()
        options.presolve = false
        let problem = load(model, options: options)
        func setLimits(at parameter: Double) {
            for (row, change) in shift {
                let bounds = model.constraints[row].bounds
                problem.setRowBounds(row, lower: bounds.lower + parameter * change, upper: bounds.upper + parameter * change)
            }
        }
        // Tight tolerances: the default 1e-7 on reduced costs lets a basis stay "optimal" while
        // the objective is 1e-6 short, which a curve of pieces would carry along.
        func solved() -> Termination? { problem.reoptimized(options, tight: true) }
        let scale = max(1, abs(to - from))
        let nudge = 1e-9 * scale
        var parameter = from
        var startsAt: Double?
        setLimits(at: from)
        if let failure = solved() {
            // Infeasible at the start: where the range ends feasible, bisect for where it starts.
            setLimits(at: to)
            guard solved() == nil else { return ParametricCurve(segments: [], endsAt: from, endReason: failure) }
            var infeasible = from, feasible = to
            for _ in 0..<80 where feasible - infeasible > nudge {
                let middle = (infeasible + feasible) / 2
                setLimits(at: middle)
                if solved() == nil { feasible = middle } else { infeasible = middle }
            }
            parameter = feasible
            startsAt = feasible
            setLimits(at: feasible)
            guard solved() == nil else { return ParametricCurve(segments: [], endsAt: from, endReason: failure) }
        }
        var segments: [ParametricSegment] = []
        for _ in 0..<maximumPieces {
            let objective = problem.objectiveValue
            let slope = shift.reduce(0) { $0 + problem.rowDual($1.key) * $1.value }
            var end = min(to, parameter + problem.maximumStep(along: shift))
            // A degenerate basis can allow no step at all while the optimum goes on along its
            // line; stepping by nudges then crawls (thousands of zero-length pieces). Probe the
            // rest of the range instead: the check below halves it to a proven piece.
            if end - parameter <= nudge { end = to }
            // The piece is checked at its end: a concave function that meets the line of its
            // slope at both ends is that line in between. Where the end falls short of the line
            // (a breakpoint the ratio test missed, numerically), the piece is halved.
            for _ in 0..<60 where end - parameter > nudge {
                setLimits(at: end)
                if solved() == nil, abs(problem.objectiveValue - (objective + slope * (end - parameter))) <= 1e-10 * max(1, abs(objective)) { break }
                end = parameter + (end - parameter) / 2
            }
            segments.append(ParametricSegment(start: parameter, end: end, objectiveAtStart: objective, slope: slope))
            if end >= to - nudge * 1e-3 {
                segments[segments.count - 1].end = to
                break
            }
            // Past the edge: a new optimal basis, found warm.
            let next = min(to, end + nudge)
            segments[segments.count - 1].end = next
            setLimits(at: next)
            if let failure = solved() {
                segments[segments.count - 1].end = end
                return ParametricCurve(segments: Self.merged(segments, minimumWidth: 1e-6 * (to - from)), endsAt: end, endReason: failure, startsAt: startsAt)
            }
            parameter = next
        }
        // Out of steps short of `to`: say where the curve stops and why.
        if let last = segments.last, last.end < to - nudge {
            return ParametricCurve(segments: Self.merged(segments, minimumWidth: 1e-6 * (to - from)), endsAt: last.end, endReason: .limitReached(.iterations), startsAt: startsAt)
        }
        return ParametricCurve(segments: Self.merged(segments, minimumWidth: 1e-6 * (to - from)), endsAt: nil, endReason: nil, startsAt: startsAt)
    }

    /// Adjacent pieces with the same slope, joined; zero-length pieces dropped; pieces narrower
    /// than `minimumWidth` (a millionth of the range) joined to the piece before them (the
    /// first to the one after): such slivers come from the walk's own steps past each edge, and
    /// their slope is the neighbours' to within the solver's tolerance. Slopes within 1e-12 of 0
    /// are 0.
    static func merged(_ segments: [ParametricSegment], minimumWidth: Double = 0) -> [ParametricSegment] {
        var cleaned = segments.filter { $0.end > $0.start || segments.count == 1 }.map { segment -> ParametricSegment in
            var segment = segment
            if abs(segment.slope) < 1e-12 { segment.slope = 0 }
            return segment
        }
        if minimumWidth > 0, cleaned.count > 1 {
            var joined: [ParametricSegment] = []
            for segment in cleaned {
                if !joined.isEmpty, segment.end - segment.start < minimumWidth {
                    // A sliver after a piece: that piece runs on over it.
                    joined[joined.count - 1].end = segment.end
                } else if joined.count == 1, joined[0].end - joined[0].start < minimumWidth {
                    // A sliver at the very start: the next piece takes it over from its start.
                    var next = segment
                    next.objectiveAtStart -= next.slope * (next.start - joined[0].start)
                    next.start = joined[0].start
                    joined[0] = next
                } else {
                    joined.append(segment)
                }
            }
            cleaned = joined
        }
        var result: [ParametricSegment] = []
        for segment in cleaned {
            // Slopes compare relatively: a price per unit can be 1e-6 and still differ by 0.1 %.
            if let last = result.last, abs(last.slope - segment.slope) <= 1e-9 * max(abs(last.slope), abs(segment.slope)) + 1e-18 {
                result[result.count - 1].end = segment.end
            } else {
                result.append(segment)
            }
        }
        return result
    }
}
