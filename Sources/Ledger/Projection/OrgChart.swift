/// The organisation on one date as a forest: roots are units without a parent (or the unit asked
/// for), children sorted by id.
public struct OrgChart: Hashable, Sendable {
    public var at: ValidDate
    public var roots: [Node]
    /// Records whose dates the sources leave open on `at` (see `DateUncertainty`): all of them for
    /// the whole organisation, those changing a unit or task of the chart for a part of it.
    public var uncertain: [DateUncertainty] = []

    public init(at: ValidDate, roots: [Node], uncertain: [DateUncertainty] = []) {
        self.at = at
        self.roots = roots
        self.uncertain = uncertain
    }

    /// A unit in the chart with the tasks it held and the supervision over it.
    public struct Node: Hashable, Sendable {
        public var unit: UnitSummary
        /// How it hangs under its parent; nil for a root.
        public var relation: Relation?
        public var tasks: [TaskID]
        public var supervisedBy: [SupervisionInForce]
        public var children: [Node]

        public init(unit: UnitSummary, relation: Relation?, tasks: [TaskID] = [], supervisedBy: [SupervisionInForce] = [],
                    children: [Node] = []) {
            self.unit = unit
            self.relation = relation
            self.tasks = tasks
            self.supervisedBy = supervisedBy
            self.children = children
        }
    }

    /// `uncertain`, set from all the uncertainties on the chart's date.
    mutating func note(_ all: [DateUncertainty], wholeOrganisation: Bool) {
        uncertain = wholeOrganisation ? all : DateUncertainty.concerning(Set(allNodes.flatMap { [$0.unit.id] + $0.tasks }), in: all)
    }

    /// Every unit in the chart, depth first.
    public var allNodes: [Node] {
        var result: [Node] = []
        func walk(_ node: Node) { result.append(node); node.children.forEach(walk) }
        roots.forEach(walk)
        return result
    }
}

extension OrgSnapshot {
    /// The org chart on the snapshot's date, whole or from `root` down. Nil if `root` is not a
    /// live unit then.
    public func orgChart(at date: ValidDate, root: UnitID? = nil) -> OrgChart? {
        orgChart(at: date, root: root) { each in forEachTask(each) }
    }

    /// `orgChart(at:root:)` with the tasks `tasks` hands to its argument in id order: for a source
    /// that reads tasks one at a time rather than hold a million of them (the index).
    func orgChart<Failure: Error>(at date: ValidDate, root: UnitID?,
                                  tasks: ((TaskState) -> Void) throws(Failure) -> Void) throws(Failure) -> OrgChart? {
        var children: [UnitID: [UnitState]] = [:]
        var roots: [UnitState] = []
        for id in unitIDs {
            guard let unit = liveUnit(id) else { continue }
            if let parent = unit.parent { children[parent, default: []].append(unit) } else { roots.append(unit) }
        }
        var tasksByUnit: [UnitID: [TaskID]] = [:]
        try tasks { task in
            if let holder = task.holder { tasksByUnit[holder, default: []].append(task.id) }
        }
        func node(_ unit: UnitState, isRoot: Bool) -> OrgChart.Node {
            let supervision = supervisions(over: unit.id).compactMap { key, record -> SupervisionInForce? in
                guard let supervisor = self.unit(key.supervisor) else { return nil }
                return SupervisionInForce(kind: key.kind, supervisor: UnitSummary(supervisor), over: unit.id, task: key.task, record: record)
            }
            return OrgChart.Node(
                unit: UnitSummary(unit), relation: isRoot || unit.parent == nil ? nil : unit.relation,
                tasks: tasksByUnit[unit.id] ?? [], supervisedBy: supervision,
                children: (children[unit.id] ?? []).map { node($0, isRoot: false) })
        }
        if let root {
            guard let unit = liveUnit(root) else { return nil }
            return OrgChart(at: date, roots: [node(unit, isRoot: false)])
        }
        return OrgChart(at: date, roots: roots.map { node($0, isRoot: true) })
    }
}
